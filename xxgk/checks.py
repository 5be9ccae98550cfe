"""Consistency rules R1–R5 of the parse contract: Report → list[Check]. Never raises on bad numbers.

Blank cells: a check is evaluated when each side of its equation has at least one printed number;
blank cells inside it count as 0 and the detail says so. When one side is entirely blank or absent
the place is not evaluable and no Check is emitted for it (absence means "not checked", not "passed").

The sums are worked out at once; the detail text of each check is written only when it is read
(`Check.lazy`): nearly every check passes, and most readers want only the failures' details.
"""

from __future__ import annotations

from itertools import repeat

from xxgk import keys
from xxgk.report import Check, Number, Report

_T3_ROW_NAMES = {
    "new_received": "本年新收", "carried_over": "上年结转", "total_processed": "总计",
    "carried_forward": "结转下年度",
}
_T3_NAMES = {k: _T3_ROW_NAMES.get(k) or keys.TABLE3_ROWS[k][1] for k in keys.TABLE3_ROWS}
_T4_PARTS = ("upheld", "corrected", "other", "pending")
_T4_NAMES = tuple(keys.TABLE4_COLUMNS[c] for c in _T4_PARTS)
_APPLICANT_NAMES = tuple(keys.TABLE3_COLUMNS[c] for c in keys.APPLICANT_COLUMNS)

Term = tuple[str, Number | None, bool]  # printed name, value (None: blank), whether the cell exists


def _fmt(x: Number) -> str:
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def _terms(values: list[Term]) -> tuple[Number, list[str], int, list[str]]:
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


def _detail(prefix: str, left: list[Term], right: list[Term], ok: bool) -> str:
    """The equation with its numbers: "自然人列：本年新收 23 + 上年结转 0 = 23，但总计 22 + … = 22"."""
    ls, lshown, _lp, lb = _terms(left)
    rs, rshown, _rp, rb = _terms(right)
    detail = f"{' + '.join(lshown)} = {_fmt(ls)}，{'' if ok else '但'}{' + '.join(rshown)} = {_fmt(rs)}"
    if lb or rb:
        names = lb + rb
        named = "、".join(names[:5]) + (f" 等 {len(names)} 项" if len(names) > 5 else "")
        detail += f"（空白按 0 计：{named}）"
    return prefix + detail


_ABSENT = object()  # a cell the table does not have (not printed at all), as against a blank one (None)
_ABSENTS = repeat(_ABSENT)  # the default of every get in map(get, keys, _ABSENTS): a side's values taken in C


def _sum(values: list[object]) -> Number | None:
    """The sum of a side's numbers in printed order (neither blank nor absent), None when it has none."""
    total: Number | None = None
    for v in values:
        if v is not None and v is not _ABSENT:
            total = v if total is None else total + v  # type: ignore[assignment,operator]
    return total


def _side(names: tuple[str, ...], values: list[object]) -> list[Term]:
    """A side's terms (name, value, whether the cell exists) from its values, _ABSENT for a cell not there."""
    return [(name, None, False) if v is _ABSENT else (name, v, True)  # type: ignore[misc]
            for name, v in zip(names, values, strict=True)]


def _lazy_detail(prefix: str, lnames: tuple[str, ...], left: list[object], rnames: tuple[str, ...],
                 right: list[object], ok: bool) -> str:
    return _detail(prefix, _side(lnames, left), _side(rnames, right), ok)


def _check(rule: str, where: str, prefix: str, lnames: tuple[str, ...], left: list[object],
           rnames: tuple[str, ...], right: list[object]) -> Check | None:
    """One rule at one place from its two sides' values (_ABSENT for a cell not printed): no check when a side has
    no number; the sums in printed order; the terms the detail names are made only when the detail is read."""
    ls = _sum(left)
    if ls is None:
        return None
    rs = _sum(right)
    if rs is None:
        return None
    ok = abs(ls - rs) < 1e-6
    return Check.lazy(rule, ok, where, _lazy_detail, prefix, lnames, left, rnames, right, ok)


