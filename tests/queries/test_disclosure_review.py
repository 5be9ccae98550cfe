"""disclosure_volumes, refusal_reasons, applicant_types, carried_forward, yoy_change, review_litigation:
expected values worked out by hand from tests/fixtures/db/builder.py."""

import pytest

from xxgk import metrics


def _one(frame, **where):
    rows = frame.filter(**where)
    assert rows.height == 1, f"expected one row for {where}, got {rows.height}"
    return rows.row(0, named=True)


def test_disclosure_volumes_2019(con):
    out = metrics.read(con, "disclosure_volumes", {"group_by": "all", "year_from": 2019, "year_to": 2019})
    lic = _one(out, measure="t2_licensing__decisions")
    # 许可决定 2019: A1 100 + A2 0 + A3 30 + A4 blank = 130, printed by 3, blank in 1
    assert (lic["value"], lic["reports_printed"], lic["reports_blank"], lic["comparable"]) == (130, 3, 1, True)
    assert _one(out, measure="t2_penalty__decisions")["value"] == 530  # 20 + 0 + 10 + 500
    assert _one(out, measure="t2_coercion__decisions")["value"] == 55  # 5 + 0 + 0 + 50
    proc = _one(out, measure="t2_procurement__count")
    # 采购项目 2019: A1 4 + A2 0 = 4; A3 and A4 print no such row: 2 blank; 2019 template only, not comparable
    assert (proc["value"], proc["reports_printed"], proc["reports_blank"]) == (4, 2, 2)
    assert (proc["template_scope"], proc["comparable"]) == ("2019", False)
    assert "t2_regulations__issued" not in out["measure"]  # a 2021-template column has no 2019 row


def test_disclosure_volumes_2021_and_text(con):
    out = metrics.read(con, "disclosure_volumes", {"group_by": "all", "year_from": 2021, "year_to": 2021})
    issued = _one(out, measure="t2_regulations__issued")
    # 规章制发 2021: A1 1 + A2 0 = 1; A4 and A6 (2021 template) print none: 2 blank
    assert (issued["value"], issued["reports_blank"], issued["template_scope"]) == (1, 2, "2021")
    assert _one(out, measure="t2_fees__amount_wan_yuan")["value"] == 12.5  # A1 12.5 + A2 0
    text = _one(out, measure="proactive_items")
    # 主动公开 N 条 from the narrative: only A1 states it (350); A2, A4, A6 do not
    assert (text["value"], text["reports_printed"], text["reports_blank"], text["from_text"]) == (350, 1, 3, True)
    assert "t2_procurement__count" not in out["measure"]  # 第（九）项 only 2019–2020


def test_disclosure_volumes_synthetic(con):
    out = metrics.read(con, "disclosure_volumes", {"group_by": "all", "year_from": 2022, "year_to": 2022})
    pen = _one(out, measure="t2_penalty__decisions")
    assert (pen["value"], pen["synthetic_reports"]) == (645, 0)  # 40 + 0 + 5 + 600: the real dataset
    demo = metrics.read(con, "disclosure_volumes", {"group_by": "all", "year_from": 2022, "year_to": 2022,
                                                   "dataset": "demo"})
    pen = _one(demo, measure="t2_penalty__decisions")
    assert (pen["value"], pen["synthetic_reports"]) == (1000, 1)  # A5 alone, never added to the real 645


def test_refusal_reasons(con):
    demo = metrics.read(con, "refusal_reasons", {"dataset": "demo"})
    top = demo.row(0, named=True)
    # the demo dataset is A5 2022 alone: 不掌握 10, 第三方 10
    assert (top["count"], top["reports_with_reason"]) == (10, 1)
    real = metrics.read(con, "refusal_reasons", {})
    # the real dataset (A5 left out): 不掌握 A1 1+2+4+5 = 12, A3 3, A6 1 → 16 in 6 reports; 信访 15, 另行制作 13,
    # 第三方 20 − 10 = 10; all reasons 89 − 20 (A5's 不掌握 10 and 第三方 10) = 69
    assert real["reason"].to_list()[:4] == ["unavailable_not_held", "not_processed_petition",
                                            "unavailable_needs_creation", "denied_third_party"]
    assert real["count"].to_list()[:4] == [16, 15, 13, 10]
    assert real["reports_with_reason"][0] == 6
    assert real["share"][0] == pytest.approx(16 / 69)
    assert _one(real, reason="other")["template_scope"] == "2019"
    assert _one(real, reason="other_no_fee")["template_scope"] == "2021"


