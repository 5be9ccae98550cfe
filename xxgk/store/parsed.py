"""One file read and parsed (or failed), as the parser's workers hand it to the writer."""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.agencies import Agency
from xxgk.report import Report


@dataclass(slots=True)
class Parsed:
    """One file read and parsed (or failed), ready to store: its bytes' sha256 (the report's id), the path
    it came from, its bytes, and the report with its agency resolved once, or the error a person can act on."""

    sha256: str
    path: str
    content: bytes
    report: Report | None = None
    agency: Agency | None = None
    error_code: str | None = None
    error_message: str | None = None
    format: str | None = None
