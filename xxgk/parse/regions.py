"""Which rows belong to which table (二, 三, 四), and which template version the tables follow."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Protocol, TypeVar

from xxgk.cellvalue import STRING_CACHE, squash
from xxgk.parse.rows import Row

_T2 = re.compile(r"第二十条|^信息内容$|^二[、.]主动公开政府信息情况|^主动公开政府信息情况$")
_T3 = re.compile(r"申请人情况|勾稽关系|^一[、.]?本年新收|收到和处理政府信息公开申请")
_T4 = re.compile(r"行政复议")
_END = re.compile(r"^五[、.]|存在的主要问题|^六[、.]其他需要报告|^其他需要报告的事项$")


@lru_cache(maxsize=STRING_CACHE)
def _anchor(label: str) -> str | None:
    s = squash(label)
    if len(s) > 60 and "。" in s:
        return None  # a paragraph of running text, not a table label or heading
    if _T2.search(s):
        return "table2"
    if _T3.search(s):
        return "table3"
    if _T4.search(s):
        return "table4"
    if _END.search(s):
        return "end"
    return None


class Labelled(Protocol):
    """A row of either path: the general path's Row or the fast path's light row."""

    labels: list[str]


R = TypeVar("R", bound=Labelled)


def split_regions(rows: Iterable[R], head: Callable[[R, int, int], R | None],
                  tail: Callable[[R, int], R]) -> dict[str, list[R]]:
    """The rows of each table, found by the labels and headings that open and close them, for rows of either
    path: `head(row, start, k)` is the part of a row whose labels [start:k] end the table before (None: the
    row is not cut), `tail(row, start)` the rest of a row that was cut."""
    out: dict[str, list[R]] = {"table2": [], "table3": [], "table4": []}
    region: str | None = None
    for row in rows:
        start = 0
        for k, label in enumerate(row.labels):
            a = _anchor(label)
            if a is None:
                continue
            new = None if a == "end" else a
            if new != region and region is not None and k > start:
                part = head(row, start, k)
                if part is not None:
                    out[region].append(part)
                    start = k
            region = new
        if region is not None:
            out[region].append(row if start == 0 else tail(row, start))
    return out


def rows_to_regions(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows of each table, found by the labels and headings that open and close them.

    Text can run the last labels of one table into the next table's first row (a 三线表 PDF prints a row
    label with no number, 行政事业性收费, then 三、收到和处理…): those labels stay with their own table, as a
    row without values. A grid row is never cut."""
    return split_regions(
        rows, lambda row, start, k: Row(row.labels[start:k], [], row.position, row.page) if row.grid is None else None,
        lambda row, start: replace(row, labels=row.labels[start:], fitted={}))


SIGNALS = {
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "采购总金额",
             "政府集中采购", "第二十条第(九)项", "其他对外管理服务事项", "本年增/减"),
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量", "逾期未按收费通知",
             "逾期不补正"),
}


# Labels only one version has at all (whole blocks or rows added or removed) weigh more than renamed columns.
STRONG = {"第二十条第(九)项": 3, "政府集中采购": 3, "采购项目数量": 3, "其他对外管理服务事项": 3,
          "逾期未按收费通知": 3, "逾期不补正": 3, "本年收费金额": 3}


def template_signals(regions: Mapping[str, Sequence[Labelled]]) -> dict[str, int]:
    """How many labels typical of each template version the tables print."""
    labels = (squash(label) for name in ("table2", "table3") for row in regions[name] for label in row.labels)
    text = "\n".join([s for s in labels if len(s) <= 40])  # table labels, not paragraphs of text
    return {version: sum(STRONG.get(s, 1) for s in signals if s in text) for version, signals in SIGNALS.items()}
