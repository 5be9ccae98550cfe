"""The Sheet: one report as it will be printed — each cell's text and the value that text stands for.

The renderers print `Cell.text`; the truth file holds `Cell.value`. Because a cell's text is made
from its value here and nowhere else, the truth is exactly what the document prints.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from xxgk.demo.city import Agency
from xxgk.report import SYNTHETIC_MARK

Number = int | float
MARK_LINE = f"【{SYNTHETIC_MARK}】"

_FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


class Cell(NamedTuple):  # a tuple: made ~200 times per report, so cheap construction matters
    """A printed cell: its text, and the number it means (None for blank or "/")."""

    text: str
    value: Number | None


def count_cell(value: int, rng: random.Random, noisy: bool) -> Cell:
    """A count as agencies print it: mostly plain digits; in noisy reports also "00", full-width, "1,234"."""
    if not noisy:
        return Cell(str(value), value)
    if rng.random() < 0.85:
        return Cell(str(value), value)
    r = rng.random()
    if value == 0 and r < 0.5:
        return Cell("00", 0)
    if value >= 1000 and r < 0.7:
        return Cell(f"{value:,}", value)
    if r < 0.8:
        return Cell(str(value).translate(_FULLWIDTH), value)
    return Cell(f"{value}件" if value else "0", value)


def wan_yuan_cell(value: float, rng: random.Random, noisy: bool) -> Cell:
    """A fee amount in 万元, sometimes with its unit printed."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value else "0"
    v: Number = float(text) if "." in text else int(text)
    if noisy and value and rng.random() < 0.5:
        return Cell(f"{text}万元", v)
    return Cell(text, v)


def yuan_cell(value: int, rng: random.Random, noisy: bool) -> Cell:
    """A procurement amount in 元, printed as 元, 万元 or a bare number."""
    if not value:
        return Cell("0", 0)
    if noisy:
        r = rng.random()
        if r < 0.3 and value % 100 == 0:
            wan = value / 10000
            text = f"{wan:.2f}".rstrip("0").rstrip(".")
            return Cell(f"{text}万元", value)
        if r < 0.6:
            return Cell(f"{value}元", value)
        if r < 0.8:
            return Cell(f"{value:,}", value)
    return Cell(str(value), value)


def blank_cell(rng: random.Random) -> Cell:
    """A cell that prints no number: blank, "/", "-" or "无"."""
    return Cell(rng.choice(("", "", "/", "/", "-", "无")), None)


Grid = dict[str, dict[str, Cell]]


def publish_deadline(agency: Agency, year: int) -> dt.date:
    """条例第四十九条: a government's own report by 31 March of the next year, every other agency's by 31 January."""
    return dt.date(year + 1, 3 if agency.kind == "gov" else 1, 31)


@dataclass(slots=True)
class Sheet:
    """One report ready to print."""

    agency: Agency
    year: int
    template: str
    table2: Grid
    table3: Grid
    table4: Grid
    labels: dict[str, str] = field(default_factory=dict)  # row key -> printed label, where it differs
    narrative: dict[str, int] = field(default_factory=dict)  # numbers the prose states
    sections: dict[str, list[str]] = field(default_factory=dict)  # "一" … "六" -> paragraphs
    headings: dict[str, str] = field(default_factory=dict)  # "一" … "六" -> printed heading
    injected: list[dict[str, str]] = field(default_factory=list)
    noise: list[dict[str, str]] = field(default_factory=list)
    published: str = ""  # 发布日期, e.g. "2022-01-20"
    date_printed: bool = True  # the date line (落款日期) is printed after the signature
    style: int = 0  # renderer layout variant, drawn once per sheet
    three_line: bool = False  # PDF: a 三线表 (three rules, no cell borders) instead of a ruled grid
    glued: bool = False  # text: a crawler dump, table cells run together with no separator

    def has_blank_text(self) -> bool:
        """True when some value prints as nothing at all (a glued layout could not show it)."""
        return any(c.text == "" for g in (self.table2, self.table3, self.table4) for row in g.values()
                   for c in row.values())

    @property
    def published_cn(self) -> str:
        """The publication date as the signature prints it (2022年1月20日); "" when no date line is printed."""
        if not self.date_printed:
            return ""
        y, m, d = (int(x) for x in self.published.split("-"))
        return f"{y}年{m}月{d}日"

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告"

    def label(self, key: str, default: str) -> str:
        return self.labels.get(key, default)

    def truth(self, name: str, fmt: str) -> dict[str, Any]:
        """The truth file's object: the parse contract's keys with the values this sheet prints."""
        d = self.agency.district
        deadline = publish_deadline(self.agency, self.year)
        return {
            "source": name,
            "format": fmt,
            "synthetic": True,
            "agency": self.agency.name,
            "year": self.year,
            "template": self.template,
            "region": {"province": "示例省", "city": d.city, "district": None if d.level == "city" else d.name,
                       "code": d.code},
            "bureau": self.agency.bureau,
            # The demo's governments print their own figures (their profile has no area sums): agency throughout.
            "scope": {"table2": "agency", "table3": "agency", "table4": "agency"},
            "published": {"date": self.published, "date_line": self.date_printed},
            "deadline": deadline.isoformat(),
            "on_time": dt.date.fromisoformat(self.published) <= deadline,
            "table2": _values(self.table2),
            "table3": _values(self.table3),
            "table4": _values(self.table4),
            "narrative": dict(self.narrative),
            "injected": list(self.injected),
            "noise": list(self.noise),
        }


def _values(grid: Grid) -> dict[str, dict[str, Number | None]]:
    return {row: {col: cell.value for col, cell in cols.items()} for row, cols in grid.items()}
