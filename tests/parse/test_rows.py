"""How text lines become rows of labels and values (the layouts real text copies of reports use)."""

from __future__ import annotations

import pytest

from xxgk.document import Cell, Document, Line, Table
from xxgk.parse.rows import document_to_rows, table_to_rows


def rows(text: str) -> list[tuple[list[str], list[str]]]:
    doc = Document(blocks=[Line(t) for t in text.split("\n")], format="txt")
    return [(r.labels, [v.raw for v in r.values]) for r in document_to_rows(doc)]


def test_one_cell_per_line_with_blank_lines_inside_a_row():
    assert rows("\t规章\n\t0\n\n\t0\n\t　12") == [(["规章"], ["0", "0", "12"])]


def test_several_cells_per_line_separated_by_spaces_tabs_and_pipes():
    assert rows("规章 0 / 12") == [(["规章"], ["0", "/", "12"])]
    assert rows("规章\t0\t\t12") == [(["规章"], ["0", "", "12"])]
    assert rows("| 规章 | 0 |  | 12 |\n|---|---|---|---|") == [(["规章"], ["0", "", "12"])]


def test_a_dash_cell_is_a_value_not_a_table_rule():
    assert rows("\t规章\n\t- \n\t-\n\t0") == [(["规章"], ["-", "-", "0"])]


def test_a_tab_row_with_every_cell_blank_is_kept():
    got = rows("（一）予以公开\t\t\t\n（二）部分公开\t1\t2\t3")
    assert got[0] == (["（一）予以公开"], ["", "", ""])
    assert got[1] == (["（二）部分公开"], ["1", "2", "3"])


def test_leading_tab_is_a_blank_first_cell_in_a_tab_separated_row():
    assert rows("总计\n\t0\t\t5") == [(["总计"], ["", "0", "", "5"])]


def test_numbers_inside_running_text_are_not_cells():
    assert rows("2019年，全年主动公开政府信息249条。") == [(["2019年，全年主动公开政府信息249条。"], [])]


def test_digits_glued_to_labels_in_a_flattened_dump():
    got = rows("一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000")
    assert got == [(["一、本年新收政府信息公开申请数量"], ["230", "000023"]),
                   (["二、上年结转政府信息公开申请数量"], ["0000000"])]
    got = rows("8.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息7000007")
    assert got == [(["8.属于行政查询事项"], ["0000000"]),
                   (["（四）无法提供", "1.本机关不掌握相关政府信息"], ["7000007"])]


def test_stray_digits_before_a_label_are_marked():
    doc = Document(blocks=[Line("\t二、上年结转"), Line("\t0"), Line("\t00三、本年度办理结果"),
                           Line("\t（一）予以公开"), Line("\t1")], format="txt")
    first, second = document_to_rows(doc)
    assert [v.raw for v in first.values] == ["0", "00"] and first.values[-1].stray
    assert second.labels == ["三、本年度办理结果", "（一）予以公开"]


@pytest.mark.parametrize("line, labels", [
    ("三、本年度办理结果 （一）予以公开 1 0 0 0 0 0 1", ["三、本年度办理结果", "（一）予以公开"]),
    ("（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0", ["（三）不予公开", "1.属于国家秘密"]),
])
def test_group_and_item_labels_on_one_line_are_separated(line, labels):
    [(got, values)] = rows(line)
    assert got == labels and len(values) == 7


def test_grid_row_with_a_remarks_column_after_the_values():
    from xxgk.read.html import html_to_document

    doc = html_to_document("<table><tr><td>规章</td><td>1</td><td>&nbsp;</td><td>3</td><td>已公开</td></tr>"
                           "<tr><td colspan=2>四、结转下年度继续办理</td><td>0</td><td>0</td><td></td></tr></table>"
                           .encode())
    first, second = document_to_rows(doc)
    assert first.labels == ["规章"] and [v.raw for v in first.values] == ["1", "", "3"]
    assert second.labels == ["四、结转下年度继续办理"] and [v.raw for v in second.values] == ["0", "0", ""]


def test_label_wrapped_after_the_values_as_pdf_text_prints_it():
    got = rows("（二）部分公开（区分处理的，只计这一情形，不计0 - - - - - 0其他情形）\n1.属于国家秘密 0 0 0 0 0 0 0")
    assert got[0] == (["（二）部分公开（区分处理的，只计这一情形，不计"], ["0", "-", "-", "-", "-", "-", "0"])
    assert got[1][0][-1] == "1.属于国家秘密"


