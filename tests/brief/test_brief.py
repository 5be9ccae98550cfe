"""The Word briefing of the fixture database, opened with python-docx: its text and tables hold what the
named queries return, its sources name the cells as printed, and the synthetic label is where it belongs."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from tests.brief.conftest import number, percent, read
from xxgk import metrics
from xxgk.brief import build
from xxgk.brief.facts import MIN_CONCLUDED_REVIEWS, MIN_PROCESSED, STREAK_YEARS, TOP
from xxgk.brief.sources import place
from xxgk.filters import Filters
from xxgk.report import SYNTHETIC_MARK

DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def doc(con):
    return read(build(con, Filters(), today=DAY, charts=False).content)


def q(con, name, f: Filters | None = None, **extra):
    return metrics.read(con, name, {**(f or Filters()).params(), **extra})


def test_headline_figures_are_the_overview_query(con, doc):
    k = q(con, "overview_kpis").row(0, named=True)
    rows = {r[0]: r[1] for r in doc.table("表1 主要指标")[1:]}
    assert number(rows["年报数"]) == k["reports"]
    assert number(rows["新收政府信息公开申请"]) == k["received"]
    assert number(rows["办理总计"]) == k["processed"]
    assert number(rows["予以公开 + 部分公开"]) == k["disclosed"]
    assert rows["公开率"] == percent(k["open_rate"])
    assert number(rows["行政复议"]) == k["reviews"]
    assert number(rows["行政诉讼"]) == k["suits"]
    assert number(rows["零申请年报"]) == k["zero_application_reports"]
    assert number(rows["校验未通过的年报"]) == k["reports_failing_checks"]
    law = q(con, "review_litigation", group_by="all")
    concluded = sum(law[c].fill_null(0).sum() for c in ("review_upheld", "review_corrected", "review_other"))
    assert rows["复议纠错率"] == percent(law["review_corrected"].sum() / concluded)
    vol = q(con, "disclosure_volumes", group_by="all")
    for measure, name in (("t2_licensing__decisions", "行政许可决定"), ("t2_penalty__decisions", "行政处罚决定")):
        assert number(rows[name]) == vol.filter(pl.col("measure") == measure)["value"].sum()
    lead = next(p for p in doc.paragraphs if p.startswith(f"{k['year_min']}–{k['year_max']}年度，"))
    assert f"{k['reports']:,} 份年报" in lead and percent(k["open_rate"]) in lead


def test_years_table_is_the_yearly_trend(con, doc):
    trend = q(con, "yearly_trend").sort("year")
    rows = doc.table("表2 逐年主要指标")
    assert rows[0][:6] == ["年度", "模板", "年报数", "新收申请", "办理总计", "公开率"]
    assert [int(r[0]) for r in rows[1:]] == trend["year"].to_list()
    for r, t in zip(rows[1:], trend.iter_rows(named=True), strict=True):
        assert number(r[2]) == t["reports"] and number(r[3]) == t["received"] and number(r[4]) == t["processed"]
        assert r[5] == percent(t["open_rate"])


def test_rankings_carry_their_base_and_leave_out_small_ones(con, doc):
    latest = q(con, "overview_kpis")["year_max"][0]
    top = q(con, "rankings", metric="received", ascending=False, limit=TOP).filter(pl.col("year") == latest)
    rows = doc.table("表4 新收申请最多")
    assert [(r[1], number(r[3])) for r in rows[1:]] == list(zip(top["agency"], top["value"], strict=True))
    ranked = q(con, "rankings", metric="open_rate", ascending=True, limit=10**6).filter(pl.col("year") == latest)
    kept = ranked.filter(pl.col("denominator") >= MIN_PROCESSED).sort("rank", "agency")
    rows = doc.table("表5 公开率最低")
    assert [r[1] for r in rows[1:]] == kept["agency"].to_list()[:TOP]
    assert [number(r[4]) for r in rows[1:]] == kept["denominator"].to_list()[:TOP]
    assert [r[3] for r in rows[1:]] == [percent(v) for v in kept["value"].to_list()[:TOP]]
    left = ranked.height - kept.height
    assert left > 0, "the fixture has an agency under the minimum base"
    assert f"另有 {left} 个机关办理总计不足 {MIN_PROCESSED} 件" in "\n".join(doc.paragraphs)
    review = q(con, "rankings", metric="review_correction_rate", ascending=False, limit=10**6)
    review = review.filter((pl.col("year") == latest) & (pl.col("denominator") >= MIN_CONCLUDED_REVIEWS))
    assert [r[1] for r in doc.table("表6 复议纠错率最高")[1:]] == review.sort("rank", "agency")["agency"].to_list()


def test_district_table_is_applications_by_group(con, doc):
    latest = q(con, "overview_kpis")["year_max"][0]
    d = q(con, "applications_by_group", group_by="district").filter(pl.col("year") == latest)
    d = d.filter(pl.col("processed") >= MIN_PROCESSED).sort("open_rate")
    rows = doc.table("表3 各区县")
    assert [(r[1], number(r[3]), r[4]) for r in rows[1:]] == [
        (g, p, percent(o)) for g, p, o in d.select("group_key", "processed", "open_rate").rows()]


def test_zero_activity_missing_and_quality_sections_match_their_queries(con, doc):
    share = q(con, "zero_activity_share", group_by="all").sort("year")
    rows = doc.table("表7 零申请机关")
    assert [(int(r[0]), number(r[3])) for r in rows[1:]] == share.select("year", "zero_agencies").rows()
    streaks = q(con, "zero_streaks").filter((pl.col("streak_years") >= STREAK_YEARS) & pl.col("is_latest"))
    text = "\n".join(doc.paragraphs)
    assert f"且延续到该机关最新一份年报的机关共 {streaks.height}个" in text
    missing = q(con, "missing_reports")
    assert missing.height > 0
    assert [r[0] for r in doc.table("表9 缺报")[1:]] == missing["agency"].to_list()
    quality = q(con, "data_quality")
    counts = {r[0]: number(r[1]) for r in doc.table("表11 数据质量问题")[1:]}
    assert counts["表内校验（R1–R5）未通过"] == quality.filter(pl.col("checks_failed") > 0).height
    assert counts["本年新收申请数空白"] == quality.filter(pl.col("received_blank")).height
    timely = q(con, "timeliness", group_by="all").sort("year")
    rows = doc.table("表10 年报按时发布情况")
    assert [(int(r[0]), number(r[3]), number(r[4]), r[6]) for r in rows[1:]] == [
        (y, on, late, percent(share)) for y, on, late, share in
        timely.select("year", "on_time_reports", "late_reports", "on_time_share").rows()]
    late = q(con, "late_reports")
    assert f"发布日期晚于法定期限的年报共 {late.filter(pl.col('status') == 'late').height}份" in text


def test_every_number_has_a_source_and_cells_are_quoted_as_printed(con, doc):
    notes = doc.table("附表一 数字来源")
    markers = {r[0] for r in notes[1:]}
    used = set(re.findall(r"〔注\d+〕", "\n".join(doc.paragraphs) + "".join(
        c for caption, rows in doc.tables.items() if not caption.startswith("附表") for r in rows for c in r)))
    used |= set(re.findall(r"〔注\d+〕", "\n".join(p for p in doc.paragraphs if p.startswith(("表", "图")))))
    assert used and used <= markers
    assert all(r[3] for r in notes[1:]), "every note says where its number comes from"
    cells = doc.table("附表二 单元格原文")
    assert cells[0] == ["注", "机关", "年度", "表", "行（模板名称）", "列", "原文", "页码"]
    stored = q(con, "export_cells")
    printed = {(a, str(y), *place(t, r, c, tpl)): raw for a, y, t, r, c, tpl, raw in stored.select(
        "agency", "year", "table_name", "row_key", "col_key", "template", "raw").rows()}
    assert len(cells) > 20
    for row in cells[1:]:
        key = (row[1], row[2], row[3], row[4], row[5])
        if row[6].startswith("未填报"):
            assert key not in printed
        else:
            assert printed[key] == (row[6] if row[6] != "（空白）" else printed[key])
    # the top agency of 表4 is quoted with its own cell
    top = doc.table("表4 新收申请最多")[1]
    assert any(r[1] == top[1] and r[4] == "一、本年新收政府信息公开申请数量" and r[5] == "总计" for r in cells[1:])


def test_synthetic_label_present_only_when_demo_reports_are_in_the_selection(con, doc):
    demo = read(build(con, Filters(dataset="demo"), today=DAY, charts=False).content)
    assert demo.text.count(SYNTHETIC_MARK) >= 3  # title block, warning, page header
    assert SYNTHETIC_MARK in demo.document.sections[0].header.paragraphs[0].text
    assert SYNTHETIC_MARK not in doc.text  # the real dataset (the default)
    kpi = q(con, "overview_kpis", Filters(dataset="real"))
    assert number({r[0]: r[1] for r in doc.table("表1 主要指标")[1:]}["年报数"]) == kpi["reports"][0]


def test_title_selection_date_and_chinese_fonts(con):
    f = Filters(year_from=2021, year_to=2022, districts=("海曙区",))
    b = build(con, f, today=DAY, charts=False)
    d = read(b.content)
    assert "海曙区2021–2022年度政府信息公开工作年度报告统计简报" in d.paragraphs
    assert "2026年3月1日生成" in d.paragraphs
    assert any("区县：海曙区" in p for p in d.paragraphs)
    assert b.file_name == "政务公开年报简报_2021-2022_20260301.docx"  # 海曙区 has no demo report
    fonts = d.document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_an_empty_selection_says_so(con):
    d = read(build(con, Filters(year_from=1990, year_to=1991), today=DAY, charts=False).content)
    assert any("当前筛选条件下没有年报" in p for p in d.paragraphs)
    assert SYNTHETIC_MARK not in d.text


def test_without_a_browser_the_briefing_is_made_and_says_why(con, monkeypatch, tmp_path):
    monkeypatch.setenv("XXGK_CHROMIUM", str(tmp_path / "no-such-browser"))
    b = build(con, Filters(), today=DAY)
    d = read(b.content)
    assert b.figures == 0 and not d.images()
    assert any("未找到用于绘制图表的浏览器" in p for p in d.paragraphs)
    assert b.problems and "XXGK_CHROMIUM" in b.problems[0]


def test_one_agency_names_itself_in_the_title(con):
    ids = metrics.read(con, "filter_options", {"dataset": "real"}).filter(
        (pl.col("kind") == "agency") & (pl.col("label") == "宁波市公安局海曙分局"))["value"].cast(pl.Int64).to_list()
    d = read(build(con, Filters(agency_ids=tuple(ids)), today=DAY, charts=False).content)
    k = q(con, "overview_kpis", Filters(agency_ids=tuple(ids))).row(0, named=True)
    assert f"宁波市公安局海曙分局{k['year_min']}–{k['year_max']}年度政府信息公开工作年度报告统计简报" in d.paragraphs
