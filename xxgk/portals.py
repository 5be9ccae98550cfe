"""Government portals and the division each speaks for: a collected report is placed by the site it came from
when its printed name does not place it (`区财政局` on www.hongze.gov.cn is 淮安市洪泽区财政局).

The table is `xxgk/data/portal_hosts.csv` (host, code, name): a portal's registrable domain, the division code
of `divisions.csv` and that division's name (checked against the code by the tests). A URL's host matches a
row when it is the row's host or ends with "." + it (www.huaian.gov.cn, xxgk.huaian.gov.cn); the longest
matching host wins, so a district's own domain under its city's wins over the city. To add a portal, add a
row (docs/collect.md, 定位).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from xxgk.agencies import Agency, normalise, resolve
from xxgk.divisions import DATA, Division, prefix, registry

TABLE = DATA / "portal_hosts.csv"


@dataclass(frozen=True, slots=True)
class Portal:
    """The portal a URL belongs to: the host as the URL gives it, and the division the table names."""

    host: str
    division: Division


@cache
def hosts() -> dict[str, str]:
    """host → division code, as the shipped table lists them."""
    with open(TABLE, encoding="utf-8") as f:
        return {row["host"].strip().lower(): row["code"].strip() for row in csv.DictReader(f)}


def portal_of(url: str | None) -> Portal | None:
    """The portal of an http(s) URL, when the table knows its host; None for a file path or an unknown host."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    table = hosts()
    found = [h for h in table if host == h or host.endswith("." + h)]
    if not found:
        return None
    best = max(found, key=len)
    division = registry().by_code.get(table[best])
    return Portal(host, division) if division is not None else None


# The level a name's first character names when it is printed without its place: 市财政局, 区发改局, 县教育局.
_HEAD_LEVEL = {"省": "province", "市": "city", "区": "county", "县": "county"}


def place(agency: Agency | None, printed: str, context: str, url: str | None) -> Agency | None:
    """The agency placed by the portal a report was collected from, when its printed name does not place it
    (no division in the name, or a division several places share); the registry's answer otherwise: the
    printed name wins wherever it places the agency."""
    portal = portal_of(url)
    if portal is None or not printed:
        return agency
    ambiguous = agency is not None and agency.note.startswith("ambiguous")
    if agency is not None and agency.level is not None and not ambiguous:
        return agency
    reg = registry()
    div = portal.division
    where = f"按采集网站 {portal.host}（{prefix(div)}）定位"
    if ambiguous:  # 鼓楼区人民政府: the portal's places settle which 鼓楼区
        again = resolve(printed, "\n".join([context, *(a.name for a in reg.ancestors(div))]))
        if again.resolved and _within(again, div):
            return replace(again, placed_by="portal", note=f"{where}：同名区划取该网站所在的一个")
        return agency
    s = normalise(printed)
    target: Division | None = div
    rest = s
    if s[:1] in _HEAD_LEVEL and len(s) > 2:
        level = _HEAD_LEVEL[s[0]]
        target = next((a for a in reg.ancestors(div) if a.level == level), None)
        rest = s[1:]
    elif div.level == "province":
        return agency  # a province's portal carries its cities' reports too: 财政局 alone could be any of them
    if target is not None:
        named = prefix(target) + rest
        placed = resolve(named, context)
        if placed.resolved and placed.level is not None and _within(placed, target):
            return replace(placed, printed=named, placed_by="portal", note=f"{where}；所印名称为「{s}」")
        return agency
    # 区财政局 on a city's portal: the city is known, the district is not
    places = {a.level: a for a in reg.ancestors(div)}
    province, city = places.get("province"), places.get("city")
    return Agency(name=s, province=province.name if province else None, city=city.name if city else None,
                  district=None, township=None, code=None, level=None,
                  bureau=agency.bureau if agency is not None else "其他", resolved=False,
                  key=f"?|{prefix(div)}|{s}", printed=printed, placed_by="portal",
                  note=f"{where}：名称没有写明区县，只定位到{div.name}")


def _within(agency: Agency, division: Division) -> bool:
    """The agency sits in the division (or is it)."""
    node = registry().by_code.get(agency.code or "")
    return node is not None and (node.code == division.code or registry().is_under(node, division))
