"""数据质量 Data quality: failed checks, carry-over breaks, copied reports, text against table 三, missing reports,
unreadable files, cells the parser left blank."""

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import charts

ui.header("数据质量", "年报本身的问题与读取问题：勾稽关系、结转衔接、照抄上年、正文与表格矛盾、缺报、无法读取")

checks = ui.query("quality_checks").filter(pl.col("checks_failed") > 0)
breaks = ui.query("carry_over_breaks").filter(pl.col("is_break").fill_null(False))
copies = ui.query("near_identical").filter(pl.col("near_identical").fill_null(False))
told = ui.query("narrative_mismatches")
drift = ui.query("in_force_drift")
fees = ui.query("fees_unreported")
missing = ui.query("missing_reports")
late = ui.query("late_reports")
errors = ui.query("ingest_errors")
unplaced = ui.query("unresolved_agencies")
blank = ui.query("blank_cells")
coverage = ui.query("region_coverage")
subordinates = ui.query("missing_subordinates")

# key: (what the chart and the tab's heading say, the short tab label that is also its link ?dq_tab=…, rows)
ISSUES = {"checks": ("勾稽关系未通过（R1–R5）", "勾稽未通过", checks),
          "breaks": ("上年结转与上年结转下年度不一致", "结转不衔接", breaks),
          "copies": ("疑似照抄上年年报", "疑似照抄", copies),
          "told": ("正文所述申请数与表三不一致", "正文与表三不符", told),
          "drift": ("现行有效件数与上年不衔接（近似）", "现行有效件数", drift),
          "fees": ("未报告信息处理费收取情况", "信息处理费", fees),
          "missing": ("缺报（此前有年报、本年无）", "缺报", missing),
          "late": ("逾期公开或公开日期不详", "逾期", late),
          "errors": ("文件无法读取或不是年报", "无法读取", errors),
          "unplaced": ("机关未能定位到区县", "机关未定位", unplaced),
          "blank": ("解析留空的单元格（印有数字未读出，或模板中未找到）", "解析留空", blank),
          "coverage": ("政府汇总数与区域内各机关之和（覆盖/差额）", "覆盖/差额", coverage),
          "subordinates": ("下级缺报（同区域其他机关有年报、本机关没有）", "下级缺报", subordinates)}
counts = pl.DataFrame({"issue": [v[0] for v in ISSUES.values()], "count": [v[2].height for v in ISSUES.values()]},
                      schema={"issue": pl.String, "count": pl.Int64})
if counts["count"].sum() == 0:
    ui.empty("当前筛选条件下没有发现数据问题（或数据库中还没有年报）。")
    st.stop()

fig = charts.ranked_bars(counts, "issue", "count", value_name="条数", unit="条", title="各类数据问题的数量")
ui.chart(fig, counts, "数据质量_问题数量", labels={"issue": "问题类型", "count": "条数"})

# Short tab labels without counts (the chart above has them), so that all of them fit on one line.
labels = {short: key for key, (_label, short, _rows) in ISSUES.items()}
tab, where = ui.tabs(list(labels), "dq_tab")
with where:
    label, _short, df = ISSUES[labels[tab]]
    st.markdown(f"**{label}**：{df.height:,} 条")
    if df.is_empty():
        ui.empty(f"没有「{label}」的记录。")
    else:
        ui.table(df.drop([c for c in ("agency_id", "prev_report_id") if c in df.columns]),
                 f"数据质量_{labels[tab]}")
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
