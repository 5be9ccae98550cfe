"""Opening the database: read-only connections for the dashboard, the schema, and the version token.

The database file is only ever replaced whole (xxgk/store.py writes a working copy and renames it
over the file with os.replace), so a reader holds a consistent snapshot for as long as it keeps its
connection, never meets a writer's lock, and sees new data by opening again when `version()` changes.
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from xxgk import queries, settings
from xxgk.errors import StoreError

SCHEMA_FILE = settings.ROOT / "queries" / "schema.sql"
# The name the database file is attached under in a reader's connection. Queries use unqualified
# table names; `USE` makes them resolve here.
CATALOG = "xxgk"


def schema_sql() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and view that is missing; idempotent, safe on every start."""
    # current_reports was a view until derived version 3; it is a table now
    if con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_reports' "
                   "AND database_name = current_database()").fetchall()[0][0]:
        con.execute("DROP VIEW current_reports")
    con.execute(schema_sql())


def version(path: str | os.PathLike[str] | None = None) -> str:
    """A token that changes whenever the database file is replaced or written: use it as a cache key."""
    p = settings.db_path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return f"{p}:absent"
    return f"{p}:{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"


def open_read(path: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a consistent snapshot of the database (created empty if absent).

    The file is attached to a private in-memory instance rather than opened with duckdb.connect(path):
    DuckDB caches instances by path, so a second connect after the file was replaced would return the
    old snapshot. Never raises a lock error: the file a reader opens is never the one being written.
    """
    p = settings.db_path(path)
    try:
        if not p.exists():
            create_empty(p)
        con = _attach(p)
        # a file from before a schema addition, or derived by an older version: add the new tables and views
        # and derive again
        if _missing_objects(con) or queries.derived_stale(con):
            con.close()
            upgrade(p)
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


_OBJECT = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
_MACRO = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?MACRO\s+(\w+)\s*\(([^)]*)\)", re.I)


def _missing_objects(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Tables and views the schema declares that the attached file lacks, and macros it lacks or has with other
    parameters (a file written by an older version)."""
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_catalog = current_database()").fetchall()}
    have |= {f"{name}({', '.join(params)})" for name, params in con.execute(
        "SELECT function_name, parameters FROM duckdb_functions() "
        "WHERE database_name = current_database() AND function_type = 'table_macro'").fetchall()}
    macros = {f"{name}({', '.join(p.strip() for p in params.split(','))})" for name, params in _MACRO.findall(schema_sql())}
    return (set(_OBJECT.findall(schema_sql())) | macros) - have


def upgrade(path: Path) -> None:
    """Apply the schema to an existing file through the writer (skipped while an ingest runs: it
    applies the schema itself)."""
    from xxgk.store import Writer

    try:
        with Writer(path) as w:
            w.dirty = True
    except StoreError:
        pass


@contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    """Hold the one-writer lock of a database file (a sidecar .lock file; readers never take it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"另一个导入正在写入 {path.name}，请等它结束后再试。", code="locked") from None
        yield
    finally:
        os.close(fd)


def create_empty(path: Path) -> None:
    """An empty database with the schema at `path`, built aside and linked into place only if there is
    still no file there. Needs no writer lock, so a reader never waits for (or fails on) an ingest that
    is building the first database: the ingest's publish later replaces the empty file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        apply_schema(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    try:
        os.link(tmp, path)  # fails if another process created the file meanwhile: theirs stands
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def publish(src: Path, dst: Path) -> None:
    """Atomically put the closed database file `src` in place of `dst` (readers keep their snapshot)."""
    fd = os.open(src, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(src, dst)
    dir_fd = os.open(dst.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
