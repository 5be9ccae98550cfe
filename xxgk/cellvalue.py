"""How a printed table cell reads: full-width characters and odd spaces made plain, and the number (or blank
mark) a cell's text holds. Shared by the readers (which words end a PDF line as its values) and the parser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Full-width ASCII (！..～) to half-width, plus the ideographic space and the no-break spaces.
_WIDTH: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: None,
               0xFEFF: None, 0x2212: 0x2D, 0x2014: 0x2D, 0x2013: 0x2D, 0x2015: 0x2D})
_WS = re.compile(r"\s+")

# Entries of each per-string cache of the parser (a line's tokens, a cell's value, a label's parts …). The strings
# that recur are the template's labels and cells, a few thousand; the rest (running text) occur once, and with
# 65,536 entries a parser process grew to about 300 MB over 100k reports for no more hits (about 110 MB now).
STRING_CACHE = 8192


# Any character _WIDTH changes: a text holding none (most labels and running text) is returned as it is, since
# translating looks each character up in the table one by one.
_WIDE_OR_ODD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _WIDTH) + "]")


def halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation turned to ASCII; odd spaces to plain spaces."""
    return text.translate(_WIDTH) if _WIDE_OR_ODD.search(text) else text


@lru_cache(maxsize=STRING_CACHE)
def squash(text: str) -> str:
    """Half-width text with every space removed (for comparing labels)."""
    return _WS.sub("", halfwidth(text))



# --- cell values --------------------------------------------------------------------------------

NULL_MARKS = frozenset({"", "/", "-", "--", "---", "\\", "无", "空", "—", "——", "/ ", "x", "X", "×", "…", "...",
                        "不适用", "暂无", "_", "——/", "N/A", "n/a"})
_NUMBER = re.compile(
    r"^(?P<sign>[-+]|减|增)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>万元|亿元|元|件|条|个|项|次|人|万)?$"
)


@dataclass(frozen=True, slots=True)
class CellValue:
    """A parsed cell: the number (None for blank or a no-number mark) and the unit printed with it."""

    value: int | float | None
    unit: str = ""
    is_value: bool = True  # False when the text is not a cell value at all (a label)
    odd: str = ""  # why a cell that reads as a number is not a count ("1e30"): left blank with a warning


NOT_A_VALUE = CellValue(None, "", False)
# A note printed after the number in the same cell: "18（其中修订5件）", "40(含废止12件)", "3（均为网上申请）".
_NOTE = re.compile(r"^(?P<num>[^（()）]+?)[（(][^（()）]*[)）]$")
_EXPONENT = re.compile(r"^[-+]?\d+(?:\.\d+)?[eE][-+]?\d+$")
MAX_DIGITS = 40  # glued rows of digits (for xxgk.parse.glued) stay values up to this length


# Chinese characters a cell's text may start with and still be a value: a sign (减/增) or a blank mark (无, 空, 不适用,
# 暂无). Text starting with any other (a label, a line of running text) is no value, whatever follows.
_VALUE_STARTS = frozenset("减增无空不暂")


@lru_cache(maxsize=STRING_CACHE)
def parse_value(raw: str) -> CellValue:
    """The number a table cell holds: blank and "/" "-" "无" give None; "00", "１２", "1,234", "5万元" are read."""
    if raw.isdigit() and raw.isascii():  # plain digits, the commonest cell
        return CellValue(int(raw)) if len(raw) <= MAX_DIGITS else NOT_A_VALUE
    first = raw.lstrip()[:1]
    if "\u4e00" <= first <= "\u9fff" and first not in _VALUE_STARTS:
        return NOT_A_VALUE  # what _read_value gives it, known from its first character
    return _read_value(raw)


def _read_value(raw: str) -> CellValue:
    """parse_value without its shortcuts for plain digits and for text starting with a Chinese character."""
    s = squash(raw).replace("，", ",").replace("．", ".")
    if s in NULL_MARKS or (s and set(s) <= set("-/—_\\")):
        return CellValue(None)
    m = _NUMBER.match(s)
    if not m:
        if _EXPONENT.match(s):
            return CellValue(None, "", True, "印成了科学计数法，不是件数")
        note = _NOTE.match(s)
        if note and _NUMBER.match(note.group("num")):
            return parse_value(note.group("num"))  # the note stays in the cell's raw text
        return NOT_A_VALUE
    num = m.group("num").replace(",", "")
    if len(num) > MAX_DIGITS:
        return NOT_A_VALUE  # no table cell holds a number this long (and floats could not hold it)
    value: int | float
    if "." in num:
        f = float(num)
        value = int(f) if f.is_integer() else f
    else:
        value = int(num)
    if m.group("sign") in ("-", "减"):
        value = -value
    unit = m.group("unit") or ""
    if unit == "万":
        unit = "万元"
    return CellValue(value, unit)


def is_value_text(raw: str) -> bool:
    """True when a piece of text reads as a table value (a number, a blank mark or nothing)."""
    return parse_value(raw).is_value
