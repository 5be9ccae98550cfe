"""Table 二 (proactive disclosure) from its rows: sub-blocks 第二十条第（X）项, items, template columns."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from xxgk import keys
from xxgk.cellvalue import STRING_CACHE, CellValue, squash
from xxgk.parse.cells import TableOut, fit, fit_row
from xxgk.parse.labels import extra_key, match_label, match_row, match_table2_column
from xxgk.parse.normalize import to_wan_yuan, to_yuan
from xxgk.parse.rows import Row, Val
from xxgk.parse.stacked import unstack_table2
from xxgk.report import Number


def _money(col: str, header_unit: str) -> Callable[[CellValue], Number | None]:
    """The converter to the column's unit; a unit printed in the header applies to bare numbers."""

    def convert(v: CellValue) -> Number | None:
        cell = CellValue(v.value, v.unit or header_unit)
        return to_yuan(cell) if col == "amount_yuan" else to_wan_yuan(cell)

    return convert


def _header_unit(labels: list[str]) -> str:
    text = "".join(squash(lb) for lb in labels)
    if "万元" in text:
        return "万元"
    if "元" in text.replace("万元", ""):
        return "元"
    return ""


def _header_columns(item: str, header: list[str]) -> list[str] | None:
    """The item's columns as its block header names them, when every header label is a column the
    item has in either template version (a report mixing the two versions is read as printed)."""
    if not header:
        return None
    found = _named_columns(item, tuple(header))
    return list(found) if found is not None else None


@lru_cache(maxsize=STRING_CACHE)
def _named_columns(item: str, header: tuple[str, ...]) -> tuple[str, ...] | None:
    """_header_columns, cached by item and header (every block of a report asks, and reports print alike)."""
    found = [match_table2_column(h)[0] for h in header]
    allowed = set(keys.TABLE2_COLUMNS["2019"].get(item, {})) | set(keys.TABLE2_COLUMNS["2021"].get(item, {}))
    if not found or any(k is None or k not in allowed for k in found) or len(set(found)) != len(found):
        return None
    return tuple(k for k in found if k is not None)


def _printed_blank(squashed: list[str], i: int) -> bool:
    """Label i stands alone: the next label is a heading (第二十条…), another block's header, or nothing."""
    return _alone_before(squashed[i + 1] if i + 1 < len(squashed) else "")


def _alone_before(nxt: str) -> bool:
    """A label stands alone when the label after it (squashed; "" for none) is a heading, a header or nothing."""
    return not nxt or "第二十条" in nxt or nxt.startswith("信息内容") or match_label("table2", nxt)[0] is not None


# The items of each 第二十条 block, in printed order (a row whose label cell is empty is placed by them).
_BLOCKS = (("regulations", "normative_documents"), ("licensing", "other_services"), ("penalty", "coercion"),
           ("fees",), ("procurement",))


def _by_position(last: str | None, tcols: dict[str, dict[str, str]], named: set[str]) -> str | None:
    """The item an unlabelled row stands for: the next of its block after the last row read, when no
    other row names it."""
    for block in _BLOCKS:
        items = [k for k in block if k in tcols]
        if last in items and items.index(last) + 1 < len(items):
            cand = items[items.index(last) + 1]
            return None if cand in named else cand
    return None


