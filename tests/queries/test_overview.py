"""overview_kpis, yearly_trend and filter_options against hand-computed values of the fixture database."""

import polars as pl
import pytest

from xxgk import metrics, queries


def test_overview_all(con):
    row = metrics.read(con, "overview_kpis", {}).row(0, named=True)
    # The real dataset (the default; A5 2022 is the demo dataset, never added to it):
    # current reports: A1 ×4, A2 ×4, A3 ×3 (no 2021), A4 ×4, A6 ×1 = 16 (A1's superseded 2021 copy excluded)
    assert row["reports"] == 16
    assert row["agencies"] == 5
    assert row["districts"] == 2  # 鄞州区, 海曙区 (A6 has none)
    assert (row["year_min"], row["year_max"]) == (2019, 2022)
    assert row["synthetic_reports"] == 0
    # received: A1 10+20+30+40=100, A2 0+0+0+3=3, A3 5+0+0=5, A4 blank+40+40+40=120, A6 2 → 230
    assert row["received"] == 230
    assert row["reports_blank_received"] == 1  # A4 2019
    # processed: A1 9+20+29+41=99, A2 3, A3 5, A4 30+40+40+40=150, A6 2 → 259
    assert row["processed"] == 259
    # disclosed: A1 7+14+18+30=69, A2 3, A3 2, A4 25+30+30+30=115, A6 1 → 190
    assert row["disclosed"] == 190
    assert row["open_rate"] == pytest.approx(190 / 259)
    assert row["zero_application_reports"] == 5  # A2 2019, 2020, 2021; A3 2020, 2022
    assert row["reviews"] == 25  # A1 2+4+4+8=18, A4 1+2+2+2=7
    assert row["suits"] == 9  # A1 (1+0)+(0+0)+(2+1)+(2+0)=6, A4 0+1+1+1=3
    assert row["reports_failing_checks"] == 3  # A4 2020, 2021, 2022


def test_overview_filters(con):
    # 海曙区: A3 (3 reports) + A4 (4) = 7; received 5+0+0 + 40×3 = 125
    row = metrics.read(con, "overview_kpis", {"districts": ["海曙区"]}).row(0, named=True)
    assert (row["reports"], row["received"], row["reports_blank_received"]) == (7, 125, 1)
    # 2019 template = report years 2019 and 2020: 4 + 4 = 8 reports
    assert metrics.read(con, "overview_kpis", {"templates": ["2019"]})["reports"][0] == 8
    # agency 1 only: 10+20+30+40 = 100
    assert metrics.read(con, "overview_kpis", {"agency_ids": [1]})["received"][0] == 100
    # the demo dataset: A5 2022 alone, received 100, reviews 4
    row = metrics.read(con, "overview_kpis", {"dataset": "demo"}).row(0, named=True)
    assert (row["reports"], row["received"], row["synthetic_reports"], row["reviews"]) == (1, 100, 1, 4)
    # 经信 in 2020–2021: A2 2020, 2021, A3 2020 = 3 reports, all received 0
    row = metrics.read(con, "overview_kpis", {"bureaus": ["经信"], "year_from": 2020, "year_to": 2021}).row(0, named=True)
    assert (row["reports"], row["received"], row["open_rate"]) == (3, 0, None)  # nothing processed: no rate


def test_yearly_trend(con):
    out = metrics.read(con, "yearly_trend", {})
    assert out["year"].to_list() == [2019, 2020, 2021, 2022]
    assert out["template_era"].to_list() == ["2019版", "2019版", "2021版", "2021版"]
    y2019 = out.row(0, named=True)
    # 2019: received 10 + 0 + 5 + blank = 15 (1 blank); processed 9+0+5+30 = 44; disclosed 7+0+2+25 = 34
    assert (y2019["received"], y2019["reports_blank_received"], y2019["processed"], y2019["disclosed"]) == (15, 1, 44, 34)
    assert y2019["open_rate"] == pytest.approx(34 / 44)
    assert (y2019["reviews"], y2019["suits"], y2019["zero_application_reports"]) == (3, 1, 1)
    y2022 = out.row(3, named=True)
    # 2022 (real dataset): received 40+3+0+40 = 83; processed 41+3+0+40 = 84; disclosed 30+3+0+30 = 63
    assert (y2022["reports"], y2022["synthetic_reports"], y2022["received"], y2022["processed"]) == (4, 0, 83, 84)
    assert y2022["open_rate"] == pytest.approx(63 / 84)
    assert (y2022["reviews"], y2022["suits"], y2022["carried_over"]) == (10, 3, 3)  # 8+0+0+2; 2+0+0+1; 3


