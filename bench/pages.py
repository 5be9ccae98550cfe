"""Dashboard speed in a real browser: first render and filter change per page, with ~10,000 reports loaded.

    uv run --frozen python bench/pages.py [--scale 5] [--rebuild] [--runs 3]

The database is the demo corpus (示例数据，虚构; `--scale 5` fictional cities, about 12,500 reports) plus the
shipped real reports, generated and ingested through the normal commands once and cached under bench/out/.
`streamlit run app.py` is started on a free port and driven by Debian's Chromium through Playwright.

For each page it prints, in seconds (median of --runs):
- cold:   first visit after the server started (nothing cached yet; only in the first run),
- first:  first render in a fresh browser tab with the server warm (the target: at most 2 s),
- filter: the sidebar's district filter changed, until the page has re-run and redrawn (target: at most 1 s).
Each filter change picks a district not chosen before, so it never hits the query cache.
"""

from __future__ import annotations

import argparse
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
        return [r[0] for r in con.sql("SELECT DISTINCT district FROM current_reports WHERE district IS NOT NULL "
                                      "ORDER BY 1").fetchall()]
    finally:
        con.close()


def open_page(page, base: str, path: str, title: str) -> float:
    t = time.perf_counter()
    page.goto(f"{base}/{path}")
    wait_ready(page, title)
    wait_charts(page)
    return time.perf_counter() - t


def change_district(page, district: str) -> float:
    """Choose `district` in the sidebar's 区县 filter (replacing any earlier choice); time until redrawn."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="区县").first
    clear = box.locator('[aria-label="Clear all"], [title="Clear all"]')
    box.click()
    t = time.perf_counter()
    page.get_by_role("option", name=district, exact=True).click()
    page.keyboard.press("Escape")
    try:  # the rerun starts within a few frames; a very fast one may already be over
        page.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
            .getAttribute('data-test-script-state') !== 'notRunning'""", timeout=2_000)
    except Exception:
        pass
    page.wait_for_function(SETTLED, timeout=60_000)
    wait_charts(page)
    elapsed = time.perf_counter() - t
    if clear.count():
        clear.first.click()
        page.wait_for_function(SETTLED, timeout=60_000)
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=5, help="fictional cities in the demo corpus (about 2,500 reports each)")
    ap.add_argument("--rebuild", action="store_true", help="generate and ingest the corpus again")
    ap.add_argument("--runs", type=int, default=3, help="repetitions per page (median printed)")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    db = build(args.scale, args.rebuild)
    n = count_reports(db)
    names = districts(db)
    print(f"database: {db.name}, {n:,} current reports, {len(names)} districts")
    results: dict[str, dict[str, list[float]]] = {p: {"cold": [], "first": [], "filter": []} for p in PAGES}
    pick = iter(names * (args.runs * len(PAGES) // max(len(names), 1) + 1))
    with streamlit_server(db) as base, sync_playwright() as p:
        browser = launch(p)
        for run in range(args.runs):
            for path, title in PAGES.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                seconds = open_page(page, base, path, title)
                results[path]["cold" if run == 0 else "first"].append(seconds)
                if run == 0:  # the warm first render of the first run: a second fresh tab
                    page.close()
                    page = browser.new_page(viewport={"width": 1400, "height": 1600})
                    results[path]["first"].append(open_page(page, base, path, title))
                results[path]["filter"].append(change_district(page, next(pick)))
                page.close()
                print(f"  run {run + 1} {title}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in results[path].items() if v),
                      flush=True)
        browser.close()

    def med(xs: list[float]) -> str:
        return f"{statistics.median(xs):6.2f}" if xs else "     —"

    def pad(title: str, width: int = 16) -> str:  # a Chinese character takes two columns
        return title + " " * max(0, width - 2 * len(title))

    print(f"{pad('page')}{'cold':>8}{'first':>8}{'filter':>8}   (seconds; first and filter: median of {args.runs})")
    for path, title in PAGES.items():
        r = results[path]
        print(f"{pad(title)}{med(r['cold']):>8}{med(r['first']):>8}{med(r['filter']):>8}")
    first_max = max(statistics.median(r["first"]) for r in results.values())
    filter_max = max(statistics.median(r["filter"]) for r in results.values())
    print(f"max first render {first_max:.2f} s (target 2 s), max filter change {filter_max:.2f} s (target 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
