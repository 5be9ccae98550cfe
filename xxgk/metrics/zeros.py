"""Zero activity per year and group: the agencies that received no application, and those whose every printed
number is 0. Blank is neither zero nor non-zero: an agency whose 本年新收 is blank is out of the share's base."""

from __future__ import annotations

import polars as pl

from xxgk.errors import QueryError
from xxgk.metrics import groups
from xxgk.metrics.measures import RECEIVED, count, flag, known, ratio, sign

COLUMNS = (sign(RECEIVED), "all_zero")


def zero_activity_share(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """agencies (current reports: one per agency and year), agencies_with_received, zero_agencies,
    zero_share = zero_agencies / agencies_with_received, zero_all_tables_agencies, synthetic_reports."""
    if by == "agency":
        raise QueryError("unknown $group_by: agency (province, city, district, township, bureau, all)",
                         "bad_parameter")
    return (facts.lazy()
            .with_columns(groups.key(by), flag(known(RECEIVED), "with_received"), flag(pl.col(sign(RECEIVED)) == 0, "zero"),
                          flag(pl.col("all_zero"), "all_zero"), flag(pl.col("synthetic"), "synthetic"))
            .group_by("year", "group_key")
            .agg(count().alias("agencies"), count("with_received").alias("agencies_with_received"),
                 count("zero").alias("zero_agencies"), count("all_zero").alias("zero_all_tables_agencies"),
                 count("synthetic").alias("synthetic_reports"))
            .with_columns(ratio(pl.col("zero_agencies"), pl.col("agencies_with_received")).alias("zero_share"))
            .select("year", "group_key", "agencies", "agencies_with_received", "zero_agencies", "zero_share",
                    "zero_all_tables_agencies", "synthetic_reports")
            .sort("year", "group_key")
            .collect())
