"""The measures of the filtered facts and the sums of blank-aware aggregation, shared by the aggregates.

The facts (view_facts) come summed over reports alike: each row holds `reports` reports of one year and one
combination of keys, the sum of each number over them (NULL when none prints it) and, where asked for, `<c>__n`,
how many print it. A key `<c>__sign` (the sign of c: -1, 0, 1, NULL where blank) makes every report of a row share whether c is
printed, 0 or positive, so a condition on it (`known`, `flag`) holds for the whole row, and a per-report measure
built from the row's sums (`total`, `masked`, coalesce) is the sum of that measure over the row's reports: the
aggregates are the same as over the reports one by one. Blank is not zero: `total` of cells that are all blank
is NULL (as SQL's list_sum), `sum` of a group where no report printed a number is NULL (as SQL's sum), and counts
never read a blank as 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from xxgk.keys import OTHER_DETAIL_ROWS, TABLE3_ROWS

DENIED = tuple(f"t3_{r}__total" for r in TABLE3_ROWS if r.startswith("denied_"))
UNAVAILABLE = tuple(f"t3_{r}__total" for r in TABLE3_ROWS if r.startswith("unavailable_"))
NOT_PROCESSED = tuple(f"t3_{r}__total" for r in TABLE3_ROWS if r.startswith("not_processed_"))
OTHER_DETAIL = tuple(f"t3_{r}__total" for r in OTHER_DETAIL_ROWS)
RECEIVED, CARRIED_OVER = "t3_new_received__total", "t3_carried_over__total"
PROCESSED, CARRIED_FORWARD = "t3_total_processed__total", "t3_carried_forward__total"
GRANTED, PARTIALLY_GRANTED = "t3_granted__total", "t3_partially_granted__total"
OUTCOME_COLUMNS = (GRANTED, PARTIALLY_GRANTED, *DENIED, *UNAVAILABLE, *NOT_PROCESSED, "t3_other__total",
                   *OTHER_DETAIL)
SUITS = ("t4_suit_direct__total", "t4_suit_after_review__total")
REPORTS = "reports"  # the reports a facts row sums

SIGN, PRINTS = "__sign", "__n"
_SUMMED = re.compile(r"t[234]_\w+|proactive_items|checks_failed")


def sign(col: str) -> str:
    """The facts key holding the sign of `col` (asked for by this name in an aggregate's facts columns)."""
    return col + SIGN


def split(cols: Iterable[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """An aggregate's facts columns as view_facts takes them: keys, sums, the columns whose sign is a key
    (`<c>__sign`) and those whose printing reports are counted (`<c>__n`)."""
    cols = list(dict.fromkeys(cols))
    signs = [c.removesuffix(SIGN) for c in cols if c.endswith(SIGN)]
    counts = [c.removesuffix(PRINTS) for c in cols if c.endswith(PRINTS)]
    sums = [c for c in cols if _SUMMED.fullmatch(c) and not c.endswith((SIGN, PRINTS))]
    keys = [c for c in cols if not c.endswith((SIGN, PRINTS)) and c not in sums and c != "year"]  # year: always
    return keys, sums, signs, counts


_NAME = re.compile(r"[a-z0-9_]+")
# One column of each table: the pattern in_view_of takes for a table must match one of its columns.
ONE_COLUMN_OF = {"t2": "t2_regulations__new_made", "t3": "t3_new_received__total", "t4": "t4_review__total"}


def _pattern(names: Iterable[str]) -> str:
    return "^(" + "|".join(n for n in dict.fromkeys(names) if _NAME.fullmatch(n)) + ")$"


def patterns(keys: list[str], sums: list[str], signs: list[str], counts: list[str]) -> dict[str, str | bool]:
    """view_facts' $columns from the lists `split` gives: the columns it reads (`read`; the numbers of each table
    apart: `t2`, `t3`, `t4`), groups by (`keys`), sums, takes the sign of and counts, each as a regular expression
    over column names, and whether first_of_agency is asked for. DuckDB plans COLUMNS('pattern') in a fraction of
    the time a lambda or a list function over the ~270 column names takes. A name that is not a column name
    ([a-z0-9_]) is dropped; year and report_id are always read, never asked for."""
    numbers = [*sums, *signs, *counts]
    return {
        "read": _pattern(c for c in ["agency_id", "synthetic", "checks_failed", *keys, *numbers]
                         if c not in ("year", "report_id")),
        **{t: _pattern([*(c for c in numbers if c.startswith(t + "_")), one]) for t, one in ONE_COLUMN_OF.items()},
        "keys": _pattern(["synthetic", *keys]), "sums": _pattern(["checks_failed", *sums]),
        "signs": _pattern(["year", *signs]), "counts": _pattern(["year", *counts]),
        "first_of_agency": "first_of_agency" in keys,
    }


def prints(col: str) -> str:
    """The facts column counting the reports that print `col` (asked for by this name)."""
    return col + PRINTS


def known(col: str) -> pl.Expr:
    """Every report of the row prints `col` (needs its sign key)."""
    return pl.col(sign(col)).is_not_null()


def printed(col: str) -> pl.Expr:
    """How many reports of the row print `col`."""
    return pl.col(col + PRINTS)


# outcome -> label (the printed row of table 三), in the printed order
OUTCOMES = {"granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开",
            "unavailable": "无法提供", "not_processed": "不予处理", "other_handled": "其他处理"}


def total(cols: Iterable[str | pl.Expr]) -> pl.Expr:
    """Σ of the printed cells among `cols` (over the row's reports); NULL when none is printed."""
    exprs = [pl.col(c) if isinstance(c, str) else c for c in cols]
    return pl.when(pl.any_horizontal(e.is_not_null() for e in exprs)).then(pl.sum_horizontal(exprs))


def outcomes() -> list[pl.Expr]:
    """The six outcomes: 予以公开, 部分公开, and the sums of 不予公开 1–8, 无法提供 1–3, 不予处理 1–5 and （六）其他处理
    (the single row, else the sum of its 2021 detail rows: needs the sign key of t3_other__total, OUTCOME_KEYS)."""
    return [pl.col(GRANTED).alias("granted"), pl.col(PARTIALLY_GRANTED).alias("partially_granted"),
            total(DENIED).alias("denied"), total(UNAVAILABLE).alias("unavailable"),
            total(NOT_PROCESSED).alias("not_processed"),
            pl.coalesce(pl.col("t3_other__total"), total(OTHER_DETAIL)).alias("other_handled")]


OUTCOME_KEYS = (sign(PROCESSED), sign("t3_other__total"))  # outcomes() over reports printing （七）总计

# Group-by aggregations stay on Polars' fast path: per-row expressions are computed before the group-by
# (`flag`, `masked`), the group-by itself only sums and counts plain columns (`sums`, `count`), and a sum over
# reports that printed nothing becomes NULL after it (`unprinted_blank`).
PRINTED = "__printed"


def flag(cond: pl.Expr, name: str) -> pl.Expr:
    """The reports of the row where `cond` (on the row's keys) holds, else 0 (a NULL condition is 0), to be
    counted with `count(name)`."""
    return pl.when(cond.fill_null(False)).then(pl.col(REPORTS)).otherwise(0).cast(pl.Int64).alias(name)


def masked(col: str, keep: pl.Expr) -> pl.Expr:
    """`col` where `keep` is true, else blank: sums over a subset of reports without a filter in the group-by."""
    return pl.when(keep).then(pl.col(col)).alias(col)


def sums(names: Iterable[str]) -> list[pl.Expr]:
    """In a group-by: Σ of each column and how many rows printed it (for unprinted_blank: whether any did)."""
    return [e for n in names for e in (pl.col(n).sum().alias(n), pl.col(n).count().alias(n + PRINTED))]


def unprinted_blank(names: Iterable[str]) -> list[pl.Expr]:
    """After a group-by of `sums`: a sum over reports none of which printed a number is NULL, never 0."""
    return [pl.when(pl.col(n + PRINTED) > 0).then(pl.col(n)).alias(n) for n in names]


def count(flag_name: str | None = None) -> pl.Expr:
    """In a group-by: the reports of the group, or those counted in its `flag` column, as a 64-bit count."""
    return pl.col(REPORTS if flag_name is None else flag_name).sum().cast(pl.Int64)


def ratio(num: pl.Expr, den: pl.Expr) -> pl.Expr:
    """num / den; NULL when den is 0 or NULL (a rate over nothing is unknown, not 0 %)."""
    return pl.when(den != 0).then(num / den)
