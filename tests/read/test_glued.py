"""Recovering cells run together in crawler text dumps, from the table's own arithmetic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.read.gridtruth import REAL
from tests.truth import cells, truth_to_canonical
from xxgk import keys
from xxgk.parse.glued import describe, row_splits, solve_table3, split_row
from xxgk.pipeline import parse_path


def glue(values) -> str:
    return "".join(str(v) for v in values)


def test_rows_of_the_real_dump_have_one_split_each():
    # as printed in tests/fixtures/real/005.txt
    assert row_splits("230 000023") == [(23, 0, 0, 0, 0, 0, 23)]
    assert row_splits("23 0 00 0 023") == [(23, 0, 0, 0, 0, 0, 23)]
    assert row_splits(" 0 0 00 00 0 ") == [(0,) * 7]
    assert split_row("000000000000000", 15, table="table4") == (0,) * 15


def test_blank_is_a_boundary_and_numbers_have_no_leading_zero():
    assert row_splits("1 0 0 0 0 0 1") == [(1, 0, 0, 0, 0, 0, 1)]
    assert row_splits("1 00 0 0 01") == [(1, 0, 0, 0, 0, 0, 1)]  # "01" is no number: it is 0|1
    assert all(len(str(v)) == 1 for v in row_splits("0000000")[0])


def test_several_splits_are_all_returned_and_none_chosen():
    found = row_splits("0020011132")
    assert found == [(0, 0, 20, 0, 1, 11, 32), (0, 0, 20, 0, 11, 1, 32)]
    assert split_row("0020011132") is None
    assert "0|0|20|0|1|11|32 或 0|0|20|0|11|1|32" == describe(found)


def test_table2_rows_without_arithmetic_stay_open():
    assert split_row("000", 3, table="table2") == (0, 0, 0)
    assert (89, 89, 89) in row_splits("898989", 3, table="table2")
    assert split_row("898989", 3, table="table2") is None
    money = row_splits("13575394432.52元", 2, table="table2")
    assert (135, 75394432.52) in money and len(money) > 1


def test_wrong_printed_total_gives_no_split():
    assert row_splits("1000002") == []


def _table3(values: dict[str, tuple[int, ...]]) -> dict[str, str]:
    """Rows glued; the two total rows printed with blanks between cells (as dumps often keep them)."""
    spaced = ("total_processed", "new_received")
    return {k: " ".join(map(str, v)) if k in spaced else glue(v) for k, v in values.items()}


def _consistent_table(granted, partially):
    zero = (0,) * 7
    rows = {k: zero for k in keys.TABLE3_ROW_ORDER["2019"]}
    rows["granted"], rows["partially_granted"] = granted, partially
    total = tuple(a + b for a, b in zip(granted, partially, strict=True))
    rows["total_processed"] = rows["new_received"] = total
    return rows


def test_column_rules_decide_between_splits_of_one_row():
    granted, partially = (0, 0, 20, 0, 1, 11, 32), (1, 0, 0, 0, 0, 0, 1)
    rows = _consistent_table(granted, partially)
    texts = _table3(rows)
    assert len(row_splits(texts["granted"])) == 2  # alone, the row is ambiguous
    assert len(row_splits(texts["total_processed"])) == 1
    solved, open_rows = solve_table3(texts)
    assert open_rows == {}
    assert solved == rows


def test_inconsistent_columns_leave_the_ambiguous_row_open():
    granted, partially = (0, 0, 20, 0, 1, 11, 32), (1, 0, 0, 0, 0, 0, 1)
    rows = _consistent_table(granted, partially)
    rows["carried_forward"] = (1, 0, 0, 0, 0, 0, 1)  # R1 now fails whatever the split
    solved, open_rows = solve_table3(_table3(rows))
    assert "granted" not in solved
    assert set(open_rows["granted"]) == {(0, 0, 20, 0, 1, 11, 32), (0, 0, 20, 0, 11, 1, 32)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=800), min_size=6, max_size=6))
def test_the_printed_row_is_always_among_the_splits(parts):
    row = (*parts, sum(parts))
    assert row in row_splits(glue(row))
    assert row_splits(" ".join(str(v) for v in row)) == [row]  # with blanks between cells: unique


def test_real_dump_005_tables_3_and_4_match_truth():
    source = REAL / "005.txt"
    truth = cells(truth_to_canonical(source.with_name("005.truth.json")))
    got = parse_path(source).to_json()
    assert (got["agency"], got["year"], got["template"]) == ("平潭综合实验区", 2019, "2019")
    got_cells = cells(got)
    for key, value in truth.items():
        if key[0] in ("table3", "table4"):
            assert got_cells.get(key) == value, key
    assert sum(1 for k in truth if k[0] in ("table3", "table4")) == 161 + 15


def test_real_dump_005_table2_is_never_guessed():
    """Table 二 rows have no arithmetic: a cell is either right or left blank, never a wrong number."""
    source = REAL / "005.txt"
    truth = cells(truth_to_canonical(source.with_name("005.truth.json")))
    got = cells(parse_path(source).to_json())
    for key, value in truth.items():
        if key[0] == "table2" and got.get(key) is not None:
            expected = value if not isinstance(value, str) else float(value.rstrip("元"))
            assert got[key] == expected, key


def test_real_dump_005_table2_warnings_list_the_candidates():
    warnings = parse_path(REAL / "005.txt").warnings
    normative = next(w for w in warnings if "「规范性文件」" in w)
    assert "89|89|89" in normative and "未作猜测" in normative  # the printed split is offered, not chosen
    fees = next(w for w in warnings if "「行政事业性收费」" in w)
    assert "3|50" in fees and "35|0" in fees
