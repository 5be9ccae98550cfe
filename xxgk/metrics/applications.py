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
    GRANTED,
    OUTCOME_COLUMNS,
    OUTCOME_KEYS,
    OUTCOMES,
    PARTIALLY_GRANTED,
    PROCESSED,
    RECEIVED,
    count,
    flag,
    known,
    masked,
    outcomes,
    printed,
    prints,
    ratio,
    sign,
    sums,
    total,
    unprinted_blank,
)
from xxgk.metrics.reshape import FIRST_2021_YEAR

COLUMNS = ("counts_t3", *OUTCOME_KEYS, prints(RECEIVED), RECEIVED, CARRIED_OVER, PROCESSED, CARRIED_FORWARD, *OUTCOME_COLUMNS)
APPLICANT_FACTS = tuple(f"t3_{row}__{col}" for row in ("new_received", "carried_over") for col in APPLICANT_COLUMNS)
APPLICANT_PRINTS = tuple(prints(f"t3_new_received__{col}") for col in APPLICANT_COLUMNS)  # reports_printed
BACKLOG_COLUMNS = ("counts_t3", *(sign(c) for c in (RECEIVED, CARRIED_OVER, CARRIED_FORWARD)), RECEIVED, CARRIED_OVER,
                   CARRIED_FORWARD)
YOY_COLUMNS = (sign(PROCESSED), RECEIVED, PROCESSED, GRANTED, PARTIALLY_GRANTED, "t4_review__total")
_TOTALS = {"received": RECEIVED, "carried_over": CARRIED_OVER, "processed": PROCESSED,
           "carried_forward": CARRIED_FORWARD}


def _reports(facts: pl.DataFrame, by: str, where: pl.Expr, *measures: pl.Expr) -> pl.LazyFrame:
    """The reports counted, each with its group key, agency id (when by agency), synthetic flag and `measures`."""
    return (facts.lazy().filter(where)
            .with_columns(groups.key(by), groups.agency_id(by), flag(pl.col("synthetic"), "synthetic"), *measures))


