"""Group keys: blank places named, a district qualified by its city only where its name is not unique."""

import polars as pl
import pytest

from xxgk.errors import QueryError
from xxgk.metrics import groups

FACTS = pl.DataFrame({
    "province": ["江苏省", "福建省", "江苏省", None],
    "city": ["南京市", "福州市", "南京市", None],
    "district": ["鼓楼区", "鼓楼区", "玄武区", None],
    "township": ["华侨路街道", "华侨路街道", None, None],
    "agency_name": ["南京市鼓楼区财政局", "福州市鼓楼区财政局", "玄武区某局", None],
    "agency_id": [1, 2, 3, None],
    "bureau": ["财政", "财政", None, None],
})


def keys(by):
    return FACTS.with_columns(groups.key(by))["group_key"].to_list()


def test_two_cities_districts_of_one_name_stay_apart():
    assert keys("district") == ["南京市·鼓楼区", "福州市·鼓楼区", "玄武区", "（未定位）"]


def test_a_unique_district_name_is_not_qualified():
    one_city = FACTS.filter(pl.col("city") == "南京市")
    assert one_city.select(groups.key("district"))["group_key"].to_list() == ["鼓楼区", "玄武区"]


def test_townships_are_qualified_by_their_qualified_district():
    assert keys("township") == ["南京市·鼓楼区·华侨路街道", "福州市·鼓楼区·华侨路街道", "（未定位）", "（未定位）"]


def test_other_groupings():
    assert keys("agency") == ["南京市鼓楼区财政局", "福州市鼓楼区财政局", "玄武区某局", "（未识别机关）"]
    assert keys("city") == ["南京市", "福州市", "南京市", "（未定位）"]
    assert keys("province") == ["江苏省", "福建省", "江苏省", "（未定位）"]
    assert keys("bureau") == ["财政", "财政", "（未分类）", "（未分类）"]
    assert keys("all") == ["全部"] * 4


def test_unknown_grouping_is_refused_with_the_choices():
    with pytest.raises(QueryError, match=r"unknown \$group_by: county \(agency, province"):
        groups.key("county")
