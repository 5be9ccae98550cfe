"""Chart builders: Chinese labels, hover text, sorted bars, blanks kept as gaps; no Streamlit needed."""

import polars as pl

from xxgk import charts

YEARS = pl.DataFrame({"year": [2022, 2021, 2023], "a": [5.0, 3.0, None], "b": [1.0, 1.0, 2.0]})


def test_line_by_year_sorts_years_and_keeps_blanks():
    fig = charts.line_by_year(YEARS, {"a": "新收申请", "b": "结转"}, title="趋势")
    assert [t.name for t in fig.data] == ["新收申请", "结转"]
    assert list(fig.data[0].x) == [2021, 2022, 2023]
    assert list(fig.data[0].y) == [3.0, 5.0, None]
    assert "新收申请" in fig.data[0].hovertemplate and "年" in fig.data[0].hovertemplate
    assert fig.layout.xaxis.title.text == "年度"


def test_bars_by_year_percent_shares_sum_to_100():
    fig = charts.bars_by_year(YEARS.drop_nulls(), {"a": "予以公开", "b": "不予公开"}, percent=True)
    per_year = [sum(v) for v in zip(fig.data[0].y, fig.data[1].y, strict=True)]
    assert all(abs(s - 100) < 1e-9 for s in per_year)
    assert fig.layout.barmode == "stack"


def test_ranked_bars_largest_on_top_with_hover_columns():
    df = pl.DataFrame({"agency": ["甲", "乙", "丙"], "n": [2.0, 9.0, 5.0], "district": ["A区", "B区", "C区"]})
    shown = charts.top_n(df, "n", 2)
    assert shown["agency"].to_list() == ["乙", "丙"]
    fig = charts.ranked_bars(shown, "agency", "n", value_name="处罚决定", hover={"district": "区县"})
    # Plotly draws the last category on top: the largest must come last.
    assert list(fig.data[0].y) == ["丙", "乙"]
    assert "区县" in fig.data[0].hovertemplate and "处罚决定" in fig.data[0].hovertemplate


def test_heatmap_leaves_missing_combinations_blank():
    df = pl.DataFrame({"d": ["A区", "B区"], "b": ["公安", "街道"], "n": [1, 4]})
    fig = charts.heatmap(df, "d", "b", "n", z_name="零活动机关数")
    assert list(fig.data[0].x) == ["A区", "B区"]
    assert fig.data[0].z[0][1] is None or fig.data[0].z[1][0] is None


def test_grouped_bars_and_scatter_name_their_series():
    df = pl.DataFrame({"who": ["甲", "乙"], "x": [1.0, 2.0], "y": [50.0, 20.0]})
    fig = charts.grouped_bars(df, "who", {"x": "新收", "y": "办结"})
    assert [t.name for t in fig.data] == ["新收", "办结"]
    fig = charts.scatter(df, "x", "y", "who", x_name="新收", y_name="公开率", highlight=["甲"])
    assert {t.name for t in fig.data} == {"同类机关", "所选机关"}


def test_every_column_a_named_query_returns_has_a_chinese_label():
    from xxgk import dictionary

    missing = sorted({c for q in dictionary.QUERIES for c in q.columns if c not in charts.LABELS})
    assert not missing, f"columns a table or CSV would show by their code: {missing}"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in charts.LABELS.values())


def test_report_facts_states_scope_and_publication():
    import datetime as dt

    row = {"scope_table2": "region", "scope_table3": "agency", "scope_table4": None,
           "published_date": dt.date(2021, 4, 10), "published_source": "text",
           "publish_deadline": dt.date(2021, 3, 31), "days_late": 10, "on_time": False}
    assert charts.report_facts(row) == ("统计范围：表二 全域（政府汇总）、表三 本机关、表四 未印该表。"
                                        "公开日期 2021-04-10（年报落款日期），期限 2021-03-31，逾期 10 天。")
    undated = {**row, "published_date": None, "published_source": None, "days_late": None, "on_time": None}
    assert charts.report_facts(undated).endswith("公开日期不详（期限 2021-03-31），不计入按时公开率。")
