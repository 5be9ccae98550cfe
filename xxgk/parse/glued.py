"""Cells run together: recover a row's numbers from digits printed with no separator.

Crawler text dumps flatten a table row into one string: "230 000023" is 23|0|0|0|0|0|23. The
table's own arithmetic tells the cells apart: in table 三 the seventh number is the sum of the
six before it (R2), in table 四 each block of five ends with the sum of its four (R4); across the
rows of table 三, every column satisfies R1 and R3. Where more than one split fits, nothing is
chosen: the candidates are returned so that the parser can report them and leave the cells blank.

Rules of the reading (why they are safe):
- whitespace is a cell boundary: a flattened cell keeps its own trailing or leading blanks, so a
  number never spans a blank;
- a number has no leading zero ("07" is two cells, 0|7): printed counts never carry one;
- a table 二 money cell may end with a decimal part and a unit ("75394432.52元").

Pure functions; the parser calls them:
- `row_splits(text, ncols, table)`: every split of one row that satisfies the row's arithmetic;
- `split_row(text, ncols, table=..., row=...)`: the one split, or None (the parser's per-row hook);
- `solve_table3(rows)`: rows of table 三 (key → glued text) disambiguated by R1/R3 across rows;
- `describe(candidates)`: the candidates as a short Chinese phrase for a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import product

from xxgk import keys

Number = int | float
Split = tuple[Number, ...]

MAX_DIGITS = 60  # longer runs are not a table row; refuse rather than enumerate
MAX_CANDIDATES = 2000
MAX_COMBINATIONS = 200_000

_UNIT = re.compile(r"(万元|元|件|个|项|条)$")
_ALLOWED = re.compile(r"^[\d\s.]*$")


def _tokens(text: str) -> tuple[str, set[int]] | None:
    """The digits (and decimal points) of a row, and the positions where a blank forces a boundary."""
    text = text.replace("\u00a0", " ").replace("\u3000", " ").strip()
    text = _UNIT.sub("", text).strip()
    if not text or not _ALLOWED.match(text):
        return None
    chars: list[str] = []
    cuts: set[int] = set()
    for ch in text:
        if ch.isspace():
            if chars:
                cuts.add(len(chars))
        else:
            chars.append(ch)
    s = "".join(chars)
    if not s or len(s) > MAX_DIGITS:
        return None
    return s, cuts


def _number(piece: str, money: bool) -> Number | None:
    if not piece or piece[0] == "." or piece[-1] == ".":
        return None
    if "." in piece:
        if not money or piece.count(".") > 1:
            return None
        whole = piece.split(".")[0]
        if len(whole) > 1 and whole[0] == "0":
            return None
        return float(piece)
    if len(piece) > 1 and piece[0] == "0":
        return None
    return int(piece)


def _pieces(s: str, cuts: set[int], start: int, money: bool) -> Iterator[tuple[int, Number]]:
    """Every number that can start at `start`: (end, value)."""
    for end in range(start + 1, len(s) + 1):
        if any(start < c < end for c in cuts):
            break
        value = _number(s[start:end], money)
        if value is not None:
            yield end, value


def _free(s: str, cuts: set[int], start: int, k: int, money_last: bool) -> Iterator[tuple[Number, ...]]:
    """All ways to read s[start:] as exactly k numbers (no arithmetic)."""
    if k == 0:
        if start == len(s):
            yield ()
        return
    if len(s) - start < k:
        return
    for end, value in _pieces(s, cuts, start, money_last and k == 1):
        for rest in _free(s, cuts, end, k - 1, money_last):
            yield (value, *rest)


def _with_totals(s: str, cuts: set[int], start: int, groups: list[int]) -> Iterator[tuple[int, ...]]:
    """s[start:] read as groups of (n parts + their total), every total equal to the sum of its parts."""
    if not groups:
        if start == len(s):
            yield ()
        return
    n = groups[0]

    def parts(pos: int, left: int, acc: tuple[int, ...]) -> Iterator[tuple[int, tuple[int, ...]]]:
        if left == 0:
            yield pos, acc
            return
        for end, value in _pieces(s, cuts, pos, False):
            # the total still needs at least as many digits as the sum so far
            if len(s) - end < left - 1 + len(str(sum(acc) + int(value))):
                break
            yield from parts(end, left - 1, (*acc, int(value)))

    for pos, acc in parts(start, n, ()):
        total = str(sum(acc))
        end = pos + len(total)
        if s[pos:end] != total or any(pos < c < end for c in cuts):
            continue
        for rest in _with_totals(s, cuts, end, groups[1:]):
            yield (*acc, int(total), *rest)


def row_splits(text: str, ncols: int = 7, table: str = "table3") -> list[Split]:
    """Every split of a glued row into `ncols` numbers that its arithmetic allows.

    table3 (7 columns): the last is the sum of the six; table4 (15): blocks of four plus their
    total; any other shape (table 二 rows): every split, no arithmetic (usually several).
    """
    return list(_row_splits(text, ncols, table))


# A report asks for the same row more than once (a row of zeros in every column, the fit tried, then the warning).
# Few entries: a row may have up to MAX_CANDIDATES splits.
@lru_cache(maxsize=256)
def _row_splits(text: str, ncols: int, table: str) -> tuple[Split, ...]:
    parsed = _tokens(text)
    if parsed is None:
        return ()
    s, cuts = parsed
    if table == "table3" and ncols == 7:
        gen: Iterator[Split] = _with_totals(s, cuts, 0, [6])
    elif table == "table4" and ncols == 15:
        gen = _with_totals(s, cuts, 0, [4, 4, 4])
    elif table == "table4" and ncols == 5:
        gen = _with_totals(s, cuts, 0, [4])
    else:
        gen = _free(s, cuts, 0, ncols, money_last=table == "table2")
    out: list[Split] = []
    for split in gen:
        out.append(split)
        if len(out) >= MAX_CANDIDATES:
            break
    return tuple(out)


def split_row(text: str, ncols: int = 7, table: str = "table3", row: str = "") -> Split | None:
    """The split of a glued row when exactly one fits its arithmetic; None when none or several do.

    The parser's per-row hook (xxgk.parse.cells.glued_split). `row` is the canonical row key; it is
    not needed for a single row, only accepted so that callers can pass it.
    """
    found = row_splits(text, ncols, table)
    return found[0] if len(found) == 1 else None


def describe(candidates: list[Split], limit: int = 12) -> str:
    """Candidates as "23|0|0|0|0|0|23 或 …（共 N 种）" for a warning."""
    shown = " 或 ".join("|".join(_fmt(v) for v in c) for c in candidates[:limit])
    more = f"（共 {len(candidates)} 种）" if len(candidates) > limit else ""
    return shown + more


def _fmt(v: Number) -> str:
    return str(v)


def _column_ok(values: dict[str, Split], rows_present: set[str]) -> bool:
    """R1 and R3 on every column, over the rows whose values are known."""
    cols = range(7)
    outcome = [k for k in keys.OUTCOME_ROWS if k in rows_present]
    other = [k for k in ("other", *keys.OTHER_DETAIL_ROWS) if k in rows_present]
    for c in cols:
        if "total_processed" in values and all(k in values for k in outcome + other):
            if sum(values[k][c] for k in outcome + other) != values["total_processed"][c]:
                return False
        r1 = ("new_received", "carried_over", "total_processed", "carried_forward")
        if all(k in values for k in r1):
            lhs = values["new_received"][c] + values["carried_over"][c]
            if lhs != values["total_processed"][c] + values["carried_forward"][c]:
                return False
    return True


def solve_table3(rows: dict[str, str]) -> tuple[dict[str, Split], dict[str, list[Split]]]:
    """Table 三 rows (canonical key → glued text) as numbers: (solved rows, ambiguous rows → candidates).

    Each row first gets every split satisfying R2. Where a row has several, the column rules R1
    and R3 across all rows decide — only when the rows read unambiguously satisfy them themselves
    (a report printing wrong totals gives no ground to choose). A row still open afterwards, or
    with no split at all, is in the second dict with its candidates (possibly none).
    """
    cands = {key: row_splits(text, 7, "table3") for key, text in rows.items()}
    solved = {k: c[0] for k, c in cands.items() if len(c) == 1}
    open_rows = {k: c for k, c in cands.items() if len(c) > 1}
    failed = {k: c for k, c in cands.items() if not c}
    present = set(rows)
    if open_rows:
        combos = 1
        for c in open_rows.values():
            combos *= len(c)
        if combos <= MAX_COMBINATIONS:
            fitting: list[dict[str, Split]] = []
            names = list(open_rows)
            for choice in product(*(open_rows[k] for k in names)):
                trial = dict(solved)
                trial.update(zip(names, choice, strict=True))
                if _column_ok(trial, present):
                    fitting.append(dict(zip(names, choice, strict=True)))
            for k in names:
                options = {f[k] for f in fitting}
                if len(options) == 1:
                    solved[k] = options.pop()
                    del open_rows[k]
                elif options:
                    open_rows[k] = [c for c in open_rows[k] if c in options]
    return solved, {**open_rows, **failed}
