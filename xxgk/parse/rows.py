"""Document → rows: every table row (from a grid) or run of text (from lines) as labels + values.

A Row is what the table parsers work on, whatever the format: the printed labels that came before
its values (header labels included), and its value cells in order, each with its raw text and place.
Text is cut into label and value tokens: one cell per line, several per line (spaces, tabs, pipes),
or numbers glued to labels as crawler text dumps print them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar, cast

from xxgk.cellvalue import STRING_CACHE, CellValue, parse_value
from xxgk.document import Cell, Document, Line, Table


@dataclass(slots=True)
class Val:
    """One value cell: its raw text, parsed number and place."""

    raw: str
    cell: CellValue
    position: str
    page: int | None = None
    col: int | None = None  # grid column, when the row came from a grid
    stray: bool = False  # digits glued to the front of the next label ("00三、本年度办理结果")
    center: float | None = None  # display column on a space-aligned text line (to place blank cells)


@dataclass(slots=True)
class Row:
    """Labels printed before a run of values, and the values (empty for a header or heading)."""

    labels: list[str]
    values: list[Val] = field(default_factory=list)
    position: str = ""
    page: int | None = None
    grid: int | None = None  # table index when from a grid
    header_cols: list[tuple[int, str]] = field(default_factory=list)  # grid (col, label) of label cells
    gapped: list[Val] | None = None  # text: the values with empty lines between them as blank cells
    fitted: dict[int, list[Val] | None] = field(default_factory=dict)  # cells.fit_row's answers, by n
    unlabelled: bool = False  # grid: the row's own label cell is empty (its labels are group cells spanning down)
    apart: bool = False  # text: the values start on a line of their own, below the labels

    @property
    def raw_values(self) -> str:
        """The row's value texts as printed, space-separated (for glued-digit recovery)."""
        return " ".join(v.raw for v in self.values if v.raw)


# A value cell held lightly: (raw text, where, page, stray, display column); raw "" is a blank cell. Where is the
# line number in text, the printed position ("表2 第5行 第3列") in a grid. Plain tuples: the fast path (fast.py)
# reads the tables from them without a Val per cell.
LightVal = tuple[str, "int | str", "int | None", bool, "float | None"]


class TextRow:
    """A row of text as group_lines groups it (labels, then the run of values), held lightly."""

    __slots__ = ("labels", "vals", "line", "page", "apart", "alt", "fitted")

    def __init__(self, labels: list[str], vals: list[LightVal], line: int | None, page: int | None, apart: bool,
                 alt: list[LightVal] | None) -> None:
        self.labels, self.vals, self.line, self.page, self.apart, self.alt = labels, vals, line, page, apart, alt
        self.fitted: dict[int, list[LightVal] | None] = {}

    @property
    def position(self) -> str:
        return f"第{self.line}行" if self.line else ""

    def raw_values(self) -> str:
        return " ".join(v[0] for v in self.vals if v[0])


class GridRow(TextRow):
    """A grid row held lightly (grid_rows): besides a text row's parts, its place in the table (`where`, the
    table's index `grid`), each value's grid column (`cols`), its label cells by column (`header_cols`),
    whether its own label cell is empty (`unlabelled`), and the memo the fast path keeps what it read from the
    row in, shared by every reading of the same printed row (`memo`)."""

    __slots__ = ("where", "grid", "cols", "header_cols", "unlabelled", "memo")

    def __init__(self, labels: list[str], vals: list[LightVal], cols: list[int], where: str, page: int | None,
                 grid: int, header_cols: list[tuple[int, str]], unlabelled: bool, memo: dict[Any, Any]) -> None:
        self.labels, self.vals, self.line, self.page, self.apart, self.alt = labels, vals, None, page, False, None
        self.fitted = {}
        self.where, self.grid, self.cols, self.header_cols, self.unlabelled = where, grid, cols, header_cols, unlabelled
        self.memo = memo

    @property
    def position(self) -> str:
        return self.where


# --- grids -------------------------------------------------------------------------------------


_COLUMN = [f" 第{c + 1}列" for c in range(256)]  # a value cell's column as its position prints it


