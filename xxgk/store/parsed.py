"""One file read and parsed (or failed), as the parser's workers hand it to the writer, and its cells in columns."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.agencies import Agency
from xxgk.report import CellRef, Report

# A report's cells column by column, one place once (the first printed wins; the parser warns of a repeat):
# table_name, row_key, col_key, value, raw, label, page, position. Eight lists cost the pickle between a worker
# and the writer a fraction of ~200 CellRef objects, and the writer extends its batch's columns with them.
Columns = tuple[list[str], list[str], list[str], list[float | None], list[str], list[str | None],
                list[int | None], list[str | None]]


def cell_columns(cells: list[CellRef]) -> Columns:
    """A report's cells in columns, each place (table, row, column) once: the first printed."""
    first: dict[tuple[str, str, str], CellRef] = {}
    for ref in cells:
        first.setdefault(ref[:3], ref)  # one value per place; the parser reports the duplicate in its warnings
    kept = cells if len(first) == len(cells) else list(first.values())
    if not kept:
        return ([], [], [], [], [], [], [], [])
    t, r, c, v, raw, label, page, pos = zip(*kept, strict=True)
    return (list(t), list(r), list(c), [None if x is None else float(x) for x in v], list(raw),
            [x or None for x in label], list(page), list(pos))


def cell_refs(cols: Columns) -> list[CellRef]:
    """The CellRefs of cells in columns (for the rare step that reads a report's cells one by one)."""
    return [CellRef(*x) for x in zip(*cols, strict=True)]


@dataclass(slots=True)
class Parsed:
    """One file read and parsed (or failed), ready to store: its bytes' sha256 (the report's id), the path
    it came from, its bytes, and the report with its agency resolved once, or the error a person can act on.
    From a parser worker, the report's cells come in `cells` (columns) and `report.cells` is empty."""

    sha256: str
    path: str
    content: bytes
    report: Report | None = None
    agency: Agency | None = None
    error_code: str | None = None
    error_message: str | None = None
    format: str | None = None
    cells: Columns | None = None

    def compact(self) -> Parsed:
        """The same, its report's cells moved into columns (what a parser worker sends the writer)."""
        if self.report is not None and self.cells is None:
            self.cells = cell_columns(self.report.cells)
            self.report.cells = []
        return self

    def cell_columns(self) -> Columns:
        """The report's cells in columns, however they came."""
        if self.cells is not None:
            return self.cells
        return cell_columns(self.report.cells if self.report is not None else [])
