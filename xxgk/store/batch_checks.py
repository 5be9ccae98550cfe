"""The checks (R1–R5) and the facts of a batch, computed by DuckDB over the batch's cells before they are stored
(the Arrow table xxgk.store.rows registers as `batch_cells`): the checks by the checks_of macro of
queries/schema.sql over the rules as data (`check_terms`, from xxgk.checks), of which only the failed are stored;
the facts, one wide row per report, pivoted from the same cells. Also the one-time upgrade of a file that
stored passed checks too."""

from __future__ import annotations

import duckdb

from xxgk.checks import equation_terms

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
    con.executemany("INSERT INTO check_terms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", terms)
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


def pivot_facts(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> None:
    """One facts row per report of the batch: each cell of tables 二–四 that has a facts column (t3_<row>__<col>,
    …) pivoted from `batch_cells`; a report without such cells gets its row all blank."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE batch_facts AS
        SELECT report_id, 't' || right(table_name, 1) || '_' || row_key || '__' || col_key AS fact, value
        FROM batch_cells
        WHERE fact IN (SELECT column_name FROM duckdb_columns()
                       WHERE table_name = 'facts' AND database_name = current_database())""")
    if con.execute("SELECT count(*) FROM batch_facts").fetchall()[0][0]:
        # (PIVOT takes no parameters: it expands into several statements)
        con.execute("CREATE OR REPLACE TEMP TABLE batch_wide AS PIVOT batch_facts ON fact USING first(value) "
                    "GROUP BY report_id")
        con.execute("INSERT INTO facts BY NAME SELECT * FROM (SELECT unnest(?) AS report_id) "
                    "LEFT JOIN batch_wide USING (report_id) ORDER BY report_id", [report_ids])
        con.execute("DROP TABLE batch_wide")
    else:
        con.execute("INSERT INTO facts (report_id) SELECT unnest(?) ORDER BY 1", [report_ids])
    con.execute("DROP TABLE batch_facts")
