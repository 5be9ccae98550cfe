"""Applications (table 三) per year and group: received and outcomes, outcome shares, applicant types.

Each builder takes the filtered facts (view_facts) and a grouping and returns the frame the page draws.
"""

from __future__ import annotations

import polars as pl

from xxgk.keys import APPLICANT_COLUMNS, TABLE3_COLUMNS
from xxgk.metrics import groups
from xxgk.metrics.measures import (
    CARRIED_FORWARD,
    CARRIED_OVER,
    OUTCOME_COLUMNS,
    OUTCOMES,
    PROCESSED,
    RECEIVED,
    count,
    outcomes,
    ratio,
    sum_,
)

COLUMNS = (RECEIVED, CARRIED_OVER, PROCESSED, CARRIED_FORWARD, *OUTCOME_COLUMNS)
APPLICANT_FACTS = tuple(f"t3_{row}__{col}" for row in ("new_received", "carried_over") for col in APPLICANT_COLUMNS)


def _grouped(facts: pl.DataFrame, by: str, *, where: pl.Expr, measures: bool = True) -> pl.LazyFrame:
    """The reports counted, each with its group key (and its six outcomes when `measures`)."""
    return (facts.lazy().filter(where)
            .with_columns(groups.key(by), groups.agency_id(by), *(outcomes() if measures else ())))


def applications_by_group(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """Received, processed and the six outcomes per year and group (blank-aware sums; outcomes only over reports
    with a printed （七）总计, so every rate has a matching denominator); open_rate = (予以公开 + 部分公开) / processed."""
    has_total = pl.col(PROCESSED).is_not_null()
    outcome = {k: sum_(pl.col(k).filter(has_total)).alias(k) for k in OUTCOMES}
    return (_grouped(facts, by, where=pl.col("counts_t3"))
            .group_by("year", "group_key", "agency_id")
            .agg(count().alias("reports"), count(pl.col("synthetic")).alias("synthetic_reports"),
                 sum_(RECEIVED).alias("received"), count(pl.col(RECEIVED).is_null()).alias("reports_blank_received"),
                 sum_(CARRIED_OVER).alias("carried_over"), sum_(PROCESSED).alias("processed"),
                 sum_(CARRIED_FORWARD).alias("carried_forward"), *outcome.values())
            .with_columns(ratio(pl.col("granted").fill_null(0) + pl.col("partially_granted").fill_null(0),
                                pl.col("processed")).alias("open_rate"))
            .select("year", "group_key", "agency_id", "reports", "synthetic_reports", "received",
                    "reports_blank_received", "carried_over", "processed", "carried_forward", *OUTCOMES, "open_rate")
            .sort("year", "received", "group_key", descending=[False, True, False], nulls_last=True)
            .collect())


def outcome_shares(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """One row per year, group and outcome: count, processed (Σ （七）总计), share = count / processed, over the
    reports with a printed （七）总计 (a blank outcome cell adds nothing)."""
    wide = (_grouped(facts, by, where=pl.col(PROCESSED).is_not_null())
            .group_by("year", "group_key")
            .agg(count().alias("reports"), count(pl.col("synthetic")).alias("synthetic_reports"),
                 sum_(PROCESSED).alias("processed"), *(pl.col(k).sum() for k in OUTCOMES)))
    labels = pl.LazyFrame({"outcome": list(OUTCOMES), "outcome_label": list(OUTCOMES.values()),
                           "order": list(range(len(OUTCOMES)))})
    return (wide.unpivot(on=list(OUTCOMES), index=["year", "group_key", "reports", "synthetic_reports", "processed"],
                         variable_name="outcome", value_name="count")
            .join(labels, on="outcome")
            .with_columns(ratio(pl.col("count"), pl.col("processed")).alias("share"))
            .sort("year", "group_key", "order")
            .select("year", "group_key", "outcome", "outcome_label", "count", "processed", "share", "reports",
                    "synthetic_reports")
            .collect())


def applicant_types(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """New and carried-over applications by applicant type per year and group; share of the six types' total;
    reports_printed counts the reports printing that type's 本年新收 cell."""
    agg = (_grouped(facts, by, where=pl.col("counts_t3"), measures=False)
           .group_by("year", "group_key")
           .agg(count().alias("reports"), count(pl.col("synthetic")).alias("synthetic_reports"),
                *(sum_(c).alias(c) for c in APPLICANT_FACTS),
                *(pl.col(f"t3_new_received__{a}").count().cast(pl.Int64).alias(f"printed__{a}")
                  for a in APPLICANT_COLUMNS)))
    parts = [agg.select("year", "group_key", pl.lit(a).alias("applicant"),
                        pl.lit(TABLE3_COLUMNS[a]).alias("applicant_label"), pl.lit(i).alias("order"),
                        pl.col(f"t3_new_received__{a}").alias("new_received"),
                        pl.col(f"t3_carried_over__{a}").alias("carried_over"),
                        pl.col(f"printed__{a}").alias("reports_printed"), "reports", "synthetic_reports")
             for i, a in enumerate(APPLICANT_COLUMNS)]
    return (pl.concat(parts)
            .with_columns(ratio(pl.col("new_received"),
                                pl.col("new_received").sum().over("year", "group_key")).alias("share"))
            .sort("year", "group_key", "order")
            .select("year", "group_key", "applicant", "applicant_label", "new_received", "carried_over", "share",
                    "reports_printed", "reports", "synthetic_reports")
            .collect())
