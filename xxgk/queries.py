"""The named queries: one `.sql` file per query in queries/, run with DuckDB named parameters into Polars.

A query's name is its file name; its first comment lines say what it returns and which $parameters
it takes. Values never enter SQL text: they are bound as DuckDB named parameters. Only the
parameters a query's SQL names are passed (DuckDB refuses extra ones), and the dashboard's filter
parameters default to "everything" (xxgk.filters.Filters()) when the caller leaves them out.
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from xxgk.errors import QueryError
from xxgk.filters import Filters

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
NOT_QUERIES = frozenset({"schema"})  # DDL applied by the store, not a named SELECT

_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def names() -> list[str]:
    """Every named query, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if p.stem not in NOT_QUERIES)


@cache
def sql(name: str) -> str:
    """The SQL text of a named query (read once)."""
    path = QUERY_DIR / f"{name}.sql"
    if name in NOT_QUERIES or not path.is_file():
        raise QueryError(f"no named query {name!r}; known queries: {', '.join(names())}", "unknown_query")
    return path.read_text(encoding="utf-8")


@cache
def parameters(name: str) -> frozenset[str]:
    """The $parameters a query's SQL uses (comments and string literals ignored)."""
    body = _STRING.sub("''", _COMMENT.sub("", sql(name)))
    return frozenset(_PARAM.findall(body))


@cache
def header(name: str) -> str:
    """The leading comment lines of a query file: what it returns and which $parameters it takes."""
    lines = []
    for line in sql(name).splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines)


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """Run a named query with its parameters and return the whole result as a Polars DataFrame."""
    given = {**Filters().params(), **(params or {})}
    needed = parameters(name)
    missing = sorted(needed - given.keys())
    if missing:
        raise QueryError(f"query {name!r} needs parameter(s): {', '.join('$' + m for m in missing)}",
                         "missing_parameter")
    # execute() + an Arrow reader is markedly faster here than the relation API (con.sql(...).pl()), which
    # binds the statement a second time; the whole result is read before returning.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
        table = con.execute(sql(name), {k: given[k] for k in needed}).to_arrow_reader().read_all()
    return pl.from_arrow(table)


# The one definition of the per-report summaries (report_derived): the normalised running text (no digits,
# whitespace, punctuation or symbols, so a copy with only its numbers and dates changed still matches), and over
# every cell of tables 二, 三, 四 the count of numbers, whether all are 0, and a hash of them all.
_DERIVE = r"""
INSERT OR REPLACE INTO report_derived
SELECT report_id, length(norm), md5(norm), numbers_printed,
       CASE WHEN numbers_printed > 0 THEN max_cell = 0 AND min_cell = 0 END, tables_hash, parsed_at
FROM (SELECT r.report_id, r.parsed_at,
             regexp_replace(coalesce(r.body_text, ''), '[0-9０-９\s\p{P}\p{S}]', '', 'g') AS norm,
             coalesce(list_aggregate([*COLUMNS('^t[234]_')], 'count'), 0) AS numbers_printed,
             greatest(*COLUMNS('^t[234]_')) AS max_cell,
             least(*COLUMNS('^t[234]_')) AS min_cell,
             hash(*COLUMNS('^t[234]_')) AS tables_hash
      FROM reports r
      LEFT JOIN facts f ON f.report_id = r.report_id
      LEFT JOIN report_derived d ON d.report_id = r.report_id
      WHERE d.report_id IS NULL OR d.derived_from IS DISTINCT FROM r.parsed_at)
"""


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Fill report_derived for reports new or parsed again since the last call (the writer calls this once
    after its batches, before its final checkpoint; the dashboard only reads)."""
    con.execute(_DERIVE)
