"""refusal_agencies against the same sums worked out in Polars from the reports in view (in_view), for every reason;
an unknown reason is refused before the query runs."""

from __future__ import annotations

import polars as pl
import pytest

from xxgk import queries
from xxgk.errors import QueryError
from xxgk.filters import Filters

REASONS = queries.CHOICES["reason"]


def test_the_reasons_are_the_refusal_rows_of_table_3(con):
    cols = {c for (c,) in con.execute("SELECT name FROM pragma_table_info('current_reports')").fetchall()}
    assert {f"t3_{r}__total" for r in REASONS} <= cols
    assert not {"granted", "partially_granted", "total_processed", "new_received"} & set(REASONS)


@pytest.mark.parametrize("f", [Filters(), Filters(dataset="demo"), Filters(dataset="demo", scope="region")])
def test_each_reason_sums_the_reports_that_print_it(con, f):
    view = con.sql("SELECT * FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, "
                   "$templates, $dataset, $scope)", params=f.params()).pl()
    seen = 0
    for reason in REASONS:
        col = f"t3_{reason}__total"
        printing = view.filter(pl.col(col).is_not_null())
        expected = (printing.group_by("agency_id")
                    .agg(pl.col(col).sum().alias("count"), pl.len().alias("printing"),
                         pl.col("t3_total_processed__total").sum().alias("processed"),
                         (pl.col(col) > 0).sum().alias("reports_with_reason"))
                    .filter(pl.col("count") > 0))
        got = queries.run(con, "refusal_agencies", {**f.params(), "reason": reason})
        assert got.height == expected.height
        if got.is_empty():
            continue
        seen += 1
        joined = got.join(expected, on="agency_id", how="inner", nulls_equal=True, suffix="_expected")
        assert joined.height == got.height
        for c in ("count", "processed", "reports_with_reason"):
            assert joined[c].to_list() == joined[f"{c}_expected"].to_list(), (reason, c)
        assert got["total_rows"].to_list() == [got.height] * got.height
        assert got["count"].to_list() == sorted(got["count"].to_list(), reverse=True)
    if f.scope == "agency":
        assert seen >= 2  # the fixture's reports give more than one reason: the comparison above is not empty


def test_an_unknown_reason_is_refused(con):
    with pytest.raises(QueryError, match="reason"):
        queries.run(con, "refusal_agencies", {"reason": "granted"})