def test_yearly_trend_of_the_demo_dataset(con):
    out = metrics.read(con, "yearly_trend", {"dataset": "demo"})
    # A5 2022 alone: received 100, processed 100, disclosed 80, reviews 4
    assert out["year"].to_list() == [2022]
    y2022 = out.row(0, named=True)
    assert (y2022["reports"], y2022["synthetic_reports"], y2022["received"], y2022["processed"]) == (1, 1, 100, 100)
    assert y2022["open_rate"] == pytest.approx(0.8)


def test_filter_options(con):
    out = metrics.read(con, "filter_options", {})
    by_kind = {k: out.filter(kind=k) for k in ("year", "district", "bureau", "agency", "template")}
    assert by_kind["year"]["value"].to_list() == ["2018", "2019", "2020", "2021", "2022"]  # 2018: A1's legacy report
    # the real dataset: A5 2022 is demo data; A7 2022 (region-wide) is a report of the dataset too
    assert by_kind["year"]["reports"].to_list() == [1, 4, 4, 4, 5]
    assert sorted(by_kind["district"]["value"]) == ["海曙区", "鄞州区"]
    assert sorted(by_kind["bureau"]["value"]) == ["公安", "区县政府", "市政府", "经信"]
    assert by_kind["agency"].height == 6  # A1–A4, A6, and A7 (the city government)
    # the region cascade: 浙江省 → 宁波市 → 海曙区/鄞州区, each district with its province and city
    assert out.filter(kind="province")["value"].to_list() == ["浙江省"]
    assert out.filter(kind="city").select("value", "province").rows() == [("宁波市", "浙江省")]
    assert sorted(out.filter(kind="district").select("value", "province", "city").rows()) == [
        ("海曙区", "浙江省", "宁波市"), ("鄞州区", "浙江省", "宁波市")]
    assert "5" not in by_kind["agency"]["value"]  # the demo agency is offered only with the demo dataset
    assert dict(zip(by_kind["template"]["value"], by_kind["template"]["reports"], strict=True)) == {
        "2019": 8, "2021": 9, "legacy": 1}  # 2021: A1–A4, A6 and A7; A5 is demo data
    demo = metrics.read(con, "filter_options", {"dataset": "demo"}).filter(kind="agency")
    a5 = demo.row(0, named=True)
    assert demo.height == 1
    assert (a5["label"], a5["district"], a5["synthetic_reports"]) == ("宁波市公安局鄞州分局", "鄞州区", 1)


def test_legacy_reports_count_but_add_no_numbers(con):
    row = metrics.read(con, "overview_kpis", {"year_from": 2018}).row(0, named=True)
    # A1's 2018 free-form report: one more report (16 + 1), no table numbers: received stays 230, one more blank
    assert (row["reports"], row["received"], row["reports_blank_received"]) == (17, 230, 2)
    y2018 = metrics.read(con, "yearly_trend", {"year_from": 2018, "year_to": 2018}).row(0, named=True)
    assert (y2018["template_era"], y2018["templates"], y2018["received"], y2018["open_rate"]) == ("旧式", "legacy", None, None)


def _counted_directly(con, dataset: str) -> dict[tuple[str, str], tuple[int, int]]:
    """Each sidebar choice's (reports, synthetic_reports), counted over the dataset's current reports one by one."""
    r = con.sql("SELECT * FROM in_view_reports(0, 9999, [], [], [], [], [], [], $dataset, 'any')",
                params={"dataset": dataset}).pl()
    shared = {d for d, n in r.filter(pl.col("city").is_not_null()).group_by("district").agg(
        pl.col("city").n_unique()).rows() if n > 1}
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for row in r.iter_rows(named=True):
        district = row["district"]
        if district is not None and row["city"] is not None and district in shared:
            district = f"{row['city']}·{district}"
        agency = str(row["agency_id"]) if row["agency_id"] is not None else None
        for kind, value in (("year", str(row["year"])), ("province", row["province"]), ("city", row["city"]),
                            ("district", district), ("bureau", row["bureau"]), ("agency", agency),
                            ("template", row["template"])):
            if value is not None:
                n, s = out.get((kind, value), (0, 0))
                out[(kind, value)] = (n + 1, s + int(row["synthetic"]))
    return out


@pytest.mark.parametrize("dataset", ["real", "demo"])
def test_each_choice_counts_its_reports(con, towns, dataset):
    """Regions and bureaus are counted over the agencies' counts, years and templates over the reports: each choice
    holds exactly the reports that carry it, on the fixture database and the two cities."""
    for db in (con, towns):
        out = queries.run(db, "filter_options", {"dataset": dataset})
        got = {(k, v): (n, s) for k, v, n, s in out.select("kind", "value", "reports", "synthetic_reports").rows()}
        assert got == _counted_directly(db, dataset)
