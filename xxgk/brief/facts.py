"""What a briefing says, read from the named queries under one selection: the data boundary of xxgk.brief.

Every number the document prints is a value of one of these frames (or a sum of them, stated in its note);
nothing here computes a statistic the queries do not already define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import polars as pl

from xxgk import metrics, queries
from xxgk.filters import Filters

# A rate is ranked only over at least this many cases (its base); the briefing states how many were left out.
MIN_PROCESSED = 10  # applications processed (（七）总计) behind a 公开率
MIN_CONCLUDED_REVIEWS = 5  # concluded reviews (维持 + 纠正 + 其他) behind a 复议纠错率
TOP = 10  # rows of a ranking table
STREAK_YEARS = 3  # zero-application runs of at least this many years are listed
LIST_ROWS = 30  # rows of a list (missing reports, reports with data-quality issues)
ALL = 1_000_000  # "no limit" for the rankings query, which cuts by rank


@dataclass
class Facts:
    """The results of the named queries a briefing quotes, for one selection."""

    filters: Filters
    kpi: dict[str, Any]
    trend: pl.DataFrame  # yearly_trend
    law: pl.DataFrame  # review_litigation, group_by all (per year)
    law_district: pl.DataFrame  # review_litigation, group_by district
    apps_district: pl.DataFrame  # applications_by_group, group_by district
    volumes: pl.DataFrame  # disclosure_volumes, group_by all: the comparable measures and the text's count
    rank_received: pl.DataFrame  # rankings received, latest year
    rank_open: pl.DataFrame  # rankings open_rate ascending, latest year, every ranked agency
    rank_correction: pl.DataFrame  # rankings review_correction_rate, latest year, every ranked agency
    zero_share: pl.DataFrame  # zero_activity_share, group_by all
    streaks: pl.DataFrame  # zero_streaks
    missing: pl.DataFrame  # missing_reports
    quality: pl.DataFrame  # data_quality
    timeliness: pl.DataFrame  # timeliness, group_by all (per year)
    late: pl.DataFrame  # late_reports: late and undated reports
    agency_names: dict[int, str] = field(default_factory=dict)  # filter_options: agency_id -> name

    @property
    def empty(self) -> bool:
        return not self.kpi.get("reports")

    @property
    def latest_year(self) -> int | None:
        return self.kpi.get("year_max")

    @property
    def synthetic(self) -> bool:
        return bool(self.kpi.get("synthetic_reports"))


def gather(con: duckdb.DuckDBPyConnection, f: Filters) -> Facts:
    """Run every named query the briefing quotes under the filters `f`."""
    p = f.params()

    def q(name: str, **extra: Any) -> pl.DataFrame:
        return metrics.read(con, name, {**p, **extra})

    kpi_df = q("overview_kpis")
    kpi = kpi_df.row(0, named=True) if not kpi_df.is_empty() else {}
    latest = kpi.get("year_max")

    def in_latest(df: pl.DataFrame) -> pl.DataFrame:
        return df.filter(pl.col("year") == latest) if latest is not None else df.clear()

    volumes = q("disclosure_volumes", group_by="all").filter(pl.col("comparable") | pl.col("from_text"))
    options = queries.run(con, "filter_options", {"dataset": f.dataset})
    names = {int(v): str(n) for v, n in options.filter(pl.col("kind") == "agency").select("value", "label").rows()}
    return Facts(
        filters=f, kpi=kpi, trend=q("yearly_trend"),
        law=q("review_litigation", group_by="all"),
        law_district=in_latest(q("review_litigation", group_by="district")),
        apps_district=in_latest(q("applications_by_group", group_by="district")),
        volumes=volumes,
        rank_received=in_latest(q("rankings", metric="received", ascending=False, limit=TOP)),
        rank_open=in_latest(q("rankings", metric="open_rate", ascending=True, limit=ALL)),
        rank_correction=in_latest(q("rankings", metric="review_correction_rate", ascending=False, limit=ALL)),
        zero_share=q("zero_activity_share", group_by="all"),
        streaks=q("zero_streaks"),
        missing=q("missing_reports"),
        quality=q("data_quality"),
        timeliness=q("timeliness", group_by="all"),
        late=q("late_reports"),
        agency_names=names,
    )


def cells(con: duckdb.DuckDBPyConnection, f: Filters, places: list[str], agencies: list[int]) -> pl.DataFrame:
    """The printed cells at `places` ('table3.new_received.total', …) of the current reports in scope,
    of `agencies` only (all in scope when empty): query source_cells."""
    if not places:
        return queries.run(con, "source_cells", {**f.params(), "places": [""], "source_agencies": [-1]})
    return queries.run(con, "source_cells", {**f.params(), "places": places, "source_agencies": agencies})
