"""The statistical model: what a fictional agency really did in a year, in the canonical keys.

Counts are drawn per agency kind (most departments get 0–5 applications a year; natural resources,
housing, governments and streets get many, land acquisition and demolition driving them), per
agency (a persistent size factor; some agencies are zero-activity for years) and per year (a
trend and, for land-related agencies, a demolition wave). Applications carried over to next year
chain exactly: this year's 上年结转 is last year's 结转下年度, column by column. Every year's
facts are internally consistent (R1–R4 hold); faults are added later, when the report is printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from xxgk.demo.city import Agency
from xxgk.demo.draws import binomial, lognormal_factor, multinomial, poisson
from xxgk.keys import APPLICANT_COLUMNS, OTHER_DETAIL_ROWS, OUTCOME_ROWS, TABLE3_ROW_ORDER

YEARS = tuple(range(2019, 2026))


def template_of(year: int) -> str:
    """The national template a report of this year follows."""
    return "2019" if year <= 2020 else "2021"


@dataclass(frozen=True, slots=True)
class Profile:
    """Yearly means for one agency kind at district level."""

    apps: float  # new applications
    zero: float  # chance the agency is zero-activity (no applications) for years
    legal: float  # share of applications filed by legal persons and organisations
    licensing: float = 0
    penalty: float = 0
    coercion: float = 0
    normative: float = 0.6  # normative documents issued
    fees: float = 0  # fee income, 万元
    land: bool = False  # applications follow land acquisition / demolition waves


_P = Profile
PROFILES: dict[str, Profile] = {
    "gov": _P(70, 0.0, 0.08, normative=9, land=True),
    "street": _P(9, 0.15, 0.05, normative=0.2, land=True),
    "town": _P(5, 0.25, 0.05, normative=0.3, land=True),
    "zr": _P(45, 0.0, 0.12, licensing=160, penalty=35, coercion=4, normative=2, fees=180, land=True),
    "zj": _P(22, 0.0, 0.10, licensing=220, penalty=30, coercion=3, normative=2, fees=20, land=True),
    "police": _P(6, 0.1, 0.06, licensing=600, penalty=2500, coercion=180, normative=0.4, fees=35),
    "rs": _P(4, 0.2, 0.10, licensing=40, penalty=12, normative=1),
    "scjg": _P(4, 0.2, 0.25, licensing=900, penalty=260, coercion=25, normative=1),
    "xzsp": _P(3, 0.3, 0.2, licensing=3200, normative=0.5),
    "zf": _P(4, 0.2, 0.05, penalty=700, coercion=90, normative=0.4, land=True),
    "sthj": _P(3, 0.25, 0.25, licensing=60, penalty=45, coercion=8, normative=0.5),
    "jt": _P(2, 0.3, 0.15, licensing=300, penalty=420, coercion=30, normative=0.5, fees=8),
    "wj": _P(2, 0.3, 0.12, licensing=380, penalty=55, coercion=2, normative=0.8),
    "edu": _P(2, 0.3, 0.05, licensing=40, penalty=3, normative=1.5),
    "nyny": _P(1.5, 0.35, 0.1, licensing=70, penalty=25, coercion=2, normative=0.8),
    "sl": _P(1.2, 0.4, 0.1, licensing=35, penalty=8, coercion=1, normative=0.4, fees=12),
    "mz": _P(1.5, 0.35, 0.05, licensing=25, penalty=1, normative=0.8),
    "fgw": _P(1.5, 0.35, 0.2, licensing=20, normative=1),
    "cz": _P(1.2, 0.4, 0.1, normative=1.2),
    "wl": _P(1, 0.4, 0.1, licensing=45, penalty=18, normative=0.5),
    "yj": _P(1, 0.4, 0.1, licensing=25, penalty=35, coercion=3, normative=0.4),
    "xf": _P(1.5, 0.35, 0.02, normative=0.1),
    "sf": _P(0.8, 0.45, 0.05, normative=0.4),
    "yb": _P(0.8, 0.45, 0.08, penalty=8, normative=0.6),
    "sw": _P(0.6, 0.5, 0.2, licensing=15, penalty=3, normative=0.4),
    "kj": _P(0.5, 0.55, 0.2, normative=0.5),
    "gxj": _P(0.6, 0.5, 0.2, normative=0.6),
    "tj": _P(0.3, 0.6, 0.2, penalty=2, normative=0.1),
    "sj": _P(0.3, 0.6, 0.1, normative=0.1),
    "tyjr": _P(0.6, 0.5, 0.02, normative=0.3),
    "lin": _P(0.6, 0.5, 0.1, licensing=40, penalty=10, normative=0.3),
    "mzzj": _P(0.2, 0.65, 0.05, licensing=3, normative=0.1),
    "rf": _P(0.2, 0.65, 0.1, licensing=10, fees=15, normative=0.1),
}
LEVEL_FACTOR = {"city": 2.2, "district": 1.0, "county": 0.75}
YEAR_TREND = {2019: 0.85, 2020: 1.0, 2021: 1.15, 2022: 1.05, 2023: 1.1, 2024: 1.0, 2025: 0.95}

# Applicant mix among legal persons: 商业企业 科研机构 社会公益组织 法律服务机构 其他.
_LEGAL_MIX = (0.55, 0.03, 0.04, 0.25, 0.13)
# Outcome weights in OUTCOME_ROWS order then the three （六） rows; 本机关不掌握 dominates refusals.
_OUTCOME_W = (0.40, 0.05,
              0.002, 0.012, 0.004, 0.016, 0.012, 0.024, 0.01, 0.02,
              0.24, 0.045, 0.03,
              0.035, 0.03, 0.006, 0.006, 0.02,
              0.03, 0.002, 0.03)
_TABLE4_MIX = (0.62, 0.14, 0.14, 0.10)  # 维持 纠正 其他 尚未审结


@dataclass(slots=True)
class Facts:
    """What the agency did in one year (internally consistent), in the parse contract's keys."""

    year: int
    template: str
    table2: dict[str, dict[str, int | float]]
    table3: dict[str, dict[str, int]]
    table4: dict[str, dict[str, int]]
    proactive: int  # 主动公开政府信息 (items), stated in the narrative


