"""agency_profile, agency_cells, report_checks, ingest_errors, unresolved_agencies and compare on the fixture."""

import pytest

from xxgk import queries

NO_SIDES = {"agency_a": None, "agency_b": None, "district_a": None, "district_b": None}


def test_agency_profile(con):
    out = queries.run(con, "agency_profile", {"agency_id": 1})
    assert out["year"].to_list() == [2019, 2020, 2021, 2022]
    assert out["received"].to_list() == [10, 20, 30, 40]
    assert out["licensing_decisions"].to_list() == [100, 120, 150, 160]
    assert out["proactive_items"].to_list() == [None, None, 350, 420]  # stated in the text from 2021 only
    assert out["open_rate"][0] == pytest.approx(7 / 9)  # (5 + 2) / 9
    assert out["report_id"][2] == "r1-2021"  # the current report, not the superseded copy


def test_agency_cells_keep_blank_and_raw_text(con):
    out = queries.run(con, "agency_cells", {"report_id": "r4-2019"})
    # A4 2019 prints 8 table-三 totals, 15 table-四 cells and 3 table-二 cells = 26
    assert out.height == 26
    blank = out.filter(table_name="table3", row_key="new_received", col_key="total").row(0, named=True)
    assert (blank["value"], blank["raw"]) == (None, "")
    assert out["table_name"].to_list()[:3] == ["table2"] * 3  # printed order: 二, then 三, then 四


def test_report_checks_failures_first(con):
    out = queries.run(con, "report_checks", {"report_id": "r4-2020"})
    # worked out from the report's cells: A4's 本年新收 总计 40 against its applicants' 38 fails R2, the rest pass
    assert (out["rule"][0], out["ok"][0], out["location"][0]) == ("R2", False, "table3/new_received")
    assert out["detail"][0].startswith("一、本年新收政府信息公开申请数量：总计 40 = 40，但")
    assert out["ok"][1:].all() and out.height > 2
    assert out["rule_text"][0] == "表三每行：总计 = 六类申请人之和"


def test_ingest_errors_newest_first(con):
    out = queries.run(con, "ingest_errors", {})
    assert out["path"].to_list() == ["reports/notice.html", "reports/broken.pdf"]


def test_unresolved_agencies(con):
    out = queries.run(con, "unresolved_agencies", {})
    assert list(zip(out["agency_id"], out["reports"], out["years"], strict=True)) == [(6, 1, "2021")]
    assert queries.run(con, "unresolved_agencies", {"year_to": 2020}).height == 0


def test_compare_districts(con):
    out = queries.run(con, "compare", {**NO_SIDES, "mode": "districts", "district_a": "鄞州区",
                                       "district_b": "海曙区", "year_from": 2022})
    a, b = out.row(0, named=True), out.row(1, named=True)
    # 2022 鄞州区 (real dataset; A5 is demo data): A1 40 + A2 3 = 43 over 2 agencies, none zero;
    # 海曙区: A3 0 + A4 40, 1 of 2 zero
    assert (a["side_label"], a["received"], a["agencies"], a["zero_share"]) == ("鄞州区", 43, 2, 0.0)
    assert (b["side_label"], b["received"], b["zero_share"]) == ("海曙区", 40, 0.5)
    assert a["received_per_agency"] == pytest.approx(43 / 2)
    assert a["synthetic_reports"] == 0


def test_compare_agency_with_peers(con):
    out = queries.run(con, "compare", {**NO_SIDES, "mode": "peers", "agency_a": 2})
    # peers of A2 (鄞州区 经信) = 经信 elsewhere = A3, which has no 2021 report
    assert list(zip(out["year"], out["side"], strict=True)) == [
        (2019, "A"), (2019, "B"), (2020, "A"), (2020, "B"), (2021, "A"), (2022, "A"), (2022, "B")]
    assert out.filter(side="B")["received"].to_list() == [5, 0, 0]
    assert out.filter(side="B")["side_label"][0] == "同类部门（其他区县）"


def test_compare_unknown_mode_is_refused(con):
    with pytest.raises(Exception, match="unknown \\$mode"):
        queries.run(con, "compare", {**NO_SIDES, "mode": "cities"})
