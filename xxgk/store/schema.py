"""The schema (queries/schema.sql): applied to a database, checked against an attached file, and an empty
database created with it."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import duckdb

from xxgk import settings

SCHEMA_FILE = settings.ROOT / "queries" / "schema.sql"

_OBJECT = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
# the columns of report_quality that current_reports_live reads
QUALITY_COLUMNS_READ = {"report_id", "prev_report_id", "carry_over_break", "tables_repeat_last_year",
                        "text_repeat_last_year", "narrative_mismatch", "in_force_drift_items", "issues"}
_MACRO = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?MACRO\s+(\w+)\s*\(([^)]*)\)", re.I)


def schema_sql() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view that is missing; idempotent, safe on every start."""
    # current_reports was a view until derived version 3; it is a table now
    if con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_reports' "
                   "AND database_name = current_database()").fetchall()[0][0]:
        con.execute("DROP VIEW current_reports")
    # report_quality is derived whole after every write: one an older version left with fewer columns is dropped,
    # since current_reports_live reads them, and the derive that follows fills it again
    have = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                      "'report_quality' AND table_catalog = current_database()").fetchall()}
    if have and not QUALITY_COLUMNS_READ <= have:
        con.execute("DROP TABLE report_quality")
    con.execute(schema_sql())


def missing_objects(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Tables and views the schema declares that the attached file lacks, and macros it lacks or has with other
    parameters (a file written by an older version)."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_catalog = current_database()").fetchall()}
    have |= {f"{name}({', '.join(params)})" for name, params in con.execute(
        "SELECT function_name, parameters FROM duckdb_functions() "
        "WHERE database_name = current_database() AND function_type IN ('table_macro', 'macro')").fetchall()}
    macros = {f"{name}({', '.join(p.strip() for p in params.split(','))})" for name, params in _MACRO.findall(schema_sql())}
    return (set(_OBJECT.findall(schema_sql())) | macros) - have


def create_empty(path: Path) -> None:
    """An empty database with the schema at `path`, built aside and linked into place only if there is
    still no file there. Needs no writer lock, so a reader never waits for (or fails on) an ingest that
    is building the first database: the ingest's publish later replaces the empty file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        apply_schema(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    try:
        os.link(tmp, path)  # fails if another process created the file meanwhile: theirs stands
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
