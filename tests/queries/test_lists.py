"""Lists send what a page shows: with $limit, a list query returns its first rows in its own order, each with
total_rows, the length of the whole list (what the page says and the download returns, without $limit)."""

from __future__ import annotations

import pytest

from xxgk import dictionary, queries
from xxgk.filters import Filters

LISTS = sorted(q.name for q in dictionary.QUERIES if "limit" in q.params and q.name != "rankings")


def test_the_lists_take_a_limit():
    assert {"carry_over_breaks", "in_force_drift", "late_reports", "blank_cells", "zero_streaks", "missing_reports",
            "refusal_agencies", "data_quality"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("f", [Filters(), Filters(dataset="demo"), Filters(year_from=2021, year_to=2022)])
def test_a_limited_list_is_the_head_of_the_whole_list_with_its_length(con, name, f):
    own = {k: v for k, v in dictionary.query(name).example.items() if k != "limit"}
    whole = queries.run(con, name, {**f.params(), **own})
    assert "total_rows" in whole.columns
    if whole.is_empty():
        return
    assert whole["total_rows"].to_list() == [whole.height] * whole.height
    for n in (1, 2):
        head = queries.run(con, name, {**f.params(), **own, "limit": n})
        assert head.height == min(n, whole.height)
        assert head["total_rows"].to_list() == [whole.height] * head.height
        assert head.rows() == whole.head(n).rows()


def test_the_fixture_lists_are_not_all_empty(con):
    lengths = {n: queries.run(con, n, {**Filters().params(), **dictionary.query(n).example}).height for n in LISTS}
    assert sum(1 for v in lengths.values() if v >= 2) >= 5, lengths


def test_zero_streaks_lists_only_runs_of_min_years(con):
    every = queries.run(con, "zero_streaks", Filters().params()).drop("total_rows")
    longer = queries.run(con, "zero_streaks", {**Filters().params(), "min_years": 2}).drop("total_rows")
    assert every.height > longer.height > 0
    assert longer.rows() == every.filter(every["streak_years"] >= 2).rows()
