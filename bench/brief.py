"""Time to make the Word briefing (简报) of a selection, on generated databases of 12k and 100k reports.

    uv run --frozen python bench/brief.py [--reports 12000 100000] [--runs 3] [--no-charts]

The databases are bench/queries.py's (every report synthetic, cached under bench/out/ with the same key).
For each size and for two selections (everything; one district) it prints the median seconds of each step
of xxgk.brief.build — the named queries (gather), the sections (outline), the chart images through Chromium
(images), the source cells (cells) and the .docx (docx) — their total, and the file's size. The chart step
starts a browser each time, so it dominates and grows with the machine's load (printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import inspect
import os
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.brief import appendix, facts, images, outline, word  # noqa: E402
from xxgk.filters import Filters  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_queries", ROOT / "bench" / "queries.py")
bq = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bq)


def database(n: int) -> Path:
    """bench/queries.py's database of n reports (built if absent; same cache key as there)."""
    recipe = (ROOT / "queries" / "schema.sql").read_text(encoding="utf-8") + inspect.getsource(bq.build) \
        + inspect.getsource(bq.cell_expr) + repr((bq.YEARS, bq.BUREAUS, bq.DISTRICTS, bq.PHRASES))
    path = bq.OUT / f"bench_{n}_{hashlib.sha256(recipe.encode()).hexdigest()[:8]}.duckdb"
    if not path.exists():
        t0 = time.perf_counter()
        bq.build(path, n)
        print(f"built {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


def once(con: duckdb.DuckDBPyConnection, f: Filters, charts: bool) -> dict[str, float]:
    """One briefing, step by step as xxgk.brief.build makes it; seconds per step and the file size."""
    t = {}
    t0 = time.perf_counter()
    data = facts.gather(con, f)
    t["gather"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    brief, notes = outline.outline(data, dt.date.today())
    t["outline"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if charts:
        images.render(brief.figures())
        missing = [x.problem for x in brief.figures() if not x.image]
        if missing:
            print(f"  charts missing: {missing[0]}")
    t["images"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cells = facts.cells(con, f, notes.places(), notes.agencies())
    t["cells"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    content = word.to_docx(brief, appendix(notes, cells, data.agency_names))
    t["docx"] = time.perf_counter() - t0
    t["total"] = sum(t.values())
    t["kb"] = len(content) / 1024
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, nargs="+", default=[12_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-charts", action="store_true", help="leave the chart images out")
    args = ap.parse_args(argv)
    steps = ["gather", "outline", "images", "cells", "docx", "total"]
    print(f"{'reports':>8} {'selection':<10}" + "".join(f"{s + ' s':>10}" for s in steps) + f"{'docx KB':>9}")
    for n in args.reports:
        con = duckdb.connect(str(database(n)), read_only=True)
        district = con.execute("SELECT district FROM current_reports WHERE district IS NOT NULL LIMIT 1").fetchall()[0][0]
        count = con.execute("SELECT count(*) FROM current_reports").fetchall()[0][0]
        for label, f in (("all", Filters()), ("district", Filters(districts=(district,)))):
            runs = [once(con, f, not args.no_charts) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{count:>8} {label:<10}" + "".join(f"{med[s]:>10.2f}" for s in steps) + f"{med['kb']:>9.0f}",
                  flush=True)
        con.close()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine inflates times)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
