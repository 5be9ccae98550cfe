"""The Report: one parsed 政府信息公开工作年度报告 in the canonical keys of the parse contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

Number = int | float

# Every generated (fictional) demo document prints this marker near its top; the parser sets
# Report.synthetic from it, the store keeps it, and every page and download shows it.
SYNTHETIC_MARK = "示例数据，虚构"


class CellRef(NamedTuple):
    """Where one value of a table came from: its printed text and place in the document.

    A named tuple: a report holds ~200; the parser's hot path builds them as `tuple.__new__(CellRef, (...))`,
    at a plain tuple's cost, and they travel to the writer as tuples."""

    table: str  # "table2", "table3" or "table4"
    row: str  # table2 item key, table3 row key or table4 block key
    col: str  # column key
    value: Number | None  # None: blank, or a cell holding no number ("/", "-", "无")
    raw: str  # the cell's text as printed
    label: str = ""  # the printed row label the value was read under
    page: int | None = None
    position: str | None = None  # e.g. "表3 行5 列2" or "第120行"


class Check:
    """The outcome of one consistency rule (R1–R5) at one place in a report.

    The detail text (the equation with its numbers) is written when first read: a report has ~100 checks
    and nearly all of them pass, so the parser's hot path gives a function and its arguments instead of
    the text (`Check.lazy`). Equal checks compare equal whichever way they were made."""

    __slots__ = ("rule", "ok", "where", "_detail", "_make")

    def __init__(self, rule: str, ok: bool, where: str, detail: str) -> None:
        self.rule, self.ok, self.where = rule, ok, where
        self._detail: str | None = detail
        self._make: tuple[Any, ...] | None = None

    @classmethod
    def lazy(cls, rule: str, ok: bool, where: str, make: Any, *args: Any) -> Check:
        """A check whose detail is `make(*args)`, called the first time the detail is read."""
        check = cls.__new__(cls)
        check.rule, check.ok, check.where = rule, ok, where
        check._detail, check._make = None, (make, *args)
        return check

    @property
    def detail(self) -> str:
        if self._detail is None:
            make = self._make
            assert make is not None
            self._detail = make[0](*make[1:])
            self._make = None
        return self._detail

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Check):
            return NotImplemented
        return (self.rule, self.ok, self.where, self.detail) == (other.rule, other.ok, other.where, other.detail)

    def __hash__(self) -> int:
        return hash((self.rule, self.ok, self.where, self.detail))

    def __repr__(self) -> str:
        return f"Check(rule={self.rule!r}, ok={self.ok!r}, where={self.where!r}, detail={self.detail!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A parse worker sends its checks to the single writer: the detail is written here, on the worker's
        # core, since the writer stores every check's detail.
        return (Check, (self.rule, self.ok, self.where, self.detail))

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