@dataclass(slots=True)
class AgencyModel:
    """The persistent state of one agency across years."""

    agency: Agency
    rng: random.Random
    profile: Profile
    size: float
    zero: bool
    wave_year: int
    carried: dict[str, int] = field(default_factory=dict)
    stocks: dict[str, int] = field(default_factory=dict)


def new_model(agency: Agency, rng: random.Random) -> AgencyModel:
    """The agency's persistent traits, drawn once."""
    profile = PROFILES[agency.kind]
    size = lognormal_factor(rng, 0.55) * LEVEL_FACTOR[agency.district.level]
    zero = rng.random() < profile.zero
    carried = {c: 0 for c in APPLICANT_COLUMNS}
    if not zero and profile.apps * size > 5:
        carried["natural_person"] = poisson(rng, profile.apps * size * 0.04)
    return AgencyModel(agency, rng, profile, size, zero, wave_year=rng.choice(YEARS), carried=carried)


def _table3(m: AgencyModel, year: int) -> dict[str, dict[str, int]]:
    rng, p = m.rng, m.profile
    if m.zero and rng.random() < 0.04:  # a zero-activity streak ends now and then
        m.zero = False
    mean = 0.0 if m.zero else p.apps * m.size * YEAR_TREND[year]
    if p.land and not m.zero:
        mean *= 1.0 + 1.6 * max(0.0, 1.0 - abs(year - m.wave_year) / 2.0)
    n = poisson(rng, mean)
    legal = binomial(rng, n, p.legal)
    new = dict(zip(APPLICANT_COLUMNS, [n - legal, *multinomial(rng, legal, _LEGAL_MIX)], strict=True))
    rows_2021 = TABLE3_ROW_ORDER["2021"]
    t3: dict[str, dict[str, int]] = {r: {} for r in rows_2021}
    outcome_keys = (*OUTCOME_ROWS, *OTHER_DETAIL_ROWS)
    p_forward = 0.03 if mean < 10 else 0.06
    for col in APPLICANT_COLUMNS:
        carried = m.carried.get(col, 0)
        forward = binomial(rng, new[col], p_forward)
        split = multinomial(rng, new[col] + carried - forward, _OUTCOME_W)
        t3["new_received"][col] = new[col]
        t3["carried_over"][col] = carried
        for key, k in zip(outcome_keys, split, strict=True):
            t3[key][col] = k
        t3["total_processed"][col] = new[col] + carried - forward
        t3["carried_forward"][col] = forward
        m.carried[col] = forward
    for row in t3.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLUMNS)
    return t3


