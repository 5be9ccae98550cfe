"""Text normalisation of the parser: spaces, numbering, and money units. How a cell's text reads (widths,
blank marks, numbers) is xxgk.cellvalue, shared with the readers."""

from __future__ import annotations

import re
from functools import lru_cache

from xxgk.cellvalue import STRING_CACHE, CellValue, halfwidth, squash

_WS = re.compile(r"\s+")


@lru_cache(maxsize=STRING_CACHE)
def clean(text: str) -> str:
    """Half-width text with runs of spaces collapsed and the ends trimmed."""
    return _WS.sub(" ", halfwidth(text)).strip()


# Row numbering printed before labels: 一、 （三） (3) 1. 1、 1．
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十]+[)）]|\(?\d{1,2}\)|\d{1,2}[.、,])\s*")


def strip_numbering(label: str) -> str:
    """A squashed label without its leading numbering ("（三）", "2.", "四、")."""
    s = squash(label).strip("“”\"'：:")
    for _ in range(2):  # "三、（一）" style double numbering
        s2 = NUMBERING.sub("", s)
        if s2 == s:
            break
        s = s2
    return s


# --- money units -------------------------------------------------------------------------------

def to_yuan(v: CellValue) -> int | float | None:
    """A money value in 元 (the 2019 采购总金额 has no fixed unit)."""
    if v.value is None:
        return None
    if v.unit == "万元":
        return _tidy(v.value * 10000)
    if v.unit == "亿元":
        return _tidy(v.value * 100_000_000)
    return v.value


def to_wan_yuan(v: CellValue) -> int | float | None:
    """A money value in 万元 (the 2021 本年收费金额 column's unit)."""
    if v.value is None:
        return None
    if v.unit == "元":
        return _tidy(v.value / 10000)
    if v.unit == "亿元":
        return _tidy(v.value * 10000)
    return v.value


def _tidy(x: float | int) -> int | float:
    """Round away float noise from a unit conversion."""
    r = round(float(x), 6)
    return int(r) if r.is_integer() else r
