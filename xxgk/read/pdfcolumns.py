"""Blank cells of tables drawn without cell borders (三线表, or no rules at all), placed by x position.

Such a table reaches the reader as lines of text. A cell printed blank leaves no mark, so a row of
seven columns that prints five numbers reads as five numbers, and which columns they belong to is
lost. The page still shows it: each number stands under its column. Here the columns of a run of
table rows (a block) are found from the x positions of the numbers in the block's rows, and from the
column headers just above it; then each number of a row that prints fewer numbers than there are
columns goes to its column, and the row is written with its cells separated by tabs, blank cells
empty, the way a tab-separated text table prints them (the parser's text tables read that).

A row is placed only when that is unambiguous: every number close to one column, no two numbers in
one column. Otherwise the line stays as printed (the parser then leaves the row blank with a
warning). Numbers may be centred, right- or left-aligned: the alignment whose x positions line up
best over the block is used, and the header labels help only when they stand aligned the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.read.pdfwords import TextLine, Word

MAX_HEADER_LINES = 10  # lines above a block searched for its column headers
MAX_COLUMNS = 24  # more columns than any report table has: not a table


def _groups(xs: list[float], tol: float) -> list[list[float]]:
    """Positions closer than tol to the previous one go together."""
    groups: list[list[float]] = []
    for x in sorted(xs):
        if groups and x - groups[-1][-1] <= tol:
            groups[-1].append(x)
        else:
            groups.append([x])
    return groups


def _clusters(xs: list[float], tol: float) -> list[float]:
    """The mean of each group of positions."""
    return [sum(g) / len(g) for g in _groups(xs, tol)]


@dataclass(slots=True)
class Columns:
    """The columns of a block: how its numbers align, each column's x position, the column pitch."""

    mode: str  # "center", "right" or "left"
    xs: list[float]
    pitch: float


@dataclass(slots=True)
class Block:
    """A run of table rows: lines start..end-1, the last holding values at `last`."""

    start: int
    last: int
    end: int


def _blocks(lines: list[TextLine]) -> list[Block]:
    """Runs of table rows: lines with values, and label lines between and after them that stay left of
    the numbers (a wrapped row label, a group label, a row printed blank)."""
    out: list[Block] = []
    i = 0
    while i < len(lines):
        if not lines[i].values():
            i += 1
            continue
        start = last = i
        left = min(w.x0 for w in lines[i].values())
        j = i + 1
        while j < len(lines):
            line = lines[j]
            vals = line.values()
            height = max(1.0, line.bottom - line.top)
            if line.top - lines[j - 1].bottom > 4 * height:
                break  # a gap: the table ended
            if vals:
                left = min(left, min(w.x0 for w in vals))
                last = j
            elif any(w.x1 > left + 1 for w in line.words):
                break  # text over the number columns: a header, a caption or running text
            j += 1
        out.append(Block(start, last, j))
        i = j
    return out


def _pitch(rows: list[list[float]], least: float, tol: float) -> float | None:
    """The column pitch: the smallest distance between neighbouring positions of one line (at least
    `least`) that two lines show; the smallest of all when none repeats. (A number printed off its
    column makes one odd distance; the columns make the same ones again and again.)"""
    gaps = [b - a for xs in rows for a, b in zip(xs, xs[1:], strict=False) if b - a >= least]
    if not gaps:
        return None
    repeated = [sum(g) / len(g) for g in _groups(gaps, tol) if len(g) >= 2]
    return min(repeated) if repeated else min(gaps)


