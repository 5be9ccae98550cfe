"""The filtered facts (view_facts) come summed over reports alike, with only the columns asked for; aggregates read
the facts they declare, and give the same figures from facts summed more finely (a page's one read for all its
charts)."""

import polars as pl
import pytest

from xxgk import metrics
from xxgk.errors import QueryError
from xxgk.filters import Filters

IN_VIEW = "FROM in_view(2019, 2100, [], [], [], [], [], [], 'real', 'agency')"  # the default filters, by hand


def test_view_facts_sums_the_reports_in_view_by_the_keys_asked_for(con):
    out = metrics.facts(con, ["district", "t3_new_received__total__sign", "t3_new_received__total",
                              "t3_new_received__total__n"], Filters().params())
    assert out.columns == ["year", "synthetic", "district", "year__sign", "t3_new_received__total__sign", "reports",
                           "checks_failed", "t3_new_received__total", "year__n", "t3_new_received__total__n"]
    plain = con.execute(f"SELECT count(*), sum(t3_new_received__total), count(t3_new_received__total) {IN_VIEW}"
                        ).fetchone()
    assert (out["reports"].sum(), out["t3_new_received__total"].sum(), out["t3_new_received__total__n"].sum()) == plain
    # a row's reports share the sign: a blank number is its own row, with no sum (blank, not 0)
    blank = out.filter(pl.col("t3_new_received__total__sign").is_null())
    assert blank["t3_new_received__total"].is_null().all() and (blank["t3_new_received__total__n"] == 0).all()
    assert out.select("year", "synthetic", "district", "t3_new_received__total__sign").is_duplicated().sum() == 0


def test_view_facts_reads_the_other_tables_only_for_their_columns(con):
    plain = metrics.facts(con, ["district"], Filters().params())
    joined = metrics.facts(con, ["district", "all_zero", "first_of_agency", "proactive_items", "proactive_items__n"], Filters().params())
    assert joined["reports"].sum() == plain["reports"].sum()  # the joins add columns, never reports
    assert joined["proactive_items__n"].sum() > 0 and joined["all_zero"].any()
    agencies = con.execute(f"SELECT count(DISTINCT agency_id) {IN_VIEW}").fetchone()[0]
    assert joined.filter(pl.col("first_of_agency"))["reports"].sum() == agencies


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


def test_every_aggregate_is_the_same_from_facts_summed_more_finely(con):
    # a page reads the facts once for all its charts, with the keys of all of them: each chart must come out the same
    every = sorted({c for name in metrics.names() for by in ("agency", "city", "district")
                    for c in metrics.columns(name, group_by=by, kind="suit", measure="t2_penalty__decisions")})
    for name in metrics.names():
        for by in ("city", "district"):
            params = {**Filters().params(), "group_by": by, "kind": "suit", "measure": "t2_penalty__decisions"}
            fine = metrics.facts(con, every, metrics.facts_filters(name, params))
            assert metrics.build(name, fine, **params).equals(metrics.read(con, name, params)), (name, by)


def _one_row_per_report(name: str, **columns) -> pl.DataFrame:
    n = len(next(iter(columns.values())))
    return pl.DataFrame({"year": [2024] * n, "synthetic": [False] * n, "reports": [1] * n, **columns})


def test_districts_of_one_name_in_two_cities_are_two_groups():
    cols = metrics.columns("applications_by_group", group_by="district")
    numbers = [c for c in cols if c.startswith("t3_") and not c.endswith(("__sign", "__n"))]
    facts = _one_row_per_report(
        "applications_by_group", counts_t3=[True] * 3, city=["南京市", "福州市", "福州市"], district=["鼓楼区"] * 3,
        **{c: [1] * 3 for c in cols if c.endswith(("__sign", "__n"))}, **{c: [1.0, 2.0, 3.0] for c in numbers})
    out = metrics.build("applications_by_group", facts, group_by="district")
    assert dict(zip(out["group_key"], out["received"], strict=True)) == {"福州市·鼓楼区": 5.0, "南京市·鼓楼区": 1.0}
    late = _one_row_per_report("timeliness", city=["南京市", "福州市", "福州市"], district=["鼓楼区"] * 3,
                               on_time=[True, False, None], days_late=[0, 3, None])
    out = metrics.build("timeliness", late, group_by="district")
    assert out.select("group_key", "dated_reports", "late_reports", "max_days_late").rows() == [
        ("南京市·鼓楼区", 1, 0, None), ("福州市·鼓楼区", 1, 1, 3)]


def test_an_unknown_aggregate_or_missing_option_is_a_clear_error(con):
    with pytest.raises(QueryError, match="no aggregate 'nope'"):
        metrics.build("nope", pl.DataFrame())
    with pytest.raises(QueryError, match="needs option"):
        metrics.read(con, "applications_by_group", {})


def test_the_dictionary_example_of_view_facts_is_what_patterns_gives():
    from xxgk import dictionary
    from xxgk.metrics.measures import RECEIVED, patterns

    assert dictionary.query("view_facts").example["columns"] == patterns(
        ["counts_t3", "district"], [RECEIVED], [RECEIVED], [RECEIVED])


def test_a_name_that_is_no_column_name_never_enters_a_pattern():
    from xxgk.metrics.measures import patterns

    got = patterns(["district", "x'); DROP TABLE reports; --", "a|b"], ["t3_new_received__total", ".*"], [], [])
    assert got["keys"] == "^(synthetic|district)$"
    assert got["sums"] == "^(checks_failed|t3_new_received__total)$"
    assert got["t3"] == "^(t3_new_received__total)$" and got["t2"] == "^(t2_regulations__new_made)$"
    assert got["first_of_agency"] is False and patterns(["first_of_agency"], [], [], [])["first_of_agency"] is True
