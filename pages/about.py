"""数据下载与说明 Downloads and methodology: bulk exports, the data dictionary, how the numbers are made."""

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import charts, dictionary, keys

ui.header("数据下载与说明", "批量下载当前筛选范围的数据；每个指标的定义、口径与局限（Downloads and methodology）")

tab, where = ui.tabs(["批量下载", "数据字典", "方法说明"], "about_tab")
with where:
    if tab == "批量下载":
        per_report = ui.query("applications_by_group", group_by="agency")
        if per_report.is_empty():
            ui.empty("当前筛选条件下没有年报可下载。请放宽左侧筛选。")
            st.stop()
        st.markdown(f"**每个机关每年一行**：表三主要数字与公开率，共 {per_report.height:,} 行。")
        ui.download(per_report, "年报主要数字_按机关年度", labels=charts.LABELS, label="下载 CSV（按机关、年度）")
        quality = ui.query("data_quality")
        st.markdown(f"**每份年报的数据质量提示**：共 {quality.height:,} 行。")
        ui.download(quality, "年报数据质量提示", labels=charts.LABELS, label="下载 CSV（数据质量）")
        st.markdown("**全部单元格（长表）**：每个数字一行，含原文、页码、位置，可追溯到年报原件。")
        if quality.height > ui.MAX_CELL_EXPORT_REPORTS:
            st.info(f"当前范围有 {quality.height:,} 份年报，单元格过多。请缩小年度或区县范围"
                    f"（不超过 {ui.MAX_CELL_EXPORT_REPORTS:,} 份），或由管理员用命令 `python -m xxgk export --out 文件夹` 导出全部数据。")
        else:
            ui.download_query("export_cells", "全部单元格", labels=charts.LABELS, label="下载 CSV（全部单元格）")
        st.caption("所有 CSV 为 UTF-8（带 BOM）编码，可直接用 Excel 打开；空白单元格保持空白，不以 0 代替；"
                   "「数据性质」列标明是否含示例数据（虚构）。")
    elif tab == "数据字典":
        metrics = pl.DataFrame([{"指标": m.name_zh, "代码": m.key, "公式": m.formula, "来源单元格": m.source_cells,
                                 "跨2021年可比性": m.comparability, "空白处理": m.blanks, "注意": m.caveat}
                                for m in dictionary.METRICS])
        st.dataframe(metrics, hide_index=True)
        ui.download(metrics, "数据字典", label="下载数据字典 CSV")
    else:
        st.markdown(ui.METHODOLOGY)
        st.dataframe(pl.DataFrame({"规则": list(keys.CHECK_RULES), "要求": list(keys.CHECK_RULES.values())}),
                     hide_index=True)
