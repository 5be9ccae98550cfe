"""The 区县 filter tells two districts of one name apart: choosing 南京市·鼓楼区 never shows 福州市 鼓楼区 (the database
of tests/fixtures/db/two_cities.py: the Nanjing bureau prints 1 in every cell, the Fuzhou one 100, 玄武区's 10,000).
A bare name, as older links carry it, keeps every district of that name."""

from __future__ import annotations

import polars as pl
import pytest

from xxgk import dictionary, metrics, queries
from xxgk.filters import Filters

NANJING, FUZHOU, XUANWU = 1, 2, 3


@pytest.fixture(scope="module")
def con(towns):
    """Here the query tests' database is the two cities (tests/queries/conftest.py)."""
    return towns


def received(con, *districts: str) -> float:
    kpi = metrics.read(con, "overview_kpis", Filters(districts=districts).params())
    return kpi["received"][0]


def test_the_district_choices_carry_their_city_where_the_name_repeats(con):
    d = queries.run(con, "filter_options", {"dataset": "real"}).filter(pl.col("kind") == "district")
    assert sorted(d.select("value", "label", "city", "district").rows()) == [
        ("南京市·鼓楼区", "南京市·鼓楼区", "南京市", "鼓楼区"),
        ("玄武区", "玄武区", "南京市", "玄武区"),  # unique: its bare name
        ("福州市·鼓楼区", "福州市·鼓楼区", "福州市", "鼓楼区"),
    ]


def test_a_city_qualified_choice_keeps_that_city_only(con):
    # two years of one cell each: 2 × 1 for Nanjing's 鼓楼区, 2 × 100 for Fuzhou's
    assert received(con, "南京市·鼓楼区") == 2
    assert received(con, "福州市·鼓楼区") == 200
    assert received(con, "南京市·鼓楼区", "玄武区") == 20_002


def test_a_bare_name_from_an_older_link_keeps_every_district_of_that_name(con):
    assert received(con, "鼓楼区") == 202
    assert received(con, "玄武区") == 20_000


def test_compare_sets_the_two_districts_of_one_name_side_by_side(con):
    out = queries.run(con, "compare", {**Filters().params(), "mode": "districts", "agency_a": None, "agency_b": None,
                                       "district_a": "南京市·鼓楼区", "district_b": "福州市·鼓楼区"})
    assert sorted(out.select("year", "side", "side_label", "received").rows()) == [
        (2022, "A", "南京市·鼓楼区", 1), (2022, "B", "福州市·鼓楼区", 100),
        (2023, "A", "南京市·鼓楼区", 1), (2023, "B", "福州市·鼓楼区", 100)]


@pytest.mark.parametrize("name", metrics.every_name())
def test_no_query_lets_the_other_city_in(con, name):
    entry = dictionary.query(name)
    own = {"agency_id": NANJING, "agency_a": NANJING, "report_id": "d1-2023", "report_ids": ["d1-2023"],
           "district_a": "南京市·鼓楼区", "district_b": "玄武区"}
    params = {**Filters(districts=("南京市·鼓楼区",)).params(), **entry.example,
              **{k: v for k, v in own.items() if k in entry.params}}
    out = metrics.read(con, name, params)
    if "agency_id" in out.columns and name not in {"filter_options", "compare"}:
        assert FUZHOU not in out["agency_id"].to_list(), name
    for col in ("agency", "agency_name"):
        if col in out.columns:
            assert not any("福州" in (a or "") for a in out[col].to_list()), name
    sums = [c for c, t in out.schema.items() if t.is_numeric() and c.startswith(("received", "processed", "value"))]
    for col in sums:  # Fuzhou's 100s would show in the hundreds of any sum that took them in
        assert all((v // 100) % 100 == 0 for v in out[col].drop_nulls().to_list()), f"{name}.{col}"
