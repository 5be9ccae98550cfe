"""Damaged, converted and excerpted layouts (tests/fixtures/damaged, one class each): the values are the
printed numbers, or blank with a warning naming the row — never a wrong number, never a silent drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.truth import cells
from xxgk import keys
from xxgk.parse.rows import furniture
from xxgk.parse.stacked import item_units
from xxgk.pipeline import parse_path

DAMAGED = Path(__file__).resolve().parents[1] / "fixtures" / "damaged"
FILES = sorted(p for p in DAMAGED.iterdir() if p.suffix in (".txt", ".html"))


def _gold(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".golden.json").read_text(encoding="utf-8"))


def test_every_class_of_damage_has_a_fixture():
    classes = {p.name.split("_")[0] for p in FILES}
    assert classes == {f"c{i}" for i in range(1, 10)}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_damaged_report_reads_as_printed_or_blank_with_a_warning(path: Path):
    gold = _gold(path)
    report = parse_path(path)
    got = report.to_json()
    assert (got["agency"], got["year"], got["template"]) == (gold["agency"], gold["year"], gold["template"])
    for table in ("table2", "table3", "table4"):
        assert got[table] == gold["expected"][table], table
    printed = cells(gold["printed"])
    for place, value in cells(got).items():
        assert value is None or value == printed[place], (place, value, printed[place])  # no wrong number
    for label in gold["blank_warned"]:
        assert any(label in w for w in report.warnings), (label, report.warnings)
    # every stored number can be traced to the cell it was printed in
    assert {(c.table, c.row, c.col) for c in report.cells} == set(cells(got))


def test_stacked_labels_are_paired_by_order_or_left_blank_with_a_warning():
    report = parse_path(DAMAGED / "c1_stacked_labels_md.txt")
    # three rows stacked over three value lines: paired in the template's order
    assert report.table3["denied_law_prohibited"]["total"] == _gold(DAMAGED / "c1_stacked_labels_md.txt")[
        "printed"]["table3"]["denied_law_prohibited"]["total"]
    # two rows over one line: the line is not given to the last label
    assert report.table3["denied_third_party"] == dict.fromkeys(report.table3["granted"])
    note = next(w for w in report.warnings if "叠印" in w)
    assert "3.危及" in note and "4.保护第三方" in note and "未作猜测" in note


def test_stacked_table_two_items_are_paired_by_order_or_left_blank_with_a_warning():
    for name, pairable, lost in (("c1_stacked_table2_md.txt", ("regulations", "normative_documents"),
                                  ("penalty", "coercion")),
                                 ("c1_stacked_table2_2019_md.txt", ("regulations", "normative_documents"),
                                  ("licensing", "other_services"))):
        printed = _gold(DAMAGED / name)["printed"]["table2"]
        report = parse_path(DAMAGED / name)
        for key in pairable:  # two names stacked over two value lines: each line to its own row
            assert report.table2[key] == printed[key], key
        # two names over one line: the line goes to neither (it could be either's)
        for key in lost:
            assert set(report.table2[key].values()) == {None}, key
        note = next(w for w in report.warnings if w.startswith("表二") and "叠印" in w)
        names = [keys.TABLE2_ITEMS[k] for k in lost]
        assert all(n in note for n in names) and "未作猜测" in note


def test_stacked_table_two_fragments_are_cut_only_where_they_join_into_item_names():
    assert item_units(["第二十条第（一）项", "信息内容", "本年制发件数", "规章", "行政规范", "性文件"]) == (
        3, [[("regulations", "规章"), ("normative_documents", "行政规范性文件")]])
    assert item_units(["信息内容", "现行有效件数", "行政规范"]) == (3, [])  # a fragment alone names nothing
    start, readings = item_units(["行政处罚", "行政强制"])
    assert start == 0 and [k for k, _u in readings[0]] == ["penalty", "coercion"]


def test_stacked_table_two_items_out_of_order_or_not_fitting_are_left_blank():
    from xxgk.document import Line
    from xxgk.parse.rows import lines_to_rows
    from xxgk.parse.table2 import rows_to_table2

    def table2(*lines: str) -> tuple[dict, list[str]]:
        head = ["第二十条第（六）项", "| 信息内容 | 本年处理决定数量 |"]
        rows = lines_to_rows([(i + 1, Line(t)) for i, t in enumerate([*head, *lines])])
        out = rows_to_table2(rows, "2021")
        return out.data, out.warnings

    data, _ = table2("行政处罚", "行政强制", "| 26 |", "| 50 |")  # in order, one line each: paired
    assert data["penalty"] == {"decisions": 26} and data["coercion"] == {"decisions": 50}
    data, warnings = table2("行政强制", "行政处罚", "| 26 |", "| 50 |")  # not the template's order
    assert data["penalty"] == {"decisions": None} and data["coercion"] == {"decisions": None}
    assert any("叠印" in w and "未作猜测" in w for w in warnings)
    data, _ = table2("行政处罚", "行政强制", "| 26 | 3 |", "| 50 |")  # a line that does not fit its row
    assert data["penalty"] == {"decisions": None} and data["coercion"] == {"decisions": None}


def test_a_note_in_a_number_cell_is_kept_in_the_raw_text():
    for name in ("c2_notes_in_cells.txt", "c2_notes_in_cells_grid.html"):
        report = parse_path(DAMAGED / name)
        ref = next(c for c in report.cells if (c.table, c.row, c.col) == ("table2", "regulations", "in_force"))
        assert ref.raw.endswith("（其中修订5件）") and ref.value == int(ref.raw.split("（")[0])
        granted = next(c for c in report.cells if (c.table, c.row, c.col) == ("table3", "granted", "natural_person"))
        assert "(均为网上申请)" in granted.raw


def test_an_excerpt_with_table_four_alone_is_a_report_with_the_rest_absent():
    report = parse_path(DAMAGED / "c3_excerpt_table4_only.txt")
    assert report.template == "2021" and report.table2 is None and report.table3 is None
    assert "没有找到表二。" in report.warnings and "没有找到表三。" in report.warnings


def test_exponent_and_absurd_numbers_are_blank_with_a_warning():
    report = parse_path(DAMAGED / "c9_absurd_numbers.txt")
    assert report.table3["granted"]["commercial"] is None
    assert any("1e30" in w and "科学计数法" in w for w in report.warnings)
    assert any("88888888888" in w and "不可能" in w for w in report.warnings)


def test_totals_only_keep_the_total_and_leave_the_applicant_columns_blank():
    report = parse_path(DAMAGED / "c8_totals_only.txt")
    row = report.table3["new_received"]
    assert row["total"] is not None and all(row[c] is None for c in row if c != "total")
    assert any("总计" in w and "不是 0" in w for w in report.warnings)


def test_a_short_agency_name_is_completed_by_the_place_the_text_names():
    report = parse_path(DAMAGED / "c7_short_name.txt")
    assert report.agency == "宁波市鄞州区发改局"
    assert report.region and report.region["district"] == "鄞州区"
    assert any("区发改局" in w and "补全" in w for w in report.warnings)


def test_table_two_digits_run_together_are_split_only_when_unique():
    report = parse_path(DAMAGED / "c6_table2_glued.txt")
    assert report.table2["normative_documents"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert report.table2["regulations"] == {"issued": None, "repealed": None, "in_force": None}
    note = next(w for w in report.warnings if "「规章」" in w)
    assert "51|28|310" in note and "未作猜测" in note


def test_page_furniture_is_found_only_when_it_is_furniture():
    lines = ["二、主动公开", "— 3 —", "规章 1 2 3", "- 4 -", "第 5 页 共 9 页", "某局2022年政府信息公开工作年度报告",
             "行政许可 2", "某局2022年政府信息公开工作年度报告"]
    assert furniture(lines) == {1, 3, 4, 7}
    # one dashed number alone may be cells of a row ("- 4 -": blank, 4, blank): kept
    assert furniture(["规章", "- 4 -", "行政许可 2"]) == set()
