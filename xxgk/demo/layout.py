"""The printed layout of tables 二, 三 and 四 as grids of merged cells, shared by every renderer.

A Layout is a list of rows; each row lists its origin cells (column, text, rowspan, colspan) the way
an HTML table or a Word table with merged cells holds them. Renderers turn it into <td rowspan>,
python-docx merges, reportlab SPAN commands or lines of text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from xxgk.demo.sheet import Sheet
from xxgk.keys import APPLICANT_COLUMNS, TABLE2_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS

_T3_VALUE_COLUMNS = (*APPLICANT_COLUMNS, "total")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
PARTIAL_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


class GCell(NamedTuple):
    """One printed cell of a grid at column `col`, spanning `rs` rows and `cs` columns."""

    col: int
    text: str
    rs: int = 1
    cs: int = 1
    value: bool = False  # True for a cell holding a table value


@dataclass(slots=True)
class Layout:
    width: int
    rows: list[list[GCell]]
    header_rows: int = 0  # rows that a page break may repeat


def _row(cells: list[tuple[str, int, int, bool]], start: int = 0) -> list[GCell]:
    out, c = [], start
    for text, rs, cs, is_value in cells:
        out.append(GCell(c, text, rs, cs, is_value))
        c += cs
    return out


_T2_CAPTIONS = {"regulations": "第二十条第（一）项", "licensing": "第二十条第（五）项",
                "penalty": "第二十条第（六）项", "fees": "第二十条第（八）项", "procurement": "第二十条第（九）项"}
_T2_BLOCKS = {
    "2019": (("regulations", "normative_documents"), ("licensing", "other_services"), ("penalty", "coercion"),
             ("fees",), ("procurement",)),
    "2021": (("regulations", "normative_documents"), ("licensing",), ("penalty", "coercion"), ("fees",)),
}


def table2_layout(sheet: Sheet) -> Layout:
    """Table 二: sub-blocks with a caption row, a header row starting 信息内容, then item rows; 4 columns."""
    cols = TABLE2_COLUMNS[sheet.template]
    rows: list[list[GCell]] = []
    for block in _T2_BLOCKS[sheet.template]:
        rows.append([GCell(0, _T2_CAPTIONS[block[0]], 1, 4)])
        keys = list(cols[block[0]])
        spans = [1] * len(keys)
        spans[-1] += 3 - len(keys)
        rows.append(_row([("信息内容", 1, 1, False)] + [(cols[block[0]][k], 1, s, False) for k, s in zip(keys, spans, strict=True)]))
        for item in block:
            label = "行政规范性文件" if item == "normative_documents" and sheet.template == "2021" else None
            label = sheet.label(f"table2/{item}", label or {"regulations": "规章", "normative_documents": "规范性文件",
                                                             "licensing": "行政许可",
                                                             "other_services": "其他对外管理服务事项",
                                                             "penalty": "行政处罚", "coercion": "行政强制",
                                                             "fees": "行政事业性收费",
                                                             "procurement": "政府集中采购"}[item])
            values = [(sheet.table2[item][k].text, 1, s, True) for k, s in zip(keys, spans, strict=True)]
            rows.append(_row([(label, 1, 1, False), *values]))
    return Layout(4, rows)


def table3_layout(sheet: Sheet) -> Layout:
    """Table 三: a 3-row header over 7 value columns; row labels spread over 3 merged columns."""
    t3 = sheet.table3
    order = list(t3)
    rows: list[list[GCell]] = [
        [GCell(0, NOTE, 3, 3), GCell(3, "申请人情况", 1, 7)],
        [GCell(3, "自然人", 2, 1), GCell(4, "法人或其他组织", 1, 5), GCell(9, "总计", 2, 1)],
        _row([(label, 1, 1, False) for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")], 4),
    ]
    outcome_rows = [r for r in order if r not in ("new_received", "carried_over", "carried_forward")]
    groups: dict[str, int] = {}
    for r in outcome_rows:
        g = TABLE3_ROWS[r][0]
        if g:
            groups[g] = groups.get(g, 0) + 1
    seen: set[str] = set()
    for r in order:
        row_cells = t3[r]
        values = [GCell(3 + i, row_cells[c].text, 1, 1, True) for i, c in enumerate(_T3_VALUE_COLUMNS)]
        group, label = TABLE3_ROWS[r]
        if r == "partially_granted":
            label = PARTIAL_LABEL
        label = sheet.label(r, label)
        if r in ("new_received", "carried_over", "carried_forward"):
            rows.append([GCell(0, label, 1, 3), *values])
            continue
        lead: list[GCell] = []
        if r == outcome_rows[0]:
            lead.append(GCell(0, "三、本年度办理结果", len(outcome_rows), 1))
        if group:
            if group not in seen:
                seen.add(group)
                lead.append(GCell(1, group, groups[group], 1))
            lead.append(GCell(2, label))
        else:
            lead.append(GCell(1, label, 1, 2))
        rows.append([*lead, *values])
    return Layout(10, rows, header_rows=3)


def table4_layout(sheet: Sheet) -> Layout:
    """Table 四: a 3-row header (复议 | 诉讼: 未经复议直接起诉, 复议后起诉) over one row of 15 values."""
    labels = list(TABLE4_COLUMNS.values())
    rows = [
        [GCell(0, "行政复议", 1, 5), GCell(5, "行政诉讼", 1, 10)],
        [*(GCell(i, labels[i], 2, 1) for i in range(5)), GCell(5, "未经复议直接起诉", 1, 5),
         GCell(10, "复议后起诉", 1, 5)],
        [GCell(5 + i, labels[i % 5]) for i in range(10)],
        [GCell(i, sheet.table4[b][c].text, value=True)
         for i, (b, c) in enumerate((b, c) for b in TABLE4_BLOCKS for c in TABLE4_COLUMNS)],
    ]
    return Layout(15, rows, header_rows=3)


def covered(layout: Layout) -> list[list[str]]:
    """Per grid position: "o" origin, "v" covered from above (vertical merge), "h" covered from the left."""
    grid = [["" for _ in range(layout.width)] for _ in layout.rows]
    for r, row in enumerate(layout.rows):
        for cell in row:
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    if r + dr < len(grid) and cell.col + dc < layout.width:
                        grid[r + dr][cell.col + dc] = "o" if (dr, dc) == (0, 0) else ("h" if dr == 0 else "v")
    return grid
