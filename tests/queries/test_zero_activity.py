"""zero_activity, zero_activity_share, zero_streaks and zero_peers against hand-computed values."""
from xxgk import metrics


def _flags(frame, agency_id):
    rows = frame.filter(agency_id=agency_id).sort("year")
    return list(zip(rows["year"], rows["zero_applications"], rows["zero_all_tables"], rows["streak_years"], strict=True))


def test_zero_flags_and_streaks(con):
    out = metrics.read(con, "zero_activity", {})
    # A2: received 0 in 2019, 2020, 2021, then 3 (2022 not listed). All tables zero in 2019 and 2021;
    # 2020 prints 许可 12.
    assert _flags(out, 2) == [(2019, True, True, 1), (2020, True, False, 2), (2021, True, True, 3)]
    # A3: 5, 0, (no 2021 report), 0 — the missing year ends the run, so both zero years are runs of one.
    assert _flags(out, 3) == [(2020, True, False, 1), (2022, True, False, 1)]
    # A4 2019: 本年新收 blank → zero_applications unknown (NULL), not "zero": not listed; nor is any other agency
    assert set(out["agency_id"]) == {2, 3}
    assert out.height == 5


def test_a_run_started_before_the_year_filter_keeps_its_length(con):
    out = metrics.read(con, "zero_activity", {"year_from": 2021, "agency_ids": [2]})
    row = out.row(0, named=True)
    assert (out.height, row["year"], row["streak_years"], row["streak_start"]) == (1, 2021, 3, 2019)  # 2019–2021


def test_zero_share_by_bureau(con):
    out = metrics.read(con, "zero_activity_share", {"group_by": "bureau"})
    jx2020 = out.filter(year=2020, group_key="经信").row(0, named=True)
    # 经信 2020: A2 0 and A3 0 → 2 of 2
    assert (jx2020["agencies_with_received"], jx2020["zero_agencies"], jx2020["zero_share"]) == (2, 2, 1.0)
    ga2019 = out.filter(year=2019, group_key="公安").row(0, named=True)
    # 公安 2019: A4 only, blank → no agency with a printed count; share unknown, not 0
    assert (ga2019["agencies"], ga2019["agencies_with_received"], ga2019["zero_share"]) == (1, 0, None)
    jx2019 = out.filter(year=2019, group_key="经信").row(0, named=True)
    # 经信 2019: A2 0 (all tables zero), A3 5 → 1 of 2
    assert (jx2019["zero_share"], jx2019["zero_all_tables_agencies"]) == (0.5, 1)


def test_zero_share_by_district(con):
    out = metrics.read(con, "zero_activity_share", {"group_by": "district", "year_from": 2022})
    # 2022 鄞州区: A1 40, A2 3 → 0 of 2 (A5 is demo data); 海曙区: A3 0, A4 40 → 1 of 2
    assert dict(zip(out["group_key"], out["zero_share"], strict=True)) == {"海曙区": 0.5, "鄞州区": 0.0}
    assert out.filter(group_key="鄞州区")["synthetic_reports"][0] == 0


def test_zero_streaks(con):
    out = metrics.read(con, "zero_streaks", {})
    runs = list(zip(out["agency_id"], out["streak_start"], out["streak_end"], out["streak_years"], out["is_latest"],
                    strict=True))
    # A2 2019–2021 (3 years; its latest report, 2022, is not zero); A3 2020 and A3 2022 (latest)
    assert sorted(runs) == [(2, 2019, 2021, 3, False), (3, 2020, 2020, 1, False), (3, 2022, 2022, 1, True)]
    # Only runs touching 2022: A3's last one
    late = metrics.read(con, "zero_streaks", {"year_from": 2022})
    assert late["streak_start"].to_list() == [2022]


def test_zero_peers(con):
    out = metrics.read(con, "zero_peers", {"agency_id": 2})
    # A2 (鄞州区 经信) against 经信 in other districts = A3 (海曙区): A3 received 5, 0, (none), 0
    assert out["year"].to_list() == [2019, 2020, 2021, 2022]
    assert out["peers"].to_list() == [1, 1, 0, 1]
    assert out["peers_zero"].to_list() == [0, 1, 0, 1]
    assert out["peers_zero_share"].to_list() == [0.0, 1.0, None, 1.0]
    assert out["peers_median_received"].to_list() == [5.0, 0.0, None, 0.0]
    assert out["zero_applications"].to_list() == [True, True, True, False]


def test_zero_peers_a_demo_agency_is_never_a_real_agencys_peer(con):
    # A4 (海曙区 公安, real) and A5 (鄞州区 公安, demo data) are of one bureau type in other districts, but of
    # different datasets: A4 has no peer in 2022.
    out = metrics.read(con, "zero_peers", {"agency_id": 4})
    row = out.filter(year=2022).row(0, named=True)
    assert (row["peers"], row["peers_zero_share"], row["peer_synthetic_reports"]) == (0, None, 0)
    assert metrics.read(con, "zero_peers", {"agency_id": 4, "dataset": "demo"}).height == 0  # A4 is not demo data