def rows_to_table2(rows: list[Row], template: str) -> TableOut:
    """Table 二 in canonical keys; province rows kept under their own key with a warning."""
    out = TableOut("table2")
    tcols = keys.TABLE2_COLUMNS["2021" if template == "2021" else "2019"]
    other = keys.TABLE2_COLUMNS["2019" if template == "2021" else "2021"]

    def fits(key: str, vals: list[Val]) -> bool:
        return fit(vals, len(tcols.get(key) or other[key])) is not None

    stacks = unstack_table2(rows, fits)
    rows = stacks.rows
    header: list[str] = []
    block_cols: list[str] | None = None
    seen: set[str] = set()
    in_block = False  # a 信息内容 header line stands above, since the last 第二十条 heading
    last: str | None = None  # the item of the last row read in the current block
    named = {k for r in rows if r.values and r.labels and not r.unlabelled
             for k in [match_row("table2", r.labels)[0]] if k is not None}
    for row in rows:
        squashed = [squash(lb) for lb in row.labels]
        owner = len(row.labels) - 1 if row.values else len(row.labels)  # the label the values belong to
        for i, s in enumerate(squashed):
            if "第二十条" in s:
                block_cols, header, in_block, last = None, [], False, None
            if s == "信息内容":
                header = row.labels[i + 1:]
            if s.startswith("信息内容"):
                in_block = True
            elif in_block and i < owner and _printed_blank(squashed, i):
                blank_key, _score, _label = match_row("table2", [row.labels[i]])
                if blank_key is not None and blank_key not in seen and blank_key in tcols:
                    # a row label printed with no number at all (a 三线表 PDF leaves no trace of blank cells)
                    seen.add(blank_key)
                    out.put_row(blank_key, list(tcols[blank_key]),
                                Row([row.labels[i]], [], row.position, row.page), row.labels[i], "表二")
        if not row.values:
            continue
        key, _score, label = match_row("table2", row.labels)
        if row.unlabelled or (not row.labels and row.grid is not None):
            key = _by_position(last, tcols, named)
            if key is None:
                if any(v.raw for v in row.values):
                    out.warnings.append(f"表二：{row.position}有数值（{row.raw_values}）但行标签为空，"
                                        "位置也不能确定是哪一项，已忽略。")
                continue
            label = keys.TABLE2_ITEMS[key]
            out.warnings.append(f"表二：{row.position}的行标签为空，按所在分项的位置识别为「{label}」。")
        if key is not None and label in header:
            header = header[: header.index(label)]
        if key is None:
            label = row.labels[-1] if row.labels else ""
            s = squash(label)
            if (block_cols is None or not label or len(s) > 20 or any(ch in s for ch in "，。；")
                    or fit_row(row, len(block_cols)) is None):
                continue
            key = extra_key(label, seen | set(keys.TABLE2_ITEMS))
            out.warnings.append(f"表二：模板外的行「{label}」保存为 {key}（列同所在分项）。")
            cols = list(block_cols)
        else:
            printed = _header_columns(key, header)
            if printed is None and key in tcols:
                cols = list(tcols[key])
            elif printed is None:
                cols = list(other[key])
                out.warnings.append(f"表二：「{label}」不属于 {template} 年版模板，按另一版模板的列读取。")
            else:
                cols = printed
            if printed is not None and (key not in tcols or cols != list(tcols[key])):
                out.warnings.append(f"表二：「{label}」的表头与 {template} 年版模板不同，按所印表头读取为"
                                    f"{'、'.join(cols)}。")
        if not any(v.raw for v in row.values) and fit_row(row, len(cols)) is None:
            continue  # a few blank cells after a header label
        if key in seen:
            out.warnings.append(f"表二：「{label}」行重复出现（{row.position}），保留第一次的数值。")
            continue
        seen.add(key)
        last = key
        block_cols = cols
        unit = _header_unit(header)
        convert: dict[str, object] = {c: _money(c, unit) for c in cols if c in keys.MONEY_COLUMNS}
        out.put_row(key, cols, row, label, "表二", convert)
    for key, label, row in stacks.ambiguous:
        if key not in seen:
            seen.add(key)
            for col in tcols.get(key) or other[key]:
                out.put(key, col, None, None, label, row)
    out.warnings.extend(stacks.notes)
    missing = [k for k in tcols if k not in seen and k not in out.data]
    if seen and missing:
        names = "、".join(keys.TABLE2_ITEMS[k] for k in missing)
        out.warnings.append(f"表二缺少「{names}」行：文件可能不完整，或这些行没有印出或无法识别，已按缺失处理。")
    return out
