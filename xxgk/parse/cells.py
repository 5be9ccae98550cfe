"""Fitting a row's printed values to the columns it should have, and recording where each came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xxgk.cellvalue import CellValue
from xxgk.parse import glued
from xxgk.parse.normalize import strip_numbering
from xxgk.parse.rows import Row, Val
from xxgk.report import CellRef, Number

_new = tuple.__new__  # a CellRef (a named tuple) built at a plain tuple's cost


def fit(values: list[Val], n: int) -> list[Val] | None:
    """Exactly n values from a row's run: extra blanks at the ends dropped; None when they don't fit."""
    if values and not any(v.raw for v in values):
        return values[:n] if len(values) >= n else None  # every cell printed blank
    end = len(values)
    while end > 0 and not values[end - 1].raw:
        end -= 1
    while end > n and values[end - 1].stray:
        end -= 1  # "00" printed before the next row's label
        while end > 0 and not values[end - 1].raw:
            end -= 1
    core = values[:end]
    start = 0
    while len(core) - start > n and not core[start].raw:
        start += 1
    core = core[start:]
    if len(core) == n:
        return core
    if len(core) < n and len(core) + (len(values) - end) >= n and any(v.raw for v in core):
        return core + values[end:end + n - len(core)]  # printed blank cells at the end of the row
    return None


def fit_row(row: Row, n: int) -> list[Val] | None:
    """A row's n values: as printed, else (text copied one cell per line) with its empty lines read as
    blank cells when that gives exactly n."""
    if n in row.fitted:
        return row.fitted[n]
    vals = fit(row.values, n)
    if vals is None and row.gapped is not None and len(row.gapped) == n:
        vals = row.gapped
    row.fitted[n] = vals
    return vals


_DIGIT_IN_LABEL = re.compile(r"[0-9０-９]")


def glued_split(row: Row, n: int, table: str, key: str) -> list[Number] | None:
    """Digits run together ("230 000023" → 23|0|0|0|0|0|23), split by xxgk.parse.glued."""
    raw = row.raw_values
    if not raw or any(v.cell.value is None and v.raw for v in row.values):
        return None
    try:
        result = glued.split_row(raw, n, table=table, row=key)
    except Exception:  # the solver is best-effort; a failure leaves the cells blank with a warning
        return None
    if result is None or len(result) != n:
        return None
    return list(result)


def glued_candidates(row: Row, n: int, table: str) -> str:
    """For a warning: the splits a glued row allows when none is certain ("" when it is not glued)."""
    raw = row.raw_values
    if not raw or len(row.values) >= n or any(v.cell.value is None and v.raw for v in row.values):
        return ""
    try:
        found = glued.row_splits(raw, n, table)
    except Exception:  # best-effort, as the solver itself
        return ""
    if len(found) < 2:
        return ""
    return f"数字连在一起，可能的拆分有 {glued.describe(found)}，无法确定，未作猜测；"


@dataclass(slots=True)
class TableOut:
    """A table being assembled: values by row and column, their CellRefs, and warnings."""

    name: str
    data: dict[str, dict[str, Number | None]] = field(default_factory=dict)
    cells: list[CellRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def put(self, row: str, col: str, value: Number | None, val: Val | None, label: str, row_obj: Row) -> None:
        """Store one value and where it was printed; a number no count can be is stored blank, with a warning."""
        odd = val is not None and val.cell.odd
        if odd or (value is not None and abs(value) >= MAX_MONEY.get(col, MAX_COUNT)):  # rare: say why
            why = (val.cell.odd if val is not None else "") or implausible(col, value)
            name = {"table2": "表二", "table3": "表三", "table4": "表四"}.get(self.name, self.name)
            self.warnings.append(f"{name}「{label}」行的“{val.raw if val is not None else value}”{why}，"
                                 f"已留空（{val.position if val is not None else row_obj.position}）。")
            value = None
        self.data.setdefault(row, {})[col] = value
        raw = val.raw if val is not None else row_obj.raw_values
        position = val.position if val is not None else row_obj.position
        page = val.page if val is not None else row_obj.page
        self.cells.append(_new(CellRef, (self.name, row, col, value, raw, label, page, position)))

    def put_row(self, key: str, cols: list[str], row: Row, label: str, n_label: str,
                convert: dict[str, object] | None = None) -> bool:
        """Store a row's values under cols; glued digits go to the solver; unsplittable rows stay blank."""
        vals = fit_row(row, len(cols))
        if vals is not None:  # self.put inlined for the cells that need no warning
            data = self.data.setdefault(key, {})
            append = self.cells.append
            name = self.name
            for col, v in zip(cols, vals, strict=True):
                cell = v.cell
                conv = convert.get(col) if convert else None
                value = conv(cell) if callable(conv) else cell.value
                if cell.odd or (value is not None and abs(value) >= MAX_MONEY.get(col, MAX_COUNT)):
                    self.put(key, col, value, v, label, row)
                    continue
                data[col] = value
                append(_new(CellRef, (name, key, col, value, v.raw, label, v.page, v.position)))
            return True
        # digits run into the label itself ("行政许可70-") belong to the row too: no split of the rest is sure
        solved = None if _DIGIT_IN_LABEL.search(strip_numbering(label)) else glued_split(row, len(cols), self.name, key)
        if solved is not None:
            for col, num in zip(cols, solved, strict=True):
                self.put(key, col, num, None, label, row)
            shown = "|".join(str(x) for x in solved)
            self.warnings.append(f"{n_label}「{label}」行的数字连在一起（“{row.raw_values}”），唯一可能的拆分是 {shown}"
                                 f"（数字不以 0 开头，合计须相符），已采用。")
            return True
        for col in cols:
            self.put(key, col, None, None, label, row)
        printed = "、".join(v.raw or "空" for v in row.values) or "无"
        candidates = glued_candidates(row, len(cols), self.name)
        self.warnings.append(
            f"{n_label}「{label}」行应有 {len(cols)} 个数值，实际读到 {len(row.values)} 个（{printed}），"
            f"{candidates}无法对应到各列，已留空，原文保留在单元格记录中。"
        )
        return False


# The largest number a cell can plausibly hold: counts of documents, decisions or applications of one
# agency in one year, and money in the column's unit. Beyond it the text is not a count (a misprint, an ID).
MAX_COUNT = 10_000_000
MAX_MONEY = {"amount_yuan": 10**12, "amount_wan_yuan": 10**8}


def implausible(col: str, value: Number | None) -> str:
    """Why a number cannot be what the column counts ("" when it can)."""
    if value is None:
        return ""
    limit = MAX_MONEY.get(col, MAX_COUNT)
    if abs(value) >= limit:
        return f"大到不可能（超过 {limit:,}），不是该栏的数值"
    return ""


def value_of(v: CellValue) -> Number | None:
    """The plain number of a cell (no unit conversion)."""
    return v.value
