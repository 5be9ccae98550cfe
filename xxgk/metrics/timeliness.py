"""On-time publication of the annual report (《政府信息公开条例》第四十九条) per year and group.

current_reports carries each report's publication deadline, on_time and days_late (NULL when the date is unknown:
neither on time nor late). Every report counts here whatever its tables count (scope 'any': a government's
report is one report, whether its tables count its own work or its whole area).
"""

from __future__ import annotations

import polars as pl

from xxgk.errors import QueryError
from xxgk.metrics import groups
from xxgk.metrics.measures import REPORTS, count, flag, ratio

COLUMNS = ("on_time", "days_late")
GROUPINGS = ("province", "city", "district", "township", "bureau", "all")
SCOPE = "any"  # the scope its facts are read with


def timeliness(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """reports, dated_reports (publication date known), on_time_reports, late_reports, undated_reports,
    on_time_share = on_time_reports / dated_reports (NULL when no date is known), median_days_late and
    max_days_late over the late reports, synthetic_reports."""
    if by not in GROUPINGS:
        raise QueryError(f"unknown $group_by: {by} ({', '.join(GROUPINGS)})", "bad_parameter")
    on_time = pl.col("on_time")
    late_days = pl.when(on_time.not_()).then(pl.col("days_late"))
    return (facts.lazy()
            .with_columns(groups.key(by), flag(on_time.is_not_null(), "dated"), flag(on_time, "on_time_n"),
                          flag(on_time.not_(), "late"), flag(on_time.is_null(), "undated"),
                          flag(pl.col("synthetic"), "synthetic"), late_days.alias("late_days"))
            .group_by("year", "group_key")
            .agg(count().alias("reports"), count("dated").alias("dated_reports"),
                 count("on_time_n").alias("on_time_reports"), count("late").alias("late_reports"),
                 count("undated").alias("undated_reports"),
                 # each row stands for `reports` reports of one days_late: the median over the late reports
                 pl.col("late_days").repeat_by(REPORTS).explode().median().alias("median_days_late"),
                 pl.col("late_days").max().alias("max_days_late"), count("synthetic").alias("synthetic_reports"))
            .with_columns(ratio(pl.col("on_time_reports").cast(pl.Float64), pl.col("dated_reports"))
                          .alias("on_time_share"))
            .select("year", "group_key", "reports", "dated_reports", "on_time_reports", "late_reports",
                    "undated_reports", "on_time_share", "median_days_late", "max_days_late", "synthetic_reports")
            .sort("year", "group_key")
            .collect())
