"""xxgk.metrics on query results of the fixture database and on small frames, values worked out by hand."""

import polars as pl
import pytest

from xxgk import metrics


def test_yoy_on_review_totals(con):
    review = metrics.read(con, "review_litigation", {"group_by": "all"})
    out = metrics.yoy(review, "review_total")
    # review totals by year of the real dataset: 3, 6, 6, 10 (see test_disclosure_review)
    assert out["review_total_prev"].to_list() == [None, 3, 6, 6]
    assert out["review_total_change"].to_list() == [None, 3, 0, 4]
    assert out["review_total_change_pct"].to_list() == [None, 1.0, 0.0, pytest.approx(4 / 6)]
    assert out["crosses_template_change"].to_list() == [False, False, True, False]


def test_yoy_skips_a_missing_year_and_a_zero_base():
    frame = pl.DataFrame({"year": [2019, 2020, 2022], "group_key": ["a"] * 3, "v": [0.0, 4.0, 5.0]})
    out = metrics.yoy(frame, "v")
    assert out["v_prev"].to_list() == [None, 0.0, None]  # 2021 missing: 2022 has nothing to compare with
    assert out["v_change"].to_list() == [None, 4.0, None]
    assert out["v_change_pct"].to_list() == [None, None, None]  # growth from 0 has no percentage


def test_outcome_table(con):
    shares = metrics.read(con, "outcome_shares", {"group_by": "all", "year_from": 2020, "year_to": 2020})
    row = metrics.outcome_table(shares).row(0, named=True)
    # 2020: 30 + 14 of 60 processed
    assert row["granted"] == 0.5
    assert row["partially_granted"] == pytest.approx(14 / 60)
    assert row["open_rate"] == pytest.approx(44 / 60)
    assert metrics.outcome_table(shares.clear()).is_empty()


def test_peer_gap(con):
    out = metrics.peer_gap(metrics.read(con, "zero_peers", {"agency_id": 2}))
    # A2 received 0, 0, 0, 3; its peer A3: 5, 0, (none), 0
    assert out["gap_to_peer_median"].to_list() == [-5.0, 0.0, None, 3.0]
    assert out["ratio_to_peer_median"].to_list() == [0.0, None, None, None]
    assert out["zero_while_peers_active"].to_list() == [True, False, None, False]


def test_comparable_series(con):
    out = metrics.comparable_series(metrics.read(con, "disclosure_volumes", {"group_by": "all"}))
    assert set(out["measure"]) == {"t2_licensing__decisions", "t2_penalty__decisions", "t2_coercion__decisions"}
    assert out.height == 12  # 3 measures × 4 years
    assert out.filter(year=2021)["template_era"].unique().to_list() == ["2021版"]


def test_share_flagged_leaves_unknown_out():
    frame = pl.DataFrame({"g": ["x", "x", "x", "x", "y"], "f": [True, None, False, True, None]})
    out = metrics.share_flagged(frame, "f", ["g"])
    x, y = out.row(0, named=True), out.row(1, named=True)
    assert (x["rows"], x["known"], x["flagged"], x["share"]) == (4, 3, 2, pytest.approx(2 / 3))
    assert (y["known"], y["share"]) == (0, None)
