"""`python -m xxgk demo --portal`: the fictional city as a portal; collect finds every report on it, dated."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from xxgk.collect.crawl import Options as CrawlOptions
from xxgk.collect.job import collect
from xxgk.demo.corpus import Options, all_agencies
from xxgk.demo.portal import write_portal


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_collect_finds_every_report_of_the_demo_portal(tmp_path):
    n = write_portal(tmp_path, all_agencies(1)[::60], Options(seed=5))
    manifest = json.loads((tmp_path / "portal.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] == "示例数据，虚构" and len(manifest["reports"]) == n > 10
    assert "示例数据，虚构" in (tmp_path / "index.html").read_text(encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        found = []
        summary = collect(CrawlOptions([base + "/index.html"], delay=0), dry_run=True, emit=found.append)
    finally:
        server.shutdown()
    assert summary.finished and not summary.failed
    got = {f.url[len(base):]: (f.published.isoformat(), f.article and f.article[len(base):]) for f in found}
    assert got == {r["url"]: (r["published"], r["article"]) for r in manifest["reports"]}