_EDGE_NAMES = (_T3_NAMES["new_received"], _T3_NAMES["carried_over"], _T3_NAMES["total_processed"],
               _T3_NAMES["carried_forward"])
_COLUMN_PREFIX = {col: f"{cname}列：" for col, cname in keys.TABLE3_COLUMNS.items()}
_COLUMN_WHERE = {col: f"table3/{col}" for col in keys.TABLE3_COLUMNS}


def _r1_r3(t3: dict[str, dict[str, Number | None]], template: str) -> tuple[list[Check], list[Check]]:
    """R1 and R3, per table 三 column."""
    r1: list[Check] = []
    r3: list[Check] = []
    outcome = list(keys.OUTCOME_ROWS)
    # （六）: its three sub-rows when printed (a value on the （六） line itself would be their subtotal),
    # else the single row.
    outcome += list(keys.OTHER_DETAIL_ROWS) if any(k in t3 for k in keys.OTHER_DETAIL_ROWS) else ["other"]
    parts = [t3[k] for k in outcome if k in t3]
    part_names = tuple(_T3_NAMES[k] for k in outcome if k in t3)
    empty: dict[str, Number | None] = {}
    nr, cr, tp, cf = (t3.get(k) or empty for k in ("new_received", "carried_over", "total_processed",
                                                    "carried_forward"))
    for col in keys.TABLE3_COLUMNS:
        where, prefix = _COLUMN_WHERE[col], _COLUMN_PREFIX[col]
        total = tp.get(col, _ABSENT)
        c = _check("R1", where, prefix, _EDGE_NAMES[:2], [nr.get(col, _ABSENT), cr.get(col, _ABSENT)],
                   _EDGE_NAMES[2:], [total, cf.get(col, _ABSENT)])
        if c:
            r1.append(c)
        c = _check("R3", where, prefix, _EDGE_NAMES[2:3], [total], part_names,
                   list(map(dict.get, parts, repeat(col), _ABSENTS)))
        if c:
            r3.append(c)
    return r1, r3


_TOTAL_NAME = ("总计",)
_ROW_PREFIX = {row: f"{label}：" for row, (_group, label) in keys.TABLE3_ROWS.items()}
_ROW_WHERE = {row: f"table3/{row}" for row in keys.TABLE3_ROWS}


def _r2(t3: dict[str, dict[str, Number | None]]) -> list[Check]:
    out: list[Check] = []
    applicants = keys.APPLICANT_COLUMNS
    for row, cols in t3.items():
        if row not in _ROW_PREFIX:
            continue
        get = cols.get
        c = _check("R2", _ROW_WHERE[row], _ROW_PREFIX[row], _TOTAL_NAME, [get("total", _ABSENT)],
                   _APPLICANT_NAMES, list(map(get, applicants, _ABSENTS)))
        if c:
            out.append(c)
    return out


def _r4(t4: dict[str, dict[str, Number | None]]) -> list[Check]:
    out: list[Check] = []
    for block, cols in t4.items():
        get = cols.get
        c = _check("R4", f"table4/{block}", f"{keys.TABLE4_BLOCKS.get(block, block)}：", _TOTAL_NAME,
                   [get("total", _ABSENT)], _T4_NAMES, list(map(get, _T4_PARTS, _ABSENTS)))
        if c:
            out.append(c)
    return out


R5_PASSED = "个数值均为非负整数（本年增/减可为负，金额可为小数）"


def _r5_detail(count: int) -> str:
    return f"{count} {R5_PASSED}"


def _r5(report: Report) -> list[Check]:
    out: list[Check] = []
    count = 0
    signed_cols = keys.SIGNED_COLUMNS
    money_cols = keys.MONEY_COLUMNS
    for name, table in (("table2", report.table2), ("table3", report.table3), ("table4", report.table4)):
        if not table:
            continue
        for row, cols in table.items():
            for col, v in cols.items():
                if v is None:
                    continue
                count += 1
                if v.__class__ is int and v >= 0:
                    continue  # the common case: a non-negative whole count
                signed = col in signed_cols
                fractional = col in money_cols
                if (v < 0 and not signed) or (not fractional and not float(v).is_integer()):
                    what = "负数" if v < 0 else "不是整数"
                    out.append(Check("R5", False, f"{name}/{row}/{col}", f"数值 {_fmt(v)} {what}"))
    if count and not out:
        out.append(Check.lazy("R5", True, "all", _r5_detail, count))
    return out


