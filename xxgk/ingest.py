"""Ingest: walk files and folders, parse on every core, store through the one writer, summarise.

Parsing runs in a process pool (xxgk.workers; one process per core unless `workers` says otherwise); the parent
reads each file once, skips bytes already stored (sha256), and hands parsed reports to the store in
batches of one transaction each. Nothing here writes the database except through xxgk.store.writer.Writer.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from tqdm import tqdm

from xxgk import localfiles, settings
from xxgk.errors import XxgkError
from xxgk.parse.version import PARSER_VERSION
from xxgk.store.parsed import Parsed
from xxgk.store.writer import Writer
from xxgk.workers import Item, collector_tuned, group_size, parse_all, start_pool, worker_count

# File names a folder walk reads; anything else in a folder (truth files, READMEs, images) is skipped.
REPORT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".doc"})
# A batch is one transaction: each has a fixed cost (the checks' query, the commit, the current reports' choice),
# about a tenth less of the writer's CPU per report at 1,000 than at 500. The time bound keeps a slow parse's
# reports from waiting long in memory.
BATCH_REPORTS = 1000
BATCH_SECONDS = 5.0


@dataclass(slots=True)
class Summary:
    """What one ingest did; `lines()` is what a person reads at the end."""

    stored: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    skipped: int = 0
    with_warnings: int = 0
    checks_failed: int = 0
    unresolved: list[str] = field(default_factory=list)
    conflicts: int = 0
    seconds: float = 0.0
    db: str = ""
    action: str = "导入"

    def lines(self) -> list[str]:
        if self.action == "导入":
            head = (f"新存 {self.stored} 份，未变 {self.unchanged} 份（相同文件已在库中），失败 {len(self.failed)} 份，"
                    f"跳过 {self.skipped} 个非报告文件。")
        else:
            head = f"重新解析并更新 {self.stored} 份，失败 {len(self.failed)} 份（失败的保留原有解析结果）。"
        out = [f"{self.action}完成（{self.seconds:.1f} 秒，数据库 {self.db}）：{head}",
               f"本次解析的报告中 {self.with_warnings} 份有解析警告，{self.checks_failed} 份有未通过的校验（R1–R5）。"]
        if self.conflicts:
            out.append(f"{self.conflicts} 组同一机关同一年度的多份报告数字不一致，已标记（视图 report_conflicts）。")
        if self.unresolved:
            out.append(f"{len(self.unresolved)} 个机关名称无法对应到行政区划，已保存并列出（视图 unresolved_agencies）：")
            out += [f"  {n}" for n in self.unresolved[:30]]
            if len(self.unresolved) > 30:
                out.append(f"  ……另有 {len(self.unresolved) - 30} 个")
        if self.failed:
            out.append("失败的文件（已记录在 ingest_errors）：")
            out += [f"  {p} — {code}：{msg}" for p, code, msg in self.failed[:50]]
            if len(self.failed) > 50:
                out.append(f"  ……另有 {len(self.failed) - 50} 个")
        return out


def walk(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], int, list[tuple[str, str, str]]]:
    """(report files in a stable order, number of other files skipped, paths that do not exist)."""
    found, skipped, missing = walk_rooted(paths)
    return [f for f, _ in found], skipped, missing


def walk_rooted(paths: Iterable[str | os.PathLike[str]]
                ) -> tuple[list[tuple[Path, Path | None]], int, list[tuple[str, str, str]]]:
    """Like `walk`, each file with the folder it was found in (None: named itself), the folder its bytes
    must stay in (xxgk.localfiles). Symlinked folders are not entered; a special file or a symlink with a
    report's name is listed, so that reading it records why it was refused instead of skipping it silently."""
    files: list[tuple[Path, Path | None]] = []
    skipped = 0
    missing: list[tuple[str, str, str]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found: list[Path] = []
            for top, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(top, n) for n in names if not n.startswith(".")]
            for f in sorted(found):
                if _is_report_file(f):
                    files.append((f, p))
                else:
                    skipped += 1
        elif os.path.lexists(p):
            if f_is_companion(p):
                skipped += 1
            else:
                files.append((p, None))  # a file named explicitly is tried whatever its name or kind
        else:
            missing.append((str(p), "not_found", f"找不到文件或文件夹 {p}。"))
    return files, skipped, missing


