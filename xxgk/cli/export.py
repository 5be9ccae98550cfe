"""`python -m xxgk export --format csv|parquet|xlsx --out DIR [--db FILE]`: every table and view, and a data dictionary."""

from __future__ import annotations

import argparse
import sys

from xxgk import settings
from xxgk.errors import XxgkError

HELP = "导出数据库的全部表和视图（CSV 带 BOM / Parquet / XLSX）及数据字典；示例数据逐行标注"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("csv", "parquet", "xlsx"), default="csv", help="file format (default csv)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--db", default=None, help=f"database file (default: $XXGK_DB or {settings.get('db')})")


def run(args: argparse.Namespace) -> int:
    from xxgk.export import export

    try:
        files = export(args.out, args.format, db=args.db)
    except XxgkError as e:
        print(f"导出失败：{e.message}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"导出失败：无法写入 {args.out}（{e.strerror}）。", file=sys.stderr)
        return 1
    print(f"已导出 {len(files)} 个文件到 {args.out}：")
    for f in files:
        print(f"  {f.name}")
    return 0
