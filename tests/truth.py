"""Hand-checked *.truth.json files (printed labels) turned into the canonical keys of the parse contract.

Table 三 rows are taken by position against keys.TABLE3_ROW_ORDER of the truth's template (a 2021 report
printing （六） as one row has 23 rows and follows the 2019 order); table 四 by position; table 二 by its
item and column labels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xxgk import keys

_ITEM_ALIASES = {"行政规范性文件": "normative_documents"}


def _table2(raw: dict[str, dict[str, Any]], template: str) -> dict[str, dict[str, Any]]:
    by_label = {label: key for key, label in keys.TABLE2_ITEMS.items()} | _ITEM_ALIASES
    out: dict[str, dict[str, Any]] = {}
    for item_label, cols in raw.items():
        item = by_label[item_label]
        col_keys = {label: key for key, label in keys.TABLE2_COLUMNS[template][item].items()}
        out[item] = {col_keys[label]: value for label, value in cols.items()}
    return out


def _table3(raw: dict[str, list[Any]], template: str) -> dict[str, dict[str, Any]]:
    rows = list(raw.values())
    order = keys.TABLE3_ROW_ORDER[template]
    if len(rows) == len(keys.TABLE3_ROW_ORDER["2019"]):
        order = keys.TABLE3_ROW_ORDER["2019"]
    assert len(rows) == len(order), f"truth table 三 has {len(rows)} rows, template {template} has {len(order)}"
    cols = list(keys.TABLE3_COLUMNS)
    return {key: dict(zip(cols, values, strict=True)) for key, values in zip(order, rows, strict=True)}


def _table4(raw: list[Any]) -> dict[str, dict[str, Any]]:
    assert len(raw) == 15
    cols = list(keys.TABLE4_COLUMNS)
    return {block: dict(zip(cols, raw[i * 5:(i + 1) * 5], strict=True)) for i, block in enumerate(keys.TABLE4_BLOCKS)}


def truth_to_canonical(path: str | Path) -> dict[str, Any]:
    """The truth file as {agency, year, template, table2, table3, table4} in canonical keys."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    template = raw["template"]
    agency = raw.get("agency")
    if isinstance(agency, str):
        agency = agency.split(" (")[0].strip()
    return {
        "agency": agency,
        "year": raw.get("year"),
        "template": template,
        "table2": _table2(raw["table2"], template) if raw.get("table2") else None,
        "table3": _table3(raw["table3"], template) if raw.get("table3") else None,
        "table4": _table4(raw["table4"]) if raw.get("table4") else None,
    }


def cells(obj: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
    """Every (table, row, column) → value of a canonical report or truth."""
    out: dict[tuple[str, str, str], Any] = {}
    for table in ("table2", "table3", "table4"):
        for row, cols in (obj.get(table) or {}).items():
            for col, value in cols.items():
                out[(table, row, col)] = value
    return out
