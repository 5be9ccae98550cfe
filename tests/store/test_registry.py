"""The agency registry on realistic names: departments, townships, streets, development zones, districts
created or renamed since 2020, short forms, reform renames, ambiguous and unplaceable names.

Expected codes are the published division codes (民政部 / 国家统计局), written here independently of
xxgk/data/divisions.csv.
"""

from __future__ import annotations

import pytest

from xxgk.agencies import BUREAUS, resolve

# name, expected (province, city, district, code, level, bureau)
CASES = [
    # governments at every level
    ("浙江省人民政府", ("浙江省", None, None, "330000", "province", "省政府")),
    ("江苏省人民政府办公厅", ("江苏省", None, None, "320000", "province", "政府办")),
    ("福建省财政厅", ("福建省", None, None, "350000", "province", "财政")),
    ("淮安市人民政府", ("江苏省", "淮安市", None, "320800", "city", "市政府")),
    ("宁波市人民政府", ("浙江省", "宁波市", None, "330200", "city", "市政府")),
    ("福州市人民政府办公厅", ("福建省", "福州市", None, "350100", "city", "政府办")),
    ("淮安市洪泽区人民政府", ("江苏省", "淮安市", "洪泽区", "320813", "county", "区县政府")),
    ("洪泽区人民政府", ("江苏省", "淮安市", "洪泽区", "320813", "county", "区县政府")),
    ("宁海县人民政府", ("浙江省", "宁波市", "宁海县", "330226", "county", "区县政府")),
    ("慈溪市人民政府", ("浙江省", "宁波市", "慈溪市", "330282", "county", "区县政府")),
    ("晋江市人民政府", ("福建省", "泉州市", "晋江市", "350582", "county", "区县政府")),
    ("北京市东城区人民政府", ("北京市", "北京市", "东城区", "110101", "county", "区县政府")),
    ("上海市浦东新区人民政府", ("上海市", "上海市", "浦东新区", "310115", "county", "区县政府")),
    # districts created or renamed since 2016–2021
    ("杭州市临平区人民政府", ("浙江省", "杭州市", "临平区", "330113", "county", "区县政府")),
    ("杭州市钱塘区人民政府", ("浙江省", "杭州市", "钱塘区", "330114", "county", "区县政府")),
    ("杭州市临平区教育局", ("浙江省", "杭州市", "临平区", "330113", "county", "教育")),
    ("钱塘区卫生健康局", ("浙江省", "杭州市", "钱塘区", "330114", "county", "卫健")),
    ("宁波市奉化区人民政府", ("浙江省", "宁波市", "奉化区", "330213", "county", "区县政府")),
    ("玉环市人民政府", ("浙江省", "台州市", "玉环市", "331083", "county", "区县政府")),
    ("温州市洞头区人民政府", ("浙江省", "温州市", "洞头区", "330305", "county", "区县政府")),
    ("福州市长乐区人民政府", ("福建省", "福州市", "长乐区", "350112", "county", "区县政府")),
    ("苏州市吴江区人民政府", ("江苏省", "苏州市", "吴江区", "320509", "county", "区县政府")),
    ("杭州市江干区人民政府", ("浙江省", "杭州市", "江干区", "330104", "county", "区县政府")),  # abolished 2021
    # departments, full names
    ("宁波市鄞州区经济和信息化局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "经信")),
    ("沭阳县发展和改革局", ("江苏省", "宿迁市", "沭阳县", "321322", "county", "发展改革")),
    ("南京市江宁区住房和城乡建设局", ("江苏省", "南京市", "江宁区", "320115", "county", "住建")),
    ("苏州市吴中区人力资源和社会保障局", ("江苏省", "苏州市", "吴中区", "320506", "county", "人社")),
    ("厦门市思明区民政局", ("福建省", "厦门市", "思明区", "350203", "county", "民政")),
    ("厦门市湖里区司法局", ("福建省", "厦门市", "湖里区", "350206", "county", "司法")),
    ("昆山市市场监督管理局", ("江苏省", "苏州市", "昆山市", "320583", "county", "市场监管")),
    ("义乌市综合行政执法局", ("浙江省", "金华市", "义乌市", "330782", "county", "综合执法")),
    ("张家港市应急管理局", ("江苏省", "苏州市", "张家港市", "320582", "county", "应急")),
    ("宜兴市医疗保障局", ("江苏省", "无锡市", "宜兴市", "320282", "county", "医保")),
    ("瑞安市审计局", ("浙江省", "温州市", "瑞安市", "330381", "county", "审计")),
    ("乐清市统计局", ("浙江省", "温州市", "乐清市", "330382", "county", "统计")),
    ("临海市信访局", ("浙江省", "台州市", "临海市", "331082", "county", "信访")),
    ("涟水县水利局", ("江苏省", "淮安市", "涟水县", "320826", "county", "水利")),
    ("盱眙县农业农村局", ("江苏省", "淮安市", "盱眙县", "320830", "county", "农业农村")),
    ("金湖县交通运输局", ("江苏省", "淮安市", "金湖县", "320831", "county", "交通")),
    ("厦门市集美区商务局", ("福建省", "厦门市", "集美区", "350211", "county", "商务")),
    ("厦门市同安区文化和旅游局", ("福建省", "厦门市", "同安区", "350212", "county", "文旅")),
    ("江苏省生态环境厅", ("江苏省", None, None, "320000", "province", "生态环境")),
    ("浙江省自然资源厅", ("浙江省", None, None, "330000", "province", "自然资源")),
    ("宁波市公安局", ("浙江省", "宁波市", None, "330200", "city", "公安")),
    # a city bureau's district branch belongs to the district
    ("宁波市公安局鄞州分局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "公安")),
    ("宁波市自然资源和规划局鄞州分局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "自然资源")),
    ("杭州市生态环境局临平分局", ("浙江省", "杭州市", "临平区", "330113", "county", "生态环境")),
    # short forms
    ("鄞州区发改局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "发展改革")),
    ("宁波市鄞州区经信局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "经信")),
    ("淮安市洪泽区人社局", ("江苏省", "淮安市", "洪泽区", "320813", "county", "人社")),
    ("海曙区政府办", ("浙江省", "宁波市", "海曙区", "330203", "county", "政府办")),
    ("北仑区住建局", ("浙江省", "宁波市", "北仑区", "330206", "county", "住建")),
    ("镇海区卫健局", ("浙江省", "宁波市", "镇海区", "330211", "county", "卫健")),
    # development zones and special areas
    ("苏州工业园区管理委员会", ("江苏省", "苏州市", "苏州工业园区", None, "county", "开发区")),
    ("淮安经济技术开发区管委会", ("江苏省", "淮安市", "淮安经济技术开发区", None, "county", "开发区")),
    ("平潭综合实验区", ("福建省", "福州市", "平潭县", "350128", "county", "区县政府")),
    # offices of vertically managed central organs, placed where the rest of the name says
    ("国家税务总局宁波市鄞州区税务局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "税务")),
    ("国家税务总局杭州市临平区税务局", ("浙江省", "杭州市", "临平区", "330113", "county", "税务")),
    ("国家税务总局宁波市税务局", ("浙江省", "宁波市", None, "330200", "city", "税务")),
    ("国家税务总局浙江省税务局", ("浙江省", None, None, "330000", "province", "税务")),
    ("国家统计局余姚调查队", ("浙江省", "宁波市", "余姚市", "330281", "county", "统计调查")),
    ("国家统计局宁波调查队", ("浙江省", "宁波市", None, "330200", "city", "统计调查")),
    ("中国人民银行宁波市中心支行", ("浙江省", "宁波市", None, "330200", "city", "人民银行")),
    ("国家金融监督管理总局宁波监管局", ("浙江省", "宁波市", None, "330200", "city", "金融监管")),
    ("宁波海关", ("浙江省", "宁波市", None, "330200", "city", "海关")),
    ("中华人民共和国宁波海关", ("浙江省", "宁波市", None, "330200", "city", "海关")),
    ("宁波市鄞州区气象局", ("浙江省", "宁波市", "鄞州区", "330212", "county", "气象")),
]

# streets and townships: name, (district, district code, township name, bureau)
TOWNSHIPS = [
    ("宁波市鄞州区钟公庙街道办事处", ("鄞州区", "330212", "钟公庙街道")),
    ("鄞州区下应街道", ("鄞州区", "330212", "下应街道")),
    ("宁波市海曙区鼓楼街道办事处", ("海曙区", "330203", "鼓楼街道")),
    ("杭州市临平区南苑街道办事处", ("临平区", "330113", "南苑街道")),
    ("淮安市洪泽区高良涧街道办事处", ("洪泽区", "320813", "高良涧街道")),
    ("沭阳县沭城街道办事处", ("沭阳县", "321322", "沭城街道")),
    ("宁海县西店镇人民政府", ("宁海县", "330226", "西店镇")),
    ("象山县石浦镇人民政府", ("象山县", "330225", "石浦镇")),
    ("厦门市思明区鹭江街道办事处", ("思明区", "350203", "鹭江街道")),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_names_resolve_to_their_division_and_bureau(name, expected):
    a = resolve(name)
    province, city, district, code, level, bureau = expected
    assert a.resolved, a.note
    assert (a.province, a.city, a.district, a.level, a.bureau) == (province, city, district, level, bureau)
    if code is not None:
        assert a.code == code
    else:  # a statistical zone: a statistical code under its city, never a made-up one
        assert a.code is None or (a.code[:4] == _city_code(city) and a.code[4:6] >= "71")
    assert a.bureau in BUREAUS


def _city_code(city: str) -> str:
    return resolve(city + "人民政府").code[:4]


@pytest.mark.parametrize(("name", "expected"), TOWNSHIPS, ids=[t[0] for t in TOWNSHIPS])
def test_streets_and_townships_resolve_below_their_county(name, expected):
    district, county_code, township = expected
    a = resolve(name)
    assert a.resolved, a.note
    assert (a.district, a.township, a.level, a.bureau) == (district, township, "township", "街道/乡镇")
    assert a.code is not None and len(a.code) == 9 and a.code.startswith(county_code)


@pytest.mark.parametrize(("names", "bureau"), [
    (["宁波市鄞州区国土资源局", "宁波市自然资源和规划局鄞州分局"], "自然资源"),
    (["宁波市鄞州区经济和信息化局", "宁波市鄞州区经信局"], "经信"),
    (["淮安市洪泽区发展和改革局", "洪泽区发改局"], "发展改革"),
    (["淮安市洪泽区人力资源和社会保障局", "洪泽区人社局"], "人社"),
    (["宁波市鄞州区卫生和计划生育局", "宁波市鄞州区卫生健康局"], "卫健"),
    (["洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市洪泽区政府"], "区县政府"),
    (["宁波市鄞州区钟公庙街道办事处", "鄞州区钟公庙街道"], "街道/乡镇"),
])
def test_reform_renames_and_short_forms_share_one_key(names, bureau):
    agencies = [resolve(n) for n in names]
    assert len({a.key for a in agencies}) == 1, [a.key for a in agencies]
    assert {a.bureau for a in agencies} == {bureau}


def test_different_agencies_of_one_district_keep_different_keys():
    keys = {resolve(n).key for n in ("宁波市鄞州区教育局", "宁波市鄞州区财政局", "宁波市公安局鄞州分局",
                                     "宁波市鄞州区人民政府", "宁波市鄞州区人民政府办公室", "宁波市鄞州区下应街道办事处")}
    assert len(keys) == 6


def test_a_central_office_keeps_one_key_with_or_without_the_organ_in_its_name():
    printed = [resolve("国家税务总局宁波市鄞州区税务局"), resolve("宁波市鄞州区税务局")]
    assert printed[0].key == printed[1].key == "330212|税务"
    assert printed[0].name == "国家税务总局宁波市鄞州区税务局" and "垂直管理" in printed[0].note


def test_a_name_several_districts_share_is_settled_by_context_or_left_for_a_person():
    alone = resolve("鼓楼区人民政府")
    assert not alone.resolved and alone.code is None and "南京市鼓楼区" in alone.note
    assert alone.bureau == "区县政府"
    in_fuzhou = resolve("鼓楼区人民政府", context="福州市鼓楼区2023年政府信息公开工作年度报告")
    assert (in_fuzhou.city, in_fuzhou.code, in_fuzhou.resolved) == ("福州市", "350102", True)
    in_nanjing = resolve("鼓楼区人民政府", context="南京市鼓楼区人民政府")
    assert in_nanjing.code == "320106"


@pytest.mark.parametrize("name", ["中山大学", "国家税务总局", "国家税务总局鼓楼区税务局", "某某有限公司", ""])
def test_names_outside_the_divisions_come_back_unresolved_not_dropped(name):
    a = resolve(name)
    assert not a.resolved and a.code is None and a.key
    assert a.bureau in BUREAUS


def test_the_fictional_demo_city_resolves_from_the_fictional_divisions_and_says_so():
    from xxgk import fictional
    from xxgk.demo import city

    for agency in city.AGENCIES[::7]:
        a = resolve(agency.name)
        assert a.resolved and a.fictional, agency.name
        assert a.province == fictional.PROVINCE and a.city == fictional.CITY
        if agency.district.level != "city":
            assert a.district == agency.district.name, agency.name
    assert not resolve("宁波市鄞州区教育局").fictional


def test_report_region_is_the_parse_contract_shape():
    assert resolve("宁波市鄞州区经济和信息化局").region == {
        "province": "浙江省", "city": "宁波市", "district": "鄞州区", "code": "330212"}


@pytest.mark.parametrize(("name", "city", "bureau"), [
    ("湖州市南太湖新区管理委员会", "湖州市", "开发区"),
    ("福州新区管委会", "福州市", "开发区"),
    ("宁波国家高新区管委会", "宁波市", "开发区"),
    ("中共宁波市鄞州区委办公室", "宁波市", "其他"),
])
def test_zones_and_party_organs_named_with_a_short_city_name(name, city, bureau):
    a = resolve(name)
    assert (a.resolved, a.city, a.bureau) == (True, city, bureau)
    assert a.name.startswith(name[:2])  # kept as printed, not rewritten


def test_the_division_table_covers_every_province_and_the_prefectures_of_the_fixture_provinces():
    import csv

    from xxgk.agencies import DATA

    with open(DATA / "divisions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    provinces = [r for r in rows if r["level"] == "province"]
    assert len(provinces) == 31  # the mainland's provincial divisions
    cities = {p: [r["name"] for r in rows if r["level"] == "city" and r["parent"] == code]
              for p, code in (("江苏", "320000"), ("浙江", "330000"), ("福建", "350000"))}
    assert (len(cities["江苏"]), len(cities["浙江"]), len(cities["福建"])) == (13, 11, 9)
    for province in provinces:
        assert resolve(province["name"] + "人民政府").level == "province"
    for names in cities.values():
        for city in names:
            a = resolve(city + "人民政府")
            assert (a.level, a.bureau, a.city) == ("city", "市政府", city)
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