# A grid row's cells are hashable (a named tuple each), so a row printed alike in an earlier report (a header, a
# row of zeros) is read once (_grid_row, cached by them), and the same GridRow is given again: its place (table
# number, row, page) is part of the key, and what is kept in it later (the fast path's memo, the fitted readings)
# depends only on its cells.


def grid_rows(table: Table) -> list[GridRow]:
    """A grid's rows, held lightly: label cells (left) and the value cells after the last label.

    Numbers before any label are a 序号 column; text after the first value that follows a label is a
    remarks column, not a row label. The general path's Rows are made from these (table_to_rows); the fast
    path (fast.py) reads the tables from them directly."""
    rows: list[GridRow] = []
    tno = table.index + 1
    for r, cells in enumerate(table.rows):
        row = _grid_row(tno, r, table.page, tuple(cells))
        if row is not None:
            rows.append(row)
    return rows


@lru_cache(maxsize=STRING_CACHE)
def _grid_row(tno: int, r: int, table_page: int | None, cells: tuple[Cell, ...]) -> GridRow | None:
    """One grid row of table tno (row r), None for a row with neither labels nor printed values: see grid_rows.
    The row and its lists are shared by every reading of the same printed row: nothing changes them in place."""
    n = len(cells)
    # per cell: None (empty), True (a label), False (a value)
    kind: list[bool | None] = [None if not c[0] else not parse_value(c[0]).is_value for c in cells]
    first_value = None
    seen_label = False
    for i in range(n):
        k = kind[i]
        if k:
            seen_label = True
        elif k is False and seen_label:
            first_value = i
            break
    labels: list[str] = []
    header_cols: list[tuple[int, str]] = []
    own = False
    last_label = -1
    stop = n
    aligned = True  # every cell's column is its index (no column twice): a cell is its column's first
    by_col: dict[int, Cell] | None = None
    for i in range(n):
        text, row, col, _page, origin, _bbox = cell = cells[i]
        if col != i:
            aligned = False
        if not kind[i]:
            continue
        if first_value is not None and i > first_value:
            stop = min(stop, i)  # text after the values: a remarks column, not a row label
            continue
        last_label = col
        header_cols.append((col, text))
        if not own:
            if aligned:
                first: Cell | None = cell
            else:
                if by_col is None:
                    by_col = {c[2]: c for c in reversed(cells)}  # the first cell of each column
                first = by_col.get(col)
            # a cell repeating one that spans down from a row above (rowspan) is not the row's own label
            own = first is None or first[4] is None or first[4][0] == first[1]
        hcopy = origin is not None and origin[0] == row and origin[1] != col
        if not hcopy and (not labels or labels[-1] != text):
            labels.extend(_label_parts(text))  # "（三）不予公开 1.属于国家秘密" in one cell
    values: list[LightVal] = []
    cols: list[int] = []
    row_pos = f"表{tno} 第{r + 1}行"
    any_raw = False
    for text, row, col, page, origin, _bbox in cells[last_label + 1:stop]:
        where = row_pos + _COLUMN[col] if col < 256 else f"{row_pos} 第{col + 1}列"
        if origin is not None and (origin[0] != row or origin[1] != col):
            if origin[0] == row:
                continue  # the rest of a colspan: one printed value
            values.append(("", where, page, False, None))  # a rowspan's copy: blank
            cols.append(col)
            continue
        if text:
            any_raw = True
        values.append((text, where, page, False, None))
        cols.append(col)
    if not labels and not any_raw:
        return None
    page = cells[0][3] if cells else table_page
    return GridRow(labels, values, cols, row_pos, page if page is not None else table_page, tno - 1, header_cols,
                   not own and any_raw, {})


def table_to_rows(table: Table) -> list[Row]:
    """A grid's rows with a Val per cell (the general path's rows), from grid_rows."""
    return [Row(r.labels, [Val(raw, parse_value(raw), where, page, col)  # type: ignore[arg-type]
                           for (raw, where, page, _s, _c), col in zip(r.vals, r.cols, strict=True)],
                r.where, r.page, r.grid, r.header_cols, unlabelled=r.unlabelled)
            for r in grid_rows(table)]


