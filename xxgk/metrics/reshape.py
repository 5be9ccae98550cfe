"""Metrics on query results, in Polars: DataFrame → DataFrame, no Streamlit, no SQL.

The named queries (queries/*.sql) compute every number from the database; these functions reshape and
compare their results where a frame is the easier tool: year-over-year change of any per-year measure,
an agency against its peers, outcome shares as one row per group, the template era of a year.
Blank stays blank: a NULL input gives a NULL output, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from xxgk.dictionary import TEMPLATE_NAMES
from xxgk.metrics.measures import OUTCOMES

FIRST_2021_YEAR = 2021  # first report year of the revised national template

OUTCOME_LABELS = OUTCOMES  # outcome -> label, from xxgk.metrics.measures


def template_era(year: pl.Expr) -> pl.Expr:
    """'2019版' for 2019–2020 report years, '2021版' from 2021, '旧式' before 2019."""
    return (pl.when(year >= FIRST_2021_YEAR).then(pl.lit(TEMPLATE_NAMES["2021"]))
            .when(year >= 2019).then(pl.lit(TEMPLATE_NAMES["2019"]))
            .otherwise(pl.lit(TEMPLATE_NAMES["legacy"])))


def yoy(frame: pl.DataFrame, value: str, keys: Sequence[str] = ("group_key",), year: str = "year") -> pl.DataFrame:
    """Add `<value>_prev`, `_change`, `_change_pct` (of the same keys, exactly one year earlier) and
    `crosses_template_change` (this year is 2021: compared with a 2019-template year).

    A missing previous year or a NULL value gives NULL; a previous value of 0 gives a NULL percentage.
    Use only on measures comparable across 2020→2021 (see xxgk.dictionary) or read the flag.
    """
    keys = list(keys)
    prev = frame.select([*keys, (pl.col(year) + 1).alias(year), pl.col(value).alias(f"{value}_prev")])
    out = frame.join(prev, on=[*keys, year], how="left", nulls_equal=True)
    change = pl.col(value) - pl.col(f"{value}_prev")
    return out.with_columns(
        change.alias(f"{value}_change"),
        pl.when(pl.col(f"{value}_prev") != 0).then(change / pl.col(f"{value}_prev")).alias(f"{value}_change_pct"),
        (pl.col(year) == FIRST_2021_YEAR).alias("crosses_template_change"),
    )


def outcome_table(shares: pl.DataFrame) -> pl.DataFrame:
    """outcome_shares (one row per outcome) → one row per year and group: processed, the six shares, 公开率.

    公开率 (open_rate) = share of 予以公开 + share of 部分公开, as in the dictionary.
    """
    if shares.is_empty():
        return pl.DataFrame(schema={"year": pl.Int32, "group_key": pl.String, "processed": pl.Float64,
                                    **{k: pl.Float64 for k in OUTCOME_LABELS}, "open_rate": pl.Float64,
                                    "synthetic_reports": pl.Int64})
    wide = shares.pivot(on="outcome", index=["year", "group_key", "processed", "synthetic_reports"], values="share")
    for k in OUTCOME_LABELS:
        if k not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(k))
    return (wide.with_columns((pl.col("granted") + pl.col("partially_granted")).alias("open_rate"))
            .select("year", "group_key", "processed", *OUTCOME_LABELS, "open_rate", "synthetic_reports")
            .sort("year", "group_key"))


def peer_gap(peers: pl.DataFrame) -> pl.DataFrame:
    """zero_peers → adds `gap_to_peer_median` (received − peers' median) and `ratio_to_peer_median`
    (NULL when the median is 0 or unknown), and `zero_while_peers_active` (the agency received none while
    most peers received some: peers_zero_share < 0.5)."""
    return peers.with_columns(
        (pl.col("received") - pl.col("peers_median_received")).alias("gap_to_peer_median"),
        pl.when(pl.col("peers_median_received") > 0)
        .then(pl.col("received") / pl.col("peers_median_received")).alias("ratio_to_peer_median"),
        (pl.col("zero_applications") & (pl.col("peers_zero_share") < 0.5)).alias("zero_while_peers_active"),
    )


def comparable_series(volumes: pl.DataFrame) -> pl.DataFrame:
    """disclosure_volumes → only the measures that keep their meaning across 2020→2021 (许可/处罚/强制 decisions),
    each with its template era, for charts that span the boundary."""
    return (volumes.filter(pl.col("comparable"))
            .with_columns(template_era(pl.col("year")).alias("template_era")))


def share_flagged(frame: pl.DataFrame, flag: str, by: Sequence[str]) -> pl.DataFrame:
    """Per group: rows, rows where `flag` is known, rows where it is true, and the share true of known.
    NULL flags (unknown, e.g. a blank cell) are left out of the denominator."""
    return (frame.group_by(list(by), maintain_order=True)
            .agg(pl.len().alias("rows"),
                 pl.col(flag).is_not_null().sum().alias("known"),
                 pl.col(flag).fill_null(False).sum().alias("flagged"))
            .with_columns(pl.when(pl.col("known") > 0).then(pl.col("flagged") / pl.col("known")).alias("share"))
            .sort(list(by)))
