"""对比 Compare: agency against agency, an agency against its peers elsewhere, district against district."""

import streamlit as st

from pages import _sidebar as sidebar
from pages import _ui as ui
from xxgk import charts

ui.header("对比", "两个机关、一个机关与其他区县同类部门、两个区县，逐年并排比较")

# The shown label is the URL value of a bound widget (?cmp_mode=区县对比), so the labels are short.
MODES = {"机关对比": "agencies", "同类对比": "peers", "区县对比": "districts"}
picked = st.segmented_control("对比方式", list(MODES), default="机关对比", key="cmp_mode", bind="query-params",
                              help="机关对比：两个机关；同类对比：一个机关与其他区县同类部门的合计；区县对比：两个区县")
mode = MODES[picked or "机关对比"]
params: dict[str, object] = {"mode": mode, "agency_a": None, "agency_b": None, "district_a": None, "district_b": None}
left, right = st.columns(2)
if mode == "districts":
    districts = sidebar.districts_in_view()
    if len(districts) < 2:
        ui.empty("需要至少两个区县才能对比。请在左侧放宽区县筛选，或导入更多区县的年报。")
        st.stop()
    params["district_a"] = left.selectbox("区县 A", districts, key="cmp_da", bind="query-params")
    params["district_b"] = right.selectbox("区县 B", [d for d in districts if d != params["district_a"]],
                                           key="cmp_db", bind="query-params")
else:
    a = sidebar.pick_agency("机关 A", "cmp_a", where=left)
    b = sidebar.pick_agency("机关 B", "cmp_b", exclude=a[1] if a else None, where=right) if mode == "agencies" else None
    if a is None or (mode == "agencies" and b is None):
        ui.empty("需要至少两个机关才能对比。请在左侧放宽筛选。" if a else "当前筛选条件下没有机关。")
        st.stop()
    params["agency_a"], params["agency_b"] = a[0], (b[0] if b else None)
    if mode == "peers":
        right.caption("B 方为其他区县中与 A 部门类型相同的机关（合计），用于判断 A 是否偏离同类。")

sides = ui.query("compare", **params)
if sides.is_empty():
    ui.empty("所选对象在当前年度范围内没有年报。请调整左侧的年度或模板筛选。")
    st.stop()

MEASURES = {"received_per_agency": ("机关平均新收申请", "件", False), "open_rate": ("公开率", "%", True),
            "zero_share": ("零申请机关占比", "%", True), "review_correction_rate": ("复议纠错率", "%", True),
            "suits_per_100_applications": ("每百件申请被诉数", "件", False), "received": ("本年新收申请", "件", False)}
measure = st.selectbox("指标", list(MEASURES), format_func=lambda m: MEASURES[m][0], key="cmp_measure",
                       bind="query-params")
label, unit, is_share = MEASURES[measure]
shown = sides.select("year", "side_label", measure, "reports", "agencies", "synthetic_reports")
fig = charts.lines_long(shown, "side_label", measure, unit=unit, percent=is_share,
                        title=f"{label}：逐年对比（表三总计与表四在两版模板中含义相同）")
ui.chart(fig, shown, f"对比_{mode}_{measure}")

with st.expander("全部对比指标（表格）"):
    ui.table(sides.drop("side"), f"对比_{mode}_全部指标")
