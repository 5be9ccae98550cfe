"""Printing a year's facts as a Sheet, with the noise and faults real reports have.

Noise changes how a number looks, never what it is ("00", full-width digits, units, blank or "/"
for a zero, a typo in a row label). Faults change printed numbers so that a consistency rule
fails (a mistyped cell, a wrong total); every rule failure a fault causes is listed in the sheet's
`injected`, found by evaluating R1–R4 on the printed values, so the list is exact however faults
overlap.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from xxgk.demo.city import Agency
from xxgk.demo.numbers import Facts
from xxgk.demo.sheet import Cell, Grid, Sheet, blank_cell, count_cell, wan_yuan_cell, yuan_cell
from xxgk.keys import APPLICANT_COLUMNS, OTHER_DETAIL_ROWS, OUTCOME_ROWS, TABLE3_ROW_ORDER

P_FAULT = 0.04  # reports with a wrong number (R1–R4 fail)
P_BLANK = 0.18  # reports that print zeros as blank or "/"
P_NOISY = 0.25  # reports with "00", full-width digits, units, thousands separators
P_LABEL_TYPO = 0.05
P_ONE_ROW_OTHER = 0.05  # 2021 reports still printing （六）其他处理 as one row, as in the 2019 template

# row key -> mistyped labels seen in the wild (a character dropped, swapped or misread).
LABEL_TYPOS: dict[str, tuple[str, ...]] = {
    "denied_law_prohibited": ("2.其他法律行政止公开", "2.其他法律行政法规禁止公示"),
    "unavailable_not_held": ("1.本机关不掌握相关政府信", "1.本机关不掌握相关政务信息"),
    "not_processed_petition": ("1.信访举报投述类申请",),
    "denied_internal_affairs": ("5.属于三类内部事物信息",),
    "granted": ("（一）予与公开",),
    "carried_forward": ("四、结转下年度继续处理", "四、结转下年继续办理"),
    "denied_security_stability": ('3.危及"三安全一稳定"', "3.危及三安全一稳定"),
}


def _grid(facts: Mapping[str, Mapping[str, int | float]], rng: random.Random, noisy: bool) -> Grid:
    out: Grid = {}
    for row, cols in facts.items():
        if not noisy and "amount_wan_yuan" not in cols and "amount_yuan" not in cols:
            out[row] = {col: Cell(str(v), v) for col, v in cols.items()}  # the common case, kept quick
            continue
        out[row] = {}
        for col, v in cols.items():
            if col == "amount_wan_yuan":
                out[row][col] = wan_yuan_cell(float(v), rng, noisy)
            elif col == "amount_yuan":
                out[row][col] = yuan_cell(int(v), rng, noisy)
            else:
                out[row][col] = count_cell(int(v), rng, noisy)
    return out


def _blank_zeros(grid: Grid, rng: random.Random, cols: tuple[str, ...] | None, p: float) -> int:
    """Print some zero cells blank (in `cols` only, when given); returns how many."""
    n = 0
    mark = blank_cell(rng)
    for row in grid.values():
        for col, cell in row.items():
            if cell.value == 0 and (cols is None or col in cols) and rng.random() < p:
                row[col] = mark
                n += 1
    return n


def evaluate(sheet: Sheet) -> list[dict[str, str]]:
    """The R1–R4 failures of the printed values (blank counts as 0), as {"rule", "where"}."""
    t3, t4 = sheet.table3, sheet.table4
    out: list[dict[str, str]] = []

    def v(row: str, col: str) -> float:
        cell = t3.get(row, {}).get(col)
        return 0 if cell is None or cell.value is None else cell.value

    outcome = [r for r in (*OUTCOME_ROWS, "other", *OTHER_DETAIL_ROWS) if r in t3]
    cols = (*APPLICANT_COLUMNS, "total")
    for col in cols:
        if v("new_received", col) + v("carried_over", col) != v("total_processed", col) + v("carried_forward", col):
            out.append({"rule": "R1", "where": f"table3/{col}"})
    for row in t3:
        if v(row, "total") != sum(v(row, c) for c in APPLICANT_COLUMNS):
            out.append({"rule": "R2", "where": f"table3/{row}"})
    for col in cols:
        if v("total_processed", col) != sum(v(r, col) for r in outcome):
            out.append({"rule": "R3", "where": f"table3/{col}"})
    for block, cells in t4.items():
        vals = {k: (0 if c.value is None else c.value) for k, c in cells.items()}
        if vals["total"] != vals["upheld"] + vals["corrected"] + vals["other"] + vals["pending"]:
            out.append({"rule": "R4", "where": f"table4/{block}"})
    return out


def _typo(value: int, rng: random.Random) -> int:
    """A plausible mistyped number, different from `value`."""
    s = str(value)
    if len(s) >= 2 and s[0] != s[1] and rng.random() < 0.5:
        return int(s[1] + s[0] + s[2:])
    return value + rng.choice((1, 1, 2, -1, 10)) if value > 1 else value + rng.choice((1, 2, 3))


def _inject(sheet: Sheet, rng: random.Random) -> str:
    """Change one printed number so that a rule fails; returns the fault's name."""
    t3, t4 = sheet.table3, sheet.table4
    kind = rng.choice(("cell", "row_total", "grand_total", "table4_total", "carried_forward"))
    if kind == "table4_total":
        block = rng.choice(list(t4))
        new = _typo(int(t4[block]["total"].value or 0), rng)
        t4[block]["total"] = Cell(str(new), new)
        return kind
    if kind == "cell":
        row = rng.choice(list(t3))
        col = rng.choice(("natural_person", "natural_person", "commercial", "legal_service"))
    elif kind == "row_total":
        row, col = rng.choice(list(t3)), "total"
    elif kind == "grand_total":
        row, col = "total_processed", rng.choice(("natural_person", "total"))
    else:
        row, col = "carried_forward", "natural_person"
    new = _typo(int(t3[row][col].value or 0), rng)
    t3[row][col] = Cell(str(new), new)
    return kind


