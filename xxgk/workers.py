"""The parser's worker processes: parse one file's bytes with a time limit (`parse_one`), and parse many on
a pool of processes, one per core, where a crashed worker costs only the file it was reading
(`parse_all`). Used by xxgk.ingest (files and folders, `reparse`) and xxgk.sandbox (the import page).
Nothing here touches the database.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import queue as queues
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from xxgk import settings
from xxgk.agencies import resolve
from xxgk.errors import XxgkError
from xxgk.pipeline import read_report
from xxgk.store.parsed import Parsed

# One file to parse: (path, bytes, sha256 of the bytes), the hash computed once where the bytes were read.
Item = tuple[str, bytes, str]

# Parsing makes and drops many small containers, nearly none of them cyclic garbage. With the collector's defaults
# (a young collection every 700 allocations, full ones that scan the division table and the parser's caches) a
# parser process spent about a tenth of its CPU collecting and the writing parent about 7 %. Many files are parsed
# with young collections every 50,000 allocations and what was made before out of the collector's sight.
GC_THRESHOLD = (50_000, 20, 100)


def tune_collector() -> None:
    """The collector as a process that parses many files needs it: what exists so far (modules, the division
    table once loaded) frozen out of its sight, young collections every GC_THRESHOLD[0] allocations."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


class _Tuned:
    """The runs under collector_tuned now, and the collector's thresholds before the first of them."""

    runs = 0
    before: tuple[int, int, int] = gc.get_threshold()
    lock = threading.Lock()


@contextmanager
def collector_tuned() -> Iterator[None]:
    """tune_collector for the length of a run in a process that goes on afterwards (the dashboard's, for an
    upload), then the collector as it was once the last of the runs at the same time ends."""
    with _Tuned.lock:
        if not _Tuned.runs:
            _Tuned.before = gc.get_threshold()
        _Tuned.runs += 1
        tune_collector()
    try:
        yield
    finally:
        with _Tuned.lock:
            _Tuned.runs -= 1
            if not _Tuned.runs:
                gc.set_threshold(*_Tuned.before)
                gc.unfreeze()


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no reader's `except Exception` records it as unreadable."""


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def parse_one(path: str, data: bytes, timeout_s: int = 0, sha256: str | None = None, for_store: bool = False) -> Parsed:
    """Parse one file's bytes into a Parsed (report and agency, or the error a person can act on); `sha256`
    is the bytes' hash when the caller has it already. `for_store`: the checks are left to the store (it
    computes them in the database) and the cells travel in columns (Parsed.compact). Runs in a worker
    process; never raises."""
    sha = sha256 or hashlib.sha256(data).hexdigest()
    # SIGALRM can only be set from the main thread: a dashboard upload parses in a script thread, untimed.
    timeout_s = timeout_s if threading.current_thread() is threading.main_thread() else 0
    if timeout_s and hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout_s)
    try:
        report, agency = read_report(data, path, sha, checks=not for_store)
        parsed = Parsed(sha, path, b"", report=report, agency=agency, format=report.format)
        return parsed.compact() if for_store else parsed
    except _Timeout:
        return Parsed(sha, path, b"", error_code="timeout",
                      error_message=f"解析超过 {timeout_s} 秒仍未完成，已跳过；文件已保存，可用 python -m xxgk reparse 重试。")
    except XxgkError as e:
        return Parsed(sha, path, b"", error_code=e.code, error_message=e.message)
    except Exception as e:  # a parser bug must cost one file, never the ingest
        return Parsed(sha, path, b"", error_code="parser_error",
                      error_message=f"解析出错（{type(e).__name__}: {e}）；文件已保存，解析器修复后可用 "
                                    "python -m xxgk reparse 重新解析。")
    finally:
        if timeout_s:
            signal.alarm(0)


