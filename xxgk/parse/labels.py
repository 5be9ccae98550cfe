"""Printed labels → canonical keys: exact after normalisation, else the closest label above a threshold."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from xxgk import keys
from xxgk.cellvalue import squash
from xxgk.parse.normalize import NUMBERING, strip_numbering

THRESHOLD = 0.72
_BEST_SCORE = 1.0 + 0.05  # the highest score a label can have: equal to a template label, with its numbering
_NOTE = re.compile(r"[（(][^（）()]*[)）]$|[（(][^（）()]*$")  # a trailing note, closed or cut by a wrap
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")


def leaf_text(label: str) -> str:
    """A label reduced for comparison: no numbering, quotes, spaces or trailing note in brackets."""
    s = strip_numbering(label).translate(_QUOTES)
    s2 = _NOTE.sub("", s)
    return s2 or s


def numbering(label: str) -> str:
    """The label's own numbering ("2." "（三）" "一、"), normalised, or ""."""
    m = NUMBERING.match(squash(label))
    return m.group(0).replace("．", ".").replace("、", ".").replace("(", "（").replace(")", "）") if m else ""


def _candidates(rows: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(key, leaf_text(printed), numbering(printed)) for key, (_group, printed) in rows.items()]


_T3 = _candidates(keys.TABLE3_ROWS) + [
    ("new_received", "本年新收政府信息公开申请数量", "一."),
    ("new_received", "本年新收申请数量", "一."),
    ("carried_over", "上年结转政府信息公开申请数量", "二."),
    ("carried_over", "上年结转申请数量", "二."),
    ("total_processed", "总计", ""),
    ("total_processed", "合计", ""),
    ("carried_forward", "结转下年度继续办理", "四."),
]
_T2 = [(key, leaf_text(label), "") for key, label in keys.TABLE2_ITEMS.items()] + [
    ("normative_documents", "行政规范性文件", ""),
    ("fees", "行政事业性收费项目", ""),
    ("procurement", "政府采购", ""),
]
_T4 = [
    ("review", "行政复议", ""),
    ("suit_direct", "未经复议直接起诉", ""),
    ("suit_after_review", "复议后起诉", ""),
]
_TABLES = {"table3": _T3, "table2": _T2, "table4": _T4}
_CHARS = {cand: dict(Counter(cand)) for rows in _TABLES.values() for _key, cand, _num in rows}
_DROP = {cand: dict.fromkeys(map(ord, cand)) for cand in _CHARS}  # str.translate: the candidate's characters removed
# The template's labels compiled for the common case, a label printed as the template prints it: per table, each
# reduced label → the candidates equal to it, and each numbering → the candidates printed with it (the only others
# that can score as high, by the numbering's bonus), each as (position, key, text, numbering).
_Cand = tuple[int, str, str, str]


def compile_labels(rows: list[tuple[str, str, str]]) -> tuple[dict[str, list[_Cand]], dict[str, list[_Cand]]]:
    """(reduced label → the candidates equal to it, numbering → the candidates printed with it) of one table."""
    exact: dict[str, list[_Cand]] = {}
    numbered: dict[str, list[_Cand]] = {}
    for i, (key, cand, num) in enumerate(rows):
        exact.setdefault(cand, []).append((i, key, cand, num))
        if num:
            numbered.setdefault(num, []).append((i, key, cand, num))
    return exact, numbered


_COMPILED = {t: compile_labels(rows) for t, rows in _TABLES.items()}
_EXACT = {t: c[0] for t, c in _COMPILED.items()}
_NUMBERED = {t: c[1] for t, c in _COMPILED.items()}

# Rows provinces add to the template, with the key they are stored under.
KNOWN_EXTRAS = {
    "其他主动公开文件": "other_proactive_documents",
    "其他文件": "other_documents",
    "行政确认": "confirmation",
    "行政给付": "benefit",
    "行政征收": "levy",
    "行政裁决": "adjudication",
    "行政奖励": "reward",
    "行政检查": "inspection",
}


