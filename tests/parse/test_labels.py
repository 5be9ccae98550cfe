"""Row labels as printed → canonical keys: typos, notes, wrapped and merged labels."""

from __future__ import annotations

import pytest

from xxgk import keys
from xxgk.parse import labels
from xxgk.parse.labels import match_label, match_row


@pytest.mark.parametrize("printed, key", [
    ("2.其他法律行政止公开", "denied_law_prohibited"),
    ("2、其他法律行政法规禁止公开", "denied_law_prohibited"),
    ("２．其他法律行政法规禁止公开", "denied_law_prohibited"),
    ("3.危及三安全一稳定", "denied_security_stability"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("(二)部分公开(区分处理的,只计", "partially_granted"),  # note cut by a line wrap
    ("四、结转下年度继续办理", "carried_forward"),
    ("（七）合计", "total_processed"),
    ("（六）其他处理", "other"),
    ("3.其他", "other_misc"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee"),
    ("5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"),
])
def test_table3_labels(printed, key):
    assert match_label("table3", printed)[0] == key


@pytest.mark.parametrize("printed", ["总", "申请人情况", "法人或其他组织", "商业企业", "自然人",
                                     "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"])
def test_headers_are_not_rows(printed):
    assert match_label("table3", printed)[0] is None


@pytest.mark.parametrize("printed, key", [
    ("规章", "regulations"), ("行政规范性文件", "normative_documents"), ("规范性文件", "normative_documents"),
    ("其他对外管理服务事项", "other_services"), ("行政事业性收费", "fees"), ("政府集中采购", "procurement"),
])
def test_table2_items(printed, key):
    assert match_label("table2", printed)[0] == key


def test_wrapped_label_is_joined():
    key, _score, label = match_row("table3", ["（五）不予处理", "5.要求行政机关确认或重新出", "具已获取信息"])
    assert key == "not_processed_confirmation" and label == "5.要求行政机关确认或重新出具已获取信息"


def test_unrelated_text_matches_nothing():
    assert match_label("table3", "本年度共制发规范性文件")[0] is None
    assert match_label("table2", "2023年共制发规范性文件")[0] is None


def _every_candidate_scored(table: str, label: str) -> tuple[str | None, float]:
    """match_label by its definition: every template label scored (equal: 1.0, else the similarity of labels longer
    than three characters; 0.05 more with the same numbering), the highest winning, the first listed among equals."""
    leaf, num = labels.leaf_text(label), labels.numbering(label)
    best: tuple[str | None, float] = (None, 0.0)
    for key, cand, cnum in labels._TABLES[table]:
        if leaf == cand:
            score = 1.0 + (0.05 if num and num == cnum else 0.0)
        elif len(leaf) <= 3 or len(cand) <= 3:
            continue
        else:
            score = labels.similarity(leaf, cand) + (0.05 if num and cnum and num == cnum else 0.0)
        if score > best[1]:
            best = (key, score)
    return best


@pytest.mark.parametrize("table", ["table2", "table3", "table4"])
def test_a_label_printed_as_the_template_prints_it_is_matched_as_by_scoring_every_candidate(table):
    """The compiled matcher (a label equal to a template label, with or without numbering, another numbering or a
    wrong one) gives the key and score that scoring every candidate gives."""
    printed = {cand for rows in labels._TABLES.values() for _key, cand, _num in rows}
    numbers = ["", "1.", "2.", "3.", "6.", "（一）", "（三）", "（六）", "一、", "三、"]
    asked = [n + p for p in sorted(printed) for n in numbers]
    assert sum(1 for a in asked if labels.leaf_text(a) in labels._EXACT[table]) >= len(labels._TABLES[table])
    for label in asked:
        if labels.leaf_text(label) in labels._EXACT[table]:
            assert match_label.__wrapped__(table, label) == _every_candidate_scored(table, label), label


@pytest.mark.parametrize("table", ["table2", "table3", "table4"])
def test_a_label_printed_with_slips_is_matched_as_by_scoring_every_candidate(table):
    """A label unlike every template label (a character dropped, added or changed, cut short, run on) is compared
    only with the candidates whose length and characters let it reach the threshold: the same key, and the same score
    when it has one, as scoring every candidate."""
    import random

    rng = random.Random(11)
    printed = sorted({cand for rows in labels._TABLES.values() for _key, cand, _num in rows})
    numbers = ["", "1.", "3.", "（二）", "（六）", "四、"]
    asked: list[str] = []
    for cand in printed:
        for _ in range(10):
            chars = list(cand)
            for _edit in range(rng.randint(1, 4)):
                k = rng.randrange(len(chars) + 1)
                op = rng.random()
                if op < 0.3 and len(chars) > 1:
                    chars.pop(min(k, len(chars) - 1))
                elif op < 0.6:
                    chars.insert(k, rng.choice("的和与及其他情况申请公开信息"))
                elif op < 0.8:
                    chars[min(k, len(chars) - 1)] = rng.choice("的和与及其他情况申请公开信息")
                else:
                    chars = chars[:max(2, k)]
            asked.append(rng.choice(numbers) + "".join(chars))
    fuzzy = [a for a in asked if labels.leaf_text(a) not in labels._EXACT[table]]
    assert len(fuzzy) > 300
    matched = 0
    for label in fuzzy:
        got, want = match_label.__wrapped__(table, label), _every_candidate_scored(table, label)
        if want[1] < labels.THRESHOLD:
            assert got[0] is None, label
        else:
            assert got == want, label
            matched += 1
    assert matched >= 10  # table 四 has few labels of its own


def test_a_numbered_label_close_to_the_template_can_outscore_an_equal_one(monkeypatch):
    """The numbering's bonus can lift a near label above an equal one printed without that numbering: the compiled
    matcher looks at those too (a made-up table, as the templates' own labels hold no such pair)."""
    rows = [("plain", "甲乙丙丁戊己庚辛壬癸子丑", ""), ("numbered", "甲乙丙丁戊己庚辛壬癸子丑寅", "2.")]
    exact, numbered = labels.compile_labels(rows)
    for table, value in ((labels._TABLES, rows), (labels._EXACT, exact), (labels._NUMBERED, numbered)):
        monkeypatch.setitem(table, "made_up", value)
    monkeypatch.setitem(labels._CHARS, rows[1][1], {ch: 1 for ch in rows[1][1]})
    for label in ("2.甲乙丙丁戊己庚辛壬癸子丑", "甲乙丙丁戊己庚辛壬癸子丑", "3.甲乙丙丁戊己庚辛壬癸子丑"):
        assert match_label.__wrapped__("made_up", label) == _every_candidate_scored("made_up", label), label
    assert match_label.__wrapped__("made_up", "2.甲乙丙丁戊己庚辛壬癸子丑")[0] == "numbered"


def _every_reading_of_the_row(table: str, row: tuple[str, ...]) -> tuple[str | None, float, str]:
    """match_row by its definition: the last label, then the last two and three joined, each taking over only when
    it scores more than 0.02 above the best so far."""
    best: tuple[str | None, float, str] = (None, 0.0, row[-1])
    for n in (1, 2, 3):
        if len(row) < n:
            break
        text = "".join(row[-n:])
        if len(labels.squash(text)) > 80:
            break
        key, score = match_label(table, text)
        if key is not None and score > best[1] + (0.02 if n > 1 else 0):
            best = (key, score, text)
    return best


@pytest.mark.parametrize("table", ["table2", "table3"])
def test_a_row_whose_last_label_matches_fully_is_read_as_by_every_reading(table):
    """match_row stops trying the joined labels once the last label scores so high that none could win: the same
    answer as trying them all, on the template's rows as printed, one after another and with their groups."""
    printed = [p for _g, p in keys.TABLE3_ROWS.values()] + [p for _g, p in keys.TABLE3_ROWS.values() if _g]
    printed += list(keys.TABLE2_ITEMS.values()) + ["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理"]
    rows = {tuple(printed[i:i + n]) for n in (1, 2, 3) for i in range(len(printed) - n + 1)}
    rows |= {("三、本年度办理结果", "（一）予以公开"), ("（三）不予公开", "1.属于国家秘密"), ("（一）", "予以公开")}
    for row in sorted(rows):
        assert match_row(table, list(row)) == _every_reading_of_the_row(table, row), row