def _die_with_parent() -> None:
    """Workers end when the ingest process ends, even when it is killed (Linux prctl PDEATHSIG), and
    leave Ctrl-C to the parent, which stops the pool and publishes what was stored. The collector is tuned
    for parsing many files."""
    tune_collector()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _warm() -> int:
    resolve("杭州市人民政府")
    gc.freeze()  # the division table, loaded now, out of the collector's sight
    return os.getpid()


# -- the parent side ---------------------------------------------------------------------------

# Files handed to the parser processes ahead of the results read back: enough for the workers to go on parsing
# while the parent writes a batch (about 1.5–2 s for 1,000 reports, in which two workers parse some 700), and a
# bound on the bytes held in memory for them.
MAX_IN_FLIGHT = 2048
MAX_IN_FLIGHT_BYTES = 64 << 20
# A worker stuck inside a reader's native code does not see its alarm. When no file has come back for the parse
# time limit and this many seconds more, the pool's processes are killed and the files in flight are handled as after
# a crash: each is parsed again alone, and the one that hangs alone is recorded as timeout.
STUCK_GRACE_S = 30


def parse_many(items: list[Item], timeout_s: int) -> list[Parsed]:
    """parse_one for each of a few files sent to a worker together (each with its own time limit)."""
    return [parse_one(path, data, timeout_s, sha, True) for path, data, sha in items]


# Small text and HTML files travel to the workers in groups of up to this many: each task costs the parent a future,
# a message each way and a wake-up of the pool's manager thread, about 0.1 ms, as much as a tenth of what it spends
# writing a report. PDF, DOCX and DOC files and larger files go alone (their native readers are where a worker may
# hang or crash; alone, such a file is found at once).
GROUP_FILES = 8
GROUP_FILE_BYTES = 256 << 10
_ALONE = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # PDF, a zip (DOCX), OLE (DOC)


