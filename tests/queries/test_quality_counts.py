"""quality_counts gives the length of each of 数据质量's lists without running them: each of its columns must be
that list's total_rows, under every filter set (the page's chart and each tab's heading read it)."""

from __future__ import annotations

import pytest

from tests.queries.conftest import bench_queries
from xxgk import dictionary, queries
from xxgk.filters import Filters

COUNTED = list(dictionary.QUALITY_LISTS)
FILTER_SETS = [Filters(), Filters(dataset="demo"), Filters(year_from=2021, year_to=2022), Filters(year_from=2020, year_to=2020),
               Filters(templates=("2021",)), Filters(bureaus=("教育局",)), Filters(agency_ids=(1, 4)),
               Filters(districts=("明湖区",)), Filters(year_from=2022, year_to=2022, templates=("2019", "2021"))]


def _lengths(con, f: Filters) -> dict[str, int]:
    out = {}
    for name in COUNTED:
        df = queries.run(con, name, {**f.params(), "limit": 1})
        out[name] = int(df["total_rows"][0]) if df.height else 0
    return out


def test_every_counted_query_is_a_list_of_the_page():
    assert set(COUNTED) <= {q.name for q in dictionary.QUERIES if "limit" in q.params}
    assert [f"{name}_rows" for name in COUNTED] == list(dictionary.query("quality_counts").columns[:len(COUNTED)])
    assert {"missing_reports", "missing_subordinates", "in_force_drift", "blank_cells"} <= set(COUNTED)


@pytest.mark.parametrize("f", FILTER_SETS, ids=repr)
def test_each_count_is_its_lists_length(con, f):
    counts = queries.run(con, "quality_counts", f.params()).row(0, named=True)
    assert {k: counts[f"{k}_rows"] for k in COUNTED} == _lengths(con, f)


def test_the_fixture_counts_are_not_all_zero(con):
    counts = queries.run(con, "quality_counts", Filters().params()).row(0, named=True)
    assert sum(1 for k in COUNTED if counts[f"{k}_rows"] > 0) >= 6, counts
    assert counts["reports"] > counts["synthetic_reports"] >= 0


@pytest.mark.parametrize("f", [Filters(), Filters(districts=("南京市·鼓楼区",)), Filters(year_from=2021, year_to=2021)],
                         ids=repr)
def test_each_count_is_its_lists_length_across_two_cities(towns, f):
    counts = queries.run(towns, "quality_counts", f.params()).row(0, named=True)
    assert {k: counts[f"{k}_rows"] for k in COUNTED} == _lengths(towns, f)


def test_each_count_is_its_lists_length_on_a_generated_database(generated):
    """The benchmark's generator (bench/queries.py: 1,000 reports of about 150 agencies in 40 districts, gaps of
    years, failed checks, unplaced agencies) gives counts of every size; the default and two narrower filter sets."""
    bureau = bench_queries().BUREAUS[0]
    sets = [Filters(dataset="demo"), Filters(dataset="demo", year_from=2021, year_to=2022),
            Filters(dataset="demo", bureaus=(bureau,), districts=(f"示例{1:03d}区",))]
    for f in sets:
        counts = queries.run(generated, "quality_counts", f.params()).row(0, named=True)
        assert {k: counts[f"{k}_rows"] for k in COUNTED} == _lengths(generated, f), f
    every = queries.run(generated, "quality_counts", sets[0].params()).row(0, named=True)
    assert min(every["missing_reports_rows"], every["missing_subordinates_rows"], every["quality_checks_rows"]) > 0, every


@pytest.mark.parametrize("lo,hi,base,years", [(2019, 2021, 2019, [2019, 2020, 2021]), (2021, 2020, 2019, []),
                                              (2000, 2020, 2019, [2019, 2020]), (2024, 2100, 2019, list(range(2024, 2101))),
                                              (2024, 2300, 2019, list(range(2024, 2145))),
                                              (2022, 2022, 2019, [2022])])
def test_year_bits_picks_the_years_of_a_span(con, lo, hi, base, years):
    """year_bits(lo, hi, base): bit y - base for every year y of lo..hi, clipped to base..base+125."""
    bits = con.execute("SELECT year_bits(?, ?, ?)", [lo, hi, base]).fetchall()[0][0]
    assert [base + i for i in range(126) if (bits >> i) & 1] == years


def test_a_years_span_too_wide_for_the_bits_fails_loudly(con):
    # agency_years holds years as bits of a HUGEINT: a database whose years span 126 or more is refused, never
    # counted wrong (the parser keeps years 2000–2100)
    import duckdb

    with pytest.raises(duckdb.Error):
        con.execute("SELECT bit_or(1::HUGEINT << (y - 1990)) FROM (VALUES (1990), (2117)) t(y)").fetchall()
