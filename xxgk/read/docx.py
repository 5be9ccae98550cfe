"""DOCX reports (Word 2007+, also as saved by WPS): paragraphs as Lines, tables as cell grids.

Guards come before any XML is parsed: the zip's total uncompressed size is capped (setting
'max_unpacked_mb'), password-protected files (an OLE container, not a zip) are refused, and a
part carrying a DTD is refused, so no entity can be expanded. python-docx opens the file; when it
rejects a quirky WPS file, word/document.xml is read directly with the same safe parser.

Merged cells: `w:gridSpan` (across) and `w:vMerge` (down) are expanded into every grid position
they cover; the copies carry the printed text and point at the printed cell through Cell.origin.
A table holding other tables is a layout frame: its cells are read as running content.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from lxml import etree

from xxgk import settings
from xxgk.document import Block, Cell, Document, Line, Table, join_lines
from xxgk.errors import UnreadableFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_PARTS = 5000
MAX_SPAN = 64
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _guard_zip(data: bytes) -> zipfile.ZipFile:
    """The zip, once its size, part count and XML prologs are known to be harmless."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile("Word 文档设置了打开密码（已加密）：请向发布机关索取未加密的版本，或在 Word/WPS 中"
                             "取消密码后另存再导入。", code="encrypted")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise UnreadableFile(f"Word（DOCX）文件已损坏（{e}）：请重新下载原文件。", code="broken_docx") from None
    limit = settings.get_int("max_unpacked_mb") * 1024 * 1024
    total = sum(i.file_size for i in infos)
    if total > limit or len(infos) > MAX_PARTS:
        raise UnreadableFile(
            f"DOCX 解压后有 {total / 1024 / 1024:.0f} MB（{len(infos)} 个部件），超过 {limit // 1024 // 1024} MB 上限："
            "这不像一份普通的年度报告（可能是压缩炸弹）。请检查文件来源。",
            code="zip_bomb",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with z.open(info) as f:
                head = _read_capped(f, info.file_size, 4096)
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise UnreadableFile(f"DOCX 的 {info.filename} 含有 DTD/实体声明，Word 文件从不需要它：拒绝读取"
                                     "（可能是恶意构造的文件）。", code="unsafe_xml")
    return z


def _read_capped(f: Any, declared: int, n: int) -> bytes:
    """At most n bytes; a part that inflates past its declared size is a forged zip."""
    out: bytes = f.read(min(n, declared + 1))
    if len(out) > declared:
        raise UnreadableFile("DOCX 部件的实际大小与声明不符（可能是压缩炸弹）。", code="zip_bomb")
    return out


def _body(data: bytes, z: zipfile.ZipFile) -> tuple[Any, str | None, str | None]:
    """The body element, the core title and the core `created` date (ISO), through python-docx or directly."""
    try:
        import docx

        d = docx.Document(io.BytesIO(data))
        title = (d.core_properties.title or "").strip() or None
        created = d.core_properties.created
        return d.element.body, title, created.date().isoformat() if created else None
    except Exception:  # python-docx refuses some WPS / macro-enabled main parts; read the XML ourselves
        name = next((n for n in z.namelist() if n.lower() == "word/document.xml"), None)
        if name is None:
            raise UnreadableFile("DOCX 里没有正文（缺少 word/document.xml）：文件已损坏或不是 Word 文档。",
                                 code="broken_docx") from None
        try:
            root = etree.fromstring(z.read(name), _SAFE_PARSER)
        except etree.XMLSyntaxError as e:
            raise UnreadableFile(f"DOCX 正文 XML 已损坏（{e}）：请在 Word/WPS 中打开另存后再导入。",
                                 code="broken_docx") from None
        body = root.find(f"{W}body")
        if body is None:
            raise UnreadableFile("DOCX 正文为空。", code="empty") from None
        return body, None, None


def _para_text(p: Any) -> str:
    """A paragraph's visible text: w:t, tabs and breaks; deleted text and field codes left out."""
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    lines = []
    for p in tc.iter(f"{W}p"):
        lines.extend(_para_text(p).split("\n"))
    return join_lines([" ".join(line.split()) for line in lines])


def _int_attr(el: Any, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(f"{W}val", default)), MAX_SPAN))
    except ValueError:
        return default


