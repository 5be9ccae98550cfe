"""机关画像 Agency profile: one agency over the years, each number traced to its printed cell and source file."""

import polars as pl
import streamlit as st

from pages import _sidebar as sidebar
from pages import _ui as ui
from xxgk import charts, places

ui.header("机关画像", "一个机关历年的年报：主要数字、逐表原文、校验结果、原始文件与上年对比",
          label_view=False)

picked = sidebar.pick_agency("选择机关（可输入名称搜索）", "org")
if picked is None:
    ui.empty("当前筛选条件下没有机关。请放宽左侧的区县、部门类型或机关筛选。")
    st.stop()
agency_id, name = picked
# Every year of the agency, whatever the sidebar's years: an agency's trend is the point of its profile.
profile = ui.query_all("agency_profile", agency_id=agency_id, year_from=0, year_to=9999,
                       dataset=ui.filters().dataset)
if profile.is_empty():
    ui.empty(f"{ui.plain(name)}在所选数据集中没有年报。请在左侧换一个数据集。")
    st.stop()

if profile["synthetic"].any():  # labelled by this agency's own reports, not by the rest of the view
    ui.synthetic_notice(f"{ui.plain(name)}的年报是生成的示例报告" if profile["synthetic"].all()
                        else f"{ui.plain(name)}的部分年报是生成的示例报告")
last = profile.sort("year").row(-1, named=True)
st.caption(f"{ui.plain(last['district'] or '（未定位区县）')} · {ui.plain(last['bureau'] or '（未分类）')} · 共 {profile.height} 份年报"
           f" · {ui.plain(charts.placement(last))}")
c = st.columns(4)
c[0].metric(f"{last['year']}年新收申请", charts.number(last["received"], "件"))
c[1].metric(f"{last['year']}年公开率", charts.percent(last["open_rate"]))
c[2].metric(f"{last['year']}年行政复议 / 诉讼", f"{charts.number(last['reviews'])} / {charts.number(last['suits'])}")
c[3].metric(f"{last['year']}年未通过校验", charts.number(last["checks_failed"], "条"))

series = {"received": "本年新收申请", "processed": "办理总计", "reviews": "行政复议", "suits": "行政诉讼"}
years = profile.sort("year", descending=True)["year"].to_list()
year = st.selectbox("年度（图中竖线；下方原文、校验与原始文件均为这一年）", years, key="org_year", bind="query-params")
fig = charts.mark_year(charts.line_by_year(profile, series, unit="件", title=f"{name}：逐年主要数字（全部年度）"), year)
ui.chart(fig, profile.drop("agency_id", "report_id"), f"机关画像_{name}")

st.subheader("年报原文：每个数字来自哪里")
marked_table, marked_rows, marked_cols = places.cell_marks(st.query_params.get("org_cell"))
report_id = profile.filter(pl.col("year") == year)["report_id"][0]
st.caption(charts.report_facts(profile.filter(pl.col("year") == year).row(0, named=True)))
cells = ui.query("agency_cells", report_id=report_id)
checks = ui.query("report_checks", report_id=report_id)
remarks = ui.query("report_warnings", report_id=report_id)
source = ui.source_file(report_id)
TABLES = {label: table for table, label in places.TAB_LABELS.items()}
tab, where = ui.tabs([*TABLES, "校验", "解析提示", "原始文件"], "org_tab")
with where:
    if tab in TABLES:
        part = charts.mark_cells(cells.filter(pl.col("table_name") == TABLES[tab]), marked_rows, marked_cols,
                                 on=TABLES[tab] == marked_table).with_columns(
            pl.col("position").map_elements(places.position, return_dtype=pl.String)).select(
            "marked", "label", pl.col("col_key").replace_strict(charts.CELL_COLUMNS, default=None).alias("column"),
            "value", "raw", "page", "position", "row_key", "col_key", "synthetic")
        if part.is_empty():
            ui.empty("这份年报没有读出这张表的数字（旧式年报或表格缺失）。")
        else:
            if part["marked"].is_not_null().any():
                st.info(f"从图表打开：{year}年{tab}中图表所用的单元格已排在最前，并标为「◀ 图表数字」。", icon="📍")
            ui.table(part, f"机关画像_{name}_{year}_{TABLES[tab]}")
    elif tab == "校验":
        if checks.is_empty():
            ui.empty("这份年报没有校验记录。")
        else:
            ui.table(checks.select("rule", "rule_text", "ok", pl.col("location").map_elements(
                places.location, return_dtype=pl.String), "detail", "synthetic"),
                     f"机关画像_{name}_{year}_校验")
    elif tab == "解析提示":
        if remarks.is_empty():
            ui.empty("读取这份年报时没有需要说明的情况。")
        else:
            st.caption("读取时记下的情况：留空的行、连在一起的数字、模板外的行、读不出的页等。"
                       "有提示的数字请对照原始文件核对。")
            ui.table(remarks.select("n", "warning", "parser_version", "synthetic"),
                     f"机关画像_{name}_{year}_解析提示")
    elif source is None:
        ui.empty("没有保存这份年报的原始文件。")
    else:
        st.markdown(f"文件：{ui.plain(source['file_name'] or '（未记录文件名）')} · 格式 {ui.plain(source['format'])} · "
                 f"{source['size_bytes'] / 1024:,.0f} KB · 首次导入 {source['first_seen']:%Y-%m-%d}")
        st.caption(f"年报编号（文件 SHA-256）：{report_id}")
        ui.download_source(report_id, source, name, year)

st.subheader("与上年相比")
yoy = ui.query("yoy_change", group_by="agency", agency_ids=[agency_id]).drop_nulls("reports_prev").select(
    "year", "received_prev", "received", "received_change", "received_change_pct", "open_rate_prev", "open_rate",
    "reviews_prev", "reviews", "crosses_template_change", "synthetic_reports")
if yoy.is_empty():
    ui.empty("所选年度范围内没有可与上一年对比的年报。")
else:
    ui.table(yoy, f"机关画像_{name}_与上年相比")
