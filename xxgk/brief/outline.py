"""The briefing's sections from the facts: headline figures, years, findings, caveats, methods, sources.

Pure: Facts in, a Brief (plain data) out. Every number is registered in the source notes (xxgk.brief.sources)
with the named query and the template cells it comes from.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import polars as pl

from xxgk import charts
from xxgk.brief import findings, wording
from xxgk.brief.facts import MIN_CONCLUDED_REVIEWS, MIN_PROCESSED, Facts
from xxgk.brief.model import Brief, Figure, Para, Section, Table
from xxgk.brief.sources import SMALL_SCOPE, CellRef, Notes, describe
from xxgk.brief.wording import num, pct
from xxgk.report import SYNTHETIC_MARK

RECEIVED = "table3.new_received.total"
PROCESSED = "table3.total_processed.total"
DISCLOSED = ["table3.granted.total", "table3.partially_granted.total"]
REVIEWS = "table4.review.total"
SUITS = ["table4.suit_direct.total", "table4.suit_after_review.total"]
REVIEW_CONCLUDED = ["table4.review.upheld", "table4.review.corrected", "table4.review.other"]
SUIT_CONCLUDED = [f"table4.{b}.{c}" for b in ("suit_direct", "suit_after_review")
                  for c in ("upheld", "corrected", "other")]
VOLUMES = {"t2_licensing__decisions": ("行政许可决定", "table2.licensing.decisions"),
           "t2_penalty__decisions": ("行政处罚决定", "table2.penalty.decisions"),
           "t2_coercion__decisions": ("行政强制决定", "table2.coercion.decisions")}


def outline(facts: Facts, today: dt.date) -> tuple[Brief, Notes]:
    """The whole briefing (without images) and its source notes."""
    notes = Notes()
    brief = Brief(title=wording.scope_title(facts.filters, facts),
                  selection=wording.selection(facts.filters, facts.agency_names),
                  issued=wording.date_line(today), synthetic=facts.synthetic)
    if facts.empty:
        brief.sections.append(Section("说明", [Para("当前筛选条件下没有年报，无法生成统计内容。请放宽年度、区县、部门类型或"
                                                   "机关筛选后重新生成。")]))
        return brief, notes
    if facts.synthetic:
        brief.sections.append(Section("", [Para(
            f"{SYNTHETIC_MARK}：本简报所选范围包含 {num(facts.kpi['synthetic_reports'])} 份生成的示例年报，"
            "数字仅用于演示，不代表任何真实机关。正式使用请在「数据集」中选择「真实年报」。", "warning")]))
    brief.sections += [headline(facts, notes), years(facts, notes), *findings.sections(facts, notes),
                       methods(facts)]
    return brief, notes


def _aggregate(facts: Facts, places: list[str]) -> list[CellRef]:
    """Every report's cell behind an aggregate when the selection is small enough to list them."""
    return [CellRef(p) for p in places] if (facts.kpi.get("reports") or 0) <= SMALL_SCOPE else []


def _scope(facts: Facts) -> str:
    n = facts.kpi["reports"]
    listed = "各年报单元格见附录二" if n <= SMALL_SCOPE else "逐份单元格可在看板「数据下载与说明」下载"
    return f"所选 {num(n)} 份现行年报；{listed}"


def _sum(df: pl.DataFrame, col: str) -> float | None:
    """Σ over rows, blank when every row is blank (blank is not 0)."""
    return None if col not in df.columns or df[col].null_count() == df.height else cast(float, df[col].sum())


def correction(law: pl.DataFrame, kind: str) -> float | None:
    """纠正 ÷ (维持 + 纠正 + 其他) over the rows of review_litigation (e.g. all years)."""
    concluded = sum((_sum(law, f"{kind}_{c}") or 0) for c in ("upheld", "corrected", "other"))
    corrected = _sum(law, f"{kind}_corrected")
    return None if not concluded or corrected is None else corrected / concluded


