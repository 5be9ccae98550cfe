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
from xxgk.filters import SCOPES, Filters
from xxgk.keys import OTHER_DETAIL_ROWS, OUTCOME_ROWS

# Parameters that name one of a few choices: anything else is refused before the query runs. Scope 'any' (every
# table, in_view's choice for counts of reports that add no numbers up) is no sidebar choice but a query's own.
# A $reason is a row of table 三 that is a reason for not (fully) granting (refusal_agencies).
CHOICES = {"dataset": ("demo", "real"), "scope": (*SCOPES, "any"),
           "reason": (*(r for r in OUTCOME_ROWS if r not in ("granted", "partially_granted")), "other",
                      *OTHER_DETAIL_ROWS)}

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
NOT_QUERIES = frozenset({"schema"})  # DDL applied by the store, not a named SELECT
# Parameters of some queries that the caller may leave out: a list's $limit (rows returned; NULL: the whole list, as
# a download takes it) and zero_streaks' $min_years (1: every run).
DEFAULTS = {"limit": None, "min_years": 1}

# once, not per call: warnings.catch_warnings() is not safe where queries run side by side in threads
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")

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
    given = {**Filters().params(), **DEFAULTS, **(params or {})}
    needed = parameters(name)
    missing = sorted(needed - given.keys())
    if missing:
        raise QueryError(f"query {name!r} needs parameter(s): {', '.join('$' + m for m in missing)}",
                         "missing_parameter")
    for key, allowed in CHOICES.items():
        if key in needed and given[key] not in allowed:
            raise QueryError(f"${key} must be one of {', '.join(allowed)}, not {given[key]!r}", "bad_parameter")
    # execute() + an Arrow reader is markedly faster here than the relation API (con.sql(...).pl()), which
    # binds the statement a second time (DuckDB's warning about that reader's copy is silenced above); the whole
    # result is read before returning.
    reader = con.execute(sql(name), {k: given[k] for k in needed}).to_arrow_reader()
    assert reader is not None, "a SELECT always has a result"
    frame = pl.from_arrow(reader.read_all())
    assert isinstance(frame, pl.DataFrame)
    return frame
