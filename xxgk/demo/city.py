"""The agencies of the demo corpus's fictional cities (their geography is xxgk.fictional).

Every name starts with 示例 and every code sits in province 99, which no real division uses, so no
real agency is ever shown with invented numbers. `AGENCIES` is plain data; the agency registry resolves the
fictional agencies to their district and bureau type through the fictional divisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.fictional import District, districts_of


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of agency: its bureau type (the registry's bureau key) and how it is named per level."""

    key: str
    bureau: str  # bureau type as the registry names it
    district_name: str  # name pattern at district level; {d} = district name without 区/县
    county_name: str  # name pattern at county level
    city_name: str  # name at city level ("" = no such agency at city level)


def _k(key: str, bureau: str, district: str, county: str | None = None, city: str | None = None) -> Kind:
    """A kind whose county and city names default to the district name and the bureau name."""
    return Kind(key, bureau, district, district if county is None else county, bureau if city is None else city)


# District-level names read as "{city}{district}{name}" unless the pattern starts with "@", in which case
# the city-level bureau carries a 分局 for the district: "{city}{bureau}{d}分局".
KINDS: tuple[Kind, ...] = (
    _k("gov", "人民政府", "人民政府"),
    _k("fgw", "发展和改革局", "发展和改革局", city="发展和改革委员会"),
    _k("edu", "教育局", "教育局", "教育和体育局"),
    _k("kj", "科学技术局", "科学技术局"),
    _k("gxj", "工业和信息化局", "工业和信息化局", "经济和信息化局"),
    _k("police", "公安局", "@公安局", "公安局"),
    _k("mz", "民政局", "民政局"),
    _k("sf", "司法局", "司法局"),
    _k("cz", "财政局", "财政局"),
    _k("rs", "人力资源和社会保障局", "人力资源和社会保障局"),
    _k("zr", "自然资源和规划局", "@自然资源和规划局", "自然资源局"),
    _k("sthj", "生态环境局", "@生态环境局", "@生态环境局"),
    _k("zj", "住房和城乡建设局", "住房和城乡建设局"),
    _k("jt", "交通运输局", "交通运输局"),
    _k("sl", "水利局", "水利局", "水务局"),
    _k("nyny", "农业农村局", "农业农村局"),
    _k("sw", "商务局", "商务局"),
    _k("wl", "文化和旅游局", "文化和旅游局", "文化广电旅游体育局", city="文化广电旅游局"),
    _k("wj", "卫生健康局", "卫生健康局", city="卫生健康委员会"),
    _k("tyjr", "退役军人事务局", "退役军人事务局"),
    _k("yj", "应急管理局", "应急管理局"),
    _k("sj", "审计局", "审计局"),
    _k("scjg", "市场监督管理局", "市场监督管理局"),
    _k("tj", "统计局", "统计局"),
    _k("yb", "医疗保障局", "医疗保障局"),
    _k("zf", "综合行政执法局", "综合行政执法局", city="城市管理局"),
    _k("xf", "信访局", "信访局"),
    _k("xzsp", "行政审批服务局", "行政审批服务局", "行政审批局", city="数据和政务服务局"),
    _k("lin", "林业局", "", "林业局", city="林业局"),
    _k("mzzj", "民族宗教事务局", "", "民族宗教事务局", city="民族宗教事务委员会"),
    _k("rf", "人民防空办公室", "人民防空办公室", "", city="人民防空办公室"),
    _k("street", "街道办事处", "{t}街道办事处", "", city=""),
    _k("town", "乡镇人民政府", "", "{t}镇人民政府", city=""),
)
KIND_BY_KEY = {k.key: k for k in KINDS}
TOWNSHIP_KINDS = frozenset({"street", "town"})


@dataclass(frozen=True, slots=True)
class Agency:
    """One fictional agency that publishes an annual report."""

    id: str  # stable id, e.g. "990101-edu" or "990101-street03"; file names derive from it
    name: str  # full name as its reports print it
    kind: str  # Kind.key
    bureau: str  # bureau type (Kind.bureau)
    district: District


def _short(name: str) -> str:
    """明湖区 → 明湖 (the form used inside 分局 names)."""
    return name[:-1] if name[-1] in "区县" else name


def agencies_of(district: District) -> list[Agency]:
    """The agencies of one district, county or city level, in a fixed order."""
    out: list[Agency] = []
    city = district.city
    for kind in KINDS:
        if kind.key in TOWNSHIP_KINDS:
            pattern = kind.district_name if district.level == "district" else kind.county_name
            if not pattern or district.level == "city":
                continue
            for i, t in enumerate(district.townships, 1):
                name = f"{city}{district.name}{pattern.format(t=t)}"
                if district.level == "county" and i % 3 == 0:  # some counties keep 乡 rather than 镇
                    name = name.replace("镇人民政府", "乡人民政府")
                out.append(Agency(f"{district.code}-{kind.key}{i:02d}", name, kind.key, kind.bureau, district))
            continue
        if district.level == "city":
            if not kind.city_name:
                continue
            name = f"{city}{kind.city_name}"
        else:
            pattern = kind.district_name if district.level == "district" else kind.county_name
            if not pattern:
                continue
            if pattern.startswith("@"):
                name = f"{city}{pattern[1:]}{_short(district.name)}分局"
            else:
                name = f"{city}{district.name}{pattern}"
        out.append(Agency(f"{district.code}-{kind.key}", name, kind.key, kind.bureau, district))
    return out


def agencies_of_city(city_index: int = 0) -> list[Agency]:
    """Every agency of the index-th fictional city."""
    return [a for d in districts_of(city_index) for a in agencies_of(d)]


AGENCIES: tuple[Agency, ...] = tuple(agencies_of_city(0))