def headline(facts: Facts, notes: Notes) -> Section:
    k, sec = facts.kpi, Section("一、总体情况")
    rows: list[list[str]] = []

    def row(what: str, value: str, base: str, how: str, places: list[str]) -> str:
        m = notes.add(what, value, f"{how}；{_scope(facts)}", _aggregate(facts, places))
        rows.append([what, value, base, m])
        return m

    span = wording.span(facts)
    m_rep = row("年报数", num(k["reports"], "份"), f"{num(k['agencies'])} 个机关、{num(k['districts'])} 个区县",
                "overview_kpis.reports：每个机关每年计一份现行年报", [])
    m_rec = row("新收政府信息公开申请", num(k["received"], "件"), f"{num(k['reports_blank_received'])} 份年报未填报，未计入",
                f"overview_kpis.received：Σ {describe([RECEIVED])}，空白不按0计", [RECEIVED])
    m_pro = row("办理总计", num(k["processed"], "件"), "", f"overview_kpis.processed：Σ {describe([PROCESSED])}", [PROCESSED])
    m_dis = row("予以公开 + 部分公开", num(k["disclosed"], "件"), "只计填报了（七）总计的年报",
                f"overview_kpis.disclosed：Σ {describe(DISCLOSED)}", DISCLOSED)
    m_rate = row("公开率", pct(k["open_rate"]), f"基数：办理总计 {num(k['processed'], '件')}",
                 "overview_kpis.open_rate：（予以公开 + 部分公开）÷ 办理总计", [*DISCLOSED, PROCESSED])
    m_rev = row("行政复议", num(k["reviews"], "件"), "", f"overview_kpis.reviews：Σ {describe([REVIEWS])}", [REVIEWS])
    m_suit = row("行政诉讼", num(k["suits"], "件"), "未经复议直接起诉 + 复议后起诉",
                 f"overview_kpis.suits：Σ {describe(SUITS)}", SUITS)
    rcr = correction(facts.law, "review")
    concluded = sum((_sum(facts.law, f"review_{c}") or 0) for c in ("upheld", "corrected", "other"))
    m_rcr = row("复议纠错率", pct(rcr), f"基数：已审结复议 {num(concluded, '件')}",
                "review_litigation（全部，逐年相加）：Σ 结果纠正 ÷ Σ（结果维持 + 结果纠正 + 其他结果）",
                REVIEW_CONCLUDED)
    scr = correction(facts.law, "suit")
    concluded_s = sum((_sum(facts.law, f"suit_{c}") or 0) for c in ("upheld", "corrected", "other"))
    m_scr = row("诉讼纠错率", pct(scr), f"基数：已审结诉讼 {num(concluded_s, '件')}",
                "review_litigation（全部，逐年相加）：Σ 结果纠正 ÷ Σ（结果维持 + 结果纠正 + 其他结果），两类诉讼合计",
                SUIT_CONCLUDED)
    row("零申请年报", num(k["zero_application_reports"], "份"), "本年新收申请填报为 0",
        f"overview_kpis.zero_application_reports：{describe([RECEIVED])} = 0 的年报数", [RECEIVED])
    row("校验未通过的年报", num(k["reports_failing_checks"], "份"), "至少一条勾稽关系（R1–R5）不成立",
        "overview_kpis.reports_failing_checks", [])
    vol = []
    for measure, (name, cell) in VOLUMES.items():
        part = facts.volumes.filter(pl.col("measure") == measure)
        value, blank = _sum(part, "value"), _sum(part, "reports_blank")
        m = row(name, num(value, "件"), f"{num(blank or 0)} 份年报未填报，未计入",
                f"disclosure_volumes（全部，逐年相加）.value：Σ {describe([cell])}", [cell])
        vol.append(f"{name} {num(value, '件')}{m}")
    text = facts.volumes.filter(pl.col("measure") == "proactive_items")
    items = _sum(text, "value")
    m_items = row("主动公开政府信息（正文所述）", num(items, "条"),
                  f"{num(_sum(text, 'reports_printed') or 0)} 份年报正文有此数字",
                  "disclosure_volumes（全部，逐年相加）：年报正文「主动公开政府信息 N 条」之和（取自正文，非表格）", [])
    sec.add(Para(
        f"{span}，所选范围内共有 {num(k['agencies'])} 个机关的 {num(k['reports'])} 份年报{m_rep}。"
        f"共新收政府信息公开申请 {num(k['received'], '件')}{m_rec}，办理 {num(k['processed'], '件')}{m_pro}，"
        f"其中予以公开和部分公开 {num(k['disclosed'], '件')}{m_dis}，公开率 {pct(k['open_rate'])}{m_rate}。"
        f"因政府信息公开引起行政复议 {num(k['reviews'], '件')}{m_rev}、行政诉讼 {num(k['suits'], '件')}{m_suit}，"
        f"复议纠错率 {pct(rcr)}{m_rcr}，诉讼纠错率 {pct(scr)}{m_scr}。"
        f"主动公开方面，{'，'.join(vol)}；年报正文所述主动公开政府信息 {num(items, '条')}{m_items}。", "lead"))
    sec.add(Table(["指标", "数值", "基数与口径", "来源"], rows, caption="表1 主要指标"))
    return sec


