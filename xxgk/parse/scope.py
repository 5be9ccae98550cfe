"""Whose numbers each table counts: the issuing agency alone ("agency") or a government's whole area ("region").

Only a government can print its area's figures: a 人民政府 (or its 办公室/办公厅 speaking for it, or a township).
For a government's report, table by table, the first rule that holds decides (docs/parser.md, with real
examples); everything else is "agency", and a table the report does not print is None.

1. The text says so for this table's own figures: a passage (the text between two headings) that speaks of the
   whole area (全市共受理…, 全区…, 本市各级行政机关…) and states a number this table prints under the topic's
   words (申请 for 三; 复议/诉讼 for 四; 许可/处罚/强制/规范性文件 for 二). Or the table's heading (or the line
   introducing it) names the area: 三、收到和处理政府信息公开申请情况（全区）.
2. Table 三 only: the text gives the applications the government itself received and the table prints more
   new ones, far more (at least twice and ten more): 区政府办代表区政府受理政府信息公开申请 17 件 while table
   三 counts 95. The table counts more than the government itself.
3. Magnitude, table 二 only: 1,000 or more licensing, penalty and coercion decisions in a year. A government as
   an organ decides few of these; its departments decide them, so such a table sums its area. This one is an
   inference, and the report's warnings say so.
"""

from __future__ import annotations

import re
from typing import Any

from xxgk.report import Report

TABLES = ("table2", "table3", "table4")
LABEL = {"table2": "表二", "table3": "表三", "table4": "表四"}
GOVERNMENT_BUREAUS = frozenset({"省政府", "市政府", "区县政府", "政府办", "街道/乡镇"})
# Table 二's decisions (licensing + penalty + coercion) from which it is taken to count a whole area.
DECISIONS_REGION = 1000

