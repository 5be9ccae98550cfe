"""Titles: is a link an annual report, a look-alike to leave alone, a column to open, or unclear?

A report title names the report (政府信息公开工作年度报告, 政务公开工作年度报告, 信息公开年报, …) and a year
or an agency; the same words without either name a column (政府信息公开年报). Look-alikes are out by
their own words. Anything else is unclear: inside a 年报 column it is fetched and the parser decides.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

REPORT = "report"
OUT = "out"
COLUMN = "column"
UNCLEAR = "unclear"

_WS = re.compile(r"\s+")
# The report's own name and its usual variants (年报, titles without 工作, 政务公开 for 信息公开).
_REPORT_WORDS = re.compile(r"(信息公开|政务公开)(工作)?(年度)?(报告|年报)|公开(工作)?年度报告|公开年报|年度报告|年报")
# Look-alikes: guides, rule-of-law reports, work summaries, budgets, notices about compiling the reports,
# explanations (解读, often image-only), statistics and company annual reports. Never a word that
# agency names hold (规划, 审计, 统计局, 信用): 自然资源和规划局 publishes a report like any other.
_OUT_WORDS = re.compile(
    r"指南|法治政府|法治建设|依法行政|工作总结|预算|决算|三公经费|解读|图解|一图读懂|一图看懂|图说|通知|编制工作|"
    r"统计公报|统计年报|统计年鉴|企业年报|年报公示|社会责任报告|述职|工作要点|工作计划|申请表|申请流程|"
    r"新闻发布|会议纪要|公开制度")
_YEAR = re.compile(r"(?:19|20)\d{2}|[二〇○零一二三四五六七八九]{4}年")
# Words that name where the reports are kept (a portal's 政府信息公开 section and its 年报 column).
_FILLER = re.compile(r"政府信息公开|政务公开|信息公开|工作|年度报告|年度|报告|年报|公开|关于|的")
# Plural names of columns (乡镇街道年报, 部门年报): not one agency
_GENERIC = re.compile(r"乡镇街道|镇街|乡镇|街道|部门|区县|县区|市直|单位|各|委办局|直属|机构|本级")
_TOPIC_WORDS = re.compile(r"政府信息公开|信息公开|政务公开|年报|年度报告")
_AGENCY = re.compile(r"(局|委员会|委|办公室|办|政府|街道|乡|镇|中心|院|所|署|厅|部|队|会)")

DOC_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps")
# Suffixes of web pages; anything else with a suffix (images, archives, spreadsheets) is not followed.
PAGE_EXTENSIONS = ("", ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".jhtml", ".php", ".asp", ".aspx", ".do",
                   ".action", ".json", ".xml", ".cgi")


def clean(title: str) -> str:
    """A link text with blanks removed (lists print titles with spaces and &nbsp; at random)."""
    return _WS.sub("", title or "").replace("\u3000", "").strip()


def title_kind(title: str) -> str:
    """report | out | column | unclear, from a link's title alone."""
    t = clean(title)
    if not t:
        return UNCLEAR
    if _OUT_WORDS.search(t):
        return OUT
    if _REPORT_WORDS.search(t):
        # "政府信息公开年报" alone names the column; a year or an agency makes it one report
        rest = _GENERIC.sub("", _FILLER.sub("", t))
        if _YEAR.search(t) or _AGENCY.search(rest):
            return REPORT
        return COLUMN
    if _TOPIC_WORDS.search(t) and len(t) <= 12:
        return COLUMN
    return UNCLEAR


def is_report_column(title: str) -> bool:
    """The column that holds the reports themselves (年报 / 年度报告), not the wider 信息公开 section."""
    return title_kind(title) == COLUMN and bool(re.search(r"年报|年度报告", clean(title)))


def suffix(url: str) -> str:
    """The lower-case suffix of a URL's path ('' when none)."""
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return ("." + last.rsplit(".", 1)[-1].lower()) if "." in last else ""


def is_document_url(url: str) -> bool:
    """A link to an attached file in a report format (PDF, DOC, DOCX, WPS)."""
    return suffix(url) in DOC_EXTENSIONS


def is_page_url(url: str) -> bool:
    """A link that may be a web page (not an image, archive or spreadsheet)."""
    return suffix(url) in PAGE_EXTENSIONS
