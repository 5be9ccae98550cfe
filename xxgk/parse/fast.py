"""The fast path for the national templates: tables 二, 三 and 四 from light rows directly, without building
a Row and a Val object per printed cell.

The rows are the general path's, held lightly: text lines grouped from their tokens (rows.group_lines, the
tokens cached per line) and grid rows (rows.grid_rows, from which the general path makes its own). They
are split into tables and matched to the template's rows by the same rules and label matcher as rows.py,
regions.py, table2.py and table3.py, and the facts and their cell references are filled directly.
Everything unusual goes back to the general path (`fast_tables` returns None): a template the labels do not
decide, stacked labels, rows whose numbers do not fit their columns (digits run together, cells missing),
rows the template does not have or that must be placed by position (a grid row with an empty label cell),
repeated rows, odd or implausible numbers, space-aligned rows with cells left out, table 三's columns
printed in another order than its header's. Where it answers, its answer is the general path's, to the
warning (tests/parse/test_fast.py compares both on every fixture and the demo corpus).

The setting parse_general (XXGK_PARSE_GENERAL=1), or `general=True`, switches it off, for that comparison
and for debugging.
"""

from __future__ import annotations

from functools import lru_cache

from xxgk import keys, settings
from xxgk.cellvalue import STRING_CACHE, parse_value, squash
from xxgk.document import Document
from xxgk.parse.cells import MAX_COUNT, MAX_MONEY, TableOut
from xxgk.parse.labels import match_row, numbering
from xxgk.parse.regions import split_regions, template_signals
from xxgk.parse.rows import GridRow, LightVal, TextRow, grid_rows, group_lines, rows_of
from xxgk.parse.stacked import item_units, row_units, units
from xxgk.parse.table2 import _alone_before, _header_columns, _header_unit, _money
from xxgk.parse.table3 import Header, _is_table_label, table4_layout
from xxgk.report import CellRef, Number

GENERAL_ENV = "XXGK_PARSE_GENERAL"
_new = tuple.__new__
T3_COLS = list(keys.TABLE3_COLUMNS)
T4_COLS = list(keys.TABLE4_COLUMNS)

class Unsure(Exception):
    """The fast path cannot be sure to read this document as the general path does."""


def general_forced() -> bool:
    """True when XXGK_PARSE_GENERAL asks for the general path only."""
    return settings.get("parse_general").strip() not in ("", "0")


def _fit(values: list[LightVal], n: int) -> list[LightVal] | None:
    """cells.fit on value tuples."""
    if len(values) == n and values[-1][0]:
        return values[:]  # the common case: exactly n values, the last printed (what the steps below give)
    if values and not any(v[0] for v in values):
        return values[:n] if len(values) >= n else None
    end = len(values)
    while end > 0 and not values[end - 1][0]:
        end -= 1
    while end > n and values[end - 1][3]:
        end -= 1
        while end > 0 and not values[end - 1][0]:
            end -= 1
    core = values[:end]
    start = 0
    while len(core) - start > n and not core[start][0]:
        start += 1
    core = core[start:]
    if len(core) == n:
        return core
    if len(core) < n and len(core) + (len(values) - end) >= n and any(v[0] for v in core):
        return core + values[end:end + n - len(core)]
    return None


def _fit_row(row: TextRow, n: int) -> list[LightVal] | None:
    """cells.fit_row on a light row (remembered per row, as Row.fitted)."""
    if n in row.fitted:
        return row.fitted[n]
    vals = _fit(row.vals, n)
    if vals is None and row.alt is not None and len(row.alt) == n:
        vals = row.alt
    row.fitted[n] = vals
    return vals


def _rows(doc: Document) -> list[TextRow]:
    """rows.document_to_rows as light rows: grids row by row, text lines grouped (page furniture left out)."""
    return rows_of(doc, group_lines, grid_rows)


def _head(row: TextRow, start: int, k: int) -> TextRow | None:
    """The labels [start:k] of a text row that end the table before; a grid row is never cut."""
    if isinstance(row, GridRow):
        return None
    return TextRow(row.labels[start:k], [], row.line, row.page, False, None)


def _regions(rows: list[TextRow]) -> dict[str, list[TextRow]]:
    """regions.rows_to_regions on light rows."""
    return split_regions(rows, _head,
                         lambda row, start: TextRow(row.labels[start:], row.vals, row.line, row.page, row.apart, row.alt))


