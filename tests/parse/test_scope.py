"""Scope per table (agency | region): the real fixtures table by table, and each rule on small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.parse.scope import DECISIONS_REGION, report_to_scope
from xxgk.pipeline import parse_path
from xxgk.report import Report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Decided by reading each report (docs/parser.md gives the sentences).
REAL = {
    "real/002.pdf": ("淮安市人民政府", {"table2": "region", "table3": "region", "table4": "region"}),
    "real/003.pdf": ("洪泽区人民政府", {"table2": "region", "table3": "region", "table4": "agency"}),
    "real/004.pdf": ("淮安市洪泽区人民政府", {"table2": "region", "table3": "region", "table4": "agency"}),
    "real/005.txt": ("平潭综合实验区", {"table2": "agency", "table3": "agency", "table4": "agency"}),
    "real/104.html": ("沭阳县发展和改革局", {"table2": "agency", "table3": "agency", "table4": "agency"}),
    "seed/000_63545407972970c8.txt": ("宁波市鄞州区经济和信息化局",
                                      {"table2": "agency", "table3": "agency", "table4": "agency"}),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_reports_scope(name):
    report = parse_path(FIXTURES / name)
    agency, scope = REAL[name]
    assert report.agency == agency
    assert report.scope == scope
    assert report.to_json()["scope"] == scope


def test_magnitude_inference_is_flagged_as_such():
    report = parse_path(FIXTURES / "real/003.pdf")
    notes = [w for w in report.warnings if "推定为全域汇总" in w]
    assert len(notes) == 1 and "4,864" in notes[0]
    bureau = parse_path(FIXTURES / "real/104.html")
    assert not [w for w in bureau.warnings if "推定" in w]


def _report(text: str, bureau: str | None = "区县政府", agency: str = "示例县人民政府", **tables) -> Report:
    r = Report(source="x", sha256="", format="txt", agency=agency, bureau=bureau, text=text)
    r.table3 = tables.get("table3", {"new_received": {"total": 40}, "total_processed": {"total": 40}})
    r.table4 = tables.get("table4", {"review": {"total": 2}, "suit_direct": {"total": 1}, "suit_after_review": {"total": 0}})
    r.table2 = tables.get("table2", {"licensing": {"decisions": 12}, "penalty": {"decisions": 3}})
    return r


def test_region_sentence_with_the_tables_number():
    text = "一、总体情况\n（二）依申请公开情况。2023年，全县共受理政府信息公开申请40件，均按时答复。\n六、其他需要报告的事项"
    scope, notes = report_to_scope(_report(text))
    assert scope == {"table2": "agency", "table3": "region", "table4": "agency"} and notes == []


def test_region_word_without_the_tables_number_is_not_enough():
    text = "（二）依申请公开情况。全县政务公开工作稳步推进，本年共受理政府信息公开申请12件。"
    scope, _ = report_to_scope(_report(text))
    assert scope["table3"] == "agency"


def test_region_passage_carries_to_table_four():
    text = ("（二）依申请公开情况。全县共受理政府信息公开申请40件。政府信息公开行政复议2件，其中结果维持2件。\n"
            "（三）政府信息管理情况。")
    scope, _ = report_to_scope(_report(text))
    assert scope["table3"] == "region" and scope["table4"] == "region"


def test_heading_names_the_area():
    text = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况（全县）\n四、政府信息公开行政复议、行政诉讼情况"
    scope, _ = report_to_scope(_report(text))
    assert scope["table3"] == "region" and scope["table4"] == "agency"


def test_own_count_below_the_table_means_region():
    text = "（二）依申请公开情况。2024年，县政府办代表县政府受理政府信息公开申请17件，均已答复。"
    scope, _ = report_to_scope(_report(text, table3={"new_received": {"total": 95}}))
    assert scope["table3"] == "region"
    same, _ = report_to_scope(_report(text, table3={"new_received": {"total": 17}}))
    assert same["table3"] == "agency"


def test_departments_are_never_region():
    text = "（二）依申请公开情况。全县共受理政府信息公开申请40件。"
    big = {"penalty": {"decisions": DECISIONS_REGION * 5}}
    scope, notes = report_to_scope(_report(text, bureau="公安", agency="示例县公安局", table2=big))
    assert scope == {"table2": "agency", "table3": "agency", "table4": "agency"} and notes == []


def test_unresolved_government_by_its_printed_name():
    text = "（二）依申请公开情况。全镇共受理政府信息公开申请40件。"
    scope, _ = report_to_scope(_report(text, bureau=None, agency="某某镇人民政府"))
    assert scope["table3"] == "region"


def test_magnitude_rule_threshold_and_missing_tables():
    under = {"licensing": {"decisions": DECISIONS_REGION - 1}, "penalty": {"decisions": None}}
    scope, notes = report_to_scope(_report("", table2=under))
    assert scope["table2"] == "agency" and notes == []
    at = {"licensing": {"decisions": DECISIONS_REGION - 1}, "penalty": {"decisions": 1}}
    scope, notes = report_to_scope(_report("", table2=at))
    assert scope["table2"] == "region" and len(notes) == 1
    r = _report("")
    r.table4 = None
    assert report_to_scope(r)[0]["table4"] is None
