"""Where each number of a briefing comes from: numbered notes, and the printed cells behind them.

A note names the number, its value as printed in the briefing, the named query and formula that give it,
and the template cells it is read from (table, row and column as the template names them). The cells of a
number quoted for one agency and year are listed with their printed text; so are the cells behind an
aggregate when the selection is small enough to list them (SMALL_SCOPE reports).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from xxgk import keys

SMALL_SCOPE = 20  # aggregates over at most this many reports list every cell they add up
TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}


@dataclass(frozen=True, slots=True)
class CellRef:
    """The cell at `place` ('table3.new_received.total') of one agency's report of one year; agency_id None
    stands for every report in scope (an aggregate)."""

    place: str
    agency_id: int | None = None
    year: int | None = None


@dataclass
class Note:
    n: int
    what: str  # the number, in words
    value: str  # as the briefing prints it
    how: str  # named query, formula, scope, blanks
    cells: list[CellRef] = field(default_factory=list)


@dataclass
class Notes:
    """The numbered source notes of one briefing, in the order the numbers appear."""

    items: list[Note] = field(default_factory=list)

    def add(self, what: str, value: str, how: str, cells: list[CellRef] | None = None) -> str:
        """Register a number; returns the marker printed beside it, e.g. 〔注3〕."""
        note = Note(len(self.items) + 1, what, value, how, list(cells or []))
        self.items.append(note)
        return marker(note.n)

    def places(self) -> list[str]:
        return sorted({c.place for n in self.items for c in n.cells})

    def agencies(self) -> list[int]:
        """The agencies whose cells are listed; empty when an aggregate lists every report in scope."""
        refs = [c for n in self.items for c in n.cells]
        if any(c.agency_id is None for c in refs):
            return []
        return sorted({c.agency_id for c in refs if c.agency_id is not None})


def marker(n: int) -> str:
    return f"〔注{n}〕"


def place(table: str, row: str, col: str, template: str | None = None) -> tuple[str, str, str]:
    """A cell position as the template prints it: (表三, 一、本年新收政府信息公开申请数量, 总计)."""
    if table == "table3":
        group, label = keys.TABLE3_ROWS.get(row, ("", row))
        return "表三", f"{group}{label}", keys.TABLE3_COLUMNS.get(col, col)
    if table == "table4":
        return "表四", keys.TABLE4_BLOCKS.get(row, row), keys.TABLE4_COLUMNS.get(col, col)
    columns = keys.TABLE2_COLUMNS.get(template or "", {}).get(row, {})
    if col not in columns:
        columns = next((t[row] for t in keys.TABLE2_COLUMNS.values() if col in t.get(row, {})), {})
    return TABLE_NAMES.get(table, table), keys.TABLE2_ITEMS.get(row, row), columns.get(col, col)


def describe(places: list[str]) -> str:
    """「表三 一、本年新收政府信息公开申请数量 / 总计」, … for the notes' text."""
    return "、".join("「{} {} / {}」".format(*place(*p.split("."))) for p in places)


def cell_rows(notes: Notes, cells: pl.DataFrame, names: dict[int, str]) -> list[list[str]]:
    """The appendix rows: note, agency, year, table, row, column, printed text, page; a place a report does not
    print is listed as 未填报 when that report was asked for by name."""
    by_key: dict[tuple[int | None, int | None, str], list[dict]] = {}
    for c in cells.iter_rows(named=True):
        key = f"{c['table_name']}.{c['row_key']}.{c['col_key']}"
        by_key.setdefault((c["agency_id"], c["year"], key), []).append(c)
        by_key.setdefault((None, None, key), []).append(c)
    rows: list[list[str]] = []
    for note in notes.items:
        for ref in note.cells:
            found = by_key.get((ref.agency_id, ref.year, ref.place), [])
            if not found and ref.agency_id is not None:
                table, row, col = place(*ref.place.split("."))
                rows.append([marker(note.n), names.get(ref.agency_id, ""), str(ref.year or ""), table, row, col,
                             "未填报（无此单元格）", ""])
            for cell in found:
                table, row, col = place(cell["table_name"], cell["row_key"], cell["col_key"], cell["template"])
                raw = cell["raw"] if cell["raw"] not in (None, "") else "（空白）"
                rows.append([marker(note.n), cell["agency"] or "（未识别机关）", str(cell["year"]), table, row, col, raw,
                             "" if cell["page"] is None else str(cell["page"])])
    return rows