def _template(regions: dict[str, list[TextRow]]) -> str:
    """regions.template_signals + regions_to_template, when the labels decide (else Unsure)."""
    sig = template_signals(regions)
    if sig["2019"] == sig["2021"]:
        raise Unsure("template")
    return "2019" if sig["2019"] > sig["2021"] else "2021"


# The largest number each column can hold (cells.implausible), looked up once per cell.
_LIMIT = {col: MAX_MONEY.get(col, MAX_COUNT) for cols in (*keys.TABLE2_COLUMNS["2019"].values(),
                                                         *keys.TABLE2_COLUMNS["2021"].values(),
                                                         keys.TABLE3_COLUMNS, keys.TABLE4_COLUMNS) for col in cols}


class _Lines(dict[int, str]):
    """A text line's number as the general path prints a cell's position: "第120行"."""

    def __missing__(self, n: int) -> str:
        return f"第{n}行"


_LINES = _Lines((n, f"第{n}行") for n in range(2000))


def _numbers(raws: tuple[str, ...], cols: tuple[str, ...], unit: str | None) -> tuple[Number | None, ...] | None:
    """The values of a row's cells as printed (`raws`) in the columns `cols`, or None when one is odd or
    implausible. `unit`: the unit table 二's block header prints, for its money columns (None: the row has none)."""
    out: list[Number | None] = []
    for col, raw in zip(cols, raws, strict=True):
        cell = parse_value(raw)
        value = _money(col, unit)(cell) if unit is not None and col in keys.MONEY_COLUMNS else cell.value
        if cell.odd or (value is not None and abs(value) >= _LIMIT.get(col, MAX_COUNT)):
            return None
        out.append(value)
    return tuple(out)


# _numbers cached, for text rows: a row of zeros, or the same few numbers, recurs from report to report (a grid row
# keeps what it gives in its own memo instead).
_text_numbers = lru_cache(maxsize=STRING_CACHE)(_numbers)


def _put(out: TableOut, key: str, cols: list[str], vals: list[LightVal], label: str, unit: str | None = None,
         row: TextRow | None = None) -> None:
    """TableOut.put_row for values that fit, without a Val per cell; odd or implausible numbers → Unsure.
    `unit`: the block header's unit when the row has money columns (table 二), else None. `row`: the grid row the
    values are its fitted cells of; what they give is kept in its memo, shared by every reading of the same printed
    row (rows.grid_rows), and read from there the next time."""
    data = out.data.setdefault(key, {})
    memo = row.memo if row is not None and unit is None and isinstance(row, GridRow) else None
    if memo is not None:
        found = memo.get((out.name, key, label, *cols))
        if found is not None:
            data.update(found[0])
            out.cells.extend(found[1])
            return
    name = out.name
    values = (_numbers if memo is not None else _text_numbers)(tuple([v[0] for v in vals]), tuple(cols), unit)
    if values is None:
        raise Unsure("number")
    data.update(zip(cols, values, strict=True))
    # a text line's number becomes its printed position; a grid cell's position is printed already
    refs = [_new(CellRef, (name, key, col, value, v[0], label, v[2], w if (w := v[1]).__class__ is str
                           else _LINES[w])) for col, value, v in zip(cols, values, vals, strict=True)]  # type: ignore[index]
    out.cells.extend(refs)
    if memo is not None:
        memo[(name, key, label, *cols)] = ([(ref[2], ref[3]) for ref in refs], refs)


@lru_cache(maxsize=STRING_CACHE)
def _items_stacked(labels: tuple[str, ...]) -> bool:
    """Table 二 labels printed above the values that name two items or more (cached per labels)."""
    _start, readings = item_units(list(labels))
    return bool(readings) and len(readings[0]) >= 2


