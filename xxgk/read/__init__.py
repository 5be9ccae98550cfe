"""Readers: bytes of a report file → Document, one module per format, chosen from the content.

The format comes from the bytes (magic numbers, the parts of a zip, the streams of an OLE
container, markup), never from the file name alone: crawlers save PDFs as .htm and WPS saves
DOCX as .doc. Every refusal is an UnreadableFile whose `code` is listed in docs/formats.md.
"""

from __future__ import annotations

import email
import io
import re
import zipfile
from collections.abc import Callable
from email import policy
from pathlib import Path

from xxgk.document import Document
from xxgk.errors import UnreadableFile, XxgkError
from xxgk.localfiles import check_size, read_bytes
from xxgk.read.doc import doc_to_document
from xxgk.read.docx import docx_to_document
from xxgk.read.html import html_to_document
from xxgk.read.ole import OLE_MAGIC, ole_names
from xxgk.read.pdf import pdf_to_document
from xxgk.read.text import txt_to_document

# format -> its reader: the one function that turns a file's bytes into a Document
READERS: dict[str, Callable[[bytes], Document]] = {
    "txt": txt_to_document, "html": html_to_document, "docx": docx_to_document, "pdf": pdf_to_document,
    "doc": doc_to_document}
FORMATS = tuple(READERS)

_HTML_TAG = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|table|tr|td|div|p|span|br|font)[\s>/]",
                       re.I)


def _zip_kind(data: bytes) -> str:
    """'docx' for a Word (or WPS-saved) document; otherwise the kind of zip it is, for the message."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):  # NotImplementedError: a
        return "broken_zip"  # damaged header naming a zip version or method that does not exist
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "content.xml" in names and "mimetype" in names:
        return "odf"
    return "zip"


def detect_format(data: bytes, name: str = "") -> str:
    """The format of a file from its bytes (magic numbers, zip parts, markup), the name only as a tie-break.

    Raises UnreadableFile for content that is clearly none of the formats (spreadsheets, images, archives).
    """
    head = data[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf\r\n\t ")
    if stripped.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(data)
        if kind == "docx":
            return "docx"
        if kind == "broken_zip":
            raise UnreadableFile("Word（DOCX）文件已损坏或不完整（zip 结构无法读取）：请重新下载原文件。",
                                 code="broken_docx")
        raise UnreadableFile(f"这是一个 {kind.upper()} 压缩文件，不是 Word 文档：请解压后导入其中的报告文件。"
                             if kind == "zip" else
                             f"这是 {kind.upper()} 文件（表格或演示文稿），不是年度报告支持的格式（PDF、Word、网页、文本）。",
                             code="unsupported_format")
    if head.startswith(OLE_MAGIC):
        streams = ole_names(data)
        if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
            raise UnreadableFile("Word 文档设置了打开密码（已加密）：请向发布机关索取未加密的版本，或在 Word/WPS 中"
                                 "取消密码后另存再导入。", code="encrypted")
        if streams & {"Workbook", "Book", "PowerPoint Document"} and "WordDocument" not in streams:
            raise UnreadableFile("这是 Excel 或 PowerPoint 文件，不是年度报告支持的格式（PDF、Word、网页、文本）。",
                                 code="unsupported_format")
        return "doc"  # Word 97–2003 and WPS Writer (.wps) files
    if _is_mhtml(head):
        return "html"  # a web archive (.mht): its HTML part is taken out in bytes_to_document
    if stripped[:5].lower() == b"{\\rtf":
        raise UnreadableFile("这是 RTF 文件：请在 Word/WPS 中另存为 DOCX 或 PDF 后再导入。", code="unsupported_format")
    for magic, kind in ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
                        (b"MM\x00*", "TIFF"), (b"Rar!", "RAR"), (b"7z\xbc\xaf", "7z"), (b"\x1f\x8b", "gzip")):
        if head.startswith(magic):
            what = "图片" if kind in ("PNG", "JPEG", "GIF", "TIFF") else "压缩包"
            hint = "请向发布机关索取文字版，或先做 OCR 识别。" if what == "图片" else "请解压后导入其中的报告文件。"
            raise UnreadableFile(f"这是 {kind} {what}文件，不是年度报告支持的格式：{hint}", code="unsupported_format")
    if _looks_like_html(head, name):
        return "html"
    return "txt"


def _is_mhtml(head: bytes) -> bool:
    """A MIME web archive (.mht/.mhtml, as saved by IE and by Word's "single file web page")."""
    top = head[:2048].lower()
    return top.lstrip().startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type:")) and \
        b"multipart/related" in top


def mhtml_to_html(data: bytes) -> bytes:
    """The HTML part of a web archive, decoded from its transfer encoding, with its charset declared."""
    msg = email.message_from_bytes(data, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True)
            if not isinstance(body, bytes):
                break
            charset = part.get_content_charset()
            if charset and b"charset" not in body[:2048].lower():
                body = f'<meta charset="{charset}">'.encode("ascii", "ignore") + body
            return body
    raise UnreadableFile("这个网页存档（.mht）里没有网页正文：请在浏览器中打开后另存为网页（.html）或 PDF 再导入。",
                         code="empty")


def _looks_like_html(head: bytes, name: str) -> bool:
    for enc in ("utf-16-le", "utf-16-be"):  # UTF-16 pages saved by old IE/Word
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1:2] == b"\x00" or head[:1] == b"\x00":
            try:
                head = head.decode(enc, "ignore").encode("utf-8")
                break
            except UnicodeError:
                continue
    lowered = head.lower()
    if b"<!doctype html" in lowered or b"<html" in lowered:
        return True
    tags = len(_HTML_TAG.findall(head))
    if tags >= 3:
        return True
    return tags >= 1 and name.lower().endswith((".htm", ".html", ".shtml", ".xhtml", ".jsp", ".aspx", ".php"))


