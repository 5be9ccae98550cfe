"""The parser: Document → Report, as a chain of pure steps.

document_to_rows (rows.py) → rows_to_regions (regions.py) → regions_to_template →
rows_to_table2 / rows_to_table3 / rows_to_table4 → metadata (meta.py) → Report.
Text copies of the national templates take a shortcut to the same tables (fast.py), with the same result.
"""

from __future__ import annotations

import re
from functools import _lru_cache_wrapper
from itertools import islice

from xxgk import cellvalue
from xxgk.document import Document
from xxgk.errors import NotAReport
from xxgk.parse import fast, glued, labels, meta, normalize, regions, rows, table3
from xxgk.parse import sections as sections_module  # its name is the sections a report's steps pass around
from xxgk.parse.fast import fast_tables
from xxgk.parse.meta import (
    SYNTHETIC_LINES,
    expand_abbreviation,
    find_signature,
    find_title,
    find_year,
    is_synthetic,
    plausible_agency,
)
from xxgk.parse.narrative import find_narrative
from xxgk.parse.published import document_to_published
from xxgk.parse.regions import rows_to_regions, template_signals
from xxgk.parse.rows import Row, document_to_rows
from xxgk.parse.sections import Section, document_to_sections
from xxgk.parse.table2 import rows_to_table2
from xxgk.parse.table3 import rows_to_table3, rows_to_table4
from xxgk.report import Report

__all__ = ["clear_caches", "document_to_report", "regions_to_template"]


def clear_caches() -> None:
    """Empty the per-string caches (line tokens, labels, values): for honest benchmarks and tests."""
    for module in (cellvalue, fast, glued, labels, meta, normalize, regions, rows, sections_module, table3):
        for obj in vars(module).values():
            # the module's own caches only: not what it imported (meta holds the gazetteer's registry)
            if isinstance(obj, _lru_cache_wrapper) and obj.__module__ == module.__name__:
                obj.cache_clear()


def regions_to_template(regions: dict[str, list[Row]], year: int | None) -> tuple[str, str | None]:
    """The template version from the tables' own labels; the year only breaks a tie (with a warning)."""
    sig = template_signals(regions)
    if sig["2019"] > sig["2021"]:
        return "2019", None
    if sig["2021"] > sig["2019"]:
        return "2021", None
    if year is not None:
        version = "2021" if year >= 2021 else "2019"
        return version, f"表格标签不足以判断模板版本，按报告年度 {year} 推定为 {version} 年版。"
    return "2019", "表格标签不足以判断模板版本，也没有报告年度，暂按 2019 年版读取。"


_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _running_text(lines: list[str], sections: list[Section]) -> str:
    """The report's own text from its lines' texts: from just above section 一 to the signature date after section 六
    (page chrome before and after left out when the sections are found), each line stripped, empty ones left out."""
    start = max(0, sections[0].start - 3) if sections else 0  # the title and opening paragraph
    end = len(lines)
    last = sections[-1] if sections else None
    if last is not None and last.number == 6:
        for i in range(last.start, min(len(lines), last.start + 40)):
            if _DATE_LINE.match(lines[i].strip()):
                end = i + 1
                break
    return "\n".join(filter(None, map(str.strip, lines[start:end])))


_REPORT_TITLE = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)")


def _looks_like_report(doc: Document, sections: list[Section]) -> bool:
    """A report without template tables still has a report title (page title or a short line near the
    top) or the report's section headings; a page that merely mentions reports in its chrome does not."""
    def titled(t: str) -> bool:
        m = _REPORT_TITLE.search(t)
        # a year or an agency name before the report words: "XX局2018年…报告", not a menu item "政府信息公开年报"
        if m is None:
            return False
        return bool(re.search(r"\d{4}\s*年", t)) or plausible_agency(t[:m.start()])

    if doc.title and titled(doc.title):
        return True
    start = sections[0].start if sections else 80
    lines = doc.lines
    for line in lines[max(0, start - 20):start + 1] + lines[:10]:
        t = line.text.strip()
        if len(t) <= 80 and titled(t) and not t.startswith(("相关", "上一篇", "下一篇")):
            return True
    return len(sections) >= 3


def document_to_report(doc: Document, source: str, sha256: str, general: bool = False) -> Report:
    """A Report from a Document: tables in canonical keys, template, agency, year, warnings.
    general=True (or the setting parse_general) reads the tables by the general path only."""
    report = Report(source=source, sha256=sha256, format=doc.format, title=doc.title)
    line_texts = doc.line_texts
    sections = document_to_sections(doc)
    report.text = _running_text(line_texts, sections)
    report.synthetic = is_synthetic(doc.title, list(islice((t for t in line_texts if t.strip()), SYNTHETIC_LINES)))

    fast = fast_tables(doc, general)

    agency, year = find_title(doc.title, line_texts, sections[0].start if sections else None)
    if agency is None:
        agency = find_signature(line_texts)
    if year is None:
        year = find_year(report.text or "\n".join(line_texts))
    if agency is not None:
        agency, note = expand_abbreviation(agency, report.text or "\n".join(line_texts))
        if note:
            report.warnings.append(note)
    report.agency, report.year = agency, year

    if fast is not None:
        (template, outs), note = fast, None
    else:
        regions = rows_to_regions(document_to_rows(doc))
        template, note = regions_to_template(regions, year)
        outs = []
        if regions["table2"]:
            outs.append(rows_to_table2(regions["table2"], template))
        if regions["table3"]:
            outs.append(rows_to_table3(regions["table3"], template))
        if regions["table4"]:
            outs.append(rows_to_table4(regions["table4"]))
    # an excerpt may hold table 四 alone: it counts when all its numbers were placed
    has_tables = any(out.data and (out.name != "table4" or not out.warnings) for out in outs)
    if not has_tables:
        if not _looks_like_report(doc, sections):
            raise NotAReport(
                "文件里没有政府信息公开工作年度报告的标题或统计表（表二、表三、表四），不像是一份年报。",
                code="not_a_report",
            )
        report.template = "legacy"
        if year is not None and year >= 2019:
            report.warnings.append(f"报告年度为 {year}，应使用国家模板，但没有读到统计表（可能是图片或附件），"
                                   "表格为空，按旧式报告处理。")
        else:
            report.warnings.append("没有找到国家模板的统计表（表二、表三、表四），按旧式（2019 年前）报告处理，表格为空。")
    else:
        report.template = template
        if note:
            report.warnings.append(note)
        for out in outs:
            if out.data:
                setattr(report, out.name, out.data)
            report.cells.extend(out.cells)
            report.warnings.extend(out.warnings)
        for name, label in (("table2", "表二"), ("table3", "表三"), ("table4", "表四")):
            if getattr(report, name) is None:
                report.warnings.append(f"没有找到{label}。")

    if report.agency is None:
        report.warnings.append("报告没有写明发布机关（标题、开头和落款中都没有找到），agency 留空。")
    if report.year is None:
        report.warnings.append("报告没有写明年度（标题和统计期限中都没有找到），year 留空。")
    report.narrative = find_narrative(report.text)
    report.published = document_to_published(doc, report.text, report.year)
    return report
