"""The HTML reader: encodings, page chrome, layout tables, merged cells expanded into a grid."""

from __future__ import annotations

import pytest

from xxgk.document import Table
from xxgk.errors import UnreadableFile
from xxgk.read.html import MAX_DEPTH, decode_html, html_to_document

PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>示范市东湖区人民政府门户网站</title><style>td {mso-border-alt: solid}</style>
<script>document.write('<table><tr><td>9</td></tr></table>')</script></head>
<body><div class="nav"><a>首页</a> &gt; <a>政务公开</a></div>
<table class="layout"><tr><td class="left">栏目</td><td class="main">
<p class=MsoNormal><span style='font-family:仿宋'>示范市东湖区人民政府2021年政府信息公开工作年度报告</span><o:p></o:p></p>
<p>一、总体情况<br>全年主动公开政府信息10条。</p>
<table border=1>
<tr><td rowspan=2 colspan=2>（本列数据的勾稽关系为：…）</td><td colspan=2>申请人情况</td></tr>
<tr><td>自<br>然<br>人</td><td>总计</td></tr>
<tr><td colspan=2>一、本年新收政府信息公开申请数量</td><td>１２</td><td>&nbsp;</td></tr>
<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td><p><span>3</span></p></td><td><o:p> </o:p></td></tr>
<tr><td>（二）部分公开</td><td>0</td><td>0</td></tr>
</table>
<p>五、存在的主要问题及改进情况</p>
</td></tr></table>
<div class="footer">版权所有</div></body></html>"""


def test_gbk_page_is_decoded_from_its_meta_charset():
    data = PAGE.encode("gbk")
    assert decode_html(data) == PAGE


def test_gbk_page_without_charset_falls_back_to_gb18030():
    data = PAGE.replace("charset=gb2312", "").encode("gb18030")
    assert "示范市东湖区" in decode_html(data)


def test_utf8_bom_wins_over_a_wrong_meta_charset():
    data = b"\xef\xbb\xbf" + PAGE.encode("utf-8")
    assert decode_html(data) == PAGE


def test_blocks_in_reading_order_with_layout_tables_walked_through():
    doc = html_to_document(PAGE.encode("gbk"))
    assert doc.format == "html" and doc.title == "示范市东湖区人民政府门户网站"
    tables = doc.tables
    assert len(tables) == 1  # the layout table is not a data table; the script's table is not read
    texts = [b.text if not isinstance(b, Table) else "<table>" for b in doc.blocks]
    assert texts.index("示范市东湖区人民政府2021年政府信息公开工作年度报告") < texts.index("<table>")
    assert texts.index("<table>") < texts.index("五、存在的主要问题及改进情况")
    assert "全年主动公开政府信息10条。" in texts and "一、总体情况" in texts
    assert not any("mso-border" in t or "document.write" in t for t in texts)


def test_rowspan_colspan_expand_into_a_rectangular_grid():
    grid = html_to_document(PAGE.encode("utf-8")).tables[0]
    assert {len(row) for row in grid.rows} == {4}
    assert grid.texts()[0] == ["（本列数据的勾稽关系为：…）"] * 2 + ["申请人情况"] * 2
    assert grid.texts()[1][2:] == ["自然人", "总计"]  # one character per line joins up
    copy = grid.rows[1][0]
    assert copy.is_span_copy and copy.origin == (0, 0)
    assert not grid.rows[0][0].is_span_copy
    row = grid.texts()[2]
    assert row == ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "１２", ""]
    assert grid.texts()[4][0] == "三、本年度办理结果" and grid.rows[4][0].origin == (3, 0)
    assert grid.texts()[3][3] == ""  # <o:p> </o:p> and &nbsp; are blank


def test_ragged_rows_are_padded():
    doc = html_to_document(b"<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>")
    grid = doc.tables[0]
    assert grid.texts() == [["a", "b", "c"], ["d", "", ""]]


def test_deep_nesting_and_huge_spans_do_not_break_the_reader():
    html = ("<html><body>" + "<ul><li>" * 3000 + "正文" + "</li></ul>" * 3000
            + "<table>" + ("<tr>" + "<td colspan=200>x</td>" * 60 + "</tr>") * 20 + "</table></body></html>")
    doc = html_to_document(html.encode())
    assert doc.lines[0].text == "正文"
    assert doc.tables == []  # a grid of 240,000 cells is read as text instead


def test_cell_texts_collapse_their_own_whitespace_only():
    """Cell texts are collapsed in one pass over the table: a run of spaces at the end of one cell and the start of
    the next stays two cells' business, &nbsp;, full-width spaces and line breaks inside a cell become one space."""
    page = ("<table><tr><td> 行政 \n 许可 </td><td>\u3000 12\u00a0</td><td>&nbsp;</td>"
            "<td><p>规章</p><p> 3 </p></td></tr></table>").encode()
    grid = html_to_document(page).tables[0]
    assert grid.texts() == [["行政 许可", "12", "", "规章 3"]]


def test_a_page_nested_deeper_than_any_report_is_refused_before_parsing():
    """Parsing time grows with the square of the nesting depth: a page nested deeper than MAX_DEPTH is refused
    with a message a person can act on; many tags side by side, or nesting below the limit, are read."""
    deep = "<html><body>" + "<div>" * (MAX_DEPTH + 200) + "正文" + "</div>" * (MAX_DEPTH + 200) + "</body></html>"
    with pytest.raises(UnreadableFile) as err:
        html_to_document(deep.encode())
    assert err.value.code == "unreadable" and f"嵌套超过 {MAX_DEPTH} 层" in err.value.message
    unclosed = "<html><body>" + "<span>" * (MAX_DEPTH + 200) + "正文</body></html>"  # never closed: still nested
    with pytest.raises(UnreadableFile):
        html_to_document(unclosed.encode())
    wide = "<html><body>" + "<div>行</div>" * (MAX_DEPTH * 3) + "</body></html>"
    assert len(html_to_document(wide.encode()).lines) == MAX_DEPTH * 3
    below = "<html><body>" + "<div>" * (MAX_DEPTH - 100) + "正文" + "</div>" * (MAX_DEPTH - 100) + "</body></html>"
    assert html_to_document(below.encode()).lines[0].text == "正文"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "big5", "utf-16"])
def test_nesting_is_refused_in_any_encoding(encoding):
    """The nesting check works on the decoded text: deep pages are refused and wide ones read whatever the page's
    encoding, a non-ASCII space after a tag's name included."""
    meta = f'<meta charset="{encoding}">' if encoding != "utf-16" else ""
    deep = f"<html><head>{meta}</head><body>" + "<div>" * (MAX_DEPTH + 5) + "正文" + "</div>" * (MAX_DEPTH + 5)
    with pytest.raises(UnreadableFile) as err:
        html_to_document(deep.encode(encoding))
    assert err.value.code == "unreadable"
    spaced = f"<html><head>{meta}</head><body>" + "<div\u3000>" * (MAX_DEPTH + 5) + "正文"
    if encoding != "big5":  # no ideographic space in Big5
        with pytest.raises(UnreadableFile):
            html_to_document(spaced.encode(encoding))
    wide = f"<html><head>{meta}</head><body>" + "<div>行</div>" * (MAX_DEPTH * 2) + "</body></html>"
    assert len(html_to_document(wide.encode(encoding)).lines) == MAX_DEPTH * 2