def group_size(total: int | None, workers: int) -> int:
    """Files per group for `total` files on `workers` processes: 1 (no groups) for a few hundred files or fewer, so
    that a small ingest still spreads over every worker; GROUP_FILES from about 500."""
    return max(1, min(GROUP_FILES, (total or 0) // (max(workers, 1) * 32)))


def _groupable(data: bytes) -> bool:
    return len(data) <= GROUP_FILE_BYTES and not data.startswith(_ALONE)


def parse_all(items: Iterator[Item], workers: int, timeout_s: int,
              on_result: Callable[[Parsed], None], pool: ProcessPoolExecutor | None = None, group: int = 1) -> None:
    """Parse (path, bytes, sha256) items on `workers` processes, calling on_result in the parent for each, in the
    order they finish; small text and HTML files sent `group` at a time (group_size). A crashed worker costs only
    the file it was parsing, recorded as failed: when a worker dies, every file then in flight is parsed again, one
    at a time on a fresh pool, and the file whose worker dies alone is the one recorded (the others are parsed as
    usual). A worker stuck where its alarm cannot reach it is killed (STUCK_GRACE_S) and its file found the same
    way, recorded as timeout."""
    if workers <= 1:
        for path, data, sha in items:
            p = parse_one(path, data, timeout_s, sha, for_store=True)
            p.content = data
            on_result(p)
        return
    pending: dict[Future[list[Parsed]], list[Item]] = {}
    executor = pool or start_pool(workers)
    suspects: list[Item] = []  # in flight when a worker died: each is parsed alone until the one that kills it
    alone = False  # the one task pending is a suspect, parsed alone
    stuck = False  # the pool was killed for want of any result: a worker alone then was hung, not crashed
    # Finished futures arrive here as they finish (a done-callback puts each in): taking one is O(1), where
    # concurrent.futures.wait on a thousand pending futures locks every one of them at each call.
    finished: queues.SimpleQueue[Future[list[Parsed]]] = queues.SimpleQueue()
    it = iter(items)
    exhausted = False
    in_flight = 0  # bytes of the files in `pending` and `gathering`
    files = 0  # files in `pending` and `gathering`
    gathering: list[Item] = []  # small files read, waiting for their group to fill

    def submit(task: list[Item]) -> None:
        fut = executor.submit(parse_many, task, timeout_s)
        pending[fut] = task
        fut.add_done_callback(finished.put)

    def held(items: list[Item], sign: int) -> None:
        """Count files read (sign 1) or handed back (sign -1) in `files` and `in_flight`."""
        nonlocal files, in_flight
        files += sign * len(items)
        in_flight += sign * sum(len(item[1]) for item in items)

    try:
        while True:
            if not pending:
                alone = False
            if suspects:
                if not pending:
                    one = [suspects.pop()]
                    held(one, 1)
                    submit(one)
                    alone = True
            elif not alone:
                while not exhausted and (len(pending) < workers or (
                        files < MAX_IN_FLIGHT and in_flight < MAX_IN_FLIGHT_BYTES)):
                    nxt = next(it, None)
                    if nxt is None:
                        exhausted = True
                        if gathering:
                            submit(gathering)
                            gathering = []
                        break
                    held([nxt], 1)
                    if group > 1 and _groupable(nxt[1]):
                        gathering.append(nxt)
                        if len(gathering) >= group:
                            submit(gathering)
                            gathering = []
                    else:
                        submit([nxt])
            if not pending:
                break
            # results come back a task at a time: a group of k files may take k time limits
            wait = timeout_s * max(map(len, pending.values())) + STUCK_GRACE_S
            try:
                done = [finished.get(timeout=wait) if timeout_s else finished.get()]
            except queues.Empty:  # no file back for longer than any parse may take: a worker hangs
                stuck = True
                _kill(executor)  # its futures now fail as after a crash
                continue
            while not finished.empty():
                done.append(finished.get())
            broken = False
            for fut in done:
                task = pending.pop(fut, None)
                if task is None:
                    continue  # a task of a pool that broke, handed to the fresh one
                held(task, -1)
                try:
                    results = fut.result()
                except BrokenProcessPool:
                    broken = True
                    if not alone:
                        suspects.extend(task)
                        continue
                    results = [_lost(task[0], timeout_s if stuck else None)]
                for item, p in zip(task, results, strict=True):
                    p.content = item[1]
                    on_result(p)
            if broken:
                # every task in flight died with the pool: each file is tried again, alone, on a fresh pool
                for fut, task in pending.items():
                    fut.cancel()
                    suspects.extend(task)
                    held(task, -1)
                pending.clear()
                executor.shutdown(wait=False, cancel_futures=True)
                executor = start_pool(workers)
                stuck = False
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _lost(item: Item, hung_after_s: int | None) -> Parsed:
    """The failure recorded for a file whose worker died with it alone in the pool: killed because it hung
    (`hung_after_s`, the time limit), or crashed."""
    path, _data, sha = item
    if hung_after_s is not None:
        return Parsed(sha, path, b"", error_code="timeout",
                      error_message=f"解析超过 {hung_after_s} 秒仍未完成（解析进程无响应，已终止），已跳过；文件已保存，"
                                    "可用 python -m xxgk reparse 重试。")
    return Parsed(sha, path, b"", error_code="parser_crash",
                  error_message="解析进程崩溃（可能是文件损坏）；文件已保存，可用 python -m xxgk reparse 重试。")


def _kill(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes at once (the pool then fails every task in flight as broken)."""
    processes = getattr(pool, "_processes", None) or {}  # the executor's own table of its processes
    for proc in list(processes.values()):
        proc.kill()


def start_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes started (and modules imported) before the parent opens any database."""
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent)
    for f in [pool.submit(_warm) for _ in range(workers)]:
        f.result()
    return pool


def worker_count(requested: int | None = None) -> int:
    n = requested if requested is not None else settings.get_int("workers")
    return n if n and n > 0 else (os.cpu_count() or 1)
