"""One collect run end to end: into the database through the Writer, or (dry run) into memory only."""

from __future__ import annotations

import os
from collections.abc import Callable

import duckdb

from xxgk import database
from xxgk.collect.crawl import Crawler, Options
from xxgk.collect.state import State
from xxgk.collect.summary import Found, Summary
from xxgk.store import Writer


def collect(opts: Options, db: str | os.PathLike[str] | None = None, dry_run: bool = False,
            emit: Callable[[Found], None] | None = None,
            progress: Callable[[Summary, int], None] | None = None) -> Summary:
    """Crawl from the start URLs and store every report found (dry run: store nothing, only report them).

    Raises StoreError when the database cannot be written; network failures are in the summary."""
    if dry_run:
        con = duckdb.connect()
        database.apply_schema(con)
        try:
            return Crawler(opts, State(con), None, emit, progress).run()
        finally:
            con.close()
    with Writer(db) as writer:
        assert writer.con is not None

        def touched() -> None:
            writer.dirty = True

        return Crawler(opts, State(writer.con, touched), writer, emit, progress).run()
