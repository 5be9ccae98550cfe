"""One collect run end to end: into the database through the Writer, or (dry run) into memory only; and
the same run in a process of its own for the dashboard (`collect_in_child`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from multiprocessing.connection import Connection

import duckdb

from xxgk import settings
from xxgk.collect.crawl import Crawler, Options
from xxgk.collect.state import State
from xxgk.collect.summary import Found, Summary
from xxgk.errors import StoreError, XxgkError
from xxgk.sandbox import process_context
from xxgk.store import schema
from xxgk.store.writer import Writer


def collect(opts: Options, db: str | os.PathLike[str] | None = None, dry_run: bool = False,
            emit: Callable[[Found], None] | None = None,
            progress: Callable[[Summary, int], None] | None = None) -> Summary:
    """Crawl from the start URLs and store every report found (dry run: store nothing, only report them).

    Raises StoreError when the database cannot be written; network failures are in the summary."""
    if dry_run:
        con = duckdb.connect()
        schema.apply_schema(con)
        try:
            return Crawler(opts, State(con), None, emit, progress).run()
        finally:
            con.close()
    with Writer(db) as writer:
        assert writer.con is not None

        def touched() -> None:
            writer.dirty = True

        return Crawler(opts, State(writer.con, touched), writer, emit, progress).run()


def _child(conn: Connection, opts: Options, db: str) -> None:
    def progress(s: Summary, pending: int) -> None:
        conn.send(("progress", s.pages_fetched, pending, len(s.found)))

    try:
        conn.send(("done", collect(opts, db=db, progress=progress)))
    except XxgkError as e:
        conn.send(("error", e.message))
    except Exception as e:  # reported on the page, never a traceback
        conn.send(("error", f"{type(e).__name__}: {str(e)[:300]}"))
    conn.close()


def collect_in_child(opts: Options, db: str | os.PathLike[str] | None = None,
                     progress: Callable[[int, int, int], None] | None = None) -> Summary:
    """`collect` in a process of its own (forked from the parser's clean server process, as uploads are
    parsed): each document's parse keeps its time limit, and a reader that crashes costs the crawl, never
    the dashboard. `progress(pages fetched, pages waiting, reports found)`. Raises StoreError with the
    reason when the crawl could not finish; what it committed stays, and the next run continues."""
    ctx = process_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, opts, str(settings.db_path(db))), daemon=True)
    child.start()
    send.close()
    try:
        while True:
            if not receive.poll(0.5):
                if not child.is_alive() and not receive.poll(0):
                    raise StoreError("采集进程意外退出；已完成的部分已保存，再次采集同样的网址会接着继续。")
                continue
            try:
                msg = receive.recv()
            except EOFError:
                raise StoreError("采集进程意外退出；已完成的部分已保存，再次采集同样的网址会接着继续。") from None
            if msg[0] == "progress" and progress is not None:
                progress(msg[1], msg[2], msg[3])
            elif msg[0] == "done":
                return msg[1]
            elif msg[0] == "error":
                raise StoreError(f"{msg[1]}（已完成的部分已保存，再次采集同样的网址会接着继续）")
    finally:
        receive.close()
        if child.is_alive():
            child.kill()  # the session ended mid-crawl: committed URLs stay, the next run continues
        child.join(5)