def _table4(m: AgencyModel, t3: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    rng = m.rng
    refused = t3["total_processed"]["total"] - t3["granted"]["total"]
    reviews = binomial(rng, refused, 0.06)
    direct = binomial(rng, refused, 0.025)
    review = multinomial(rng, reviews, _TABLE4_MIX)
    after = binomial(rng, review[0] + review[2], 0.3)
    out = {}
    for block, n in (("review", review), ("suit_direct", multinomial(rng, direct, _TABLE4_MIX)),
                     ("suit_after_review", multinomial(rng, after, _TABLE4_MIX))):
        cells = dict(zip(("upheld", "corrected", "other", "pending"), n, strict=True))
        cells["total"] = sum(n)
        out[block] = cells
    return out


def _stock(m: AgencyModel, key: str, start: int) -> int:
    if key not in m.stocks:
        m.stocks[key] = max(0, start)
    return m.stocks[key]


def _table2(m: AgencyModel, year: int) -> dict[str, dict[str, int | float]]:
    rng, p, size = m.rng, m.profile, m.size
    is_city_gov = m.agency.kind == "gov" and m.agency.district.level == "city"
    reg_issued = poisson(rng, 1.5) if is_city_gov else 0
    norm_issued = poisson(rng, p.normative * size)
    decisions = {k: poisson(rng, getattr(p, k) * size) for k in ("licensing", "penalty", "coercion")}
    if template_of(year) == "2021":
        out: dict[str, dict[str, int | float]] = {}
        for item, issued, start in (("regulations", reg_issued, 18 if is_city_gov else 0),
                                    ("normative_documents", norm_issued, poisson(rng, p.normative * size * 6))):
            in_force = _stock(m, f"in_force/{item}", start)
            repealed = min(in_force, poisson(rng, 0.25 * issued + 0.2 * (in_force > 0)))
            m.stocks[f"in_force/{item}"] = in_force + issued - repealed
            out[item] = {"issued": issued, "repealed": repealed, "in_force": in_force + issued - repealed}
        for k, v in decisions.items():
            out[k] = {"decisions": v}
        fee = round(p.fees * size * lognormal_factor(rng, 0.4), 2) if p.fees else 0
        out["fees"] = {"amount_wan_yuan": fee}
        return out
    out = {}
    for item, made, start in (("regulations", reg_issued, 15 if is_city_gov else 0),
                              ("normative_documents", norm_issued, poisson(rng, p.normative * size * 8))):
        total = _stock(m, f"published/{item}", start) + made
        m.stocks[f"published/{item}"] = total
        out[item] = {"new_made": made, "new_published": made, "total_published": total}
    for item, mean in (("licensing", p.licensing), ("other_services", p.licensing * 0.3),
                       ("penalty", p.penalty), ("coercion", p.coercion)):
        items = 0 if mean == 0 else _stock(m, f"items/{item}", 3 + poisson(rng, min(mean, 400) ** 0.5 * 3))
        change = 0 if items == 0 or rng.random() < 0.6 else rng.choice((-2, -1, 1, 1, 2, 3))
        m.stocks[f"items/{item}"] = max(0, items + change)
        made = decisions.get(item, poisson(rng, mean * size))
        out[item] = {"previous_count": items, "change": change, "decisions": made if items else 0}
    fee_items = 0 if not p.fees else _stock(m, "items/fees", 1 + poisson(rng, 2))
    fee_change = 0 if fee_items == 0 or rng.random() < 0.7 else -1
    m.stocks["items/fees"] = fee_items + fee_change
    out["fees"] = {"previous_count": fee_items, "change": fee_change}
    count = poisson(rng, 2 + 3 * size) if rng.random() < 0.7 else 0
    out["procurement"] = {"count": count, "amount_yuan": count * rng.randrange(20, 900) * 1000}
    return out


def year_facts(m: AgencyModel, year: int) -> Facts:
    """The agency's facts for one year, advancing its state (carry-over, stocks) to the next."""
    template = template_of(year)
    t3 = _table3(m, year)
    if template == "2019":
        t3["other"] = {c: sum(t3[r][c] for r in OTHER_DETAIL_ROWS) for c in t3["granted"]}
        for r in OTHER_DETAIL_ROWS:
            del t3[r]
    t3 = {r: t3[r] for r in TABLE3_ROW_ORDER[template]}
    t4 = _table4(m, t3)
    t2 = _table2(m, year)
    proactive = poisson(m.rng, 40 + 120 * m.size) if m.agency.kind != "gov" else poisson(m.rng, 900 * m.size)
    return Facts(year, template, t2, t3, t4, proactive)
