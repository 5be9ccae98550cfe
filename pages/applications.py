"""依申请公开 Applications: how many applications, how they were answered, and why some were refused."""

import streamlit as st

from pages import _ui as ui
from xxgk import charts

ui.header("依申请公开", "收到和处理政府信息公开申请情况（表三）：办理结果、不予公开理由、申请人类型")

shares = ui.query("outcome_shares", group_by="all")
if shares.is_empty():
    ui.empty("当前筛选条件下没有填报「（七）总计」的年报，无法计算办理结果。请放宽左侧筛选。")
    st.stop()

tab_outcomes, tab_groups = st.tabs(["办理结果构成", "按区县 / 部门比较公开率"])
with tab_outcomes:
    shown = shares.select("year", "outcome_label", "count", "processed", "share", "reports", "synthetic_reports")
    fig = charts.bars_long(shown, "outcome_label", "count", share="share", unit="件",
                           title="各年度办理结果构成（占办理总计的比例）")
    ui.chart(fig, shown, "依申请公开_办理结果", labels=charts.LABELS)

with tab_groups:
    by = st.segmented_control("分组", ["district", "bureau", "agency"], default="district",
                              format_func={"district": "区县", "bureau": "部门类型", "agency": "机关"}.get,
                              key="apps_group")
    groups = ui.query("applications_by_group", group_by=by or "district")
    year = int(groups["year"].max()) if not groups.is_empty() else None
    latest = groups.filter(groups["year"] == year).drop_nulls("open_rate") if year else groups
    if latest.is_empty():
        ui.empty("所选年度没有可计算公开率的年报（需填报「（七）总计」）。")
    else:
        shown = charts.top_n(latest.select("group_key", "open_rate", "processed", "received", "reports"),
                             "processed")
        fig = charts.ranked_bars(shown, "group_key", "open_rate", value_name=f"{year}年公开率", share=True,
                                 hover={"processed": "办理总计", "reports": "年报数"},
                                 title=f"{year}年公开率（办理量最大的 {shown.height} 个）")
        ui.chart(fig, shown, f"依申请公开_公开率_{year}", labels=charts.LABELS)
