"""`make serve`'s stack (deploy/serve.py): nginx in front of two read-only replicas, on loopback ports.

A browser session through nginx loads a page (the websocket upgrade works), the route cookie that keeps a
browser on its replica is set, a body over the limit is refused by nginx (413), the replicas' import page
is closed (read-only), and SIGTERM stops nginx and the replicas cleanly."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.browser.harness import free_port, launch, wait_ready
from tests.pages.conftest import filled_db  # noqa: F401 - fixture

pytest.importorskip("playwright")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is installed by `make test` (APT_PACKAGES)")


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def stack(filled_db):  # noqa: F811
    run = Path(tempfile.mkdtemp(prefix="xxgk-serve-"))  # under /tmp: nginx's workers (nobody) reach it
    run.chmod(0o755)
    port, base = free_port(), free_port() + 10
    ports = [port, base, base + 1]
    env = {**os.environ, "XXGK_ADMIN_PASSWORD": "must-not-reach-the-replicas"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "deploy" / "serve.py"), "--replicas", "2",
                             "--port", str(port), "--base-port", str(base), "--db", str(filled_db),
                             "--run-dir", str(run / "run")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = proc.stdout.readline()  # the "serving" line, once nginx answers
        assert line.startswith("xxgk: http://"), (line, proc.stderr.read() if proc.poll() is not None else "")
        yield proc, port, ports, run
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(run, ignore_errors=True)


def test_a_session_through_nginx_loads_and_keeps_its_replica(stack):
    from playwright.sync_api import sync_playwright

    _, port, _, _ = stack
    with sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            sockets = []
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.goto(f"http://127.0.0.1:{port}/")
            wait_ready(page, "总览")  # settles only over a working websocket
            assert any(u.endswith("/_stcore/stream") for u in sockets), sockets
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            assert cookies.get("xxgk_route"), cookies  # the sticky-session key
            page.goto(f"http://127.0.0.1:{port}/upload")
            wait_ready(page, "数据导入")
            assert page.get_by_text("导入功能未开启").count() == 1  # replicas only read
        finally:
            browser.close()


def test_nginx_refuses_a_body_over_the_limit(stack):
    _, port, _, _ = stack
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    con.putrequest("PUT", "/_stcore/upload_file/some-session/some-file")
    con.putheader("Content-Type", "multipart/form-data; boundary=x")
    con.putheader("Content-Length", str(60 * 1024 * 1024))
    con.endheaders()
    resp = con.getresponse()  # answered from the headers alone, before any byte of the body
    assert resp.status == 413
    assert "nginx" in resp.read().decode("utf-8", "replace").lower()
    con.close()


def test_sigterm_stops_nginx_and_the_replicas(stack):
    proc, _, ports, run = stack
    assert all(listening(p) for p in ports)
    os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    deadline = time.monotonic() + 10
    while any(listening(p) for p in ports) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(listening(p) for p in ports)
    assert not (run / "run" / "nginx.pid").exists()  # nginx removed its pid file: it stopped, not killed


def test_static_assets_under_a_closed_folder_are_served_from_a_copy(monkeypatch):
    """A project cloned under a folder other users cannot enter (`mktemp -d` makes it 0700): nginx's
    workers (nobody) could not read Streamlit's assets there, and the page would never load."""
    from deploy import serve

    tmp_path = Path(tempfile.mkdtemp(prefix="xxgk-static-"))  # under /tmp, which others can enter
    closed = tmp_path / "closed"
    assets = closed / "site-packages" / "static"
    (assets / "js").mkdir(parents=True)
    (assets / "js" / "main.js").write_text("// asset", encoding="utf-8")
    tmp_path.chmod(0o755)
    closed.chmod(0o700)
    monkeypatch.setattr(serve, "static_dir", lambda: assets)
    run = tmp_path / "run"
    run.mkdir()
    assert not serve.others_can_read(assets)
    served = serve.served_static(run)
    if os.geteuid() == 0:  # the workers run as nobody: a readable copy in the run folder
        assert served == run / "static"
        assert (served / "js" / "main.js").read_text(encoding="utf-8") == "// asset"
        assert serve.others_can_read(served / "js")
    else:  # the workers run as this user, who reads the assets where they are
        assert served == assets
    closed.chmod(0o755)
    assert serve.others_can_read(assets)
    shutil.rmtree(tmp_path)
