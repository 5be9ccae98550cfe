"""On-time publication on the fixture database (tests/fixtures/db/builder.py PUBLISHED and COLLECTED).

Deadlines (条例第四十九条): A1, a 区县政府, by 31 March of the next year; every other agency by 31 January."""

from __future__ import annotations

import datetime as dt

from xxgk import metrics, queries


def _by_year(out, key="全部"):
    return {r["year"]: r for r in out.iter_rows(named=True) if r["group_key"] == key}


def test_current_reports_carry_deadline_days_late_and_the_web_date(con):
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT report_id, publish_deadline, published_date, published_source, days_late, on_time "
        "FROM current_reports").fetchall()}
    # a government's deadline is 31 March; r1-2022 published on it is on time
    assert rows["r1-2022"] == (dt.date(2023, 3, 31), dt.date(2023, 3, 31), "metadata", 0, True)
    assert rows["r1-2020"] == (dt.date(2021, 3, 31), dt.date(2021, 4, 10), "text", 10, False)
    # a department's deadline is 31 January: 1 March 2023 is 28 + 1 = 29 days after it
    assert rows["r3-2022"] == (dt.date(2023, 1, 31), dt.date(2023, 3, 1), "text", 29, False)
    # the report says 2023-01-10, the web page it was collected from 2023-02-05: the web wins
    assert rows["r4-2022"] == (dt.date(2023, 1, 31), dt.date(2023, 2, 5), "web", 5, False)
    # unknown date: neither on time nor late, no days (blank, not 0)
    assert rows["r2-2022"] == (dt.date(2023, 1, 31), None, None, None, None)
    # the unresolved agency (no bureau) has a department's deadline
    assert rows["r6-2021"][0] == dt.date(2022, 1, 31)


def test_timeliness_share_by_year(con):
    out = _by_year(metrics.read(con, "timeliness", {"group_by": "all"}))
    # 2020: A1 late 10, A2 late 1, A3 undated, A4 on time → 1 of 3 dated
    y = out[2020]
    assert (y["reports"], y["dated_reports"], y["on_time_reports"], y["late_reports"], y["undated_reports"]) == (4, 3, 1, 2, 1)
    assert y["on_time_share"] == 1 / 3 and y["median_days_late"] == (10 + 1) / 2 and y["max_days_late"] == 10
    # 2022, real reports: A1 on time, A2 undated, A3 late 29, A4 late 5 (web) → 1 of 3; A5 is the demo dataset's
    y = out[2022]
    assert (y["dated_reports"], y["on_time_reports"], y["late_reports"], y["synthetic_reports"]) == (3, 1, 2, 0)
    assert y["on_time_share"] == 1 / 3 and y["median_days_late"] == 17 and y["max_days_late"] == 29
    # 2021: A1 and A6 undated, A2 and A4 on time: the base is the 2 dated reports
    assert out[2021]["on_time_share"] == 1.0 and out[2021]["undated_reports"] == 2
    demo = _by_year(metrics.read(con, "timeliness", {"group_by": "all", "dataset": "demo"}))
    # the demo dataset holds A5's synthetic 2022 report alone, on time
    assert set(demo) == {2022}
    assert (demo[2022]["dated_reports"], demo[2022]["on_time_share"], demo[2022]["synthetic_reports"]) == (1, 1.0, 1)


def test_timeliness_by_bureau_city_and_province(con):
    out = metrics.read(con, "timeliness", {"group_by": "bureau", "year_from": 2022, "year_to": 2022})
    share = {r["group_key"]: r["on_time_share"] for r in out.iter_rows(named=True)}
    # real reports: 经信: A2 undated, A3 late → 0 of 1; 公安: A4 late → 0 of 1 (A5 is demo); 区县政府: A1 on time;
    # 市政府: A7's one report has no known date, so no share (blank, not 0)
    assert share == {"经信": 0.0, "公安": 0.0, "区县政府": 1.0, "市政府": None}
    city = metrics.read(con, "timeliness", {"group_by": "city", "year_from": 2021, "year_to": 2021})
    assert {r["group_key"]: r["reports"] for r in city.iter_rows(named=True)} == {"宁波市": 3, "（未定位）": 1}
    prov = metrics.read(con, "timeliness", {"group_by": "province"})
    assert set(prov["group_key"]) == {"浙江省", "（未定位）"}


def test_late_reports_lists_late_then_undated(con):
    out = queries.run(con, "late_reports", {})
    assert list(zip(out["report_id"], out["status_label"], out["days_late"], strict=True)) == [
        ("r3-2022", "逾期", 29), ("r1-2020", "逾期", 10), ("r4-2022", "逾期", 5), ("r2-2020", "逾期", 1),
        ("r3-2020", "日期不详", None), ("r1-2021", "日期不详", None), ("r6-2021", "日期不详", None),
        ("r7-2022", "日期不详", None), ("r2-2022", "日期不详", None)]  # r7: the city government, no date known
    # the 2018 legacy report (no tables) is not listed; filters apply
    assert queries.run(con, "late_reports", {"bureaus": ["公安"]})["report_id"].to_list() == ["r4-2022"]


def test_missing_reports_lists_every_year_of_a_gap(con):
    # add a gap of two years to a copy of the fixture: A2 without 2020 and 2021
    con.execute("CREATE TEMP TABLE keep AS SELECT * FROM current_reports")
    try:
        con.execute("DELETE FROM current_reports WHERE agency_id = 2 AND year IN (2020, 2021)")
        out = queries.run(con, "missing_reports", {})
        rows = [(r["agency_id"], r["last_year"], r["missing_year"]) for r in out.iter_rows(named=True)]
        assert (2, 2019, 2020) in rows and (2, 2019, 2021) in rows and (2, 2019, 2022) not in rows
    finally:
        con.execute("DELETE FROM current_reports")
        con.execute("INSERT INTO current_reports SELECT * FROM keep ORDER BY year, agency_id")
        con.execute("DROP TABLE keep")


def test_reports_before_2019_follow_the_2007_regulation(con):
    # the 2018 legacy report of A1: 31 March 2019 (2007 条例第三十一条), like every agency then
    row = con.execute("SELECT publish_deadline, on_time FROM current_reports WHERE report_id = 'r1-2018'").fetchone()
    assert row == (dt.date(2019, 3, 31), None)
