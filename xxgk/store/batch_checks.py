"""The checks (R1–R5) of a batch, computed by DuckDB over the batch's cells before they are stored (the Arrow
table xxgk.store.rows registers as `batch_cells`), by the checks_of macro of queries/schema.sql over the rules
as data (`check_terms`, from xxgk.checks): only the failed checks are stored, and each report's count of checks
made and failed. Also the one-time upgrade of a file that stored passed checks too."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from xxgk.checks import equation_terms
from xxgk.store.insert import insert_rows

# meta key: what `checks` holds; files written before it held every check, passed or failed
STORED = ("checks_stored", "failed")


def write_terms(con: duckdb.DuckDBPyConnection) -> bool:
    """Make `check_terms` the rules of this version (xxgk.checks.equation_terms); True when it changed."""
    terms = sorted(equation_terms(), key=repr)
    stored = sorted(con.execute("SELECT rule, location, prefix, side, ord, table_name, row_key, col_key, name, cond "
                                "FROM check_terms").fetchall(), key=repr)
    if stored == terms:
        return False
    con.execute("DELETE FROM check_terms")
    insert_rows(con, "check_terms", ["rule", "location", "prefix", "side", "ord", "table_name", "row_key", "col_key",
                                     "name", "cond"], terms, {c: pa.string() for c in ("location", "prefix", "side",
                                                                                     "table_name", "row_key", "name")})
    return True


def upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """A file that stored every check: count them into reports.checks_run and keep the failed ones only.
    True when it did so (the writer then publishes even if nothing else is new)."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [STORED[0]]).fetchone()
    if row is not None and row[0] == STORED[1]:
        return False
    con.execute("BEGIN TRANSACTION")
    con.execute("UPDATE reports SET checks_run = n.run FROM (SELECT report_id, count(*) AS run FROM checks "
                "GROUP BY report_id) n WHERE reports.report_id = n.report_id")
    con.execute("UPDATE reports SET checks_run = 0 WHERE checks_run IS NULL")
    con.execute("DELETE FROM checks WHERE ok")
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(STORED))
    con.execute("COMMIT")
    return True


def check(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """Check the reports of `batch_cells`, store the failed checks, and give (checks run, checks failed) of each
    report that has any check."""
    con.execute("CREATE OR REPLACE TEMP TABLE batch_checks AS FROM checks_of('batch_cells', NULL, false)")
    con.execute("INSERT INTO checks SELECT report_id, rule, ok, location, detail FROM batch_checks WHERE NOT ok "
                "ORDER BY report_id, rule, location")
    counts = {rid: (run, failed) for rid, run, failed in con.execute(
        "SELECT report_id, count(*), count(*) FILTER (WHERE NOT ok) FROM batch_checks GROUP BY report_id").fetchall()}
    con.execute("DROP TABLE batch_checks")
    return counts
