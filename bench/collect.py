"""The collect command's figures: accuracy on the test portal, the crawler's own speed, memory at 5,000.

    uv run --frozen python bench/collect.py [--documents 5000] [--speed-agencies 40]

1. Reports found / expected and false pickups on the test portal of tests/collect (every list style,
   look-alikes, faults), by a dry run.
2. Pages fetched per minute at a 0 s delay: a dry run over a generated demo portal (HTML reports) served on
   127.0.0.1 — the crawler's own cost per page, parsing each page included, no network wait.
3. Peak memory (RSS) of `python -m xxgk collect` storing `--documents` reports from a generated portal into
   a new database, measured on the child process (getrusage).
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.collect import portal as test_portal  # noqa: E402
from xxgk.collect.crawl import Options as CrawlOptions  # noqa: E402
from xxgk.collect.job import collect  # noqa: E402
from xxgk.demo.corpus import Options, agency_sheets, all_agencies  # noqa: E402
from xxgk.demo.portal import write_portal  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve_dir(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def accuracy() -> None:
    other = test_portal.Site()
    osrv, obase = test_portal.serve(other)
    site = test_portal.build(obase.split("//", 1)[1])
    srv, base = test_portal.serve(site)
    found: list = []
    collect(CrawlOptions([base + "/index.html"], delay=0, backoff=0.05), dry_run=True, emit=found.append)
    got = {f.url[len(base):] for f in found if f.url.startswith(base)} | {f.url for f in found if not f.url.startswith(base)}
    expected = set(site.expected)
    dates_right = sum(1 for f in found if f.url[len(base):] in expected and
                      (f.published and f.published.isoformat(), f.published_from) == site.expected[f.url[len(base):]])
    print(f"test portal: reports found {len(got & expected)}/{len(expected)}, false pickups {len(got - expected)}, "
          f"dates and their source right {dates_right}/{len(expected)}, "
          f"requests to the other host {len(other.log)}, look-alikes requested {len({p for _, p, _ in site.log} & site.never)}")
    srv.shutdown()
    osrv.shutdown()


def _agencies_for(documents: int) -> list:
    """The first agencies of the fictional cities whose reports add up to at least `documents`."""
    out, n = [], 0
    for a in all_agencies(9):
        out.append(a)
        n += sum(1 for _ in agency_sheets(a, Options(seed=0, formats=("html",))))
        if n >= documents:
            break
    return out


def speed(agencies: int, tmp: Path) -> None:
    folder = tmp / "speed"
    n = write_portal(folder, all_agencies(1)[:agencies], Options(seed=1), mix=(("html", 1.0),))
    srv, base = _serve_dir(folder)
    t0 = time.perf_counter()
    s = collect(CrawlOptions([base + "/index.html"], delay=0), dry_run=True)
    seconds = time.perf_counter() - t0
    srv.shutdown()
    print(f"speed at 0 s delay: {s.pages_fetched} pages and files in {seconds:.1f} s = "
          f"{s.pages_fetched / seconds * 60:.0f} per minute (dry run, parsing included; {len(s.found)}/{n} reports found)")


def memory(documents: int, tmp: Path) -> None:
    folder = tmp / "big"
    t0 = time.perf_counter()
    n = write_portal(folder, _agencies_for(documents), Options(seed=2), mix=(("html", 1.0),))
    print(f"generated a portal of {n} reports in {time.perf_counter() - t0:.0f} s")
    srv, base = _serve_dir(folder)
    db = tmp / "big.duckdb"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "xxgk", "collect", base + "/index.html", "--db", str(db),
                           "--delay", "0", "--quiet", "--max-pages", str(4 * n + 1000)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - t0
    srv.shutdown()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = [line for line in proc.stderr.splitlines() if "找到年报" in line]
    print(f"collecting {n} documents into a new database: exit {proc.returncode}, {seconds:.0f} s, "
          f"peak RSS {peak_mb:.0f} MB; {summary[0].strip() if summary else proc.stderr[-500:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=5000)
    ap.add_argument("--speed-agencies", type=int, default=40)
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: accuracy,speed,memory")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if "accuracy" not in skip:
            accuracy()
        if "speed" not in skip:
            speed(args.speed_agencies, tmp)
        if "memory" not in skip:
            memory(args.documents, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
