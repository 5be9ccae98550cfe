"""Scanned (image-only) PDF pages read by OCR: Tesseract 5, Simplified Chinese and English models.

Each page is rendered to a grey image (pypdfium2), cleaned of scanner dust, turned level, and its
table rules are painted out (a rule read by OCR becomes a digit: a row of 0s between vertical rules
reads "1010101010"); Tesseract reads the rest into words with their boxes. The words are then
handled as the words of a PDF text layer are: lines of words, the numbers of a table row placed in
columns by their x position, blank cells empty (xxgk.read.pdfcolumns). Every number is read a
second time by a digits-only model; a number Tesseract is not sure of, or that the two readings
disagree on, is left out (its cell stays blank, never 0), and counted: the report says how many.

Tesseract runs as a separate program (Debian packages tesseract-ocr and tesseract-ocr-chi-sim), one
page at a time, with a time limit.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

from xxgk import settings
from xxgk.document import Document, Line
from xxgk.errors import UnreadableFile
from xxgk.read.pdfcolumns import Columns, place_cells
from xxgk.read.pdfwords import TextLine, Word

DPI = 300
MIN_NUMBER_CONF = 80.0  # Tesseract's confidence (0-100) a number needs to be kept
PAGE_TIMEOUT_S = 60
MAX_PIXELS = 12_000_000  # a larger page (a poster) is rendered coarser; an A4 page at 300 dpi is 8.7 million
LANGS = "chi_sim+eng"  # the English model reads digits better than the Chinese one alone
ENGINE = "tesseract 5 chi_sim+eng"
_DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$")


@dataclass(slots=True)
class OcrResult:
    """The lines read from the scanned pages, and what a reader of the numbers must know."""

    lines: list[Line] = field(default_factory=list)
    pages_read: int = 0
    unsure_numbers: int = 0  # numbers left blank because Tesseract was not sure of them
    words: int = 0


def available() -> bool:
    """Tesseract and its Simplified Chinese model are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return b"chi_sim" in out.stdout.split()


def render_page(pdf: Any, index: int, dpi: int = DPI) -> tuple[Any, float]:
    """Page `index` as an 8-bit grey numpy array, and its resolution: `dpi` unless that would make
    more than MAX_PIXELS."""
    import numpy as np

    page = pdf[index]
    try:
        w, h = page.get_size()
        scale = dpi / 72
        if w * h * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / max(1.0, w * h)) ** 0.5
        bitmap = page.render(scale=scale, grayscale=True)
        img = bitmap.to_pil().convert("L")
        return np.asarray(img, dtype=np.uint8).copy(), scale * 72
    finally:
        page.close()


