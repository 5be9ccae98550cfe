"""When a report was published: its date line (落款日期), else the file's metadata, else unknown.

The date line is the last line after section 六 (or, without sections, among the last lines) that holds a
date and nothing else but, at most, the signing agency's name: 2024年1月20日, 二〇二四年一月二十日,
宁波市鄞州区经济和信息化局 2024年1月20日. The metadata, in order: a 发布日期/发布时间 line at the top of a
saved web page or crawler text, or in a page's metadata table (发布日期 | 2024-01-20); the HTML publication
meta tag; the DOCX core property `created`; the PDF's CreationDate. A date is taken only when it falls in the two years after the reported year (a report is
published after its year ends; a 2019 report's file created in 2025 was exported again, not published then).
"""

from __future__ import annotations

import datetime as dt
import re

from xxgk.document import Document

_CN = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
       "九": 9}
_Y = r"\d{4}|[〇○零O一二三四五六七八九]{4}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE_LINE = re.compile(rf"^(?P<who>[^\d，。：:；、,.（）()]{{0,40}}?)\s*(?P<y>{_Y})\s*年\s*(?P<m>{_MD})\s*月\s*"
                        rf"(?P<d>{_MD})\s*日\s*$")
_SIX_LINE = re.compile(r"^[^\S\n]*六[^\S\n]*[、.．]", re.M)  # a line heading section 六
_META_WORDS = ("发布日期", "发布时间", "公开日期", "发文日期", "发布于")
_META_LINE = re.compile(rf"^\s*(?:{'|'.join(_META_WORDS)})\s*[:：]?\s*"
                        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_ISO = re.compile(r"(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})")
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})(\d{2})")
LAST_LINES = 15  # without section 六, the date line is looked for among the report's last lines
TOP_LINES = 40  # a saved page's metadata block sits at its top


def _cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 二十 → 20, 三十一 → 31; digits as they are."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN[s]


def _year(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(_CN[c]) for c in s))


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _plausible(date: dt.date | None, year: int | None) -> bool:
    """Within the two years after the reported year (any date when the year is unknown)."""
    if date is None:
        return False
    return year is None or year + 1 <= date.year <= year + 2


def text_to_date_line(text: str, year: int | None) -> dt.date | None:
    """The report's date line (落款日期) from its running text, when there is one."""
    headings = list(_SIX_LINE.finditer(text))  # the last heading 六: only the lines after it are read
    six = headings[-1] if headings else None
    if six is not None:
        end = text.find("\n", six.end())
        window = [ln.strip() for ln in text[end + 1:].split("\n") if ln.strip()] if end >= 0 else []
    else:
        window = [ln.strip() for ln in text.split("\n") if ln.strip()][-LAST_LINES:]
    for end in range(len(window), 0, -1):
        # a narrow right-aligned signature may come out of a PDF broken over lines: 2023年1 / 月23 / 日
        for size in (1, 2, 3):
            if size > end or (size > 1 and len(window[end - 1]) > 6):
                break
            m = _DATE_LINE.match("".join(window[end - size:end]))
            if m is None:
                continue
            date = _date(_year(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
            if _plausible(date, year):
                return date
    return None


def document_to_metadata_date(doc: Document, year: int | None) -> dt.date | None:
    """The publication date the file's metadata gives: page header line, HTML meta, DOCX created, PDF created."""
    for line in doc.lines[:TOP_LINES]:
        m = _META_LINE.match(line.text)
        if m and _plausible(date := _date(int(m[1]), int(m[2]), int(m[3])), year):
            return date
    for table in doc.tables[:3]:  # a page's metadata table: 发布日期 | 2024-01-20 (the report's tables follow)
        for row in table.texts():
            for label, value in zip(row, row[1:], strict=False):
                if not label.strip().startswith(_META_WORDS):
                    continue  # the line below cannot match (most cells: the report's own tables)
                m = _ISO.match(value.strip())
                if _META_LINE.match(f"{label.strip()}：{value.strip()}") and m and \
                        _plausible(date := _date(int(m[1]), int(m[2]), int(m[3])), year):
                    return date
    for key, pattern in (("published", _ISO), ("created", _ISO), ("creationdate", _PDF_DATE)):
        raw = (doc.meta.get(key) or "").strip()
        m = pattern.match(raw)
        if m and _plausible(date := _date(int(m[1]), int(m[2]), int(m[3])), year):
            return date
    return None


def document_to_published(doc: Document, text: str, year: int | None) -> dict[str, str] | None:
    """The contract's `published`: the date line first, else the metadata, else None."""
    date = text_to_date_line(text, year)
    if date is not None:
        return {"date": date.isoformat(), "source": "text"}
    date = document_to_metadata_date(doc, year)
    if date is not None:
        return {"date": date.isoformat(), "source": "metadata"}
    return None