def f_is_companion(p: Path) -> bool:
    """Truth files and READMEs sit beside reports but are not reports."""
    name = p.name.lower()
    return name.endswith(".truth.json") or name.startswith("readme")


def _is_report_file(p: Path) -> bool:
    return p.suffix.lower() in REPORT_SUFFIXES and not f_is_companion(p)


# -- the worker side ---------------------------------------------------------------------------

def ingest(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None,
           workers: int | None = None, progress: bool = True) -> Summary:
    """Ingest files and folders into the database; the summary says what happened to each file."""
    start = time.monotonic()
    files, skipped, missing = walk_rooted(paths)
    return _run(_files([(str(f), root) for f, root in files], missing), len(files), db, workers, progress, start, skipped)


def ingest_bytes(items: list[tuple[str, bytes]], db: str | os.PathLike[str] | None = None,
                 workers: int | None = 1) -> Summary:
    """Ingest documents given as (name, bytes), e.g. uploaded through the dashboard."""

    def given(writer: Writer, summary: Summary, tick: Callable[[], None]) -> Iterator[Item]:
        for name, data in items:
            sha = hashlib.sha256(data).hexdigest()
            if writer.is_known(sha):
                summary.unchanged += 1
                tick()
                continue
            yield name, data, sha

    return _run(given, len(items), db, workers, False, time.monotonic())


def ingest_parsed(items: list[Parsed], db: str | os.PathLike[str] | None = None) -> Summary:
    """Store files already parsed (the import page's preview, xxgk.sandbox) as ingest stores them,
    without parsing them a second time."""

    def given(writer: Writer, summary: Summary, tick: Callable[[], None]) -> Iterator[Parsed]:
        for p in items:
            if writer.is_known(p.sha256):
                summary.unchanged += 1
                tick()
                continue
            yield p

    return _run(given, len(items), db, 1, False, time.monotonic(), parsed=True)


def reparse(db: str | os.PathLike[str] | None = None, workers: int | None = None, everything: bool = False,
            progress: bool = True) -> Summary:
    """Parse the stored sources again: those parsed by another parser version (or never parsed, after a
    failure), or all of them. A source that now fails keeps the report it had."""
    start = time.monotonic()
    todo: list[tuple[str, str]] = []

    def stored(writer: Writer, summary: Summary, tick: Callable[[], None]) -> Iterator[Item]:
        con = writer.con
        assert con is not None
        for sha, path in todo:
            row = con.execute("SELECT content FROM sources WHERE sha256 = ?", [sha]).fetchone()
            if row is not None:
                yield path, row[0], sha

    def select(writer: Writer) -> int:
        con = writer.con
        assert con is not None
        todo.extend(con.execute(
            "SELECT s.sha256, coalesce(s.path, s.file_name, s.sha256) FROM sources s "
            "LEFT JOIN reports r ON r.report_id = s.sha256 "
            "WHERE ? OR r.report_id IS NULL OR r.parser_version <> ? ORDER BY s.first_seen, s.sha256",
            [everything, PARSER_VERSION]).fetchall())
        return len(todo)

    return _run(stored, None, db, workers, progress, start, replace=True, count=select)


