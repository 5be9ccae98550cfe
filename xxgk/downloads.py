"""CSV bytes for the dashboard's downloads: UTF-8 with BOM so Excel in Chinese opens them as they are.

A download holds exactly the frame a chart or table shows, with Chinese headers that keep the
canonical key in brackets (`予以公开（granted）`), blanks left blank (never 0), and the synthetic
label on every row that comes from the generated demo reports.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from xxgk.report import SYNTHETIC_MARK

BOM = "\ufeff"
NATURE_COLUMN = "数据性质"
REAL = "真实报告"
MIXED = f"含{SYNTHETIC_MARK}"


def _header(col: str, labels: Mapping[str, str]) -> str:
    label = labels.get(col)
    return f"{label}（{col}）" if label and label != col else col


def labelled(df: pl.DataFrame, *, synthetic: bool, labels: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The frame as it is written out: a 数据性质 column, Chinese headers.

    A frame with a per-row `synthetic` column gets 示例数据，虚构 / 真实报告 per row; any other frame
    (an aggregate) gets 含示例数据，虚构 on every row when synthetic reports are in view.
    """
    labels = labels or {}
    if "synthetic" in df.columns:
        nature = (pl.when(pl.col("synthetic")).then(pl.lit(SYNTHETIC_MARK))
                  .otherwise(pl.lit(REAL)).alias(NATURE_COLUMN))
        out = df.with_columns(nature).drop("synthetic")
    else:
        out = df.with_columns(pl.lit(MIXED if synthetic else REAL).alias(NATURE_COLUMN))
    out = out.select(NATURE_COLUMN, *[c for c in out.columns if c != NATURE_COLUMN])
    # Lists (e.g. a report's warnings) have no CSV form: join them with a Chinese semicolon.
    lists = [c for c, t in out.schema.items() if isinstance(t, pl.List)]
    if lists:
        out = out.with_columns(pl.col(c).list.eval(pl.element().cast(pl.String)).list.join("；")
                               for c in lists)
    return out.rename({c: _header(c, labels) for c in out.columns if c != NATURE_COLUMN})


# Text Excel would run as a formula (=, +, @, a tab or CR first; - followed by a letter or a bracket):
# a cell's raw text comes from a document anyone can publish.
_FORMULA = r"^(?:[=+@\t\r]|-[^\d.\s])"


def no_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """Text cells that would start a formula get a leading apostrophe, which Excel shows as plain text."""
    text = [c for c, t in df.schema.items() if t == pl.String]
    return df.with_columns(pl.when(pl.col(c).str.contains(_FORMULA)).then(pl.lit("'") + pl.col(c))
                           .otherwise(pl.col(c)).alias(c) for c in text) if text else df


def csv_bytes(df: pl.DataFrame, *, synthetic: bool, labels: Mapping[str, str] | None = None) -> bytes:
    """UTF-8-with-BOM CSV of exactly `df`, labelled (see `labelled`); blanks stay empty fields; no text
    cell can start an Excel formula."""
    text = no_formulas(labelled(df, synthetic=synthetic, labels=labels)).write_csv(null_value="")
    return (BOM + text).encode("utf-8")


def file_name(stem: str, synthetic: bool) -> str:
    """A download's file name: the page's stem, marked when it carries demo data."""
    return f"{stem}{'_示例数据' if synthetic else ''}.csv"
