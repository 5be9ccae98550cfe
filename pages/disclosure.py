"""主动公开 Proactive disclosure: table 二's decision counts over the years, and who reports the most."""

from typing import cast

import polars as pl
import streamlit as st

from pages import _rankings as rankings
from pages import _ui as ui
from xxgk import charts

ui.header("主动公开", "主动公开政府信息情况（表二）：行政许可、处罚、强制决定数量与规范性文件")

volumes = ui.query("disclosure_volumes", group_by="all")
if volumes.is_empty() or volumes["value"].is_null().all():
    ui.empty("当前筛选条件下没有填报表二数字的年报。请放宽左侧筛选。")
    st.stop()

comparable = volumes.filter(pl.col("comparable")).select(
    "year", "item_label", "column_label", "value", "reports_printed", "reports_blank", "synthetic_reports")
log = st.toggle("对数坐标（个别机关数字极大时，便于看清其他年份）", key="disc_log", bind="query-params")
fig = charts.bars_long(comparable, "item_label", "value", unit="件", stacked=False, log=log,
                       title="行政许可、行政处罚、行政强制的处理决定数量（两版模板含义相同，可跨年比较）")
ui.chart(fig, comparable, "主动公开_处理决定数量")
st.caption("只合计填报了数字的年报；未填报（空白、“/”、“-”）的年报数见下载文件，不按 0 计。")

st.subheader("谁的数量最多")
measures = volumes.select("measure", "item_label", "column_label", "unit", "template_scope", "comparable").unique(
    "measure", maintain_order=True).sort("comparable", descending=True, maintain_order=True)
names = {m: f"{i}·{c}（{'两版' if s == 'both' else s + '版'}）" for m, i, c, _, s, _ in measures.rows()}
left, right = st.columns([2, 1])
measure = left.selectbox("指标", list(names), format_func=names.__getitem__, key="disc_measure", bind="query-params",
                         index=list(names).index("t2_penalty__decisions") if "t2_penalty__decisions" in names else 0)
by = right.segmented_control("分组", ["agency", "province", "city", "district", "bureau"], default="agency", key="disc_group",
                             format_func=rankings.GROUPS.__getitem__, bind="query-params")
year = cast("int | None", volumes.filter((pl.col("measure") == measure) & pl.col("value").is_not_null())["year"].max())
# Only the ranked measure of the ranked year is read: every agency's every measure over all years would be ~10^6 rows.
ranked = ui.query("disclosure_by_group", measure=measure, group_by=by or "agency", year_from=year or 0,
                  year_to=year or 0)
shown = charts.top_n(ranked.filter(pl.col("value") > 0).select(
    "group_key", "year", "value", "unit", "reports_printed"), "value")
if shown.is_empty():
    ui.empty(f"没有年报填报大于 0 的「{names[measure]}」。该指标可能只在另一版模板中出现，请调整模板或年度筛选。")
else:
    unit = shown["unit"][0]
    fig = charts.ranked_bars(shown, "group_key", "value", value_name=names[measure], unit=unit,
                             hover={"reports_printed": "填报年报数"},
                             title=f"{year}年「{names[measure]}」前 {shown.height} 名")
    ui.chart(fig, shown, f"主动公开_{measure}_{year}",
             agencies_on="y" if by == "agency" else None, year=year, cell="table2/" + measure[3:].replace("__", "/"))
