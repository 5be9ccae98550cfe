"""The writer's working copy: a private copy of the published database file beside it (`.NAME.work`), where
every batch is committed before the copy is published whole (xxgk.store.publish). A run that is killed leaves
the copy holding whole batches and, in `.NAME.work.base`, the version of the published file it was copied from:
the next run resumes from the copy when the published file has not changed since."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from xxgk.errors import StoreError
from xxgk.store import publish


def work_paths(path: Path) -> tuple[Path, Path]:
    """(the working copy, the file naming the published version it was copied from)."""
    return path.with_name(f".{path.name}.work"), path.with_name(f".{path.name}.work.base")


def prepare(path: Path) -> bool:
    """Make the working copy of the published file `path` ready; True when a killed run's copy is resumed."""
    work, base = work_paths(path)
    token = publish.version(path)
    if work.exists() and base.exists() and base.read_text() == token:
        return True  # a killed run left whole batches here; the published file is unchanged
    base.unlink(missing_ok=True)
    for p in (work, work.with_name(work.name + ".wal")):
        p.unlink(missing_ok=True)
    if path.exists():
        copy_published(path, work)
    base.write_text(token)
    return False


def discard(path: Path) -> None:
    """Remove the working copy of `path` (nothing was written to it)."""
    work, base = work_paths(path)
    for p in (work, work.with_name(work.name + ".wal"), base):
        p.unlink(missing_ok=True)


def _mb(n: int) -> str:
    return f"{n / 1048576:,.1f} MB"


def copy_published(path: Path, work: Path) -> None:
    """Copy the published file to the working copy; a copy that fails (a full disk) is removed, and
    the message says how much space the copy needs."""
    tmp = work.with_name(work.name + ".copying")
    tmp.unlink(missing_ok=True)  # left by a run killed while copying
    try:
        shutil.copyfile(path, tmp)
        tmp.replace(work)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if e.errno not in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            raise
        need = path.stat().st_size
        free = shutil.disk_usage(work.parent).free
        short = (f"请腾出至少 {_mb(need - free + need // 10)} 后再运行同一命令" if free < need + need // 10 else
                 "磁盘看起来仍有空间：可能是文件大小限制或磁盘配额已满，请检查后再运行同一命令")
        raise StoreError(
            f"磁盘空间不足，无法写入数据库 {path.name}：写入前要先复制一份工作副本，需要约 {_mb(need)} 可用空间"
            f"（数据库本身的大小，另加新数据所需），{work.parent} 所在磁盘现在剩 {_mb(free)}。"
            f"未完成的副本已删除，数据库没有改动；{short}。",
            code="disk_full") from e
