"""The sidebar's 区县 filter on a database holding two 鼓楼区 (南京市 and 福州市): the choice carries its city, the
URL reads ?district=南京市·鼓楼区, and an older link with the bare name keeps both, with a note saying so."""

import pytest

from tests.pages.test_pages import open_page


def kpis(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def district_widget(at):
    return next(m for m in at.multiselect if m.key == "district")


def test_the_district_choices_name_the_city_where_the_name_repeats(two_cities_db, monkeypatch):
    at = open_page(two_cities_db, "overview", monkeypatch)
    assert district_widget(at).options == ["南京市·鼓楼区", "玄武区", "福州市·鼓楼区"]


@pytest.mark.parametrize("page", ["overview", "zero_activity", "quality", "compare"])
def test_choosing_one_keeps_that_city_only(two_cities_db, monkeypatch, page):
    at = open_page(two_cities_db, page, monkeypatch, district="南京市·鼓楼区")
    assert district_widget(at).value == ["南京市·鼓楼区"]
    assert not any("在多个城市都有" in c.value for c in at.caption)
    if page == "overview":
        assert kpis(at)["机关数"] == "1 个"


def test_choosing_in_the_sidebar_keeps_that_city_only(two_cities_db, monkeypatch):
    at = open_page(two_cities_db, "overview", monkeypatch)
    district_widget(at).select("福州市·鼓楼区").run()
    assert kpis(at)["机关数"] == "1 个"
    # the agency list offers only the agencies of that district
    assert next(m for m in at.multiselect if m.key == "agency").options == ["福州市鼓楼区教育局"]


def test_an_older_link_with_the_bare_name_keeps_both_with_a_note(two_cities_db, monkeypatch):
    at = open_page(two_cities_db, "overview", monkeypatch, district="鼓楼区")
    assert district_widget(at).value == ["鼓楼区"]
    assert kpis(at)["机关数"] == "2 个"
    note = [c.value for c in at.caption if "在多个城市都有" in c.value]
    assert note and "南京市·鼓楼区" in note[0] and "福州市·鼓楼区" in note[0]


def test_compare_offers_both_districts_of_one_name(two_cities_db, monkeypatch):
    at = open_page(two_cities_db, "compare", monkeypatch, cmp_mode="区县对比", cmp_da="南京市·鼓楼区",
                   cmp_db="福州市·鼓楼区")
    boxes = {s.key: s for s in at.selectbox}
    assert boxes["cmp_da"].value == "南京市·鼓楼区" and boxes["cmp_db"].value == "福州市·鼓楼区"
