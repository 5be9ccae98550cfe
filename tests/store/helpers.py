"""Hand-built reports for store tests that must not depend on the parser."""

from __future__ import annotations

import hashlib
from pathlib import Path

from xxgk.agencies import resolve
from xxgk.checks import report_to_checks
from xxgk.report import CellRef, Report
from xxgk.store.parsed import Parsed

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def table3(new_received: float | None, granted: float | None) -> dict:
    return {"new_received": {"natural_person": new_received, "total": new_received},
            "granted": {"natural_person": granted, "total": granted}}


def parsed(agency: str, year: int, t3: dict, *, body: str = "", synthetic: bool = False,
           t4: dict | None = None, failed_checks: int = 0) -> Parsed:
    """A Parsed item whose bytes are a small text standing for the document. `failed_checks=1`: 本年新收's
    自然人 one short of its 总计, so that R2 fails there (the store checks the cells themselves)."""
    if failed_checks:
        t3 = {row: dict(cols) for row, cols in t3.items()}
        t3["new_received"]["natural_person"] -= 1
    content = f"{agency}{year}年政府信息公开工作年度报告\n{body}\n{t3}\n{t4}".encode()
    sha = hashlib.sha256(content).hexdigest()
    cells = [CellRef("table3", row, col, v, "" if v is None else str(int(v)), label=row, page=1,
                     position=f"表3 {row}/{col}")
             for row, cols in t3.items() for col, v in cols.items()]
    for block, cols in (t4 or {}).items():
        cells += [CellRef("table4", block, col, v, str(v)) for col, v in cols.items()]
    report = Report(source=f"{agency}-{year}.txt", sha256=sha, format="txt", agency=agency, year=year,
                    template="2021" if year >= 2021 else "2019", table3=t3, table4=t4, cells=cells,
                    synthetic=synthetic, text=body, narrative={"proactive_total": 12})
    report.checks = report_to_checks(report)
    assert sum(not c.ok for c in report.checks) == failed_checks
    return Parsed(sha, report.source, content, report=report, agency=resolve(agency), format="txt")
