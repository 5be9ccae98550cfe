"""Many users at once: concurrent browser sessions on the dashboard while an ingest writes the database.

    uv run --frozen python bench/load.py [--sessions 20] [--reports 600] [--rounds 1] [--browsers 2]
                                         [--nginx-replicas N] [--pages overview,agency,...]

A database is built from demo reports (text and HTML) plus one report whose agency name carries HTML
and script. `streamlit run app.py` serves it on a free localhost port. Meanwhile ingests of further
demo reports run into the same database file, one after another, for as long as the sessions browse.
Every session (a Chromium context; the contexts spread over a few browsers) opens every page of the
dashboard in its own order, `--rounds` times, and waits until Streamlit has finished the page.

A page counts as an error when it shows an exception box, an error message, never settles, or when the
script planted in the agency name ran. Page time is from navigation until the page has settled.
The admin password given to the server must not appear in its log.

With `--nginx-replicas N` the same sessions run twice in the same run, on the same database: first
against one `streamlit run app.py`, then through deploy/serve.py (nginx in front of N read-only
replicas), each with the ingests running. The memory figure is the peak, sampled every second, of the
summed resident memory of the serving processes (the one replica; or nginx, its workers and the replicas).

Prints: sessions, pages loaded, errors, p50/p95/max page time, server memory, ingests completed meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, PAGES, SETTLED, streamlit_server  # noqa: E402

XSS_FLAG = "__xxgk_xss"
PASSWORD = "load-Pw-5b1d0c"
# One report's agency name and title are text that is HTML (escaped in the page source, so the parser
# reads them as text): rendered raw, the name would show a <b> element and the title would run a script.
HOSTILE_AGENCY = "示范市<b>审计</b>局"
HOSTILE_TITLE = f'<img src=x onerror="window.{XSS_FLAG}=1"><script>window.{XSS_FLAG}=1</script>'


def hostile_report() -> bytes:
    """A real 2021 HTML report with its agency renamed to HOSTILE_AGENCY and HOSTILE_TITLE in its title."""
    from xxgk.pipeline import parse_bytes

    page = (ROOT / "tests" / "fixtures" / "variants" / "v21_html_gbk_chrome_rowspan.html").read_bytes().decode("gbk")
    name = parse_bytes(page.encode("gbk"), "x.html").agency or ""
    page = page.replace(name, html.escape(HOSTILE_AGENCY)) if name else page
    page = page.replace("<title>", "<title>" + html.escape(HOSTILE_TITLE), 1)
    return page.encode("gbk", "xmlcharrefreplace")


def demo_corpus(folder: Path, reports: int, seed: int, offset: int = 0) -> None:
    """About `reports` demo reports (text and HTML), from the agencies after `offset`."""
    from xxgk.demo.corpus import Options, all_agencies, generate_agencies

    agencies = all_agencies(1)
    n = max(1, reports // 7)
    generate_agencies(folder, agencies[offset:offset + n], Options(seed=seed, formats=("txt", "html")))
    for p in folder.rglob("*.truth.json"):
        p.unlink()


def ingest(paths: list[Path], db: Path, workers: int = 1) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk", "ingest", *map(str, paths), "--db", str(db), "--quiet",
                           "--workers", str(workers)], cwd=ROOT, capture_output=True, timeout=3600)


@dataclass
class Load:
    sessions: int = 0
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ingests: int = 0
    ingest_failures: list[str] = field(default_factory=list)
    password_in_log: bool = False
    peak_rss_mb: float = 0.0  # the serving processes' summed resident memory, at its highest
    label: str = "one replica"
    chart_markup: int = 0  # pages where a chart title read an agency name's tags as markup

    def lines(self) -> list[str]:
        t = sorted(self.times)
        p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))] if t else float("nan")
        return [f"[{self.label}]",
                f"sessions: {self.sessions}",
                f"pages loaded: {len(self.times)}",
                f"errors: {len(self.errors)}",
                f"page time: p50 {statistics.median(t) if t else float('nan'):.1f} s, p95 {p95:.1f} s, "
                f"max {max(t) if t else float('nan'):.1f} s",
                f"server memory (peak RSS of the serving processes): {self.peak_rss_mb:,.0f} MB",
                f"ingests completed while browsing: {self.ingests} ({len(self.ingest_failures)} failed)",
                f"admin password in the server log: {'YES' if self.password_in_log else 'no'}",
                f"chart titles reading HTML tags in an agency name as markup: {self.chart_markup} page(s)"]

    @property
    def p95(self) -> float:
        t = sorted(self.times)
        return t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))] if t else float("nan")


async def _settled(page, title: str, timeout_ms: float) -> None:  # noqa: ANN001
    await page.wait_for_selector(f'h1:has-text("{title}")', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        await page.wait_for_function(SETTLED, timeout=timeout_ms)
        await page.wait_for_timeout(250)
        if await page.evaluate(SETTLED):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{title} did not settle")


async def _session(browser, base: str, k: int, paths: list[str], rounds: int, load: Load,  # noqa: ANN001
                   timeout_ms: float) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    order = list(paths)
    rng = random.Random(k)
    try:
        for r in range(rounds):
            rng.shuffle(order)
            for path in order:
                title = PAGES[path]
                t = time.monotonic()
                try:
                    await page.goto(f"{base}/{path}", wait_until="domcontentloaded", timeout=timeout_ms)
                    await _settled(page, title, timeout_ms)
                except Exception as e:  # noqa: BLE001 - a page that never settles is an error, counted
                    load.errors.append(f"session {k} round {r} {title}: {type(e).__name__}: {str(e)[:200]}")
                    continue
                load.times.append(time.monotonic() - t)
                exceptions = await page.locator('[data-testid="stException"]').count()
                alerts = await page.locator('[data-testid="stAlertContentError"]').count()
                ran = await page.evaluate(f"() => window.{XSS_FLAG} === 1")
                ran = ran or await page.locator('b:text-is("审计")').count() > 0
                if exceptions or alerts or ran:
                    text = ""
                    if alerts:
                        text = (await page.locator('[data-testid="stAlertContentError"]').first.inner_text())[:200]
                    load.errors.append(f"session {k} round {r} {title}: {exceptions} exception(s), {alerts} "
                                       f"error(s){', planted HTML rendered' if ran else ''} {text}")
        await _hostile_visit(page, base, k, load, timeout_ms)
    finally:
        await context.close()


async def _hostile_visit(page, base: str, k: int, load: Load, timeout_ms: float) -> None:  # noqa: ANN001
    """The agency page of the agency whose name is HTML: the name shows as text, nothing of it runs."""
    from urllib.parse import quote

    t = time.monotonic()
    try:
        await page.goto(f"{base}/agency?org={quote(HOSTILE_AGENCY)}", wait_until="domcontentloaded",
                        timeout=timeout_ms)
        await _settled(page, PAGES["agency"], timeout_ms)
    except Exception as e:  # noqa: BLE001
        load.errors.append(f"session {k} hostile agency page: {type(e).__name__}: {str(e)[:200]}")
        return
    load.times.append(time.monotonic() - t)
    shown = html.escape(HOSTILE_AGENCY, quote=False) in await page.content()  # printed as text, tags escaped
    ran = await page.evaluate(f"() => window.{XSS_FLAG} === 1") or await page.locator('b:text-is("审计")').count()
    # Plotly reads <b>, <i>, <a href> in titles as markup: a chart title built from the name shows whether
    # data reaches a chart as text (the tags printed) or as markup (the tags consumed).
    titles = await page.locator(".gtitle").all_text_contents()
    if any("示范市审计局" in (t or "") for t in titles):
        load.chart_markup += 1
        load.errors.append(f"session {k} hostile agency page: a chart title read the name's tags as markup")
    if ran or not shown:
        load.errors.append(f"session {k} hostile agency page: "
                           f"{'its HTML was rendered' if ran else 'the name is not shown as text'}")


async def browse(base: str, sessions: int, paths: list[str], rounds: int, browsers: int, load: Load,
                 timeout_ms: float = 240_000) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        open_browsers = [await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                         for _ in range(max(1, min(browsers, sessions)))]
        try:
            load.sessions = sessions
            await asyncio.gather(*[_session(open_browsers[k % len(open_browsers)], base, k, paths, rounds, load,
                                            timeout_ms) for k in range(sessions)])
        finally:
            for b in open_browsers:
                await b.close()


def _ingest_meanwhile(db: Path, chunks: list[Path], stop: threading.Event, load: Load) -> None:
    """Ingest the chunks one after another (again from the first when all are in) until `stop` is set."""
    i = 0
    while not stop.is_set():
        chunk = chunks[i % len(chunks)]
        if i >= len(chunks):  # all in: copy a chunk with changed bytes, so each ingest writes something
            fresh = Path(tempfile.mkdtemp(prefix=f"{chunk.name}-again{i}-", dir=chunk.parent))
            shutil.copytree(chunk, fresh, dirs_exist_ok=True)
            for p in fresh.rglob("*.txt"):
                p.write_bytes(p.read_bytes() + b"\n" * (i + 1))
            chunk = fresh
        res = ingest([chunk], db)
        if res.returncode == 0:
            load.ingests += 1
        else:
            load.ingest_failures.append(res.stderr.decode("utf-8", "replace")[-300:])
        i += 1


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _listening_on(port: int) -> list[int]:
    """The `streamlit run` process serving `port`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
                found.append(int(entry))
    return found


