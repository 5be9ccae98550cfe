"""The Report: one parsed 政府信息公开工作年度报告 in the canonical keys of the parse contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Number = int | float

# Every generated (fictional) demo document prints this marker near its top; the parser sets
# Report.synthetic from it, the store keeps it, and every page and download shows it.
SYNTHETIC_MARK = "示例数据，虚构"


@dataclass(slots=True)  # not frozen: ~200 per report, and a frozen dataclass is five times slower to build
class CellRef:
    """Where one value of a table came from: its printed text and place in the document."""

    table: str  # "table2", "table3" or "table4"
    row: str  # table2 item key, table3 row key or table4 block key
    col: str  # column key
    value: Number | None  # None: blank, or a cell holding no number ("/", "-", "无")
    raw: str  # the cell's text as printed
    label: str = ""  # the printed row label the value was read under
    page: int | None = None
    position: str | None = None  # e.g. "表3 行5 列2" or "第120行"


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one consistency rule (R1–R5) at one place in a report."""

    rule: str
    ok: bool
    where: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "ok": self.ok, "where": self.where, "detail": self.detail}


@dataclass(slots=True)
class Report:
    """A parsed report. `to_json()` gives exactly the object of the parse contract."""

    source: str
    sha256: str
    format: str
    agency: str | None = None
    year: int | None = None
    template: str = "legacy"  # "2019", "2021" or "legacy"
    region: dict[str, str | None] | None = None
    bureau: str | None = None
    # Per table, whose numbers it counts: "agency" | "region" | None (table not printed); xxgk.parse.scope.
    scope: dict[str, str | None] | None = None
    # {"date": "YYYY-MM-DD", "source": "text" | "metadata" | "web"} or None; xxgk.parse.published.
    published: dict[str, str] | None = None
    table2: dict[str, dict[str, Number | None]] | None = None
    table3: dict[str, dict[str, Number | None]] | None = None
    table4: dict[str, dict[str, Number | None]] | None = None
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Not printed by `parse`; kept for the store and for tracing a number to its cell.
    cells: list[CellRef] = field(default_factory=list)
    title: str | None = None
    narrative: dict[str, Number] = field(default_factory=dict)  # numbers stated in the text
    text: str = ""  # the running text, for near-duplicate detection and search
    # True when the document carries the marker SYNTHETIC_MARK (generated demo reports).
    synthetic: bool = False

    def to_json(self) -> dict[str, Any]:
        """The parse contract's JSON object for this report."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "format": self.format,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "region": self.region,
            "bureau": self.bureau,
            "scope": self.scope,
            "published": self.published,
            "table2": self.table2,
            "table3": self.table3,
            "table4": self.table4,
            "checks": [c.to_json() for c in self.checks],
            "warnings": list(self.warnings),
        }
