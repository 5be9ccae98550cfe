"""Proactive disclosure (table 二) per year and group, one row per measure: the measures come from xxgk.keys.

A measure is a table-二 cell (item and column) of one template or of both; the narrative's 主动公开政府信息 N 条
(proactive_items) is one more, taken from the text. Sums count the reports that print a number; a report of a
template that has the cell but shows none is counted in reports_blank, never as 0.
"""

from __future__ import annotations

import polars as pl

from xxgk.errors import QueryError
from xxgk.keys import TABLE2_COLUMNS, TABLE2_ITEMS
from xxgk.metrics import groups
from xxgk.metrics.measures import count, flag, prints

UNITS = {"amount_wan_yuan": "万元", "amount_yuan": "元", "previous_count": "项", "change": "项", "count": "项"}
COMPARABLE = frozenset({"t2_licensing__decisions", "t2_penalty__decisions", "t2_coercion__decisions"})
PROACTIVE = "proactive_items"
_UNIT_NOTE = "（单位：万元）"
PRINTED_ITEMS_2021 = {"normative_documents": "行政规范性文件"}  # the 2021 template's own name of the item


def _measures() -> pl.DataFrame:
    """Every table-二 measure of the two templates, in the printed order (2019's cells, then 2021's new ones)."""
    rows: dict[str, dict] = {}
    for template, items in TABLE2_COLUMNS.items():
        for item, cols in items.items():
            for col, label in cols.items():
                measure = f"t2_{item}__{col}"
                if measure in rows:
                    rows[measure]["template_scope"] = "both"
                    continue
                rows[measure] = {"measure": measure, "item_label": (PRINTED_ITEMS_2021 if template == "2021" else {}).get(item, TABLE2_ITEMS[item]),
                                 "column_label": label.replace(_UNIT_NOTE, ""), "unit": UNITS.get(col, "件"),
                                 "template_scope": template, "comparable": measure in COMPARABLE}
    rows[PROACTIVE] = {"measure": PROACTIVE, "item_label": "主动公开政府信息", "column_label": "正文所述条数",
                       "unit": "条", "template_scope": "both", "comparable": False}
    return pl.DataFrame(list(rows.values())).with_row_index("order")


MEASURES = _measures()
COLUMNS = tuple(MEASURES["measure"])


def columns(measure: str | None = None) -> tuple[str, ...]:
    """The facts columns of the measures, of one measure or of all: each number and its printing-report count."""
    if measure is not None and measure not in COLUMNS:
        raise QueryError(f"unknown $measure: {measure} ({', '.join(COLUMNS)})", "bad_parameter")
    names = COLUMNS if measure is None else (measure,)
    return (*names, *(prints(n) for n in names))


FACTS = ("counts_t2", "template")  # besides the measures


def _templates(measure: str, scope: str) -> list[str]:
    """The templates whose reports a measure counts: its own, both for a cell of both, every template (also one
    the parser did not know) for the narrative's proactive_items."""
    return ["2019", "2021", "other"] if measure == PROACTIVE else ["2019", "2021"] if scope == "both" else [scope]


def disclosure_volumes(facts: pl.DataFrame, by: str, measure: str | None = None) -> pl.DataFrame:
    """Per year, group and measure: value (Σ of printed numbers), reports_printed, reports_blank (reports of a
    template that has the cell, showing no number), synthetic_reports; from_text marks proactive_items.
    With `measure`, only that measure, largest value first (disclosure_by_group)."""
    wanted = MEASURES.filter(pl.col("measure").is_in(columns(measure)))
    # one group-by by template, then each measure over the templates that have it, one group-by for all measures
    per_template = (facts.lazy().filter(pl.col("counts_t2"))
                    .with_columns(groups.key(by), flag(pl.col("synthetic"), "synthetic"),
                                  pl.col("template").replace_strict({"2019": "2019", "2021": "2021"}, default="other"))
                    .group_by("year", "group_key", "template")
                    .agg(count().alias("reports"), count("synthetic").alias("synthetic_reports"),
                         *(pl.col(n).sum().cast(pl.Float64) for n in wanted["measure"]),
                         *(pl.col(prints(n)).sum().cast(pl.Int64) for n in wanted["measure"]))
                    .collect().lazy())
    long = pl.concat([per_template.filter(pl.col("template").is_in(_templates(m, scope)))
                      .select("year", "group_key", pl.lit(m).alias("measure"), pl.col(m).alias("value"),
                              pl.col(prints(m)).alias("reports_printed"), "reports", "synthetic_reports")
                      for m, scope in wanted.select("measure", "template_scope").iter_rows()])
    out = (long.group_by("year", "group_key", "measure")
           .agg(pl.col("value").sum(), pl.col("reports_printed").sum(),
                (pl.col("reports") - pl.col("reports_printed")).sum().alias("reports_blank"),
                pl.col("synthetic_reports").sum())
           .with_columns(pl.when(pl.col("reports_printed") > 0).then(pl.col("value")).alias("value"))
           .join(wanted.lazy(), on="measure")
           .with_columns((pl.col("measure") == PROACTIVE).alias("from_text")))
    order = ["year", "value", "group_key"] if measure else ["year", "group_key", "order"]
    return (out.sort(order, descending=[False, bool(measure), False], nulls_last=True)
            .select("year", "group_key", "measure", "item_label", "column_label", "unit", "template_scope",
                    "comparable", "from_text", "value", "reports_printed", "reports_blank", "synthetic_reports")
            .collect())
