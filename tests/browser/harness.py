"""Run the dashboard with `streamlit run` on a free localhost port and drive it with Debian's Chromium.

Shared by tests/browser/ and bench/pages.py.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from deploy import serve

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# url path -> page title, in navigation order (the default page lives at the root).
PAGES = {
    "": "总览", "disclosure": "主动公开", "applications": "依申请公开", "zero_activity": "零活动机关",
    "litigation": "复议诉讼", "timeliness": "按时公开", "agency": "机关画像", "compare": "对比", "quality": "数据质量",
    "upload": "数据导入", "about": "数据下载与说明",
}
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(db: Path, env: dict[str, str] | None = None, timeout: float = 90) -> Iterator[str]:
    """`streamlit run app.py` against `db` (started as deploy/serve.py starts a replica, with the caller's
    environment and `env` on top); yields the base URL and stops the server afterwards."""
    port = free_port()
    log = db.parent / f"streamlit-{port}.log"
    extra = {**os.environ, **(env or {})}
    proc = serve.replica(port, db, log, password=extra.get("XXGK_ADMIN_PASSWORD", ""), extra_env=extra)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            serve.wait_healthy(f"{base}/_stcore/health", proc, timeout=timeout)
        except RuntimeError as e:
            raise RuntimeError(f"{e}; see {log}") from None
        yield base
    finally:
        serve.stop([proc])


def launch(playwright):  # -> Browser
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_ready(page, title: str, timeout: float = 60_000) -> None:
    """Wait until the page shows `title` and Streamlit has finished running the script.

    A run may be followed at once by another (a widget bound to the URL seeds itself), so the page
    counts as ready only when it stays settled — no run, no stale element — for a short while.
    """
    page.wait_for_selector(f'h1:has-text("{title}")', timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while True:
        page.wait_for_function(SETTLED, timeout=timeout)
        page.wait_for_timeout(250)
        if page.evaluate(SETTLED):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"page {title} did not settle")


def wait_charts(page, timeout: float = 60_000) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .every(c => c.querySelector('.main-svg'))""", timeout=timeout)
