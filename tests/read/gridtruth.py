"""Compare a Document's table grids with a truth file, below the parser: every printed row label
and its numbers must appear in one grid row, exactly as the truth file records them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from xxgk.document import Document, Table

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"


def load_truth(name: str) -> dict:
    return json.loads((REAL / f"{name}.truth.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def number(text: str) -> int | float | None:
    t = squash(text).replace(",", "")
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    if re.fullmatch(r"-?\d+\.\d+", t):
        return float(t)
    return None


def row_labels_and_values(table: Table) -> list[tuple[str, list[int | float | None]]]:
    """Each grid row as ('label/sublabel/…', numbers of its printed value cells)."""
    out = []
    for row in table.rows:
        labels: list[str] = []
        values: list[int | float | None] = []
        seen: set[tuple[int, int] | None] = set()
        for cell in row:
            if cell.origin in seen:
                continue
            seen.add(cell.origin)
            n = number(cell.text)
            if n is None and not values:
                if squash(cell.text):
                    labels.append(squash(cell.text))
            else:
                values.append(n)
        out.append(("/".join(labels), values))
    return out


def table3_mismatches(doc: Document, truth: dict) -> list[str]:
    """Truth rows of table 三 that no grid row of the document reproduces (label and 7 numbers)."""
    rows = [r for t in doc.tables for r in row_labels_and_values(t)]
    found = {label: values for label, values in rows}
    missing = []
    for key, expected in truth["table3"].items():
        got = found.get(squash(key))
        if got != expected:
            missing.append(f"{key}: expected {expected}, grid has {got}")
    return missing


def table4_row(doc: Document) -> list[int | float | None] | None:
    """The one row of 15 numbers (table 四)."""
    for t in doc.tables:
        for label, values in row_labels_and_values(t):
            if not label and len(values) == 15:
                return values
    return None