def applications_by_group(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """Received, processed and the six outcomes per year and group (blank-aware sums; outcomes only over reports
    with a printed （七）总计, so every rate has a matching denominator); open_rate = (予以公开 + 部分公开) / processed."""
    has_total = known(PROCESSED)
    per_report = [*(pl.col(c).alias(k) for k, c in _TOTALS.items()),
                  (pl.col("reports") - printed(RECEIVED)).alias("blank_received")]
    names = [*_TOTALS, *OUTCOMES]
    return (_reports(facts, by, pl.col("counts_t3"), *per_report, *outcomes())
            .with_columns(masked(k, has_total) for k in OUTCOMES)
            .group_by("year", "group_key", "agency_id")
            .agg(count().alias("reports"), count("synthetic").alias("synthetic_reports"),
                 count("blank_received").alias("reports_blank_received"), *sums(names))
            .with_columns(unprinted_blank(names))
            .with_columns(ratio(pl.col("granted").fill_null(0) + pl.col("partially_granted").fill_null(0),
                                pl.col("processed")).alias("open_rate"))
            .select("year", "group_key", "agency_id", "reports", "synthetic_reports", "received",
                    "reports_blank_received", "carried_over", "processed", "carried_forward", *OUTCOMES, "open_rate")
            .sort("year", "received", "group_key", descending=[False, True, False], nulls_last=True)
            .collect())


def outcome_shares(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """One row per year, group and outcome: count, processed (Σ （七）总计), share = count / processed, over the
    reports with a printed （七）总计 (a blank outcome cell adds nothing)."""
    wide = (_reports(facts, by, known(PROCESSED), pl.col(PROCESSED).alias("processed"), *outcomes())
            .group_by("year", "group_key")
            .agg(count().alias("reports"), count("synthetic").alias("synthetic_reports"),
                 pl.col("processed").sum(), *(pl.col(k).sum() for k in OUTCOMES)))
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
    agg = (_reports(facts, by, pl.col("counts_t3"))
           .group_by("year", "group_key")
           .agg(count().alias("reports"), count("synthetic").alias("synthetic_reports"), *sums(APPLICANT_FACTS),
                *(pl.col(c).sum() for c in APPLICANT_PRINTS))
           .with_columns(unprinted_blank(APPLICANT_FACTS)))
    parts = [agg.select("year", "group_key", pl.lit(a).alias("applicant"),
                        pl.lit(TABLE3_COLUMNS[a]).alias("applicant_label"), pl.lit(i).alias("order"),
                        pl.col(f"t3_new_received__{a}").alias("new_received"),
                        pl.col(f"t3_carried_over__{a}").alias("carried_over"),
                        pl.col(f"t3_new_received__{a}__n").cast(pl.Int64).alias("reports_printed"),
                        "reports", "synthetic_reports")
             for i, a in enumerate(APPLICANT_COLUMNS)]
    return (pl.concat(parts)
            .with_columns(ratio(pl.col("new_received"),
                                pl.col("new_received").sum().over("year", "group_key")).alias("share"))
            .sort("year", "group_key", "order")
            .select("year", "group_key", "applicant", "applicant_label", "new_received", "carried_over", "share",
                    "reports_printed", "reports", "synthetic_reports")
            .collect())


def carried_forward(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """Applications left open per year and group: Σ carried over, Σ carried forward, Σ received, backlog_rate =
    Σ carried forward / Σ (received + carried over) over reports printing all three, reports with a backlog."""
    cf, rec, co = pl.col(CARRIED_FORWARD), pl.col(RECEIVED), pl.col(CARRIED_OVER)
    names = ["carried_over", "carried_forward", "received", "backlog", "backlog_base"]
    return (_reports(facts, by, pl.col("counts_t3"), co.alias("carried_over"), cf.alias("carried_forward"),
                     rec.alias("received"),
                     pl.when(known(RECEIVED) & known(CARRIED_OVER)).then(cf).alias("backlog"),
                     pl.when(known(CARRIED_FORWARD)).then(rec + co).alias("backlog_base"),
                     flag(pl.col(sign(CARRIED_FORWARD)) > 0, "with_backlog"), flag(~known(CARRIED_FORWARD), "blank_cf"))
            .group_by("year", "group_key")
            .agg(*sums(names), count("with_backlog").alias("reports_with_backlog"),
                 count("blank_cf").alias("reports_blank_carried_forward"), count().alias("reports"),
                 count("synthetic").alias("synthetic_reports"))
            .with_columns(unprinted_blank(names))
            .with_columns(ratio(pl.col("backlog"), pl.col("backlog_base")).alias("backlog_rate"))
            .select("year", "group_key", "carried_over", "carried_forward", "received", "backlog_rate",
                    "reports_with_backlog", "reports_blank_carried_forward", "reports", "synthetic_reports")
            .sort("year", "group_key")
            .collect())


def yoy_change(facts: pl.DataFrame, by: str, year_from: int) -> pl.DataFrame:
    """Received, open rate and reviews per year and group beside the year before (the facts reach back one year
    before `year_from`, with the same other filters): change, change in percent (NULL from 0 or a missing year),
    crosses_template_change for 2021, synthetic_reports of both years."""
    names = ["received", "disclosed", "processed", "reviews"]
    g = (_reports(facts, by, pl.lit(True), pl.col(RECEIVED).alias("received"), pl.col(PROCESSED).alias("processed"),
                  pl.when(known(PROCESSED)).then(total([GRANTED, PARTIALLY_GRANTED])).alias("disclosed"),
                  pl.col("t4_review__total").alias("reviews"))
         .group_by("year", "group_key")
         .agg(count().alias("reports"), count("synthetic").alias("synthetic_reports"), *sums(names))
         .with_columns(unprinted_blank(names))
         .with_columns(ratio(pl.col("disclosed"), pl.col("processed")).alias("open_rate"))
         .select("year", "group_key", "reports", "synthetic_reports", "received", "open_rate", "reviews"))
    prev = g.select((pl.col("year") + 1).alias("year"), "group_key",
                    *(pl.col(c).alias(f"{c}_prev") for c in ("reports", "synthetic_reports", "received", "open_rate",
                                                              "reviews")))
    change = pl.col("received") - pl.col("received_prev")
    return (g.filter(pl.col("year") >= year_from).join(prev, on=["year", "group_key"], how="left")
            .with_columns(change.alias("received_change"),
                          ratio(change, pl.col("received_prev")).alias("received_change_pct"),
                          (pl.col("open_rate") - pl.col("open_rate_prev")).alias("open_rate_change"),
                          (pl.col("year") == FIRST_2021_YEAR).alias("crosses_template_change"),
                          (pl.col("synthetic_reports") + pl.col("synthetic_reports_prev").fill_null(0))
                          .alias("synthetic_reports"))
            .select("year", "group_key", "reports", "reports_prev", "received", "received_prev", "received_change",
                    "received_change_pct", "open_rate", "open_rate_prev", "open_rate_change", "reviews",
                    "reviews_prev", "crosses_template_change", "synthetic_reports")
            .sort("year", "group_key")
            .collect())