def similarity(a: str, b: str) -> float:
    """How alike two reduced labels are, 0..1."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@lru_cache(maxsize=20000)
def match_label(table: str, label: str) -> tuple[str | None, float]:
    """The canonical key a printed row label stands for in a table, and how sure (0..1); with no key, the
    score is that of the closest candidate worth comparing (below the threshold either way)."""
    leaf = leaf_text(label)
    if not leaf:
        return None, 0.0
    num = numbering(label)
    exact = _EXACT[table].get(leaf)
    if exact is not None:
        return _exact_match(table, leaf, num, exact)
    best: tuple[str | None, float] = (None, 0.0)
    if len(leaf) <= 3:
        return best  # short labels ("其他", "总计") must match exactly
    # No candidate equals the label (the dict above would have it) and each is longer than three characters.
    chars: Counter[str] | None = None
    rows = _TABLES[table]
    for i in _within_length(table, len(leaf)):
        key, cand, cnum = rows[i]
        bonus = 0.05 if num and cnum and num == cnum else 0.0
        # the similarity is at most the characters the two share (difflib's quick_ratio): a candidate
        # that cannot pass the threshold or beat the best so far is not compared character by character
        floor = max(best[1], THRESHOLD - 1e-9) - bonus
        total = len(leaf) + len(cand)
        if 2 * min(len(leaf), len(cand)) / total < floor:
            continue
        # a looser bound first, in C: the label's characters that the candidate holds at all
        if 2 * (len(leaf) - len(leaf.translate(_DROP[cand]))) / total < floor:
            continue
        if chars is None:
            chars = Counter(leaf)
        theirs = _CHARS[cand]  # the characters both hold, each as often as the one holding it less
        if 2 * sum(min(n, theirs.get(ch, 0)) for ch, n in chars.items()) / total < floor:
            continue
        score = similarity(leaf, cand) + bonus
        if score > best[1]:
            best = (key, score)
    if best[1] < THRESHOLD:
        return None, best[1]
    return best


# Each table's candidates longer than three characters as (length, position), by length: the similarity of two
# labels is at most 2 × the shorter's length / both lengths, so a label is compared only with the candidates whose
# length can reach the threshold (minus the numbering's bonus).
_BY_LENGTH = {t: sorted((len(cand), i) for i, (_key, cand, _num) in enumerate(rows) if len(cand) > 3)
              for t, rows in _TABLES.items()}
_LENGTHS = {t: [n for n, _i in pairs] for t, pairs in _BY_LENGTH.items()}
_LOWEST_FLOOR = THRESHOLD - 1e-9 - 0.05


def _within_length(table: str, n: int) -> list[int]:
    """The positions, in order, of a table's candidates whose length lets a label of n characters reach the lowest
    floor match_label compares against (2·min / sum ≥ floor: lengths from floor·n / (2 − floor) to
    n·(2 − floor) / floor, one character wider each way against rounding; match_label checks each exactly)."""
    lo = int(_LOWEST_FLOOR * n / (2 - _LOWEST_FLOOR)) - 1
    hi = int(n * (2 - _LOWEST_FLOOR) / _LOWEST_FLOOR) + 1
    lengths = _LENGTHS[table]
    pairs = _BY_LENGTH[table][bisect_left(lengths, lo):bisect_right(lengths, hi)]
    return sorted(i for _n, i in pairs)


def _exact_match(table: str, leaf: str, num: str, exact: list[_Cand]) -> tuple[str | None, float]:
    """match_label's answer for a label equal to a template label, without comparing it with every other: the
    candidates equal to it score 1.0 (1.05 with the same numbering); another can only pass that with the same
    numbering's bonus (1.05 at most, its similarity being below 1). As in match_label, the highest score wins and,
    among equal ones, the candidate listed first."""
    best: tuple[float, int, str] | None = None
    for i, key, _cand, cnum in exact:
        score = 1.0 + (0.05 if num and num == cnum else 0.0)
        if best is None or score > best[0] or (score == best[0] and i < best[1]):
            best = (score, i, key)
    assert best is not None
    if num and len(leaf) > 3 and best[0] < 1.05:
        for i, key, cand, _cnum in _NUMBERED[table].get(num, ()):
            if cand == leaf or len(cand) <= 3:
                continue
            score = similarity(leaf, cand) + 0.05
            if score > best[0] or (score == best[0] and i < best[1]):
                best = (score, i, key)
    return best[2], best[0]


def match_row(table: str, labels: list[str]) -> tuple[str | None, float, str]:
    """The key of a row from its labels: the last one, or the last two or three joined (wrapped labels)."""
    return _match_last(table, tuple(labels[-3:]))


@lru_cache(maxsize=65536)
def _match_last(table: str, labels: tuple[str, ...]) -> tuple[str | None, float, str]:
    """match_row on a row's last three labels (cached: the same labels recur in every report)."""
    best: tuple[str | None, float, str] = (None, 0.0, labels[-1] if labels else "")
    for n in (1, 2, 3):
        if len(labels) < n or (n > 1 and best[1] + 0.02 >= _BEST_SCORE):
            break  # no joined label can score above the last label's match and its margin
        text = "".join(labels[-n:]) if n > 1 else labels[-1]
        if len(squash(text)) > 80:
            break
        key, score = match_label(table, text)
        if key is not None and score > best[1] + (0.02 if n > 1 else 0):
            best = (key, score, text)
    return best


def extra_key(label: str, taken: set[str]) -> str:
    """A snake_case key for a row the template does not have (known province rows, else extra_N)."""
    leaf = leaf_text(label)
    key = KNOWN_EXTRAS.get(leaf)
    if key is None:
        n = 1
        while f"extra_{n}" in taken:
            n += 1
        key = f"extra_{n}"
    return key


@lru_cache(maxsize=5000)
def match_table2_column(label: str) -> tuple[str | None, str | None]:
    """A table 二 header label → (column key, template) by the closest printed column label."""
    leaf = leaf_text(label)
    best: tuple[str | None, str | None, float] = (None, None, 0.0)
    for template, items in keys.TABLE2_COLUMNS.items():
        for cols in items.values():
            for key, printed in cols.items():
                cand = leaf_text(printed)
                score = 1.0 if leaf == cand else (similarity(leaf, cand) if len(leaf) > 3 else 0.0)
                if leaf.startswith(cand) and len(cand) >= 4:
                    score = max(score, 0.9)  # "上一年项目数量（指2019年事项数）"
                if score > best[2]:
                    best = (key, template, score)
    if best[2] < 0.8:
        return None, None
    return best[0], best[1]
