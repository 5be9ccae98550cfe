"""Table 二 digits run together, split by last year's report: 现行有效件数 carried over from the year before.

A crawler dump flattens table 二 with its digits run together (`规章5128310` for 51 | 28 | 310). The row has
no arithmetic of its own, so the parser leaves it blank and lists the candidate splits. In the 2021 template
one relation usually decides: this year's 现行有效件数 is last year's plus 本年制发 minus 本年废止. The parser
cannot use it (one document in, one report out); the store can, since it holds the agency's report of the
year before. `split_by_previous` is the pure step it calls before writing a report:

    report (2021 template, a 规章/行政规范性文件 row left blank, its printed digits in the CellRefs)
    + last year's 现行有效件数 of that row  →  the report with the row split, when exactly one split fits

A split is taken only when exactly one of the row's candidate splits satisfies the relation exactly (the
relation "usually" holds: a row where none or several fit stays blank with its candidates, as the parser
left it). The warning says where the numbers came from, so an official can check them against both reports.
"""

from __future__ import annotations

from dataclasses import replace

from xxgk import keys
from xxgk.checks import report_to_checks
from xxgk.parse import glued
from xxgk.report import CellRef, Number, Report

ROWS = ("regulations", "normative_documents")  # the table 二 rows with 本年制发 / 本年废止 / 现行有效
COLS = ("issued", "repealed", "in_force")


def glued_rows(report: Report) -> dict[str, str]:
    """The rows the relation could split: 2021 template, all three cells blank, the digits run together in
    the raw text (row key → the printed digits)."""
    if report.template != "2021" or not report.table2:
        return {}
    out: dict[str, str] = {}
    for key in ROWS:
        row = report.table2.get(key)
        if not row or any(row.get(c) is not None for c in COLS):
            continue
        raws = {c.raw for c in report.cells if c.table == "table2" and c.row == key}
        if len(raws) == 1 and (raw := raws.pop()) and len(glued.row_splits(raw, 3, "table2")) >= 2:
            out[key] = raw
    return out


def fitting(raw: str, previous_in_force: Number) -> list[tuple[int, int, int]]:
    """The splits of a glued row with 现行有效 = last year's 现行有效 + 本年制发 − 本年废止."""
    found = glued.row_splits(raw, 3, "table2")
    if len(found) >= glued.MAX_CANDIDATES:
        return []  # the list was cut short: "exactly one" could not be told
    out: list[tuple[int, int, int]] = []
    for split in found:
        a, b, c = (int(v) for v in split)
        if all(isinstance(v, int) for v in split) and c == previous_in_force + a - b:
            out.append((a, b, c))
    return out


def split_by_previous(report: Report, previous: dict[str, Number | None], previous_year: int) -> Report:
    """The report with each glued 规章/行政规范性文件 row split where last year's 现行有效件数 (`previous`:
    row key → value, from the agency's stored report of `previous_year`) leaves exactly one split; the same
    report when nothing changes."""
    todo = glued_rows(report)
    done: dict[str, tuple[int, int, int]] = {}
    for key, raw in todo.items():
        before = previous.get(key)
        if before is None:
            continue
        fits = fitting(raw, before)
        if len(fits) == 1:
            done[key] = fits[0]
    if not done:
        return report
    table2 = {k: dict(v) for k, v in (report.table2 or {}).items()}
    cells: list[CellRef] = []
    for ref in report.cells:
        if ref.table == "table2" and ref.row in done and ref.col in COLS:
            ref = ref._replace(value=done[ref.row][COLS.index(ref.col)])
        cells.append(ref)
    warnings = list(report.warnings)
    for key, (a, b, c) in done.items():
        table2[key] = {"issued": a, "repealed": b, "in_force": c}
        label = next((x.label for x in report.cells if x.table == "table2" and x.row == key and x.label),
                     keys.TABLE2_ITEMS[key])
        warnings = [w for w in warnings if not w.startswith(f"表二「{label}」行")]
        warnings.append(f"表二「{label}」行的数字连在一起（“{todo[key]}”），按本机关 {previous_year} 年报告的现行有效件数 "
                        f"{_fmt(previous[key])} 推算（上年现行有效 + 本年制发 − 本年废止 = 本年现行有效："
                        f"{_fmt(previous[key])} + {a} − {b} = {c}），唯一相符的拆分是 {a}|{b}|{c}，已采用；"
                        "请与两年的报告核对。")
    out = replace(report, table2=table2, cells=cells, warnings=warnings)
    out.checks = report_to_checks(out)  # R5 reads table 二
    return out


def _fmt(v: Number | None) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
