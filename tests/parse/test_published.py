"""The publication date: the date line first, the file's metadata next, else unknown; on real files and texts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from xxgk.document import Document, Line
from xxgk.parse.published import document_to_metadata_date, document_to_published, text_to_date_line
from xxgk.pipeline import parse_bytes, parse_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# 002–004: no date line, the PDF's CreationDate; 005: the crawler's 发布时间 header; 104: its signature.
REAL = {
    "real/002.pdf": {"date": "2025-02-25", "source": "metadata"},
    "real/003.pdf": {"date": "2024-02-26", "source": "metadata"},
    "real/004.pdf": {"date": "2025-02-25", "source": "metadata"},
    "real/005.txt": {"date": "2020-01-20", "source": "metadata"},
    "real/104.html": {"date": "2024-01-17", "source": "text"},
    "seed/000_63545407972970c8.txt": None,
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_reports_published(name):
    report = parse_path(FIXTURES / name)
    assert report.published == REAL[name]
    assert report.to_json()["published"] == REAL[name]


SIGNED = "一、总体情况\n……\n六、其他需要报告的事项\n无。\n{sign}\n"


@pytest.mark.parametrize(("sign", "date"), [
    ("示例县教育局\n2024年1月20日", "2024-01-20"),
    ("示例县教育局\n二〇二四年一月二十日", "2024-01-20"),
    ("示例县教育局 2024 年 2 月 3 日", "2024-02-03"),
    ("示例县教育局\n二○二五年三月三十一日", "2025-03-31"),
])
def test_date_line_forms(sign, date):
    assert text_to_date_line(SIGNED.format(sign=sign), 2023).isoformat() == date


@pytest.mark.parametrize("sign", [
    "统计期限自2023年1月1日至2023年12月31日",  # not a date line: more than a name before the date
    "发布时间：2024年1月20日",
    "2025年12月30日 星期二",
    "示例县教育局\n2023年6月1日",  # inside the reported year: not a publication date
    "示例县教育局\n2030年1月20日",  # long after: not this report's publication
    "示例县教育局\n2024年2月30日",  # no such day
])
def test_not_date_lines(sign):
    assert text_to_date_line(SIGNED.format(sign=sign), 2023) is None


def test_text_wins_over_metadata_and_metadata_over_nothing():
    doc = Document(blocks=[Line("发布日期：2024-03-05")], format="html", meta={"published": "2024-03-09"})
    text = SIGNED.format(sign="2024年1月20日")
    assert document_to_published(doc, text, 2023) == {"date": "2024-01-20", "source": "text"}
    assert document_to_published(doc, "无落款", 2023) == {"date": "2024-03-05", "source": "metadata"}
    bare = Document(blocks=[Line("正文")], format="html", meta={"published": "2024-03-09T10:00:00+08:00"})
    assert document_to_metadata_date(bare, 2023).isoformat() == "2024-03-09"
    assert document_to_published(Document(blocks=[Line("正文")], format="txt"), "无落款", 2023) is None


def test_html_meta_tag_is_read():
    page = ("<html><head><title>示例县教育局2023年政府信息公开工作年度报告</title>"
            '<meta name="PubDate" content="2024-01-26 09:30"></head><body>'
            "<p>示例县教育局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年收到申请3件。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p></body></html>").encode()
    report = parse_bytes(page, "page.html")
    assert report.published == {"date": "2024-01-26", "source": "metadata"}


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<meta name="PubDate" content="2024-01-26">', '<meta name="PubDate" content="2024-03-01">', "2024-01-26"),
    ('<meta name="keywords" content="年报">', '<meta name="publishdate" content="2024-03-01">', "2024-03-01"),
    ("", '<META property="article:published_time" content="2024-03-02">', "2024-03-02"),
    ('<meta name="PubDate" content="">', '<meta name="PubDate" content="2024-03-03">', "2024-03-03"),
    ('<meta name="author" content="某局">', "", None),
])
def test_html_meta_tag_first_in_the_page_wins(head, body, expected):
    """The head is searched first (quicker), but a meta tag a sloppy page prints in its body still counts, and the
    first that gives a date, in page order, is the page's."""
    from selectolax.lexbor import LexborHTMLParser

    from xxgk.read.html import _published_meta

    tree = LexborHTMLParser(f"<html><head><title>t</title>{head}</head><body><table><tr><td>1</td></tr></table>"
                            f"<p>正文</p>{body}</body></html>")
    assert _published_meta(tree) == expected


def test_docx_created_is_read():
    import datetime as dt

    import docx

    d = docx.Document()
    for text in ("示例县教育局2023年政府信息公开工作年度报告", "一、总体情况", "全年收到申请3件。",
                 "六、其他需要报告的事项", "无。"):
        d.add_paragraph(text)
    d.core_properties.created = dt.datetime(2024, 2, 2, 8, 0)
    buf = io.BytesIO()
    d.save(buf)
    report = parse_bytes(buf.getvalue(), "r.docx")
    assert report.published == {"date": "2024-02-02", "source": "metadata"}


def test_date_line_broken_over_lines_by_a_pdf():
    assert text_to_date_line(SIGNED.format(sign="示例县财政局\n2023年1\n月23\n日"), 2022).isoformat() == "2023-01-23"


def test_page_metadata_table_is_read():
    page = ("<html><head><title>示例县教育局2023年政府信息公开工作年度报告</title></head><body>"
            "<table><tr><th>索引号</th><td>001/2024-00001</td><th>发布机构</th><td>示例县教育局</td></tr>"
            "<tr><th>名称</th><td>示例县教育局2023年政府信息公开工作年度报告</td><th>发布日期</th><td>2024-02-06</td></tr>"
            "</table><p>示例县教育局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年收到申请3件。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p></body></html>").encode()
    assert parse_bytes(page, "page.html").published == {"date": "2024-02-06", "source": "metadata"}


def test_the_date_line_is_read_after_the_last_heading_six_only():
    text = ("六、其他需要报告的事项\n无。\n某局\n2023年1月20日\n"  # an earlier copy of the section (a quoted template)
            "　六 、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n某局\n")
    assert text_to_date_line(text, 2022) is None  # the date above the last heading 六 is not its date line
    assert str(text_to_date_line(text + "\u30002023年2月1日\n", 2022)) == "2023-02-01"
    assert str(text_to_date_line("一、总体情况\n某局\n2023年2月1日", 2022)) == "2023-02-01"  # no 六: the last lines
