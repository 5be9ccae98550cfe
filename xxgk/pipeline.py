"""The read path: bytes → Document → Report → checks → agency resolution. Pure apart from reading a file.

The agency is resolved once per file, with the report's title and first lines as context (鼓楼区人民政府 is in four
cities): the same answer fills the report's region and bureau (what `parse` prints) and goes to the store.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from xxgk import portals
from xxgk.agencies import Agency, resolve
from xxgk.checks import report_to_checks
from xxgk.localfiles import read_bytes
from xxgk.parse import document_to_report
from xxgk.parse.scope import report_to_scope
from xxgk.read import bytes_to_document, document_warnings
from xxgk.report import Report


def agency_context(report: Report) -> str:
    """What settles a name several divisions share: the report's title and its first lines."""
    return "\n".join(filter(None, [report.title, (report.text or "")[:400]]))


def resolve_agency(report: Report) -> Agency | None:
    """The agency the report's printed name stands for, its region and bureau filled into the report."""
    if not report.agency:
        return None
    try:
        context = agency_context(report)
        # a collected file's source is its URL: the portal places a name that does not place itself
        printed = resolve(report.agency, context=context)
        found = portals.place(printed, report.agency, context, report.source) or printed
    except Exception as e:  # the gazetteer must never cost a parsed report
        report.warnings.append(f"机关名称无法对应到行政区划（{type(e).__name__}）。")
        return None
    region = {k: getattr(found, k, None) for k in ("province", "city", "district", "code")}
    if any(region.values()):
        report.region = region
    report.bureau = found.bureau
    return found


def read_report(data: bytes, source: str, sha256: str | None = None,
                checks: bool = True) -> tuple[Report, Agency | None]:
    """A checked Report from a file's bytes and the agency it was resolved to; `sha256` is the bytes' hash when
    the caller has it already. With checks=False the checks are left to the store, which computes them for a
    whole batch in the database (xxgk.store.batch_checks). Raises XxgkError (code, message) when the file
    cannot be read."""
    doc = bytes_to_document(data, Path(source).name)  # refuses empty and too large files
    report = document_to_report(doc, source, sha256 or hashlib.sha256(data).hexdigest())
    report.warnings.extend(document_warnings(doc))  # pages the reader could not read, and the like
    if checks:
        report.checks = report_to_checks(report)
    agency = resolve_agency(report)
    report.scope, notes = report_to_scope(report)  # after the registry: who the agency is decides
    report.warnings.extend(notes)
    return report, agency


def parse_bytes(data: bytes, source: str) -> Report:
    """A checked Report from a file's bytes; raises XxgkError (code, message) when it cannot be read."""
    return read_report(data, source)[0]


def parse_path(path: str | Path) -> Report:
    """A checked Report from a file on disk (source = the path as given)."""
    data = read_bytes(path)  # a regular file only, at most the size limit whatever its size says
    return parse_bytes(data, str(path))