def _columns(value_lines: list[list[Word]], header: list[list[Word]], label_right: float) -> Columns | None:
    """The columns of a block whose row labels end at `label_right`, from its numbers and the header
    lines above it (nearest first)."""
    words = [w for vals in value_lines for w in vals]
    size = sorted(w.size for w in words)[len(words) // 2]
    tol = max(1.5, size * 0.3)
    # Header words right of the row labels (a header over the label column names no value column),
    # in the table's type (a heading above the table is larger).
    heads = [[w for w in line if w.x0 > label_right - tol and w.size <= 1.2 * size] for line in header]
    # The alignment: the one whose numbers line up in fewest columns, then the one whose header
    # labels stand where the numbers do (centred labels over right-aligned numbers match none).
    best: tuple[int, int, str] | None = None
    for mode in ("center", "right", "left"):
        xs = _clusters([w.anchor(mode) for w in words], tol)
        if len(xs) > 2 * MAX_COLUMNS:
            continue  # numbers scattered over the page in this alignment: not columns
        matches = sum(1 for line in heads for w in line if min(abs(w.anchor(mode) - x) for x in xs) <= tol)
        if best is None or (len(xs), -matches) < best[:2]:
            best = (len(xs), -matches, mode)
    if best is None:
        return None
    n, matches, mode = best[0], -best[1], best[2]
    if matches < min(2, n):
        heads = []  # the header does not line up with the numbers: it cannot say where columns are
    groups = _groups([w.anchor(mode) for w in words], tol)
    pitch = _pitch([[w.anchor(mode) for w in vals] for vals in value_lines]
                   + [[w.anchor(mode) for w in line] for line in heads], 1.5 * size, tol)
    if pitch is None:
        return None
    # Columns where numbers stand most often first; a position closer than 3/4 of a pitch to one of
    # them is a number printed off its column, not a column.
    cols: list[float] = []
    for g in sorted(groups, key=len, reverse=True):
        x = sum(g) / len(g)
        if all(abs(x - c) >= 0.75 * pitch for c in cols):
            cols.append(x)
    cols.sort()
    # Header lines nearest the numbers first: the lowest header row names single columns; a label
    # spanning columns sits between two of them (skipped) or over one (nothing new).
    for line in heads:
        if any(w.x1 - w.x0 > 3 * pitch for w in line):
            break  # running text or a heading above the table
        for w in line:
            x = w.anchor(mode)
            if min(abs(c - x) for c in cols) >= 0.75 * pitch:
                cols.append(x)
                cols.sort()
    if not 2 <= len(cols) <= MAX_COLUMNS:
        return None  # one column: nothing to place (a number ending a line of text)
    return Columns(mode, cols, pitch)


def _place(vals: list[Word], cols: Columns) -> list[str] | None:
    """The row's cells, blank where nothing is printed; None unless each value has its own column."""
    cells = [""] * len(cols.xs)
    last = -1
    for w in vals:
        x = w.anchor(cols.mode)
        j = min(range(len(cols.xs)), key=lambda c: abs(cols.xs[c] - x))
        if abs(cols.xs[j] - x) > 0.35 * cols.pitch or j <= last:
            return None
        cells[j] = w.text
        last = j
    return cells


def _blank_rows(lines: list[TextLine], block: Block, lead: int, left_edge: float, rules: list[float]) -> list[int]:
    """Label lines that are rows printed with every cell blank: a label in the type of the row labels,
    left of the numbers, a row pitch away from the rows around it.
    A label wrapped over lines counts once (its middle line); a group label, centred between rows, or
    the wrapped part of a label beside numbers, is not a row. Blank rows above the first numbers
    (lines `lead` .. block.start-1) count only below the table's header rule (a header label over the
    label column is not a row), and those after the last numbers only above the table's bottom rule
    (a note under the table is not a row): a table without rules has blank rows only between rows
    with numbers."""
    def mid(k: int) -> float:
        return (lines[k].top + lines[k].bottom) / 2

    value_rows = [k for k in range(block.start, block.last + 1) if lines[k].values()]
    ys = [mid(k) for k in value_rows]
    leaves = [lines[k].words[-len(lines[k].values()) - 1] for k in value_rows
              if len(lines[k].words) > len(lines[k].values())]
    if not leaves:
        return []
    steps = [b - a for a, b in zip(ys, ys[1:], strict=False) if b - a > 1]
    # With one row of numbers, a row is taken as two lines high (a wrapped label's lines are closer).
    pitch = min(steps) if steps else 2 * leaves[0].size
    sizes = {round(w.size, 1) for w in leaves}

    # Label lines in the row labels' type, in bands: the lines of one cell (aligned alike, closer
    # than a row pitch).
    bands: list[list[int]] = []
    for k in range(lead, block.end):
        line = lines[k]
        if line.values() or not line.words or round(line.words[-1].size, 1) not in sizes \
                or any(w.x1 > left_edge + 1 for w in line.words):
            continue
        if bands and mid(k) - mid(bands[-1][-1]) < 0.75 * pitch and bands[-1][-1] == k - 1 \
                and _aligned(line.words[-1], lines[k - 1].words[-1]):
            bands[-1].append(k)
        else:
            bands.append([k])
    first_top = lines[block.start].top
    above = [b for b in bands if b[0] < block.start]
    if above and not any(r < lines[above[-1][0]].top for r in rules):
        above = []  # no header rule above them: these may be header labels
    above = [b for b in above if not any(lines[b[-1]].bottom <= r <= first_top for r in rules)]
    inside = [b for b in bands if block.start <= b[0] and mid(b[0]) < ys[-1]]
    # After the numbers: above the table's bottom rule (without one, a note under the table could not
    # be told from a row), and not the caption of a part of the table that follows (a line with
    # column headers right under it).
    after = [b for b in bands if b[0] > block.start and mid(b[0]) > ys[-1]
             and any(r >= lines[b[-1]].bottom for r in rules)
             and not any(lines[block.last].bottom <= r <= lines[b[0]].top for r in rules)
             and not (b[-1] + 1 < len(lines) and sum(w.x0 > left_edge - 1 for w in lines[b[-1] + 1].words) >= 2)]
    out = []
    rows = list(ys)
    # Inside the run of numbers, a row pitch from its neighbours; before or after it, one row pitch
    # (a wrapped label makes a row taller) from the row next to it, each found row leading to the next.
    for band, outer in [(b, False) for b in inside] + [(b, True) for b in after] + [(b, True) for b in reversed(above)]:
        y = (mid(band[0]) + mid(band[-1])) / 2
        near = min(abs(y - r) for r in rows)
        if near >= 0.75 * pitch and (not outer or near <= 1.6 * pitch):
            out.append(band[(len(band) - 1) // 2])
            rows.append(y)
        elif outer and band[0] < block.start:
            break  # a gap above: what is further up is the header
    return out


def _aligned(a: Word, b: Word) -> bool:
    """Two lines of one cell: the same centre, left or right edge."""
    return min(abs(a.center - b.center), abs(a.x0 - b.x0), abs(a.x1 - b.x1)) <= 2


def place_cells(lines: list[TextLine], carried: Columns | None = None, rules: list[float] | None = None
                ) -> tuple[dict[int, tuple[str, list[str]]], Columns | None]:
    """The rows of borderless tables on one page: for each line of a table row (by index), its label
    text and its cells in column order, blank cells as ""; and the columns of the page's last table
    (pass them on to the next page: a table continued without its header keeps its columns).

    `carried` are the columns of the previous page's last table: the page's first table uses them
    when it prints no header of its own and its numbers stand in those columns. `rules` are the
    heights of the page's horizontal rules (a 三线表's header rule)."""
    out: dict[int, tuple[str, list[str]]] = {}
    prev_end = 0
    last_cols: Columns | None = None
    for n, block in enumerate(_blocks(lines)):
        start = block.start
        rows = [(k, lines[k].values()) for k in range(start, block.last + 1)]
        value_lines = [vals for _, vals in rows if vals]
        left_edge = min(w.x0 for vals in value_lines for w in vals)
        # Label lines just above the first numbers (rows printed blank, or a label's first lines).
        lead = start
        while lead > prev_end and lines[lead - 1].words and all(w.x1 <= left_edge + 1 for w in lines[lead - 1].words):
            lead -= 1
        header = [lines[k].words for k in range(start - 1, max(prev_end, start - MAX_HEADER_LINES) - 1, -1)]
        prev_end = block.end
        labels = [w.x1 for k in range(lead, block.last + 1) for w in lines[k].words if w.x1 <= left_edge + 1]
        label_right = max(labels, default=float("-inf"))
        cols = _columns(value_lines, header, label_right)
        if n == 0 and carried is not None and not any(w.center > label_right for line in header for w in line) \
                and (cols is None or len(cols.xs) <= len(carried.xs)) \
                and all(_place(vals, carried) is not None for vals in value_lines):
            cols = carried
        last_cols = cols
        if cols is None:
            continue
        for k, vals in rows:
            if not vals or len(vals) > len(cols.xs):
                continue
            if any(w.x1 > left_edge + 1 for w in lines[k].words[:len(lines[k].words) - len(vals)]):
                continue  # text among the numbers: not a row of cells this can place
            cells = _place(vals, cols)
            label = _label_text(lines[k].text, vals)
            if cells is not None and label is not None:
                out[k] = (label, cells)
        for k in _blank_rows(lines, block, lead, left_edge, rules or []):
            out[k] = (lines[k].text.strip(), [""] * len(cols.xs))
    return out, last_cols


def _label_text(text: str, vals: list[Word]) -> str | None:
    """The line's text before its values, as extracted; None when the text does not end with them."""
    for w in reversed(vals):
        text = text.rstrip()
        if not text.endswith(w.text):
            return None
        text = text[:-len(w.text)]
    return text.strip()
