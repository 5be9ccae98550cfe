"""按时公开 Timeliness: whether annual reports were published by their legal deadline, by year, area and bureau."""

from typing import cast

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import charts

ui.header("按时公开", "年报是否在法定期限内公开（《政府信息公开条例》第四十九条：部门等次年1月31日前，"
          "政府本级次年3月31日前）")

trend = ui.query("timeliness", group_by="all")
if trend.is_empty():
    ui.empty("当前筛选条件下没有年报。请放宽左侧筛选。")
    st.stop()

c = st.columns(3)
latest = trend.sort("year").row(-1, named=True)
c[0].metric(f"{latest['year']}年按时公开率", charts.percent(latest["on_time_share"]),
            help=f"公开日期已知的 {latest['dated_reports']} 份年报中按时的比例；日期不详的不计入")
c[1].metric(f"{latest['year']}年逾期", charts.number(latest["late_reports"], "份"),
            help=f"最长逾期 {charts.number(latest['max_days_late'], '天')}")
c[2].metric(f"{latest['year']}年公开日期不详", charts.number(latest["undated_reports"], "份"),
            help="网页、落款和文件元数据都没有可用日期的年报：既不算按时，也不算逾期")

tab, where = ui.tabs(["逐年按时公开率", "按地区 / 部门比较"], "tl_tab")
with where:
    if tab == "逐年按时公开率":
        shown = trend.select("year", "on_time_share", "dated_reports", "on_time_reports", "late_reports",
                             "undated_reports", "median_days_late", "max_days_late", "reports", "synthetic_reports")
        fig = charts.line_by_year(shown, {"on_time_share": "按时公开率"}, share=True, title="按时公开率逐年变化")
        ui.chart(fig, shown, "按时公开_逐年")
    else:
        names = {"district": "区县", "city": "市", "province": "省", "bureau": "部门类型"}
        by = st.segmented_control("分组", list(names), default="district", format_func=names.__getitem__,
                                  key="tl_group", bind="query-params") or "district"
        groups = ui.query("timeliness", group_by=by).drop_nulls("on_time_share")
        year = cast("int | None", groups["year"].max())
        shown = charts.top_n(groups.filter(pl.col("year") == year).select(
            "group_key", "year", "on_time_share", "dated_reports", "late_reports", "undated_reports",
            "max_days_late", "synthetic_reports"), "dated_reports")
        if shown.is_empty():
            ui.empty("所选范围内没有公开日期已知的年报。")
        else:
            fig = charts.ranked_bars(shown, "group_key", "on_time_share", value_name=f"{year}年按时公开率",
                                     share=True, base={"dated_reports": "份日期已知"},
                                     hover={"late_reports": "逾期年报数"},
                                     title=f"{year}年按时公开率（日期已知年报最多的 {shown.height} 个{names[by]}）")
            ui.chart(fig, shown, f"按时公开_{by}_{year}")
st.caption("公开日期依次取自：采集时网页上的发布日期、年报末尾的落款日期、文件元数据（PDF/Word 创建日期、网页发布时间）。"
           "元数据可能与实际公开日不同，逐份来源见「数据质量」的「逾期」一项与「机关画像」。"
           "按年报计：政府年报无论统计本级还是全域，都是一份年报。")
