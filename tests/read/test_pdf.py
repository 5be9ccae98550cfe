"""PDF reader on real reports: table grids reproduce every printed cell of the truth files."""

from __future__ import annotations

import pytest

from tests.read.gridtruth import REAL, load_truth, table3_mismatches, table4_row
from xxgk.document import Table
from xxgk.read import read_path


@pytest.fixture(scope="module", params=["002", "003", "004"])
def real_pdf(request):
    _, doc = read_path(REAL / f"{request.param}.pdf")
    return request.param, doc


def test_table3_rows_match_truth(real_pdf):
    name, doc = real_pdf
    assert table3_mismatches(doc, load_truth(name)) == []


def test_table4_matches_truth(real_pdf):
    name, doc = real_pdf
    assert table4_row(doc) == load_truth(name)["table4"]


def test_table3_is_one_table_across_the_page_break(real_pdf):
    name, doc = real_pdf
    t3 = [t for t in doc.tables if any("结转下年度" in c.text for r in t.rows for c in r)]
    assert len(t3) == 1
    pages = {c.page for r in t3[0].rows for c in r}
    assert len(pages) == 2  # printed over two pages, read as one grid
    # the vertical group label, one character per line in the PDF, is one string
    assert any(c.text == "三、本年度办理结果" for r in t3[0].rows for c in r)


def test_group_label_broken_over_the_page_is_joined():
    _, doc = read_path(REAL / "002.pdf")
    t3 = next(t for t in doc.tables if len(t.rows) > 20)
    labels = {c.text for r in t3.rows for c in r if not c.is_span_copy}
    assert "（四）无法提供" in labels
    assert "法提供" not in labels
    cell = next(c for r in t3.rows for c in r if c.text == "（四）无法提供" and not c.is_span_copy)
    copies = [c for r in t3.rows for c in r if c.origin == (cell.row, cell.col) and c.is_span_copy]
    assert {c.page for c in copies} == {5}  # the span continues on the next page


def test_span_copies_point_at_their_printed_cell(real_pdf):
    _, doc = real_pdf
    for table in doc.tables:
        assert isinstance(table, Table)
        width = len(table.rows[0])
        for r, row in enumerate(table.rows):
            assert len(row) == width
            for c, cell in enumerate(row):
                assert (cell.row, cell.col) == (r, c)
                orow, ocol = cell.origin
                assert table.rows[orow][ocol].text == cell.text


def test_running_text_in_reading_order_with_pages(real_pdf):
    _, doc = real_pdf
    text = doc.text()
    heads = ["一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题", "六、其他需要报告的事项"]
    positions = [text.find(h) for h in heads]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert doc.lines[0].page == 1 and doc.lines[-1].page == doc.pages
    assert not any(line.text.strip(" -") .isdigit() for line in doc.lines)  # page numbers dropped
