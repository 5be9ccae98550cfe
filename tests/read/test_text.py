"""The text reader detects the encoding (never assumes it) and keeps every line, blank ones included."""

from __future__ import annotations

import codecs

import pytest

from xxgk.errors import UnreadableFile
from xxgk.read.text import decode_text, txt_to_document

TEXT = "示范市东湖区司法局2020年政府信息公开工作年度报告\n\n\t一、本年新收政府信息公开申请数量\n\t０\n\t00\n"


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gb18030")),
    ("gb18030", TEXT.encode("gbk")),
    ("utf-16-le", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16-be", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-16-le", TEXT.encode("utf-16-le")),  # no BOM
    ("utf-16-be", TEXT.encode("utf-16-be")),  # no BOM
])
def test_encodings_are_detected(encoding, data):
    text, used = decode_text(data)
    assert text == TEXT
    assert used == encoding


def test_lines_are_kept_in_order_with_blank_and_tab_only_lines():
    doc = txt_to_document(("a\r\n\r\n\t\r\nb").encode("gb18030"))
    assert [line.text for line in doc.lines] == ["a", "", "\t", "b"]
    assert doc.format == "txt" and doc.meta["encoding"] == "utf-8"


def test_binary_data_is_refused_with_a_clear_code():
    with pytest.raises(UnreadableFile) as e:
        txt_to_document(bytes(range(256)) * 20)
    assert e.value.code == "undecodable"


def test_whitespace_only_file_is_empty():
    with pytest.raises(UnreadableFile) as e:
        txt_to_document(b" \r\n\t\r\n")
    assert e.value.code == "empty"


def test_a_few_broken_bytes_do_not_make_a_report_unreadable():
    data = TEXT.encode("gb18030") * 20 + b"\xff" + TEXT.encode("gb18030")
    text, used = decode_text(data)
    assert used == "gb18030" and text.count("\ufffd") == 1
    assert TEXT in text


def test_line_texts_and_joined_follow_the_blocks():
    """The lines' texts and their joined text are listed once and listed again when blocks are added (as the readers
    add them), the tables left out."""
    from xxgk.document import Cell, Document, Line, Table

    doc = txt_to_document("一、总体情况\n\t0\n\n二、主动公开".encode())
    assert doc.line_texts == ["一、总体情况", "\t0", "", "二、主动公开"]
    assert doc.joined == "一、总体情况\n\t0\n\n二、主动公开"
    assert doc.line_texts is doc.line_texts  # listed once
    doc.blocks.append(Table(rows=[[Cell("规章", 0, 0)]]))
    doc.blocks.append(Line("六、其他需要报告的事项"))
    assert doc.line_texts == ["一、总体情况", "\t0", "", "二、主动公开", "六、其他需要报告的事项"]
    assert doc.joined.endswith("二、主动公开\n六、其他需要报告的事项")
    assert Document(blocks=[], format="txt").joined == ""
