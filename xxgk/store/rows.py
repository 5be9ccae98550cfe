"""The rows of one batch of parsed reports, table by table, and their insertion: one Arrow table and one
INSERT statement per table however many reports (xxgk.store.writer calls this inside its transaction).

Cells arrive in columns (xxgk.store.parsed) and go to DuckDB as one Arrow table, ordered by report_id (each
report's cells in printed order): DuckDB computes the checks over them (xxgk.store.batch_checks); the facts, one wide
row per report, are filled from the same columns.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa

from xxgk.parse.version import PARSER_VERSION
from xxgk.store import batch_checks
from xxgk.store.insert import Row, insert_rows
from xxgk.store.parsed import Columns, Parsed

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
_FACT = re.compile(r"t([234])_(\w+?)__(\w+)")  # a facts column: t3_<row>__<col>


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

    def fact_table(self, fact_columns: list[str]) -> pa.Table:
        """One wide row per report (its cells of tables 二–四 that have a facts column), by report_id."""
        where = fact_places(tuple(fact_columns))
        ids = sorted(self.cells)
        columns: list[list[float | None]] = [[None] * len(ids) for _ in fact_columns]
        for n, rid in enumerate(ids):
            t, r, c, v = self.cells[rid][:4]
            for table, row, col, value in zip(t, r, c, v, strict=True):
                if value is not None and (i := where.get((table, row, col))) is not None:
                    columns[i][n] = value
        return pa.Table.from_arrays([pa.array(ids, pa.string()), *(pa.array(c, pa.float64()) for c in columns)],
                                    names=["report_id", *fact_columns])

    def insert(self, con: duckdb.DuckDBPyConnection, fact_columns: list[str]) -> None:
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
        finally:
            con.unregister("batch_cells")
        batch_facts = self.fact_table(fact_columns)  # noqa: F841 - read by DuckDB by its name
        con.execute("INSERT INTO facts BY NAME SELECT * FROM batch_facts")
        insert_rows(con, "narrative", ["report_id", "key", "value"], self.narrative, {"value": pa.float64()})


@cache
def fact_places(fact_columns: tuple[str, ...]) -> dict[tuple[str, str, str], int]:
    """(table, row, column) → position among the facts columns (t3_<row>__<col> is table3's row and column)."""
    out = {}
    for i, name in enumerate(fact_columns):
        m = _FACT.fullmatch(name)
        if m:
            out[(f"table{m[1]}", m[2], m[3])] = i
    return out
