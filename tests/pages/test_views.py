"""The views officials asked for, through AppTest on the fixture database, each checked against its named query:
纠错率 by group with its base and a minimum base, a refusal reason's agencies, zero streaks of at least N years,
and 机关画像 opened from a chart (every year, the year and the cells marked)."""

import json

import polars as pl

from tests.pages.test_pages import figures, open_page
from xxgk import charts, database, metrics
from xxgk.filters import Filters


def run(db, name, **params):
    con = database.open_read(db)
    try:
        return metrics.read(con, name, {**Filters().params(), "year_from": 0, **params})  # every year, as the sidebar
    finally:
        con.close()


def titled(at, text):
    return next(f for f in figures(at) if text in f["layout"].get("title", {}).get("text", ""))


def test_correction_rates_are_ranked_with_their_base(filled_db, monkeypatch):
    at = open_page(filled_db, "litigation", monkeypatch, fix_group="区县", fix_min="0")
    fig = titled(at, "纠错率")
    rates = run(filled_db, "correction_rates", group_by="district", kind="review").drop_nulls("correction_rate")
    bar = fig["data"][0]
    assert sorted(bar["y"]) == sorted(rates["group_key"].to_list())
    for name, x, text in zip(bar["y"], bar["x"], bar["text"], strict=True):
        row = rates.filter(pl.col("group_key") == name).row(0, named=True)
        assert abs(x - 100 * row["correction_rate"]) < 1e-9
        assert f"（{row['reports']} 份 · {charts.cn_number(row['concluded'])} 件）" in text, text


def test_a_minimum_base_leaves_groups_out_and_says_how_many(filled_db, monkeypatch):
    rates = run(filled_db, "correction_rates", group_by="district", kind="review").drop_nulls("correction_rate")
    least = int(rates["concluded"].max())  # only the largest base reaches it
    kept = rates.filter(pl.col("concluded") >= least)
    at = open_page(filled_db, "litigation", monkeypatch, fix_group="区县", fix_min=str(least))
    assert titled(at, "纠错率")["data"][0]["y"] == kept["group_key"].to_list()
    note = f"另有 {rates.height - kept.height} 个"
    assert any(note in c.value for c in at.caption), [c.value for c in at.caption]


def test_open_rate_ranking_takes_the_minimum_base_from_the_url(filled_db, monkeypatch):
    # the dataset in view (real, the default) alone: its latest year's largest 办理总计 is the minimum base
    groups = run(filled_db, "applications_by_group", group_by="agency").drop_nulls("open_rate")
    year = groups["year"].max()
    latest = groups.filter(pl.col("year") == year)
    least = int(latest["processed"].max())  # only the largest base reaches it
    kept = latest.filter(pl.col("processed") >= least)
    assert 0 < kept.height < latest.height, "the minimum base keeps some agencies and leaves others out"
    at = open_page(filled_db, "applications", monkeypatch, apps_tab="按区县 / 部门比较公开率", apps_group="机关",
                   apps_min=str(least))
    fig = titled(at, "公开率")
    assert sorted(fig["data"][0]["y"]) == sorted(kept["group_key"].to_list())
    assert all("件）" in t for t in fig["data"][0]["text"])
    assert any(f"另有 {latest.height - kept.height} 个" in c.value for c in at.caption)


def test_a_refusal_reason_leads_to_the_agencies_giving_it(filled_db, monkeypatch):
    at = open_page(filled_db, "applications", monkeypatch, apps_tab="未予公开的理由",
                   apps_reason="本机关不掌握相关政府信息")
    fig = titled(at, "本机关不掌握相关政府信息")
    agencies = run(filled_db, "refusal_agencies", reason="unavailable_not_held")
    assert sorted(fig["data"][0]["y"]) == sorted(agencies["agency"].to_list())
    assert sorted(fig["data"][0]["x"]) == sorted(agencies["count"].to_list())


def test_zero_streaks_of_at_least_n_years(filled_db, monkeypatch):
    streaks = run(filled_db, "zero_streaks")
    for n in (2, 3):
        at = open_page(filled_db, "zero_activity", monkeypatch, zero_min=str(n))
        expected = streaks.filter(pl.col("streak_years") >= n).height
        if expected:
            assert at.dataframe[0].value.shape[0] == expected
        else:
            assert any(f"连续 {n} 年" in i.value for i in at.info)


def test_profile_opened_from_a_chart_shows_every_year_and_marks_the_year_and_cells(filled_db, monkeypatch):
    # the sidebar holds one year; the profile still draws all of the agency's years
    at = open_page(filled_db, "agency", monkeypatch, org="宁波市公安局海曙分局", years=["2022", "2022"],
                   org_year="2020", org_tab="表三 依申请公开", org_cell="table3/new_received/total")
    profile = run(filled_db, "agency_profile", agency_id=4)
    fig = figures(at)[0]
    assert sorted({x for t in fig["data"] for x in t["x"]}) == sorted(profile["year"].to_list())
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [2020]
    cells = at.dataframe[0]
    first = cells.value.iloc[0]
    assert first["来源单元格"] == "◀ 图表数字"
    assert (first["行代码"], first["列代码"]) == ("new_received", "total")
    assert (cells.value["来源单元格"] == "◀ 图表数字").sum() == 1
    assert cells.proto.placeholder == "", "a blank cell must show blank, not None"
    assert not any("表1" in str(p) for p in cells.value["位置"])


def test_every_table_shows_blanks_blank(filled_db, monkeypatch):
    for page, query in (("agency", {"org": "宁波市公安局海曙分局"}), ("zero_activity", {}),
                        ("quality", {"dq_tab": "缺报"})):
        at = open_page(filled_db, page, monkeypatch, **query)
        assert at.dataframe, page
        for table in at.dataframe:
            assert table.proto.placeholder == "", page
            config = json.loads(table.proto.columns)
            assert all(c.get("type_config", {}).get("format") != "percent" for c in config.values()), page
