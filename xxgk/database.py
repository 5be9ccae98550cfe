"""Opening the database: read-only connections for the dashboard, and the version token.

The database file is only ever replaced whole (xxgk.store's writer writes a working copy and renames it
over the file with os.replace), so a reader holds a consistent snapshot for as long as it keeps its
connection, never meets a writer's lock, and sees new data by opening again when `version()` changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from xxgk import settings
from xxgk.errors import StoreError
from xxgk.store import derive, publish, schema, writer

# The name the database file is attached under in a reader's connection. Queries use unqualified
# table names; `USE` makes them resolve here.
CATALOG = "xxgk"


def version(path: str | os.PathLike[str] | None = None) -> str:
    """A token that changes whenever the database file is replaced or written: use it as a cache key."""
    return publish.version(path)


def open_read(path: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a consistent snapshot of the database (created empty if absent).

    The file is attached to a private in-memory instance rather than opened with duckdb.connect(path):
    DuckDB caches instances by path, so a second connect after the file was replaced would return the
    old snapshot. Never raises a lock error: the file a reader opens is never the one being written.
    """
    p = settings.db_path(path)
    try:
        if not p.exists():
            schema.create_empty(p)
        con = _attach(p)
        # a file from before a schema addition, or derived by an older version: add the new tables and views
        # and derive again
        if schema.missing_objects(con) or derive.stale(con):
            con.close()
            writer.upgrade(p)
            con = _attach(p)
    except OSError as e:
        raise StoreError(f"无法创建或打开数据库 {p}：{e.strerror}。请检查文件夹是否存在、是否可写。") from e
    return con


def _attach(p: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        con.execute(f"ATTACH ? AS {CATALOG} (READ_ONLY)", [str(p)])
        con.execute(f"USE {CATALOG}")
    except duckdb.Error as e:
        con.close()
        raise StoreError(f"无法打开数据库 {p.name}：{e}。请重新运行 python -m xxgk ingest 生成数据库。") from e
    return con
