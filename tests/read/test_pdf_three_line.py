"""三线表 PDFs (no cell borders) with blank cells: values placed under their columns by x position.

The fixtures (tests/fixtures/three_line, see its README) print rows with some cells blank, rows with
every cell blank, and a table continued on the next page without its header. The pdfcolumns cases
build lines by hand to pin the rules: a value is placed only when its column is unambiguous.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xxgk.document import Line
from xxgk.pipeline import parse_path
from xxgk.read import read_path
from xxgk.read.pdfcolumns import Columns, place_cells
from xxgk.read.pdfwords import TextLine, Word

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "three_line"
PDFS = sorted(FIXTURES.glob("*.pdf"))
TABLES = ("table2", "table3", "table4")


def _golden(path: Path) -> dict:
    return json.loads(path.with_suffix(".golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=PDFS, ids=[p.stem for p in PDFS])
def parsed(request):
    path = request.param
    return path, _golden(path), parse_path(path)


def test_fixtures_print_blank_cells():
    assert len(PDFS) == 2
    for path in PDFS:
        gold = _golden(path)
        t3 = [v for row in gold["table3"].values() for v in row.values()]
        assert sum(v is None for v in t3) >= 50 and sum(v is not None for v in t3) >= 20


def test_every_cell_is_read_in_its_column(parsed):
    path, gold, report = parsed
    got = report.to_json()
    assert (got["agency"], got["year"], got["template"]) == (gold["agency"], gold["year"], gold["template"])
    wrong = []
    for table in TABLES:
        for row, cols in gold[table].items():
            for col, value in cols.items():
                have = (got.get(table) or {}).get(row, {})
                if col not in have or have[col] != value:
                    wrong.append(f"{table}/{row}/{col}: expected {value!r}, got {have.get(col, 'absent')!r}")
    assert not wrong, "\n".join(wrong)


def test_blank_cells_are_null_never_zero(parsed):
    _path, gold, report = parsed
    got = report.to_json()["table3"]
    blanks = [(r, c) for r, cols in gold["table3"].items() for c, v in cols.items() if v is None]
    assert blanks and all(c in got[r] and got[r][c] is None for r, c in blanks)


def test_placed_values_keep_their_printed_text_and_page(parsed):
    _path, gold, report = parsed
    refs = [c for c in report.cells if c.table == "table3" and c.value is not None]
    assert len(refs) == sum(v is not None for row in gold["table3"].values() for v in row.values())
    for ref in refs:
        assert ref.raw and ref.page in (1, 2) and ref.position.startswith("第")


def test_short_and_blank_rows_are_written_as_tab_separated_cells():
    _, doc = read_path(FIXTURES / "v19_blank_cells_blank_rows.pdf")
    lines = {b.text.split("\t")[0]: b.text.split("\t")[1:] for b in doc.blocks if isinstance(b, Line) and "\t" in b.text}
    assert lines["一、本年新收政府信息公开申请数量"] == ["5", "", "", "", "", "", "5"]
    assert lines["二、上年结转政府信息公开申请数量"] == [""] * 7  # a row printed blank
    assert lines["四、结转下年度继续办理"] == [""] * 7  # the last row, printed blank


def test_no_warning_about_rows_left_blank(parsed):
    _path, _gold, report = parsed
    assert not [w for w in report.warnings if "个数值" in w and "已留空" in w]


@pytest.mark.parametrize("align", ["right", "left"])
def test_right_and_left_aligned_tables_are_read_right(tmp_path, monkeypatch, align):
    """A 三线表 whose cells (numbers and header labels) are right- or left-aligned, with blank cells:
    drawn by the demo generator with its cell style changed, both templates."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    from xxgk.demo import render_pdf
    from xxgk.demo.corpus import Options, agency_sheets, all_agencies, write_sheet
    from xxgk.demo.sheet import Sheet

    monkeypatch.setattr(render_pdf._styles()["cell"], "alignment", TA_RIGHT if align == "right" else TA_LEFT)
    opts = Options(seed=51, formats=("pdf",), three_line=1.0)
    picked: dict[str, Sheet] = {}
    for agency in all_agencies(1)[::7]:
        for sheet, _fmt in agency_sheets(agency, opts):
            if any(x.get("where") == "table3" for x in sheet.noise if x["kind"] == "blank_cells"):
                picked.setdefault(sheet.template, sheet)
        if len(picked) == 2:
            break
    assert set(picked) == {"2019", "2021"}
    for sheet in picked.values():
        path, _ = write_sheet(tmp_path, sheet, "pdf")
        truth = sheet.truth(path.name, "pdf")
        got = parse_path(path).to_json()
        for table in ("table3", "table4"):
            assert got[table] == truth[table], f"{path.name} {table}"
        assert sum(v is None for row in truth["table3"].values() for v in row.values()) >= 10


# --- the placement rules, on lines built by hand ----------------------------------------------------

COLS = (100.0, 140.0, 180.0, 220.0)  # centres of four value columns, 40 points apart


def _word(text: str, center: float, size: float = 8.0) -> Word:
    width = 0.5 * size * len(text) if text.isascii() else size * len(text)
    return Word(text, center - width / 2, center + width / 2, size)


def _line(top: float, *words: Word) -> TextLine:
    return TextLine(top, top + 8, list(words), " ".join(w.text for w in words))


