"""Where a number sits, said the way the dashboard's tabs say it: 表二/表三/表四 and the printed row or column
names, never the parse contract's keys (table3/commercial) or the document's own table count (表1)."""

from __future__ import annotations

import re

from xxgk import keys

TABLES = {"table2": "表二", "table3": "表三", "table4": "表四"}
TAB_LABELS = {"table2": "表二 主动公开", "table3": "表三 依申请公开", "table4": "表四 复议诉讼"}  # 机关画像's tabs
_NAMES: dict[str, str] = {
    **{k: v[1] for k, v in keys.TABLE3_ROWS.items()}, **keys.TABLE3_COLUMNS, **keys.TABLE4_BLOCKS,
    **keys.TABLE4_COLUMNS, **keys.TABLE2_ITEMS,
}
_DOC_TABLE = re.compile(r"^表(\d+)")
_OUR_TABLE = re.compile(r"^(table[234])\b")


def location(loc: str | None) -> str:
    """A check's place: 'table3/new_received' -> '表三 · 一、本年新收政府信息公开申请数量'; blank stays blank."""
    if not loc:
        return ""
    table, _, key = loc.partition("/")
    parts = [TABLES.get(table, table)]
    parts += [_NAMES.get(k, k) for k in key.split("/") if k]
    return " · ".join(parts)


def position(pos: str | None) -> str:
    """A cell's place in the file: '表1 第3行 第2列' (the file's first table) -> '文中第1个表格 第3行 第2列'."""
    if not pos:
        return ""
    pos = _DOC_TABLE.sub(lambda m: f"文中第{m.group(1)}个表格", pos)
    return _OUR_TABLE.sub(lambda m: TABLES[m.group(1)], pos)


def file_name(agency: str, year: int, fmt: str) -> str:
    """The original file's download name: 机关 + 年度 + its own extension, without path characters."""
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "", agency or "年报").strip() or "年报"
    return f"{clean}_{year}年政府信息公开工作年度报告.{fmt}"


def cell_marks(cell: str | None) -> tuple[str, set[str], set[str]]:
    """'table3/granted,partially_granted/total' -> ('table3', {rows}, {columns}); empty sets match any."""
    table, _, rest = (cell or "").partition("/")
    rows, _, cols = rest.partition("/")
    return table, {r for r in rows.split(",") if r}, {c for c in cols.split(",") if c}
