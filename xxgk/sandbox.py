"""Parse one file in a process of its own, with a time limit: what the dashboard's import page uses, so
that an uploaded file that hangs a reader or crashes inside a C library (pdfium, lexbor) costs that one
file, never the dashboard's server.

Each file gets a fresh process, forked from a clean server process that has imported the parser once
(multiprocessing's forkserver: quick to start, and never a fork of the dashboard's threads). The child
runs the same `xxgk.workers.parse_one` as `python -m xxgk ingest`, with its own time limit; the parent
waits a little longer and kills the child if that limit could not stop it (a call stuck in C code).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from multiprocessing.connection import Connection

from xxgk import settings
from xxgk.store.parsed import Parsed
from xxgk.workers import parse_one

GRACE_S = 10  # beyond the child's own limit, before the parent kills it
_PRELOAD = ["xxgk.workers", "xxgk.pipeline", "xxgk.agencies"]
_started = threading.Lock()


def _child(conn: Connection, path: str, data: bytes, timeout_s: int, sha: str) -> None:
    conn.send(parse_one(path, data, timeout_s, sha))
    conn.close()


def process_context() -> multiprocessing.context.ForkServerContext:
    """The forkserver context uploads and collect runs are parsed in: children forked from a clean server
    process with the parser's modules loaded."""
    ctx = multiprocessing.get_context("forkserver")
    with _started:
        ctx.set_forkserver_preload(_PRELOAD)  # only read when the server starts, i.e. on the first call
    return ctx


def parse(path: str, data: bytes, timeout_s: int | None = None, grace_s: float = GRACE_S,
          sha256: str | None = None) -> Parsed:
    """Parse one file's bytes in a child process: its Parsed (report and agency, or the reason it cannot
    be stored), with `content` set to `data`. Never raises for anything the file does. `timeout_s` is the
    child's own limit (the parse_timeout_s setting by default; 0: none); the parent kills the child
    `grace_s` seconds after it."""
    timeout_s = timeout_s if timeout_s is not None else settings.get_int("parse_timeout_s")
    sha = sha256 or hashlib.sha256(data).hexdigest()
    ctx = process_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, path, data, timeout_s, sha), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(timeout_s + grace_s):
            try:
                result: Parsed = receive.recv()
            except EOFError:  # the child died before it could answer
                result = _crashed(sha, path)
        else:
            result = Parsed(sha, path, b"", error_code="timeout",
                            error_message=f"解析超过 {timeout_s + grace_s:g} 秒仍未完成，已停止；"
                                          "文件可能已损坏或过于复杂。")
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    result.content = data
    return result


def _crashed(sha: str, path: str) -> Parsed:
    return Parsed(sha, path, b"", error_code="parser_crash",
                  error_message="解析进程意外退出（文件可能已损坏）；看板不受影响，其余文件照常处理。")