def _header(top: float = 0.0) -> TextLine:
    return _line(top, _word("项目", 40), *(_word(h, x) for h, x in zip(("甲", "乙", "丙", "合计"), COLS, strict=True)))


def _row(top: float, label: str, values: dict[float, str]) -> TextLine:
    return _line(top, _word(label, 40), *(_word(v, x) for x, v in sorted(values.items())))


def _full(top: float) -> TextLine:
    return _row(top, "全行", {x: str(i + 1) for i, x in enumerate(COLS)})


def test_a_short_row_is_placed_under_its_columns():
    lines = [_header(), _full(20), _row(40, "缺两格", {100.0: "7", 220.0: "9"}), _full(60)]
    placed, cols = place_cells(lines)
    assert placed[2] == ("缺两格", ["7", "", "", "9"])
    assert cols is not None and len(cols.xs) == 4


def test_columns_come_from_the_header_when_no_row_is_full():
    lines = [_header(), _row(20, "甲", {100.0: "1", 220.0: "1"}), _row(40, "乙", {140.0: "2", 220.0: "2"})]
    placed, _ = place_cells(lines)
    assert placed[1] == ("甲", ["1", "", "", "1"]) and placed[2] == ("乙", ["", "2", "", "2"])


def test_right_aligned_numbers_are_placed_by_their_right_edge():
    def right(top: float, label: str, values: dict[float, str]) -> TextLine:
        words = [Word(v, x + 10 - 4.0 * len(v), x + 10, 8.0) for x, v in sorted(values.items())]
        return _line(top, _word(label, 40), *words)

    lines = [right(20, "a", {100.0: "1234", 140.0: "5", 180.0: "66", 220.0: "1305"}),
             right(40, "b", {100.0: "7", 140.0: "12", 180.0: "3", 220.0: "22"}),
             right(60, "c", {140.0: "1000", 220.0: "1000"})]
    placed, cols = place_cells(lines)
    assert cols is not None and cols.mode == "right"
    assert placed[2] == ("c", ["", "1000", "", "1000"])


def test_a_number_between_two_columns_is_not_placed():
    lines = [_header(), _full(20), _row(40, "歪", {120.0: "5", 220.0: "5"}), _full(60)]
    placed, _ = place_cells(lines)
    assert 2 not in placed  # left as printed: the parser leaves the row blank and warns


def test_two_numbers_in_one_column_are_not_placed():
    lines = [_header(), _full(20), _row(40, "挤", {100.0: "5", 106.0: "6"}), _full(60)]
    placed, _ = place_cells(lines)
    assert 2 not in placed


def test_text_among_the_numbers_is_not_placed():
    lines = [_header(), _full(20), _line(40, _word("注", 40), _word("见说明", 140), _word("3", 220)), _full(60)]
    placed, _ = place_cells(lines)
    assert 2 not in placed


def test_a_header_spanning_two_columns_adds_no_column():
    lines = [_line(-20, _word("复议", 120)), _header(), _row(20, "一", {100.0: "1"})]
    _, cols = place_cells(lines)
    assert cols is not None and [round(x) for x in cols.xs] == [100, 140, 180, 220]


def test_a_group_label_between_rows_is_not_a_blank_row_but_a_label_a_row_apart_is():
    lines = [_header(), _full(20), _row(40, "一", {100.0: "1"}), _line(50, _word("分组", 40)),
             _row(60, "二", {140.0: "2"}), _line(80, _word("空行", 40)), _full(100)]
    placed, _ = place_cells(lines)
    assert 3 not in placed  # half a row from its neighbours: a group label
    assert placed[5] == ("空行", ["", "", "", ""])


def test_a_table_continued_without_its_header_keeps_the_columns_of_the_page_before():
    carried = Columns("center", list(COLS), 40.0)
    lines = [_row(20, "续", {140.0: "3", 220.0: "3"}), _row(40, "又", {100.0: "1", 220.0: "1"})]
    placed, _ = place_cells(lines, carried)
    assert placed[0] == ("续", ["", "3", "", "3"]) and placed[1] == ("又", ["1", "", "", "1"])
    alone, _ = place_cells(lines)
    assert alone.get(0, ("", []))[1] != ["", "3", "", "3"]  # without them the page alone cannot tell


def test_a_label_above_the_first_numbers_is_a_blank_row_only_below_the_header_rule():
    lines = [_header(), _line(20, _word("空首行", 40)), _full(40), _full(60)]
    assert place_cells(lines, rules=[10.0])[0][1] == ("空首行", ["", "", "", ""])
    assert 1 not in place_cells(lines, rules=[30.0])[0]  # the header rule under it: a header label
    assert 1 not in place_cells(lines)[0]  # no rules at all: it cannot be told from a header label


def test_a_note_under_the_bottom_rule_is_not_a_row():
    lines = [_header(), _full(20), _full(40), _line(60, _word("注", 40))]
    assert 3 not in place_cells(lines, rules=[10.0, 52.0, 80.0])[0]
    assert place_cells(lines, rules=[10.0, 80.0])[0][3] == ("注", ["", "", "", ""])  # above the bottom rule: a row
    assert 3 not in place_cells(lines)[0]  # no rules: it cannot be told from a note
