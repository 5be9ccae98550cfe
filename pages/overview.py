"""总览 Overview: the headline numbers of the selection and how they moved year by year."""

import streamlit as st

from pages import _brief as brief
from pages import _ui as ui
from xxgk import charts

ui.header("总览", "所选范围内政府信息公开年报的关键数字与逐年趋势")

kpi = ui.query("overview_kpis")
if kpi.is_empty() or not kpi["reports"][0]:
    ui.empty("当前筛选条件下没有年报。请放宽左侧的年度、区县、部门类型或机关筛选；"
             "数据库为空时，请到「数据导入」上传年报。")
    st.stop()

k = kpi.row(0, named=True)
span = f"{k['year_min']}–{k['year_max']}年" if k["year_min"] != k["year_max"] else f"{k['year_min']}年"
row1, row2 = st.columns(4), st.columns(4)
row1[0].metric("年报数", charts.number(k["reports"], "份"), help=f"{span}，每个机关每年计一份现行年报")
row1[1].metric("机关数", charts.number(k["agencies"], "个"), help=f"覆盖 {k['districts']} 个区县")
row1[2].metric("新收申请", charts.number(k["received"], "件"),
               help=f"表三「本年新收」总计之和；{k['reports_blank_received']} 份年报未填报，未计入（空白不按 0 计）")
row1[3].metric("公开率", charts.percent(k["open_rate"]),
               help="（予以公开 + 部分公开）÷ 办理总计，只计填报了「（七）总计」的年报")
row2[0].metric("行政复议", charts.number(k["reviews"], "件"), help="表四：行政复议总计之和")
row2[1].metric("行政诉讼", charts.number(k["suits"], "件"), help="表四：未经复议直接起诉 + 复议后起诉")
row2[2].metric("零申请年报", charts.number(k["zero_application_reports"], "份"),
               help="本年新收申请填报为 0 的年报；详见「零活动机关」")
row2[3].metric("校验未通过", charts.number(k["reports_failing_checks"], "份"),
               help="至少一条勾稽关系（R1–R5）不成立的年报；详见「数据质量」")
brief.button(k)

trend = ui.query("yearly_trend").select(
    "year", "template_era", "reports", "agencies", "received", "processed", "disclosed", "carried_forward",
    "open_rate", "zero_application_reports", "reviews", "suits", "synthetic_reports")
tab, where = ui.tabs(["申请与办理", "公开率", "复议与诉讼"], "ov_tab")
with where:
    if tab == "申请与办理":
        series = {"received": "本年新收申请", "processed": "办理总计", "disclosed": "予以公开+部分公开",
                  "carried_forward": "结转下年度"}
        ui.chart(charts.line_by_year(trend, series, unit="件", title=f"依申请公开逐年趋势（{span}）"),
                 trend, "总览_逐年趋势")
    elif tab == "公开率":
        rate = trend.select("year", "open_rate", "processed", "disclosed", "reports")
        ui.chart(charts.line_by_year(rate, {"open_rate": "公开率"}, share=True, title="公开率逐年变化"),
                 rate, "总览_公开率")
    else:
        law = trend.select("year", "reviews", "suits", "reports")
        ui.chart(charts.bars_by_year(law, {"reviews": "行政复议", "suits": "行政诉讼"}, stacked=False,
                                     title="因政府信息公开引起的复议与诉讼"), law, "总览_复议诉讼")
st.caption("表三总计行与表四在 2019 版与 2021 版模板中含义相同，可跨 2020→2021 年比较。"
           "合计只计填报了数字的单元格：空白、“/”、“-”不按 0 计。")
