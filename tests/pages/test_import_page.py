"""The import page: closed without a configured password, constant-time password gate, upload → preview
with checks → store through the ingest path, a bad file refused with a reason and nothing stored for it."""

import shutil
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from pages import _import
from tests.pages.conftest import APP

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def open_import(db, monkeypatch, password: str) -> AppTest:
    monkeypatch.setenv("XXGK_DB", str(db))
    monkeypatch.setenv("XXGK_ADMIN_PASSWORD", password)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_closed_when_no_password_is_configured(filled_db, monkeypatch):
    at = open_import(filled_db, monkeypatch, "")
    assert any("未开启" in w.value and "XXGK_ADMIN_PASSWORD" in w.value for w in at.warning)
    assert not at.file_uploader
    assert not [t for t in at.text_input if t.key == "admin_pw"], "no password box when none is configured"


def login(at: AppTest, password: str) -> None:
    at.text_input(key="admin_pw").input(password)
    at.button(key="admin_login").click().run()


def test_wrong_password_keeps_it_closed(filled_db, monkeypatch):
    at = open_import(filled_db, monkeypatch, "s3cret-口令")
    login(at, "wrong")
    assert any("密码不正确" in w.value for w in at.warning)
    assert not at.file_uploader


def test_upload_preview_and_store(filled_db, tmp_path, monkeypatch):
    db = tmp_path / "work.duckdb"
    shutil.copyfile(filled_db, db)
    at = open_import(db, monkeypatch, "s3cret-口令")
    login(at, "s3cret-口令")
    assert at.file_uploader, "the right password opens the uploader"
    good = (REAL / "104.html").read_bytes()
    at.file_uploader[0].set_value([("../../etc/104.html", good, "text/html"),
                                   ("坏文件.pdf", b"%PDF-1.4 not really", "application/pdf")]).run()
    assert not at.exception, [e.value for e in at.exception]
    preview = at.dataframe[0].value
    assert list(preview["文件"]) == ["104.html", "坏文件.pdf"], "names are shown cleaned, without folders"
    assert preview["年度"][0] is not None and preview["问题"][1], "the bad file says why"
    store = next(b for b in at.button if b.key == "upload_store")
    assert "1 份" in store.label
    store.click().run()
    assert not at.exception and at.success, [e.value for e in at.exception]
    con = duckdb.connect(str(db), read_only=True)
    sha = _import.parse_one(good, "104.html").sha256
    assert con.execute("SELECT count(*) FROM reports WHERE report_id = ?", [sha]).fetchone()[0] == 1
    path = con.execute("SELECT path FROM sources WHERE sha256 = ?", [sha]).fetchone()[0]
    assert ".." not in path and path.startswith("upload/")
    con.close()
    # the same file again, in a new session: marked as stored, nothing offered to store
    at = open_import(db, monkeypatch, "s3cret-口令")
    login(at, "s3cret-口令")
    at.file_uploader[0].set_value([("104.html", good, "text/html")]).run()
    assert list(at.dataframe[0].value["问题"]) == ["已在库中，不会重复存储"]
    assert not [b for b in at.button if b.key == "upload_store"]


def test_clean_name_and_source_label_never_make_paths():
    assert _import.clean_name("../../a\x00b/c:\\d\\报告.pdf") == "报告.pdf"
    assert _import.source_label("ab" * 32, "../x.pdf") == "upload/" + "ab" * 8 + ".pdf"
    assert _import.source_label("ab" * 32, "evil.sh") == "upload/" + "ab" * 8


def test_an_upload_that_parses_too_long_is_stopped_and_the_page_stays_up(filled_db, monkeypatch):
    monkeypatch.setenv("XXGK_PARSE_TIMEOUT_S", "1")
    at = open_import(filled_db, monkeypatch, "s3cret-口令")
    login(at, "s3cret-口令")
    slow = ("1 2 " * 475_000).encode()  # about 3 s of parsing: over the 1 s limit
    at.file_uploader[0].set_value([("slow.txt", slow, "text/plain")]).run()
    assert not at.exception, [e.value for e in at.exception]
    preview = at.dataframe[0].value
    assert preview["问题"][0].startswith("解析超时") and "不会存入" in preview["问题"][0]
    assert not [b for b in at.button if b.key == "upload_store"], "nothing to store"
    assert any("没有需要存入的新年报" in w.value for w in at.warning)
