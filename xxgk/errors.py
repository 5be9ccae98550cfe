"""The few exceptions xxgk raises, each with a code and a message a person can act on."""

from __future__ import annotations


class XxgkError(Exception):
    """Base of xxgk's own errors: `code` is stable and machine-readable, the message is for people."""

    code = "error"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0])


class UnreadableFile(XxgkError, ValueError):
    """The file cannot be read as any supported format (empty, broken, encrypted, scanned, too large)."""

    code = "unreadable"


class NotAReport(XxgkError, ValueError):
    """The file was read but holds no 政府信息公开工作年度报告 (no template tables, no report title)."""

    code = "not_a_report"


class MissingTool(XxgkError, RuntimeError):
    """An optional outside program (LibreOffice, antiword) is needed and not installed."""

    code = "missing_tool"


class StoreError(XxgkError, RuntimeError):
    """The database cannot be opened or written (locked, read-only, disk full)."""

    code = "store_error"


class QueryError(XxgkError, LookupError):
    """A named query does not exist or was called without a parameter it needs."""

    code = "query_error"
