"""复议诉讼 Review and litigation: table 四 over the years, and where the courts and reviewers corrected."""

import streamlit as st

from pages import _rankings as rankings
from pages import _ui as ui
from xxgk import charts

ui.header("复议诉讼", "因政府信息公开引起的行政复议、行政诉讼（表四）：结果构成与纠错率")

yearly = ui.query("review_litigation", group_by="all")
if yearly.is_empty() or yearly["review_total"].is_null().all() and yearly["suit_total"].is_null().all():
    ui.empty("当前筛选条件下没有填报表四的年报。请放宽左侧筛选。")
    st.stop()

last = yearly.sort("year").row(-1, named=True)
c = st.columns(4)
c[0].metric(f"{last['year']}年行政复议", charts.number(last["review_total"], "件"))
c[1].metric(f"{last['year']}年复议纠错率", charts.percent(last["review_correction_rate"]),
            help="结果纠正 ÷（维持 + 纠正 + 其他结果）；尚未审结的不计入")
c[2].metric(f"{last['year']}年行政诉讼", charts.number(last["suit_total"], "件"), help="未经复议直接起诉 + 复议后起诉")
c[3].metric("每百件申请被诉", charts.number(last["suits_per_100_applications"]),
            help="100 × 行政诉讼总计 ÷ 本年新收申请，只计两项都填报的年报")

kind = st.segmented_control("案件类型", list(rankings.KINDS), default="review", key="lit_kind", bind="query-params",
                            format_func=rankings.KINDS.__getitem__) or "review"
name = "行政复议" if kind == "review" else "行政诉讼"
parts = {f"{kind}_upheld": "结果维持", f"{kind}_corrected": "结果纠正", f"{kind}_other": "其他结果",
         f"{kind}_pending": "尚未审结"}
shown = yearly.select("year", *parts, f"{kind}_total", f"{kind}_correction_rate", "reports",
                      "reports_blank_table4", "synthetic_reports")
fig = charts.bars_by_year(shown, parts, unit="件", title=f"{name}案件结果构成（两版模板表四相同，可跨年比较）")
ui.chart(fig, shown, f"复议诉讼_{name}_逐年")

st.subheader(f"{last['year']}年{name}最多的机关")
metric = "reviews" if kind == "review" else "suits"
ranked = ui.query("rankings", metric=metric, ascending=False, limit=20, year_from=last["year"],
                  year_to=last["year"])
top = charts.top_n(ranked.filter(ranked["year"] == last["year"]).select(
    "rank", "agency", "district", "value", "caveat"), "value")
if top.is_empty():
    ui.empty(f"{last['year']}年没有机关填报{name}案件。")
else:
    fig = charts.ranked_bars(top, "agency", "value", value_name=f"{name}案件", unit="件",
                             hover={"district": "区县", "caveat": "数据提示"})
    ui.chart(fig, top, f"复议诉讼_{name}_机关排名_{last['year']}", agencies_on="y",
             year=last["year"], cell=f"table4/{rankings.BLOCKS[kind]}/total")

st.subheader(f"{name}纠错率排名")
rankings.correction_ranking(kind)
