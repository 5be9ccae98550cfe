"""Consistency rules R1–R5 of the parse contract: Report → list[Check]. Never raises on bad numbers.

Blank cells: a check is evaluated when each side of its equation has at least one printed number;
blank cells inside it count as 0 and the detail says so. When one side is entirely blank or absent
the place is not evaluable and no Check is emitted for it (absence means "not checked", not "passed").
"""

from __future__ import annotations

from xxgk import keys
from xxgk.report import Check, Number, Report

_T3_ROW_NAMES = {
    "new_received": "本年新收", "carried_over": "上年结转", "total_processed": "总计",
    "carried_forward": "结转下年度",
}


def _fmt(x: Number) -> str:
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def _terms(values: list[tuple[str, Number | None, bool]]) -> tuple[Number, list[str], int, list[str]]:
    """Sum of present values; the printed terms; how many were numbers; names of blank ones."""
    total: Number = 0
    shown: list[str] = []
    blanks: list[str] = []
    present = 0
    zeros = 0
    long = len(values) > 6  # R3's twenty terms: name only the non-zero ones
    for name, v, exists in values:
        if v is None:
            blanks.append(name if exists else f"{name}(未印)")
            if not long:
                shown.append(f"{name} 空")
            continue
        present += 1
        total += v
        if long and v == 0:
            zeros += 1
            continue
        shown.append(f"{name} {_fmt(v)}")
    if long and (zeros or blanks):
        rest = [f"{zeros} 项为 0"] if zeros else []
        rest += [f"{len(blanks)} 项空白"] if blanks else []
        shown.append(f"其余 {'、'.join(rest)}" if shown else "、".join(rest))
    return total, shown, present, blanks


def _equation(rule: str, where: str, left: list[tuple[str, Number | None, bool]],
              right: list[tuple[str, Number | None, bool]]) -> Check | None:
    ls, lshown, lp, lb = _terms(left)
    rs, rshown, rp, rb = _terms(right)
    if lp == 0 or rp == 0:
        return None
    ok = abs(ls - rs) < 1e-6
    detail = f"{' + '.join(lshown)} = {_fmt(ls)}，{'' if ok else '但'}{' + '.join(rshown)} = {_fmt(rs)}"
    if lb or rb:
        names = lb + rb
        named = "、".join(names[:5]) + (f" 等 {len(names)} 项" if len(names) > 5 else "")
        detail += f"（空白按 0 计：{named}）"
    return Check(rule, ok, where, detail)


def _get(table: dict[str, dict[str, Number | None]], row: str, col: str) -> tuple[Number | None, bool]:
    r = table.get(row)
    if r is None or col not in r:
        return None, False
    return r[col], True


def _r1_r3(t3: dict[str, dict[str, Number | None]], template: str) -> list[Check]:
    out: list[Check] = []
    outcome = list(keys.OUTCOME_ROWS)
    # （六）: its three sub-rows when printed (a value on the （六） line itself would be their subtotal),
    # else the single row.
    outcome += list(keys.OTHER_DETAIL_ROWS) if any(k in t3 for k in keys.OTHER_DETAIL_ROWS) else ["other"]
    for col, cname in keys.TABLE3_COLUMNS.items():
        def term(k: str, col: str = col) -> tuple[str, Number | None, bool]:
            v, exists = _get(t3, k, col)
            return (_T3_ROW_NAMES.get(k) or keys.TABLE3_ROWS[k][1], v, exists)

        c = _equation("R1", f"table3/{col}", [term("new_received"), term("carried_over")],
                      [term("total_processed"), term("carried_forward")])
        if c:
            out.append(Check(c.rule, c.ok, c.where, f"{cname}列：{c.detail}"))
        parts = [term(k) for k in outcome if k in t3]
        c = _equation("R3", f"table3/{col}", [term("total_processed")], parts)
        if c:
            out.append(Check(c.rule, c.ok, c.where, f"{cname}列：{c.detail}"))
    return out


def _r2(t3: dict[str, dict[str, Number | None]]) -> list[Check]:
    out: list[Check] = []
    for row, cols in t3.items():
        if row not in keys.TABLE3_ROWS:
            continue
        terms = [(keys.TABLE3_COLUMNS[c], cols.get(c), c in cols) for c in keys.APPLICANT_COLUMNS]
        c = _equation("R2", f"table3/{row}", [("总计", cols.get("total"), "total" in cols)], terms)
        if c:
            out.append(Check(c.rule, c.ok, c.where, f"{keys.TABLE3_ROWS[row][1]}：{c.detail}"))
    return out


def _r4(t4: dict[str, dict[str, Number | None]]) -> list[Check]:
    out: list[Check] = []
    for block, cols in t4.items():
        terms = [(keys.TABLE4_COLUMNS[c], cols.get(c), c in cols) for c in ("upheld", "corrected", "other", "pending")]
        c = _equation("R4", f"table4/{block}", [("总计", cols.get("total"), "total" in cols)], terms)
        if c:
            out.append(Check(c.rule, c.ok, c.where, f"{keys.TABLE4_BLOCKS.get(block, block)}：{c.detail}"))
    return out


def _r5(report: Report) -> list[Check]:
    out: list[Check] = []
    count = 0
    for name in ("table2", "table3", "table4"):
        table = getattr(report, name)
        if not table:
            continue
        for row, cols in table.items():
            for col, v in cols.items():
                if v is None:
                    continue
                count += 1
                signed = col in keys.SIGNED_COLUMNS
                fractional = col in keys.MONEY_COLUMNS
                if (v < 0 and not signed) or (not fractional and not float(v).is_integer()):
                    what = "负数" if v < 0 else "不是整数"
                    out.append(Check("R5", False, f"{name}/{row}/{col}", f"数值 {_fmt(v)} {what}"))
    if count and not out:
        out.append(Check("R5", True, "all", f"{count} 个数值均为非负整数（本年增/减可为负，金额可为小数）"))
    return out


def report_to_checks(report: Report) -> list[Check]:
    """R1–R5 on a report's tables, in rule order."""
    checks: list[Check] = []
    if report.table3:
        checks += _r1_r3(report.table3, report.template)
        checks += _r2(report.table3)
    if report.table4:
        checks += _r4(report.table4)
    checks += _r5(report)
    order = {"R1": 1, "R2": 2, "R3": 3, "R4": 4, "R5": 5}
    return sorted(checks, key=lambda c: order.get(c.rule, 9))
