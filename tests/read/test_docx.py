"""DOCX reader: merged cells expanded and marked, layout frames opened, quirky files read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

from xxgk.document import Line, Table
from xxgk.read.docx import docx_to_document, table_to_grid

ROUNDTRIP = Path(__file__).resolve().parent.parent / "fixtures" / "roundtrip"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _table3(doc) -> Table:
    return next(t for t in doc.tables if any("结转下年度" in c.text for row in t.rows for c in row))


def test_merged_cells_are_expanded_once_and_marked():
    doc = docx_to_document((ROUNDTRIP / "r2021.docx").read_bytes())
    t3 = _table3(doc)
    assert len(t3.rows) == 28 and all(len(row) == 10 for row in t3.rows)
    group = [c for row in t3.rows for c in row if c.text == "三、本年度办理结果"]
    printed = [c for c in group if not c.is_span_copy]
    assert len(printed) == 1 and len(group) == 22  # vMerge over 22 rows
    assert all(c.origin == (printed[0].row, printed[0].col) for c in group)
    head = [c for c in t3.rows[0] if c.text == "申请人情况"]
    assert len(head) == 7 and sum(not c.is_span_copy for c in head) == 1  # gridSpan 7
    # every number is printed once: no value cell is a copy
    numbers = [c for row in t3.rows for c in row if c.text.isdigit()]
    assert len(numbers) == 25 * 7 and not any(c.is_span_copy for c in numbers)


def test_running_text_and_tables_in_reading_order():
    doc = docx_to_document((ROUNDTRIP / "r2021.docx").read_bytes())
    kinds = ["T" if isinstance(b, Table) else "L" for b in doc.blocks]
    assert kinds.count("T") == 3
    assert doc.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    heading = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Line) and b.text.startswith("三、"))
    assert isinstance(doc.blocks[heading + 1], Table)


def test_tables_inside_a_layout_table_are_read():
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "二、主动公开政府信息情况"
    inner = cell.add_table(rows=2, cols=2)
    for r, texts in enumerate((("信息内容", "本年制发件数"), ("规章", "3"))):
        for c, text in enumerate(texts):
            inner.cell(r, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    doc = docx_to_document(buf.getvalue())
    assert doc.lines[0].text == "二、主动公开政府信息情况"
    assert [t.texts() for t in doc.tables] == [[["信息内容", "本年制发件数"], ["规章", "3"]]]


def test_grid_before_vmerge_and_gridspan_from_raw_xml():
    xml = f"""<w:tbl {NS}>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>组</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
            <w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
            <w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>"""
    grid = table_to_grid(etree.fromstring(xml), 0)
    assert grid.texts() == [["组", "宽", "宽"], ["组", "1", "2"], ["", "3", "4"]]
    assert grid.rows[1][0].origin == (0, 0) and grid.rows[0][2].origin == (0, 1)
    assert grid.rows[2][0].origin == (2, 0)


def test_file_python_docx_refuses_is_read_from_its_xml():
    """Macro-enabled and some WPS-saved files declare a main part python-docx does not accept."""
    src = (ROUNDTRIP / "r2021.docx").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            zout.writestr(info, data)
    try:
        docx.Document(io.BytesIO(buf.getvalue()))
        refused = False
    except ValueError:
        refused = True
    assert refused
    doc = docx_to_document(buf.getvalue())
    reference = docx_to_document(src)
    assert [t.texts() for t in doc.tables] == [t.texts() for t in reference.tables]
    assert doc.text() == reference.text()


def test_text_box_stored_twice_is_read_once():
    """Word keeps a text box in mc:Choice and again in mc:Fallback for older readers."""
    src = (ROUNDTRIP / "r2021.docx").read_bytes()
    box = ('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           "<mc:Choice Requires=\"wps\"><w:t>文本框说明</w:t></mc:Choice>"
           "<mc:Fallback><w:t>文本框说明</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + box.encode(), 1)
            zout.writestr(info, data)
    doc = docx_to_document(buf.getvalue())
    assert doc.lines[0].text == "文本框说明"