# --- text --------------------------------------------------------------------------------------

# What separates a line's cells. The look-ahead in front (each alternative starts at a space or a bar) lets the engine
# pass over the characters of the cells at once: 1.7 times quicker on the lines of the fixtures, the same pieces.
_SPLIT = re.compile(r"(?=[\s|｜])(?:\t|[|｜]|\s{2,}|[\u3000\u00a0]+)")
_RULE = re.compile(r"^\s*[|｜:：\-—=+─━┼┃│](?:\s*[|｜:：\-—=+─━┼┃│]){2,}\s*$")
_NUM = r"[-+]?[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
_MARK = r"(?:[-/—／－]|无)(?=[ \t]|$)"  # a blank-cell mark between numbers ("0 - - 0")
_NUM_RUN = re.compile(rf"{_NUM}(?:[ \t]+(?:{_NUM}|{_MARK}))*(?:\s*(?:万元|亿元|元))?")
# What may follow a value glued to the next label: numbering or the start of a known table label.
_LABEL_START = re.compile(
    r"(?:[一二三四五六七八九十]、|[（(][一二三四五六七八九十][)）]|\d[.．、](?=\D)|规章|规范性文件|行政规范性文件|"
    r"行政许可|其他对外|行政处罚|行政强制|行政事业性收费|政府集中采购|第二十条|信息内容|行政复议|行政诉讼|"
    r"结果维持|未经复议|复议后|$)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
# Words only table labels print; a long line holding one is a table run together, not a paragraph.
_TABLE_WORDS = re.compile(r"第二十条第|信息内容|本年新收|上年结转|予以公开|结果维持|申请人情况|本年新制作|本年制发")


# A token of a line: (kind, text, display column of a value on a space-aligned line or None). Kinds: "label",
# "value", "stray" (a value glued before a label), "blank", "gap" (an empty line).
Token = tuple[str, str, "float | None"]


# Where a label holding numbering or a second table 二 label is cut. Each alternative starts at a character of the
# look-ahead in front (a space, a numeral, a bracket, a digit, the first character of a table 二 label): positions at
# any other character are passed over at once instead of trying every alternative there, about 2.7 times quicker on
# lines of running text, with the same cuts (tests/parse/test_rows.py).
_LABEL_BREAK = re.compile(
    r"(?=[\s一二三四五六七八九十（(\d规行其政信第])(?:"
    r"\s+(?=\d{1,2}[.．、][\u4e00-\u9fff]|[（(][一二三四五六七八九十][)）]|[一二三四五六七八九十]、)"
    r"|(?<=[^\s第])(?=[一二三四五六七八九十]、|[（(][一二三四五六七八九十][)）])"
    r"|(?<=[\u4e00-\u9fff）)])(?=\d[.．、][\u4e00-\u9fff])"
    # table 二 labels run together in flattened text ("…对外公开总数量规章", "…处理决定数量行政许可")
    r"|(?<=[量数项减额）)])(?=规章|规范性文件|行政规范性文件|行政许可|其他对外管理|行政处罚|行政强制|行政事业性收费|政府集中采购"
    r"|信息内容|第二十条)"
    # a table 二 row label printed after its block's header on the same line ("…现行有效件数 规章")
    r"|(?<=[量数项减额）)])\s+(?=(?:规章|行政规范性文件|规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制"
    r"|行政事业性收费|政府集中采购)$))"
)


_WS = re.compile(r"[\s\u3000\u00a0]+")


def _spaces(text: str) -> str:
    """A printed label with its runs of spaces collapsed (characters kept as printed)."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=STRING_CACHE)
def _label_parts(text: str) -> tuple[str, ...]:
    """A label cut before numbering run into it ("三、本年度办理结果（一）予以公开" → two labels)."""
    if len(text) <= 4:
        return (_spaces(text),) if text.strip() else ()
    return tuple(_spaces(part) for part in _LABEL_BREAK.split(text) if part and part.strip())


def _labels(text: str, out: list[Token]) -> None:
    """Label tokens of a text, one per printed label."""
    for part in _label_parts(text):
        out.append(("label", part, None))


@lru_cache(maxsize=STRING_CACHE)
def _piece_tokens(piece: str) -> tuple[Token, ...]:
    """The tokens of one piece of a line (cached: cells such as "0" or a row's label recur on lines that
    differ in their other cells)."""
    out: list[Token] = []
    _split_piece(piece, out)
    return tuple(out)


def _split_piece(piece: str, out: list[Token]) -> None:
    """Cut one piece of a line into label and value tokens."""
    p = piece.strip()
    if not p:
        return
    if " " not in p:  # fast path: one cell
        if parse_value(p).is_value:
            out.append(("value", p, None))
            return
        if not _DIGIT.search(p):
            _labels(p, out)
            return
    words = p.split()
    if len(words) == 1 and parse_value(p).is_value:
        out.append(("value", p, None))
        return
    if len(words) > 1:
        i = len(words)
        while i > 0 and parse_value(words[i - 1]).is_value:
            i -= 1
        if i == 0:
            out.extend(("value", w, None) for w in words)
            return
        if i < len(words):  # "（一）予以公开 0 0 / 0 无 0 0": label words, then value words
            _split_piece(" ".join(words[:i]), out)
            out.extend(("value", w, None) for w in words[i:])
            return
    if not _DIGIT.search(p):
        _labels(p, out)
        return
    # Mixed: labels and digits run together ("一、本年新收…数量230 000023二、上年结转…").
    label_start = 0
    for m in _NUM_RUN.finditer(p):
        s, e = m.start(), m.end()
        if s < label_start or (s > 0 and (p[s - 1].isdigit() or p[s - 1] in ".．")):
            continue
        nxt = p[e] if e < len(p) else ""
        if nxt in ".．、" and e + 1 < len(p) and not p[e + 1].isdigit():
            # Digits before "." + text: the last digit numbers the next label ("…00000002.其他法律…").
            if e - s <= 2 and (s == label_start or not p[s - 1].isspace() or s == 0):
                continue  # "1.属于国家秘密": just the numbering
            e -= 1
            while e > s and p[e - 1].isspace():
                e -= 1
        elif nxt and not nxt.isspace() and not _LABEL_START.match(p, e) and len(p[s:e].split()) < 3:
            continue  # "2019年", "249条": a number inside the text (a run of 3+ numbers is cells)
        text = p[s:e]
        if not any(ch.isdigit() for ch in text):
            continue
        head = p[label_start:s].strip()
        if head:
            _labels(head, out)
        kind = "stray" if s == 0 and e < len(p) and not p[e].isspace() else "value"
        for w in text.split():
            out.append((kind, w, None))
        label_start = e
    tail = p[label_start:].strip()
    if tail:
        _labels(tail, out)


@lru_cache(maxsize=STRING_CACHE)
def _cell_tokens(cell: str) -> tuple[Token, ...]:
    """The tokens of one tab-separated cell of a line, a blank cell when it holds only spaces (cached: a row's cells
    recur on lines that differ in their other cells)."""
    cell = cell.strip()
    if not cell:
        return (_BLANK_TOKEN,)
    out: list[Token] = []
    for piece in _SPLIT.split(cell):
        out.extend(_piece_tokens(piece))
    return tuple(out)


_PADDED = re.compile(r"\S {3,}\S")
_SEPARATORS = re.compile(r"[\s|｜\u3000\u00a0]")


@lru_cache(maxsize=STRING_CACHE)
def _kind(text: str) -> str | None:
    """'value' or 'label' for a piece of text holding one token; None when it needs splitting."""
    if parse_value(text).is_value:
        return "value"
    if not _DIGIT.search(text) and not _RULE.match(text):
        return "label"
    return None


# A line as group_lines takes it: its tokens in runs, each run a segment. (LABELS, texts) for labels in a row;
# (VALUES, texts, marks) for values in a row, marks being each value's (stray, display column), or None when no value
# is stray or has a column (most lines); GAP_SEGMENT and BLANK_SEGMENT for a gap and a blank cell, one each.
LABELS, VALUES, GAP, BLANK = 0, 1, 2, 3
Segment = tuple[Any, ...]
GAP_SEGMENT: Segment = (GAP,)
BLANK_SEGMENT: Segment = (BLANK,)


def line_segments(text: str) -> tuple[Segment, ...]:
    """The segments of one line of text (above); short lines cached."""
    return _line_segments(text) if len(text) < 300 else segments(_tokens_of_line(text))


@lru_cache(maxsize=STRING_CACHE)
def _line_segments(text: str) -> tuple[Segment, ...]:
    """The segments of one line (cached: the same short lines recur in every report; a line's tokens are not kept,
    so fewer objects are held per line)."""
    return segments(_tokens_of_line(text))


def segments(toks: tuple[Token, ...]) -> tuple[Segment, ...]:
    """A line's tokens as runs: labels in a row, values in a row, each gap and blank cell alone."""
    out: list[Segment] = []
    labels: list[str] = []
    texts: list[str] = []
    marks: list[tuple[bool, float | None]] = []
    marked = False  # a value of the run is stray or has a display column
    for kind, text, center in toks:
        if kind == "value" or kind == "stray":
            if labels:
                out.append((LABELS, tuple(labels)))
                labels = []
            texts.append(text)
            marks.append((kind == "stray", center))
            marked = marked or kind == "stray" or center is not None
            continue
        if texts:
            out.append((VALUES, tuple(texts), tuple(marks) if marked else None))
            texts, marks, marked = [], [], False
        if kind == "label":
            labels.append(text)
            continue
        if labels:
            out.append((LABELS, tuple(labels)))
            labels = []
        out.append(GAP_SEGMENT if kind == "gap" else BLANK_SEGMENT)
    if labels:
        out.append((LABELS, tuple(labels)))
    if texts:
        out.append((VALUES, tuple(texts), tuple(marks) if marked else None))
    return tuple(out)


def _tokens_of_line(text: str) -> tuple[Token, ...]:
    """(kind, text, display column) of each token of one line of text."""
    s = text.strip()
    if s and len(s) < 40 and not _SEPARATORS.search(text.strip(" \r\n").lstrip("\t")):
        # fast path: one cell or one label on the line (tab indent allowed, no trailing tabs)
        kind = _kind(s)
        if kind == "value":
            return (("value", s, None),)
        if kind == "label":
            return tuple(("label", part, None) for part in _label_parts(s))
    if not s:
        # A line of only a tab / ideographic space is a blank cell in one-cell-per-line copies;
        # an empty line is a gap (between rows, or a blank cell in some crawler dumps).
        if text and any(ch in text for ch in "\t\u3000\u00a0"):
            return (_BLANK_TOKEN,)
        return (("gap", "", None),)
    if _RULE.match(text):
        return ()
    if len(text) > 60 and "。" in text and not _TABLE_WORDS.search(text):
        return (("label", _spaces(text), None),)  # a paragraph of running text
    toks: list[Token] = []
    if "|" in text or "｜" in text:
        pieces = [p for p in re.split(r"[|｜]", s)]
        if pieces and not pieces[0].strip():
            pieces = pieces[1:]
        if pieces and not pieces[-1].strip():
            pieces = pieces[:-1]
        for p in pieces:
            if p.strip():
                toks.extend(_piece_tokens(p))
            else:
                toks.append(_BLANK_TOKEN)
    elif "\t" in text.strip(" \r\n").lstrip("\t"):
        # cells separated by tabs; a leading tab is then a blank first cell, not an indent
        for p in text.strip(" \r\n").split("\t"):
            toks.extend(_cell_tokens(p))
    else:
        for p in _SPLIT.split(s):
            toks.extend(_piece_tokens(p))
        if len(toks) > 1 and _PADDED.search(text):
            _columns(text, toks)  # only a line padded into columns says where its cells stand
    return tuple(toks)


_BLANK_TOKEN: Token = ("blank", "", None)
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return len(text) + len(_WIDE.findall(text))


def _columns(text: str, toks: list[Token]) -> None:
    """The display column where each value token of a space-aligned line is centred (set in place). The width of the
    text before a value is added up from the last value on (widths add up), not measured from the line's start."""
    cursor = 0
    start = width = 0  # the display width of text[:start]
    for k, (kind, t, _center) in enumerate(toks):
        i = text.find(t, cursor)
        if i < 0:
            return
        cursor = i + len(t)
        if kind == "value":
            width += _width(text[start:i])
            start = i
            toks[k] = (kind, t, width + _width(t) / 2)


def group_lines(lines: list[tuple[int, Line]]) -> list[TextRow]:
    """The rows of text lines (line number, line): their tokens (in runs, line_segments, cached per line) grouped into
    rows, the labels since the last values, then the run of values. Blank cells not yet known to be values (they may sit in
    label columns) wait in `blanks`; `gapped` is the run with empty lines between values read as blank cells (kept
    as the row's `alt` when it differs). The tokens are read line by line, never gathered in a list first."""
    rows: list[TextRow] = []
    labels: list[str] = []
    values: list[LightVal] = []
    blanks: list[LightVal] = []
    gapped: list[LightVal] = []
    gaps = 0
    first_line: int | None = None
    page: int | None = None
    label_line = -1
    apart = False
    for line, block in lines:
        text = block.text
        if not text:  # an empty line: a gap (line_segments gives it as one)
            if values:
                gaps += 1
            continue
        tpage = block.page
        for seg in _line_segments(text) if len(text) < 300 else line_segments(text):
            kind = seg[0]
            if kind == 0:  # LABELS
                if values or (blanks and labels):
                    if not values:
                        values, blanks = blanks, []  # a row printed with every cell blank
                    alt = gapped if len(gapped) != len(values) else None
                    values.extend(blanks)  # trailing blanks: kept, the table parser decides
                    rows.append(TextRow(labels, values, first_line, page, apart and bool(labels), alt))
                    labels, values, blanks, gapped, gaps, first_line, apart = [], [], [], [], 0, None, False
                blanks = []
                labels.extend(seg[1])
                label_line = line
                first_line = first_line or line
                page = tpage
            elif kind == 1:  # VALUES
                if first_line is None:
                    first_line = line
                    page = tpage
                if not values and not blanks:
                    apart = line != label_line
                if gaps:
                    gapped.extend(("", line, tpage, False, None) for _ in range(gaps))
                    gaps = 0
                if blanks:
                    values.extend(blanks)
                    gapped.extend(blanks)
                    blanks = []
                _kind, texts, marks = seg
                if marks is None and len(texts) == 1:  # one value on the line (a cell per line): no list made
                    made1 = (texts[0], line, tpage, False, None)
                    values.append(made1)
                    gapped.append(made1)
                    continue
                made = [(t, line, tpage, False, None) for t in texts] if marks is None else \
                    [(t, line, tpage, stray, center) for t, (stray, center) in zip(texts, marks, strict=True)]
                values.extend(made)
                gapped.extend(made)
            elif kind == 2:  # GAP
                if values:
                    gaps += 1
            elif labels or values:  # a blank cell
                if not values and not blanks:
                    apart = line != label_line
                blanks.append(("", line, tpage, False, None))
    alt = gapped if len(gapped) != len(values) else None
    if values:
        values.extend(blanks)
    if labels or values:
        rows.append(TextRow(labels, values, first_line, page, apart and bool(labels), alt))
    return rows


_BLANK = CellValue(None)


def _val(v: LightVal, made: dict[int, Val]) -> Val:
    """The Val of a light value (one per value: a value in both the run and its gapped reading is one Val)."""
    got = made.get(id(v))
    if got is None:
        raw, line, page, stray, center = v
        got = made[id(v)] = Val(raw, parse_value(raw) if raw else _BLANK, f"第{line}行", page, stray=stray,
                                center=center)
    return got


def lines_to_rows(lines: list[tuple[int, Line]]) -> list[Row]:
    """group_lines with a Val per cell (the general path's rows)."""
    out: list[Row] = []
    for r in group_lines(lines):
        made: dict[int, Val] = {}
        out.append(Row(r.labels, [_val(v, made) for v in r.vals], r.position, r.page,
                       gapped=[_val(v, made) for v in r.alt] if r.alt is not None else None, apart=r.apart))
    return out


# Page furniture a PDF viewer's copy or a conversion leaves inside tables that span pages.
_PAGE_DASHED = re.compile(r"^[-—–－―~～]+\s*(\d{1,4})\s*[-—–－―~～]+$")
_PAGE_WORDED = re.compile(r"^(?:共\s*\d{1,4}\s*页\s*[,，/]?\s*)?第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$")
_RUNNING = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)")
_DASHES = "-—–－―~～"
_FURNITURE_CHAR = re.compile(r"[页报\-—–－―~～]")  # one of them is in every furniture line


