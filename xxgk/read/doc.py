"""Word 97–2003 (.doc) and WPS Writer files, in bounded time.

In order:
1. LibreOffice, when installed (`soffice --headless --convert-to docx`, then the DOCX reader): the
   widest coverage (Word 6/95, fast-saved files, WPS quirks).
2. The built-in Word 97 reader (xxgk.read.word97): no outside program; tables as grids with their
   merged cells, from the file's own cell boundaries.
3. antiword, when the built-in reader cannot make sense of the file: text only, each table row a
   Line with '|' between cells, which the parser reads as a text table (antiword drops rows of
   wide tables whose properties Word stores out of line, so it comes last).
When the built-in reader fails and neither program is installed, MissingTool names the Debian
packages to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from xxgk import settings
from xxgk.document import Document, Line
from xxgk.errors import MissingTool, UnreadableFile
from xxgk.read.docx import docx_to_document
from xxgk.read.word97 import word97_to_document

CONVERTERS = ("libreoffice", "built-in", "antiword")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _timeout() -> int:
    return max(5, settings.get_int("parse_timeout_s"))


def _run(cmd: list[str], cwd: str, what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=_timeout(), check=False,
                              env={**os.environ, "HOME": cwd, "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        raise UnreadableFile(f"用 {what} 转换 Word 97 文件超过 {_timeout()} 秒仍未完成，已放弃："
                             "文件可能已损坏或过于复杂，请在 Word/WPS 中另存为 DOCX 或 PDF 后再导入。",
                             code="timeout") from None


def _with_libreoffice(data: bytes, soffice: str) -> Document:
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        src = Path(tmp, "report.doc")
        src.write_bytes(data)
        profile = Path(tmp, "profile").as_uri()
        proc = _run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                     "--convert-to", "docx", "--outdir", tmp, str(src)], tmp, "LibreOffice")
        out = Path(tmp, "report.docx")
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:200]
            raise UnreadableFile(f"LibreOffice 无法转换这个 Word 97 文件（{detail or '没有输出'}）：文件可能已损坏或加密，"
                                 "请在 Word/WPS 中另存为 DOCX 或 PDF 后再导入。", code="broken_doc")
        doc = docx_to_document(out.read_bytes())
    doc.format = "doc"
    doc.meta["converter"] = "libreoffice"
    return doc


def antiword_lines(text: str) -> list[Line]:
    """antiword's output as Lines: blank lines and image placeholders dropped, '|' table rows kept."""
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line or line in ("[pic]", "[image]"):
            continue
        if line.startswith("|") and line.endswith("|"):
            cells = [" ".join(c.split()) for c in line.strip("|").split("|")]
            line = "|" + "|".join(cells) + "|"
        lines.append(Line(line))
    return lines


def _with_antiword(data: bytes, antiword: str) -> Document:
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        src = Path(tmp, "report.doc")
        src.write_bytes(data)
        proc = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(src)], tmp, "antiword")
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        if "encrypt" in err.lower():
            raise UnreadableFile("Word 文档设置了密码（已加密）：请向发布机关索取未加密的版本，或在 Word/WPS 中取消密码"
                                 "后另存再导入。", code="encrypted")
        raise UnreadableFile(f"antiword 无法读取这个 Word 97 文件（{err[:200] or '没有输出'}）：文件可能已损坏，或是"
                             "antiword 不支持的版本（如 Word 6/95、WPS 专有格式）。请另存为 DOCX 或 PDF 后再导入，"
                             "或安装 LibreOffice（Debian 软件包 libreoffice-writer）。", code="broken_doc")
    lines = antiword_lines(proc.stdout.decode("utf-8", "replace"))
    if not lines:
        raise UnreadableFile("Word 97 文件里没有文字：可能只有图片（扫描件），请索取文字版或先做 OCR。", code="empty")
    return Document(blocks=list(lines), format="doc", meta={"converter": "antiword"})


def doc_to_document(data: bytes, converter: str | None = None) -> Document:
    """A Word 97 (or WPS Writer) file through LibreOffice when installed, else the built-in reader,
    else antiword.

    `converter` forces one of CONVERTERS (tests use it to cover each on a machine that has them all).
    """
    soffice = _soffice() if converter in (None, "libreoffice") else None
    if soffice:
        return _with_libreoffice(data, soffice)
    builtin_error: UnreadableFile | None = None
    if converter in (None, "built-in"):
        try:
            return word97_to_document(data)
        except UnreadableFile as e:
            if e.code in ("encrypted", "empty") or converter == "built-in":
                raise
            builtin_error = e
    antiword = shutil.which("antiword") if converter in (None, "antiword") else None
    if antiword:
        return _with_antiword(data, antiword)
    reason = f"（内置读取失败：{builtin_error.message}）" if builtin_error else ""
    raise MissingTool(
        f"这个 Word 97（.doc）文件需要 antiword 或 LibreOffice 才能读取{reason}，但本机都没有安装："
        "请安装 Debian 软件包 antiword（sudo apt-get install antiword），或 libreoffice-writer；"
        "也可以在 Word/WPS 中把文件另存为 DOCX 或 PDF 后再导入。"
    )
