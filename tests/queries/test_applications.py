"""applications_by_group and outcome_shares against hand-computed values of the fixture database."""

import pytest

from xxgk import metrics


def _row(frame, **where):
    rows = frame.filter(**where)
    assert rows.height == 1, f"expected one row for {where}, got {rows.height}"
    return rows.row(0, named=True)


def test_by_district_2021(con):
    out = metrics.read(con, "applications_by_group", {"group_by": "district", "year_from": 2021, "year_to": 2021})
    assert sorted(out["group_key"]) == sorted(["鄞州区", "海曙区", "（未定位）"])
    yz = _row(out, group_key="鄞州区")
    # 鄞州区 2021 = A1 + A2: received 30+0; processed 29+0; granted 12+0; partially 6 (A2 blank adds nothing)
    assert (yz["reports"], yz["received"], yz["processed"], yz["granted"], yz["partially_granted"]) == (2, 30, 29, 12, 6)
    # denied 3 (第三方), unavailable 4, not_processed 2, other (六) = 1+0+1 = 2 (A2 prints none: adds nothing)
    assert (yz["denied"], yz["unavailable"], yz["not_processed"], yz["other_handled"]) == (3, 4, 2, 2)
    assert yz["open_rate"] == pytest.approx((12 + 6) / 29)
    hs = _row(out, group_key="海曙区")
    # 海曙区 2021 = A4 only (A3 missing): 20 + 10 of 40; (六) three rows 0+0+0 = 0
    assert (hs["received"], hs["denied"], hs["unavailable"], hs["not_processed"], hs["other_handled"]) == (40, 2, 3, 5, 0)
    assert hs["open_rate"] == pytest.approx(30 / 40)
    unplaced = _row(out, group_key="（未定位）")
    assert (unplaced["received"], unplaced["open_rate"]) == (2, 0.5)  # A6: granted 1 of 2


def test_by_agency_keeps_blank_apart(con):
    out = metrics.read(con, "applications_by_group", {"group_by": "agency", "agency_ids": [4], "year_to": 2019})
    a4 = _row(out, year=2019)
    # A4 2019 prints no 本年新收 总计: received stays NULL (not 0) and the blank is counted
    assert (a4["agency_id"], a4["received"], a4["reports_blank_received"]) == (4, None, 1)
    # its outcomes are printed: 20 + 5 of 30
    assert a4["open_rate"] == pytest.approx(25 / 30)


def test_by_bureau_and_all(con):
    out = metrics.read(con, "applications_by_group", {"group_by": "bureau", "year_from": 2020, "year_to": 2020})
    # 经信 2020: A2 0 + A3 0
    assert _row(out, group_key="经信")["received"] == 0
    assert _row(out, group_key="经信")["open_rate"] is None  # 0 processed: no rate, not 0 %
    total = metrics.read(con, "applications_by_group", {"group_by": "all"})
    # real dataset (the default): 10+0+5+blank; 20+0+0+40; 30+0+40+2; 40+3+0+40 (A5's 100 is demo data)
    assert total["received"].to_list() == [15, 60, 72, 83]
    demo = metrics.read(con, "applications_by_group", {"group_by": "all", "dataset": "demo"})
    assert (demo["year"].to_list(), demo["received"].to_list()) == ([2022], [100])  # A5 alone
    assert total["agency_id"].null_count() == total.height


def test_outcome_shares_2020(con):
    out = metrics.read(con, "outcome_shares", {"group_by": "all", "year_from": 2020, "year_to": 2020})
    assert out["outcome"].to_list() == ["granted", "partially_granted", "denied", "unavailable", "not_processed",
                                        "other_handled"]
    # 2020: A1 + A2 + A3 + A4, processed 20+0+0+40 = 60
    assert set(out["processed"]) == {60}
    counts = dict(zip(out["outcome"], out["count"], strict=True))
    # granted 10+20; partially 4+10; denied A1 2 + A4 2; unavailable A1 2 + A4 3; not processed A1 1 + A4 5;
    # other A1 1 + A2 0
    assert counts == {"granted": 30, "partially_granted": 14, "denied": 4, "unavailable": 5, "not_processed": 6,
                      "other_handled": 1}
    shares = dict(zip(out["outcome"], out["share"], strict=True))
    assert shares["granted"] == pytest.approx(30 / 60)
    assert shares["not_processed"] == pytest.approx(6 / 60)
    assert sum(shares.values()) == pytest.approx(1.0)  # R3 holds for every 2020 report
    assert out["outcome_label"].to_list()[:2] == ["予以公开", "部分公开"]


def test_outcome_shares_leave_out_reports_without_total(con):
    # The superseded A1 2021 copy (total 999) is not current; A6 2021 counts: processed 29 + 0 + 40 + 2 = 71
    out = metrics.read(con, "outcome_shares", {"group_by": "all", "year_from": 2021, "year_to": 2021})
    assert set(out["processed"]) == {71}
    assert dict(zip(out["outcome"], out["count"], strict=True))["other_handled"] == 2  # A1 1+0+1, A4 0, A6 none
