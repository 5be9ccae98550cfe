"""Table 三 (applications received and handled) and table 四 (reviews and suits) from their rows."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol, TypeVar

from xxgk import keys
from xxgk.cellvalue import STRING_CACHE, CellValue, squash
from xxgk.parse import glued
from xxgk.parse.cells import TableOut, fit, fit_row, glued_split
from xxgk.parse.labels import extra_key, leaf_text, match_row, numbering
from xxgk.parse.rows import Row, Val
from xxgk.parse.stacked import unstack

T3_COLS = list(keys.TABLE3_COLUMNS)
T4_COLS = list(keys.TABLE4_COLUMNS)


def _is_table_label(label: str) -> bool:
    """A short label, not a sentence of running text."""
    s = squash(label)
    return 0 < len(s) <= 40 and not any(ch in s for ch in "。；;")


def rows_to_table3(rows: list[Row], template: str) -> TableOut:
    """Table 三 in canonical keys: rows matched by their leaf label, unmatched ones placed by position."""
    out = TableOut("table3")
    stacks = unstack(_align_by_header(rows), lambda vals: fit(vals, len(T3_COLS)) is not None)
    rows = stacks.rows
    data_rows = [r for r in rows if r.values]
    matched: list[tuple[Row, str | None, str]] = []
    for row in data_rows:
        if not row.labels or row.unlabelled:
            matched.append((row, None, ""))
            continue
        key, _score, label = match_row("table3", row.labels)
        matched.append((row, key, label))
    order = list(keys.TABLE3_ROW_ORDER["2021" if template == "2021" else "2019"])
    if template == "2021" and any(k == "other" for _, k, _ in matched):
        order = list(keys.TABLE3_ROW_ORDER["2019"])  # （六） printed as one row
    _place_by_position(matched, order, out)
    _align_by_columns(matched, out)
    _totals_only(matched, out)
    # A key matched twice: keep the row whose values fit and carry the most printed numbers
    # (a header label such as "总计" followed by blank cells must not win over the real row).
    best: dict[str, int] = {}
    for i, (row, key, _label) in enumerate(matched):
        if key is None:
            continue
        if key not in best or _weight(row) > _weight(matched[best[key]][0]):
            best[key] = i
    seen: set[str] = set()
    for key, label, row in stacks.ambiguous:
        if key not in best and key not in seen:
            seen.add(key)
            for col in T3_COLS:
                out.put(key, col, None, None, label, row)
    out.warnings.extend(stacks.notes)
    deferred: dict[str, tuple[Row, str]] = {}
    for i, (row, key, label) in enumerate(matched):
        if key is not None and best.get(key) != i:
            if _weight(row) > 0:
                out.warnings.append(f"表三：「{label}」行重复出现（{row.position}），保留数值较完整的一行。")
            continue
        if key is None and row.unlabelled:
            out.warnings.append(f"表三：{row.position}有数值（{row.raw_values}）但行标签为空，位置也不能确定是哪一行，"
                                "已忽略。")
            continue
        if key is None:
            label = row.labels[-1] if row.labels else ""
            if not label or not _is_table_label(label) or fit_row(row, len(T3_COLS)) is None:
                if label and _is_table_label(label) and len(row.values) >= 3:
                    out.warnings.append(f"表三：忽略无法识别的行「{label}」（{row.position}）。")
                continue
            key = extra_key(label, seen | set(keys.TABLE3_ROWS))
            out.warnings.append(f"表三：模板外的行「{label}」保存为 {key}。")
        if not any(v.raw for v in row.values) and fit_row(row, len(T3_COLS)) is None:
            continue  # a few blank cells after a header label
        seen.add(key)
        if fit_row(row, len(T3_COLS)) is None and _glued(row):
            deferred[key] = (row, label)
            continue
        out.put_row(key, T3_COLS, row, label, "表三")
    if deferred:
        _solve_glued(deferred, [r for r, k, _ in matched if k is not None and k not in deferred], matched, out)
    missing = [k for k in order if k not in seen]
    if seen and missing:
        names = "、".join(keys.TABLE3_ROWS[k][1] for k in missing[:6])
        more = f"等 {len(missing)} 行" if len(missing) > 6 else ""
        out.warnings.append(f"表三缺少 {names}{more}：文件可能不完整，或这些行没有印出。")
    return out


_COL_BY_LABEL = {leaf_text(label): key for key, label in keys.TABLE3_COLUMNS.items()} | {
    "合计": "total", "其他组织": "other_org", "商业机构": "commercial"}


@lru_cache(maxsize=STRING_CACHE)
def _column_of(text: str) -> str | None:
    """The column of table 三 a header cell names (自然人 … 总计), or None (cached: the headers recur)."""
    return _COL_BY_LABEL.get(leaf_text(text))


class Header:
    """The columns of table 三 a grid's header rows name (自然人 … 总计), read row by row (`read`): the key of each
    named grid column (`cols`), whether all seven are named (`complete`), and their grid columns in T3_COLS order
    when each is named once (`in_order`). A table continued without a header keeps the last one."""

    def __init__(self) -> None:
        self.cols: dict[int, str] = {}
        self.grid: int | None = None
        self.complete = False
        self.in_order: tuple[int, ...] | None = None

    def read(self, grid: int | None, header_cols: list[tuple[int, str]]) -> None:
        """A row without values, with its label cells by grid column, in a grid's table (its index)."""
        named = {col: key for col, text in header_cols if (key := _column_of(text)) is not None}
        if not named:
            return
        if grid != self.grid:
            self.cols, self.grid = {}, grid
        cols = self.cols
        cols.update(named)
        self.complete = len(set(cols.values())) == len(T3_COLS)
        by_name = {key: col for col, key in cols.items()}
        self.in_order = tuple(by_name[k] for k in T3_COLS) if self.complete and len(cols) == len(T3_COLS) else None