def report_to_checks(report: Report) -> list[Check]:
    """R1–R5 on a report's tables, in rule order."""
    r1: list[Check] = []
    r2: list[Check] = []
    r3: list[Check] = []
    if report.table3:
        r1, r3 = _r1_r3(report.table3, report.template)
        r2 = _r2(report.table3)
    r4 = _r4(report.table4) if report.table4 else []
    return r1 + r2 + r3 + r4 + _r5(report)


# (rule, location, prefix, side, ord, table, row, col, name, cond): one equation term, or an R5 exemption.
Term_ = tuple[str, str | None, str | None, str | None, int, str | None, str | None, str, str | None, str]


def equation_terms() -> list[Term_]:
    """The rules as data, for the store's checks in SQL (queries/schema.sql, checks_of over the `check_terms`
    table): one row per term of each R1–R4 equation, with the names and prefixes the details above print, and
    one row per column R5 exempts, and the words of R5's pass. `cond` says when a term takes part: always; row (its table 三 row is printed:
    R2's rows, R3's outcome rows); detail / single (R3's （六）: its three sub-rows when any is printed, else the
    single row); signed / money (R5: may be negative / fractional). R4's terms take part when their block is
    printed."""
    out: list[Term_] = []

    def add(rule: str, where: str, prefix: str, side: str, terms: list[tuple[str, str, str, str]],
            table: str = "table3") -> None:
        out.extend((rule, where, prefix, side, i, table, row, col, name, cond)
                   for i, (row, col, name, cond) in enumerate(terms))

    for col, cname in keys.TABLE3_COLUMNS.items():
        where, prefix = f"table3/{col}", f"{cname}列："
        add("R1", where, prefix, "left", [(k, col, _T3_NAMES[k], "always") for k in ("new_received", "carried_over")])
        add("R1", where, prefix, "right",
            [(k, col, _T3_NAMES[k], "always") for k in ("total_processed", "carried_forward")])
        add("R3", where, prefix, "left", [("total_processed", col, _T3_NAMES["total_processed"], "always")])
        add("R3", where, prefix, "right", [(k, col, _T3_NAMES[k], "row") for k in keys.OUTCOME_ROWS]
            + [(k, col, _T3_NAMES[k], "detail") for k in keys.OTHER_DETAIL_ROWS]
            + [("other", col, _T3_NAMES["other"], "single")])
    for row, (_group, label) in keys.TABLE3_ROWS.items():
        where, prefix = f"table3/{row}", f"{label}："
        add("R2", where, prefix, "left", [(row, "total", "总计", "row")])
        add("R2", where, prefix, "right", [(row, c, name, "row") for c, name in zip(keys.APPLICANT_COLUMNS,
                                                                                  _APPLICANT_NAMES, strict=True)])
    for block, bname in keys.TABLE4_BLOCKS.items():
        where, prefix = f"table4/{block}", f"{bname}："
        add("R4", where, prefix, "left", [(block, "total", "总计", "always")], "table4")
        add("R4", where, prefix, "right", [(block, c, name, "always") for c, name in zip(_T4_PARTS, _T4_NAMES,
                                                                                        strict=True)], "table4")
    out += [("R5", None, None, None, 0, None, None, c, None, "signed") for c in sorted(keys.SIGNED_COLUMNS)]
    out += [("R5", None, None, None, 0, None, None, c, None, "money") for c in sorted(keys.MONEY_COLUMNS)]
    out.append(("R5", "all", None, None, 0, None, None, "", R5_PASSED, "passed"))
    return out
