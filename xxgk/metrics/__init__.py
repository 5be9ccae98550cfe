"""The dashboard's aggregates, built in Polars from the filtered facts.

The named query view_facts (queries/view_facts.sql) selects the reports the filters leave in view, once per
filter and with only the columns an aggregate needs; the builders of this package turn that frame into every
aggregate a page draws (disclosure volumes, application outcomes, zero-activity agencies, applicant types,
review and litigation, the overview's numbers). Detectors that pair years (carry_over_breaks, zero_streaks, …)
stay named SQL queries. Blank stays blank: a sum over reports that printed no number is NULL, never 0.

    facts = metrics.facts(con, "applications_by_group", params)    # or the dashboard's cached fetch
    frame = metrics.build("applications_by_group", facts, group_by="district")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from xxgk import queries
from xxgk.errors import QueryError
from xxgk.metrics import applications, disclosure, groups, litigation, overview, zeros
from xxgk.metrics.reshape import (
    FIRST_2021_YEAR,
    OUTCOME_LABELS,
    comparable_series,
    outcome_table,
    peer_gap,
    share_flagged,
    template_era,
    yoy,
)

__all__ = ["AGGREGATES", "FIRST_2021_YEAR", "OUTCOME_LABELS", "Aggregate", "build", "columns", "comparable_series",
           "every_name", "facts", "names", "outcome_table", "peer_gap", "read", "run", "share_flagged", "template_era", "yoy"]

FACTS_QUERY = "view_facts"


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One aggregate: its builder, the facts columns it reads, and its own options (group_by, measure)."""

    builder: Callable[..., pl.DataFrame]
    facts_columns: Callable[[dict[str, Any]], tuple[str, ...]]
    options: tuple[str, ...] = ("group_by",)


def _grouped(cols: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[str, ...]]:
    return lambda o: (*groups.columns(o["group_by"]), *cols)


AGGREGATES: dict[str, Aggregate] = {
    "applications_by_group": Aggregate(applications.applications_by_group, _grouped(applications.COLUMNS)),
    "outcome_shares": Aggregate(applications.outcome_shares, _grouped(applications.COLUMNS)),
    "applicant_types": Aggregate(applications.applicant_types, _grouped(applications.APPLICANT_FACTS)),
    "disclosure_volumes": Aggregate(disclosure.disclosure_volumes, _grouped(disclosure.COLUMNS)),
    "disclosure_by_group": Aggregate(
        disclosure.disclosure_volumes,
        lambda o: (*groups.columns(o["group_by"]), *disclosure.columns(o["measure"])), ("measure", "group_by")),
    "zero_activity_share": Aggregate(zeros.zero_activity_share, _grouped(zeros.COLUMNS)),
    "review_litigation": Aggregate(litigation.review_litigation, _grouped(litigation.COLUMNS)),
    "overview_kpis": Aggregate(overview.overview_kpis, lambda o: (*overview.GROUP_COLUMNS, *overview.COLUMNS), ()),
    "yearly_trend": Aggregate(overview.yearly_trend, lambda o: (*overview.GROUP_COLUMNS, *overview.COLUMNS), ()),
}


def names() -> list[str]:
    """Every aggregate, sorted."""
    return sorted(AGGREGATES)


def _aggregate(name: str) -> Aggregate:
    if name not in AGGREGATES:
        raise QueryError(f"no aggregate {name!r}; known aggregates: {', '.join(names())}", "unknown_query")
    return AGGREGATES[name]


def _options(name: str, given: dict[str, Any]) -> dict[str, Any]:
    agg = _aggregate(name)
    missing = [o for o in agg.options if o not in given]
    if missing:
        raise QueryError(f"aggregate {name!r} needs option(s): {', '.join(missing)}", "missing_parameter")
    return {o: given[o] for o in agg.options}


def columns(name: str, **options: Any) -> list[str]:
    """The facts columns aggregate `name` reads with these options, sorted and without repeats (a cache key)."""
    return sorted(set(_aggregate(name).facts_columns(_options(name, options))))


def build(name: str, facts_frame: pl.DataFrame, **options: Any) -> pl.DataFrame:
    """Aggregate `name` of a view_facts frame holding at least columns(name, **options)."""
    opts = _options(name, options)
    if "group_by" in opts:
        opts["by"] = opts.pop("group_by")
    return _aggregate(name).builder(facts_frame, **opts)


def facts(con: duckdb.DuckDBPyConnection, cols: list[str], params: dict[str, Any]) -> pl.DataFrame:
    """The filtered facts with these columns (the dashboard filters in `params`), read by view_facts."""
    return queries.run(con, FACTS_QUERY, {**params, "columns": cols})


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """Aggregate `name` under the filters and options in `params`, read and built in one call (no cache)."""
    params = params or {}
    return build(name, facts(con, columns(name, **params), params), **params)


def read(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """What the dashboard reads by name: an aggregate of this package, else the named SQL query."""
    return run(con, name, params) if name in AGGREGATES else queries.run(con, name, params)


def every_name() -> list[str]:
    """Everything the dashboard reads by name: the named SQL queries and the aggregates, sorted."""
    return sorted(queries.names() + names())