def _align_by_header(rows: list[Row]) -> list[Row]:
    """Grid rows: values placed under the column their header names (自然人 … 总计), so that an empty
    artefact column or an unusual column order does not shift them. A table continued without a header
    keeps the last one; rows stay as they are when the header does not name all seven columns."""
    out: list[Row] = []
    header = Header()
    for row in rows:
        if row.grid is None:
            out.append(row)
            continue
        if not row.values:
            header.read(row.grid, row.header_cols)
            out.append(row)
            continue
        cols, complete, in_order = header.cols, header.complete, header.in_order
        if in_order is not None and tuple(v.col for v in row.values) == in_order:
            out.append(row)  # already in the header's order, every column printed (the common case, decided at once)
            continue
        if not complete or any(v.col is None for v in row.values):
            out.append(row)
            continue
        by_key = {cols[v.col]: v for v in row.values if v.col in cols}
        stray = [v for v in row.values if v.col not in cols and v.raw]
        if not by_key or stray:
            out.append(row)  # a value outside the named columns: leave the row to the positional reading
            continue
        if len(by_key) == len(row.values) == len(T3_COLS) and all(
                by_key.get(k) is v for k, v in zip(T3_COLS, row.values, strict=True)):
            out.append(row)  # already in the header's order, every column printed
            continue
        blank = Val("", CellValue(None), row.position, row.page)
        values = [by_key.get(k, blank) for k in T3_COLS]
        out.append(Row(row.labels, values, row.position, row.page, row.grid, row.header_cols,
                       unlabelled=row.unlabelled))
    return out


