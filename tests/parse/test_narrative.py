"""Narrative numbers: the phrasings reports use for their totals, and the look-alikes that are not totals.

Each case is a sentence as printed (most from the real reports in tests/fixtures, the rest in the wording
the generated corpus and common reports use) with the numbers it states, or {} when it states none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.parse.narrative import chinese_number, find_narrative
from xxgk.pipeline import parse_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

APPLICATIONS = [
    # real reports
    ("2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度", 3119),
    ("畅通\n依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，\n均在法定期限答复。", 21),
    ("2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。", 17),
    ("2023年度我局共收到依申请信息公开26件，及时回复申请人。", 26),
    ("全年共收到政府信息公开申请7件，均按时答复。", 7),
    ("全年共收到政府信息公开申请42件，其中当面申请5件，网络申请37件。", 42),
    ("2022年，全区各职能部门、镇街共收到政府信息依申请公开1499件。其中，通过网络申请1303件，占86.92%。", 1499),
    ("本局2017年共受理信息公开申请10件，其中当面申请1宗，占10%；网上申请9宗，占90%。", 10),
    ("2023年，我办全年未收到行政许可申请；全年未接到信息公开申请。", 0),
    # phrasings without 共
    ("本年度我局新收政府信息公开申请7件，办理过程中严格执行登记、审核、答复等环节。", 7),
    ("本年度收到政府信息公开申请12件。", 12),
    ("全年受理依申请公开3件。", 3),
    ("共受理公民、法人或者其他组织提出的政府信息公开申请15件。", 15),
    ("我局共收到并办理政府信息公开申请6件。", 6),
    ("共收到依申请公开申请 4 件。", 4),
    ("收到政府信息公开申请共计 9 件。", 9),
    ("本年新收政府信息公开申请数量为7件，上年结转1件。", 7),
    # numerals
    ("收到申请三件。", 3),
    ("共收到申请十二件。", 12),
    ("全年共收到政府信息公开申请一百零五件。", 105),
    ("全年共收到政府信息公开申请１２件。", 12),
    ("全年共收到政府信息公开申请1,204件。", 1204),
    # a stated zero is 0
    ("本年度共收到政府信息公开申请0件，无上年结转申请。", 0),
    ("本年度未收到政府信息公开申请。", 0),
    ("2021年，我委未收到政府信息公开申请。", 0),
    ("2020年，我单位未接到依申请公开办件。", 0),
    ("本年度我局没有收到政府信息公开申请，无上年结转。", 0),
    ("本年度无依申请公开事项。", 0),
    # the total, not the numbers about other things beside it
    ("本年度共收到政府信息公开申请10件，上年结转申请2件，其中自然人申请5件，办理人大建议5件。", 10),
]

NOT_APPLICATIONS = [
    "全年办理人大建议5件、政协提案3件。",
    "上年结转申请2件。",
    "其中自然人申请5件，法人或其他组织申请2件。",
    "通过网络收到申请5件，通过信函收到申请2件。",  # channels only: parts
    "全年收到行政复议申请3件。",
    "依申请公开工作规范有序，均在法定期限内予以答复。",  # says nothing: blank, not zero
    "本年度未收到因政府信息公开申请提起的行政复议、行政诉讼。",
    "未发生因政府信息公开申请被申请行政复议的情况。",
    "无政府信息公开申请行政复议、行政诉讼情况。",
    "本年度未收到依申请公开行政复议案件。",
    "无依申请公开政府信息行政复议、行政诉讼。",
    "本机关全年未收到法人或其他组织的政府信息公开申请。",  # none from one kind of applicant
    "存在未收到申请人补正材料的情况。",
    "收到政府信息公开申请10件，受理政府信息公开申请8件。",  # two counts, no total: not clear
    "全年共收到政府信息公开申请十余件。",
    "收到申请15个工作日内予以答复。",  # a time limit
    "全年共收到政府信息公开申请9件（含上年结转2件）。",  # not the year's new applications alone
    "收到2023年度政府信息公开申请二〇二三件。",
    "未收取信息处理费。无其他需要报告的事项。",
    "2023年，我办全年未收到行政许可申请。",
]

PROACTIVE = [
    # real reports
    ("2023 年，我区在政\n府网站平台主动公开政府信息 1136 条。", 1136),
    ("2024 年，我区在政\n府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7\n期，解读信息发布 7 条。", 2428),
    ("全年共审核发布各类公开政府信息249条，其中：发布行政公文和政策解读信息9条。", 249),
    ("今年，我区政府信息公开单位共公布政府信息2599条，(其中机构职能类信息25条，其他应主动公开政府信息856条)", 2599),
    ("2020年，我局主动公开政府信息共计428条，其中政策文件36条。", 428),
    # generated and common phrasings
    ("我局通过政府门户网站、政务新媒体等渠道主动公开政府信息315条，内容涵盖机构职能、政策文件。", 315),
    ("全年共主动公开政府信息315条，其中机构职能类信息12条，政策文件类信息41条。", 315),
    ("全年主动公开信息1,234条。", 1234),
    ("全年主动公开信息１，２３４条。", 1234),
    ("在门户网站发布各类政府信息2345条。", 2345),
    ("全年共发布77条信息。", 77),
    ("通过政府网站公开信息300条，通过政务微博公开200条，共计500条。", 500),
    ("全年上海市人民政府网站共发布各类信息46106条。", 46106),
    # a running total since the start, then the year's own count
    ("本区到年底累计主动公开政府信息5928条，全文电子化率达90.3%，其中，本年度新增主动公开政府信息2110条。", 2110),
]

NOT_PROACTIVE = [
    "通过政府网站公开信息300条，通过政务微博公开200条。",  # parts only, no stated total
    "政府网站公开信息3698条，微博微信公开信息2148条，新闻发布会公开信息12条，政府公报公开信息0条。",
    "截至2023年底，累计主动公开政府信息5928条。",
    "其他应主动公开政府信息856条。",
    "2024 年，市政府网站主动公开各类政\n府信息 5500 余条。",  # an estimate
    "经信局网站开展即时更新，共更新信息条目171余条。",
    "主动公开政府信息约3000条。",
    "主动公开政府信息3000条以上。",
    "发布政策解读信息12条。",
    "二、主动公开政府信息情况",
]


@pytest.mark.parametrize(("sentence", "expected"), APPLICATIONS, ids=[s[:24] for s, _ in APPLICATIONS])
def test_applications_received(sentence: str, expected: int):
    assert find_narrative(sentence).get("applications_received", "absent") == expected


@pytest.mark.parametrize("sentence", NOT_APPLICATIONS, ids=[s[:24] for s in NOT_APPLICATIONS])
def test_no_applications_total(sentence: str):
    assert "applications_received" not in find_narrative(sentence)


@pytest.mark.parametrize(("sentence", "expected"), PROACTIVE, ids=[s[:24] for s, _ in PROACTIVE])
def test_proactive_items(sentence: str, expected: int):
    assert find_narrative(sentence).get("proactive_items", "absent") == expected


@pytest.mark.parametrize("sentence", NOT_PROACTIVE, ids=[s[:24] for s in NOT_PROACTIVE])
def test_no_proactive_total(sentence: str):
    assert "proactive_items" not in find_narrative(sentence)


def test_the_first_total_stated_is_kept():
    text = "全年主动公开政府信息315条。\n区财政局全年共发布信息68条。\n全年共收到政府信息公开申请7件。\n本年度未收到政府信息公开申请。"
    assert find_narrative(text) == {"proactive_items": 315, "applications_received": 7}


def test_table_rows_printed_as_text_are_not_prose():
    text = ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 7件 0件 0件 0件 0件 0件 7件\n"
            "二、上年结转政府信息公开申请数量\n2\n0\n0")
    assert find_narrative(text) == {}


@pytest.mark.parametrize(("text", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
                                             ("两千三百", 2300), ("一万二千", 12000), ("二〇二三", None)])
def test_chinese_numerals(text: str, value: int | None):
    assert chinese_number(text) == value


@pytest.mark.parametrize(("name", "expected"), [
    # "全市共受理政府信息公开申请 3119 件"; "主动公开各类政府信息 5500 余条" is an estimate
    ("real/002.pdf", {"applications_received": 3119}),
    ("real/003.pdf", {"proactive_items": 1136, "applications_received": 21}),
    # the text states 17 received by the government itself; table 三 prints 95: the report disagrees with itself
    ("real/004.pdf", {"proactive_items": 2428, "applications_received": 17}),
    # "共公布政府信息2599条，(其中…其他应主动公开政府信息856条)": the total, not the last part; no count of applications
    ("real/005.txt", {"proactive_items": 2599}),
    ("real/104.html", {"proactive_items": 249, "applications_received": 26}),
    # "我单位未接到依申请公开办件": a stated zero; "共更新信息条目171余条" is an estimate
    ("seed/000_63545407972970c8.txt", {"applications_received": 0}),
])
def test_real_reports(name: str, expected: dict):
    assert parse_path(FIXTURES / name).narrative == expected


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict, object]]:
    """A small generated corpus (示例数据，虚构), text and HTML, both templates, with its truth files."""
    import json

    from xxgk.demo.corpus import Options, all_agencies, generate_agencies

    out = tmp_path_factory.mktemp("narrative_demo")
    generate_agencies(out, all_agencies(1)[::6], Options(seed=5, formats=("txt", "html")))
    return [(p.name, json.loads(p.with_name(p.stem + ".truth.json").read_text(encoding="utf-8")), parse_path(p))
            for p in sorted(out.rglob("*")) if p.suffix in (".txt", ".html")]


def test_generated_reports_numbers_are_the_printed_ones(generated):
    wrong = [f"{name}: printed {truth['narrative']}, read {report.narrative}"
             for name, truth, report in generated if report.narrative != truth["narrative"]]
    assert not wrong, "\n".join(wrong[:20])


def test_text_and_table_disagree_exactly_where_the_printed_report_does(generated):
    # the printed disagreements: injected X3 mismatches, and near-copies whose tables changed but text did not
    def disagree(narrative: dict, table3: dict | None) -> bool:
        total = ((table3 or {}).get("new_received") or {}).get("total")
        stated = narrative.get("applications_received")
        return stated is not None and total is not None and stated != total

    printed = {name for name, truth, _ in generated if disagree(truth["narrative"], truth["table3"])}
    read = {name for name, _, report in generated if disagree(report.narrative, report.table3)}
    assert read == printed
    assert sum(any(f["rule"] == "X3" for f in truth["injected"]) for _, truth, _ in generated) >= 3
    assert len(printed) >= 3
