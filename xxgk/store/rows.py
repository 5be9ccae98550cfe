"""The rows of one batch of parsed reports, table by table, and their insertion: one Arrow table and one
INSERT statement per table however many reports (xxgk.store.writer calls this inside its transaction).

Cells arrive in columns (xxgk.store.parsed) and go to DuckDB as one Arrow table, ordered by report_id (each
report's cells in printed order): DuckDB computes the checks over them (xxgk.store.batch_checks) and pivots the
facts from them, so nothing on the writer's hot path handles a cell as a Python object.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa

from xxgk.parse.version import PARSER_VERSION
from xxgk.store import batch_checks
from xxgk.store.parsed import Columns, Parsed

# One row of a table, its values in the order of the table's columns as insert_rows lists them.
Row = tuple[Any, ...]

CELL_SCHEMA = pa.schema([("report_id", pa.string()), ("table_name", pa.string()), ("row_key", pa.string()),
                         ("col_key", pa.string()), ("value", pa.float64()), ("raw", pa.string()),
                         ("label", pa.string()), ("page", pa.int32()), ("position", pa.string())])
REPORT_COLUMNS = ["report_id", "agency_id", "agency_printed", "year", "template", "format", "title",
                  "published_date", "parsed_at", "parser_version", "synthetic", "is_current", "conflict",
                  "checks_failed", "warnings", "body_text", "tables_found", "cells_filled", "ingest_seq",
                  "current_reason", "scope_table2", "scope_table3", "scope_table4", "published_source", "checks_run"]
REPORT_TYPES = {"warnings": pa.list_(pa.string()), "published_date": pa.date32(), "agency_id": pa.int32(),
                "year": pa.int32(), "checks_failed": pa.int32(), "tables_found": pa.int32(),
                "cells_filled": pa.int32(), "ingest_seq": pa.int64(), "title": pa.string(), "body_text": pa.string(),
                "agency_printed": pa.string(), "current_reason": pa.string(), "scope_table2": pa.string(),
                "scope_table3": pa.string(), "scope_table4": pa.string(), "published_source": pa.string(),
                "checks_run": pa.int32()}
_FAILED, _RUN = REPORT_COLUMNS.index("checks_failed"), REPORT_COLUMNS.index("checks_run")


class Rows:
    """The rows of one batch, inserted with one statement per table."""

    def __init__(self) -> None:
        self.sources: list[Row] = []
        self.reports: list[list[Any]] = []
        self.cells: dict[str, Columns] = {}
        self.narrative: list[Row] = []
        self.failing = 0  # reports with a failed check, once inserted

    def add_report(self, item: Parsed, agency_id: int | None, now: dt.datetime, seq: int) -> None:
        r = item.report
        assert r is not None
        rid = item.sha256
        cols = self.cells[rid] = item.cell_columns()
        filled = len(cols[3]) - cols[3].count(None)
        tables = sum(1 for t in (r.table2, r.table3, r.table4) if t)
        scope = r.scope or {}
        published = r.published or {}
        date = dt.date.fromisoformat(published["date"]) if published.get("date") else None
        self.reports.append([rid, agency_id, r.agency, r.year, r.template, r.format, r.title, date, now,
                             PARSER_VERSION, bool(r.synthetic), True, False, 0, list(r.warnings), r.text or None,
                             tables, filled, seq, None, scope.get("table2"), scope.get("table3"),
                             scope.get("table4"), published.get("source") if date else None, 0])
        for key, said in (r.narrative or {}).items():
            self.narrative.append((rid, key, None if said is None else float(said)))

    def cell_table(self) -> pa.Table:
        """The batch's cells as one Arrow table, by report_id, each report's cells in printed order."""
        out: list[list[Any]] = [[] for _ in CELL_SCHEMA]
        ids = out[0]
        for rid in sorted(self.cells):
            cols: tuple[list[Any], ...] = self.cells[rid]
            ids.extend([rid] * len(cols[0]))
            for target, col in zip(out[1:], cols, strict=True):
                target.extend(col)
        return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(out, CELL_SCHEMA, strict=True)],
                                    schema=CELL_SCHEMA)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        insert_rows(con, "sources", ["sha256", "format", "size_bytes", "file_name", "path", "first_seen", "content"],
                    self.sources, {"content": pa.binary(), "size_bytes": pa.int64()})
        if not self.reports:
            return
        con.register("batch_cells", self.cell_table())  # the name the SQL below reads
        try:
            counts = batch_checks.check(con)
            for row in self.reports:
                row[_RUN], row[_FAILED] = counts.get(row[0], (0, 0))
            self.failing = sum(1 for run_failed in counts.values() if run_failed[1])
            self.reports.sort(key=lambda row: row[0])
            insert_rows(con, "reports", REPORT_COLUMNS, self.reports, REPORT_TYPES)
            con.execute("INSERT INTO cells SELECT * FROM batch_cells")
            batch_checks.pivot_facts(con, [row[0] for row in self.reports])
        finally:
            con.unregister("batch_cells")
        insert_rows(con, "narrative", ["report_id", "key", "value"], self.narrative, {"value": pa.float64()})


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[Row] | list[list[Any]],
                types: dict[str, pa.DataType]) -> None:
    """Insert rows through one Arrow table: a single statement however many rows."""
    if not rows:
        return
    arrays = []
    for i, name in enumerate(columns):
        values = [r[i] for r in rows]
        arrays.append(pa.array(values, type=types.get(name)))
    batch = pa.Table.from_arrays(arrays, names=columns)  # noqa: F841 - read by DuckDB by its name
    cols = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch")
