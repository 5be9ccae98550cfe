"""The six sections of a report (一 总体情况 … 六 其他需要报告的事项), found by their key phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xxgk.cellvalue import STRING_CACHE, squash
from xxgk.document import Document, Line

# Section number → key phrases of its heading (wording varies between agencies and years).
HEADINGS: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "概述", "基本情况"),
    2: ("主动公开政府信息情况", "主动公开情况", "主动公开政府信息"),
    3: ("收到和处理政府信息公开申请", "依申请公开", "收到和处理"),
    4: ("行政复议", "行政诉讼"),
    5: ("存在的主要问题", "问题及改进", "主要问题和改进", "问题及整改", "存在问题"),
    6: ("其他需要报告", "其他事项"),
}
_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_HEAD = re.compile(r"^([一二三四五六])[、.,]")
_CANDIDATE = re.compile(r"^[^\S\n]*[一二三四五六]", re.M)


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its number, printed heading and the index of its heading among the document's lines."""

    number: int
    heading: str
    start: int  # index into Document.lines
    end: int  # exclusive


@lru_cache(maxsize=STRING_CACHE)
def heading_number(text: str) -> int | None:
    """The section number a line heads (1–6), or None when it is not a section heading (cached: the lines it is asked
    about, the headings and table labels starting with a numeral 一–六, recur in every report)."""
    t = text.lstrip()
    if not t or t[0] not in _NUM:
        return None
    s = squash(t)
    m = _HEAD.match(s)
    if not m or len(s) > 40:
        return None
    n = _NUM[m.group(1)]
    return n if any(p in s for p in HEADINGS[n]) else None


def _candidates(lines: list[Line], text: str) -> list[int]:
    """Indexes of the lines that start with a numeral 一–六 (only they can head a section), found in one
    scan of the lines' texts joined (`text`); line by line when a line holds a line break of its own."""
    if text.count("\n") != len(lines) - 1:
        return [i for i, line in enumerate(lines) if _CANDIDATE.match(line.text)]
    out: list[int] = []
    line_no, pos = 0, 0
    for m in _CANDIDATE.finditer(text):
        line_no += text.count("\n", pos, m.start())
        pos = m.start()
        out.append(line_no)
    return out


def document_to_sections(doc: Document) -> list[Section]:
    """Sections 一–六 in order, each with the range of running-text lines it covers."""
    lines: list[Line] = doc.lines
    found: list[tuple[int, str, int]] = []
    last = 0
    for i in _candidates(lines, doc.joined):
        line = lines[i]
        n = heading_number(line.text)
        if n is not None and n > last:
            found.append((n, line.text.strip(), i))
            last = n
    out: list[Section] = []
    for k, (n, heading, start) in enumerate(found):
        end = found[k + 1][2] if k + 1 < len(found) else len(lines)
        out.append(Section(n, heading, start, end))
    return out
