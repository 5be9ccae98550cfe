"""Comparing what the parser read with a generated report's truth, cell by cell."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

TABLES = ("table2", "table3", "table4")


@dataclass(slots=True)
class Score:
    """Cells read right out of cells printed, and the wrong ones as (table, row, col, expected, got)."""

    right: int = 0
    total: int = 0
    wrong: list[tuple[str, str, str, Any, Any]] = field(default_factory=list)
    meta_wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # agency, year, template


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def score(truth: dict[str, Any], got: dict[str, Any]) -> Score:
    """Every truth cell checked against the parser's output (a missing cell counts wrong, as "absent")."""
    s = Score()
    for key in ("agency", "year", "template"):
        if truth.get(key) != got.get(key):
            s.meta_wrong.append((key, truth.get(key), got.get(key)))
    for table in TABLES:
        expected = truth.get(table) or {}
        actual = got.get(table) or {}
        for row, cols in expected.items():
            for col, value in cols.items():
                s.total += 1
                have = actual.get(row, {})
                if col in have and _same(value, have[col]):
                    s.right += 1
                else:
                    s.wrong.append((table, row, col, value, have.get(col, "absent")))
        for row, cols in actual.items():  # cells the parser invented
            for col in cols:
                if col not in expected.get(row, {}):
                    s.total += 1
                    s.wrong.append((table, row, col, "absent", cols[col]))
    return s


def failed_rules(checks: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(rule, where) of the failed R1–R4 checks of a parse result."""
    return {(c["rule"], c["where"]) for c in checks if not c["ok"] and c["rule"] in ("R1", "R2", "R3", "R4")}


def injected_rules(truth: dict[str, Any]) -> set[tuple[str, str]]:
    """(rule, where) of the R1–R4 failures the generator injected."""
    return {(f["rule"], f["where"]) for f in truth.get("injected", []) if f["rule"] in ("R1", "R2", "R3", "R4")}
