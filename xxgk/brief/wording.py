"""How a briefing writes numbers, rates and the selection in Chinese (one rule for the whole document)."""

from __future__ import annotations

import datetime as dt

from xxgk import dictionary
from xxgk.brief.facts import Facts
from xxgk.filters import Filters

BLANK = "未填报"
NO_BASE = "—"
NAMED_AGENCIES = 6  # agencies named in the title block; more are counted


def num(v: float | int | None, unit: str = "") -> str:
    """A count in full with thousands separators (a briefing quotes exact figures); blank stays 未填报."""
    if v is None:
        return BLANK
    text = f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    return f"{text}{unit}"


def pct(rate: float | None) -> str:
    """A 0–1 rate as a percentage with one decimal; no denominator gives —."""
    return NO_BASE if rate is None else f"{100 * rate:.1f}%"


def span(facts: Facts) -> str:
    lo, hi = facts.kpi.get("year_min"), facts.kpi.get("year_max")
    if lo is None:
        return f"{facts.filters.year_from}–{facts.filters.year_to}年度"
    return f"{lo}年度" if lo == hi else f"{lo}–{hi}年度"


def selection(f: Filters, names: dict[int, str]) -> list[str]:
    """The selection, one line per filter, as the sidebar shows it."""
    years = f"{f.year_from}年度" if f.year_from == f.year_to else f"{f.year_from}–{f.year_to}年度"
    if f.year_to >= 2100 and f.year_from <= 2019:
        years = "全部年度"
    lines = [f"年度：{years}", "区县：" + ("、".join(f.districts) if f.districts else "全部区县"),
             "部门类型：" + ("、".join(f.bureaus) if f.bureaus else "全部部门类型")]
    if f.agency_ids:
        named = [names.get(i, f"编号{i}") for i in f.agency_ids if i >= 0]
        if not named:
            lines.append("机关：无符合条件的机关")
        elif len(named) > NAMED_AGENCIES:
            lines.append(f"机关：{'、'.join(named[:NAMED_AGENCIES])} 等 {len(named)} 个机关")
        else:
            lines.append("机关：" + "、".join(named))
    else:
        lines.append("机关：全部机关")
    lines.append("模板版本：" + ("、".join(dictionary.TEMPLATE_NAMES.get(t, t) for t in f.templates) if f.templates else "全部版本"))
    lines.append("数据集：" + ("示例市（示例数据，虚构）" if f.dataset == "demo" else "真实年报"))
    lines.append("统计口径：" + ("政府汇总（全区域）" if f.scope == "region" else "部门自身"))
    return lines


def scope_title(f: Filters, facts: Facts) -> str:
    """The selection in the title: the one agency chosen, else the districts and bureau types chosen."""
    parts = []
    if f.districts:
        parts.append("、".join(f.districts[:3]) + ("等" if len(f.districts) > 3 else ""))
    if f.bureaus:
        parts.append("、".join(f.bureaus[:3]) + ("等" if len(f.bureaus) > 3 else ""))
    named = [facts.agency_names[i] for i in f.agency_ids if i in facts.agency_names]
    if len(named) == 1:
        parts = [named[0]]
    where = "".join(parts)
    return f"{where}{span(facts)}政府信息公开工作年度报告统计简报"


def date_line(today: dt.date) -> str:
    return f"{today.year}年{today.month}月{today.day}日生成"


def file_name(f: Filters, kpi: dict, today: dt.date) -> str:
    """政务公开年报简报_2019-2024_20261206.docx (from overview_kpis); _示例数据 when demo reports are in it."""
    lo, hi = kpi.get("year_min") or f.year_from, kpi.get("year_max") or f.year_to
    years = f"{lo}" if lo == hi else f"{lo}-{hi}"
    return f"政务公开年报简报_{years}_{today:%Y%m%d}" + ("_示例数据" if kpi.get("synthetic_reports") else "") + ".docx"