def _table2(rows: list[TextRow], template: str) -> TableOut:
    """table2.rows_to_table2 for rows that need none of its repairs."""
    out = TableOut("table2")
    tcols = keys.TABLE2_COLUMNS["2021" if template == "2021" else "2019"]
    header: list[str] = []
    seen: set[str] = set()
    in_block = False
    for row in rows:
        if row.vals and row.apart and _items_stacked(tuple(row.labels)):
            raise Unsure("table 二 labels stacked")  # stacked.unstack_table2 would split or blank them
    for row in rows:
        labels = row.labels
        owner = len(labels) - 1 if row.vals else len(labels)
        for i, text in enumerate(labels):
            # a label is squashed only when it may be a heading or a header (the first row's labels hold the running
            # text before the table, squashed for nothing otherwise)
            if "第" in text or "信" in text:
                s = squash(text)
                if "第二十条" in s:
                    header, in_block = [], False
                if s == "信息内容":
                    header = labels[i + 1:]
                if s.startswith("信息内容"):
                    in_block = True
                    continue
            if in_block and i < owner and _alone_before(squash(labels[i + 1]) if i + 1 < len(labels) else ""):
                blank_key, _score, _label = match_row("table2", [labels[i]])
                if blank_key is not None and blank_key not in seen and blank_key in tcols:
                    raise Unsure("table 二 row printed without numbers")
        if not row.vals:
            continue
        if isinstance(row, GridRow) and (row.unlabelled or not row.labels):
            raise Unsure("table 二 row placed by position")
        key, _score, label = match_row("table2", row.labels)
        if key is None:
            raise Unsure("table 二 row not in the template")
        if label in header:
            header = header[: header.index(label)]
        printed = _header_columns(key, header)
        if printed is None and key in tcols:
            cols = list(tcols[key])
        elif printed is None or key not in tcols or printed != list(tcols[key]):
            raise Unsure("table 二 header of the other template")
        else:
            cols = printed
        if not any(v[0] for v in row.vals) and _fit_row(row, len(cols)) is None:
            continue
        if key in seen:
            raise Unsure("table 二 row repeated")
        seen.add(key)
        vals = _fit_row(row, len(cols))
        if vals is None:
            raise Unsure("table 二 row does not fit")
        money = any(c in keys.MONEY_COLUMNS for c in cols)
        _put(out, key, cols, vals, label, _header_unit(header) if money else None, row)
    if seen and any(k not in seen and k not in out.data for k in tcols):
        raise Unsure("table 二 rows missing")
    return out


def _unstacked(rows: list[TextRow]) -> None:
    """stacked.unstack leaves every row as it is (else Unsure)."""
    for row in rows:
        if row.vals and row.apart and (why := _stacked(tuple(row.labels))):
            raise Unsure(why)


@lru_cache(maxsize=STRING_CACHE)
def _stacked(labels: tuple[str, ...]) -> str | None:
    """Why stacked.unstack would change a row with these labels printed above its values, or None (cached: the
    same labels recur from report to report)."""
    if sum(1 for label in labels[-12:] if numbering(label)) < 2:
        if len(labels) >= 4 and match_row("table3", list(labels))[0] is None:
            named = row_units(list(labels))
            if len(named) == 1 and named[0][1] == units(list(labels))[-1]:
                return "table 三 label wrapped over lines"
        return None
    if len(row_units(list(labels))) > 1:
        return "table 三 labels stacked"
    return None


def _header_aligned(rows: list[TextRow]) -> None:
    """table3._align_by_header leaves every grid row as it is (else Unsure): its values stand in the order
    of the columns its header names, or the header does not name them all."""
    header = Header()
    for row in rows:
        if not isinstance(row, GridRow):
            continue
        if not row.vals:
            header.read(row.grid, row.header_cols)
            continue
        cols, complete, in_order = header.cols, header.complete, header.in_order
        if (in_order is not None and tuple(row.cols) == in_order) or not complete:
            continue
        by_key = {cols[c]: i for i, c in enumerate(row.cols) if c in cols}
        if not by_key or any(c not in cols and v[0] for c, v in zip(row.cols, row.vals, strict=True)):
            continue
        if len(by_key) == len(row.vals) == len(T3_COLS) and all(by_key.get(k) == i for i, k in enumerate(T3_COLS)):
            continue
        raise Unsure("table 三 columns in another order than the header's")


def _weight(row: TextRow) -> int:
    printed = sum(1 for v in row.vals if v[0])
    return (1000 if _fit_row(row, len(T3_COLS)) is not None else 0) + printed


