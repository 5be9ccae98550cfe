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
    flag,
    known,
    ratio,
    sign,
    sums,
    total,
    unprinted_blank,
)
from xxgk.metrics.reshape import template_era

COLUMNS = ("template", "counts_t3", "district", "first_of_agency", sign("checks_failed"), sign("agency_id"),
           sign(RECEIVED), sign(PROCESSED), RECEIVED, CARRIED_OVER, PROCESSED, CARRIED_FORWARD, GRANTED,
           PARTIALLY_GRANTED, "t4_review__total", *SUITS)
_SUMS = ("received", "processed", "disclosed", "reviews", "suits")


def _per_report(facts: pl.DataFrame) -> pl.LazyFrame:
    return facts.lazy().with_columns(
        pl.col(RECEIVED).alias("received"), pl.col(PROCESSED).alias("processed"),
        pl.when(known(PROCESSED)).then(total([GRANTED, PARTIALLY_GRANTED])).alias("disclosed"),
        pl.col("t4_review__total").alias("reviews"), total(SUITS).alias("suits"),
        pl.col(CARRIED_OVER).alias("carried_over"), pl.col(CARRIED_FORWARD).alias("carried_forward"),
        flag(pl.col("synthetic"), "synthetic"), flag(~known(RECEIVED) & pl.col("counts_t3"), "blank_received"),
        flag(pl.col(sign(RECEIVED)) == 0, "zero"), flag(pl.col(sign("checks_failed")) > 0, "failing"),
        flag(known("agency_id"), "with_agency"), flag(pl.col("first_of_agency"), "agency_once"))


def _counts() -> list[pl.Expr]:
    return [count().alias("reports"), count("synthetic").alias("synthetic_reports"),
            count("blank_received").alias("reports_blank_received"), count("zero").alias("zero_application_reports")]


def overview_kpis(facts: pl.DataFrame) -> pl.DataFrame:
    """One row: reports, agencies, districts, years, received, blank reports, processed, disclosed, open_rate,
    zero-application reports, reviews, suits, reports failing checks."""
    return (_per_report(facts)
            .select(*_counts(), *sums(_SUMS), count("failing").alias("reports_failing_checks"),
                    count("agency_once").alias("agencies"),
                    pl.col("district").drop_nulls().n_unique().cast(pl.Int64).alias("districts"),
                    pl.col("year").min().alias("year_min"), pl.col("year").max().alias("year_max"))
            .with_columns(unprinted_blank(_SUMS))
            .with_columns(ratio(pl.col("disclosed"), pl.col("processed")).alias("open_rate"))
            .select("reports", "agencies", "districts", "year_min", "year_max", "synthetic_reports", "received",
                    "reports_blank_received", "processed", "disclosed", "open_rate", "zero_application_reports",
                    "reviews", "suits", "reports_failing_checks")
            .collect())


def yearly_trend(facts: pl.DataFrame) -> pl.DataFrame:
    """Per report year: template era, templates present, reports, agencies, the application numbers, open_rate,
    carried forward, zero-application reports, reviews and suits."""
    names = (*_SUMS, "carried_over", "carried_forward")
    return (_per_report(facts)
            .group_by("year")
            .agg(*_counts(), *sums(names), count("with_agency").alias("agencies"),
                 pl.col("template").drop_nulls().unique().sort().str.join(",").alias("templates"))
            .with_columns(unprinted_blank(names))
            .with_columns(template_era(pl.col("year")).alias("template_era"),
                          ratio(pl.col("disclosed"), pl.col("processed")).alias("open_rate"))
            .select("year", "template_era", "templates", "reports", "agencies", "synthetic_reports", "received",
                    "reports_blank_received", "carried_over", "processed", "disclosed", "open_rate",
                    "carried_forward", "zero_application_reports", "reviews", "suits")
            .sort("year")
            .collect())
