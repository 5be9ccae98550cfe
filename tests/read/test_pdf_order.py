"""PDF text drawn out of reading order: every number of a row drawn before its label (as some
exporters write them). The reader goes by position on the page, not by the order in the file."""

from __future__ import annotations

import io

import pytest

from tests.read.gridtruth import load_truth, squash
from xxgk.read import bytes_to_document

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _pdf(rows: list[tuple[str, list[int]]], ruled: bool) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(842, 595), invariant=1)
    c.setFont("WQY", 9)
    left, label_w, col_w, row_h, top = 30, 380, 60, 20, 560
    for r, (_, values) in enumerate(rows):  # all the numbers first ...
        for k, v in enumerate(values):
            c.drawRightString(left + label_w + (k + 1) * col_w - 4, top - (r + 1) * row_h + 6, str(v))
    for r, (label, _) in enumerate(rows):  # ... then the labels
        c.drawString(left + 4, top - (r + 1) * row_h + 6, label)
    if ruled:
        width = label_w + 7 * col_w
        for r in range(len(rows) + 1):
            c.line(left, top - r * row_h, left + width, top - r * row_h)
        for x in [0, label_w] + [label_w + k * col_w for k in range(1, 8)]:
            c.line(left + x, top, left + x, top - len(rows) * row_h)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("ruled", [True, False])
def test_labels_drawn_after_their_numbers_come_first(ruled):
    truth = load_truth("002")["table3"]
    rows = [(key.split("/")[-1], values) for key, values in truth.items()][:20]
    doc = bytes_to_document(_pdf(rows, ruled), "t.pdf")
    if ruled:
        grid = [[c.text for c in row] for t in doc.tables for row in t.rows]
        got = [(row[0], [int(x) for x in row[1:]]) for row in grid]
    else:
        got = []
        for line in doc.lines:
            parts = line.text.split()
            got.append((" ".join(parts[:-7]), [int(x) for x in parts[-7:]]))
    assert [(squash(label), values) for label, values in got] == [(squash(label), values) for label, values in rows]


def test_text_drawn_twice_for_bold_is_read_once():
    """WPS and Word fake bold by drawing each character twice, a fraction of a point apart."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("WQY", 10)
    cells = ["一、本年新收政府信息公开申请数量", "3001", "53", "0", "0", "61", "4", "3119"]
    xs = [40, 250, 290, 330, 370, 410, 450, 490, 540]
    for dx in (0, 0.3):
        for text, x in zip(cells, xs, strict=False):
            c.drawString(x + 3 + dx, 703, text)
    for y in (700, 720):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, 700, x, 720)
    c.drawString(40, 760, "某机关2024年政府信息公开工作年度报告")
    c.showPage()
    c.save()
    doc = bytes_to_document(buf.getvalue(), "bold.pdf")
    assert doc.tables[0].texts() == [cells]


def test_diagonal_watermark_stays_out_of_the_cells():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("WQY", 10)
    rows = [["一、本年新收政府信息公开申请数量", "3001", "53", "3054"], ["二、上年结转政府信息公开申请数量", "34", "0", "34"]]
    xs = [40, 250, 330, 410, 490]
    for r, cells in enumerate(rows):
        for text, x in zip(cells, xs, strict=False):
            c.drawString(x + 3, 703 - r * 20, text)
    for y in (680, 700, 720):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, 680, x, 720)
    c.drawString(40, 760, "某机关2024年政府信息公开工作年度报告")
    c.saveState()
    c.translate(150, 640)
    c.rotate(30)
    c.setFont("WQY", 40)
    c.drawString(0, 0, "内部资料 注意保存")  # runs across the table
    c.restoreState()
    c.showPage()
    c.save()
    doc = bytes_to_document(buf.getvalue(), "watermark.pdf")
    assert doc.tables[0].texts() == rows
