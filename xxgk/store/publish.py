"""The published database file: its one-writer lock, its atomic replacement, and the version token that
changes whenever it is replaced (readers key their caches on it; the writer checks it to resume)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from xxgk import settings
from xxgk.errors import StoreError


def version(path: str | os.PathLike[str] | None = None) -> str:
    """A token that changes whenever the database file is replaced or written: use it as a cache key."""
    p = settings.db_path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return f"{p}:absent"
    return f"{p}:{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"


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