def _table3(rows: list[TextRow], template: str) -> TableOut:
    """table3.rows_to_table3 for rows that need none of its repairs."""
    out = TableOut("table3")
    _header_aligned(rows)
    _unstacked(rows)
    matched: list[tuple[TextRow, str | None, str]] = []
    for row in rows:
        if not row.vals:
            continue
        if not row.labels or (isinstance(row, GridRow) and row.unlabelled):
            raise Unsure("table 三 values without a label")
        key, _score, label = match_row("table3", row.labels)
        if key is None and any(k is not None for _r, k, _l in matched):
            raise Unsure("table 三 row placed by position")
        matched.append((row, key, label))
    order = list(keys.TABLE3_ROW_ORDER["2021" if template == "2021" else "2019"])
    if template == "2021" and any(k == "other" for _, k, _ in matched):
        order = list(keys.TABLE3_ROW_ORDER["2019"])
    printed = [[v for v in row.vals if v[0]] for row, key, _label in matched if key is not None]
    if not any(len(p) > 1 for p in printed) and sum(1 for p in printed if len(p) == 1) >= 3:
        raise Unsure("table 三 with one number a row")
    # a space-aligned row with cells left out (placed by column, which the general path does) among full rows;
    # the full rows are counted only when there is such a row (rarely)
    if any(0 < len(p) < len(T3_COLS) and all(v[4] is not None for v in p) for p in printed) and sum(
            1 for r, k, _ in matched if k and len(r.vals) == len(T3_COLS)
            and all(v[4] is not None and v[0] for v in r.vals)) >= 2:
        raise Unsure("table 三 space-aligned row with cells left out")
    best: dict[str, int] = {}
    for i, (row, key, _label) in enumerate(matched):
        if key is not None and (key not in best or _weight(row) > _weight(matched[best[key]][0])):
            best[key] = i
    seen: set[str] = set()
    for i, (row, key, label) in enumerate(matched):
        if key is not None and best.get(key) != i:
            if _weight(row) > 0:
                out.warnings.append(f"表三：「{label}」行重复出现（{row.position}），保留数值较完整的一行。")
            continue
        if key is None:
            label = row.labels[-1] if row.labels else ""
            if not label or not _is_table_label(label) or _fit_row(row, len(T3_COLS)) is None:
                if label and _is_table_label(label) and len(row.vals) >= 3:
                    out.warnings.append(f"表三：忽略无法识别的行「{label}」（{row.position}）。")
                continue
            raise Unsure("table 三 row not in the template")
        vals = _fit_row(row, len(T3_COLS))
        if not any(v[0] for v in row.vals) and vals is None:
            continue
        seen.add(key)
        if vals is None:
            raise Unsure("table 三 row does not fit")
        _put(out, key, T3_COLS, vals, label, row=row)
    missing = [k for k in order if k not in seen]
    if seen and missing:
        names = "、".join(keys.TABLE3_ROWS[k][1] for k in missing[:6])
        more = f"等 {len(missing)} 行" if len(missing) > 6 else ""
        out.warnings.append(f"表三缺少 {names}{more}：文件可能不完整，或这些行没有印出。")
    return out


def _table4(rows: list[TextRow]) -> TableOut:
    """table3.rows_to_table4 for rows that fit."""
    out = TableOut("table4")
    data_rows, by_block = table4_layout(rows, lambda r: [v[0] for v in r.vals],
                                        lambda r, n: _fit_row(r, n) is not None)
    if not data_rows:
        return out
    if len(by_block) == 3:
        for key, row in by_block.items():
            vals = _fit_row(row, 5)
            assert vals is not None
            _put(out, key, T4_COLS, vals, keys.TABLE4_BLOCKS[key], row=row)
        return out
    best = next((r for r in data_rows if _fit_row(r, 15) is not None), None)
    vals = _fit_row(best, 15) if best is not None else _fit([v for r in data_rows for v in r.vals], 15)
    if vals is None:
        raise Unsure("table 四 does not fit")
    blocks = list(keys.TABLE4_BLOCKS)
    for b in range(3):
        _put(out, blocks[b], T4_COLS, vals[b * 5:b * 5 + 5], keys.TABLE4_BLOCKS[blocks[b]])
    return out


def fast_tables(doc: Document, general: bool = False) -> tuple[str, list[TableOut]] | None:
    """(template, tables in the order the general path gives them) for a document in the national template,
    or None when the general path must read it (or is asked for)."""
    if general or general_forced():
        return None
    try:
        regions = _regions(_rows(doc))
        template = _template(regions)
        outs = []
        if regions["table2"]:
            outs.append(_table2(regions["table2"], template))
        if regions["table3"]:
            outs.append(_table3(regions["table3"], template))
        if regions["table4"]:
            outs.append(_table4(regions["table4"]))
    except Unsure:
        return None
    return template, outs


__all__ = ["GENERAL_ENV", "fast_tables", "general_forced"]
