"""Administrative reconsideration and lawsuits over disclosure (table 四) per year and group."""

from __future__ import annotations

import polars as pl

from xxgk.keys import TABLE4_COLUMNS
from xxgk.metrics import groups
from xxgk.metrics.measures import RECEIVED, count, ratio, sum_, total

OUTCOMES = tuple(TABLE4_COLUMNS)  # upheld, corrected, other, pending, total
COLUMNS = (RECEIVED, *(f"t4_{b}__{c}" for b in ("review", "suit_direct", "suit_after_review") for c in OUTCOMES))
TOTALS = ("t4_review__total", "t4_suit_direct__total", "t4_suit_after_review__total")


def _correction_rate(kind: str) -> pl.Expr:
    """corrected / (upheld + corrected + other): concluded cases only, pending left out."""
    concluded = sum(pl.col(f"{kind}_{c}").fill_null(0) for c in ("upheld", "corrected", "other"))
    return ratio(pl.col(f"{kind}_corrected"), concluded).alias(f"{kind}_correction_rate")


def review_litigation(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """Reviews and suits (both kinds of suit added) by outcome; correction rates; suits per 100 applications
    over the reports printing both; reports_blank_table4 (all three 总计 blank)."""
    suits = [total([f"t4_suit_direct__{c}", f"t4_suit_after_review__{c}"]).alias(f"suit_{c}") for c in OUTCOMES]
    blank4 = pl.all_horizontal(pl.col(c).is_null() for c in TOTALS)
    return (facts.lazy().filter(pl.col("counts_t4"))
            .with_columns(groups.key(by), *suits)
            .group_by("year", "group_key")
            .agg(*(sum_(f"t4_review__{c}").alias(f"review_{c}") for c in OUTCOMES),
                 *(sum_(f"suit_{c}").alias(f"suit_{c}") for c in OUTCOMES),
                 sum_(RECEIVED).alias("received"),
                 sum_(pl.col("suit_total").filter(pl.col(RECEIVED).is_not_null())).alias("suits_with_received"),
                 sum_(pl.col(RECEIVED).filter(pl.col("suit_total").is_not_null())).alias("received_with_suits"),
                 count().alias("reports"), count(blank4).alias("reports_blank_table4"),
                 count(pl.col("synthetic")).alias("synthetic_reports"))
            .with_columns(_correction_rate("review"), _correction_rate("suit"),
                          ratio(100 * pl.col("suits_with_received"), pl.col("received_with_suits"))
                          .alias("suits_per_100_applications"))
            .select("year", "group_key", *(f"review_{c}" for c in OUTCOMES), "review_correction_rate",
                    *(f"suit_{c}" for c in OUTCOMES), "suit_correction_rate", "received",
                    "suits_per_100_applications", "reports", "reports_blank_table4", "synthetic_reports")
            .sort("year", "group_key")
            .collect())
