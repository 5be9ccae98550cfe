"""数据质量 Data quality: failed checks, carry-over breaks, copied reports, text against table 三, missing reports,
unreadable files, cells the parser left blank."""

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import charts

ui.header("数据质量", "年报本身的问题与读取问题：勾稽关系、结转衔接、照抄上年、正文与表格矛盾、缺报、无法读取")

SHOWN = 200  # rows of a list drawn on the page; 下载全部 gives the whole list, in the same order

# key: (what the chart and the tab's heading say, the short tab label that is also its link ?dq_tab=…, named query)
ISSUES = {"checks": ("勾稽关系未通过（R1–R5）或同年另有数字不同的版本", "勾稽未通过", "quality_checks"),
          "breaks": ("上年结转与上年结转下年度不一致", "结转不衔接", "carry_over_breaks"),
          "copies": ("疑似照抄上年年报", "疑似照抄", "near_identical"),
          "told": ("正文所述申请数与表三不一致", "正文与表三不符", "narrative_mismatches"),
          "drift": ("现行有效件数与上年不衔接（近似）", "现行有效件数", "in_force_drift"),
          "fees": ("未报告信息处理费收取情况", "信息处理费", "fees_unreported"),
          "missing": ("缺报（此前有年报、本年无）", "缺报", "missing_reports"),
          "late": ("逾期公开或公开日期不详", "逾期", "late_reports"),
          "errors": ("文件无法读取或不是年报", "无法读取", "ingest_errors"),
          "unplaced": ("机关未能定位到区县", "机关未定位", "unresolved_agencies"),
          "blank": ("解析留空的单元格（印有数字未读出，或模板中未找到）", "解析留空", "blank_cells"),
          "coverage": ("政府汇总数与区域内各机关之和（覆盖/差额）", "覆盖/差额", "region_coverage"),
          "subordinates": ("下级缺报（同区域其他机关有年报、本机关没有）", "下级缺报", "missing_subordinates")}
# How long each list is: quality_counts counts all but 覆盖/差额 in one scan, whose short list is read with it; only
# the open tab's list is fetched (its first SHOWN rows), never all 13 lists. The tab the link opens (dq_tab) is
# fetched side by side with the counts.
TAB_PARAM = "dq_tab"
linked = {short: key for key, (_label, short, _name) in ISSUES.items()}.get(st.query_params.get(TAB_PARAM, ""),
                                                                          next(iter(ISSUES)))
lengths, coverage, *linked_list = ui.queries_at_once(
    ("quality_counts", {}), ("region_coverage", {"limit": SHOWN}),
    *([] if linked == "coverage" else [(ISSUES[linked][2], {"limit": SHOWN})]))
fetched = {"coverage": coverage, **({linked: linked_list[0]} if linked_list else {})}  # lists already read
totals = {k: (int(coverage["total_rows"][0]) if coverage.height else 0) if name == "region_coverage"
          else int(lengths[f"{name}_rows"][0]) for k, (_label, _short, name) in ISSUES.items()}
counts = pl.DataFrame({"issue": [v[0] for v in ISSUES.values()], "count": list(totals.values())},
                      schema={"issue": pl.String, "count": pl.Int64})
if counts["count"].sum() == 0:
    ui.empty("当前筛选条件下没有发现数据问题（或数据库中还没有年报）。")
    st.stop()

fig = charts.ranked_bars(counts, "issue", "count", value_name="条数", unit="条", title="各类数据问题的数量")
ui.chart(fig, counts, "数据质量_问题数量", labels={"issue": "问题类型", "count": "条数"})

# Short tab labels without counts (the chart above has them), so that all of them fit on one line.
labels = {short: key for key, (_label, short, _rows) in ISSUES.items()}
tab, where = ui.tabs(list(labels), TAB_PARAM)
with where:
    key = labels[tab]
    (label, _short, name), total = ISSUES[key], totals[key]
    df = (fetched[key] if key in fetched else ui.query(name, limit=SHOWN)).drop("total_rows")
    cut = total > df.height
    st.markdown(f"**{label}**：{total:,} 条" + (f"；下表列出前 {df.height:,} 条，全部请下载 CSV" if cut else ""))
    if df.is_empty():
        ui.empty(f"没有「{label}」的记录。")
    else:
        ui.table(df.drop([c for c in ("agency_id", "prev_report_id") if c in df.columns]),
                 f"数据质量_{key}_前{df.height}条" if cut else f"数据质量_{key}")
    if cut:
        ui.download_query(name, f"数据质量_{key}_全部", label=f"下载全部 {total:,} 条（CSV）")
if labels[tab] == "fees":
    st.caption("自2021年起，年报第六部分应报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。"
               "这里列出第六部分（找不到第六部分时为全文）没有提到信息处理费或收费的2021版年报；"
               "表三有“逾期未按收费通知要求缴纳费用”的排在前面。只查是否提到，不判断内容是否属实。")
if labels[tab] == "coverage":
    st.caption("人民政府年报中统计全区域（全市/全区/全县）的表格，与该区域内其他机关本机关口径年报之和对照；两者只比较、"
               "从不相加。差额为正：库中缺少部分下级机关的年报，或汇总口径更宽；为负：汇总数或某份下级年报可能有误。")
if labels[tab] == "blank":
    st.caption("每份年报中解析程序留空的单元格数及原因：印有数字但无法确定属于哪一格的，留空并提示，不猜测；"
               "原文印为空白的单元格不计。留空不是 0。")
if labels[tab] == "drift":
    st.caption("现行有效件数应约等于上年现行有效件数加本年制发、减本年废止（2022年起、两年都用2021版模板时比较）。"
               "修订的文件可能计为制发，因此不衔接是需要向机关核实的问题，不一定是错误，也不计入数据质量提示。")
st.caption("在「机关画像」中选择机关和年度，可查看每条问题对应的单元格原文、页码与原始文件。"
           "校验未通过的年报照原样保存，不会被修改或丢弃。")
