"""`python -m xxgk ingest PATH... [--db FILE] [--workers N]`: read, parse and store report files.

`write` is the one way the ingest and reparse commands run and report a write: what a person can fix (a locked
database, a full disk, no permission) is said in one line and the command exits 1, never with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from xxgk import settings
from xxgk.errors import XxgkError

if TYPE_CHECKING:
    from xxgk.ingest import Summary

HELP = "导入年报文件或文件夹（递归）：解析并存入数据库；相同文件不会重复存入"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (searched recursively)")
    p.add_argument("--db", default=None, help=f"database file (default: $XXGK_DB or {settings.get('db')})")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: one per core)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from xxgk.ingest import ingest

    return write("导入", lambda: ingest(args.paths, db=args.db, workers=args.workers, progress=not args.quiet))


def write(action: str, work: Callable[[], Summary]) -> int:
    """Run one ingest or reparse (`action` names it: 导入, 重新解析) and print its summary; 1 when it could not
    finish, 130 when interrupted."""
    import duckdb

    try:
        summary = work()
    except XxgkError as e:
        print(f"{action}未完成：{e.message}", file=sys.stderr)
        return 1
    except (OSError, duckdb.Error) as e:  # disk full, read-only folder, no permission: never a traceback
        reason = getattr(e, "strerror", None) or str(e).splitlines()[0][:300]
        print(f"{action}未完成：无法写入数据库（{reason}）。已有的数据库未被改动；请检查磁盘空间和数据文件夹的写权限，"
              "然后重新运行同一命令（已完成的批次会接着处理）。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{action}已中断：已完成的批次已保存，再次运行同一命令即可继续。", file=sys.stderr)
        return 130
    try:
        for line in summary.lines():
            print(line)
    except BrokenPipeError:  # output piped into head: the work is done all the same
        pass
    return 0
