"""The import page's steps: parse uploads with a progress bar, the preview frame, and the store call.

An uploaded file's name is only ever shown (after cleaning); it never becomes a path: the store records
an upload under a name built from the file's SHA-256.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from xxgk import keys, sandbox
from xxgk.errors import UnreadableFile
from xxgk.localfiles import check_size
from xxgk.report import Report
from xxgk.store.parsed import Parsed as StoreItem

UPLOAD_TYPES = ("pdf", "docx", "doc", "html", "htm", "txt")


@dataclass
class Parsed:
    """One uploaded file after parsing: its Report, or the reason it cannot be stored; `item` is what the
    store takes, so that storing does not parse the file again."""

    name: str
    sha256: str
    data: bytes
    report: Report | None
    problem: str = ""
    item: StoreItem | None = None


def clean_name(name: str) -> str:
    """A file name fit for display only: no folders, no control characters, at most 80 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip() or "（无名文件）"
    return base[:80]


def source_label(sha256: str, name: str) -> str:
    """What the store records as the upload's path: never the uploaded name used as a path."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return f"upload/{sha256[:16]}" + (f".{suffix}" if suffix in UPLOAD_TYPES else "")


# Failures whose ingest message speaks of a stored file and `reparse`: nothing is stored from the preview.
_PROBLEMS = {
    "timeout": "解析超时，已停止（文件可能已损坏或过于复杂）；这个文件不会存入。可请管理员用 python -m xxgk ingest 导入。",
    "parser_error": "解析时出现意外错误，这个文件不会存入；请把文件发给维护人员。",
    "parser_crash": "解析进程意外退出（文件可能已损坏），这个文件不会存入；看板不受影响。",
}


def parse_one(data: bytes, name: str, sha256: str | None = None) -> Parsed:
    """Parse one upload in a process of its own with the ingest's time limit (xxgk.sandbox), so a file
    that hangs or crashes a reader costs only itself; every failure becomes a Chinese reason. The size limit
    is the one of parse and ingest (xxgk.localfiles.check_size)."""
    sha = sha256 or hashlib.sha256(data).hexdigest()
    try:
        check_size(len(data))
    except UnreadableFile as e:
        return Parsed(name, sha, data, None, e.message)
    item = sandbox.parse(source_label(sha, name), data, sha256=sha)
    report = item.report
    if report is None:
        return Parsed(name, sha, data, None, _PROBLEMS.get(item.error_code or "", item.error_message or "无法读取这个文件。"))
    if report.year is None or not report.agency:
        missing = "年度" if report.year is None else "机关名称"
        return Parsed(name, sha, data, report, f"未能识别{missing}，可存入但不会出现在按机关、年度的统计中。",
                      item)
    return Parsed(name, sha, data, report, item=item)


def parse_uploads(files: list[Any]) -> list[Parsed]:
    """Parse every uploaded file once per session (keyed by content), showing a progress bar."""
    done: dict[str, Parsed] = st.session_state.setdefault("_parsed_uploads", {})
    out: list[Parsed] = []
    bar = st.progress(0.0, text="正在解析…")
    for i, f in enumerate(files, start=1):
        name = clean_name(f.name)
        data = f.getvalue()
        key = hashlib.sha256(data).hexdigest()
        bar.progress((i - 1) / len(files), text=f"正在解析 {name}（{i}/{len(files)}）")
        if key not in done:
            done[key] = parse_one(data, name, key)
        out.append(done[key])
    bar.progress(1.0, text=f"已解析 {len(files)} 个文件")
    return out


def preview(parsed: list[Parsed], stored: Collection[str] = ()) -> pl.DataFrame:
    """One row per file: what was read, how many checks failed, and any problem in plain Chinese (`stored`:
    sha256 of the files already in the database, which storing again would not change)."""
    rows = []
    for p in parsed:
        r = p.report
        rows.append({
            "file": p.name, "size_kb": round(len(p.data) / 1024, 1),
            "agency": r.agency if r else None, "year": r.year if r else None,
            "template": r.template if r else None,
            "district": (r.region or {}).get("district") if r else None, "bureau": r.bureau if r else None,
            "cells": sum(c.value is not None for c in r.cells) if r else None,
            "checks_failed": sum(not c.ok for c in r.checks) if r else None,
            "synthetic": r.synthetic if r else False,
            "problem": p.problem or ("已在库中，不会重复存储" if p.sha256 in stored else "可以存入" if r else ""),
        })
    schema = {"file": pl.String, "size_kb": pl.Float64, "agency": pl.String, "year": pl.Int64,
              "template": pl.String, "district": pl.String, "bureau": pl.String, "cells": pl.Int64,
              "checks_failed": pl.Int64, "synthetic": pl.Boolean, "problem": pl.String}
    return pl.DataFrame(rows, schema=schema)


def checks_frame(report: Report) -> pl.DataFrame:
    """The failed checks of one report, with what each rule requires."""
    failed = [c for c in report.checks if not c.ok]
    return pl.DataFrame({"规则": [c.rule for c in failed],
                         "要求": [keys.CHECK_RULES.get(c.rule, "") for c in failed],
                         "位置": [c.where for c in failed], "说明": [c.detail for c in failed]},
                        schema={"规则": pl.String, "要求": pl.String, "位置": pl.String, "说明": pl.String})


def store(parsed: list[Parsed]) -> str:
    """Store the files as parsed for the preview, through the same path as `python -m xxgk ingest`; the
    summary for a person."""
    from xxgk.ingest import ingest_parsed

    summary = ingest_parsed([p.item for p in parsed if p.item is not None])
    return "\n\n".join(summary.lines())
