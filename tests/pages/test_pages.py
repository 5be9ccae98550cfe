"""Every page through AppTest, on an empty and on a filled database: no exception, the expected title,
metrics and charts, the synthetic label when demo reports are in view."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from xxgk.report import SYNTHETIC_MARK

PAGES = {
    "overview": "总览", "disclosure": "主动公开", "applications": "依申请公开", "zero_activity": "零活动机关",
    "litigation": "复议诉讼", "timeliness": "按时公开", "agency": "机关画像", "compare": "对比", "quality": "数据质量",
    "upload": "数据导入", "about": "数据下载与说明",
}


def open_page(db, page: str, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("XXGK_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
def test_page_on_empty_database(page, empty_db, monkeypatch):
    at = open_page(empty_db, page, monkeypatch)
    assert [t.value for t in at.title] == [PAGES[page]]
    assert not at.get("plotly_chart"), "no chart without data"
    assert not any(SYNTHETIC_MARK in w.value for w in at.warning)


@pytest.mark.parametrize("page", PAGES)
def test_page_on_filled_database_shows_the_synthetic_label(page, filled_db, monkeypatch):
    # the demo dataset chosen in the URL: A5 (宁波市公安局鄞州分局) is its one agency
    at = open_page(filled_db, page, monkeypatch, dataset="示例市",
                   **({"org": "宁波市公安局鄞州分局"} if page == "agency" else {}))
    assert [t.value for t in at.title] == [PAGES[page]]
    assert any(SYNTHETIC_MARK in w.value for w in at.warning)


def test_agency_profile_labels_the_agency_of_the_dataset_in_view(filled_db, monkeypatch):
    # the real dataset opens by default (the fixture's reports are the user's own): 宁波市公安局海曙分局 is real
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局")
    assert [s.value for s in at.selectbox if s.key == "org"] == ["宁波市公安局海曙分局"]
    assert not any(SYNTHETIC_MARK in w.value for w in at.warning)
    at = open_page(filled_db, "agency", monkeypatch, dataset="示例市", org="宁波市公安局鄞州分局")
    assert [w.value for w in at.warning if SYNTHETIC_MARK in w.value] == [
        f"**{SYNTHETIC_MARK}**：宁波市公安局鄞州分局的年报是生成的示例报告，数字仅用于演示，不代表任何真实机关。"
        "真实机关的年报请在左侧「数据集」选择「真实年报」。"]


# Pages that draw at least one chart once reports are stored (the import page draws none).
CHARTED = [p for p in PAGES if p != "upload"]


@pytest.mark.parametrize("page", CHARTED)
def test_page_on_ingested_database_draws_chinese_charts(page, ingested_db, monkeypatch):
    at = open_page(ingested_db, page, monkeypatch)
    assert [t.value for t in at.title] == [PAGES[page]]
    figs = figures(at)
    if page == "about":
        assert len(at.get("download_button")) >= 3, "the bulk downloads are offered"
        return
    assert figs, f"{page}: no chart"
    for fig in figs:
        assert fig["data"], f"{page}: a chart without data"
        text = json.dumps(fig["layout"], ensure_ascii=False) + json.dumps(
            [t.get("hovertemplate", "") for t in fig["data"]], ensure_ascii=False)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), f"{page}: chart labels are not Chinese"


def test_overview_metrics_and_trend(filled_db, monkeypatch):
    at = open_page(filled_db, "overview", monkeypatch)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["年报数"].endswith("份") and metrics["机关数"].endswith("个")
    fig = figures(at)[0]
    names = [t["name"] for t in fig["data"]]
    assert "本年新收申请" in names
    assert fig["layout"]["xaxis"]["title"]["text"] == "年度"
    years = fig["data"][0]["x"]
    assert years == sorted(years)


def test_the_real_dataset_has_no_label_and_never_the_demo_figures(filled_db, monkeypatch):
    at = open_page(filled_db, "overview", monkeypatch, dataset="真实年报")
    assert not any(SYNTHETIC_MARK in w.value for w in at.warning)
    demo = open_page(filled_db, "overview", monkeypatch, dataset="示例市")
    # the demo dataset is A5 alone (1 agency); the real one A1–A4 with their own tables (A6 is not placed, A7's
    # tables are region-wide)
    assert {m.label: m.value for m in demo.metric}["机关数"] == "1 个"
    assert {m.label: m.value for m in at.metric}["机关数"] == "5 个"


def test_the_dataset_defaults_to_the_demo_city_until_own_reports_are_stored(ingested_db, filled_db, monkeypatch):
    # the ingested database holds the demo city and only the shipped real sample: it opens on the demo city
    at = open_page(ingested_db, "overview", monkeypatch)
    assert [c.value for c in at.get("segmented_control") if c.key == "dataset"] == ["示例市"]
    assert any(SYNTHETIC_MARK in w.value for w in at.warning)
    # the fixture's real reports are not the shipped sample: they are the user's own, and the view opens on them
    at = open_page(filled_db, "overview", monkeypatch)
    assert [c.value for c in at.get("segmented_control") if c.key == "dataset"] == ["真实年报"]


def test_region_cascade_and_scope_from_the_url(filled_db, monkeypatch):
    at = open_page(filled_db, "overview", monkeypatch, province="浙江省", city="宁波市", scope="政府汇总")
    assert {m.key: m.value for m in at.multiselect}["city"] == ["宁波市"]
    # 政府汇总: only A7's region-wide report (宁波市人民政府 2022)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["机关数"] == "1 个" and metrics["年报数"].startswith("1")


def test_filters_from_the_url_narrow_the_view(filled_db, monkeypatch):
    everything = {m.label: m.value for m in open_page(filled_db, "overview", monkeypatch).metric}
    one = {m.label: m.value for m in open_page(filled_db, "overview", monkeypatch, district="海曙区").metric}
    assert one["机关数"] != everything["机关数"]
    at = open_page(filled_db, "overview", monkeypatch, district="海曙区")
    assert [m.value for m in at.multiselect if m.key == "district"] == [["海曙区"]]


def test_sidebar_filters_persist_across_pages(filled_db, monkeypatch):
    at = open_page(filled_db, "overview", monkeypatch, district="海曙区")
    next(m for m in at.multiselect if m.key == "bureau").select("公安").run()
    assert {m.label: m.value for m in at.metric}["机关数"] == "1 个"
    at.switch_page("pages/zero_activity.py").run()
    assert not at.exception
    assert {m.key: m.value for m in at.multiselect}["bureau"] == ["公安"]


def test_applications_outcome_shares_are_percentages(filled_db, monkeypatch):
    fig = figures(open_page(filled_db, "applications", monkeypatch))[0]
    assert {t["name"] for t in fig["data"]} >= {"予以公开", "不予公开"}
    for i in range(len(fig["data"][0]["x"])):
        total = sum(t["y"][i] or 0 for t in fig["data"] if i < len(t["y"]))
        assert abs(total - 100) < 0.01


def test_zero_activity_lists_streaks(filled_db, monkeypatch):
    at = open_page(filled_db, "zero_activity", monkeypatch)
    assert any("零申请" in m.label for m in at.metric)
    assert at.dataframe, "the streak table is shown"


def test_about_page_shows_the_data_dictionary_tab_from_the_url(ingested_db, monkeypatch):
    at = open_page(ingested_db, "about", monkeypatch, about_tab="数据字典")
    table = at.dataframe[0].value
    assert "公开率" in list(table["指标"]) and "公式" in table.columns


def test_agency_profile_traces_numbers_to_cells_and_source(ingested_db, monkeypatch):
    at = open_page(ingested_db, "agency", monkeypatch, org_tab="表三 依申请公开")
    cells = at.dataframe[0].value
    assert {"原文", "页码", "位置", "行名称（原文）"} <= set(cells.columns)
    assert cells["原文"].notna().any()
    at = open_page(ingested_db, "agency", monkeypatch, org_tab="原始文件")
    assert any(b.label == "下载原始文件" for b in at.get("download_button"))


def test_a_broken_database_gives_a_chinese_message_not_a_traceback(tmp_path, monkeypatch):
    bad = tmp_path / "broken.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("XXGK_DB", str(bad))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "数据库" in at.error[0].value


def test_a_name_search_narrows_every_page_and_an_unknown_name_empties_it(filled_db, monkeypatch):
    everything = {m.label: m.value for m in open_page(filled_db, "overview", monkeypatch).metric}
    police = {m.label: m.value for m in open_page(filled_db, "overview", monkeypatch, q="公安").metric}
    # the real dataset's one police bureau (A4; A5 is demo data)
    assert police["机关数"] == "1 个" and police["年报数"] != everything["年报数"]
    at = open_page(filled_db, "overview", monkeypatch, q="不存在的机关")
    assert not at.metric and not at.get("plotly_chart")
    assert any("没有年报" in i.value for i in at.info)


def test_links_open_the_view_they_name(filled_db, monkeypatch):
    at = open_page(filled_db, "compare", monkeypatch, cmp_mode="区县对比")
    assert {s.label for s in at.selectbox} >= {"区县 A", "区县 B"}
    at = open_page(filled_db, "overview", monkeypatch, template="2021版")
    assert [m.value for m in at.multiselect if m.key == "template"] == [["2021版"]]
    years = {m.label: m.value for m in at.metric}
    assert years["年报数"] != {m.label: m.value for m in open_page(filled_db, "overview", monkeypatch).metric}["年报数"]
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局", org_year="2020")
    assert [s.value for s in at.selectbox if s.key == "org"] == ["宁波市公安局海曙分局"]
    assert [s.value for s in at.selectbox if s.key == "org_year"] == [2020]


def test_every_rate_column_of_a_table_is_shown_as_a_percentage(filled_db, monkeypatch):
    # 机关画像's year-on-year table holds this year's and last year's 公开率 side by side: both as percentages
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局")
    yoy = next(d for d in at.dataframe if "上年公开率" in d.value.columns)
    config = json.loads(yoy.proto.columns)
    shown = yoy.value
    for label in ("上年公开率", "公开率", "新收申请变化率"):
        # one rule on every page: a percentage with one decimal (the table holds 100 × the fraction)
        assert config[label]["type_config"]["format"] == "%.1f%%", label
        values = [v for v in shown[label].tolist() if v == v and v is not None]
        assert values and all(abs(v) <= 100 for v in values if label != "新收申请变化率"), label


def test_quality_page_lists_reports_whose_text_contradicts_table_three(filled_db, monkeypatch):
    at = open_page(filled_db, "quality", monkeypatch, dq_tab="正文与表三不符")
    table = at.dataframe[0].value
    assert list(table["机关"]) == ["宁波市海曙区经济和信息化局"]
    assert (table["正文所述收到申请"][0], table["表三本年新收"][0]) == (2, 0)


def test_quality_page_lists_documents_in_force_that_do_not_follow_from_last_year(filled_db, monkeypatch):
    at = open_page(filled_db, "quality", monkeypatch, dq_tab="现行有效件数")
    table = at.dataframe[0].value
    assert list(zip(table["机关"], table["事项"], table["相差"], strict=True)) == [("宁波市鄞州区经济和信息化局", "行政规范性文件", 3)]
    assert any("不一定是错误" in c.value for c in at.caption)


def test_agency_profile_shows_what_the_parser_noted(filled_db, monkeypatch):
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局", org_year="2019", org_tab="解析提示")
    table = at.dataframe[0].value
    assert list(table["序号"]) == [1, 2] and "已留空" in table["解析提示"][0]
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局", org_year="2020", org_tab="解析提示")
    assert not [d for d in at.dataframe if "解析提示" in d.value.columns]
    assert any("没有需要说明" in i.value for i in at.info)


def test_quality_page_lists_reports_silent_on_fees(filled_db, monkeypatch):
    at = open_page(filled_db, "quality", monkeypatch, dq_tab="信息处理费")
    table = at.dataframe[0].value
    # the real dataset: A5 2022 is demo data; A7's section 六 mentions the fees
    assert "宁波市鄞州区人民政府" in set(table["机关"]) and len(table) == 7
    assert any("信息处理费管理办法" in c.value for c in at.caption)


def test_timeliness_page_draws_the_on_time_share(filled_db, monkeypatch):
    at = open_page(filled_db, "timeliness", monkeypatch)
    line = figures(at)[0]["data"][0]
    # tests/queries/test_timeliness.py works these out (real reports): 2019 4 of 4, 2020 1 of 3, 2021 2 of 2,
    # 2022 1 of 3;
    # 2018 has one report of unknown date: no share (a gap, not 0)
    assert line["x"] == [2018, 2019, 2020, 2021, 2022]
    assert [None if y is None else round(y, 1) for y in line["y"]] == [None, 100.0, 33.3, 100.0, 33.3]
    # the latest year, 2022 (real reports): 1 of 3 dated on time, A3 and A4 late, A2 and A7 undated
    assert [m.value for m in at.metric][:3] == ["33.3%", "2 份", "2 份"]
    at = open_page(filled_db, "timeliness", monkeypatch, tl_tab="按地区 / 部门比较")
    bars = figures(at)[0]["data"][0]
    # 2022 by district: 鄞州区 A1 on time (A2 undated, left out; A5 is the demo dataset's), 海曙区 A3 and A4 late
    assert dict(zip(bars["y"], [round(x, 1) for x in bars["x"]], strict=True)) == {"海曙区": 0.0, "鄞州区": 100.0}


def test_quality_page_lists_late_and_undated_reports(filled_db, monkeypatch):
    at = open_page(filled_db, "quality", monkeypatch, dq_tab="逾期")
    table = at.dataframe[0].value
    assert list(table["状态"]) == ["逾期"] * 4 + ["日期不详"] * 5  # as late_reports lists them (test_timeliness)
    assert list(table["逾期天数"][:4]) == [29, 10, 5, 1] and list(table["公开日期来源"][:4]) == [
        "text", "text", "web", "metadata"]


def test_agency_profile_states_scope_and_publication(filled_db, monkeypatch):
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市鄞州区人民政府", org_year="2020")
    assert any("公开日期 2021-04-10（年报落款日期），期限 2021-03-31，逾期 10 天" in c.value for c in at.caption)


def test_quality_page_counts_each_list_as_its_query_alone_does(filled_db, monkeypatch):
    # the chart's counts come from quality_counts (覆盖/差额's from its own list, read beside it): each issue's count
    # is the length of its list when that query runs alone
    import ast

    import duckdb

    from xxgk import queries
    from xxgk.filters import Filters

    source = ast.parse((Path(APP).parent / "pages" / "quality.py").read_text(encoding="utf-8"))  # not run: a page
    ISSUES = next(ast.literal_eval(n.value) for n in source.body  # noqa: N806 - the page's own name
                  if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "ISSUES")
    at = open_page(filled_db, "quality", monkeypatch, dataset="真实年报", years=["2019", "2022"])
    bars = figures(at)[0]["data"][0]
    shown = dict(zip(bars["y"], bars["x"], strict=True))
    con = duckdb.connect(str(filled_db), read_only=True)
    try:
        f = Filters(dataset="real", year_from=2019, year_to=2022).params()  # as the page's URL chooses
        alone = {label: queries.run(con, name, f).height for label, _short, name in ISSUES.values()}
    finally:
        con.close()
    assert sum(alone.values()) > 0
    assert shown == alone


@pytest.mark.parametrize("tab", ["勾稽未通过", "结转不衔接", "疑似照抄", "缺报", "逾期", "机关未定位", "解析留空", "覆盖/差额", "下级缺报"])
def test_each_quality_tab_heading_counts_its_list_and_shows_its_head(filled_db, monkeypatch, tab):
    # the chart's and each tab's count come from quality_counts (覆盖/差额's from its own list); the tab the link
    # opens is read beside them: its heading and table are those of its query run alone
    import ast

    import duckdb

    from xxgk import queries
    from xxgk.filters import Filters

    source = ast.parse((Path(APP).parent / "pages" / "quality.py").read_text(encoding="utf-8"))  # not run: a page
    ISSUES = next(ast.literal_eval(n.value) for n in source.body  # noqa: N806 - the page's own name
                  if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "ISSUES")
    label, _short, name = next(v for v in ISSUES.values() if v[1] == tab)
    at = open_page(filled_db, "quality", monkeypatch, dataset="真实年报", years=["2019", "2022"], dq_tab=tab)
    con = duckdb.connect(str(filled_db), read_only=True)
    try:
        alone = queries.run(con, name, {**Filters(dataset="real", year_from=2019, year_to=2022).params(), "limit": 200})
    finally:
        con.close()
    total = int(alone["total_rows"][0]) if alone.height else 0
    assert any(m.value.startswith(f"**{label}**：{total:,} 条") for m in at.markdown), [m.value for m in at.markdown]
    if total:
        assert at.dataframe[0].value.shape[0] == alone.height
    else:
        assert any(label in i.value for i in at.info)
