"""依申请公开 Applications: how many applications, how they were answered, why not, and who applied."""

from typing import cast

import polars as pl
import streamlit as st

from pages import _rankings as rankings
from pages import _ui as ui
from xxgk import charts

ui.header("依申请公开", "收到和处理政府信息公开申请情况（表三）：办理结果、未予公开的理由、申请人类型")

shares = ui.query("outcome_shares", group_by="all")
if shares.is_empty():
    ui.empty("当前筛选条件下没有填报「（七）总计」的年报，无法计算办理结果。请放宽左侧筛选。")
    st.stop()

tab, where = ui.tabs(["办理结果构成", "未予公开的理由", "申请人类型", "按区县 / 部门比较公开率"], "apps_tab")
with where:
    if tab == "办理结果构成":
        shown = shares.select("year", "outcome_label", "count", "processed", "share", "reports", "synthetic_reports")
        fig = charts.bars_long(shown, "outcome_label", "count", share="share", unit="件",
                               title="各年度办理结果构成（占办理总计的比例）")
        ui.chart(fig, shown, "依申请公开_办理结果")
    elif tab == "未予公开的理由":
        reasons = ui.query("refusal_reasons").filter(pl.col("count") > 0).select(
            "rank", "group_label", "reason", "reason_label", "count", "share", "reports_with_reason", "template_scope")
        shown = charts.top_n(reasons, "count", 15)
        if shown.is_empty():
            ui.empty("所选范围内没有不予公开、无法提供、不予处理或其他处理的申请。")
        else:
            fig = charts.ranked_bars(shown, "reason_label", "count", value_name="件数", unit="件",
                                     hover={"group_label": "类别", "reports_with_reason": "涉及年报数"},
                                     title=f"未予公开的理由（所选年度合计，前 {shown.height} 项）")
            ui.chart(fig, shown, "依申请公开_未予公开理由")
            rankings.reason_agencies(reasons)
    elif tab == "申请人类型":
        who = ui.query("applicant_types", group_by="all").select(
            "year", "applicant_label", "new_received", "share", "reports_printed", "reports", "synthetic_reports")
        fig = charts.bars_long(who, "applicant_label", "new_received", unit="件", title="本年新收申请的申请人类型")
        ui.chart(fig, who, "依申请公开_申请人类型")
    else:
        by, lowest, least = rankings.rate_controls("apps", "最少办理件数", 10)
        year = cast("int | None", shares["year"].max())  # only the ranked year is read, not every group's every year
        groups = ui.query("applications_by_group", group_by=by, year_from=year, year_to=year).drop_nulls("open_rate")
        kept, left_out = charts.min_base(groups, "processed", least)
        shown = charts.top_n(kept.select("group_key", "year", "open_rate", "processed", "received", "reports"),
                             "open_rate", descending=not lowest)
        rankings.base_note(left_out, f"办理总计不足 {least} 件")
        if shown.is_empty():
            ui.empty("所选年度没有达到最小基数、可计算公开率的年报（需填报「（七）总计」）。可调低最少办理件数。")
        else:
            fig = charts.ranked_bars(shown, "group_key", "open_rate", value_name=f"{year}年公开率", share=True,
                                     base={"reports": "份", "processed": "件"}, lowest_on_top=lowest,
                                     title=f"{year}年公开率{'最低' if lowest else '最高'}的 {shown.height} 个"
                                           "（括号内：年报数 · 办理总计）")
            ui.chart(fig, shown, f"依申请公开_公开率_{by}_{year}",
                     agencies_on="y" if by == "agency" else None, year=year,
                     cell="table3/granted,partially_granted,total_processed/total")
