"""Agency and year: from the title, the lines above section 一, or the signature; never guessed."""

from __future__ import annotations

import pytest

from xxgk.parse.meta import find_signature, find_title, find_year, is_synthetic


@pytest.mark.parametrize("lines, expected", [
    (["示范市东湖区司法局2020年政府信息公开工作年度报告"], ("示范市东湖区司法局", 2020)),
    (["示范市东湖区司法局", "政府信息公开2020年度报告"], ("示范市东湖区司法局", 2020)),
    (["2021年度示范市东湖区司法局政府信息公开工作年度报告"], ("示范市东湖区司法局", 2021)),
    (["示范市东湖区司法局关于2022年度政府信息公开工作年度报告"], ("示范市东湖区司法局", 2022)),
    (["示范市东湖区司法局2020年", "政府信息公开工作年度报告"], ("示范市东湖区司法局", 2020)),
    (["示范市东湖区司法局政府信息公开工作年度报告（2023年度）"], ("示范市东湖区司法局", 2023)),
    (["标题：示范市东湖区司法局 2020 年政府信息公开工作年度报告"], ("示范市东湖区司法局", 2020)),
    (["2023年政府信息公开工作年度报告"], (None, 2023)),  # no agency stated in the title
    (["洪泽区2023年政府信息公开工作年度报告"], ("洪泽区", 2023)),
    (["示范市东湖区司法局政府信息公开工作2020年度报告"], ("示范市东湖区司法局", 2020)),  # the district's own report, as titled
    (["示范县人民政府办公室关于印发示范县2020年政府信息公开工作年度报告的通知"], ("示范县", 2020)),
    (["政府信息公开工作年度报告"], (None, None)),
])
def test_titles(lines, expected):
    assert find_title(None, lines) == expected


def test_page_title_with_site_suffix_and_chrome_site_name():
    assert find_title("示范市税务局2021年政府信息公开工作年度报告_示范市人民政府", []) == ("示范市税务局", 2021)
    assert find_title("示范市人民政府门户网站", ["首页", "政务公开"]) == (None, None)


def test_report_title_above_section_one_wins_over_other_reports_listed_in_chrome():
    lines = ["相关阅读", "示范市财政局2018年政府信息公开工作年度报告", "正文",
             "示范市教育局2020年政府信息公开工作年度报告", "一、总体情况"]
    assert find_title(None, lines, body_start=4) == ("示范市教育局", 2020)


def test_compiling_office_is_not_the_agency():
    assert find_title(None, ["本报告由示范市东湖区人民政府办公室编制2020年政府信息公开工作年度报告"])[0] is None


@pytest.mark.parametrize("tail, expected", [
    (["六、其他需要报告的事项", "无。", "示范市东湖区民政局", "2021年1月20日"], "示范市东湖区民政局"),
    (["示范市东湖区民政局  2021年1月20日"], "示范市东湖区民政局"),
    (["示范市东湖区民政局", "二〇二一年一月二十日"], "示范市东湖区民政局"),
    (["本局", "2021年1月20日"], None),
    (["版权所有", "2021年1月20日"], None),
])
def test_signature(tail, expected):
    assert find_signature(tail) == expected


def test_year_from_the_statistics_period_only():
    assert find_year("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。") == 2019
    assert find_year("发布日期：2021年1月20日") is None


def test_synthetic_marker():
    assert is_synthetic(None, ["【示例数据，虚构】", "示例市…"])
    assert not is_synthetic("示范市税务局2021年政府信息公开工作年度报告", ["正文"])


def test_a_line_without_report_words_is_no_title_without_trying_the_patterns():
    """_title_match answers at once for a line holding neither 报告 nor 年报; trying every title pattern gives the same
    on 50,000 random lines made of agency names, years, report words and their parts."""
    import random

    from xxgk.parse.meta import _title_match, _title_patterns

    pieces = ["示例市教育局", "某县", "人民政府", "关于", "2023", "年", "年度", "的", "政府信息公开", "政务公开", "信息公开",
              "工作", "报告", "年报", "报", "告", "（", "）", "(2022年度)", " ", "。", "，", "街道办事处", "2021"]
    rng = random.Random(5)
    checked = 0
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        prev = rng.choice(["", "示例市财政局", "某县人民政府办公室"])
        assert _title_match(text, prev) == _title_patterns(text, prev), text
        checked += _title_patterns(text, prev) is not None
    assert checked > 100  # titles were among them
