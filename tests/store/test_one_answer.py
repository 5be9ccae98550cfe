"""One answer per file, whichever way it comes in: the size limit (one setting, one unit) gives parse, ingest and
the import page the same verdict; the agency is resolved once, so `parse` and the database agree on a name several
places share; the bytes are hashed once; ingest and reparse report a database they cannot write alike."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from pages import _import
from tests.store.helpers import FIXTURES, ROOT
from xxgk import database, settings
from xxgk.cli.parse import parse_one
from xxgk.ingest import ingest
from xxgk.store import publish

SEED = FIXTURES / "seed" / "000_63545407972970c8.txt"


def verdicts(path, db):
    """(parse's error code and message, ingest's, the import page's message) for one file."""
    got, ok = parse_one(str(path))
    parse = (got["error"]["code"], got["error"]["message"]) if not ok else ("ok", "")
    summary = ingest([path], db=db, workers=1, progress=False)
    stored = ("ok", "") if summary.stored else (summary.failed[0][1], summary.failed[0][2])
    page = _import.parse_one(path.read_bytes(), path.name)
    return parse, stored, page.problem


def test_a_51_mb_file_is_refused_alike_by_parse_ingest_and_the_import_page(tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"\0" * (51 * 1024 * 1024))
    parse, stored, page = verdicts(big, tmp_path / "x.duckdb")
    assert parse[0] == stored[0] == "too_large"
    assert parse[1] == stored[1] == page
    assert "超过 50 MB 上限" in page and "51.0 MB" in page


def test_a_file_under_the_limit_in_its_one_unit_is_refused_by_none_for_its_size(tmp_path):
    # 50,000,001 bytes: over 50 million, under 50 MB of 1,048,576 bytes (the setting's unit everywhere)
    assert 50_000_001 < settings.max_file_bytes()
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (50_000_001 - 8))
    parse, stored, page = verdicts(png, tmp_path / "x.duckdb")
    assert parse[0] == stored[0] == "unsupported_format"
    assert parse[1] == stored[1] == page


def test_parse_and_the_database_place_a_shared_name_alike(tmp_path):
    # 鼓楼区 is in four cities; this report's first lines say which (they quote 《福州市政府信息公开规定》)
    text = SEED.read_text(encoding="utf-8").replace("宁波市鄞州区经济和信息化局", "鼓楼区人民政府", 1)
    text = text.replace("宁波市", "福州市")
    f = tmp_path / "gulou.txt"
    f.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "xxgk", "parse", str(f)], cwd=ROOT, capture_output=True, text=True)
    printed = json.loads(out.stdout)
    assert printed["agency"] == "鼓楼区人民政府"
    assert printed["region"]["city"] == "福州市" and printed["bureau"] == "区县政府"
    db = tmp_path / "x.duckdb"
    assert ingest([f], db=db, workers=1, progress=False).stored == 1
    con = database.open_read(db)
    row = con.execute("SELECT a.city, a.code, a.bureau FROM reports r JOIN agencies a USING (agency_id)").fetchall()
    con.close()
    assert row == [(printed["region"]["city"], printed["region"]["code"], printed["bureau"])]


def test_ingest_hashes_each_file_once(tmp_path, monkeypatch):
    calls = []
    real = hashlib.sha256

    def counted(data=b"", **kwargs):  # noqa: ANN001, ANN003
        calls.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(hashlib, "sha256", counted)
    summary = ingest([SEED], db=tmp_path / "x.duckdb", workers=1, progress=False)
    assert summary.stored == 1
    assert calls.count(SEED.stat().st_size) == 1


def cli(*args):
    return subprocess.run([sys.executable, "-m", "xxgk", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("command", ["ingest", "reparse"])
def test_ingest_and_reparse_say_why_a_locked_database_cannot_be_written(tmp_path, command):
    db = tmp_path / "x.duckdb"
    args = [command, *([SEED] if command == "ingest" else []), "--db", db, "--quiet"]
    with publish.writer_lock(db):
        out = cli(*args)
    assert out.returncode == 1
    assert "另一个导入正在写入 x.duckdb" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("command", ["ingest", "reparse"])
def test_ingest_and_reparse_say_why_an_unwritable_place_cannot_be_written(tmp_path, command):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("a file where the database's folder should be")
    args = [command, *([SEED] if command == "ingest" else []), "--db", not_a_folder / "x.duckdb", "--quiet"]
    out = cli(*args)
    assert out.returncode == 1
    assert "未完成：无法写入数据库" in out.stderr and "Traceback" not in out.stderr
