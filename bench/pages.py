"""Dashboard speed in a real browser: first render and filter change per page, with ~10,000 reports loaded.

    uv run --frozen python bench/pages.py [--scale 5] [--rebuild] [--runs 3] [--db FILE]

The database is the demo corpus (示例数据，虚构; `--scale 5` fictional cities, about 12,500 reports) plus the
shipped real reports, generated and ingested through the normal commands once and cached under bench/out/
(`--db`: any database instead, such as bench/queries.py's 10^6 generated reports).
`streamlit run app.py` is started on a free port and driven by Debian's Chromium through Playwright.

For each page it prints, in seconds (median of --runs):
- cold:   first visit after the server started (nothing cached yet; only in the first run),
- first:  the page's URL loaded in a new tab, server and browser cache warm (target: at most 2 s),
- nav:    the page opened from the sidebar of another page, as an official moves around (target: 2 s),
- filter: the sidebar's district filter changed, until the page has re-run and redrawn (target: at most 1 s),
- script: the page's script alone on a warm rerun, timed in process with AppTest (no browser).
Each filter change picks a district not chosen before, so it never hits the query cache. The machine's load
average is printed too: the figures mean little on a machine busy with other work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import PAGES, SETTLED, launch, streamlit_server, wait_charts, wait_ready  # noqa: E402

OUT = ROOT / "bench" / "out" / "pages"  # a folder of its own: other benchmarks clean bench/out


def build(scale: int, rebuild: bool) -> Path:
    """The benchmark database: demo corpus of `scale` cities plus data/real, through demo and ingest."""
    db = OUT / f"scale{scale}.duckdb"
    corpus = OUT / f"demo_scale{scale}"
    if db.exists() and not rebuild:
        return db
    OUT.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    py = [sys.executable, "-m", "xxgk"]
    subprocess.run([*py, "demo", "--out", str(corpus), "--scale", str(scale), "--formats", "txt,html",
                    "--jobs", "2", "--force"], check=True, cwd=ROOT)
    subprocess.run([*py, "ingest", str(corpus), str(ROOT / "data" / "real"), "--db", str(db), "--quiet"],
                   check=True, cwd=ROOT)
    return db


def count_reports(db: Path) -> int:
    from xxgk import database

    con = database.open_read(db)
    try:
        return int(con.sql("SELECT count(*) FROM current_reports").fetchall()[0][0])
    finally:
        con.close()


def districts(db: Path) -> list[str]:
    from xxgk import database

    con = database.open_read(db)
    try:
        return [r[0] for r in con.sql("SELECT district FROM current_reports WHERE district IS NOT NULL "
                                      "GROUP BY 1 HAVING count(*) >= 100 ORDER BY 1").fetchall()]
    finally:
        con.close()


def open_page(page, base: str, path: str, title: str) -> float:
    """Load the page's URL in this tab; seconds until it has run and drawn its charts."""
    t = time.perf_counter()
    page.goto(f"{base}/{path}")
    wait_ready(page, title)
    wait_charts(page)
    return time.perf_counter() - t


def navigate(page, title: str) -> float:
    """Click the page's link in the sidebar (no reload); seconds until it has run and drawn its charts."""
    t = time.perf_counter()
    page.get_by_role("link", name=title, exact=True).click()
    wait_ready(page, title)
    wait_charts(page)
    return time.perf_counter() - t


def change_district(page, district: str) -> float:
    """Choose `district` in the sidebar's 区县 filter; seconds until the page has re-run and redrawn."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="区县").first
    box.click()
    page.keyboard.type(district)
    t = time.perf_counter()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    try:  # the rerun starts within a few frames; a very fast one may already be over
        page.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
            .getAttribute('data-test-script-state') !== 'notRunning'""", timeout=2_000)
    except Exception:
        pass
    page.wait_for_function(SETTLED, timeout=60_000)
    wait_charts(page)
    return time.perf_counter() - t


def script_times(db: Path, runs: int) -> dict[str, float]:
    """Seconds the page script itself takes on a warm rerun (AppTest, in this process), per page."""
    os.environ["XXGK_DB"] = str(db)
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *a, **k):  # run every rerun through app.py, as the server does (see tests/pages/conftest.py)
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    out = {}
    for path, title in PAGES.items():
        at.switch_page(f"pages/{path or 'overview'}.py").run()  # fills the caches
        shown = [t.value for t in at.title]
        assert not at.exception and not at.error and shown == [title], (path, shown, at.exception, at.error)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        out[path] = statistics.median(times)
    PagesManager.__init__ = original  # type: ignore[method-assign]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=5, help="fictional cities in the demo corpus (about 2,500 reports each)")
    ap.add_argument("--rebuild", action="store_true", help="generate and ingest the corpus again")
    ap.add_argument("--runs", type=int, default=3, help="repetitions per page (median printed)")
    ap.add_argument("--db", type=Path, default=None,
                    help="an existing database instead of the demo corpus, e.g. bench/queries.py's generated one of "
                         "10^6 reports (bench/out/bench_1000000_*.duckdb)")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    db = args.db.resolve() if args.db else build(args.scale, args.rebuild)
    n = count_reports(db)
    names = districts(db)
    print(f"database: {db.name}, {n:,} current reports, {len(names)} districts")
    script = script_times(db, args.runs)
    kinds = ("cold", "first", "nav", "filter")
    results: dict[str, dict[str, list[float]]] = {p: {k: [] for k in kinds} for p in PAGES}
    pick = iter(names * (args.runs * len(PAGES) // max(len(names), 1) + 1))
    load = os.getloadavg()[0]
    with streamlit_server(db) as base, sync_playwright() as p:
        browser = launch(p)
        # One browser context: its HTTP cache keeps Streamlit's and Plotly's scripts, as for a returning user.
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        for run in range(args.runs):
            for path, title in PAGES.items():
                tab = context.new_page()
                if run == 0:
                    results[path]["cold"].append(open_page(tab, base, path, title))
                    tab.close()
                    tab = context.new_page()
                results[path]["first"].append(open_page(tab, base, path, title))
                other = next(t for q, t in PAGES.items() if q != path)
                tab.get_by_role("link", name=other, exact=True).click()
                wait_ready(tab, other)
                results[path]["nav"].append(navigate(tab, title))
                results[path]["filter"].append(change_district(tab, next(pick)))
                tab.close()
                print(f"  run {run + 1} {title}: " + ", ".join(
                    f"{k} {v[-1]:.2f}" for k, v in results[path].items() if v), flush=True)
        browser.close()
    load = max(load, os.getloadavg()[0])

    def med(xs: list[float]) -> str:
        return f"{statistics.median(xs):6.2f}" if xs else "     —"

    def pad(title: str, width: int = 16) -> str:  # a Chinese character takes two columns
        return title + " " * max(0, width - 2 * len(title))

    print(f"{pad('page')}" + "".join(f"{k:>8}" for k in (*kinds, "script")) + f"   (seconds; median of {args.runs})")
    for path, title in PAGES.items():
        print(pad(title) + "".join(f"{med(results[path][k]):>8}" for k in kinds) + f"{script[path]:8.2f}")
    worst = {k: max(statistics.median(r[k]) for r in results.values()) for k in ("first", "nav", "filter")}
    print(f"max first render {worst['first']:.2f} s (URL load, warm server and browser cache), "
          f"{worst['nav']:.2f} s (from the sidebar; target 2 s); max filter change {worst['filter']:.2f} s "
          f"(target 1 s); machine load average up to {load:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