def _long_runs(dark: Any, length: int, axis: int) -> Any:
    """The dark pixels lying in a straight run of at least `length` along `axis`."""
    import numpy as np

    a = dark if axis == 1 else dark.T
    n = a.shape[1]
    if n < length:
        return np.zeros_like(dark)
    cs = np.zeros((a.shape[0], n + 1), dtype=np.int32)
    np.cumsum(a, axis=1, out=cs[:, 1:])
    full = (cs[:, length:] - cs[:, :-length]) == length  # window starting at i is all dark
    # A pixel is covered when a full window starts within `length` before it.
    fs = np.zeros((a.shape[0], full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=fs[:, 1:])
    idx = np.arange(n)
    hi = np.minimum(idx, full.shape[1] - 1) + 1
    lo = np.maximum(idx - length + 1, 0)
    covered = (fs[:, hi] - fs[:, lo]) > 0
    covered &= lo[None, :] < hi[None, :]
    out = covered & a
    return out if axis == 1 else out.T


def despeckle(img: Any) -> Any:
    """Scanner dust and grain gone: a 3×3 median (a lone dark dot goes, a stroke stays) and the
    paper's grey set to white."""
    import numpy as np
    from PIL import Image, ImageFilter

    out = np.asarray(Image.fromarray(img).filter(ImageFilter.MedianFilter(3)), dtype=np.uint8).copy()
    out[out > 200] = 255
    return out


def deskew(img: Any) -> Any:
    """The image turned upright when it is scanned a little askew (up to 2°): the angle whose rows of
    dark pixels are sharpest (text lines and rules line up with rows), tried on a reduced copy."""
    import numpy as np
    from PIL import Image

    best = skew_angle(img)
    if abs(best) < 0.05:
        return img
    turned = Image.fromarray(img).rotate(best, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(turned, dtype=np.uint8).copy()


def skew_angle(img: Any) -> float:
    """How far (degrees, clockwise) the page's lines are turned from level, within 2°."""
    import numpy as np

    small = img[::4, ::4] < 160
    if small.sum() < 100:
        return 0.0
    h, w = small.shape
    cols = np.arange(w)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-2.0, 2.01, 0.1):
        shift = np.round(cols * np.tan(np.radians(angle))).astype(int)
        rows = np.zeros(h + 2 * w, dtype=np.int64)
        ys, xs = np.nonzero(small)
        np.add.at(rows, ys - shift[xs] + w, 1)
        score = float((rows.astype(np.float64) ** 2).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def remove_rules(img: Any, dpi: float = DPI) -> tuple[Any, list[float]]:
    """The image with its table rules painted white, and the heights (in points) of its horizontal
    rules. A rule is a straight dark run longer than any stroke of a character (about 9 mm)."""
    import numpy as np

    dark = img < 160
    length = max(20, int(dpi * 0.35))
    h = _long_runs(dark, length, axis=1)
    v = _long_runs(dark, length, axis=0)
    mask = h | v
    # The grey fringe of a rule (anti-aliasing, scanner blur) goes with it.
    grown = mask.copy()
    for _ in range(max(2, round(dpi / 75))):
        step = grown.copy()
        step[1:, :] |= grown[:-1, :]
        step[:-1, :] |= grown[1:, :]
        step[:, 1:] |= grown[:, :-1]
        step[:, :-1] |= grown[:, 1:]
        grown = step
    out = img.copy()
    out[grown] = 255
    rows = np.flatnonzero(h.sum(axis=1) >= length)
    rules: list[float] = []
    for y in rows:
        pt = float(y) * 72 / dpi
        if not rules or pt - rules[-1] > 2:
            rules.append(pt)
    return out, rules


@dataclass(slots=True)
class _TWord:
    text: str
    conf: float
    x0: float
    top: float
    x1: float
    bottom: float
    line: tuple[int, int, int]


def tesseract_words(img: Any, psm: int = 6, timeout: float = PAGE_TIMEOUT_S, langs: str | None = None,
                    extra: tuple[str, ...] = ()) -> list[_TWord]:
    """Tesseract's words of a grey image, with confidence and box (in pixels)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PNG")
    exe = shutil.which("tesseract") or "tesseract"
    # One thread: ingest runs a parser per core already.
    proc = subprocess.run([exe, "stdin", "stdout", "-l", langs or LANGS, "--psm", str(psm),
                           "-c", "preserve_interword_spaces=1", *extra, "tsv"],
                          input=buf.getvalue(), capture_output=True, timeout=timeout, check=False,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace")[:300])
    out = []
    for row in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        left, top, width, height = (int(p) for p in parts[6:10])
        out.append(_TWord(text, float(parts[10]), left, top, left + width, top + height,
                          (int(parts[2]), int(parts[3]), int(parts[4]))))
    return out


_NUMBERISH = re.compile(r"^[0-9OoIl|\[\]工.,，。．]{1,12}$")


def check_numbers(img: Any, words: list[_TWord], timeout: float) -> None:
    """Each word that is or looks like a number ("工" for a 1) read again with a digits-only model:
    kept when the two readings agree, or when the second is sure (90) where the first read no number;
    two differing numbers make the word unsure (its cell stays blank). A word the second run does not
    read keeps its first reading and confidence.

    The boxes are cut out and stacked, one per line of a strip image, so one run reads them all."""
    import numpy as np

    picked = [w for w in words if _NUMBERISH.match(w.text) and not w.text.endswith((".", "。", "．"))
              and any(ch.isdigit() or ch in "OoIl|[]工" for ch in w.text)]
    if not picked:
        return
    pad, gap = 6, 24
    crops = []
    for w in picked:
        y0, y1 = max(0, int(w.top) - pad), min(img.shape[0], int(w.bottom) + pad)
        x0, x1 = max(0, int(w.x0) - pad), min(img.shape[1], int(w.x1) + pad)
        crops.append(img[y0:y1, x0:x1])
    width = max(c.shape[1] for c in crops) + 2 * gap
    height = sum(c.shape[0] + gap for c in crops) + gap
    strip = np.full((height, width), 255, dtype=np.uint8)
    bands = []
    y = gap
    for c in crops:
        strip[y:y + c.shape[0], gap:gap + c.shape[1]] = c
        bands.append((y, y + c.shape[0]))
        y += c.shape[0] + gap
    read: list[list[_TWord]] = [[] for _ in picked]
    for r in tesseract_words(strip, psm=6, timeout=timeout, langs="eng",
                             extra=("-c", "tessedit_char_whitelist=0123456789.")):
        mid = (r.top + r.bottom) / 2
        for k, (b0, b1) in enumerate(bands):
            if b0 - gap / 2 <= mid <= b1 + gap / 2:
                read[k].append(r)
                break
    for w, again in zip(picked, read, strict=True):
        first = _number_text(w.text)
        second = "".join(r.text for r in sorted(again, key=lambda r: r.x0)) if again else None
        conf2 = min((r.conf for r in again), default=0.0)
        second = _number_text(second) if second else None
        if first is not None and first == second:
            w.text, w.conf = first, max(w.conf, conf2)
        elif first is None and second is not None and conf2 >= 90:
            w.text, w.conf = second, conf2
        elif first is not None and second is not None:
            w.conf = 0.0  # the two readings differ: unsure


_FIX = str.maketrans({"O": "0", "o": "0", "〇": "0", "，": ",", "。": ".", "．": "."})


def _number_text(text: str) -> str | None:
    """A word that is a number, as digits (thousands commas dropped); None for any other word."""
    t = text.translate(_FIX)
    if not any(ch.isdigit() for ch in t):
        return None
    t = t.replace(",", "")
    return t if _DIGITS.match(t) else None


def page_lines(words: list[_TWord], page_no: int, dpi: float, carry: list[Any], rules: list[float],
               result: OcrResult) -> list[Line]:
    """Tesseract's words of one page as Lines, table rows written as tab-separated cells."""
    k = 72 / dpi
    groups: dict[tuple[int, int, int], list[_TWord]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    lines: list[TextLine] = []
    for ws in groups.values():
        ws.sort(key=lambda w: w.x0)
        heights = sorted(w.bottom - w.top for w in ws if _CJK.search(w.text)) or sorted(w.bottom - w.top for w in ws)
        size = heights[len(heights) // 2] * k
        # Among a row's numbers, a word with neither digits nor Chinese ("Od", "vs") is a number
        # misread: dropped, so its cell stays blank and the numbers right of it keep their columns.
        nums = [j for j, w in enumerate(ws) if _number_text(w.text) is not None]
        first_num = nums[0] if len(nums) >= 3 else len(ws)
        merged: list[Word] = []
        for j, w in enumerate(ws):
            number = _number_text(w.text)
            text = w.text
            if number is None and j > first_num and not _CJK.search(text):
                result.unsure_numbers += 1
                continue
            if number is not None:
                if w.conf < MIN_NUMBER_CONF:
                    result.unsure_numbers += 1
                    continue  # not sure: the cell stays blank
                text = number
            x0, x1 = w.x0 * k, w.x1 * k
            prev = merged[-1] if merged else None
            # Characters of one label come as separate words; numbers stay words of their own.
            if prev is not None and x0 - prev.x1 < size / 3 and number is None and _number_text(prev.text) is None:
                prev.text += text
                prev.x1 = x1
            else:
                merged.append(Word(text, x0, x1, size))
        result.words += len(ws)
        if not merged:
            continue
        top = min(w.top for w in ws) * k
        bottom = max(w.bottom for w in ws) * k
        lines.append(TextLine(top, bottom, merged, " ".join(w.text for w in merged)))
    lines.sort(key=lambda ln: ln.top)
    if lines and _PAGE_NUMBER.match(lines[-1].text):
        lines.pop()
    carried: Columns | None = carry[0] if carry and carry[1] == page_no - 1 else None
    placed, last = place_cells(lines, carried, rules)
    carry[:] = [last, page_no]
    out = []
    for i, line in enumerate(lines):
        if i in placed:
            label, cells = placed[i]
            out.append(Line("\t".join([label, *cells]) if label else "\t".join(cells), page=page_no))
        else:
            out.append(Line(_join(line.words), page=page_no))
    return out


def _join(words: list[Word]) -> str:
    """A line's words as text: no space between Chinese characters, one elsewhere."""
    text = ""
    for w in words:
        if text and not (_CJK.search(text[-1]) and _CJK.search(w.text[0])):
            text += " "
        text += w.text
    return text


def ocr_pdf(pdf: Any, pages: list[int], budget_s: float, dpi: int = DPI) -> OcrResult:
    """The given pages (0-based) of an open pypdfium2 document read by OCR, in order, as long as
    `budget_s` seconds last (a page is started only with time left, and stopped when it runs out)."""
    result = OcrResult()
    carry: list[Any] = []
    end = time.monotonic() + budget_s
    for i in pages:
        left = end - time.monotonic()
        if left <= 1:
            break
        img, scale_dpi = render_page(pdf, i, dpi)
        clean, rules = remove_rules(deskew(despeckle(img)), scale_dpi)
        try:
            words = tesseract_words(clean, timeout=min(PAGE_TIMEOUT_S, max(1.0, end - time.monotonic())))
            check_numbers(clean, words, timeout=min(PAGE_TIMEOUT_S, max(1.0, end - time.monotonic())))
        except subprocess.TimeoutExpired:
            break
        result.lines.extend(page_lines(words, i + 1, scale_dpi, carry, rules, result))
        result.pages_read += 1
    return result


def _scanned_refusal(n_pages: int, why: str) -> UnreadableFile:
    return UnreadableFile(
        f"这是扫描件（图片）PDF：共 {n_pages} 页，没有可复制的文字层{why}，无法读取其中的文字和表格。"
        "请向发布机关索取可复制文字的版本，或先用 OCR 软件识别后再导入。",
        code="scanned_pdf",
    )


def scanned_to_document(data: bytes, n_pages: int, meta: dict[str, str]) -> Document:
    """A PDF without a text layer read by OCR, labelled as such in `meta` (see document_warnings);
    refused with code scanned_pdf when OCR is switched off, not installed, or reads no text.

    At most the max_ocr_pages setting's pages are read, within the parse_timeout_s setting (the
    ingest's limit for the whole file) less 10 s."""
    import pypdfium2 as pdfium

    limit = settings.get_int("max_ocr_pages")
    if limit <= 0:
        raise _scanned_refusal(n_pages, "（文字识别已关闭：max_ocr_pages = 0）")
    if not available():
        raise _scanned_refusal(n_pages, "（本机没有安装文字识别程序 tesseract 及其中文模型）")
    timeout = settings.get_int("parse_timeout_s")
    # The rest of the file's time limit is the parser's (well under a second): OCR may take all but 10 s.
    budget = max(timeout / 2, timeout - 10) if timeout > 0 else PAGE_TIMEOUT_S * limit
    pdf = pdfium.PdfDocument(data)
    try:
        result = ocr_pdf(pdf, list(range(min(n_pages, limit))), budget)
    finally:
        pdf.close()
    cjk = sum(len(_CJK.findall(line.text)) for line in result.lines)
    if cjk < 20:
        raise _scanned_refusal(n_pages, f"，文字识别（OCR）在前 {max(1, result.pages_read)} 页也没有读出成段的中文")
    meta["ocr"] = ENGINE
    meta["ocr_pages"] = f"1-{result.pages_read}" if result.pages_read > 1 else "1"
    if result.pages_read < n_pages:
        meta["ocr_skipped_pages"] = f"{result.pages_read + 1}-{n_pages}" if result.pages_read + 1 < n_pages \
            else str(n_pages)
    meta["ocr_unsure_numbers"] = str(result.unsure_numbers)
    return Document(blocks=list(result.lines), format="pdf", title=meta.pop("title", None), pages=n_pages, meta=meta)
