"""DOCX reports written with python-docx: paragraphs, and the three tables with merged cells.

Word files carry dates and zip timestamps; both are fixed here so that a seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from xxgk.demo.layout import Layout, table2_layout, table3_layout, table4_layout
from xxgk.demo.sheet import MARK_LINE, Sheet

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _font(run, name: str, size: float) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _tc(text: str, cs: int, vmerge: str | None) -> str:
    props = (f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else "") + (
        f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    run = (f'<w:r><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体"/><w:sz w:val="18"/></w:rPr>'
           f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>') if text else ""
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run}</w:p></w:tc>'


def _table(doc, layout: Layout) -> None:  # type: ignore[no-untyped-def]
    """The layout as a Word table: gridSpan for merged columns, vMerge restart/continue for merged rows."""
    # python-docx's cell merging rescans the table on every call; writing the XML directly is 100x faster.
    below: dict[tuple[int, int], int] = {}  # (row, col) -> colspan of the vertically merged cell above
    trs = []
    for r, row in enumerate(layout.rows):
        starts = {c.col: c for c in row}
        tcs, col = [], 0
        while col < layout.width:
            if col in starts:
                c = starts[col]
                tcs.append(_tc(c.text, c.cs, "restart" if c.rs > 1 else None))
                for dr in range(1, c.rs):
                    below[(r + dr, col)] = c.cs
                col += c.cs
            elif (r, col) in below:
                cs = below[(r, col)]
                tcs.append(_tc("", cs, "continue"))
                col += cs
            else:
                tcs.append(_tc("", 1, None))
                col += 1
        trs.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{9000 // layout.width}"/>' for _ in range(layout.width))
    xml = (f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{_BORDERS}'
           f'</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(trs)}</w:tbl>')
    anchor = doc.add_paragraph()
    anchor._p.addprevious(parse_xml(xml))


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with every member's timestamp fixed and members in a fixed order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def sheet_to_docx(sheet: Sheet) -> bytes:
    """The report as a Word document."""
    rng = random.Random(sheet.style)
    doc = Document()
    props = doc.core_properties
    props.title = f"{MARK_LINE}{sheet.title}"
    props.author = "示例数据"
    props.last_modified_by = "示例数据"
    props.created = props.modified = props.last_printed = _EPOCH
    props.revision = 1
    body_font = rng.choice(("仿宋_GB2312", "仿宋", "宋体"))
    par = doc.add_paragraph()
    _font(par.add_run(MARK_LINE), "黑体", 12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(sheet.title), "方正小标宋简体", 18)

    def para(text: str) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(text), body_font, 16)

    def heading(text: str) -> None:
        _font(doc.add_paragraph().add_run(text), "黑体", 16)

    one = sheet.sections["一"]
    para(one[0])
    heading(sheet.headings["一"])
    for p in one[1:]:
        para(p)
    for key, layout in (("二", table2_layout(sheet)), ("三", table3_layout(sheet)), ("四", table4_layout(sheet))):
        heading(sheet.headings[key])
        _table(doc, layout)
    for key in ("五", "六"):
        heading(sheet.headings[key])
        for p in sheet.sections[key]:
            para(p)
    for text in (sheet.agency.name, sheet.published_cn):
        signature = doc.add_paragraph()
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(signature.add_run(text), body_font, 16)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())
