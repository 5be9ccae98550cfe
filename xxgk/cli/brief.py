"""`python -m xxgk brief --db FILE [filters] --out FILE.docx`: the Word briefing of a selection, as on 总览."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from xxgk import keys, settings
from xxgk.errors import XxgkError
from xxgk.filters import Filters

HELP = "生成所选范围的政务公开年报统计简报（Word .docx）：主要指标、图表、排名、零申请、缺报、数据质量与数字来源"
TEMPLATES = {**{t: t for t in keys.TEMPLATE_NAMES}, **{n: t for t, n in keys.TEMPLATE_NAMES.items()}}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help=f"database file (default: $XXGK_DB or {settings.get('db')})")
    p.add_argument("--out", required=True, help="the .docx file to write")
    p.add_argument("--years", default=None, help="report years, e.g. 2021-2024 or 2023 (default: all)")
    p.add_argument("--district", action="append", default=[], help="区县 (repeatable; default: all)")
    p.add_argument("--bureau", action="append", default=[], help="部门类型 (repeatable; default: all)")
    p.add_argument("--name", default="", help="机关名称包含 (agencies whose name contains this text)")
    p.add_argument("--agency", action="append", default=[], help="指定机关, full name (repeatable)")
    p.add_argument("--template", action="append", default=[], choices=sorted(TEMPLATES),
                   help="模板版本 (repeatable; default: all)")
    p.add_argument("--dataset", choices=("demo", "real"), default="real",
                   help="数据集: real (real agencies' reports, the default) or demo (the fictional demo city, "
                        "示例数据，虚构); the two are never added together")
    p.add_argument("--scope", choices=("agency", "region"), default="agency",
                   help="统计口径: agency (each agency's own figures, the default) or region (governments' "
                        "region-wide tables, 政府汇总)")
    p.add_argument("--no-charts", action="store_true", help="leave the chart images out (no browser needed)")


def years(text: str | None) -> tuple[int, int]:
    """'2021-2024' (also – or ～) or '2023' → (from, to); None → every year."""
    if not text:
        return Filters().year_from, Filters().year_to
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–~～至]\s*(\d{4}))?\s*", text)
    if not m:
        raise ValueError(f"--years {text!r}：请写成 2021-2024 或 2023")
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    if lo > hi:
        raise ValueError(f"--years {text!r}：起始年度晚于截止年度")
    return lo, hi


def selection(args: argparse.Namespace, con) -> Filters:
    """The sidebar's filters from the command line; agency names are resolved as the sidebar resolves them."""
    import polars as pl

    from xxgk import queries

    lo, hi = years(args.years)
    ids: tuple[int, ...] = ()
    if args.agency or args.name:
        opts = queries.run(con, "filter_options", {"dataset": args.dataset}).filter(pl.col("kind") == "agency")
        known = dict(zip(opts["label"].to_list(), (int(v) for v in opts["value"].to_list()), strict=True))
        unknown = [a for a in args.agency if a not in known]
        if unknown:
            raise ValueError("数据库中没有这些机关：" + "、".join(unknown) + "。请写机关的规范全称（看板侧栏「指定机关」中的名称），"
                             "或改用 --name 按名称中的文字筛选")
        chosen = {n: i for n, i in known.items() if (not args.agency or n in args.agency) and args.name in n}
        ids = tuple(sorted(chosen.values())) or (-1,)  # -1: nothing matches, as the sidebar does
    return Filters(year_from=lo, year_to=hi, districts=tuple(args.district), bureaus=tuple(args.bureau),
                   agency_ids=ids, templates=tuple(dict.fromkeys(TEMPLATES[t] for t in args.template)),
                   dataset=args.dataset, scope=args.scope)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from xxgk import database
    from xxgk.brief import build

    db = settings.db_path(args.db)
    if not db.is_file():
        print(f"无法生成简报：数据库文件 {db} 不存在。请先运行 make run 或 python -m xxgk ingest 建立数据库，"
              "或用 --db 指定已有的数据库文件。", file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        print(f"无法生成简报：--out {out} 应以 .docx 结尾。", file=sys.stderr)
        return 2
    try:
        con = database.open_read(db)
        f = selection(args, con)
        briefing = build(con, f, charts=not args.no_charts)
    except ValueError as e:
        print(f"无法生成简报：{e}", file=sys.stderr)
        return 2
    except XxgkError as e:
        print(f"无法生成简报：{e.message}", file=sys.stderr)
        return 1
    except duckdb.Error as e:
        print(f"无法生成简报：读取数据库出错（{type(e).__name__}）。请确认 {db} 是本项目的数据库且未损坏。", file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(briefing.content)
    except OSError as e:
        print(f"无法写入 {out}（{e.strerror}）。请检查文件夹是否存在、是否有写权限，或文件是否正被 Word 打开。",
              file=sys.stderr)
        return 1
    label = "，含示例数据（虚构）" if briefing.synthetic else ""
    print(f"已生成简报 {out}：{briefing.reports} 份年报{label}，{briefing.figures} 张图表。")
    for problem in briefing.problems:
        print(f"提示：{problem}", file=sys.stderr)
    return 0
