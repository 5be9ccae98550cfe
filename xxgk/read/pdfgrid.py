"""Cell grids from PDF geometry: pdfplumber's cells placed on a grid, prose rows split off, and
tables that run over a page break joined into one.

A printed cell is one `_PCell` object; every grid position it covers refers to that same object,
so span copies, joins across pages and dropped rows are plain reference changes. `finish_tables`
turns the result into Document Tables, where the first position of each object is its origin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from xxgk.document import Block, Cell, Table, join_lines

_TOL = 3.0  # points: ruling lines closer than this are the same grid line
_SHIFT_TOL = 12.0  # points: the same column on two pages may be drawn this far apart
_ENUM = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．]|第)")
_CAPTION = re.compile(r"^\s*第.{1,4}条")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*、|[（(][一二三四五六七八九十]+[）)])")
_VALUE = re.compile(r"^[\s\d,，.．\-－—/／%％]*\d[\s\d,，.．%％]*(?:万?元|件|个|项|次|条|人次)?\s*$|^[-－—/／无]$")


@dataclass(eq=False, slots=True)
class _PCell:
    """One printed cell; grid positions of a merged cell all refer to the same object."""

    text: str
    page: int
    bbox: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class ProtoTable:
    """A table of one page (or several, once joined) before it becomes a Document Table."""

    rows: list[list[_PCell]]
    page: int
    top: float
    xs: list[float] = field(default_factory=list)  # column boundaries, left to right
    row_pages: list[int] = field(default_factory=list)  # the page each row is printed on


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(lines: list[float], v: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - v))


def _is_full_width(row: list[_PCell]) -> bool:
    return all(c is row[0] for c in row)


def grid_from_plumber(table: Any, page_no: int) -> tuple[ProtoTable | None, list[tuple[float, float, str]]]:
    """A pdfplumber table as a grid, and the prose rows (page text caught in a frame) split off."""
    texts = table.extract(x_tolerance=1.5)
    placed: list[tuple[tuple[float, float, float, float], str]] = []
    for row, row_texts in zip(table.rows, texts, strict=False):
        for bbox, text in zip(row.cells, row_texts, strict=False):
            if bbox is not None:
                placed.append((bbox, join_lines((text or "").split("\n"))))
    if not placed:
        return None, []
    xs = _cluster([b[0] for b, _ in placed] + [b[2] for b, _ in placed])
    ys = _cluster([b[1] for b, _ in placed] + [b[3] for b, _ in placed])
    nrows, ncols = len(ys) - 1, len(xs) - 1
    if nrows < 1 or ncols < 1:
        return None, [(b[1], b[3], t) for b, t in placed if t]
    grid: list[list[_PCell | None]] = [[None] * ncols for _ in range(nrows)]
    for bbox, text in placed:
        r0, r1 = _index(ys, bbox[1]), _index(ys, bbox[3])
        c0, c1 = _index(xs, bbox[0]), _index(xs, bbox[2])
        cell = _PCell(text, page_no, tuple(bbox))  # type: ignore[arg-type]
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                if grid[r][c] is None:
                    grid[r][c] = cell
    rows: list[list[_PCell]] = []
    for r, row in enumerate(grid):
        filled = [c if c is not None else _PCell("", page_no, (xs[i], ys[r], xs[i + 1], ys[r + 1]))
                  for i, c in enumerate(row)]
        rows.append(filled)
    return _split_prose(rows, page_no, xs, ys)


def _split_prose(rows: list[list[_PCell]], page_no: int, xs: list[float],
                 ys: list[float]) -> tuple[ProtoTable | None, list[tuple[float, float, str]]]:
    """Full-width rows above and below the table proper are page text inside a frame, not cells."""
    tops = list(ys[:-1])
    prose: list[tuple[float, float, str]] = []  # (top, bottom, text)
    seen: set[int] = set()

    def emit(cell: _PCell, top: float) -> None:
        if id(cell) not in seen and cell.text:
            box = cell.bbox or (0.0, top, 0.0, top)
            prose.append((box[1], box[3], cell.text))
        seen.add(id(cell))

    while rows and _is_full_width(rows[0]) and not _CAPTION.match(rows[0][0].text):
        emit(rows[0][0], tops[0])
        rows.pop(0)
        tops.pop(0)
    while rows and _is_full_width(rows[-1]) and (
            not rows[-1][0].text or len(rows[-1][0].text) >= 20 or _HEADING.match(rows[-1][0].text)):
        emit(rows[-1][0], tops[-1])
        rows.pop()
        tops.pop()
    keep = [(r, t) for r, t in zip(rows, tops, strict=True) if any(c.text for c in r)]
    distinct_cols = {id(c) for r, _ in keep for c in r}
    if not keep or len(xs) < 3 or len(distinct_cols) <= len(keep):
        # One column: this frame holds text, not a table. (A single row of several cells stays a
        # table: often the first header row of a table the page break cut.)
        for r, t in keep:
            for c in r:
                emit(c, t)
        return None, prose
    return ProtoTable(rows=[r for r, _ in keep], page=page_no, top=keep[0][1], xs=xs,
                      row_pages=[page_no] * len(keep)), prose


def _is_value(text: str) -> bool:
    return bool(text) and bool(_VALUE.match(text))


def _value_columns(rows: list[list[_PCell]]) -> set[int]:
    """Columns where most printed cells hold numbers (or a dash for none)."""
    ncols = len(rows[0])
    out = set()
    for c in range(ncols):
        seen: set[int] = set()
        vals = total = 0
        for r in rows:
            cell = r[c]
            if id(cell) in seen or not cell.text or (c > 0 and r[c - 1] is cell):
                continue
            seen.add(id(cell))
            total += 1
            vals += _is_value(cell.text)
        if total and vals * 2 > total:
            out.add(c)
    return out


def _column_map(prev: list[float], cont: list[float]) -> list[int] | None:
    """Each boundary of `cont` as a boundary index of `prev`, when `cont`'s columns are among `prev`'s."""
    out = []
    for x in cont:
        i = _index(prev, x)
        if abs(prev[i] - x) > _SHIFT_TOL:
            return None
        out.append(i)
    if any(b <= a for a, b in zip(out, out[1:], strict=False)) or out[0] != 0 or out[-1] != len(prev) - 1:
        return None
    return out


def _regrid(rows: list[list[_PCell]], cmap: list[int], width: int) -> list[list[_PCell]]:
    """Rows re-placed on a finer grid: old column c covers new columns cmap[c] .. cmap[c+1]-1."""
    out = []
    for row in rows:
        new: list[_PCell] = [row[0]] * width
        for c, cell in enumerate(row):
            for j in range(cmap[c], cmap[c + 1]):
                new[j] = cell
        out.append(new)
    return out


def _replace(rows: list[list[_PCell]], old: _PCell, new: _PCell) -> None:
    for row in rows:
        for i, c in enumerate(row):
            if c is old:
                row[i] = new


def _texts(row: list[_PCell]) -> list[str]:
    return [re.sub(r"\s+", "", c.text) for c in row]


def _merge(prev: ProtoTable, cont: ProtoTable) -> bool:
    """Append `cont` (the top of the next page) to `prev` when it is the same table continued."""
    shift = cont.xs[0] - prev.xs[0]  # the same table may sit a little left or right on the next page
    cont_xs = [x - shift for x in cont.xs]
    cmap = _column_map(prev.xs, cont_xs)
    if cmap is None:
        # The part above may lack inner rulings the continuation draws (rows spanning the label columns).
        back = _column_map(cont_xs, prev.xs)
        if back is None:
            return False
        prev.rows[:] = _regrid(prev.rows, back, len(cont_xs) - 1)
        prev.xs = cont_xs
        cmap = list(range(len(cont_xs)))
    rows = _regrid(cont.rows, cmap, len(prev.xs) - 1)
    # A header printed again on the new page.
    k = 0
    while k < len(rows) and k < len(prev.rows) and any(_texts(rows[k])) and _texts(rows[k]) == _texts(prev.rows[k]):
        k += 1
    rows = rows[k:]
    if rows and _join_boundary(prev.rows, rows):
        rows.pop(0)
    prev.rows.extend(rows)
    prev.row_pages.extend([cont.page] * len(rows))
    return True


def _join_boundary(above: list[list[_PCell]], below: list[list[_PCell]]) -> bool:
    """Mend the row labels a page break cut: a label's tail (True: drop the first row below, now
    part of the row above), or a group label carried on."""
    values = _value_columns(above + below)
    if not values:
        return False
    first_value = min(values)
    labels = range(first_value)
    a, b = above[-1], below[0]
    a_has = any(_is_value(a[c].text) for c in values)
    b_has = any(_is_value(b[c].text) for c in values)
    b_labels = [c for c in labels if b[c].text and (c == 0 or b[c - 1] is not b[c])]
    # The tail of a row whose label ran over the break: no numbers, text that is not a new item.
    if a_has and not b_has and b_labels and not any(_ENUM.match(b[c].text) for c in b_labels) \
            and not any(b[c].text for c in values):
        for c in b_labels:
            if a[c] is not b[c]:
                a[c].text = join_lines([a[c].text, b[c].text])
                _replace(below, b[c], a[c])
        return True
    if not (a_has and b_has):
        return False
    # A group label (left of the item label) carried on from the previous page.
    for c in labels:
        cell = b[c]
        if (c > 0 and b[c - 1] is cell) or (c > 0 and a[c - 1] is a[c]):
            continue
        inner = [d for d in labels if d > c and b[d] is not cell and b[d].text]
        if not inner or not a[c].text:
            continue
        if not cell.text:
            _replace(below, cell, a[c])
        elif not _ENUM.match(cell.text):
            a[c].text = join_lines([a[c].text, cell.text])
            _replace(below, cell, a[c])
    return False


def finish_tables(pages: list[list[Block | ProtoTable]]) -> list[Block]:
    """Join tables continued over page breaks, then number every table and cell."""
    items: list[Block | ProtoTable] = []
    for page_items in pages:
        for n, item in enumerate(page_items):
            if n == 0 and isinstance(item, ProtoTable) and items and isinstance(items[-1], ProtoTable) \
                    and items[-1].page < item.page and _merge(items[-1], item):
                continue
            items.append(item)
    out: list[Block] = []
    index = 0
    for item in items:
        if isinstance(item, ProtoTable):
            out.append(_to_table(item, index))
            index += 1
        else:
            out.append(item)
    return out


def _to_table(proto: ProtoTable, index: int) -> Table:
    origins: dict[int, tuple[int, int]] = {}
    grid: list[list[Cell]] = []
    for r, row in enumerate(proto.rows):
        cells = []
        for c, pc in enumerate(row):
            origin = origins.setdefault(id(pc), (r, c))
            page = proto.row_pages[r] if r < len(proto.row_pages) else pc.page
            cells.append(Cell(text=pc.text, row=r, col=c, page=page, origin=origin, bbox=pc.bbox))
        grid.append(cells)
    return Table(rows=grid, page=proto.page, index=index)
