"""Administrative reconsideration and lawsuits over disclosure (table 四) per year and group."""

from __future__ import annotations

import polars as pl

from xxgk.errors import QueryError
from xxgk.keys import TABLE4_COLUMNS
from xxgk.metrics import groups
from xxgk.metrics.measures import (
    RECEIVED,
    count,
    flag,
    known,
    masked,
    ratio,
    sign,
    sums,
    total,
    unprinted_blank,
)

OUTCOMES = tuple(TABLE4_COLUMNS)  # upheld, corrected, other, pending, total
TOTALS = ("t4_review__total", "t4_suit_direct__total", "t4_suit_after_review__total")
COLUMNS = ("counts_t4", RECEIVED, *(sign(c) for c in (RECEIVED, *TOTALS)),
           *(f"t4_{b}__{c}" for b in ("review", "suit_direct", "suit_after_review") for c in OUTCOMES))
RATE_COLUMNS = (*(sign(c) for c in TOTALS),
                *(f"t4_{b}__{c}" for b in ("review", "suit_direct", "suit_after_review") for c in OUTCOMES))


def _correction_rate(kind: str) -> pl.Expr:
    """corrected / (upheld + corrected + other): concluded cases only, pending left out."""
    concluded = pl.sum_horizontal(pl.col(f"{kind}_{c}").fill_null(0) for c in ("upheld", "corrected", "other"))
    return ratio(pl.col(f"{kind}_corrected"), concluded).alias(f"{kind}_correction_rate")


def review_litigation(facts: pl.DataFrame, by: str) -> pl.DataFrame:
    """Reviews and suits (both kinds of suit added) by outcome; correction rates; suits per 100 applications
    over the reports printing both; reports_blank_table4 (all three 总计 blank)."""
    per_report = [*(pl.col(f"t4_review__{c}").alias(f"review_{c}") for c in OUTCOMES),
                  *(total([f"t4_suit_direct__{c}", f"t4_suit_after_review__{c}"]).alias(f"suit_{c}") for c in OUTCOMES),
                  pl.col(RECEIVED).alias("received"),
                  flag(pl.all_horizontal(~known(c) for c in TOTALS), "blank4"),
                  flag(pl.col("synthetic"), "synthetic")]
    both = known(RECEIVED) & pl.any_horizontal(known(c) for c in TOTALS[1:])
    names = [*(f"review_{c}" for c in OUTCOMES), *(f"suit_{c}" for c in OUTCOMES), "received",
             "suits_with_received", "received_with_suits"]
    return (facts.lazy().filter(pl.col("counts_t4"))
            .with_columns(groups.key(by), *per_report)
            .with_columns(masked("suit_total", both).alias("suits_with_received"),
                          masked("received", both).alias("received_with_suits"))
            .group_by("year", "group_key")
            .agg(*sums(names), count().alias("reports"), count("blank4").alias("reports_blank_table4"),
                 count("synthetic").alias("synthetic_reports"))
            .with_columns(unprinted_blank(names))
            .with_columns(_correction_rate("review"), _correction_rate("suit"),
                          ratio(100 * pl.col("suits_with_received"), pl.col("received_with_suits"))
                          .alias("suits_per_100_applications"))
            .select("year", "group_key", *(f"review_{c}" for c in OUTCOMES), "review_correction_rate",
                    *(f"suit_{c}" for c in OUTCOMES), "suit_correction_rate", "received",
                    "suits_per_100_applications", "reports", "reports_blank_table4", "synthetic_reports")
            .sort("year", "group_key")
            .collect())


KINDS = {"review": ("review",), "suit": ("suit_direct", "suit_after_review")}  # 行政复议 | 行政诉讼 (both kinds)
RATE_GROUPINGS = ("agency", "province", "city", "district", "bureau")


def correction_rates(facts: pl.DataFrame, by: str, kind: str) -> pl.DataFrame:
    """Per group over the whole range of years: reports, reports_printed (the kind's 总计), concluded (维持 +
    纠正 + 其他), corrected, correction_rate = corrected / concluded, pending, total; highest rate first."""
    if by not in RATE_GROUPINGS:
        raise QueryError(f"unknown $group_by: {by} ({', '.join(RATE_GROUPINGS)})", "bad_parameter")
    if kind not in KINDS:
        raise QueryError(f"unknown $kind: {kind} ({', '.join(KINDS)})", "bad_parameter")
    cell = {c: total([f"t4_{block}__{c}" for block in KINDS[kind]]).alias(c) for c in OUTCOMES}
    parts = ("upheld", "corrected", "other")
    concluded = pl.when(pl.any_horizontal(pl.col(c).is_not_null() for c in parts)).then(
        pl.sum_horizontal(parts)).alias("concluded")
    names = ["concluded", "corrected", "pending", "total"]
    printing = pl.any_horizontal(known(f"t4_{block}__total") for block in KINDS[kind])
    return (facts.lazy().with_columns(groups.key(by), groups.agency_id(by), flag(pl.col("synthetic"), "synthetic"),
                                      flag(printing, "printing"), *cell.values())
            .with_columns(concluded)
            .group_by("group_key")
            .agg(pl.col("agency_id").first(), count().alias("reports"), count("printing").alias("reports_printed"),
                 *sums(names),
                 count("synthetic").alias("synthetic_reports"))
            .with_columns(unprinted_blank(names))
            .with_columns(ratio(pl.col("corrected"), pl.col("concluded")).alias("correction_rate"))
            .select("group_key", "agency_id", "reports", "reports_printed", "concluded", "corrected",
                    "correction_rate", "pending", "total", "synthetic_reports")
            .sort("correction_rate", "concluded", "group_key", descending=[True, True, False], nulls_last=True)
            .collect())
