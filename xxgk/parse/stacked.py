"""Row labels stacked above their value lines, as PDF-to-text and PDF-to-markdown conversions print them.

A conversion wraps a long label over several lines and prints the row's numbers on a line of their own;
sometimes the labels of two or three rows come first and their value lines after them:

    （二）部分 / 公开 / （三）不予公开 / 1.属于国家秘 / 密 / | 0 | 2 | … | / | 0 | 0 | … |

Reading the values under the last label would give one row another row's numbers. The labels are cut
into units at their numbering (a wrapped fragment joins the unit before it), group headings
(三、本年度办理结果, （三）不予公开 …) are set aside, and the remaining row labels are paired with the
value lines in the template's order — only when they are in that order and there are exactly as many
value lines as rows. Otherwise every row of the stack is ambiguous: the parser leaves it blank and says so.

Table 二 has no numbering: its stacked labels (`规章 / 行政规范 / 性文件 / | 14 | 27 | 23 | / | 46 | 29 | 43 |`)
are cut where the fragments join up into item names exactly (`unstack_table2`), and paired the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from xxgk import keys
from xxgk.parse.labels import leaf_text, match_label, match_row, numbering
from xxgk.parse.rows import Row, Val

# Leaves of table 三's group headings: never a row of numbers.
_GROUPS = frozenset({"本年度办理结果", "不予公开", "无法提供", "不予处理"})
_ORDER = {k: i for i, k in enumerate(
    ("new_received", "carried_over", *keys.OUTCOME_ROWS, "other", *keys.OTHER_DETAIL_ROWS, "total_processed",
     "carried_forward"))}


@dataclass(slots=True)
class Unstacked:
    """Table 三 rows with stacks paired up, and the rows of stacks that could not be paired."""

    rows: list[Row] = field(default_factory=list)
    ambiguous: list[tuple[str, str, Row]] = field(default_factory=list)  # key, printed label, the stack
    notes: list[str] = field(default_factory=list)


def units(labels: list[str]) -> list[str]:
    """Labels cut at their numbering: a fragment without numbering continues the label before it."""
    out: list[str] = []
    for label in labels:
        if numbering(label) or not out:
            out.append(label)
        else:
            out[-1] += label
    return out


def row_units(labels: list[str]) -> list[tuple[str, str]]:
    """(key, printed label) of each table 三 row a run of labels names, group headings left out."""
    found: list[tuple[str, str]] = []
    for unit in units(labels):
        if len(unit) > 45 or leaf_text(unit) in _GROUPS:
            continue  # a header or a sentence, not a row label; a group heading
        key, _score = match_label("table3", unit)
        if key is not None:
            found.append((key, unit))
    # （六）其他处理 followed by its sub-rows is their heading
    return [(k, u) for i, (k, u) in enumerate(found)
            if not (k == "other" and i + 1 < len(found) and found[i + 1][0] in keys.OTHER_DETAIL_ROWS)]


def _lines(values: list[Val]) -> list[list[Val]]:
    """A row's values cut into the text lines they were printed on, lines of blank cells left out."""
    return [line for line in _lines_all(values) if any(v.raw for v in line)]


def unstack(rows: list[Row], fits: Callable[[list[Val]], bool]) -> Unstacked:
    """Table 三 text rows with stacked labels split into one row per label, where the order and the counts
    decide; `fits(values)` says whether a value line fills one row."""
    out = Unstacked()
    for row in rows:
        if row.grid is not None or not row.values or not row.apart:
            out.rows.append(row)
            continue
        if sum(1 for label in row.labels[-12:] if numbering(label)) < 2:  # one row label at most
            if len(row.labels) >= 4 and match_row("table3", row.labels)[0] is None:
                named = row_units(row.labels)
                if len(named) == 1 and named[0][1] == units(row.labels)[-1]:
                    row = replace(row, labels=[*row.labels, named[0][1]], fitted={})  # wrapped over 4+ lines
            out.rows.append(row)
            continue
        named = row_units(row.labels)
        if len(named) <= 1:
            out.rows.append(row)
            continue
        lines = _lines(row.values)
        in_order = all(_ORDER[a] < _ORDER[b] for (a, _), (b, _) in zip(named, named[1:], strict=False))
        if in_order and len(lines) == len(named) and all(fits(line) for line in lines):
            for (_key, unit), line in zip(named, lines, strict=True):
                out.rows.append(Row([unit], line, line[0].position, line[0].page))
            continue
        for key, unit in named:
            out.ambiguous.append((key, unit, row))
        shown = "、".join(f"「{u}」" for _k, u in named)
        printed = " / ".join(" ".join(v.raw or "空" for v in line) for line in lines) or "无"
        out.notes.append(f"表三：{shown}等 {len(named)} 行的标签叠印在一起（{row.position}起），其下有 {len(lines)} 行数值"
                         f"（{printed}），无法确定数值属于哪一行，这些行已留空，未作猜测。")
    return out