def _align_by_columns(matched: list[tuple[Row, str | None, str]], out: TableOut) -> None:
    """Space-aligned text: place the values of a row with blank cells left out under the columns the
    full rows show (each value to the nearest column centre, only when that is unambiguous)."""
    full = [r for r, k, _ in matched if k and len(r.values) == len(T3_COLS)
            and all(v.center is not None and v.raw for v in r.values)]
    if len(full) < 2:
        return
    centers = [sorted(r.values[i].center or 0.0 for r in full)[len(full) // 2] for i in range(len(T3_COLS))]
    gaps = [b - a for a, b in zip(centers, centers[1:], strict=False)]
    if min(gaps) <= 1:
        return
    tolerance = min(gaps) / 2
    for idx, (row, key, label) in enumerate(matched):
        printed = [v for v in row.values if v.raw]
        if (key is None or not printed or len(printed) >= len(T3_COLS)
                or any(v.center is None for v in printed)):
            continue
        slots: list[Val | None] = [None] * len(T3_COLS)
        for v in printed:
            at = v.center or 0.0
            j = min(range(len(centers)), key=lambda c: abs(centers[c] - at))  # noqa: B023
            if abs(centers[j] - at) > tolerance or slots[j] is not None:
                break
            slots[j] = v
        else:
            values = [v if v is not None else Val("", CellValue(None), row.position, row.page) for v in slots]
            matched[idx] = (Row(row.labels, values, row.position, row.page, row.grid), key, label)
            out.warnings.append(f"表三「{label}」行只印出 {len(printed)} 个数，按各列的位置对齐，其余为空白。")


def _totals_only(matched: list[tuple[Row, str | None, str]], out: TableOut) -> None:
    """A table whose applicant columns are all printed blank, only 总计 filled: in text that drops blank
    cells every row shows one number. It is the total (fewer than seven digits: not a row run together);
    the applicant columns stay blank. Only when the numbers add up as a 总计 column does (R1, R3)."""
    printed = [[v for v in row.values if v.raw] for row, key, _label in matched if key is not None]
    singles = [p for p in printed if len(p) == 1]
    if len(singles) < 3 or any(len(p) > 1 for p in printed):
        return
    if any(p[0].cell.value is None or len(p[0].raw.strip()) >= len(T3_COLS) for p in singles):
        return
    # the numbers must add up as a 总计 column does (R1 and R3), else they are not totals (a crawler dump's
    # rows run together can show one number a row too)
    total: dict[str, int | float] = {
        key: value for (row, key, _l) in matched if key is not None
        for vals in [[v for v in row.values if v.raw]] if len(vals) == 1
        for value in [vals[0].cell.value] if value is not None}
    parts = [k for k in (*keys.OUTCOME_ROWS, "other", *keys.OTHER_DETAIL_ROWS) if k in total]
    r3 = "total_processed" in total and len(parts) >= len(keys.OUTCOME_ROWS)
    r1 = all(k in total for k in ("new_received", "carried_over", "total_processed", "carried_forward"))
    if not (r1 or r3):
        return
    if r3 and sum(total[k] or 0 for k in parts) != total["total_processed"]:
        return
    if r1 and total["new_received"] + total["carried_over"] != total["total_processed"] + total["carried_forward"]:
        return
    for idx, (row, key, label) in enumerate(matched):
        vals = [v for v in row.values if v.raw]
        if key is None or len(vals) != 1:
            continue
        blank = [Val("", CellValue(None), row.position, row.page) for _ in T3_COLS[:-1]]
        matched[idx] = (Row(row.labels, [*blank, vals[0]], row.position, row.page, row.grid), key, label)
    out.warnings.append("表三每行只印出一个数：读作“总计”列，申请人各列按未填写留空（不是 0）。")


def _glued(row: Row) -> bool:
    """True when a row's printed values are digits that ran together (fewer cells than columns)."""
    printed = [v for v in row.values if v.raw]
    return bool(printed) and len(printed) < len(T3_COLS) and all(
        v.cell.value is not None or v.raw.replace(".", "").isdigit() for v in printed)


def _solve_glued(deferred: dict[str, tuple[Row, str]], _others: list[Row],
                 matched: list[tuple[Row, str | None, str]], out: TableOut) -> None:
    """Rows whose digits ran together, split by the table's arithmetic (xxgk.parse.glued)."""
    texts: dict[str, str] = {}
    for row, key, _label in matched:
        if key is None or key in texts:
            continue
        if key in deferred:
            texts[key] = deferred[key][0].raw_values
        else:
            vals = fit_row(row, len(T3_COLS))
            if vals is not None and all(v.cell.value is not None for v in vals):
                texts[key] = " ".join(v.raw for v in vals)
    try:
        solved, open_rows = glued.solve_table3(texts)
        describe = glued.describe
    except Exception:  # the solver is best-effort: without it the rows stay blank, with a warning
        solved, open_rows, describe = {}, {}, None
    for key, (row, label) in deferred.items():
        if key in solved:
            for col, num in zip(T3_COLS, solved[key], strict=True):
                out.put(key, col, num, None, label, row)
            out.warnings.append(f"表三「{label}」行的数字连在一起（“{row.raw_values}”），已按合计关系拆分为 "
                                f"{'|'.join(str(x) for x in solved[key])}。")
            continue
        for col in T3_COLS:
            out.put(key, col, None, None, label, row)
        cands = open_rows.get(key) or []
        options = f"可能的拆分：{describe(cands)}" if cands and describe else "没有符合合计关系的拆分"
        out.warnings.append(f"表三「{label}」行的数字连在一起（“{row.raw_values}”），无法唯一拆分（{options}），已留空。")


def _weight(row: Row) -> int:
    """How much a row looks like the real one: values that fit, then the number of printed values."""
    printed = sum(1 for v in row.values if v.raw)
    return (1000 if fit_row(row, len(T3_COLS)) is not None else 0) + printed


def _place_by_position(matched: list[tuple[Row, str | None, str]], order: list[str], out: TableOut) -> None:
    """Give unmatched rows the key of the template row between their matched neighbours."""
    idx = {k: i for i, k in enumerate(order)}
    n = len(matched)
    i = 0
    while i < n:
        if matched[i][1] is not None or not (matched[i][0].labels or matched[i][0].grid is not None):
            i += 1
            continue
        j = i
        while j < n and matched[j][1] is None:
            j += 1
        prev = next((matched[k][1] for k in range(i - 1, -1, -1) if matched[k][1] in idx), None)
        nxt = matched[j][1] if j < n else None
        lo = idx[prev] + 1 if prev in idx else None
        hi = idx[nxt] if nxt in idx else (len(order) if lo is not None and j == n else None)
        if lo is not None and hi is not None and hi - lo == j - i:
            for k in range(i, j):
                row, _, _ = matched[k]
                key = order[lo + k - i]
                if row.unlabelled or not row.labels:
                    if fit_row(row, len(T3_COLS)) is None:
                        continue
                    matched[k] = (row, key, keys.TABLE3_ROWS[key][1])
                    out.warnings.append(f"表三：{row.position}的行标签为空，按上下行的位置识别为「{keys.TABLE3_ROWS[key][1]}」。")
                    continue
                label = row.labels[-1]
                if fit_row(row, len(T3_COLS)) is None and not numbering(label):
                    continue
                matched[k] = (row, key, label)
                out.warnings.append(
                    f"表三：行标签「{label}」与模板不符，按位置识别为「{keys.TABLE3_ROWS[key][1]}」。"
                )
        i = j


def _t4_block(label: str) -> str | None:
    """The table 四 block a row label names, when the table is printed as three rows of five."""
    s = squash(label)
    if "直接起诉" in s or "未经复议" in s:
        return "suit_direct"
    if "复议后起诉" in s:
        return "suit_after_review"
    if "行政复议" in s and "诉讼" not in s:
        return "review"
    return None


class _Labelled(Protocol):
    labels: list[str]


R = TypeVar("R", bound=_Labelled)


def table4_layout(rows: list[R], raws: Callable[[R], list[str]],
                  fits: Callable[[R, int], bool]) -> tuple[list[R], dict[str, R]]:
    """How table 四 is printed: its rows holding values (those with a printed number, else all with cells),
    and the row of each block when it is printed as three labelled rows of 5. `raws` gives a row's cell
    texts, `fits(row, n)` whether its cells fit n columns (the general and the fast path's rows alike)."""
    data_rows = [r for r in rows if any(raws(r))] or [r for r in rows if raws(r)]
    by_block: dict[str, R] = {}
    for row in data_rows:
        if row.labels and fits(row, 5):
            key = _t4_block(row.labels[-1])
            if key is not None and key not in by_block:
                by_block[key] = row
    return data_rows, by_block


def rows_to_table4(rows: list[Row]) -> TableOut:
    """Table 四: one row of 15 values, or three labelled rows of 5."""
    out = TableOut("table4")
    blocks = list(keys.TABLE4_BLOCKS)
    data_rows, by_block = table4_layout(rows, lambda r: [v.raw for v in r.values],
                                        lambda r, n: fit_row(r, n) is not None)
    if not data_rows:
        return out
    if len(by_block) == 3:
        for key, row in by_block.items():
            out.put_row(key, T4_COLS, row, keys.TABLE4_BLOCKS[key], "表四")
        return out
    # One run of 15: take the row that fits, else all value cells of the table in order.
    best = next((r for r in data_rows if fit_row(r, 15) is not None), None)
    if best is None:
        best = Row(labels=data_rows[0].labels, values=[v for r in data_rows for v in r.values],
                   position=data_rows[0].position, page=data_rows[0].page, grid=data_rows[0].grid)
    vals = fit_row(best, 15)
    if vals is None:
        solved = glued_split(best, 15, "table4", "all")
        if solved is None:
            printed = "、".join(v.raw or "空" for v in best.values)
            out.warnings.append(f"表四应有 15 个数值，实际读到 {len(best.values)} 个（{printed}），无法对应，已留空。")
            for b in blocks:
                for c in T4_COLS:
                    out.put(b, c, None, None, keys.TABLE4_BLOCKS[b], best)
            return out
        out.warnings.append(f"表四的数字连在一起（“{best.raw_values}”），已按合计关系拆分为 "
                            f"{'|'.join(str(x) for x in solved)}。")
        for i, num in enumerate(solved):
            b, c = blocks[i // 5], T4_COLS[i % 5]
            out.put(b, c, num, None, keys.TABLE4_BLOCKS[b], best)
        return out
    for i, v in enumerate(vals):
        b, c = blocks[i // 5], T4_COLS[i % 5]
        out.put(b, c, v.cell.value, v, keys.TABLE4_BLOCKS[b], best)
    return out