def _sample(pids, load: Load, stop: threading.Event) -> None:  # noqa: ANN001 - pids: () -> list[int]
    while not stop.wait(1.0):
        load.peak_rss_mb = max(load.peak_rss_mb, _rss_mb(pids()))


class _Stack:
    """deploy/serve.py with `replicas` replicas on free loopback ports; the base URL while it runs."""

    def __init__(self, db: Path, replicas: int, run: Path):
        from tests.browser.harness import free_port

        self.db, self.replicas, self.run, self.port = db, replicas, run, free_port()
        self.base_port = free_port() + 20
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> str:
        self.run.mkdir(parents=True, exist_ok=True)
        self.run.chmod(0o755)
        env = {**os.environ, "XXGK_ADMIN_PASSWORD": PASSWORD}
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "serve.py"), "--replicas", str(self.replicas), "--port",
             str(self.port), "--base-port", str(self.base_port), "--db", str(self.db), "--run-dir",
             str(self.run / "run"), "--page-rate", "1000"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            text=True, start_new_session=True)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line.startswith("xxgk: http://"):
            raise RuntimeError(f"deploy/serve.py did not start; see {self.run / 'run'}")
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=120)


def build(scratch: Path, reports: int, chunks: int = 3, seed: int = 0, log=print) -> tuple[Path, list[Path]]:  # noqa: ANN001
    """The database (demo reports and the hostile one) and the folders to ingest while browsing."""
    base_corpus = scratch / "base"
    demo_corpus(base_corpus, reports, seed)
    (base_corpus / "hostile-agency.html").write_bytes(hostile_report())
    db = scratch / "data" / "xxgk.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    res = ingest([base_corpus], db, workers=2)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.decode("utf-8", "replace")[-1000:])
    log(f"database: {reports} demo reports and the hostile one ingested in {time.monotonic() - t:.0f} s")
    more = []
    per_chunk = max(7, reports // 6)
    for c in range(chunks):
        folder = scratch / f"more{c}"
        demo_corpus(folder, per_chunk, seed, offset=reports // 7 + 1 + c * (per_chunk // 7))
        more.append(folder)
    return db, more


def measure(db: Path, more: list[Path], sessions: int, rounds: int = 1, browsers: int = 2,
            paths: list[str] | None = None, nginx_replicas: int = 0, scratch: Path | None = None) -> Load:
    """`sessions` browse while ingests run: against one replica, or through nginx and `nginx_replicas`."""
    load = Load(label=f"nginx + {nginx_replicas} replicas" if nginx_replicas else "one replica")
    stop = threading.Event()
    if nginx_replicas:
        server = _Stack(db, nginx_replicas, (scratch or db.parent) / f"serve-{nginx_replicas}")
    else:
        server = streamlit_server(db, env={"XXGK_ADMIN_PASSWORD": PASSWORD})
    with server as base:
        if nginx_replicas:
            root = server.proc.pid  # type: ignore[union-attr]
            pids = lambda: [p for p in _descendants(root) if p != root]  # noqa: E731
        else:
            port = int(base.rsplit(":", 1)[1])
            pids = lambda: _listening_on(port)  # noqa: E731
        sampler = threading.Thread(target=_sample, args=(pids, load, stop), daemon=True)
        writer = threading.Thread(target=_ingest_meanwhile, args=(db, more, stop, load), daemon=True)
        sampler.start()
        writer.start()
        try:
            asyncio.run(browse(base, sessions, paths or list(PAGES), rounds, browsers, load))
        finally:
            stop.set()
            writer.join(timeout=600)
    for log_file in [*db.parent.glob("streamlit-*.log"), *db.parent.glob("serve-*/run/*.log")]:
        load.password_in_log |= PASSWORD in log_file.read_text(encoding="utf-8", errors="replace")
    return load


def run_load(scratch: Path, sessions: int, reports: int, rounds: int = 1, browsers: int = 2,
             paths: list[str] | None = None, chunks: int = 3, seed: int = 0, log=print) -> Load:  # noqa: ANN001
    """Build the database, serve it, ingest into it while `sessions` browse; the figures."""
    db, more = build(scratch, reports, chunks, seed, log)
    return measure(db, more, sessions, rounds, browsers, paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--reports", type=int, default=600, help="demo reports in the database before browsing")
    ap.add_argument("--rounds", type=int, default=1, help="times each session opens every page")
    ap.add_argument("--browsers", type=int, default=2, help="Chromium processes the sessions share")
    ap.add_argument("--nginx-replicas", type=int, default=0,
                    help="also run the sessions through deploy/serve.py with this many replicas (0: not)")
    ap.add_argument("--pages", default="", help="comma-separated page paths to open (default: all; '' is 总览)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    paths = [p if p != "overview" else "" for p in args.pages.split(",")] if args.pages else None
    loads = []
    with tempfile.TemporaryDirectory(prefix="xxgk-load-") as tmp:
        Path(tmp).chmod(0o755)  # nginx's workers run as nobody when this runs as root
        db, more = build(Path(tmp), args.reports, seed=args.seed, log=lambda s: print(s, flush=True))
        for replicas in ([0, args.nginx_replicas] if args.nginx_replicas else [0]):
            t = time.monotonic()
            load = measure(db, more, args.sessions, args.rounds, args.browsers, paths, replicas, Path(tmp))
            loads.append(load)
            for line in load.lines():
                print(line, flush=True)
            print(f"wall time: {time.monotonic() - t:.0f} s", flush=True)
            for e in load.errors[:20]:
                print(f"  {e}")
            for e in load.ingest_failures[:5]:
                print(f"  ingest failed: {e}")
    return 1 if any(x.errors or x.ingest_failures or x.password_in_log for x in loads) else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
