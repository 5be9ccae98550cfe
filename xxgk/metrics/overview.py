"""The headline numbers of the selection (overview_kpis) and the same numbers per report year (yearly_trend)."""

from __future__ import annotations

import polars as pl

from xxgk.metrics.measures import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    GRANTED,
    PARTIALLY_GRANTED,
    PROCESSED,
    RECEIVED,
    SUITS,
    count,
    ratio,
    sum_,
    total,
)
from xxgk.metrics.reshape import template_era

COLUMNS = (RECEIVED, CARRIED_OVER, PROCESSED, CARRIED_FORWARD, GRANTED, PARTIALLY_GRANTED, "t4_review__total", *SUITS)
GROUP_COLUMNS = ("agency_id", "district")


def _per_report(facts: pl.DataFrame) -> pl.LazyFrame:
    return facts.lazy().with_columns(
        pl.col(RECEIVED).alias("received"), pl.col(PROCESSED).alias("processed"),
        pl.when(pl.col(PROCESSED).is_not_null()).then(total([GRANTED, PARTIALLY_GRANTED])).alias("disclosed"),
        total(SUITS).alias("suits"))


def _sums() -> list[pl.Expr]:
    received = pl.col("received")
    return [count().alias("reports"), count(pl.col("synthetic")).alias("synthetic_reports"),
            sum_("received").alias("received"),
            count(received.is_null() & pl.col("counts_t3")).alias("reports_blank_received"),
            sum_("processed").alias("processed"), sum_("disclosed").alias("disclosed"),
            count(received == 0).alias("zero_application_reports"),
            sum_("t4_review__total").alias("reviews"), sum_("suits").alias("suits")]


def overview_kpis(facts: pl.DataFrame) -> pl.DataFrame:
    """One row: reports, agencies, districts, years, received, blank reports, processed, disclosed, open_rate,
    zero-application reports, reviews, suits, reports failing checks."""
    return (_per_report(facts)
            .select(*_sums(), pl.col("agency_id").drop_nulls().n_unique().cast(pl.Int64).alias("agencies"),
                    pl.col("district").drop_nulls().n_unique().cast(pl.Int64).alias("districts"),
                    pl.col("year").min().alias("year_min"), pl.col("year").max().alias("year_max"),
                    count(pl.col("checks_failed") > 0).alias("reports_failing_checks"))
            .with_columns(ratio(pl.col("disclosed"), pl.col("processed")).alias("open_rate"))
            .select("reports", "agencies", "districts", "year_min", "year_max", "synthetic_reports", "received",
                    "reports_blank_received", "processed", "disclosed", "open_rate", "zero_application_reports",
                    "reviews", "suits", "reports_failing_checks")
            .collect())


def yearly_trend(facts: pl.DataFrame) -> pl.DataFrame:
    """Per report year: template era, templates present, reports, agencies, the application numbers, open_rate,
    carried forward, zero-application reports, reviews and suits."""
    return (_per_report(facts)
            .group_by("year")
            .agg(*_sums(), pl.col("template").drop_nulls().unique().sort().str.join(",").alias("templates"),
                 pl.col("agency_id").count().cast(pl.Int64).alias("agencies"),
                 sum_(CARRIED_OVER).alias("carried_over"), sum_(CARRIED_FORWARD).alias("carried_forward"))
            .with_columns(template_era(pl.col("year")).alias("template_era"),
                          ratio(pl.col("disclosed"), pl.col("processed")).alias("open_rate"))
            .select("year", "template_era", "templates", "reports", "agencies", "synthetic_reports", "received",
                    "reports_blank_received", "carried_over", "processed", "disclosed", "open_rate",
                    "carried_forward", "zero_application_reports", "reviews", "suits")
            .sort("year")
            .collect())
