"""The administrative divisions: the 2023 statistical division table, divisions abolished since 2019,
division aliases, and the fictional demo cities (read from xxgk.fictional). Read-only, built once per process."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import NamedTuple

from xxgk import fictional

DATA = Path(__file__).resolve().parent / "data"
LEVELS = ("province", "city", "county", "township")


class Division(NamedTuple):
    """One division. A named tuple, not a frozen dataclass: the table's 44,696 are built at a plain tuple's cost
    (a frozen dataclass sets each field through object.__setattr__, which made most of the registry's start)."""

    code: str
    name: str
    level: str
    parent: str | None
    statistical: bool = False  # a 统计用 functional zone (开发区), not a GB/T 2260 division
    fictional: bool = False
    note: str = ""


class Registry:
    """The division tree with name indexes; built once per process."""

    def __init__(self) -> None:
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        self.fictional_loaded = False
        # code → (division, its ancestors nearest first, the codes of those above it)
        self._ancestors: dict[str, tuple[Division, tuple[Division, ...], frozenset[str]]] = {}
        with open(DATA / "divisions.csv", encoding="utf-8", newline="") as f:
            lines = csv.reader(f)  # plain rows, columns found by the header: a tenth of DictReader's time
            col = {name: i for i, name in enumerate(next(lines))}
            code, name, level, parent, stat = (col[k] for k in ("code", "name", "level", "parent", "statistical"))
            add = self.add
            for cells in lines:
                add(Division(cells[code], cells[name], cells[level], cells[parent] or None, cells[stat] == "1"))
        with open(DATA / "former_divisions.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.add(Division(row["code"], row["name"], row["level"], row["parent"] or None,
                                  note=f"已撤销的区划：{row['note']}"))
        with open(DATA / "division_aliases.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                d = self.by_code[row["code"]]
                self.by_name.setdefault(row["alias"], []).append(d)
        self.maxlen = max(len(n) for n in self.by_name)

    def add(self, d: Division) -> None:
        self.by_code.setdefault(d.code, d)
        self.by_name.setdefault(d.name, []).append(d)
        short = short_name(d)
        if short and short != d.name:
            self.by_short.setdefault(short, []).append(d)

    def load_fictional(self) -> None:
        """The demo corpus's fictional cities (province code 99), from xxgk.fictional."""
        if self.fictional_loaded:
            return
        self.fictional_loaded = True
        self._ancestors.clear()
        prov = Division(fictional.PROVINCE_CODE, fictional.PROVINCE, "province", None, fictional=True)
        self.add(prov)
        for i in range(99):  # fictional codes carry the city index in two digits
            for d in fictional.districts_of(i):
                if d.level == "city":
                    self.add(Division(d.code, d.name, "city", prov.code, fictional=True))
                    city_code = d.code
                    continue
                self.add(Division(d.code, d.name, "county", city_code, fictional=True))
                suffixes = ("街道",) if d.level == "district" else ("镇", "乡")
                for t in d.townships:
                    for suffix in suffixes:
                        # no invented township codes: the key uses the name path instead
                        self.add(Division(f"{d.code}:{t}{suffix}", t + suffix, "township", d.code,
                                          fictional=True))
        self.maxlen = max(self.maxlen, max(len(n) for n in self.by_name))

    def _lineage(self, d: Division) -> tuple[tuple[Division, ...], frozenset[str]]:
        """d and its parents nearest first, and the codes above d: worked out once per division (agency
        names ask for them at every prefix)."""
        found = self._ancestors.get(d.code)
        if found is not None and found[0] is d:
            return found[1], found[2]
        out = [d]
        while out[-1].parent:
            p = self.by_code.get(out[-1].parent)
            if p is None:
                break
            out.append(p)
        chain = tuple(out)
        above = frozenset(a.code for a in chain[1:])
        self._ancestors[d.code] = (d, chain, above)
        return chain, above

    def ancestors(self, d: Division) -> tuple[Division, ...]:
        """d and its parents, nearest first."""
        return self._lineage(d)[0]

    def is_under(self, d: Division, node: Division | None) -> bool:
        return node is None or node.code in self._lineage(d)[1]


def short_name(d: Division) -> str | None:
    """宁波市 → 宁波, 鄞州区 → 鄞州, 浙江省 → 浙江, 广西壮族自治区 → 广西 (None when too short to be safe)."""
    n = d.name
    if d.level == "province":
        for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
            if n.endswith(suffix):
                return n[: -len(suffix)]
        return None
    if d.level in ("city", "county"):
        if "自治" in n:
            return n[:2]
        for suffix in ("地区", "市", "区", "县", "盟", "旗"):
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                return n[: -len(suffix)]
    return None


@cache
def registry() -> Registry:
    return Registry()


def prefix(d: Division) -> str:
    """The name a canonical agency name starts with: 宁波市鄞州区, 北京市东城区, 浙江省."""
    reg = registry()
    parts = [a for a in reversed(reg.ancestors(d))]
    if parts[0].level == "province" and len(parts) > 1 and not parts[0].name.endswith("市"):
        parts = parts[1:]  # 浙江省宁波市… is written 宁波市…; 北京市东城区 keeps its 北京市
    if len(parts) > 1 and parts[0].name == parts[1].name:
        parts = parts[1:]
    return "".join(p.name for p in parts)


@cache
def division_aliases() -> frozenset[str]:
    with open(DATA / "division_aliases.csv", encoding="utf-8") as f:
        return frozenset(row["alias"] for row in csv.DictReader(f))
