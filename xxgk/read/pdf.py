"""PDF reports: ruled tables as cell grids (pdfplumber), running text as Lines, scans read by OCR.

pypdfium2 opens the file first: it is fast, tells encrypted and broken files apart, counts the
characters of each page (no characters on any page = a scan) and reads pages without any drawn
lines, where plain text is all there is. Pages with ruling go through pdfplumber, whose tables are
rebuilt here as grids with merged cells expanded. Tables continued on the next page are joined
into one (see xxgk.read.pdfgrid). Tables without cell borders (三线表) come out as text lines, their
rows written as tab-separated cells placed by x position, blank cells empty (xxgk.read.pdfcolumns).
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from typing import Any

from xxgk.document import Block, Document, Line, join_lines
from xxgk.errors import UnreadableFile
from xxgk.read.ocr import scanned_to_document
from xxgk.read.pdfcolumns import Columns, place_cells
from xxgk.read.pdfgrid import ProtoTable, finish_tables, grid_from_plumber
from xxgk.read.pdfwords import TextLine, line_words

MAX_PAGES = 300
MAX_PATHS = 5000  # drawn objects on one page; a ruled table 三 has a few hundred, a detailed map far more
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|"
                          r"\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$")
_NUMBERS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_PATH, _IMAGE = 2, 3  # pdfium page-object types


def _open_pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        text = str(e).lower()
        if "password" in text or "security" in text:
            raise UnreadableFile("PDF 已加密，需要密码才能打开：请向发布机关索取未加密的版本，或解除密码后再导入。",
                                 code="encrypted") from None
        raise UnreadableFile(f"PDF 文件已损坏，无法打开（{e}）：请重新下载原文件。", code="broken_pdf") from None


MAX_STREAM_MB = 64  # one decompressed PDF stream; a report's page content is a few hundred KB
MAX_INFLATED_MB = 1024  # all streams together (photos included)
_STREAM = re.compile(rb"stream\r?\n")


def _check_streams(data: bytes) -> None:
    """Refuse a decompression bomb: a Flate stream that inflates past MAX_STREAM_MB.

    Inflated piece by piece and thrown away, so the check itself holds little memory; pdfium would
    otherwise inflate the whole stream at once when the page is opened.
    """
    limit = MAX_STREAM_MB * 1024 * 1024
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 512):m.start()]
        dict_start = head.rfind(b"<<")
        if dict_start < 0 or b"FlateDecode" not in head[dict_start:] and b"/Fl " not in head[dict_start:]:
            continue
        end = data.find(b"endstream", m.end())
        body = data[m.end():end if end > 0 else len(data)]
        inflater = zlib.decompressobj()
        size = 0
        try:
            for i in range(0, len(body), 65536):
                chunk = inflater.decompress(body[i:i + 65536], 1 << 20)
                size += len(chunk)
                while inflater.unconsumed_tail and size <= limit:
                    chunk = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                    size += len(chunk)
                if size > limit or total + size > MAX_INFLATED_MB * 1024 * 1024:
                    raise UnreadableFile(
                        f"PDF 里有一个数据流解压后超过 {MAX_STREAM_MB} MB，不像一份正常的年度报告（可能是压缩炸弹），"
                        "已拒绝读取：请检查文件来源，或向发布机关索取正常导出的 PDF。", code="zip_bomb")
        except zlib.error:
            pass  # a damaged stream: pdfium reports it, or skips it
        total += size


def _check_complete(data: bytes) -> None:
    """A PDF cut short (an interrupted download) lacks its end-of-file marker."""
    if b"%%EOF" not in data[-65536:]:
        raise UnreadableFile("PDF 文件不完整（缺少文件结尾，可能下载中断或被截断）：请重新下载原文件。",
                             code="broken_pdf")


def _page_survey(pdf: Any) -> list[tuple[int, int, int, str]]:
    """Per page: (non-blank characters, drawn path objects, images, raw text)."""
    out = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        paths = images = 0
        for obj in page.get_objects(max_depth=1):
            if obj.type == _PATH:
                paths += 1
            elif obj.type == _IMAGE:
                images += 1
        chars = len(re.sub(r"\s", "", text))
        out.append((chars, paths, images, text))
        textpage.close()
        page.close()
    return out


def _garbled(text: str) -> bool:
    """A text layer that is glyph numbers, not text (fonts without ToUnicode): in a Chinese report,
    almost no CJK characters and many controls, U+FFFD, private-use or accented Latin ones."""
    chars = [ch for ch in text if not ch.isspace()]
    if len(chars) < 50:
        return False
    cjk = sum(1 for ch in chars if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    weird = sum(1 for ch in chars if ord(ch) < 32 or ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF
                or 0x80 <= ord(ch) <= 0x24F)
    return cjk < 0.1 * len(chars) and weird > 0.3 * len(chars)


def _numeric_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if len(_NUMBERS.findall(line)) >= 3)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def _text_page_lines(text: str, page_no: int) -> list[Line]:
    """A page without ruling: pdfium's text, one Line per printed line, page numbers dropped."""
    lines = [t.strip() for t in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [t for t in lines if t]
    for idx in (0, -1):
        if lines and _is_page_number(lines[idx]):
            lines.pop(idx)
    return [Line(t, page=page_no) for t in lines]


@dataclass(slots=True)
class _Carry:
    """The columns of the last borderless table read, and its page: a table continued on the next
    page without its header is placed in them."""

    columns: Columns | None = None
    page: int = 0


def _diagonal(char: dict[str, Any]) -> bool:
    """A character drawn at a slant (neither upright nor turned a quarter)."""
    a, b, c, d = char.get("matrix", (1, 0, 0, 1, 0, 0))[:4]
    axis = (abs(b) < 1e-3 and abs(c) < 1e-3) or (abs(a) < 1e-3 and abs(d) < 1e-3)
    return not axis


def _plumber_page(page: Any, page_no: int, carry: _Carry | None = None) -> list[tuple[float, Block | ProtoTable]]:
    """One page through pdfplumber: ruled tables as grids, the text around them as Lines, by height.

    `carry` holds the columns of the last borderless table of the previous page, and takes this page's."""
    # Bold faked by drawing each character twice, a hair apart (WPS and Word do it): read it once,
    # or "3001" becomes "33000011".
    page = page.dedupe_chars(tolerance=1)
    # A diagonal watermark ("内部资料", an agency seal's text) must not run into table cells; text
    # turned a quarter (vertical labels) is kept.
    if any(_diagonal(c) for c in page.chars):
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not _diagonal(obj))
    items: list[tuple[float, float, Block | ProtoTable]] = []  # (top, bottom, block)
    found = [t for t in page.find_tables() if len(t.cells) >= 2]
    boxes = []
    for t in found:
        proto, prose = grid_from_plumber(t, page_no)
        for top, bottom, text in prose:
            items.append((top, bottom, Line(text, page=page_no)))
        if proto is not None:
            items.append((proto.top, t.bbox[3], proto))
        boxes.append(t.bbox)
    outside = page
    if boxes:
        def keep(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char":
                return True
            cx = (obj["x0"] + obj["x1"]) / 2
            cy = (obj["top"] + obj["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
        outside = page.filter(keep)
    height = float(page.height)
    lines: list[list[Any]] = []  # [top, bottom, text, font size, cells placed (tab-separated)]
    chars: list[list[dict[str, Any]]] = []
    for line in outside.extract_text_lines(strip=True, return_chars=True):
        text = line["text"].strip()
        if not text:
            continue
        at_edge = line["top"] < height * 0.1 or line["bottom"] > height * 0.9
        if at_edge and _is_page_number(text):
            continue
        sizes = sorted(float(c.get("size", 0)) for c in line["chars"])
        lines.append([float(line["top"]), float(line["bottom"]), text, sizes[len(sizes) // 2] if sizes else 0.0,
                      False])
        chars.append(line["chars"])
    # Rows of a table without cell borders: cells placed by x position, tab-separated, blank cells
    # empty (see xxgk.read.pdfcolumns).
    carried = carry.columns if carry is not None and carry.page == page_no - 1 else None
    rules = [float(e["top"]) for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 100]
    placed, last = place_cells([TextLine(ln[0], ln[1], line_words(cs), ln[2]) for ln, cs in zip(lines, chars, strict=True)],
                               carried, rules)
    if carry is not None:
        carry.page, carry.columns = page_no, last
    for k, (label, cells) in placed.items():
        lines[k][2] = "\t".join([label, *cells]) if label else "\t".join(cells)
        lines[k][4] = True
    if page_no == 1:
        _join_title(lines, page)
    tabbed: list[tuple[float, float, Block | ProtoTable, bool]] = [(top, bottom, item, False) for top, bottom, item in items]
    for top, bottom, text, _, is_tabbed in lines:
        tabbed.append((top, bottom, Line(text if is_tabbed else join_lines([text]), page=page_no), is_tabbed))
    tabbed.sort(key=lambda it: it[0])
    # Text overflowing a frame (a full stop past its right edge) sits within the height of the
    # frame's line: put it back on that line. A line of placed cells keeps its tabs (its blank cells).
    merged: list[tuple[float, float, Block | ProtoTable, bool]] = []
    for top, bottom, item, is_tabbed in tabbed:
        prev = merged[-1][2] if merged else None
        if isinstance(item, Line) and isinstance(prev, Line) and top < merged[-1][1] - 2:
            ptop, pbottom, _, prev_tabbed = merged[-1]
            if prev_tabbed or is_tabbed:
                text = prev.text.rstrip(" ") + "\t" + item.text.lstrip(" ")
            else:
                text = join_lines([prev.text, item.text])
            merged[-1] = (ptop, max(pbottom, bottom), Line(text, page=page_no), prev_tabbed or is_tabbed)
        else:
            merged.append((top, bottom, item, is_tabbed))
    return [(top, item) for top, _, item, _ in merged]


def _join_title(lines: list[list[Any]], page: Any) -> None:
    """A title printed large over two or three lines ("XX市人民政府" / "2024 年政府信息公开…") as one line."""
    sizes = sorted(float(c.get("size", 0)) for c in page.chars)
    if len(lines) < 2 or not sizes:
        return
    body = sizes[len(sizes) // 2]
    n = 0
    while n < len(lines) and n < 4 and lines[n][3] >= body * 1.2 and not lines[n][4]:
        n += 1
    if n >= 2:
        lines[0:n] = [[lines[0][0], lines[n - 1][1], join_lines([line[2] for line in lines[:n]]), lines[0][3], False]]


def pdf_to_document(data: bytes) -> Document:
    """A PDF report with a text layer as Lines and Tables in reading order; scans by OCR (xxgk.read.ocr)."""
    if b"%PDF" not in data[:1024]:
        raise UnreadableFile("不是 PDF 文件（缺少 %PDF 文件头）。", code="broken_pdf")
    pdf = _open_pdfium(data)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UnreadableFile("PDF 没有任何页面：请重新下载原文件。", code="broken_pdf")
        if n_pages > MAX_PAGES:
            raise UnreadableFile(f"PDF 有 {n_pages} 页，超过 {MAX_PAGES} 页上限，不像一份年度报告。",
                                 code="too_large")
        _check_complete(data)
        _check_streams(data)
        try:
            survey = _page_survey(pdf)
        except Exception as e:  # pdfium raises its own errors on damaged page trees
            raise UnreadableFile(f"PDF 页面已损坏，无法读取（{e}）：请重新下载原文件。", code="broken_pdf") from None
        meta = _metadata(pdf)
    finally:
        pdf.close()
    text_pages = [i for i, s in enumerate(survey) if s[0] >= 20]
    if not text_pages:  # a scan: read by OCR, labelled as such, or refused (code scanned_pdf)
        return scanned_to_document(data, n_pages, meta)
    if _garbled("".join(s[3] for s in survey)):
        # The text layer cannot be mapped back to characters, but the pages draw them: read them as a scan is read.
        try:
            doc = scanned_to_document(data, n_pages, meta)
        except UnreadableFile as e:
            if e.code != "scanned_pdf":
                raise
            raise UnreadableFile(
                f"PDF 的文字层无法还原成文字（共 {n_pages} 页；字体没有 Unicode 映射，复制出来是乱码），文字识别（OCR）"
                "也没有读出内容，无法读取其中的文字和表格：请向发布机关索取 Word 或网页版本。",
                code="garbled_pdf",
            ) from None
        doc.meta["ocr_why"] = "garbled"
        return doc
    garbled = [str(i + 1) for i, s in enumerate(survey) if _garbled(s[3])]
    if garbled:
        meta["garbled_pages"] = ",".join(garbled)
    scanned = [str(i + 1) for i, s in enumerate(survey) if s[0] < 20 and s[2] > 0]
    if scanned:
        meta["scanned_pages"] = ",".join(scanned)
    # Page 1 always: its title's font size tells the title lines apart. A page drawn with thousands
    # of objects (a map, a chart) is read as text: looking for tables in it would take minutes.
    crowded = [i for i, s in enumerate(survey) if s[1] > MAX_PATHS]
    if crowded:
        meta["crowded_pages"] = ",".join(str(i + 1) for i in crowded)
    need_plumber = [i for i, s in enumerate(survey)
                    if i not in crowded and (i == 0 or s[1] > 0 or _numeric_lines(s[3]) >= 3)]
    per_page: dict[int, list[tuple[float, Block | ProtoTable]]] = {}
    if need_plumber:
        import pdfplumber

        carry = _Carry()
        try:
            with pdfplumber.open(io.BytesIO(data)) as plumber:
                for i in need_plumber:
                    page = plumber.pages[i]
                    if _sideways(page):
                        turned = _turned_page(data, i)
                        if turned is not None:
                            per_page[i] = turned
                            meta["turned_pages"] = ",".join(filter(None, (meta.get("turned_pages"), str(i + 1))))
                            page.close()
                            continue
                    per_page[i] = _plumber_page(page, i + 1, carry)
                    page.close()
        except UnreadableFile:
            raise
        except Exception as e:  # pdfminer raises many kinds of syntax errors on damaged files
            raise UnreadableFile(f"PDF 内容已损坏，无法读取表格（{type(e).__name__}）：请重新下载原文件。",
                                 code="broken_pdf") from None
    pages: list[list[Block | ProtoTable]] = []
    for i, s in enumerate(survey):
        if i in per_page:
            pages.append([b for _, b in per_page[i]])
        else:
            pages.append(list(_text_page_lines(s[3], i + 1)))
    blocks = finish_tables(pages)
    return Document(blocks=blocks, format="pdf", title=meta.pop("title", None), pages=n_pages, meta=meta)


def _sideways(page: Any) -> bool:
    """Most characters run up or down the page: it is shown turned by a quarter (a landscape table
    on a portrait page, or a page whose /Rotate does not match its content)."""
    chars = page.chars
    return len(chars) >= 20 and sum(1 for c in chars if c.get("upright")) < 0.2 * len(chars)


def _turned_page(data: bytes, index: int) -> list[tuple[float, Block | ProtoTable]] | None:
    """The page read again turned a quarter either way, whichever makes its text upright."""
    import pdfplumber
    import pypdfium2 as pdfium

    for quarter in (90, 270):
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[index]
            page.set_rotation((page.get_rotation() + quarter) % 360)
            buf = io.BytesIO()
            pdf.save(buf)
        finally:
            pdf.close()
        with pdfplumber.open(io.BytesIO(buf.getvalue()), pages=[index + 1]) as turned:
            p = turned.pages[0]
            chars = p.chars
            upright = sum(1 for c in chars if c.get("upright") and c["matrix"][0] > 0)
            if chars and upright >= 0.8 * len(chars):
                return _plumber_page(p, index + 1)
    return None


def _metadata(pdf: Any) -> dict[str, str]:
    try:
        raw = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        return {}
    meta = {}
    if raw.get("Title", "").strip():
        meta["title"] = raw["Title"].strip()
    for key in ("Creator", "Producer", "CreationDate"):
        if raw.get(key, "").strip():
            meta[key.lower()] = raw[key].strip()
    return meta
