"""The import page's 从政府网站采集 form: admin only, start URLs in, the crawl stored, the summary shown."""

from __future__ import annotations

import duckdb
from streamlit.testing.v1 import AppTest

from pages import _collect
from tests.fixtures.db.builder import build_file
from tests.pages.conftest import APP, navigation_only  # noqa: F401 - reruns go through app.py, as on the server

PASSWORD = "s3cret-口令"


def _open(db, monkeypatch) -> AppTest:
    monkeypatch.setenv("XXGK_DB", str(db))
    monkeypatch.setenv("XXGK_ADMIN_PASSWORD", PASSWORD)
    at = AppTest.from_file(APP, default_timeout=600).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_collect_form_is_behind_the_password(tmp_path, monkeypatch):
    at = _open(build_file(tmp_path / "a.duckdb"), monkeypatch)
    assert not [t for t in at.text_area if t.key == "collect_urls"]


def test_collect_form_crawls_stores_and_summarises(site, tmp_path, monkeypatch):
    s, base = site
    db = build_file(tmp_path / "c.duckdb")  # a filled database: the page's other sections have data to show
    con = duckdb.connect(str(db), read_only=True)
    already = set(con.execute("SELECT sha256, url, strftime(published, '%Y-%m-%d'), published_from "
                              "FROM collected_documents").fetchall())  # the fixture's own web-collected report
    con.close()
    at = _open(db, monkeypatch)
    at.text_input(key="admin_pw").input(PASSWORD)
    at.button(key="admin_login").click().run()
    at.text_area(key="collect_urls").input("not a url").run()
    at.button(key="collect_start").click().run()
    assert any("http://" in e.value for e in at.error), "a line that is no URL is refused with a reason"
    at.text_area(key="collect_urls").input(f"{base}/index.html\n{base}/index.html\n")
    at.number_input(key="collect_delay").set_value(0.0)
    at.button(key="collect_start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"找到年报 {len(s.expected)} 份" in m.value and f"新存 {len(s.expected)} 份" in m.value
               for m in at.success), [m.value for m in at.success]
    table = at.dataframe[0].value
    assert list(table.columns) == list(_collect.FAILED_LABELS.values())
    assert {u[len(base):] for u in table["网址"]} == s.failing
    con = duckdb.connect(str(db), read_only=True)
    rows = set(con.execute("SELECT sha256, url, strftime(published, '%Y-%m-%d'), published_from "
                           "FROM collected_documents").fetchall())
    con.close()
    assert already <= rows, "rows stored before the crawl are kept"
    added = rows - already
    assert all(u.startswith(base) for _, u, _, _ in added), "only the crawled portal's reports are added"
    assert len(added) == len(s.expected)
    assert {u[len(base):]: (d, f) for _, u, d, f in added} == s.expected


def test_start_urls_are_read_one_per_line():
    assert _collect.start_urls(" http://a/1 \n\nhttps://b/2\nhttp://a/1\nftp://c\n") == (
        ["http://a/1", "https://b/2"], ["ftp://c"])
