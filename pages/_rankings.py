"""Ranked views shared by pages that would otherwise pass ~60 lines: 复议/诉讼纠错率 by group, and the agencies
that give one refusal reason most. Each draws its controls (bound to the URL), the chart with each bar's base,
and the CSV of exactly the bars drawn."""

from __future__ import annotations

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import charts

KINDS = {"review": "行政复议", "suit": "行政诉讼"}
BLOCKS = {"review": "review", "suit": "suit_direct,suit_after_review"}  # table 四's rows of each kind
GROUPS = {"province": "省份", "city": "城市", "district": "区县", "bureau": "部门类型", "agency": "机关"}


def rate_controls(prefix: str, base_label: str, default: int) -> tuple[str, bool, int]:
    """A rate ranking's controls, bound to the URL (?{prefix}_group=…&{prefix}_order=…&{prefix}_min=…):
    the grouping, lowest or highest first, and the minimum base a group needs to be ranked."""
    left, mid, right = st.columns(3)
    by = left.segmented_control("分组", list(GROUPS), default="district", format_func=GROUPS.__getitem__,
                                key=f"{prefix}_group", bind="query-params") or "district"
    order = mid.segmented_control("排序", ["最低在前", "最高在前"], default="最低在前", key=f"{prefix}_order",
                                  bind="query-params") or "最低在前"
    least = right.number_input(base_label, min_value=0, max_value=100_000, value=default, step=5,
                               key=f"{prefix}_min", bind="query-params",
                               help="基数太小的比率不稳定（一两件就是 0% 或 100%），不参加排名")
    return by, order == "最低在前", int(least or 0)


def base_note(left_out: int, reason: str) -> None:
    """How many groups a minimum base kept out of a ranking."""
    if left_out:
        st.caption(f"另有 {left_out:,} 个因{reason}未参加排名；可调低最小基数查看。")


def correction_ranking(kind: str) -> None:
    """复议 (kind 'review') or 诉讼 ('suit') correction rate by district, bureau or agency, with its base."""
    name = KINDS[kind]
    by, lowest, least = rate_controls("fix", "最少审结案件数", 5)
    rates = ui.query("correction_rates", group_by=by, kind=kind).drop_nulls("correction_rate")
    kept, left_out = charts.min_base(rates, "concluded", least)
    shown = charts.top_n(kept.select("group_key", "correction_rate", "corrected", "concluded", "reports",
                                     "pending", "synthetic_reports"), "correction_rate", descending=not lowest)
    base_note(left_out, f"审结的{name}案件不足 {least} 件")
    if shown.is_empty():
        ui.empty(f"所选范围内没有审结{name}案件达到最小基数的{GROUPS[by]}。可调低最少审结案件数或放宽左侧筛选。")
        return
    f = ui.filters()
    span = f"{f.year_from}–{f.year_to}年" if f.year_from != f.year_to else f"{f.year_from}年"
    fig = charts.ranked_bars(shown, "group_key", "correction_rate", value_name=f"{name}纠错率", share=True,
                             base={"reports": "份", "concluded": "件"}, lowest_on_top=lowest,
                             hover={"corrected": "结果纠正", "pending": "尚未审结"},
                             title=f"{span}{name}纠错率（按{GROUPS[by]}，括号内：年报数 · 审结案件数）")
    ui.chart(fig, shown, f"复议诉讼_{name}纠错率_{by}",
             agencies_on="y" if by == "agency" else None, cell=f"table4/{BLOCKS[kind]}/upheld,corrected,other")


def reason_agencies(reasons: pl.DataFrame) -> None:
    """From a refusal reason (rows of refusal_reasons) to the agencies that give it most, with their base."""
    labels = dict(zip(reasons["reason_label"], reasons["reason"], strict=True))
    if not labels:
        return
    st.subheader("哪些机关最常用这个理由")
    picked = st.selectbox("理由", list(labels), key="apps_reason", bind="query-params",
                          index=list(labels).index("本机关不掌握相关政府信息") if "本机关不掌握相关政府信息" in labels else 0)
    # the query sends the top agencies only, in its order (most first, then by name)
    ranked = ui.query("refusal_agencies", reason=labels[picked or next(iter(labels))], limit=charts.TOP_N)
    shown = charts.top_n(ranked.select("agency", "district", "count", "share", "processed", "reports",
                                       "share_of_reason", "synthetic_reports"), "count")
    if shown.is_empty():
        ui.empty(f"所选范围内没有机关填报「{picked}」。")
        return
    fig = charts.ranked_bars(shown, "agency", "count", value_name=picked or "件数", unit="件",
                             base={"processed": "件办理"}, hover={"district": "区县", "reports": "年报数"},
                             title=f"「{picked}」件数最多的 {shown.height} 个机关（括号内：这些年报的办理总计）")
    ui.chart(fig, shown, f"依申请公开_{picked}_机关", agencies_on="y",
             cell=f"table3/{labels[picked or next(iter(labels))]}/total")
