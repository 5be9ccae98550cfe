"""overview_kpis, yearly_trend and filter_options against hand-computed values of the fixture database."""

import pytest

from xxgk import queries


def test_overview_all(con):
    row = queries.run(con, "overview_kpis", {}).row(0, named=True)
    # current reports: A1 ×4, A2 ×4, A3 ×3 (no 2021), A4 ×4, A5 ×1, A6 ×1 = 17 (A1's superseded 2021 copy excluded)
    assert row["reports"] == 17
    assert row["agencies"] == 6
    assert row["districts"] == 2  # 鄞州区, 海曙区 (A6 has none)
    assert (row["year_min"], row["year_max"]) == (2019, 2022)
    assert row["synthetic_reports"] == 1  # A5 2022
    # received: A1 10+20+30+40=100, A2 0+0+0+3=3, A3 5+0+0=5, A4 blank+40+40+40=120, A5 100, A6 2 → 330
    assert row["received"] == 330
    assert row["reports_blank_received"] == 1  # A4 2019
    # processed: A1 9+20+29+41=99, A2 3, A3 5, A4 30+40+40+40=150, A5 100, A6 2 → 359
    assert row["processed"] == 359
    # disclosed: A1 7+14+18+30=69, A2 3, A3 2, A4 25+30+30+30=115, A5 80, A6 1 → 270
    assert row["disclosed"] == 270
    assert row["open_rate"] == pytest.approx(270 / 359)
    assert row["zero_application_reports"] == 5  # A2 2019, 2020, 2021; A3 2020, 2022
    assert row["reviews"] == 29  # A1 2+4+4+8=18, A4 1+2+2+2=7, A5 4
    assert row["suits"] == 9  # A1 (1+0)+(0+0)+(2+1)+(2+0)=6, A4 0+1+1+1=3
    assert row["reports_failing_checks"] == 3  # A4 2020, 2021, 2022


def test_overview_filters(con):
    # 海曙区: A3 (3 reports) + A4 (4) = 7; received 5+0+0 + 40×3 = 125
    row = queries.run(con, "overview_kpis", {"districts": ["海曙区"]}).row(0, named=True)
    assert (row["reports"], row["received"], row["reports_blank_received"]) == (7, 125, 1)
    # 2019 template = report years 2019 and 2020: 4 + 4 = 8 reports
    assert queries.run(con, "overview_kpis", {"templates": ["2019"]})["reports"][0] == 8
    # agency 1 only: 10+20+30+40 = 100
    assert queries.run(con, "overview_kpis", {"agency_ids": [1]})["received"][0] == 100
    # without synthetic data: 330 − 100 (A5) = 230, 16 reports
    row = queries.run(con, "overview_kpis", {"include_synthetic": False}).row(0, named=True)
    assert (row["reports"], row["received"], row["synthetic_reports"]) == (16, 230, 0)
    # 经信 in 2020–2021: A2 2020, 2021, A3 2020 = 3 reports, all received 0
    row = queries.run(con, "overview_kpis", {"bureaus": ["经信"], "year_from": 2020, "year_to": 2021}).row(0, named=True)
    assert (row["reports"], row["received"], row["open_rate"]) == (3, 0, None)  # nothing processed: no rate


def test_yearly_trend(con):
    out = queries.run(con, "yearly_trend", {})
    assert out["year"].to_list() == [2019, 2020, 2021, 2022]
    assert out["template_era"].to_list() == ["2019版", "2019版", "2021版", "2021版"]
    y2019 = out.row(0, named=True)
    # 2019: received 10 + 0 + 5 + blank = 15 (1 blank); processed 9+0+5+30 = 44; disclosed 7+0+2+25 = 34
    assert (y2019["received"], y2019["reports_blank_received"], y2019["processed"], y2019["disclosed"]) == (15, 1, 44, 34)
    assert y2019["open_rate"] == pytest.approx(34 / 44)
    assert (y2019["reviews"], y2019["suits"], y2019["zero_application_reports"]) == (3, 1, 1)
    y2022 = out.row(3, named=True)
    # 2022: received 40+3+0+40+100 = 183; processed 41+3+0+40+100 = 184; disclosed 30+3+0+30+80 = 143
    assert (y2022["reports"], y2022["synthetic_reports"], y2022["received"], y2022["processed"]) == (5, 1, 183, 184)
    assert y2022["open_rate"] == pytest.approx(143 / 184)
    assert (y2022["reviews"], y2022["suits"], y2022["carried_over"]) == (14, 3, 3)  # 8+0+0+2+4; 2+0+0+1+0; 3


def test_yearly_trend_without_synthetic(con):
    y2022 = queries.run(con, "yearly_trend", {"include_synthetic": False}).row(3, named=True)
    # 183 − 100 = 83 received; 184 − 100 = 84 processed; 143 − 80 = 63 disclosed
    assert (y2022["reports"], y2022["received"], y2022["processed"]) == (4, 83, 84)
    assert y2022["open_rate"] == pytest.approx(63 / 84)


def test_filter_options(con):
    out = queries.run(con, "filter_options", {})
    by_kind = {k: out.filter(kind=k) for k in ("year", "district", "bureau", "agency", "template")}
    assert by_kind["year"]["value"].to_list() == ["2018", "2019", "2020", "2021", "2022"]  # 2018: A1's legacy report
    assert by_kind["year"]["reports"].to_list() == [1, 4, 4, 4, 5]
    assert sorted(by_kind["district"]["value"]) == ["海曙区", "鄞州区"]
    assert sorted(by_kind["bureau"]["value"]) == ["公安", "区县政府", "经信"]
    assert by_kind["agency"].height == 6
    a5 = by_kind["agency"].filter(value="5").row(0, named=True)
    assert (a5["label"], a5["district"], a5["synthetic_reports"]) == ("宁波市公安局鄞州分局", "鄞州区", 1)
    assert dict(zip(by_kind["template"]["value"], by_kind["template"]["reports"], strict=True)) == {
        "2019": 8, "2021": 9, "legacy": 1}
    # Without synthetic data agency 5 is not offered at all.
    assert "5" not in queries.run(con, "filter_options", {"include_synthetic": False}).filter(kind="agency")["value"]


def test_legacy_reports_count_but_add_no_numbers(con):
    row = queries.run(con, "overview_kpis", {"year_from": 2018}).row(0, named=True)
    # A1's 2018 free-form report: one more report (17 + 1), no table numbers: received stays 330, one more blank
    assert (row["reports"], row["received"], row["reports_blank_received"]) == (18, 330, 2)
    y2018 = queries.run(con, "yearly_trend", {"year_from": 2018, "year_to": 2018}).row(0, named=True)
    assert (y2018["template_era"], y2018["templates"], y2018["received"], y2018["open_rate"]) == ("旧式", "legacy", None, None)