def test_numbers_in_single_spaced_text_get_no_column_positions():
    doc = Document(blocks=[Line("（一）予以公开 1 0 0 0 0 0 1")], format="txt")
    assert all(v.center is None for v in document_to_rows(doc)[0].values)
    doc = Document(blocks=[Line("（一）予以公开      1       0       0")], format="txt")
    assert all(v.center is not None for v in document_to_rows(doc)[0].values)


def _grid(texts: list[list[str]], index: int = 0, page: int | None = None) -> Table:
    return Table(rows=[[Cell(t, r, c, page, (r, c)) for c, t in enumerate(row)] for r, row in enumerate(texts)],
                 page=page, index=index)


def test_a_grid_row_printed_alike_elsewhere_keeps_its_own_place():
    """Grid rows are read once per printed row (cached): the same cells in another table, on another page or
    in another row are still placed where they stand, and a row read from the cache is its own object."""
    row = ["（一）予以公开", "1", "0", "2"]
    first = table_to_rows(_grid([["申请人情况"], row]))
    again = table_to_rows(_grid([["申请人情况"], row]))
    other_table = table_to_rows(_grid([["申请人情况"], row], index=2, page=4))
    assert [v.position for v in first[1].values] == ["表1 第2行 第2列", "表1 第2行 第3列", "表1 第2行 第4列"]
    assert [v.position for v in other_table[1].values] == ["表3 第2行 第2列", "表3 第2行 第3列", "表3 第2行 第4列"]
    assert other_table[1].page == 4 and {v.page for v in other_table[1].values} == {4}
    assert first[1].labels == again[1].labels == ["（一）予以公开"] and first[1] is not again[1]
    assert [v.raw for v in again[1].values] == ["1", "0", "2"]
    assert [v.col for v in again[1].values] == [1, 2, 3]


def test_a_grid_row_spanned_down_is_unlabelled_and_a_colspan_one_value():
    """A label cell copied down from the row above (rowspan) is not the row's own; a colspan is one value."""
    cells = [[Cell("（三）不予公开", 0, 0, None, (0, 0)), Cell("1.属于国家秘密", 0, 1, None, (0, 1)),
              Cell("3", 0, 2, None, (0, 2)), Cell("3", 0, 3, None, (0, 2))],
             [Cell("（三）不予公开", 1, 0, None, (0, 0)), Cell("", 1, 1, None, (1, 1)),
              Cell("5", 1, 2, None, (1, 2)), Cell("", 1, 3, None, (1, 3))]]
    got = table_to_rows(Table(rows=cells))
    assert got[0].labels == ["（三）不予公开", "1.属于国家秘密"] and [v.raw for v in got[0].values] == ["3"]
    assert got[1].unlabelled and [v.raw for v in got[1].values] == ["", "5", ""]  # its empty cells are blank values


def _light(rows_: list) -> list[tuple]:
    return [(r.labels, r.vals, r.line, r.page, r.apart, r.alt) for r in rows_]


def test_runs_of_labels_and_values_taken_at_once_give_the_token_by_token_rows(monkeypatch: pytest.MonkeyPatch):
    """group_lines takes a line's labels in a row, and its values in a row, in one step each (line_segments): the same
    rows as taking the same tokens one at a time, on every text fixture and on random lines of labels, values,
    blanks and gaps."""
    import random
    from pathlib import Path

    from xxgk.parse import clear_caches
    from xxgk.parse import rows as rows_module
    from xxgk.read import bytes_to_document

    root = Path(__file__).resolve().parents[1] / "fixtures"
    docs = [bytes_to_document(p.read_bytes(), p.name) for p in sorted(root.rglob("*.txt"))
            if ".truth" not in p.name and not {"bad", "hostile"} & set(p.parts)]
    pieces = ["规章", "（一）予以公开", "1.属于国家秘密", "0", "12", "/", "", "\t", "　", "  ", "三、本年度办理结果", "00三、",
              "2019年", "|", "行政许可 5 0 3", "合计"]
    rng = random.Random(7)
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 12))]
        docs.append(Document(blocks=[Line(t, page=rng.choice([None, 1, 2])) for t in lines], format="txt"))
    assert len(docs) > 300
    numbered = [[(i, b) for i, b in enumerate(d.blocks, 1) if isinstance(b, Line)] for d in docs]
    clear_caches()
    in_runs = [_light(rows_module.group_lines(lines)) for lines in numbered]
    runs = [seg for lines in numbered for _i, b in lines if b.text for seg in rows_module.line_segments(b.text)]
    assert sum(1 for seg in runs if seg[0] in (rows_module.LABELS, rows_module.VALUES) and len(seg[1]) > 1) > 1000
    assert sum(1 for seg in runs if seg[0] == rows_module.VALUES and seg[2]) > 10  # stray or placed values too

    def one_token_each(text: str) -> tuple:
        out = []
        for kind, t, center in rows_module._tokens_of_line(text):
            if kind == "label":
                out.append((rows_module.LABELS, (t,)))
            elif kind in ("value", "stray"):
                marks = ((kind == "stray", center),)
                out.append((rows_module.VALUES, (t,), marks if kind == "stray" or center is not None else None))
            else:
                out.append(rows_module.GAP_SEGMENT if kind == "gap" else rows_module.BLANK_SEGMENT)
        return tuple(out)

    monkeypatch.setattr(rows_module, "line_segments", one_token_each)
    monkeypatch.setattr(rows_module, "_line_segments", one_token_each)
    assert [_light(rows_module.group_lines(lines)) for lines in numbered] == in_runs