def facts_to_sheet(facts: Facts, agency: Agency, rng: random.Random) -> Sheet:
    """The printed form of a year's facts: values as text, noise, and now and then a fault."""
    noisy = rng.random() < P_NOISY
    table3 = facts.table3
    if facts.template == "2021" and rng.random() < P_ONE_ROW_OTHER:
        other = {c: sum(table3[r][c] for r in OTHER_DETAIL_ROWS) for c in table3["granted"]}
        table3 = {r: (other if r == "other" else table3[r]) for r in TABLE3_ROW_ORDER["2019"]}
    sheet = Sheet(agency=agency, year=facts.year, template=facts.template,
                  table2=_grid(facts.table2, rng, noisy), table3=_grid(table3, rng, noisy),
                  table4=_grid(facts.table4, rng, noisy), style=rng.randrange(1 << 16))
    if noisy:
        sheet.noise.append({"kind": "number_format"})
    if table3 is not facts.table3:
        sheet.noise.append({"kind": "other_as_one_row", "where": "table3/other"})
    if rng.random() < P_BLANK:
        if _blank_zeros(sheet.table2, rng, None, 0.7):
            sheet.noise.append({"kind": "blank_cells", "where": "table2"})
    if rng.random() < P_LABEL_TYPO:
        key = rng.choice(sorted(LABEL_TYPOS))
        if key in sheet.table3:
            sheet.labels[key] = rng.choice(LABEL_TYPOS[key])
            sheet.noise.append({"kind": "label_typo", "where": f"table3/{key}"})
    if rng.random() < P_FAULT:
        fault = _inject(sheet, rng)
        sheet.injected = evaluate(sheet)
        for f in sheet.injected:
            f["fault"] = fault
    elif rng.random() < P_BLANK:
        # Legal-person columns left blank when zero (a common habit); only in reports without faults,
        # so a blank never changes whether a rule holds.
        cols = APPLICANT_COLUMNS[1:] if rng.random() < 0.7 else None
        if _blank_zeros(sheet.table3, rng, cols, 0.9) + _blank_zeros(sheet.table4, rng, None, 0.5):
            sheet.noise.append({"kind": "blank_cells", "where": "table3"})
    return sheet