_GOV_NAME = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)?$|政府办$|街道办事处$|管理委员会$")
_AREA = "省市区县旗镇乡州盟"
# The whole area of the government: 全市, 全区 (not 全区域), 本市各级行政机关, 全县各级行政机关 …
_REGION = re.compile(rf"全[{_AREA}](?!域|委|人大|政协)|本[{_AREA}]各级|各级行政机关|全[{_AREA}]各(?:部门|单位)")
# The government itself: 本级, 本机关, 代表区政府, 区政府办 (as the one receiving).
_SELF = re.compile(rf"本级|本机关(?!不掌握)|本单位|代表[{_AREA}]?(?:人民)?政府|[{_AREA}]政府(?:办公室|办)(?!.{{0,6}}各)")
# What the government itself received or faced: a verb of receiving (not a table row's label, as 本机关不掌握).
_OWN_TOPIC = re.compile(r"(?:受理|收到|新收|接到|办理).{0,12}申请")
_TOPIC = {
    "table3": re.compile(r"申请"),
    "table4": re.compile(r"复议|诉讼"),
    "table2": re.compile(r"许可|处罚|强制|规范性文件|规章"),
}
_HEADING = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]+\s*[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")
_TABLE_HEADING = {
    "table2": re.compile(r"^\s*二\s*[、.．]\s*主动公开"),
    "table3": re.compile(r"^\s*三\s*[、.．]\s*收到和处理"),
    "table4": re.compile(r"^\s*四\s*[、.．].*(?:复议|诉讼)"),
}
# Words each table heading's pattern holds: a line without them is not looked at with the pattern.
_HEADING_WORDS: dict[str, tuple[str, ...]] = {"table2": ("主动公开",), "table3": ("收到和处理",), "table4": ("复议", "诉讼")}
_NUMBER = re.compile(r"\d[\d,，]*")
_SENTENCE_END = re.compile(r"[。；;]")


def is_government(report: Report) -> bool:
    """A 人民政府, its 办公室/办公厅, a township or a 管委会: by the registry's bureau, else by the printed name."""
    if report.bureau:
        return report.bureau in GOVERNMENT_BUREAUS
    return bool(report.agency and _GOV_NAME.search(report.agency))


def _key_numbers(name: str, table: dict[str, Any]) -> set[int]:
    """The numbers of a table that a text introducing it would state (totals and decisions), above 0."""
    def cell(row: str, col: str) -> object:
        return (table.get(row) or {}).get(col)

    if name == "table3":
        values = [cell("new_received", "total"), cell("total_processed", "total")]
        nr, co = cell("new_received", "total"), cell("carried_over", "total")
        if isinstance(nr, int | float) and isinstance(co, int | float):
            values.append(nr + co)
    elif name == "table4":
        values = [cell(b, "total") for b in ("review", "suit_direct", "suit_after_review")]
        sd, sa = cell("suit_direct", "total"), cell("suit_after_review", "total")
        if isinstance(sd, int | float) and isinstance(sa, int | float):
            values.append(sd + sa)
    else:
        values = [cell(k, "decisions") for k in ("licensing", "penalty", "coercion")]
        values += [cell("normative_documents", c) for c in ("issued", "new_published")]
    return {int(v) for v in values if isinstance(v, int | float) and v > 0 and v == int(v)}


def _passages(text: str) -> list[str]:
    """The running text cut at every heading (一、… （一）…), each passage on one line (PDF lines rejoined)."""
    parts = _HEADING.split(text)
    return [re.sub(r"\s+", "", p) for p in parts if p.strip()]


def _numbers(s: str) -> set[int]:
    return {int(m.group().replace(",", "").replace("，", "")) for m in _NUMBER.finditer(s)
            if m.group().replace(",", "").replace("，", "").isdigit()}


def _text_rule(name: str, table: dict[str, Any], passages: list[tuple[str, list[str]]], lines: list[str]) -> str | None:
    """Rules 1 and 2 for one table: the reason, in Chinese, when the text shows it counts the area. `passages`:
    each passage with its sentences."""
    keys = _key_numbers(name, table)
    topic = _TOPIC[name]
    heading, (first, *other) = _TABLE_HEADING[name], _HEADING_WORDS[name]
    last = other[-1] if other else first
    for i, line in enumerate(lines):
        if (first in line or last in line) and heading.search(line):
            near = "".join(lines[i:i + 2])
            if _REGION.search(near) and not heading.search(lines[i + 1] if i + 1 < len(lines) else ""):
                return f"{LABEL[name]}的标题或引导句写明统计范围为全域"
    for p, sentences in passages:
        if _REGION.search(p) and topic.search(p):
            hit = next((n for s in sentences if topic.search(s) for n in _numbers(s) if n in keys), None)
            if hit is not None:
                return f"正文以全域口径写明{LABEL[name]}的数字 {hit}"
        value = (table.get("new_received") or {}).get("total") if name == "table3" else None
        received = int(value) if isinstance(value, int | float) else 0
        for s in sentences if received else ():
            if _SELF.search(s) and _OWN_TOPIC.search(s):
                own = [n for n in _numbers(s) if n < 10_000 and not 1900 <= n <= 2100]
                # far more, not a slip of the pen (the text's number off by a few is rule X3's business)
                if own and received >= 2 * max(own) + 10 and received not in _numbers(p):
                    return f"正文写明政府本身收到申请 {max(own)} 件，表三本年新收为 {received} 件，多于本身"
    return None


def report_to_scope(report: Report) -> tuple[dict[str, str | None], list[str]]:
    """Per table "agency" | "region" | None, and a warning for each table judged region by magnitude alone."""
    scope: dict[str, str | None] = {}
    notes: list[str] = []
    government = is_government(report)
    passages = [(p, [x for x in _SENTENCE_END.split(p) if x]) for p in _passages(report.text or "")] \
        if government else []
    lines = [ln.strip() for ln in (report.text or "").split("\n") if ln.strip()] if government else []
    for name in TABLES:
        table = getattr(report, name)
        if not table:
            scope[name] = None
            continue
        scope[name] = "agency"
        if not government:
            continue
        if _text_rule(name, table, passages, lines):
            scope[name] = "region"
        elif name == "table2":
            decisions = sum(int(v) for k in ("licensing", "penalty", "coercion")
                            if isinstance(v := (table.get(k) or {}).get("decisions"), int | float))
            if decisions >= DECISIONS_REGION:
                scope[name] = "region"
                notes.append(f"表二的行政许可、处罚、强制决定共 {decisions:,} 件，达到政府本身少有的数量级"
                             f"（≥{DECISIONS_REGION:,}），推定为全域汇总（正文未写明）。")
    return scope, notes