def _files(paths: list[tuple[str, Path | None]], missing: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    """The item source of a file ingest: reads each file once (regular files only, never out of the folder it
    was found in: xxgk.localfiles), skips bytes already stored."""

    def items(writer: Writer, summary: Summary, tick: Callable[[], None]) -> Iterator[Item]:
        fails = [Parsed("", path, b"", error_code=code, error_message=msg) for path, code, msg in missing]
        this_run: set[str] = set()
        folders = localfiles.Folders()
        for path, root in paths:
            try:
                data = localfiles.read_bytes(path, root, folders=folders)
            except XxgkError as e:
                fails.append(Parsed("", path, b"", error_code=e.code, error_message=e.message))
                tick()
                continue
            sha = hashlib.sha256(data).hexdigest()
            if writer.is_known(sha) or sha in this_run:  # stored before, or the same bytes twice in this run
                summary.unchanged += 1
                tick()
                continue
            this_run.add(sha)
            yield path, data, sha
        if fails:
            res = writer.write(fails)
            summary.failed += res.failed

    return items


# (name, bytes, sha256) items to parse, or Parsed items when _run is told they are parsed already
ItemSource = Callable[[Writer, "Summary", Callable[[], None]], Iterator[Item] | Iterator[Parsed]]


def _run(source: ItemSource, total: int | None, db: str | os.PathLike[str] | None, workers: int | None,
         progress: bool, start: float, skipped: int = 0, replace: bool = False,
         count: Callable[[Writer], int] | None = None, parsed: bool = False) -> Summary:
    """Drive one write: items from `source` parsed on the pool (or, with `parsed`, already parsed), stored
    in batches, summarised; with the garbage collector tuned for many files (xxgk.workers.collector_tuned)."""
    with collector_tuned():
        return _drive(source, total, db, workers, progress, start, skipped, replace, count, parsed)


def _drive(source: ItemSource, total: int | None, db: str | os.PathLike[str] | None, workers: int | None,
           progress: bool, start: float, skipped: int, replace: bool, count: Callable[[Writer], int] | None,
           parsed: bool) -> Summary:
    n_workers = worker_count(workers) if total is None else min(worker_count(workers), max(total, 1))
    timeout_s = settings.get_int("parse_timeout_s")
    summary = Summary(skipped=skipped, db=str(settings.db_path(db)), action="重新解析" if replace else "导入")
    batch: list[Parsed] = []
    last_flush = time.monotonic()
    pool = start_pool(n_workers) if n_workers > 1 and not parsed else None  # fork before the database opens
    try:
        with Writer(db) as writer:
            if count is not None:
                total = count(writer)
            bar = tqdm(total=total, file=sys.stderr, unit="份", desc="重新解析" if replace else "导入",
                       disable=not progress, dynamic_ncols=True)

            def flush() -> None:
                nonlocal batch, last_flush
                if batch:
                    res = writer.write(batch, replace=replace)
                    summary.stored += len(res.stored)
                    summary.unchanged += res.unchanged
                    summary.failed += res.failed
                    summary.checks_failed += res.checks_failed
                    batch = []
                last_flush = time.monotonic()

            def on_result(p: Parsed) -> None:
                batch.append(p)
                if p.report is not None:
                    summary.with_warnings += bool(p.report.warnings)
                bar.update()
                if len(batch) >= BATCH_REPORTS or time.monotonic() - last_flush > BATCH_SECONDS:
                    flush()

            if parsed:
                for p in cast(Iterator[Parsed], source(writer, summary, bar.update)):
                    on_result(p)
            else:
                parse_all(cast(Iterator[Item], source(writer, summary, bar.update)), n_workers, timeout_s, on_result,
                          pool, group_size(total, n_workers))
                pool = None  # parse_all shut it down
            flush()
            con = writer.con
            assert con is not None
            summary.unresolved = [r[0] for r in con.execute(
                "SELECT name FROM unresolved_agencies ORDER BY reports DESC, name").fetchall()]
            summary.conflicts = (con.execute(
                "SELECT count(DISTINCT (agency_id, year)) FROM reports WHERE conflict").fetchone() or [0])[0]
            bar.close()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    summary.seconds = time.monotonic() - start
    return summary
