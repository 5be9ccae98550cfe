"""in_view_reports keeps exactly the reports in_view keeps, with the same counts_t2/3/4, under every filter and scope:
the lists that print no numbers read it because it is far cheaper to plan, and may never see another set of
reports than the charts. Checked on the fixture database and on the two-city one (a district chosen by 市·区县)."""

from __future__ import annotations

import pytest

from xxgk.filters import Filters

FILTERS = [
    Filters(), Filters(dataset="demo"), Filters(scope="region"), Filters(year_from=2021, year_to=2021),
    Filters(districts=("鄞州区",)), Filters(provinces=("浙江省",), cities=("宁波市",)), Filters(bureaus=("公安",)),
    Filters(agency_ids=(1, 2)), Filters(templates=("2019",)), Filters(districts=("南京市·鼓楼区",)),
    Filters(districts=("鼓楼区",)), Filters(districts=("南京市·鼓楼区", "玄武区"), scope="region"),
]
ARGS = "$year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset"
COLUMNS = "report_id, agency_id, year, synthetic, counts_t2, counts_t3, counts_t4"


def rows(con, macro: str, f: Filters, scope: str) -> list[tuple]:
    return con.execute(f"SELECT {COLUMNS} FROM {macro}({ARGS}, $scope) ORDER BY report_id",
                       {**f.params(), "scope": scope}).fetchall()


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("scope", ["agency", "region", "any"])
def test_in_view_reports_keeps_the_reports_in_view_keeps(con, towns, f, scope):
    for db in (con, towns):
        assert rows(db, "in_view_reports", f, scope) == rows(db, "in_view", f, scope)


def test_in_view_reports_carries_no_numbers(con):
    cols = [d[0] for d in con.execute(f"SELECT * FROM in_view_reports({ARGS}, $scope) LIMIT 0",
                                      Filters().params()).description]
    assert not [c for c in cols if c.startswith(("t2_", "t3_", "t4_"))]
    assert {"report_id", "agency", "district", "counts_t3"} <= set(cols)


def test_the_comparison_is_of_reports(con, towns):
    assert len(rows(con, "in_view", Filters(), "any")) > 5
    assert len(rows(towns, "in_view", Filters(districts=("南京市·鼓楼区",)), "any")) == 2
