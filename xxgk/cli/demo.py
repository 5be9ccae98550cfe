"""`python -m xxgk demo --out data/demo [--seed N] [--scale K] [--formats txt,html,...]`."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from xxgk.demo.corpus import FORMATS, Options, all_agencies, generate_agencies, write_readme

HELP = "生成示例语料（示例数据，虚构）：虚构城市各机关 2019–2025 年的年报（txt/html/docx/pdf）及其真值 JSON"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="data/demo", help="output folder (default data/demo)")
    p.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives byte-identical files")
    p.add_argument("--scale", type=int, default=1,
                   help="number of fictional cities (about 2,450 reports each; 41 reach 100,000)")
    p.add_argument("--formats", default=",".join(FORMATS),
                   help="comma-separated formats to write, from txt,html,docx,pdf (default all, mostly txt/html)")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default 0: one per core)")
    p.add_argument("--force", action="store_true", help="replace the output folder if it exists")
    p.add_argument("--portal", default=None, metavar="DIR",
                   help="write the fictional city as a government web portal in DIR instead (for trying "
                        "`python -m xxgk collect` without the internet; HTML, DOCX and PDF reports)")


def _chunk(opts: Options, out: Path, start: int, stop: int) -> Counter[str]:
    return generate_agencies(out, all_agencies(opts.scale)[start:stop], opts)


def run(args: argparse.Namespace) -> int:
    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(f"未知格式：{','.join(unknown) or '（空）'}；可选：{','.join(FORMATS)}", file=sys.stderr)
        return 2
    if not 1 <= args.scale <= 99:
        print("--scale 须在 1 到 99 之间（每个虚构城市约 2,450 份年报）。", file=sys.stderr)
        return 2
    out = Path(args.portal or args.out)
    if out.exists() and not out.is_dir():
        print(f"输出路径 {out} 是一个文件，不是文件夹；请换一个 --out。", file=sys.stderr)
        return 1
    if out.exists() and any(out.iterdir()):
        if not args.force:
            print(f"输出目录 {out} 已存在且不为空；如需重新生成请加 --force。", file=sys.stderr)
            return 1
        shutil.rmtree(out)
    if args.portal:
        return _portal(out, Options(seed=args.seed, scale=args.scale))
    try:
        return _generate(out, Options(seed=args.seed, scale=args.scale, formats=formats), args.jobs)
    except OSError as e:
        print(f"无法写入 {out}：{e.strerror or e}（请检查磁盘空间和写权限）。", file=sys.stderr)
        return 1


def _generate(out: Path, opts: Options, jobs: int) -> int:
    # Written beside the target and renamed at the end, so an interrupted run never leaves a half corpus
    # that `make run` would take for a whole one.
    final, out = out, out.with_name(out.name + ".partial")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    formats = opts.formats
    t0 = time.perf_counter()
    n_agencies = len(all_agencies(opts.scale))
    jobs = max(1, min(jobs or (os.cpu_count() or 1), 32))
    counts: Counter[str] = Counter()
    if jobs == 1:
        counts = generate_agencies(out, all_agencies(opts.scale), opts)
    else:
        step = max(1, n_agencies // (jobs * 4))
        with ProcessPoolExecutor(jobs) as pool:
            futures = [pool.submit(_chunk, opts, out, i, i + step) for i in range(0, n_agencies, step)]
            for f in futures:
                counts.update(f.result())
    write_readme(out, opts, counts)
    if final.exists():
        final.rmdir()  # empty (checked above)
    out.rename(final)
    seconds = time.perf_counter() - t0
    reports = sum(v for k, v in counts.items() if k != "bytes")
    by_format = " ".join(f"{f}={counts.get(f, 0)}" for f in formats)
    print(f"示例数据，虚构：{reports} 份年报（{by_format}），{n_agencies} 个机关，"
          f"{counts['bytes'] / 1e6:.1f} MB，用时 {seconds:.1f} 秒 → {final}")
    return 0


def _portal(out: Path, opts: Options) -> int:
    from xxgk.demo.portal import write_portal

    t0 = time.perf_counter()
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        n = write_portal(partial, all_agencies(opts.scale), opts)
        if out.exists():
            out.rmdir()  # empty (checked above)
        partial.rename(out)
    except OSError as e:
        print(f"无法写入 {out}：{e.strerror or e}（请检查磁盘空间和写权限）。", file=sys.stderr)
        return 1
    print(f"示例数据，虚构：示例门户网站，{n} 份年报，用时 {time.perf_counter() - t0:.1f} 秒 → {out}\n"
          f"试用：python -m http.server 8000 -d {out}，然后 python -m xxgk collect http://127.0.0.1:8000/index.html")
    return 0
