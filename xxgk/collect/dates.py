"""Publication dates as printed: beside a link in a list, in a page's meta tags, or in its 发布日期 line."""

from __future__ import annotations

import datetime as dt
import re

from selectolax.lexbor import LexborHTMLParser

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Meta tags CMSs use for the publication date, most specific first.
META_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "articlepublishdate", "published_time",
              "article:published_time", "dc.date.issued", "dc.date", "publishtime", "releasedate")
_PAGE_LABEL = re.compile(r"(?:发布日期|发布时间|发布于|发文日期|公开日期)\s*[:：]?\s*")

LIST = "list"
META = "meta"
PAGE = "page"


def find_date(text: str) -> dt.date | None:
    """The first real calendar date written in `text` (2024-01-15, 2024/1/15, 2024年1月15日)."""
    for m in _DATE.finditer(text or ""):
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        if 1990 <= d.year <= dt.date.today().year + 1:
            return d
    return None


def meta_date(tree: LexborHTMLParser) -> dt.date | None:
    """The date in a PubDate-style <meta> tag, if the page has one."""
    found: dict[str, str] = {}
    for m in tree.css("meta"):
        name = (m.attributes.get("name") or m.attributes.get("property") or "").strip().lower()
        if name in META_NAMES and name not in found:
            found[name] = m.attributes.get("content") or ""
    for name in META_NAMES:
        if name in found and (d := find_date(found[name])):
            return d
    return None


def page_date(text: str) -> dt.date | None:
    """The date after 发布日期/发布时间 in a page's visible text."""
    for m in _PAGE_LABEL.finditer(text or ""):
        d = find_date(text[m.end():m.end() + 24])
        if d:
            return d
    return None


def best(list_date: dt.date | None, meta: dt.date | None, page: dt.date | None) -> tuple[dt.date | None, str | None]:
    """The most trusted date found and where it came from: list > meta > page."""
    for d, source in ((list_date, LIST), (meta, META), (page, PAGE)):
        if d is not None:
            return d, source
    return None, None
