"""`python -m xxgk collect URL... [--db FILE] [--out DIR] [--dry-run] [--max-pages N] [--delay SECONDS]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from xxgk import settings
from xxgk.errors import XxgkError

HELP = "从政府网站采集年报：从起始网址（门户首页、年报栏目、部门子栏目或年报页面）找出全部年报，下载并存入数据库"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("urls", nargs="+", metavar="URL", help="start URLs: a portal's home page, a 年报 column, "
                   "a department's sub-column or a report page")
    p.add_argument("--db", default=None, help=f"database file (default: $XXGK_DB or {settings.get('db')})")
    p.add_argument("--out", default=None, help="also save each report file found under this folder (host/path)")
    p.add_argument("--dry-run", action="store_true", help="store nothing; print one JSON object per report found")
    p.add_argument("--max-pages", type=int, default=20_000, help="most pages and files to fetch in this run "
                   "(default 20000); a run stopped here continues next time")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to the same host (default 1)")
    p.add_argument("--host", action="append", default=[], metavar="HOST",
                   help="a further host the crawl may fetch from (repeatable); the start URLs' hosts always may")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for an answer (default 20)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    import duckdb
    from tqdm import tqdm

    from xxgk.collect.crawl import Options
    from xxgk.collect.job import collect

    bad = [u for u in args.urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        print(f"起始网址须以 http:// 或 https:// 开头：{'、'.join(bad)}", file=sys.stderr)
        return 2
    if args.delay < 0 or args.max_pages < 1:
        print("--delay 不能为负数，--max-pages 至少为 1。", file=sys.stderr)
        return 2
    if args.dry_run and args.out:
        print("--dry-run 不保存任何文件，已忽略 --out。", file=sys.stderr)
    opts = Options(list(args.urls), hosts=list(args.host), delay=args.delay, max_pages=args.max_pages,
                   timeout=args.timeout, out=None if args.dry_run or not args.out else Path(args.out))
    bar = tqdm(total=1, file=sys.stderr, unit="页", desc="采集", disable=args.quiet, dynamic_ncols=True)

    def progress(summary, pending: int) -> None:  # type: ignore[no-untyped-def]
        bar.total = summary.pages_fetched + pending
        bar.n = summary.pages_fetched
        bar.set_postfix_str(f"年报 {len(summary.found)} 份，失败 {len(summary.failed)}", refresh=False)
        bar.refresh()

    def emit(found) -> None:  # type: ignore[no-untyped-def]
        if args.dry_run:
            try:
                sys.stdout.write(json.dumps(found.line(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            except BrokenPipeError:
                pass

    try:
        summary = collect(opts, db=args.db, dry_run=args.dry_run, emit=emit, progress=progress)
    except XxgkError as e:
        bar.close()
        print(f"采集未完成：{e.message}", file=sys.stderr)
        return 1
    except (OSError, duckdb.Error) as e:
        bar.close()
        reason = getattr(e, "strerror", None) or str(e).splitlines()[0][:300]
        print(f"采集未完成：无法写入数据库（{reason}）。已抓取并提交的部分保存在工作副本中，问题解决后再次运行同一命令即可继续。",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        bar.close()
        print("采集已中断：已完成的网址已保存，再次运行同一命令即可接着抓取。", file=sys.stderr)
        return 130
    bar.close()
    for line in summary.lines():
        print(line, file=sys.stderr)
    return summary.exit_code()