def _furniture_candidates(lines: list[str], joined: str | None = None) -> list[int]:
    """Indexes of the lines holding a character every furniture pattern needs (most lines hold none): found in the
    lines joined by line breaks (`joined`, when the caller has it), one search from each hit's line to the next,
    instead of one search per line."""
    if joined is None:
        joined = "\n".join(lines)
    if joined.count("\n") != len(lines) - 1:  # a line holding a line break itself: line by line
        return [i for i, text in enumerate(lines) if _FURNITURE_CHAR.search(text)]
    out: list[int] = []
    search = _FURNITURE_CHAR.search
    pos = line = 0
    while (m := search(joined, pos)) is not None:
        start = m.start()
        line += joined.count("\n", pos, start)
        out.append(line)
        pos = joined.find("\n", start) + 1
        if not pos:
            break
        line += 1
    return out


def furniture(lines: list[str], joined: str | None = None) -> set[int]:
    """Indexes of the lines that are page furniture, not report text: page numbers ("— 4 —", "- 4 -",
    "第4页", "第 4 页 共 9 页") and a running header or footer (a report-title line printed again and again).
    A dashed number counts only when the page numbers in the text run upwards ("- 4 -" could be cells)."""
    out: set[int] = set()
    dashed: list[tuple[int, int]] = []
    seen: dict[str, list[int]] = {}
    for i in _furniture_candidates(lines, joined):
        text = lines[i]
        t = text.strip()
        if not t or len(t) > 80:
            continue
        # each pattern needs a character it is cheaper to look for first
        if "页" in t and _PAGE_WORDED.match(t):
            out.add(i)
        elif t[0] in _DASHES and (m := _PAGE_DASHED.match(t)):
            dashed.append((i, int(m.group(1))))
        elif ("报告" in t or "年报" in t) and "。" not in t and _RUNNING.search(t):
            seen.setdefault(_WS.sub("", t), []).append(i)
    numbers = [n for _i, n in dashed]
    if len(dashed) >= 2 and all(a < b for a, b in zip(numbers, numbers[1:], strict=False)):
        out.update(i for i, _n in dashed)
    for where in seen.values():
        if len(where) >= 2:
            out.update(where[1:])  # the first is the report's own title
    return out


