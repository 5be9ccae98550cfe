"""The derived tables: what the writer computes once per write so the dashboard only reads.

Each derived table has its SQL in `queries/derive/NAME.sql` (first comment lines say what it fills), run in
the order of DERIVED inside the writer's last transaction: quoted_cells and report_derived for reports new or
parsed again, then report_quality and current_reports (which carries report_quality's flags) whole.
"""

from __future__ import annotations

from functools import cache

import duckdb

from xxgk import settings
from xxgk.store.schema import apply_schema

DERIVE_DIR = settings.ROOT / "queries" / "derive"
# report_derived is filled for at most this many reports per statement, again until done (its SQL's $chunk)
CHUNK = 50_000
# In the order they are filled: each may read the ones before it.
DERIVED = ("quoted_cells", "report_derived", "report_quality", "current_reports")
# Raised whenever a derived table changes meaning: a database derived by an older version is derived again by
# its next writer, even one that stores nothing new (xxgk.store.writer). Also raised when a schema change adds a
# column a named query reads (12: agencies.placed_by): that writer's schema adds it to an older file.
# 13: report_derived holds the blank-cell counts blank_cells reads.
# 14: quoted_cells (the briefing's cells), and in_view matches a district chosen as 市·区县.
# 15: in_view_of and columns_re (view_facts reads only the numbers it sums), in_view picks columns by pattern.
# 16: current_reports carries all_zero and proactive_items.
# 17: in_view_of reads only the columns it keeps.
# 18: report_quality counts in_force_drift_items; current_reports carries the flags quality_counts counts.
# 19: current_reports carries quality_issues, and region_id in the order the region lists sort by.
DERIVED_VERSION = "19"


@cache
def sql(name: str) -> str:
    """The SQL that fills one derived table (read once)."""
    return (DERIVE_DIR / f"{name}.sql").read_text(encoding="utf-8")


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Fill report_derived for reports new or parsed again since the last call, then report_quality and
    current_reports for every current report (the writer calls this once after its batches, in one transaction
    before its final checkpoint; the dashboard only reads)."""
    # Tables filled by an older version may lack columns this one writes: such a report_derived is derived
    # again from scratch, and report_quality, rebuilt whole anyway, is made again as schema.sql declares it.
    if version(con) != DERIVED_VERSION:
        con.execute("DROP TABLE IF EXISTS report_derived")
    con.execute("DROP TABLE IF EXISTS report_quality")
    apply_schema(con)
    for name in DERIVED:
        FILL.get(name, _fill_once)(con, name)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('derived_version', ?)", [DERIVED_VERSION])


def _fill_once(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(sql(name))


def _fill_in_chunks(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """At most CHUNK reports per statement (its SQL's $chunk), again while a statement fills a whole chunk."""
    while con.execute(sql(name), {"chunk": CHUNK}).fetchall()[0][0] == CHUNK:
        pass


def _fill_by_year(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """current_reports made again one year of reports at a time (its SQL's $year): the whole join of 10^6 wide
    rows at once ran out of the writer's 640 MB."""
    con.execute("CREATE OR REPLACE TABLE current_reports AS SELECT * FROM current_reports_live LIMIT 0")
    years = con.execute("SELECT DISTINCT year FROM reports WHERE is_current ORDER BY year NULLS LAST").fetchall()
    for (year,) in years:
        con.execute(sql(name), {"year": year})


# How a derived table is filled when not by one run of its SQL: within the writer's memory at 10^6 reports.
FILL = {"report_derived": _fill_in_chunks, "current_reports": _fill_by_year}


def version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version of derive() that filled this database's derived tables (None: never derived)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'derived_version'").fetchall()
    return row[0][0] if row else None


def stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether stored reports have summaries from another version of derive() (or none yet)."""
    if version(con) == DERIVED_VERSION:
        return False
    return bool(con.execute("SELECT count(*) FROM reports").fetchall()[0][0] > 0)
