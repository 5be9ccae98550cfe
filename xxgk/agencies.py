"""The agency registry: an agency's printed name → its place in the divisions and its bureau type.

Offline and pure. The division table (xxgk/data/divisions.csv) is the 2023 统计用区划代码 of every
province, prefecture, county and township; a few divisions abolished since 2019 stay resolvable
(former_divisions.csv); the fictional 示例市 of the demo corpus is read from xxgk.fictional.
Bureau types and their names across the 2018 institutional reform are in bureaus.csv; short forms
(发改局, 经信局, 人社局 …) in short_forms.csv. `Agency.key` is the same for every name one agency has
printed over the years (国土资源局 → 自然资源和规划局), so the store lines its reports up.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from xxgk.divisions import DATA, LEVELS, Division, division_aliases, prefix, registry, short_name

GOVERNMENT = {"province": "省政府", "city": "市政府", "county": "区县政府", "township": "街道/乡镇"}
TOWNSHIP = "街道/乡镇"
ZONE = "开发区"
OTHER = "其他"
# Every bureau type the registry gives, in the order the dashboard lists them.
BUREAUS: tuple[str, ...]  # filled below from bureaus.csv


@dataclass(frozen=True, slots=True)
class Agency:
    """One agency placed in the administrative divisions, with its bureau type."""

    name: str  # canonical full name, e.g. 宁波市鄞州区经济和信息化局
    province: str | None
    city: str | None
    district: str | None  # county-level division (区/县/县级市, or a statistical 开发区)
    township: str | None
    code: str | None  # division code: 6 digits, 9 for a township; None when not known for sure
    level: str | None  # province | city | county | township
    bureau: str  # bureau type, e.g. 区县政府, 经信, 公安, 自然资源, 街道/乡镇, 开发区, 其他
    resolved: bool  # False: the name could not be placed; listed for a person
    key: str = ""  # the same for every name one agency printed across the years and reforms
    printed: str = ""  # the name as given
    fictional: bool = False  # the demo corpus's invented 示例市
    note: str = field(default="", compare=False)  # why a name resolved as it did (former division, …)
    placed_by: str = field(default="", compare=False)  # "portal": by the collected site (xxgk.portals), not the name

    @property
    def region(self) -> dict[str, str | None]:
        """The `region` object of the parse contract."""
        return {"province": self.province, "city": self.city, "district": self.district, "code": self.code}


def _load_bureaus() -> list[tuple[str, re.Pattern[str], frozenset[str]]]:
    out = []
    with open(DATA / "bureaus.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append((row["bureau"], re.compile(row["pattern"]), frozenset(row["head"].split("|"))))
    return out


def _load_short_forms() -> dict[str, str]:
    with open(DATA / "short_forms.csv", encoding="utf-8") as f:
        return {row["short"]: row["full"] for row in csv.DictReader(f)}


# Vertically managed central organs whose local offices publish their own reports: the prefix of the office's
# name → its bureau type. The rest of the name says where the office is (国家税务总局 + 宁波市鄞州区税务局).
CENTRAL = {
    "国家税务总局": "税务", "国家统计局": "统计调查", "国家金融监督管理总局": "金融监管",
    "中国银行保险监督管理委员会": "金融监管", "中国银保监会": "金融监管", "中国人民银行": "人民银行",
    "国家外汇管理局": "外汇管理", "中国证券监督管理委员会": "证券监管", "中国证监会": "证券监管",
    "国家烟草专卖局": "烟草专卖", "中国气象局": "气象", "国家邮政局": "邮政管理",
}
_BUREAUS = _load_bureaus()
_SHORT = _load_short_forms()
BUREAUS = tuple(dict.fromkeys(["省政府", "市政府", "区县政府", "政府办", TOWNSHIP, ZONE]
                              + [b for b, _, _ in _BUREAUS] + list(CENTRAL.values()) + [OTHER]))
_GOV_FORMS = frozenset({"", "人民政府", "政府", "人民政府门户网站"})
_TOWNSHIP_HEADS = frozenset({"", "办事处", "街道办事处", "人民政府", "政府", "街道办", "党工委办事处"})
_ZONE_HEADS = frozenset({"", "管理委员会", "管委会", "管理委员会办公室", "党工委管委会", "党工委管理委员会"})
_NOT_HEAD = re.compile(r"分局|支队|大队|中队|[^务]所$|站$|中心|医院|学校|学院|院$|处$|科$|馆$|队$")
_BRANCH = re.compile(r"^(.+?(?:局|委员会|厅))(.{2,8}?)分局$")
_REPORT_TAIL = re.compile(r"\d{4}\s*年度?.*$|政府信息公开.*$|关于.*$")
_FULLWIDTH = str.maketrans("（）　", "() ")


def normalise(name: str) -> str:
    """The printed name without spaces, report-title tails or wrapping brackets."""
    s = re.sub(r"\s+", "", name.translate(_FULLWIDTH))
    s = _REPORT_TAIL.sub("", s) or s
    s = re.sub(r"\([^)]*\)$", "", s) or s  # a trailing remark: （办公室编制）
    return s.replace("(", "（").replace(")", "）")


def _expand(rem: str) -> str:
    """Short forms to full names: 发改局 → 发展和改革局, 区政府 → 人民政府."""
    if rem in _SHORT:
        return _SHORT[rem]
    for short, full in _SHORT.items():
        if len(short) >= 3 and rem.endswith(short) and not rem.endswith(full):
            return rem[: -len(short)] + full
    return rem


def _bureau_of(rem: str) -> tuple[str, bool]:
    """(bureau type, whether rem names the bureau's head agency) for the part after the divisions."""
    for bureau, pattern, heads in _BUREAUS:
        if bureau == ZONE:
            continue
        if pattern.search(rem):
            return bureau, rem in heads
    for bureau, pattern, _heads in _BUREAUS:
        if bureau == ZONE and pattern.search(rem):
            return ZONE, False
    return OTHER, False


def _pick(cands: list[Division], context: str) -> list[Division]:
    """Narrow same-named divisions by the names of their parents found in the context text."""
    if len(cands) <= 1 or not context:
        return cands
    reg = registry()

    def score(d: Division) -> int:
        s = 0
        for a in reg.ancestors(d)[1:]:
            short = short_name(a)
            if a.name in context or (short and len(short) >= 2 and short in context):
                s += 1
        return s

    scores = [score(d) for d in cands]
    best = max(scores)
    return [d for d, s in zip(cands, scores, strict=True) if s == best] if best > 0 else cands


# levels that may follow a division: a township may follow its city directly (东莞市某镇, 宁波市某街道)
_ALLOWED = {None: (0, 1, 2), "province": (1, 2), "city": (2, 3), "county": (3,), "township": ()}


def _step(s: str, pos: int, node: Division | None, context: str,
          short_ok: bool, county_short: bool = False) -> tuple[list[Division], int, bool]:
    """The deepest-named divisions under node that s[pos:] starts with: (candidates, length, via short name)."""
    reg = registry()
    allowed = _ALLOWED[node.level if node else None]
    for length in range(min(reg.maxlen, len(s) - pos), 1, -1):
        sub = s[pos: pos + length]
        for index, via_short in ((reg.by_name, False), (reg.by_short, True)):
            if via_short and not short_ok:
                continue
            named = index.get(sub)
            if not named:
                continue
            cands = [d for d in named if LEVELS.index(d.level) in allowed and reg.is_under(d, node)]
            if via_short and not county_short:
                cands = [d for d in cands if d.level != "county"]  # 鄞州 only in 分局 and central offices' names
            cands = list({d.code: d for d in cands}.values())
            if cands:
                return _pick(cands, context), length, via_short
    return [], 0, False


def _chain(s: str, context: str, county_short: bool = False) -> tuple[list[Division], int, list[Division], bool]:
    """The divisions the name starts with, outermost first; the end position; leftover ambiguity;
    whether a division was named by its short form (宁波, 福州; a county's, 鄞州, with `county_short`)."""
    via_any_short = False
    chain: list[Division] = []
    pos = 0
    while pos < len(s):
        node = chain[-1] if chain else None
        cands, length, via_short = _step(s, pos, node, context, short_ok=True, county_short=county_short)
        if not cands and s.startswith("人民政府", pos) and node is not None:
            # 某区人民政府某街道办事处: the government's name stands before its township
            cands, length, via_short = _step(s, pos + 4, node, context, short_ok=False)
            if cands:
                pos += 4
        if not cands:
            break
        if via_short:
            # a short name (宁波, 中山) counts only when a division or a bureau follows it
            rest = s[pos + length:]
            deeper, _, _ = _step(s, pos + length, cands[0], context, short_ok=False)
            if not deeper and not county_short and _bureau_of(_expand(rest))[0] == OTHER and rest not in _GOV_FORMS:
                break  # (a central organ's office, 宁波调查队, names its place by the short form anyway)
            via_any_short = True
        if len(cands) > 1:
            return chain, pos, cands, via_any_short
        chain.append(cands[0])
        pos += length
    return chain, pos, [], via_any_short


def _branch(rem: str, node: Division) -> tuple[Division, str] | None:
    """宁波市 + 公安局鄞州分局 → (鄞州区, 公安局): a city bureau's branch in one of its districts."""
    m = _BRANCH.match(rem)
    if not m:
        return None
    reg = registry()
    part = m.group(2)
    for index in (reg.by_name, reg.by_short):
        for d in index.get(part, ()):
            if d.level == "county" and reg.is_under(d, node):
                return d, m.group(1)
    return None


def _resolve_central(s: str, printed: str, central: str, context: str) -> Agency:
    """国家税务总局宁波市鄞州区税务局, 国家统计局余姚调查队: an office of a vertically managed central organ,
    placed where the rest of its name says, with the organ's bureau type and its name as printed."""
    rest = s[len(central):]
    chain, pos, ambiguous, _via_short = _chain(rest, context, county_short=True)
    bureau = CENTRAL[central]
    if not chain:
        note = "ambiguous: " + "、".join(prefix(d) for d in ambiguous) if ambiguous else "不在区划表中"
        return Agency(name=s, province=None, city=None, district=None, township=None, code=None, level=None,
                      bureau=bureau, resolved=False, key=f"?|{s}", printed=printed, note=note)
    node = chain[-1]
    reg = registry()
    places = {a.level: a for a in reg.ancestors(node)}
    province, city = places.get("province"), places.get("city")
    if city is None and province is not None and province.name.endswith("市"):
        city = province
    code = None if node.fictional and ":" in node.code else node.code
    return Agency(
        name=s, province=province.name if province else None, city=city.name if city else None,
        district=places["county"].name if "county" in places else None,
        township=places["township"].name if "township" in places else None,
        code=code, level=node.level, bureau=bureau, resolved=not ambiguous,
        key=f"{node.code if code else prefix(node)}|{bureau}", printed=printed,
        fictional=node.fictional, note=f"{central}的派出机构（垂直管理）",
    )


def _ambiguous(s: str, printed: str, pos: int, cands: list[Division]) -> Agency:
    """A name whose division several places share (鼓楼区): placed by level and bureau, not by code."""
    first = cands[0]
    rest = s[pos + len(first.name):] if s.startswith(first.name, pos) else ""
    rest = _expand(rest)
    if rest in _GOV_FORMS:
        bureau = GOVERNMENT[first.level]
    elif first.level == "township":
        bureau = TOWNSHIP
    else:
        bureau = _bureau_of(rest)[0]
    places = "、".join(prefix(d) for d in cands)
    return Agency(name=s, province=None, city=None, district=first.name if first.level == "county" else None,
                  township=first.name if first.level == "township" else None, code=None, level=first.level,
                  bureau=bureau, resolved=False, key=f"?|{s}", printed=printed, note=f"ambiguous: {places}")


def resolve(name: str, context: str = "") -> Agency:
    """The agency a printed name stands for. `context` (e.g. the report's first lines) settles names
    such as 鼓楼区人民政府 that several divisions share. Never raises; unplaceable names come back
    with resolved=False and the bureau type the name itself shows."""
    agency = _resolve_name(name)
    if agency is None:  # ambiguous without context
        return _resolve(name, context)
    return agency


@lru_cache(maxsize=65536)
def _resolve_name(name: str) -> Agency | None:
    a = _resolve(name, "")
    return None if a.note.startswith("ambiguous") else a


def _resolve(printed: str, context: str) -> Agency:
    s = normalise(printed)
    reg = registry()
    if "示例" in s:
        reg.load_fictional()
    if s.startswith("中华人民共和国") and len(s) > 7:
        s = s[7:]  # 中华人民共和国宁波海关 is 宁波海关
    central = next((c for c in CENTRAL if s.startswith(c)), "")
    if central:
        return _resolve_central(s, printed, central, context)
    party = next((p for p in ("中国共产党", "中共") if s.startswith(p)), "")
    chain, pos, ambiguous, via_short = _chain(s[len(party):], context)  # 中共某区委: a party organ there
    pos += len(party) if (chain or ambiguous) else 0
    if party and not (chain or ambiguous):
        chain, pos, ambiguous, via_short = _chain(s, context)
    if ambiguous and not chain:
        return _ambiguous(s, printed, pos, ambiguous)
    rem = s[pos:]
    if not chain:
        bureau, _head = _bureau_of(_expand(rem))
        note = "ambiguous: " + "、".join(prefix(d) for d in ambiguous) if ambiguous else "不在区划表中"
        return Agency(name=s, province=None, city=None, district=None, township=None, code=None, level=None,
                      bureau=bureau, resolved=False, key=f"?|{s}", printed=printed, note=note)
    node = chain[-1]
    if node.level == "county" and node.parent and (p := reg.by_code.get(node.parent)) and p.name == node.name:
        node = p  # 中山市, 东莞市: prefecture cities without districts are listed again at county level
    canonical_head = ""
    if node.level == "city" and (b := _branch(rem, node)):
        node, rem = b[0], b[1]
        canonical_head = s  # the branch keeps its printed name
    rem = _expand(rem)
    statistical_zone = node.level == "county" and node.statistical
    if node.level == "township":
        bureau, head = TOWNSHIP, rem in _TOWNSHIP_HEADS
    elif rem in _GOV_FORMS:
        bureau, head = (ZONE if statistical_zone else GOVERNMENT[node.level]), True
        rem = "" if statistical_zone else "人民政府"
    elif statistical_zone and rem in _ZONE_HEADS:
        bureau, head = ZONE, True
    else:
        bureau, head = _bureau_of(rem)
        head = head and not _NOT_HEAD.search(rem)
    places = {a.level: a for a in reg.ancestors(node)}
    province = places.get("province")
    city = places.get("city")
    if city is None and province is not None and province.name.endswith("市"):
        city = province  # 北京市, 上海市, 天津市, 重庆市 are their own city
    code = None if node.fictional and ":" in node.code else node.code
    where = node.code if code else prefix(node)
    key = f"{where}|{bureau}" if head else f"{where}|{rem}"
    note = "ambiguous: " + "、".join(prefix(d) for d in ambiguous) if ambiguous else node.note
    if any(s.startswith(alias) for alias in division_aliases()):
        canonical_head = s  # 平潭综合实验区 keeps the name it is known by
    elif party or via_short:
        canonical_head = canonical_head or (s[:pos] + rem)  # 福州新区管委会, 中共某区委 as printed
    return Agency(
        name=canonical_head or (prefix(node) + rem),
        province=province.name if province else None,
        city=city.name if city else None,
        district=places["county"].name if "county" in places else None,
        township=places["township"].name if "township" in places else None,
        code=code,
        level=node.level,
        bureau=bureau,
        resolved=not ambiguous,
        key=key,
        printed=printed,
        fictional=node.fictional,
        note=note,
    )
