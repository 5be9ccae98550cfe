"""The Word briefing (简报) of a selection: named queries → sections → chart images → .docx bytes.

Plain functions, no Streamlit: the dashboard's 总览 page and `python -m xxgk brief` both call `build`.

    facts = gather(con, filters)            # xxgk.brief.facts: the named queries (the data boundary)
    brief, notes = outline(facts, today)    # xxgk.brief.outline/findings: sections, numbered source notes
    render(brief.figures())                 # xxgk.brief.images: PNGs through Chromium, or a reason in place
    to_docx(brief, appendix)                # xxgk.brief.word: the document
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from xxgk.brief import facts as data
from xxgk.brief import images, outline, sources, word, wording
from xxgk.brief.model import Para, Section, Table
from xxgk.filters import Filters

__all__ = ["Briefing", "appendix", "build"]


@dataclass(frozen=True, slots=True)
class Briefing:
    content: bytes  # the .docx file
    file_name: str
    synthetic: bool  # demo reports are in it (labelled 示例数据，虚构)
    reports: int  # current reports in the selection
    figures: int  # charts placed as images
    problems: tuple[str, ...]  # why a chart is missing, if any


def build(con: duckdb.DuckDBPyConnection, f: Filters, *, today: dt.date | None = None,
          charts: bool = True) -> Briefing:
    """The briefing of the selection `f` from the database `con` (a connection at the xxgk catalog)."""
    today = today or dt.date.today()
    facts = data.gather(con, f)
    brief, notes = outline.outline(facts, today)
    figures = brief.figures()
    if charts:
        images.render(figures)
    else:
        for fig in figures:
            fig.problem = "生成时选择了不绘制图表（--no-charts）；数字见上表。"
    cells = data.cells(con, f, notes.places(), notes.agencies()) if notes.items else None
    back = appendix(notes, cells, facts.agency_names) if notes.items else []
    content = word.to_docx(brief, back)
    return Briefing(content, wording.file_name(f, facts.kpi, today), facts.synthetic, int(facts.kpi.get("reports") or 0),
                    sum(1 for fig in figures if fig.image), tuple(dict.fromkeys(x.problem for x in figures if x.problem)))


def appendix(notes: sources.Notes, cells, names: dict[int, str]) -> list[Section]:
    one = Section("附录一 数字来源", [
        Para("正文中〔注n〕所标数字的来源：所用命名查询（queries/ 目录下同名 .sql 文件）、计算公式、"
             "所取模板单元格（表、行、列按年报模板名称）与统计范围。", "note"),
        Table(["注", "数字", "取值", "查询、公式与单元格"],
              [[sources.marker(n.n), n.what, n.value, n.how] for n in notes.items], caption="附表一 数字来源")])
    rows = sources.cell_rows(notes, cells, names)
    two = Section("附录二 单元格原文", [
        Para("针对具体机关和年度的数字（以及所选年报不多于 "
             f"{sources.SMALL_SCOPE} 份时的全部合计），逐格列出其在年报中的位置与原文；“（空白）”为年报该格未填数字。", "note"),
        Table(["注", "机关", "年度", "表", "行（模板名称）", "列", "原文", "页码"], rows, caption="附表二 单元格原文")])
    return [one, two]
