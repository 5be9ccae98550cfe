"""The filtered facts (view_facts) carry only the columns asked for; aggregates read the facts they declare."""

import polars as pl
import pytest

from xxgk import metrics, queries
from xxgk.errors import QueryError
from xxgk.filters import Filters


def test_view_facts_returns_only_the_columns_asked_for(con):
    out = queries.run(con, "view_facts", {"columns": ["district", "t3_new_received__total"]})
    assert out.columns == ["year", "synthetic", "district", "t3_new_received__total"]
    with_derived = queries.run(con, "view_facts", {"columns": ["all_zero", "proactive_items"]})
    assert with_derived.columns == ["year", "synthetic", "all_zero", "proactive_items"]
    assert with_derived.height == out.height  # the joins add columns, never rows
    assert with_derived["proactive_items"].drop_nulls().len() > 0


def test_every_aggregate_declares_the_facts_it_reads(con):
    for name in metrics.names():
        entry = {"group_by": "district", "kind": "review", "measure": "t2_penalty__decisions"}
        params = {**Filters().params(), **entry}
        facts = metrics.facts(con, metrics.columns(name, **params), metrics.facts_filters(name, params))
        assert not metrics.build(name, facts, **params).is_empty(), name


def test_a_year_on_year_aggregate_reads_the_year_before(con):
    params = {**Filters(year_from=2021).params(), "group_by": "all"}
    assert metrics.facts_filters("yoy_change", params)["year_from"] == 2020
    out = metrics.read(con, "yoy_change", params)
    assert out["year"].min() == 2021 and out["received_prev"][0] is not None


def test_districts_of_one_name_in_two_cities_are_two_groups():
    facts = pl.DataFrame({
        "year": [2024] * 3, "synthetic": [False] * 3, "counts_t3": [True] * 3,
        "city": ["南京市", "福州市", "福州市"], "district": ["鼓楼区"] * 3,
        **{c: [1.0, 2.0, 3.0] for c in metrics.columns("applications_by_group", group_by="district")
           if c.startswith("t3_")},
    })
    out = metrics.build("applications_by_group", facts, group_by="district")
    assert dict(zip(out["group_key"], out["received"], strict=True)) == {"福州市·鼓楼区": 5.0, "南京市·鼓楼区": 1.0}


def test_an_unknown_aggregate_or_missing_option_is_a_clear_error(con):
    with pytest.raises(QueryError, match="no aggregate 'nope'"):
        metrics.build("nope", pl.DataFrame())
    with pytest.raises(QueryError, match="needs option"):
        metrics.read(con, "applications_by_group", {})
