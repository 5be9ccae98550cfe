"""The read path: bytes → Document → Report → checks → agency resolution. Pure apart from reading a file."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from xxgk.checks import report_to_checks
from xxgk.errors import UnreadableFile
from xxgk.parse import document_to_report
from xxgk.read import bytes_to_document, document_warnings
from xxgk.report import Report

MAX_BYTES = 200_000_000


@lru_cache(maxsize=8192)
def _cached(resolve: Any, name: str) -> Any:
    """The gazetteer's answer for a name; an agency publishes a report every year under the same name."""
    return resolve(name)


def _resolve_agency(report: Report) -> None:
    """Fill region and bureau from the agency name, when the gazetteer module is available."""
    if not report.agency:
        return
    try:
        from xxgk import agencies  # type: ignore[attr-defined]
    except ImportError:
        return
    resolve: Any = getattr(agencies, "resolve", None)
    if resolve is None:
        return
    try:
        found = _cached(resolve, report.agency)
    except Exception as e:  # the gazetteer must never cost a parsed report
        report.warnings.append(f"机关名称无法对应到行政区划（{type(e).__name__}）。")
        return
    if found is None:
        return
    region = {k: getattr(found, k, None) for k in ("province", "city", "district", "code")}
    if any(region.values()):
        report.region = region
    report.bureau = getattr(found, "bureau", None)


def parse_bytes(data: bytes, source: str) -> Report:
    """A checked Report from a file's bytes; raises XxgkError (code, message) when it cannot be read."""
    if not data:
        raise UnreadableFile("文件是空的（0 字节）：请检查下载是否完整。", code="empty")
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"文件过大（{len(data) // 1_000_000} MB），超过 {MAX_BYTES // 1_000_000} MB 上限。",
                             code="too_large")
    doc = bytes_to_document(data, Path(source).name)
    report = document_to_report(doc, source, hashlib.sha256(data).hexdigest())
    report.warnings.extend(document_warnings(doc))  # pages the reader could not read, and the like
    report.checks = report_to_checks(report)
    _resolve_agency(report)
    return report


def parse_path(path: str | Path) -> Report:
    """A checked Report from a file on disk (source = the path as given)."""
    from xxgk.localfiles import read_bytes

    data = read_bytes(path)  # a regular file only, at most the size limit whatever its size says
    return parse_bytes(data, str(path))