# --- table 二 ------------------------------------------------------------------------------------

_T2_ORDER = {k: i for i, k in enumerate(keys.TABLE2_ITEMS)}
_MAX_PARTS = 4  # fragments one wrapped item name may be printed in


def _item(text: str) -> str | None:
    """The table 二 item a joined run of fragments names exactly (no similarity: fragments are not typos)."""
    key, score = match_label("table2", text)
    return key if key is not None and score >= 1.0 else None


def item_units(labels: list[str]) -> tuple[int, list[list[tuple[str, str]]]]:
    """The longest run of labels at the end that joins up into table 二 item names: (where it starts, its
    readings as (key, printed) units). Two readings or more: the run can be cut more than one way."""
    n = len(labels)
    readings: dict[int, list[list[tuple[str, str]]]] = {n: [[]]}
    start = n
    for i in range(n - 1, max(-1, n - 16), -1):
        found: list[list[tuple[str, str]]] = []
        for j in range(i + 1, min(i + _MAX_PARTS, n) + 1):
            text = "".join(labels[i:j])
            key = _item(text) if j in readings else None
            if key is not None:
                found += [[(key, text), *rest] for rest in readings[j]][:2]
        if found:
            readings[i] = found[:2]
            start = i
    return start, readings[start] if start < n else []


def unstack_table2(rows: list[Row], fits: Callable[[str, list[Val]], bool]) -> Unstacked:
    """Table 二 text rows whose item labels are stacked above their value lines, split into one row per item
    where the template's order and the counts decide; `fits(key, values)` says whether a value line fills
    the item's columns. The labels before the stack (headings, the block's header) stay as a row of their own."""
    out = Unstacked()
    for row in rows:
        if row.grid is not None or not row.values or not row.apart:
            out.rows.append(row)
            continue
        start, readings = item_units(row.labels)
        if not readings or len(readings[0]) < 2:
            out.rows.append(row)
            continue
        named = readings[0]
        lines = _lines_all(row.values)
        in_order = all(_T2_ORDER[a] < _T2_ORDER[b] for (a, _), (b, _) in zip(named, named[1:], strict=False))
        if start:
            out.rows.append(Row(row.labels[:start], [], row.position, row.page))
        if (len(readings) == 1 and in_order and len(lines) == len(named)
                and all(fits(key, line) for (key, _u), line in zip(named, lines, strict=True))):
            for (_key, unit), line in zip(named, lines, strict=True):
                out.rows.append(Row([unit], line, line[0].position, line[0].page))
            continue
        for key, unit in dict.fromkeys(u for reading in readings for u in reading):
            out.ambiguous.append((key, unit, row))
        shown = "、".join(f"「{u}」" for _k, u in named)
        printed = " / ".join(" ".join(v.raw or "空" for v in line) for line in lines) or "无"
        out.notes.append(f"表二：{shown}等 {len(named)} 行的标签叠印在一起（{row.position}起），其下有 {len(lines)} 行数值"
                         f"（{printed}），无法确定数值属于哪一行，这些行已留空，未作猜测。")
    return out


def _lines_all(values: list[Val]) -> list[list[Val]]:
    """A row's values cut into the text lines they were printed on, lines of blank cells included
    (`|  |  |` is a row printed blank)."""
    out: list[list[Val]] = []
    last = None
    for v in values:
        if v.position != last:
            out.append([])
            last = v.position
        out[-1].append(v)
    return out