def bytes_to_document(data: bytes, name: str = "") -> Document:
    """Read a report file's bytes with the reader its content calls for."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        if data.strip(b" \t\r\n\xef\xbb\xbf"):  # NUL bytes: a file of zeros is not an empty file
            raise UnreadableFile(f"文件有 {len(data):,} 字节，但全是空字节（NUL，0x00），没有任何文字：文件已损坏或下载不完整，"
                                 "请重新下载。", code="undecodable")
        raise UnreadableFile("文件是空的（没有任何内容）：请检查下载是否完整。", code="empty")
    check_size(len(data))
    fmt = detect_format(data, name)
    if fmt == "html" and _is_mhtml(data[:4096]):
        data = mhtml_to_html(data)
    reader = READERS[fmt]
    try:
        return reader(data)
    except (XxgkError, MemoryError, KeyboardInterrupt):
        raise
    except RecursionError:
        raise UnreadableFile(f"{fmt.upper()} 文件结构嵌套过深，无法读取：文件可能已损坏或被恶意构造。",
                             code="unreadable") from None
    except Exception as e:  # a damaged file can fail deep inside a third-party parser
        raise UnreadableFile(f"{fmt.upper()} 文件无法读取（{type(e).__name__}: {str(e)[:200]}）：文件可能已损坏，"
                             "请重新下载或另存后再导入。", code="unreadable") from e


def document_warnings(doc: Document) -> list[str]:
    """What the reader noticed that a person should know about the parsed numbers (Chinese)."""
    out = []
    if doc.meta.get("ocr"):
        unsure = int(doc.meta.get("ocr_unsure_numbers") or 0)
        what = "本报告的文字层无法还原（字体没有 Unicode 映射）" if doc.meta.get("ocr_why") == "garbled" else "本报告为扫描件"
        out.append(f"{what}，文字和数字由文字识别（OCR，{doc.meta['ocr']}）读出，机关名称和数字都可能有误，请对照原件核对"
                   + (f"；{unsure} 个数字识别把握不足，已留空（不是 0）" if unsure else "") + "。")
        if doc.meta.get("ocr_skipped_pages"):
            out.append(f"扫描件第 {doc.meta['ocr_skipped_pages']} 页超出文字识别的页数或时间上限，没有读取。")
    if doc.meta.get("scanned_pages"):
        out.append(f"PDF 第 {doc.meta['scanned_pages']} 页是图片（扫描件），其中的文字和表格没有读到。")
    if doc.meta.get("garbled_pages"):
        out.append(f"PDF 第 {doc.meta['garbled_pages']} 页的文字无法还原（字体没有 Unicode 映射），其中的文字和表格没有读到。")
    if doc.meta.get("crowded_pages"):
        out.append(f"PDF 第 {doc.meta['crowded_pages']} 页的图形过于复杂（数千个绘图对象），只读取了文字，没有识别其中的表格。")
    if doc.meta.get("converter") == "antiword":
        out.append("Word 97 文件由 antiword 转成纯文本后读取：合并单元格的信息已丢失，宽表格的部分行可能缺失。")
    return out


def read_path(path: str | Path) -> tuple[bytes, Document]:
    """The file's bytes and its Document; the size is checked before the file is read."""
    data = read_bytes(path)  # a regular file only, at most the size limit whatever its size says
    return data, bytes_to_document(data, Path(path).name)
