"""The group key of every dashboard aggregate: which agency, region or bureau type a report is counted under.

One Polars expression per grouping (`key`), and the facts columns it reads (`columns`). A district's name is
qualified by its city where the same name stands under more than one city in the data (南京市·鼓楼区 and
福州市·鼓楼区 are two groups), and a township's by its district likewise.
"""

from __future__ import annotations

import polars as pl

from xxgk.errors import QueryError

UNPLACED, UNCLASSIFIED, UNKNOWN_AGENCY, ALL = "（未定位）", "（未分类）", "（未识别机关）", "全部"
SEPARATOR = "·"

# grouping -> the facts columns its key reads
COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency_id", "agency_name"),
    "province": ("province",),
    "city": ("city", "province"),
    "district": ("city", "district"),
    "township": ("city", "district", "township"),
    "bureau": ("bureau",),
    "all": (),
}
GROUPINGS = tuple(COLUMNS)


def columns(by: str) -> tuple[str, ...]:
    """The facts columns the key of grouping `by` reads; an unknown grouping is refused."""
    if by not in COLUMNS:
        raise QueryError(f"unknown $group_by: {by} ({', '.join(GROUPINGS)})", "bad_parameter")
    return COLUMNS[by]


def _qualified(name: str, parent: pl.Expr) -> pl.Expr:
    """`name`, prefixed with `parent` and · where the same name stands under more than one parent."""
    shared = parent.drop_nulls().n_unique().over(name) > 1
    return (pl.when(shared & parent.is_not_null()).then(pl.concat_str(parent, pl.lit(SEPARATOR), pl.col(name)))
            .otherwise(pl.col(name)))


def key(by: str) -> pl.Expr:
    """The group key of grouping `by` as a String expression named group_key (blank places and bureaus named)."""
    columns(by)
    district = _qualified("district", pl.col("city"))
    expr = {
        "agency": pl.col("agency_name").fill_null(UNKNOWN_AGENCY),
        "province": pl.col("province").fill_null(UNPLACED),
        "city": pl.coalesce("city", "province", pl.lit(UNPLACED)),
        "district": district.fill_null(UNPLACED),
        "township": _qualified("township", district).fill_null(UNPLACED),
        "bureau": pl.col("bureau").fill_null(UNCLASSIFIED),
        "all": pl.lit(ALL),
    }[by]
    return expr.cast(pl.String).alias("group_key")


def agency_id(by: str) -> pl.Expr:
    """The agency's id when grouping by agency (two agencies of one name stay apart), else NULL."""
    return pl.col("agency_id") if by == "agency" else pl.lit(None, pl.Int64).alias("agency_id")