def test_applicant_types_2021(con):
    out = metrics.read(con, "applicant_types", {"group_by": "all", "year_from": 2021, "year_to": 2021})
    nat = _one(out, applicant="natural_person")
    # 自然人 2021: A1 20 + A4 38 + A6 2 = 60; six types: 60 + 8 (商业) + 2 (科研) = 70
    assert (nat["new_received"], nat["reports_printed"]) == (60, 3)
    assert nat["share"] == pytest.approx(60 / 70)
    assert _one(out, applicant="social_org")["new_received"] is None  # nobody printed it: blank, not 0


def test_carried_forward(con):
    out = metrics.read(con, "carried_forward", {"group_by": "all"})
    y2019 = _one(out, year=2019)
    # 2019: carried forward A1 1 (A4 left out: received blank); base (10+0) + (0+0) + (5+0) = 15
    assert y2019["backlog_rate"] == pytest.approx(1 / 15)
    y2022 = _one(out, year=2022)
    # 2022 (real dataset, A5 left out): carried forward 2 (A1); carried over 3 (A1); base 83 + 3 = 86
    assert (y2022["carried_forward"], y2022["carried_over"], y2022["reports_with_backlog"]) == (2, 3, 1)
    assert y2022["backlog_rate"] == pytest.approx(2 / 86)


def test_yoy_change(con):
    out = metrics.read(con, "yoy_change", {"group_by": "all", "year_from": 2020})
    y2020, y2021 = _one(out, year=2020), _one(out, year=2021)
    # received 15 → 60 → 72; the year before $year_from is still read
    assert (y2020["received_prev"], y2020["received_change"], y2020["received_change_pct"]) == (15, 45, 3.0)
    assert (y2021["received_change"], y2021["received_change_pct"]) == (12, pytest.approx(0.2))
    assert y2021["open_rate_change"] == pytest.approx(49 / 71 - 44 / 60)
    assert (y2020["crosses_template_change"], y2021["crosses_template_change"]) == (False, True)
    by_agency = metrics.read(con, "yoy_change", {"group_by": "agency", "agency_ids": [3]})
    # A3 has no 2021 report: 2022 has no previous year to compare with
    assert _one(by_agency, year=2022)["received_prev"] is None


def test_review_litigation(con):
    out = metrics.read(con, "review_litigation", {"group_by": "all"})
    y2019 = _one(out, year=2019)
    # 2019 review: A1 (1,1,0,0,2) + A4 (0,0,0,1,1): correction 1 / (1+1+0) concluded
    assert (y2019["review_total"], y2019["review_pending"]) == (3, 1)
    assert y2019["review_correction_rate"] == 0.5
    # suits per 100: A4 left out (received blank): 100 × 1 / (10 + 0 + 5)
    assert y2019["suits_per_100_applications"] == pytest.approx(100 / 15)
    y2022 = _one(out, year=2022)
    # 2022 review (real dataset; A5's (2,2,0,0) is demo data): A1 (4,2,1,1) + A4 (1,1,0,0) → 5, 3, 1, 1; rate 3 / 9
    assert (y2022["review_upheld"], y2022["review_corrected"], y2022["review_total"]) == (5, 3, 10)
    assert y2022["review_correction_rate"] == pytest.approx(3 / 9)
    # suits: A1 direct (0,1,0,1) + A4 direct (0,0,1,0) → corrected 1 of concluded 2; total 3 per 83 received
    assert (y2022["suit_total"], y2022["suit_correction_rate"]) == (3, 0.5)
    assert y2022["suits_per_100_applications"] == pytest.approx(300 / 83)


@pytest.mark.parametrize("measure,group_by", [("t2_penalty__decisions", "agency"), ("proactive_items", "all"),
                                              ("t2_procurement__count", "district"),
                                              ("t2_fees__amount_wan_yuan", "bureau")])
def test_disclosure_by_group_is_disclosure_volumes_for_one_measure(con, measure, group_by):
    one = metrics.read(con, "disclosure_by_group", {"measure": measure, "group_by": group_by})
    every = metrics.read(con, "disclosure_volumes", {"group_by": group_by}).filter(measure=measure)
    assert one.height > 0
    assert one.sort("year", "group_key").equals(every.sort("year", "group_key"))


def test_disclosure_by_group_by_agency(con):
    out = metrics.read(con, "disclosure_by_group", {"measure": "t2_penalty__decisions", "group_by": "agency",
                                                   "year_from": 2022, "year_to": 2022})
    # 2022 处罚决定 of the real dataset, largest first: A4 600, A1 40, A3 5, A2 0 (A5's 1000 is demo data)
    assert out["value"].to_list() == [600, 40, 5, 0]
    assert out["synthetic_reports"].to_list() == [0, 0, 0, 0]
