"""The fictional geography of the demo corpus: 示例省, its cities (示例市, 示例二市 …), their districts, counties
and townships. Every name starts with 示例 and every code sits in province 99, which no real division uses. The
division registry (xxgk.divisions) and the demo city's agencies (xxgk.demo.city) both read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE = "示例省"
PROVINCE_CODE = "990000"
CITY = "示例市"
CITY_CODE = "990100"
FICTIONAL = True  # every division and agency below is invented

# The ordinal names of the extra cities that `--scale K` adds (示例市, 示例二市, 示例三市 …).
_DIGITS = "零一二三四五六七八九"


def city_name(index: int) -> str:
    """The name of the index-th fictional city (0 → 示例市, 1 → 示例二市, 11 → 示例十二市)."""
    if index == 0:
        return CITY
    n = index + 1
    tens, ones = divmod(n, 10)
    if tens == 0:
        word = _DIGITS[ones]
    else:
        word = ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return f"示例{word}市"


@dataclass(frozen=True, slots=True)
class District:
    """A district (区) or county (县) of a fictional city, or the city level itself (level "city")."""

    code: str  # fictional 6-digit code in province 99
    name: str  # 明湖区; the city's own name for the city level
    level: str  # "city", "district" or "county"
    city: str = CITY
    townships: tuple[str, ...] = ()  # 街道 (districts) or 镇/乡 (counties), names without the suffix

    @property
    def full_name(self) -> str:
        if self.level == "city":
            return f"{PROVINCE}{self.city}"
        return f"{PROVINCE}{self.city}{self.name}"


# name, level, townships. Township names are bare; the suffix (街道办事处, 镇人民政府, 乡人民政府) follows
# the district's level.
_DISTRICT_TABLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("明湖区", "district", ("湖滨", "明珠", "望湖", "文昌", "锦绣")),
    ("望川区", "district", ("川东", "川西", "龙舟", "新桥")),
    ("梧桐区", "district", ("梧桐", "凤鸣", "桐荫", "青石", "嘉禾")),
    ("星港区", "district", ("星港", "海晏", "潮音", "港城", "渔湾", "临港")),
    ("云栖区", "district", ("云栖", "栖霞岭", "竹溪", "松涛")),
    ("翠微区", "district", ("翠微", "玉泉", "兰亭")),
    ("南岭县", "county", ("岭南", "石门", "双溪", "桃源", "白沙")),
    ("青禾县", "county", ("青禾", "禾丰", "上塘", "下塘")),
    ("松石县", "county", ("松石", "石岩", "古渡", "柏林", "杉坪", "梅岭")),
    ("柳溪县", "county", ("柳溪", "溪口", "金沙", "银杏")),
)


def districts_of(city_index: int = 0) -> tuple[District, ...]:
    """The city level and the ten districts/counties of the index-th fictional city."""
    city = city_name(city_index)
    prefix = f"99{city_index + 1:02d}"
    out = [District(code=f"{prefix}00", name=city, level="city", city=city)]
    n_district = n_county = 0
    for name, level, towns in _DISTRICT_TABLE:
        if level == "district":
            n_district += 1
            code = f"{prefix}{n_district:02d}"
        else:
            n_county += 1
            code = f"{prefix}{20 + n_county:02d}"
        out.append(District(code=code, name=name, level=level, city=city, townships=towns))
    return tuple(out)


DISTRICTS: tuple[District, ...] = districts_of(0)
