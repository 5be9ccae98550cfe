"""数据下载与说明 Downloads and methodology: bulk exports, the data dictionary, how the numbers are made."""

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import dictionary, keys

METHODOLOGY = """
**数据来源。** 各机关公开发布的《政府信息公开工作年度报告》原件（网页、PDF、Word、文本），按国务院办公厅
2019 年版（2019–2020 年度）和 2021 年版（2021 年度起）统一格式读取表二、表三、表四。原件逐字节保存，
每个数字都记录其原文、所在页和位置，可在「机关画像」中追溯。

**空白不是零。** 空白、“/”、“-”、“无”等单元格记为空，不计入合计，也不算作零；各处另计未填报的年报数。

**跨年可比。** 表三（（六）其他处理的分项除外）、表四，以及行政许可、处罚、强制的决定数量在两版格式中含义相同，
可跨 2020→2021 年比较；表二第（一）项的口径在 2021 年改变，第（九）项只在 2019 版中存在，图表分别标注。

**勾稽校验。** 每份年报按下列规则检查；未通过的年报照原样保存并在「数据质量」中列出，不做修改。

**一个机关一年一份。** 同一机关同一年有多个来源时只计一份现行年报，数字不一致的标记为冲突。

**示例数据。** 标有「示例数据，虚构」的年报由程序生成，机关与数字均为虚构，仅供演示；它们自成「示例市」数据集，从不与真实年报相加，可在左侧「数据集」中切换。
"""

ui.header("数据下载与说明", "批量下载当前筛选范围的数据；每个指标的定义、口径与局限")

tab, where = ui.tabs(["批量下载", "数据字典", "方法说明"], "about_tab")
with where:
    if tab == "批量下载":
        quality = ui.query("data_quality", limit=1)  # its length only (one row per report): rows come with the download
        reports = int(quality["total_rows"][0]) if quality.height else 0
        if not reports:
            ui.empty("当前筛选条件下没有年报可下载。请放宽左侧筛选。")
            st.stop()
        st.markdown(f"**每个机关每年一行**：表三主要数字与公开率（当前范围 {reports:,} 份年报，按下按钮时生成）。")
        ui.download_query("applications_by_group", "年报主要数字_按机关年度", label="下载 CSV（按机关、年度）",
                          group_by="agency")
        st.markdown(f"**每份年报的数据质量提示**：共 {reports:,} 行。")
        ui.download_query("data_quality", "年报数据质量提示", label="下载 CSV（数据质量）")
        st.markdown("**全部单元格（长表）**：每个数字一行，含原文、页码、位置，可追溯到年报原件。")
        if reports > ui.MAX_CELL_EXPORT_REPORTS:
            st.info(f"当前范围有 {reports:,} 份年报，单元格过多，无法一次下载。请在左侧缩小年度或区县范围"
                    f"（不超过 {ui.MAX_CELL_EXPORT_REPORTS:,} 份年报）后分批下载；需要全库数据时请联系管理员导出。")
        else:
            ui.download_query("export_cells", "全部单元格", label="下载 CSV（全部单元格）")
        st.caption("所有 CSV 为 UTF-8（带 BOM）编码，可直接用 Excel 打开；空白单元格保持空白，不以 0 代替；"
                   "「数据性质」列标明是否含示例数据（虚构）。")
    elif tab == "数据字典":
        metrics = pl.DataFrame([{"指标": m.name_zh, "代码": m.key, "公式": m.formula, "来源单元格": m.source_cells,
                                 "跨2021年可比性": m.comparability, "空白处理": m.blanks, "注意": m.caveat}
                                for m in dictionary.METRICS])
        st.dataframe(metrics, hide_index=True, placeholder="")
        ui.download(metrics, "数据字典", label="下载数据字典 CSV")
    else:
        st.markdown(METHODOLOGY)
        st.dataframe(pl.DataFrame({"规则": list(keys.CHECK_RULES), "要求": list(keys.CHECK_RULES.values())}),
                     hide_index=True, placeholder="")
