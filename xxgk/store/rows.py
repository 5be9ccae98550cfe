"""The rows of one batch of parsed reports, table by table, and their insertion: one Arrow table and one
INSERT statement per table however many reports (xxgk.store.writer calls this inside its transaction).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa

from xxgk.parse.version import PARSER_VERSION
from xxgk.store.parsed import Parsed

# One row of a table, its values in the order of the table's columns as insert_rows lists them.
Row = tuple[Any, ...]


class Rows:
    """The rows of one batch, column by column, inserted with one statement per table."""

    def __init__(self) -> None:
        self.sources: list[Row] = []
        self.reports: list[Row] = []
        self.cells: list[Row] = []
        self.checks: list[Row] = []
        self.narrative: list[Row] = []
        self.facts: list[list[float | str | None]] = []

    def add_report(self, item: Parsed, agency_id: int | None, now: dt.datetime, seq: int,
                   fact_columns: list[str]) -> None:
        r = item.report
        assert r is not None
        rid = item.sha256
        seen: set[tuple[str, str, str]] = set()
        warnings = list(r.warnings)
        filled = 0
        for c in r.cells:
            k = (c.table, c.row, c.col)
            if k in seen:
                continue  # one value per place; the parser reports the duplicate in its warnings
            seen.add(k)
            value = None if c.value is None else float(c.value)
            filled += value is not None
            self.cells.append((rid, c.table, c.row, c.col, value, c.raw, c.label or None, c.page, c.position))
        tables = sum(1 for t in (r.table2, r.table3, r.table4) if t)
        failed = sum(1 for c in r.checks if not c.ok)
        scope = r.scope or {}
        published = r.published or {}
        date = dt.date.fromisoformat(published["date"]) if published.get("date") else None
        self.reports.append((rid, agency_id, r.agency, r.year, r.template, r.format, r.title, date, now,
                             PARSER_VERSION, bool(r.synthetic), True, False, failed, warnings, r.text or None,
                             tables, filled, seq, None, scope.get("table2"), scope.get("table3"),
                             scope.get("table4"), published.get("source") if date else None))
        for check in r.checks:
            self.checks.append((rid, check.rule, bool(check.ok), check.where, check.detail))
        for key, said in (r.narrative or {}).items():
            self.narrative.append((rid, key, None if said is None else float(said)))
        index = {name: i for i, name in enumerate(fact_columns)}
        row: list[float | str | None] = [None] * len(fact_columns)
        for prefix, table in (("t2", r.table2), ("t3", r.table3), ("t4", r.table4)):
            for rk, cols in (table or {}).items():
                for ck, v in (cols or {}).items():
                    i = index.get(f"{prefix}_{rk}__{ck}")
                    if i is not None and v is not None:
                        row[i] = float(v)
        self.facts.append([rid, *row])

    def insert(self, con: duckdb.DuckDBPyConnection, fact_columns: list[str]) -> None:
        insert_rows(con, "sources", ["sha256", "format", "size_bytes", "file_name", "path", "first_seen", "content"],
                self.sources, {"content": pa.binary(), "size_bytes": pa.int64()})
        insert_rows(con, "reports", ["report_id", "agency_id", "agency_printed", "year", "template", "format", "title",
                                 "published_date", "parsed_at", "parser_version", "synthetic", "is_current",
                                 "conflict", "checks_failed", "warnings", "body_text", "tables_found",
                                 "cells_filled", "ingest_seq", "current_reason", "scope_table2", "scope_table3",
                                 "scope_table4", "published_source"], self.reports,
                {"warnings": pa.list_(pa.string()), "published_date": pa.date32(), "agency_id": pa.int32(),
                 "year": pa.int32(), "checks_failed": pa.int32(), "tables_found": pa.int32(),
                 "cells_filled": pa.int32(), "ingest_seq": pa.int64(), "title": pa.string(),
                 "body_text": pa.string(), "agency_printed": pa.string(), "current_reason": pa.string(),
                 "scope_table2": pa.string(), "scope_table3": pa.string(), "scope_table4": pa.string(),
                 "published_source": pa.string()})
        insert_rows(con, "cells", ["report_id", "table_name", "row_key", "col_key", "value", "raw", "label", "page",
                               "position"], self.cells,
                {"value": pa.float64(), "page": pa.int32(), "label": pa.string(), "position": pa.string(),
                 "raw": pa.string()})
        insert_rows(con, "checks", ["report_id", "rule", "ok", "location", "detail"], self.checks,
                {"detail": pa.string()})
        insert_rows(con, "narrative", ["report_id", "key", "value"], self.narrative, {"value": pa.float64()})
        insert_rows(con, "facts", ["report_id", *fact_columns], [tuple(r) for r in self.facts],
                {c: pa.float64() for c in fact_columns})


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[Row],
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