def _row_cells(tr: Any) -> list[Any]:
    """The w:tc of a row, looking through content controls and custom XML wrappers."""
    out = []
    for child in tr:
        if child.tag == f"{W}tc":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                out.extend(_row_cells(content))
    return out


def _rows(tbl: Any) -> list[Any]:
    out = []
    for child in tbl:
        if child.tag == f"{W}tr":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                out.extend(_rows(content))
    return out


class _Printed:
    """One printed cell; the grid positions it covers all refer to the same object."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def table_to_grid(tbl: Any, index: int) -> Table | None:
    """A w:tbl as a rectangular grid with gridSpan / vMerge expanded; None when it holds no text."""
    grid: list[list[_Printed | None]] = []
    for tr in _rows(tbl):
        trpr = tr.find(f"{W}trPr")
        col = _int_attr(trpr.find(f"{W}gridBefore"), 0) if trpr is not None else 0
        row: list[_Printed | None] = [None] * col
        for tc in _row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            span = max(1, _int_attr(tcpr.find(f"{W}gridSpan") if tcpr is not None else None))
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            cell: _Printed | None = None
            if vmerge is not None and vmerge.get(f"{W}val", "continue") != "restart" and grid:
                above = grid[-1]
                if len(above) > col:
                    cell = above[col]
            if cell is None:
                cell = _Printed(_cell_text(tc))
            row.extend([cell] * span)
            col += span
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    if width == 0:
        return None
    rows: list[list[Cell]] = []
    origins: dict[int, tuple[int, int]] = {}
    pads: list[_Printed] = []  # kept alive so their ids stay unique while `origins` uses them
    for row in grid:
        if not any(p is not None and p.text for p in row):
            continue
        r = len(rows)
        cells = []
        for c in range(width):
            p = row[c] if c < len(row) else None
            if p is None:
                p = _Printed("")
                pads.append(p)
            origin = origins.setdefault(id(p), (r, c))
            cells.append(Cell(text=p.text, row=r, col=c, origin=origin))
        rows.append(cells)
    if not rows:
        return None
    return Table(rows=rows, index=index)


class _Walker:
    """Blocks in reading order from the body: paragraphs, tables, layout frames opened up."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0

    def walk(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                text = " ".join(_para_text(child).split())
                if text:
                    self.blocks.append(Line(text))
            elif tag == f"{W}tbl":
                if child.find(f".//{W}tbl") is not None:
                    for tr in _rows(child):  # layout frame: read its cells as running content
                        for tc in _row_cells(tr):
                            self.walk(tc)
                else:
                    table = table_to_grid(child, self.tables)
                    if table is not None:
                        self.blocks.append(table)
                        self.tables += 1
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins"):
                self.walk(child)


def docx_to_document(data: bytes) -> Document:
    """A DOCX report as Lines and Tables in reading order, merged cells expanded and marked."""
    try:
        z = _guard_zip(data)
        with z:
            body, title, created = _body(data, z)
        # Text boxes and shapes are stored twice (mc:Choice for new Word, mc:Fallback for old):
        # read the first copy only.
        for fallback in list(body.iter(MC_FALLBACK)):
            fallback.getparent().remove(fallback)
        walker = _Walker()
        walker.walk(body)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, etree.XMLSyntaxError) as e:
        raise UnreadableFile(f"Word（DOCX）文件已损坏（{type(e).__name__}: {str(e)[:120]}）：请重新下载原文件，"
                             "或在 Word/WPS 中打开后另存再导入。", code="broken_docx") from None
    if not walker.blocks:
        raise UnreadableFile("Word 文档里没有文字：可能只有图片（扫描件），请索取文字版或先做 OCR。", code="empty")
    return Document(blocks=walker.blocks, format="docx", title=title, meta={"created": created} if created else {})
