"""Data-quality queries and rankings with caveats, against hand-worked values of the fixture database."""

import polars as pl
import pytest

from xxgk import queries
from xxgk.filters import Filters


def test_quality_checks_lists_failures_and_conflicts(con):
    out = queries.run(con, "quality_checks", {})
    # A4 2020–2022 fail R2 once each; A1 2021 conflicts with its superseded copy
    assert sorted(out["report_id"]) == ["r1-2021", "r4-2020", "r4-2021", "r4-2022"]
    a4 = out.filter(report_id="r4-2020").row(0, named=True)
    assert (a4["checks_failed"], a4["checks_run"], a4["failed_rules"]) == (1, 2, "R2")
    # the real dataset (A5 2022 is demo data), A7's region-wide 2022 report included: a list adds nothing up
    assert set(out["reports_in_scope"]) == {17}


def test_carry_over_breaks(con):
    out = queries.run(con, "carry_over_breaks", {})
    # A1 2022: 上年结转 3 against 2021's 结转下年度 2 (总计). A3 2020: 商业企业 0 against 1, totals both 0.
    assert out["report_id"].to_list() == ["r1-2022", "r3-2020"]
    row = out.row(0, named=True)
    assert (row["carried_over"], row["prev_carried_forward"], row["difference"], row["columns_differing"]) == (3, 2, 1, 1)
    a3 = out.row(1, named=True)
    assert (a3["difference"], a3["columns_differing"], a3["is_break"]) == (0, 1, True)
    # pairs with a column printed in both years: A1 2020–22, A2 2020–22, A3 2020, A4 2020–22 = 10
    # (A1 2019 against its 2018 legacy report prints none: unknown, not compared)
    assert row["pairs_compared"] == 10


def test_near_identical(con):
    out = queries.run(con, "near_identical", {})
    flags = {r["report_id"]: (r["tables_identical"], r["text_identical"]) for r in out.iter_rows(named=True)}
    # A4 2022 repeats 2021 in tables and text; A2 2022 repeats only the text (new numbers)
    assert flags == {"r4-2022": (True, True), "r2-2022": (False, True)}
    # pairs: A1 2019 (with its 2018 legacy report), 2020, 2021, 2022; A2 2020–22; A3 2020; A4 2020–22 = 11
    assert set(out["pairs_compared"]) == {11}


def test_missing_reports(con):
    out = queries.run(con, "missing_reports", {})
    # A3 reported 2020, not 2021; A6 reported 2021, not 2022
    assert list(zip(out["agency_id"], out["last_year"], out["missing_year"], strict=True)) == [(3, 2020, 2021), (6, 2021, 2022)]
    assert queries.run(con, "missing_reports", {"year_to": 2021})["missing_year"].to_list() == [2021]


def test_data_quality_caveats(con):
    out = queries.run(con, "data_quality", {})
    caveat = dict(zip(out["report_id"], out["caveat"], strict=True))
    assert out.height == 17  # every report of the real dataset (A5 2022 is demo data), A7's region-wide one too
    assert caveat["r4-2022"] == "表内校验未通过1项；表格数字与上年完全相同"
    assert caveat["r4-2019"] == "本年新收申请数空白"
    assert caveat["r1-2022"] == "上年结转与上年报告的结转下年度不一致"
    assert caveat["r1-2021"] == "同年另有数字不同的版本"
    demo = queries.run(con, "data_quality", {"dataset": "demo"})
    assert dict(zip(demo["report_id"], demo["caveat"], strict=True)) == {"r5-2022": "示例数据，虚构"}
    assert caveat["r3-2020"] == "上年结转与上年报告的结转下年度不一致"  # the 商业企业 column
    assert caveat["r3-2019"] == "未发现数据问题"
    assert out.filter(report_id="r4-2022")["issues"][0] == 2


def test_rankings_carry_their_caveat(con):
    out = queries.run(con, "rankings", {"metric": "open_rate", "ascending": True, "limit": 3})
    y2021 = out.filter(year=2021)
    # 2021 lowest open rates: A6 1/2, A1 18/29, A4 30/40 (A2 processed 0: no rate, not ranked)
    assert y2021["agency_id"].to_list() == [6, 1, 4]
    assert y2021["caveat"].to_list() == ["分母小于5，比率不稳定", "同年另有数字不同的版本", "表内校验未通过1项"]
    y2022 = out.filter(year=2022)
    # 2022 (real dataset): A1 30/41, A4 30/40, A2 3/3 (A5, demo data, is never ranked beside them)
    assert y2022["agency_id"].to_list() == [1, 4, 2]
    top = queries.run(con, "rankings", {"metric": "received", "ascending": False, "limit": 1, "year_from": 2022})
    assert (top["agency_id"].to_list(), top["value"].to_list()) == ([4, 1], [40, 40])  # tied, by name
    demo = queries.run(con, "rankings", {"metric": "received", "ascending": False, "limit": 1, "year_from": 2022,
                                         "dataset": "demo"})
    assert (demo["agency_id"].to_list(), demo["caveat"].to_list()) == ([5], ["示例数据，虚构"])


@pytest.mark.parametrize("metric", ["received", "open_rate", "refusal_rate", "reviews", "review_correction_rate",
                                    "suits"])
