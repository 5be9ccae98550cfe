"""Plain-text reports: detect the encoding, then one Line per line of the file."""

from __future__ import annotations

import codecs
import re

from xxgk import settings
from xxgk.document import Block, Document, Line
from xxgk.errors import UnreadableFile
from xxgk.localfiles import check_size

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like BOM-less UTF-16 (many zero bytes on one side)."""
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > even * 3:
        return "utf-16-le"
    if even > odd * 3:
        return "utf-16-be"
    # CJK text in UTF-16 has few zero bytes; decide by which order decodes to more CJK characters.
    best, score = None, 0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for ch in text[:2000] if "\u4e00" <= ch <= "\u9fff")
        if cjk > score:
            best, score = enc, cjk
    return best if score > 10 else None


_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")
# None of them at all, the common case: one repeat of the other characters runs in the regex engine's tight loop, about
# twice as fast as looking for each bad one position by position.
_NONE_BAD = re.compile(r"[^\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]*")


def looks_like_text(text: str) -> bool:
    """False when decoded text is mostly control characters or private-use symbols (binary data)."""
    sample = text[:20000]
    if not sample:
        return False
    if _NONE_BAD.fullmatch(sample):
        return True
    return len(_BAD.findall(sample)) <= max(2, len(sample) // 50)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of a file and the encoding it was read with: BOM, then the declared one, UTF-8, GB18030."""
    check_size(len(data))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError:
                break
    candidates: list[str] = []
    if declared:
        d = declared.lower().strip()
        if d in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"):
            d = "gb18030"  # superset: GBK pages often hold a few GB18030-only characters
        candidates.append(d)
    utf16 = _utf16_without_bom(data)
    if utf16:
        candidates.insert(0, utf16)
    candidates += ["utf-8", "gb18030", "big5"]
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if looks_like_text(text):
            return text, enc
    # A few broken bytes in an otherwise readable file (a page cut mid-character, one stray byte):
    # read it with replacement characters rather than refuse it.
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 500) and looks_like_text(text.replace("\ufffd", "")):
            return text, enc
    raise UnreadableFile(
        "无法识别文件的字符编码（不是 UTF-8、UTF-16、GBK/GB18030 文本），可能是二进制文件或已损坏。",
        code="undecodable",
    )


def check_length(chars: int, what: str) -> None:
    """Refuse text longer than the max_text_chars setting (code too_large): its parse time and memory
    grow with its length, and no real report comes near the limit."""
    limit = settings.get_int("max_text_chars")
    if chars > limit:
        raise UnreadableFile(f"{what}过长（{chars:,} 字），超过 {limit:,} 字上限：年度报告通常只有几万字，"
                             "请检查是否选错了文件（上限可用环境变量 XXGK_MAX_TEXT_CHARS 调整）。", code="too_large")


def txt_to_document(data: bytes) -> Document:
    """A .txt report's lines, decoded from whatever encoding it was saved in."""
    text, enc = decode_text(data)
    check_length(len(text), "文本")
    if not text.strip():
        raise UnreadableFile("文件只有空白，没有内容。", code="empty")
    lines: list[Block] = list(map(Line, text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    return Document(blocks=lines, format="txt", meta={"encoding": enc})
