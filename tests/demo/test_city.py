"""The fictional city: plainly fictional names and codes, the agency kinds the issue asks for, unique ids."""

from collections import Counter

from xxgk.demo.city import AGENCIES, KINDS, agencies_of_city
from xxgk.fictional import DISTRICTS, PROVINCE_CODE, city_name, districts_of


def test_codes_are_outside_real_code_space_and_names_say_fictional():
    assert PROVINCE_CODE.startswith("99")
    for d in DISTRICTS:
        assert len(d.code) == 6 and d.code.startswith("99"), d
        assert d.full_name.startswith("示例省示例市")
    for a in AGENCIES:
        assert a.name.startswith("示例市"), a.name
        assert a.district.code in a.id


def test_ten_districts_and_counties_and_the_city_level():
    levels = Counter(d.level for d in DISTRICTS)
    assert levels == {"city": 1, "district": 6, "county": 4}
    assert len({d.code for d in DISTRICTS}) == len(DISTRICTS)


def test_agency_kinds_cover_governments_departments_and_townships():
    kinds = {k.key for k in KINDS}
    assert len(kinds) >= 33
    assert {"gov", "zr", "zj", "police", "street", "town", "xf", "zf", "yb"} <= kinds
    names = [a.name for a in AGENCIES]
    assert "示例市明湖区人民政府" in names
    assert any(n.endswith("街道办事处") for n in names) and any(n.endswith("镇人民政府") for n in names)
    assert any("公安局" in n and n.endswith("分局") for n in names)


def test_ids_and_names_are_unique_across_scaled_cities():
    agencies = [a for k in range(3) for a in agencies_of_city(k)]
    assert len({a.id for a in agencies}) == len(agencies)
    assert len({a.name for a in agencies}) == len(agencies)
    assert [city_name(k) for k in (0, 1, 9, 10, 20)] == ["示例市", "示例二市", "示例十市", "示例十一市", "示例二十一市"]
    assert districts_of(1)[0].code == "990200"
