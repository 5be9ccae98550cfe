"""Report metadata from the running text: issuing agency, report year, synthetic marker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from xxgk.agencies import resolve
from xxgk.cellvalue import STRING_CACHE, halfwidth
from xxgk.divisions import prefix, registry
from xxgk.report import SYNTHETIC_MARK

_CJK_NAME = r"[\u4e00-\u9fff（）()·]"
_REPORT = r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)"
# "XX局2020年(度)政府信息公开工作年度报告", "XX局关于2020年…", "2020年度XX局政府信息公开工作年度报告"
_TITLE_A = re.compile(rf"({_CJK_NAME}{{2,40}}?)\s*(?:关于)?\s*(\d{{4}})\s*年度?\s*(?:的)?\s*{_REPORT}")
_TITLE_B = re.compile(rf"^(\d{{4}})\s*年度?\s*({_CJK_NAME}{{2,40}}?)\s*{_REPORT}")
_TITLE_C = re.compile(r"^(?:政府信息公开|政务公开)(?:工作)?\s*(\d{4})\s*年度?\s*(?:工作)?(?:年度)?(?:报告|年报)")
_LOOSE_TITLE = re.compile(rf"({_CJK_NAME}{{2,40}}?)\s*{_REPORT}")
_PERIOD = re.compile(r"统计(?:期限|时限|时间|期间|区间|范围)[^。\n]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_CN_NUM = "〇零○一二三四五六七八九十"
_DATE_TEXT = rf"(?:\d{{4}}|[{_CN_NUM}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月(?:\s*(?:\d{{1,2}}|[{_CN_NUM}]{{1,4}})\s*日)?"
_DATE = re.compile(rf"^{_DATE_TEXT}$")
_TITLE_E = re.compile(rf"^({_CJK_NAME}{{2,40}}?)\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?\s*(\d{{4}})\s*年度?\s*"
                      r"(?:工作)?(?:年度)?(?:报告|年报)")
_TITLE_D = re.compile(rf"^({_CJK_NAME}{{2,40}}?)\s*{_REPORT}\s*[（(]\s*(\d{{4}})\s*年度?\s*[)）]")
_AGENCY_END = re.compile(
    r"(?:局|委员会|委|办公室|办|人民政府|政府|院|厅|部|中心|所|队|署|会|处|站|街道|镇|乡|管委会|管理委员会|"
    r"实验区|新区|开发区|园区|示范区|馆|社|集团|公司|府|室|科|监狱|分局|支队|大队|总队|检察院|法院|银行|学校|大学)$"
)
_PREFIXES = ("标题", "名称", "题目", "关于印发", "关于", "印发", "转发", "根据", "现将", "公布", "发布")
_COMPILED = re.compile(r"编制|编写|制作|起草")


_LEAD = re.compile(r"^.*?(?:向社会公布|公布|发布|现将|印发|转发)")


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", "", name).strip("：:，,。 ")
    name = _LEAD.sub("", name)
    for p in _PREFIXES:
        if name.startswith(p):
            name = name[len(p):]
    return name.strip("：:（(")


_GENERIC = frozenset({"政府", "人民政府", "本机关", "本单位", "我局", "本局", "我委", "我办", "机关", "单位", "部门",
                      "区政府", "县政府", "市政府", "各部门", "信息公开", "政府信息公开"})


_REGION_END = re.compile(r"(?:省|自治区|市|县|区|旗|自治州|州|盟)$")


def _title_name(name: str) -> bool:
    """A name in a report title: an agency, or a region whose government issues the report
    ("洪泽区2023年政府信息公开工作年度报告" is the district's report, stated so)."""
    return _plausible(name) or (3 <= len(name) <= 20 and bool(_REGION_END.search(name))
                                and not _COMPILED.search(name) and name not in _GENERIC)


def _plausible(name: str) -> bool:
    return (3 <= len(name) <= 40 and bool(_AGENCY_END.search(name)) and not _COMPILED.search(name)
            and name not in _GENERIC and not name.startswith(("本", "我", "各")))


def plausible_agency(text: str) -> bool:
    """True when a text reads as an agency's name (after dropping lead-ins such as "关于", "标题：")."""
    return _plausible(_clean_name(text))


def _is_title_line(text: str) -> bool:
    return len(text) <= 70 and "。" not in text and "，" not in text


def _title_match(text: str, prev: str) -> tuple[str | None, int | None] | None:
    """(agency, year) a title line states, or None when the line is not a report title."""
    if "报告" not in text and "年报" not in text:
        return None  # every title pattern ends in one of them (most lines hold neither: no pattern is tried)
    return _title_patterns(text, prev)


def _title_patterns(text: str, prev: str) -> tuple[str | None, int | None] | None:
    """_title_match by trying each title pattern in turn."""
    m = _TITLE_C.match(text)
    if m:
        name = _clean_name(prev) if prev else ""
        return (name if _title_name(name) else None), int(m.group(1))
    for rx in (_TITLE_D, _TITLE_E):
        m = rx.match(text)
        if m and _title_name(_clean_name(m.group(1))):
            return _clean_name(m.group(1)), int(m.group(2))
    for rx in (_TITLE_B, _TITLE_A):
        m = rx.search(text) if rx is _TITLE_A else rx.match(text)
        if not m:
            continue
        year = int(m.group(1) if rx is _TITLE_B else m.group(2))
        name = _clean_name(m.group(2) if rx is _TITLE_B else m.group(1))
        if 1990 <= year <= 2100:
            return (name if _title_name(name) else None), year
    m = _LOOSE_TITLE.match(text)
    if m and _title_name(_clean_name(m.group(1))):
        return _clean_name(m.group(1)), None
    return None


@lru_cache(maxsize=STRING_CACHE)
def _head_line(t: str) -> str | None:
    """A line as a title candidate (half-width, trimmed), or None when it cannot be part of a title
    (cached: table cells and headings recur in every report)."""
    if t.strip() and (len(t) <= 40 or "报告" in t[:300] or "年报" in t[:300]):
        return halfwidth(t[:300]).strip()
    return None


@lru_cache(maxsize=STRING_CACHE)
def _title_match_cached(text: str, prev: str) -> tuple[str | None, int | None] | None:
    return _title_match(text, prev)


def _title_candidates(title: str | None, lines: list[str], body_start: int | None) -> Iterator[tuple[str, str]]:
    """find_title's candidates (a text and the line before it) in the order they speak: the lines just above
    section 一 (nearest first), the page title, the first lines, titles broken over two lines; a line that is a
    title (short, no full stop) before a sentence that mentions one. Made as far as they are asked for."""
    limit = 120 if body_start is None else max(120, body_start + 1)

    def heads(start: int, upto: int) -> list[tuple[int, str]]:
        """(line index, candidate text) of the lines from `start` to before `upto` that can be (part of) a title:
        short ones, or ones naming a report."""
        return [(i, h) for i, t in enumerate(lines[start:upto], start) if (h := _head_line(t)) is not None]

    def candidates() -> Iterator[tuple[str, str]]:
        top: list[tuple[int, str]] = []
        if body_start is not None:
            top = heads(0, body_start)  # the lines above section 一: where the title nearly always is
            near = [k for k, (i, _t) in enumerate(top) if body_start - 15 <= i]
            for k in reversed(near):
                yield top[k][1], top[k - 1][1] if k else ""
        if title:
            yield halfwidth(title).strip(), ""
        head = top + heads(body_start or 0, limit)  # the lines above section 一 are read already
        for k, (_i, t) in enumerate(head[:80]):
            yield t, head[k - 1][1] if k else ""
        # a title broken over two lines ("示范市司法局2020年" / "政府信息公开工作年度报告")
        for k, (_i, t) in enumerate(head[:40]):
            if k + 1 < len(head) and len(t) <= 30 and len(head[k + 1][1]) <= 30:
                yield t + head[k + 1][1], head[k - 1][1] if k else ""

    later: list[tuple[str, str]] = []
    for c in candidates():
        if _is_title_line(c[0]):
            yield c
        else:
            later.append(c)
    yield from later


def find_title(title: str | None, lines: list[str], body_start: int | None = None) -> tuple[str | None, int | None]:
    """(agency, year) from the report's title: the lines just above section 一 first (nearest first),
    then the page title, then the first lines. Titles of other reports in page chrome come after."""
    agency: str | None = None
    year: int | None = None
    for text, prev in _title_candidates(title, lines, body_start):
        found = _title_match_cached(text[:200], prev)
        if found is None:
            continue
        name, y = found
        if year is None and y is not None:
            year = y
        if agency is None and name is not None and (y is None or year is None or y == year):
            agency = name
        if agency is not None and year is not None:
            break
    return agency, year


def find_signature(lines: list[str]) -> str | None:
    """The agency signed at the end of the report: a name line next to a date line."""
    tail: list[str] = []
    for t in reversed(lines):
        if t.strip():
            tail.append(halfwidth(t).strip())
            if len(tail) == 40:
                break
    tail.reverse()
    for i in range(len(tail) - 1, -1, -1):
        text = tail[i]
        m = re.match(rf"^(.{{2,40}}?)\s*({_DATE_TEXT})$", text)
        if m and _plausible(_clean_name(m.group(1))):
            return _clean_name(m.group(1))
        if _DATE.match(text) and i > 0:
            name = _clean_name(tail[i - 1])
            if _plausible(name) and len(name) <= 30:
                return name
    return None


# The report's own year in a sentence: "现将本局2023年度政府信息公开工作情况报告如下",
# "本机关2022年政府信息公开工作年度报告由…编制".
_YEAR_PHRASE = re.compile(
    r"(?:现将|特将|现就|现把)[^。\n\d]{0,12}?(\d{4})\s*年度?[^。\n]{0,30}?(?:报告如下|公布如下|报告|年报)"
    r"|(?:本机关|本局|本委|本办|本单位|我局|我委|我办|本部门|本街道|本镇|本乡)\s*(\d{4})\s*年度?"
    r"(?:政府信息公开|政务公开)工作(?:年度)?报告")


def find_year(text: str) -> int | None:
    """The report year from the statistics period ("统计期限自2019年1月1日起"), else from a sentence that
    presents the report ("现将本局2023年度政府信息公开工作情况报告如下")."""
    head = halfwidth(text[:20000])
    m = _PERIOD.search(head)
    if m:
        return int(m.group(1))
    m = _YEAR_PHRASE.search(head[:5000])
    if m:
        year = int(m.group(1) or m.group(2))
        return year if 2000 <= year <= 2100 else None
    return None


_ABBREVIATED = re.compile(r"^(市|区|县)([\u4e00-\u9fff]{2,8})$")


def expand_abbreviation(agency: str, text: str) -> tuple[str, str | None]:
    """An agency printed without its place ("区发改局", "市科委") completed by the one city or county the
    report's text names ("宁波市鄞州区发改局": the short form is kept as printed, the registry reads it).
    Returns (name, warning); the name is unchanged, with a warning, when the text names no single place."""
    m = _ABBREVIATED.match(agency)
    if m is None:
        return agency, None
    level = "city" if m.group(1) == "市" else "county"
    reg = registry()
    head = halfwidth(text[:4000])
    found: dict[str, str] = {}  # code → prefix
    for i in range(len(head)):
        for n in range(2, min(reg.maxlen, len(head) - i) + 1):
            name = head[i:i + n]
            if name[-1] != m.group(1):
                continue
            for d in reg.by_name.get(name, []):
                if d.level == level:
                    found[d.code] = prefix(d)
    places = set(found.values())
    if len(places) == 1:
        place = places.pop()
        full = place + m.group(2)
        if resolve(full).resolved:
            return full, f"报告只印出机关简称「{agency}」，按正文中唯一的地名「{place}」补全为「{full}」。"
    where = "正文中提到多个地名" if len(places) > 1 else "正文中没有找到所在地名"
    return agency, f"报告只印出机关简称「{agency}」，{where}，无法确定是哪里的机关，未作补全。"


SYNTHETIC_LINES = 15  # the synthetic-data marker is looked for in the title and the first lines with text


def is_synthetic(title: str | None, lines: list[str]) -> bool:
    """True when the document's title or first lines carry the synthetic-data marker."""
    head = (title or "") + "\n".join(lines[:SYNTHETIC_LINES])
    return SYNTHETIC_MARK in head