@pytest.mark.parametrize("ascending", [True, False])
def test_a_ranking_cut_at_a_rank_is_the_head_of_the_whole_ranking(con, metric, ascending):
    """rankings ranks only the rows up to each year's cut: ties at the cut and the ranks match the whole ranking's."""
    every = queries.run(con, "rankings", {"metric": metric, "ascending": ascending, "limit": 1_000_000})
    assert every.height > 0
    for limit in (1, 2, 3):
        cut = queries.run(con, "rankings", {"metric": metric, "ascending": ascending, "limit": limit})
        assert cut.rows() == every.filter(pl.col("rank") <= limit).rows()


@pytest.mark.parametrize("f", [Filters(dataset="demo"), Filters(dataset="demo", year_from=2023, year_to=2023)], ids=repr)
def test_in_force_drift_cut_at_a_limit_is_the_head_of_the_whole_list(generated, f):
    """in_force_drift picks its first rows by the size of the drift before it reads names: with ties at the cut
    (many drifts of one size), each limited list is the head of the whole list, in the same order."""
    every = queries.run(generated, "in_force_drift", {**f.params(), "limit": None})
    sizes = every["drift"].abs()
    assert every.height > 50 and sizes.n_unique() < every.height  # drifts of one size to be ordered by name
    for limit in (1, 2, 7, 50):
        cut = queries.run(generated, "in_force_drift", {**f.params(), "limit": limit})
        assert cut.rows() == every.head(limit).rows()


def test_rankings_and_data_quality_flag_alike(con):
    ranked = queries.run(con, "rankings", {"metric": "received", "ascending": False, "limit": 100})
    quality = queries.run(con, "data_quality", {})
    cols = ["agency_id", "year", "checks_failed", "conflict", "received_blank", "carry_over_break",
            "tables_repeat_last_year", "narrative_mismatch", "issues"]
    joined = ranked.select(cols).join(quality.select(cols), on=["agency_id", "year"], suffix="_dq")
    assert joined.height == ranked.height
    for c in cols[2:]:
        assert joined[c].equals(joined[f"{c}_dq"]), c
    assert pl.Series(ranked["caveat"]).str.len_chars().min() > 0


def test_narrative_mismatches(con):
    out = queries.run(con, "narrative_mismatches", {})
    # A3 2022: the text says 全年收到政府信息公开申请2件, table 三 本年新收 总计 0; A2 2021 (0 = 0) and A4 2020
    # (40 = 40) agree; every other report states no number in its text, so it is not compared
    assert out["report_id"].to_list() == ["r3-2022"]
    row = out.row(0, named=True)
    assert (row["narrative_received"], row["table_received"], row["difference"]) == (2, 0, 2)
    assert row["pairs_compared"] == 3
    quality = queries.run(con, "data_quality", {})
    caveat = dict(zip(quality["report_id"], quality["caveat"], strict=True))
    assert caveat["r3-2022"] == "正文所述收到申请数与表三不一致"
    flags = dict(zip(quality["report_id"], quality["narrative_mismatch"], strict=True))
    assert (flags["r2-2021"], flags["r4-2020"], flags["r1-2020"]) == (False, False, None)


def test_in_force_drift(con):
    out = queries.run(con, "in_force_drift", {})
    # A2 2022 prints 3 行政规范性文件 in force; 2021 printed 0, and 2022 issued 0, repealed 0: expected 0, drift 3.
    # A1 2022 agrees (规章 10 + 0 − 0 = 10; 文件 35 + 5 − 2 = 38)
    assert list(zip(out["report_id"], out["item"], out["drift"], strict=True)) == [("r2-2022", "normative_documents", 3)]
    row = out.row(0, named=True)
    assert (row["prev_in_force"], row["issued"], row["repealed"], row["in_force"], row["expected"]) == (0, 0, 0, 3, 0)
    # compared: A1 and A2 2022, both items (A4 2022 and A5 print no 现行有效件数: blank, not compared) = 4
    assert row["pairs_compared"] == 4
    # years before 2022 have no 2021-template predecessor: nothing compared
    assert queries.run(con, "in_force_drift", {"year_to": 2021}).height == 0


def test_a_report_read_by_ocr_carries_that_caveat(con):
    quality = queries.run(con, "data_quality", {})
    row = quality.filter(report_id="r2-2020").row(0, named=True)
    # A2 2020 was read from a scan (the reader's warning says so); nothing else is wrong with it
    assert (row["ocr"], row["issues"], row["caveat"]) == (True, 1, "文字和数字经文字识别（OCR）读出，可能有误")
    assert quality.filter(report_id="r2-2019")["ocr"].to_list() == [False]


def test_fees_unreported(con):
    out = queries.run(con, "fees_unreported", {})
    # 2021-template current reports of the real dataset: A1 2021, 2022; A2 2021, 2022; A3 2022; A4 2021, 2022;
    # A6 2021; A7 2022 = 9. Only A1 2022 and A7 2022 report the fees in section 六 (本年度未收取信息\n处理费: the
    # line break does not hide it)
    assert set(out["reports_checked"]) == {9}
    assert sorted(out["report_id"]) == ["r1-2021", "r2-2021", "r2-2022", "r3-2022", "r4-2021", "r4-2022", "r6-2021"]
    assert queries.run(con, "fees_unreported", {"dataset": "demo"})["report_id"].to_list() == ["r5-2022"]
    six = dict(zip(out["report_id"], out["section_six_found"], strict=True))
    assert six["r2-2022"] and six["r2-2021"] and not six["r4-2021"]  # A2 prints a section 六 saying only 无
    assert out.filter(report_id="r1-2021")["fee_notices_unpaid"].to_list() == [0]
    assert queries.run(con, "fees_unreported", {"templates": ["2019"]}).height == 0