def years(facts: Facts, notes: Notes) -> Section:
    sec = Section("二、逐年变化")
    law = facts.law.select("year", "review_correction_rate", "suit_correction_rate")
    t = facts.trend.join(law, on="year", how="left").sort("year")
    m = notes.add("逐年表（表2）各列", "见表2",
                  f"yearly_trend（年报数、新收申请、办理总计、公开率、行政复议、行政诉讼、零申请年报）与 review_litigation"
                  f"（全部）的复议纠错率，按年度；单元格：{describe([RECEIVED, PROCESSED, *DISCLOSED, REVIEWS, *SUITS])}；"
                  f"{_scope(facts)}", _aggregate(facts, [RECEIVED, PROCESSED, REVIEWS]))
    rows = [[str(r["year"]), r["template_era"], num(r["reports"]), num(r["received"]), num(r["processed"]),
             pct(r["open_rate"]), num(r["reviews"]), pct(r["review_correction_rate"]), num(r["suits"]),
             num(r["zero_application_reports"])] for r in t.iter_rows(named=True)]
    sec.add(Table(["年度", "模板", "年报数", "新收申请", "办理总计", "公开率", "行政复议", "复议纠错率", "行政诉讼",
                   "零申请年报"], rows, caption=f"表2 逐年主要指标{m}",
                  note="表三总计行与表四在 2019 版与 2021 版模板中含义相同，可跨 2020→2021 年比较。"
                       "空白、“/”、“-”不按 0 计。"))
    if t.height >= 2:
        sec.add(Figure("图1 依申请公开逐年趋势", charts.line_by_year(
            t, {"received": "本年新收申请", "processed": "办理总计", "disclosed": "予以公开+部分公开"},
            unit="件", title="依申请公开逐年趋势"), caption=f"数据：yearly_trend{m}"))
        sec.add(Figure("图2 公开率与复议纠错率逐年变化", charts.line_by_year(
            t, {"open_rate": "公开率", "review_correction_rate": "复议纠错率"}, share=True,
            title="公开率与复议纠错率逐年变化"), caption=f"数据：yearly_trend、review_litigation{m}"))
        sec.add(Figure("图3 因政府信息公开引起的复议与诉讼", charts.bars_by_year(
            t, {"reviews": "行政复议", "suits": "行政诉讼"}, stacked=False, title="因政府信息公开引起的复议与诉讼"),
            caption=f"数据：yearly_trend{m}"))
    return sec


def methods(facts: Facts) -> Section:
    late = ("迟报：按年报的发布日期（取自网页、落款日期或文件元数据）与《政府信息公开条例》第四十九条的期限比较："
            "政府本级为次年3月31日，其他机关为次年1月31日；发布日期不详的单独计数，不算按时也不算逾期。")
    return Section("七、数据来源与方法说明", [Para(t, "note") for t in (
        "数据来源：各机关公开发布的政府信息公开工作年度报告，原件逐字节保存，表二、表三、表四按年报模板逐格读取"
        "入库；每个机关每个年度只计一份现行年报（同年有多个版本时按既定规则选定，其余保留备查）。",
        "统计口径：合计只计填报了数字的单元格，空白、“/”、“-”不按 0 计，未填报的年报数在表中注明；"
        "公开率 =（予以公开 + 部分公开）÷（七）总计，只计填报了总计的年报；纠错率 = 结果纠正 ÷"
        "（结果维持 + 结果纠正 + 其他结果），尚未审结的不计。",
        f"排名：比率只在基数足够时排名（公开率：办理总计不少于 {MIN_PROCESSED} 件；复议纠错率：已审结复议不少于 "
        f"{MIN_CONCLUDED_REVIEWS} 件），未达基数的个数在表下注明；排名均为所选范围内最新年度。",
        "可比性：表三总计行与表四在 2019 版（2019–2020 年度）与 2021 版（2021 年度起）模板中含义相同，可跨年比较；"
        "表二只比较两版含义相同的行政许可、处罚、强制决定数量。", late,
        "数字溯源：每个数字旁的〔注n〕对应附录一，写明所用查询、公式与模板单元格（表、行、列按模板名称）；"
        "针对具体机关和年度的数字，附录二列出该单元格在年报中的原文与页码。",
        *([f"示例数据：示例市的年报为程序生成的示例数据（{SYNTHETIC_MARK}），仅用于演示，已在文首与页眉注明；"
            "表中对应行的数据提示亦注明。"] if facts.synthetic else []),
    )])
