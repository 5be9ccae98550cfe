"""Uploads reach the server only from an admin session, within the per-session cap (pages/_uploads.py),
for the app exactly as `streamlit run app.py` serves it.

The flood of the attack: a visitor who never typed the password opens the dashboard, takes its session id
from the websocket and its XSRF cookie, and sends 8 × 45 MB to /_stcore/upload_file/… at once. Every PUT
must be refused and the server's memory must not grow by the flood.
"""

from __future__ import annotations

import os
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.browser.harness import launch, streamlit_server, wait_ready
from tests.pages.conftest import filled_db  # noqa: F401 - fixture

pytest.importorskip("playwright")

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "real" / "005.txt"
PASSWORD = "upload-gate-test-Pw-1"
MB = 1024 * 1024


def server_rss_mb(port: str) -> float:
    """VmRSS of the `streamlit run` process listening on `port`."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and port.encode() in cmd:
            return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    raise AssertionError(f"no streamlit process on port {port}")


def open_session(browser, base: str, path: str = ""):
    """A browser session on the dashboard: (page, its Streamlit session id, its cookies for requests)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    ids: list[str] = []

    def on_ws(ws) -> None:  # noqa: ANN001
        def frame(payload) -> None:  # noqa: ANN001
            if isinstance(payload, bytes):
                msg = ForwardMsg.FromString(payload)
                if msg.WhichOneof("type") == "new_session":
                    ids.append(msg.new_session.initialize.session_id)
        ws.on("framereceived", frame)

    page.on("websocket", on_ws)
    page.goto(f"{base}/{path}")
    wait_ready(page, "数据导入" if path == "upload" else "总览")
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert ids, "no session id seen on the websocket"
    return page, ids[-1], cookies


def put(base: str, session_id: str, cookies: dict[str, str], data: bytes, name: str = "r.txt") -> int:
    url = f"{base}/_stcore/upload_file/{session_id}/{uuid.uuid4()}"
    try:
        r = requests.put(url, files={"file": (name, data, "text/plain")}, cookies=cookies,
                         headers={"X-Xsrftoken": cookies.get("_streamlit_xsrf", "")}, timeout=120)
        return r.status_code
    except requests.ConnectionError:  # the server may close the connection without reading the body
        return -1


@pytest.fixture(scope="module")
def server(filled_db):  # noqa: F811
    env = {"XXGK_ADMIN_PASSWORD": PASSWORD, "XXGK_UPLOAD_SESSION_MB": "3", "XXGK_LOGIN_INTERVAL_S": "0"}
    with streamlit_server(filled_db, env=env) as base:
        yield base


def test_a_flood_from_a_visitor_is_refused_and_costs_no_memory(server):
    from playwright.sync_api import sync_playwright

    port = server.rsplit(":", 1)[1]
    with sync_playwright() as p:
        browser = launch(p)
        try:
            _, session_id, cookies = open_session(browser, server)
            before = server_rss_mb(port)
            body = os.urandom(45 * MB)
            with ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda _: put(server, session_id, cookies, body), range(8)))
            after = server_rss_mb(port)
        finally:
            browser.close()
    print(f"flood 8 x 45 MB from a visitor: statuses {statuses}; server RSS {before:.0f} -> {after:.0f} MB")
    assert all(s in (400, -1) for s in statuses), statuses  # refused before the body is read
    assert after - before < 60, f"server grew by {after - before:.0f} MB under a refused flood"


def test_an_admin_session_uploads_within_its_cap(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page, session_id, cookies = open_session(browser, server, "upload")
            assert put(server, session_id, cookies, REPORT.read_bytes()) == 400  # not yet admitted
            page.get_by_label("管理员密码").fill(PASSWORD)
            page.get_by_role("button", name="进入导入").click()
            page.wait_for_selector('[data-testid="stFileUploader"]', timeout=60_000)
            # the real uploader works for the admin: the file is parsed and previewed
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(REPORT))
            page.wait_for_selector('text=解析预览', timeout=120_000)
            # the cap (3 MB here) counts what the session holds: 2 MB more fits, a further 2 MB does not
            assert put(server, session_id, cookies, os.urandom(2 * MB)) == 204
            assert put(server, session_id, cookies, os.urandom(2 * MB)) == 413
        finally:
            browser.close()
