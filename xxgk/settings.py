"""Settings, declared once as data: name, default, environment variable and help.

The CLI's --help, the dashboard and docs/settings.md all read this table; environment overrides
are applied here and nowhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    env: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "data/xxgk.duckdb", "XXGK_DB",
            "DuckDB database file used by every command and the dashboard (relative paths from the project root)"),
    Setting("max_file_mb", "50", "XXGK_MAX_FILE_MB",
            "largest report file accepted, in MB of 1,048,576 bytes, by parse, ingest, collect and the import page alike; "
            "larger files are refused with code too_large"),
    Setting("max_text_chars", "2000000", "XXGK_MAX_TEXT_CHARS",
            "most characters of text a plain-text report, or the visible text of a web page, may have "
            "(a real report has well under 100,000); longer ones are refused with code too_large"),
    Setting("max_unpacked_mb", "200", "XXGK_MAX_UNPACKED_MB",
            "largest uncompressed size of a DOCX's contents, in MB (zip-bomb guard)"),
    Setting("parse_timeout_s", "60", "XXGK_PARSE_TIMEOUT_S",
            "seconds one file may take to parse during ingest before it is recorded as failed"),
    Setting("max_ocr_pages", "10", "XXGK_MAX_OCR_PAGES",
            "most pages of a scanned (image-only) PDF read by OCR (tesseract, a few seconds a page, within parse_timeout_s "
            "less 10 s); further pages are skipped with a warning; 0 switches OCR off (scans are refused)"),
    Setting("workers", "0", "XXGK_WORKERS", "parser processes for ingest; 0 means one per core"),
    Setting("admin_password", "", "XXGK_ADMIN_PASSWORD",
            "password that opens the dashboard's import page; also read from .streamlit/secrets.toml"),
    Setting("upload_session_mb", "200", "XXGK_UPLOAD_SESSION_MB",
            "most MB of uploaded files one admin session of the dashboard may hold at once"),
    Setting("upload_server_mb", "600", "XXGK_UPLOAD_SERVER_MB",
            "most MB of uploaded files all sessions of one dashboard process may hold at once"),
    Setting("login_max_failures", "5", "XXGK_LOGIN_MAX_FAILURES",
            "wrong import-page passwords in a row from one browser session before that session has to wait"),
    Setting("login_lock_s", "300", "XXGK_LOGIN_LOCK_S",
            "seconds a session waits after one more wrong password; each further one doubles it, up to an hour"),
    Setting("login_interval_s", "1", "XXGK_LOGIN_INTERVAL_S",
            "seconds between two password checks across the whole server (a check waits for its turn)"),
    Setting("chromium", "/usr/bin/chromium", "XXGK_CHROMIUM",
            "the Chromium (or Chrome) that draws the briefing's charts as images (Plotly static export)"),
    Setting("chart_timeout_s", "90", "XXGK_CHART_TIMEOUT_S",
            "seconds the briefing waits for its chart images before it is made without them (the reason shown in their place)"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value: its environment variable when set, else the default."""
    s = _BY_NAME[name]
    return os.environ.get(s.env, s.default)


def get_int(name: str) -> int:
    return int(get(name))


def max_file_bytes() -> int:
    """The largest report file accepted, in bytes: the max_file_mb setting in MB of 1,048,576 bytes. The one
    size limit of every way in (parse, ingest, collect, the import page), in this one unit."""
    return get_int("max_file_mb") * 1024 * 1024


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: `override` (a --db argument), else XXGK_DB, else data/xxgk.duckdb."""
    p = Path(override) if override else Path(get("db"))
    return p if p.is_absolute() else ROOT / p
