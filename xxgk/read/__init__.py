"""Readers: bytes of a report file → Document, one module per format, chosen from the content."""

from __future__ import annotations

import importlib
from pathlib import Path

from xxgk.document import Document
from xxgk.errors import UnreadableFile

FORMATS = ("txt", "html", "docx", "pdf", "doc")


def detect_format(data: bytes, name: str = "") -> str:
    """The format of a file from its first bytes (magic numbers, markup), the name only as a tie-break."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    lowered = head.lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p")):
        return "html"
    return "txt"


def bytes_to_document(data: bytes, name: str = "") -> Document:
    """Read a report file's bytes with the reader its content calls for."""
    if not data:
        raise UnreadableFile("文件是空的（0 字节）：请检查下载是否完整。", code="empty")
    fmt = detect_format(data, name)
    module = importlib.import_module(f"xxgk.read.{fmt}")
    reader = getattr(module, f"{fmt}_to_document")
    return reader(data)


def read_path(path: str | Path) -> tuple[bytes, Document]:
    """The file's bytes and its Document."""
    data = Path(path).read_bytes()
    return data, bytes_to_document(data, Path(path).name)