def test_furniture_candidates_are_the_lines_holding_a_furniture_character():
    import random

    from xxgk.parse.rows import _FURNITURE_CHAR, _furniture_candidates

    rng = random.Random(3)
    alphabet = ["页", "报", "告", "-", "—", "~", "\n", " ", "a", "第", "1", "。", "共", "\u3000"]
    for _ in range(5000):
        lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(0, 12))]
        assert _furniture_candidates(lines) == [i for i, t in enumerate(lines) if _FURNITURE_CHAR.search(t)]


def test_look_aheads_only_pass_over_positions_quicker():
    """The look-ahead in front of the label cuts (_LABEL_BREAK) and of the cell separators (_SPLIT), on the first
    character any of their alternatives can start at, only lets the engine pass over other positions quicker: the same
    pieces as the alternatives alone on every line of the text fixtures and 100,000 random texts each, made of
    numberings, brackets, spaces of every kind, bars, digits and table 二 labels."""
    import random
    import re
    from pathlib import Path

    from xxgk.parse import rows as rows_module

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    lines = [line for path in sorted(fixtures.rglob("*.txt")) if ".truth" not in path.name
             for line in path.read_text("utf-8", errors="replace").splitlines()]
    pieces = ["一、", "（二）", "(三)", "十、", "第", "1.", "２．", "3、", "12.", " ", "  ", "\u3000", "\u00a0", "\t", "|", "｜",
              "\r", "量", "数", "项", "减", "额", "）", "规章", "规范性文件", "行政规范性文件", "行政许可", "其他对外管理服务事项",
              "行政处罚", "政府集中采购", "信息内容", "第二十条", "予以公开", "本年新收", "0", "5", "国", "。", "a"]
    for regex, prefix in ((rows_module._LABEL_BREAK, "(?=[\\s一二三四五六七八九十（(\\d规行其政信第])(?:"),
                          (rows_module._SPLIT, "(?=[\\s|｜])(?:")):
        assert regex.pattern.startswith(prefix) and regex.pattern.endswith(")")
        plain = re.compile(regex.pattern[len(prefix):-1])
        rng = random.Random(3)
        texts = lines + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(100_000)]
        for text in texts:
            assert regex.split(text) == plain.split(text), (regex.pattern, text)


def test_display_columns_added_up_are_those_measured_from_the_line_start():
    """_columns adds the width before each value up from the value before it: the same centres as measuring each from
    the start of the line, on 20,000 random lines padded into columns (wide and narrow characters, values repeated)."""
    import random

    from xxgk.parse import rows as rows_module

    rng = random.Random(11)
    pieces = ["规章", "（一）予以公开", "0", "12", "0", "   ", "    ", "  ", "１２", "ab", "行政许可", "　"]
    checked = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 12)))
        toks = list(rows_module._tokens_of_line(text))
        checked += sum(1 for kind, _t, center in toks if kind == "value" and center is not None)
        plain = [(kind, t, None) for kind, t, _c in toks]
        rows_module._columns(text, plain)
        cursor = 0
        for (kind, t, _center), (_k, _t, got) in zip(toks, plain, strict=True):
            i = text.find(t, cursor)
            if i < 0:
                break
            cursor = i + len(t)
            if kind == "value":
                assert got == rows_module._width(text[:i]) + rows_module._width(t) / 2, text
    assert checked > 10_000
