"""零活动机关 Zero-activity agencies: who received no application at all, for how many years in a row."""

import polars as pl
import streamlit as st

from pages import _rankings as rankings
from pages import _ui as ui
from xxgk import charts

SHOWN = 200  # runs listed on the page; 下载全部 gives every run

ui.header("零活动机关", "本年新收政府信息公开申请为 0 的机关：占比、分布与连续年数")

# The grouping is chosen first (drawn below the numbers) so that both figures come from one read of the facts.
head, choice = st.container(), st.empty()
by = choice.segmented_control("分布", ["province", "city", "district", "bureau"], default="district", key="zero_group",
                              bind="query-params", format_func=rankings.GROUPS.__getitem__) or "district"
overall, groups = ui.aggregates(("zero_activity_share", {"group_by": "all"}), ("zero_activity_share", {"group_by": by}))
if overall.is_empty():
    choice.empty()
    ui.empty("当前筛选条件下没有年报。请放宽左侧筛选。")
    st.stop()

last = overall.sort("year").row(-1, named=True)
c = head.columns(3)
c[0].metric(f"{last['year']}年零申请机关", charts.number(last["zero_agencies"], "个"),
            help="表三「本年新收」总计填报为 0 的机关；未填报的不计入（空白不是 0）")
c[1].metric(f"{last['year']}年零申请占比", charts.percent(last["zero_share"]),
            help="零申请机关 ÷ 填报了本年新收数的机关")
c[2].metric(f"{last['year']}年三表全为零", charts.number(last["zero_all_tables_agencies"], "个"),
            help="表二、表三、表四填报的每个数字都是 0")

shown = charts.top_n(groups.filter(pl.col("year") == last["year"]).drop_nulls("zero_share").select(
    "group_key", "year", "zero_share", "zero_agencies", "agencies_with_received", "agencies"), "zero_share", 30)
fig = charts.ranked_bars(shown, "group_key", "zero_share", value_name="零申请机关占比", share=True,
                         base={"zero_agencies": "个零申请", "agencies_with_received": "个填报"},
                         title=f"{last['year']}年零申请机关占比（按{rankings.GROUPS[by]}）")
ui.chart(fig, shown, f"零活动机关_占比_{by}_{last['year']}")

st.subheader("连续零申请")
years = st.number_input("至少连续年数", min_value=2, max_value=20, value=2, key="zero_min", bind="query-params")
streaks = ui.query("zero_streaks", min_years=int(years), limit=SHOWN)  # the longest runs, and how many there are
total = int(streaks["total_rows"][0]) if streaks.height else 0
streaks = streaks.select("agency", "district", "bureau", "streak_start", "streak_end", "streak_years", "is_latest")
if streaks.is_empty():
    ui.empty(f"所选范围内没有连续 {years} 年及以上零申请的机关。")
else:
    st.caption(f"{total:,} 段连续 {years} 年及以上的零申请" + (f"，下表列出最长的 {SHOWN} 段" if total > SHOWN else "")
               + "；「持续至最新年度」表示至今仍为 0。缺一年报告即中断。")
    ui.table(streaks, f"零活动机关_连续{years}年零申请" + (f"_前{SHOWN}段" if total > SHOWN else ""))
    if total > SHOWN:
        ui.download_query("zero_streaks", f"零活动机关_连续{years}年零申请_全部", label=f"下载全部 {total:,} 段（CSV）",
                          min_years=int(years))