def document_to_rows(doc: Document) -> list[Row]:
    """All rows of a document in reading order: grids row by row, text lines tokenised (page furniture left out)."""
    return rows_of(doc, lines_to_rows, table_to_rows)


R = TypeVar("R")


def rows_of(doc: Document, from_lines: Callable[[list[tuple[int, Line]]], Sequence[R]],
            from_grid: Callable[[Table], Sequence[R]]) -> list[R]:
    """A document's rows in reading order, of either path: each run of text lines between grids (numbered among
    the text lines, page furniture left out) by `from_lines`, each grid by `from_grid`."""
    blocks = doc.blocks
    texts = doc.line_texts
    skip = furniture(texts, doc.joined)
    if len(texts) == len(blocks):  # text only: the lines numbered in one go
        numbered = cast(list[tuple[int, Line]], list(enumerate(blocks, 1)))
        if skip:
            numbered = [pair for pair in numbered if pair[0] - 1 not in skip]
        return list(from_lines(numbered)) if numbered else []
    rows: list[R] = []
    pending: list[tuple[int, Line]] = []
    line_no = 0
    for block in blocks:
        if isinstance(block, Table):
            if pending:
                rows.extend(from_lines(pending))
                pending = []
            rows.extend(from_grid(block))
        else:
            line_no += 1
            if line_no - 1 in skip:
                continue
            pending.append((line_no, block))
    if pending:
        rows.extend(from_lines(pending))
    return rows
