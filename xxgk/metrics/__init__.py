"""The dashboard's aggregates, built in Polars from the filtered facts.

The named query view_facts (queries/view_facts.sql) sums the reports the filters leave in view per year and
combination of the keys an aggregate needs (a few thousand rows, not one per report); the builders of this package
turn that frame into every aggregate a page draws (disclosure volumes, application outcomes, zero-activity
agencies, applicant types, review and litigation, on-time publication, the overview's numbers). Detectors that pair years (carry_over_breaks, zero_streaks, …)
stay named SQL queries. Blank stays blank: a sum over reports that printed no number is NULL, never 0.

    cols = metrics.columns("applications_by_group", group_by="district")
    facts = metrics.facts(con, cols, metrics.facts_filters("applications_by_group", params))  # or the cached read
    frame = metrics.build("applications_by_group", facts, group_by="district")

A page that draws several aggregates reads their facts once per filter set (`reads`: the union of their columns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from xxgk import queries
from xxgk.errors import QueryError
from xxgk.filters import Filters
from xxgk.metrics import applications, disclosure, groups, litigation, overview, timeliness, zeros
from xxgk.metrics.measures import patterns, split
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
           "every_name", "facts", "facts_filters", "names", "outcome_table", "peer_gap", "read", "reads", "run",
           "share_flagged", "template_era", "yoy"]

FACTS_QUERY = "view_facts"


@dataclass(frozen=True, slots=True)
class Aggregate:
    """One aggregate: its builder, the facts columns it reads, and its own options (group_by, measure)."""

    builder: Callable[..., pl.DataFrame]
    facts_columns: Callable[[dict[str, Any]], tuple[str, ...]]
    options: tuple[str, ...] = ("group_by",)
    prior_year: bool = False  # compares each year with the one before: the facts reach back one year
    scope: str | None = None  # the $scope its facts are read with, whatever the sidebar's (None: the sidebar's)

def _grouped(cols: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[str, ...]]:
    return lambda o: (*groups.columns(o["group_by"]), *cols)


AGGREGATES: dict[str, Aggregate] = {
    "applications_by_group": Aggregate(applications.applications_by_group, _grouped(applications.COLUMNS)),
    "outcome_shares": Aggregate(applications.outcome_shares, _grouped(applications.COLUMNS)),
    "applicant_types": Aggregate(applications.applicant_types, _grouped(("counts_t3", *applications.APPLICANT_FACTS,
                                                                        *applications.APPLICANT_PRINTS))),
    "disclosure_volumes": Aggregate(disclosure.disclosure_volumes, _grouped((*disclosure.FACTS, *disclosure.columns()))),
    "disclosure_by_group": Aggregate(
        disclosure.disclosure_volumes,
        lambda o: (*groups.columns(o["group_by"]), *disclosure.FACTS, *disclosure.columns(o["measure"])),
        ("measure", "group_by")),
    "zero_activity_share": Aggregate(zeros.zero_activity_share, _grouped(zeros.COLUMNS)),
    "review_litigation": Aggregate(litigation.review_litigation, _grouped(litigation.COLUMNS)),
    "carried_forward": Aggregate(applications.carried_forward, _grouped(applications.BACKLOG_COLUMNS)),
    "yoy_change": Aggregate(applications.yoy_change, _grouped(applications.YOY_COLUMNS), prior_year=True),
    "correction_rates": Aggregate(litigation.correction_rates, _grouped(litigation.RATE_COLUMNS),
                                  ("group_by", "kind")),
    "overview_kpis": Aggregate(overview.overview_kpis, lambda o: overview.COLUMNS, ()),
    "yearly_trend": Aggregate(overview.yearly_trend, lambda o: overview.COLUMNS, ()),
    "timeliness": Aggregate(timeliness.timeliness, _grouped(timeliness.COLUMNS), scope=timeliness.SCOPE),
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


def build(name: str, facts_frame: pl.DataFrame, **params: Any) -> pl.DataFrame:
    """Aggregate `name` of a view_facts frame holding at least columns(name, **options), read with
    facts_filters(name, params); `params` holds its options (and, for a year-on-year aggregate, $year_from)."""
    opts = _options(name, params)
    if "group_by" in opts:
        opts["by"] = opts.pop("group_by")
    if _aggregate(name).prior_year:
        opts["year_from"] = {**Filters().params(), **params}["year_from"]
    return _aggregate(name).builder(facts_frame, **opts)


def facts_filters(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The dashboard filters of `params` the facts of aggregate `name` are read with (one year earlier for a
    year-on-year aggregate, whose first year is compared with the one before; its own scope for timeliness)."""
    given = {**Filters().params(), **params}
    out = {k: given[k] for k in Filters().params()}
    agg = _aggregate(name)
    if agg.prior_year:
        out["year_from"] = given["year_from"] - 1
    if agg.scope is not None:
        out["scope"] = agg.scope
    return out


def facts(con: duckdb.DuckDBPyConnection, cols: list[str], filters: dict[str, Any]) -> pl.DataFrame:
    """The filtered facts with these columns under the dashboard filters `filters`, read by view_facts: summed per
    year and combination of the keys among `cols` (see xxgk.metrics.measures.split)."""
    return queries.run(con, FACTS_QUERY, {**filters, "columns": patterns(*split(cols))})


def reads(calls: list[tuple[str, dict[str, Any]]]) -> list[tuple[list[str], dict[str, Any]]]:
    """For aggregates drawn together, each as (name, params): the facts columns and filters each is read with, so
    that a page reads the facts once per filter set (the union of the columns of the aggregates sharing those
    filters; an aggregate built from facts with more keys is the same)."""
    wanted = [(columns(name, **params), facts_filters(name, params)) for name, params in calls]
    union: dict[str, set[str]] = {}
    for cols, filters in wanted:
        union.setdefault(repr(sorted(filters.items())), set()).update(cols)
    return [(sorted(union[repr(sorted(filters.items()))]), filters) for _, filters in wanted]


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """Aggregate `name` under the filters and options in `params`, read and built in one call (no cache)."""
    params = params or {}
    return build(name, facts(con, columns(name, **params), facts_filters(name, params)), **params)


def read(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """What the dashboard reads by name: an aggregate of this package, else the named SQL query."""
    return run(con, name, params) if name in AGGREGATES else queries.run(con, name, params)


def every_name() -> list[str]:
    """Everything the dashboard reads by name: the named SQL queries and the aggregates, sorted."""
    return sorted(queries.names() + names())
