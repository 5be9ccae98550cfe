"""A Brief (plain data) as a Word document (.docx bytes), with Chinese fonts and the synthetic label.

Body text is set in 宋体 (w:eastAsia) and headings in 黑体, as official documents are; Word substitutes a
matching CJK font where they are not installed (Noto Serif/Sans CJK on Linux).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from xxgk.brief.model import Brief, Figure, Para, Section, Table
from xxgk.report import SYNTHETIC_MARK

SERIF, SANS, LATIN = "宋体", "黑体", "Times New Roman"
RED = RGBColor(0xB2, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)
IMAGE_WIDTH = Cm(15.5)


def to_docx(brief: Brief, appendix: list[Section]) -> bytes:
    doc = Document()
    _styles(doc)
    _page(doc, brief)
    _title(doc, brief)
    for sec in [*brief.sections, *appendix]:
        if sec.title:
            doc.add_heading(sec.title, level=1)
        for block in sec.blocks:
            if isinstance(block, Para):
                _para(doc, block)
            elif isinstance(block, Table):
                _table(doc, block)
            elif isinstance(block, Figure):
                _figure(doc, block)
    doc.core_properties.title = brief.title
    doc.core_properties.subject = SYNTHETIC_MARK if brief.synthetic else "政府信息公开工作年度报告统计简报"
    doc.core_properties.author = "xxgk 政府信息公开年报看板"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _font(style_or_run, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)


def _styles(doc) -> None:
    _font(doc.styles["Normal"], SERIF, 11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13)):
        _font(doc.styles[name], SANS, size, bold=True)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    _font(doc.styles["Caption"], SANS, 10, bold=True)
    doc.styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)


def _page(doc, brief: Brief) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.6)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.3)
    head = sec.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(f"{SYNTHETIC_MARK} · 仅用于演示" if brief.synthetic else "政府信息公开工作年度报告统计简报")
    _font(run, SANS, 9, bold=brief.synthetic)
    if brief.synthetic:
        run.font.color.rgb = RED
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(foot.add_run("第 "), SERIF, 9)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    foot._p.append(field)
    _font(foot.add_run(" 页"), SERIF, 9)


def _title(doc, brief: Brief) -> None:
    if brief.synthetic:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(f"【{SYNTHETIC_MARK}】")
        _font(run, SANS, 16, bold=True)
        run.font.color.rgb = RED
    t = doc.add_paragraph(style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(t.add_run(brief.title), SANS, 20, bold=True)
    d = doc.add_paragraph()
    d.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(d.add_run(brief.issued), SERIF, 11)
    p = doc.add_paragraph()
    _font(p.add_run("所选范围：" + "；".join(brief.selection)), SERIF, 10)
    p.runs[0].font.color.rgb = GREY


def _para(doc, para: Para) -> None:
    p = doc.add_paragraph()
    run = p.add_run(para.text)
    if para.kind == "warning":
        _font(run, SANS, 12, bold=True)
        run.font.color.rgb = RED
    elif para.kind == "note":
        _font(run, SERIF, 9.5)
    elif para.kind == "lead":
        p.paragraph_format.first_line_indent = Pt(22)
        _font(run, SERIF, 11.5)
    else:
        p.paragraph_format.first_line_indent = Pt(22)


def _table(doc, table: Table) -> None:
    """A grid table, header repeated on each page; written as one piece of XML (python-docx's add_row
    slows down with every row it adds)."""
    if table.caption:
        doc.add_paragraph(table.caption, style="Caption")
    t = doc.add_table(rows=0, cols=len(table.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [_row(table.header, header=True)]
    rows += [_row(r) for r in table.rows] or [_row(["无"], span=len(table.header))]
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>"):
        t._tbl.append(tr)
    if table.note:
        p = doc.add_paragraph()
        _font(p.add_run(table.note), SERIF, 9)


def _row(texts: list[str], *, header: bool = False, span: int = 1) -> str:
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    rpr = (f'<w:rPr><w:rFonts w:eastAsia="{SANS}"/><w:b/><w:sz w:val="18"/></w:rPr>' if header
           else '<w:rPr><w:sz w:val="18"/></w:rPr>')
    tcpr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    cells = "".join(f'<w:tc>{tcpr}<w:p><w:r>{rpr}<w:t xml:space="preserve">{escape(str(x))}</w:t></w:r></w:p></w:tc>'
                    for x in texts)
    return f"<w:tr>{trpr}{cells}</w:tr>"


def _figure(doc, fig: Figure) -> None:
    doc.add_paragraph(fig.title, style="Caption")
    if fig.image:
        doc.add_picture(io.BytesIO(fig.image), width=IMAGE_WIDTH)
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p = doc.add_paragraph()
        run = p.add_run(f"〔图未生成〕{fig.problem}")
        _font(run, SERIF, 10)
        run.font.color.rgb = RED
    if fig.caption:
        p = doc.add_paragraph()
        _font(p.add_run(fig.caption), SERIF, 9)
