"""`python -m xxgk reparse [--all] [--db FILE]`: parse the stored original files again after the parser changed."""

from __future__ import annotations

import argparse

from xxgk import settings
from xxgk.cli.ingest import write

HELP = "用当前解析器重新解析库中保存的原始文件（解析器版本变化后、或此前解析失败的文件）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all", action="store_true", help="re-parse every stored source, not only outdated ones")
    p.add_argument("--db", default=None, help=f"database file (default: $XXGK_DB or {settings.get('db')})")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: one per core)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    from xxgk.ingest import reparse

    return write("重新解析", lambda: reparse(db=args.db, workers=args.workers, everything=args.all,
                                          progress=not args.quiet))
