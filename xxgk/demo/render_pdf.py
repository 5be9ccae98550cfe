"""PDF reports drawn with reportlab: a CJK TrueType font (embedded with its ToUnicode map, so the text
can be extracted), ruled tables with merged cells (三线表 with three rules only on some), and table 三
running over a page break on some.

reportlab's `invariant` mode fixes the creation date and document id, so a seed gives the same bytes.
"""

from __future__ import annotations

import io
import random
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from xxgk.demo.layout import Layout, table2_layout, table3_layout, table4_layout
from xxgk.demo.sheet import MARK_LINE, Sheet

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # Debian fonts-wqy-microhei (Makefile installs it)
FONT = "WenQuanYiMicroHei"
_WIDTHS = {4: (150, 115, 115, 115), 10: (40, 58, 122, *([39] * 7)), 15: tuple([33] * 15)}


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(TTFont(FONT, FONT_PATH, subfontIndex=0))
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    return {
        "body": base,
        "mark": ParagraphStyle("mark", parent=base, firstLineIndent=0, fontSize=10),
        "title": ParagraphStyle("title", parent=base, firstLineIndent=0, fontSize=16, leading=24, alignment=TA_CENTER,
                                spaceAfter=10),
        "heading": ParagraphStyle("heading", parent=base, firstLineIndent=0, fontSize=12, spaceBefore=8, spaceAfter=4),
        "sign": ParagraphStyle("sign", parent=base, firstLineIndent=0, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5, alignment=TA_CENTER, wordWrap="CJK"),
    }


def _table(layout: Layout, repeat: bool, ruled: bool) -> Table:
    """A ruled table, or a three-line table (三线表: rules above, under the header and below only)."""
    st = _styles()["cell"]
    data: list[list[object]] = [["" for _ in range(layout.width)] for _ in layout.rows]
    head = max(layout.header_rows, 1)
    lines: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black)] if ruled else [
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, head - 1), (-1, head - 1), 0.6, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black)]
    commands: list[tuple[object, ...]] = [
        *lines,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for r, row in enumerate(layout.rows):
        for c in row:
            data[r][c.col] = Paragraph(escape(c.text), st) if c.text else ""
            if c.rs > 1 or c.cs > 1:
                commands.append(("SPAN", (c.col, r), (c.col + c.cs - 1, r + c.rs - 1)))
    return Table(data, colWidths=_WIDTHS[layout.width], style=TableStyle(commands),
                 repeatRows=layout.header_rows if repeat else 0)


def sheet_to_pdf(sheet: Sheet) -> bytes:
    """The report as a PDF with ruled tables."""
    rng = random.Random(sheet.style)
    st = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=56, bottomMargin=56,
                            title=f"{MARK_LINE}{sheet.title}", author="示例数据", subject="示例数据，虚构",
                            creator="xxgk demo", invariant=1)
    story: list[object] = [Paragraph(MARK_LINE, st["mark"]), Paragraph(escape(sheet.title), st["title"])]
    one = sheet.sections["一"]
    story.append(Paragraph(escape(one[0]), st["body"]))
    story.append(Paragraph(sheet.headings["一"], st["heading"]))
    story += [Paragraph(escape(p), st["body"]) for p in one[1:]]
    repeat = rng.random() < 0.5
    ruled = not sheet.three_line
    for key, layout in (("二", table2_layout(sheet)), ("三", table3_layout(sheet)), ("四", table4_layout(sheet))):
        story.append(Paragraph(escape(sheet.headings[key]), st["heading"]))
        if key == "三" and rng.random() < 0.3:
            story.append(Spacer(1, rng.randint(80, 300)))  # pushes table 三 over a page break
        story.append(_table(layout, repeat, ruled))
    for key in ("五", "六"):
        story.append(Paragraph(escape(sheet.headings[key]), st["heading"]))
        story += [Paragraph(escape(p), st["body"]) for p in sheet.sections[key]]
    story += [Spacer(1, 12), Paragraph(escape(sheet.agency.name), st["sign"]),
              Paragraph(sheet.published_cn, st["sign"])]
    doc.build(story)
    return buf.getvalue()
