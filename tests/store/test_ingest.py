"""Ingest of real fixture files: twice is once, failures recorded and listed, non-report files skipped,
readers never blocked and never shown half an ingest."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.store.helpers import FIXTURES, parsed, table3
from xxgk import database, queries
from xxgk.ingest import ingest, walk
from xxgk.store import derive, publish, schema
from xxgk.store.writer import Writer

TABLES = ("agencies", "agency_aliases", "sources", "reports", "cells", "checks", "narrative", "ingest_errors",
          "facts", "meta")


@pytest.fixture
def corpus(tmp_path):
    """The real reports with their truth files and a README beside them, plus one broken file."""
    d = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "real", d / "real")
    shutil.copytree(FIXTURES / "seed", d / "seed")
    (d / "README.md").write_text("# not a report\n", encoding="utf-8")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    return d


def counts(db):
    con = database.open_read(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_walk_reads_reports_and_skips_truth_files_and_readmes(corpus):
    files, skipped, missing = walk([corpus, corpus / "nowhere"])
    names = sorted(f.name for f in files)
    assert names == ["000_63545407972970c8.txt", "002.pdf", "003.pdf", "004.pdf", "005.txt", "104.html",
                     "broken.pdf"]
    assert skipped == 7  # six truth files and the README
    assert [m[1] for m in missing] == ["not_found"]


def test_ingesting_twice_stores_nothing_the_second_time(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    first = ingest([corpus], db=db, workers=2, progress=False)
    assert first.stored == 6 and [f[0] for f in first.failed] == [str(corpus / "broken.pdf")]
    after_first = counts(db)
    assert after_first["reports"] == 6 and after_first["sources"] == 7 and after_first["ingest_errors"] == 1
    assert after_first["facts"] == after_first["reports"]

    second = ingest([corpus], db=db, workers=2, progress=False)
    assert (second.stored, second.unchanged, len(second.failed)) == (0, 7, 0)
    assert counts(db) == after_first
    text = "\n".join(first.lines())
    assert "新存 6 份" in text and "broken.pdf" in text


def test_real_reports_are_not_synthetic_and_resolve_to_their_places(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([corpus / "real", corpus / "seed"], db=db, workers=1, progress=False)
    con = database.open_read(db)
    got = con.execute("SELECT agency_printed, synthetic, province, district, code FROM current_reports "
                      "ORDER BY agency_printed").fetchall()
    con.close()
    assert all(row[1] is False for row in got)
    by_name = {row[0]: row[2:] for row in got}
    assert by_name["沭阳县发展和改革局"] == ("江苏省", "沭阳县", "321322")
    assert by_name["宁波市鄞州区经济和信息化局"] == ("浙江省", "鄞州区", "330212")


def test_a_reader_keeps_its_snapshot_during_an_ingest_and_sees_the_new_data_after(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([corpus / "seed"], db=db, workers=1, progress=False)
    reader = database.open_read(db)
    v1 = database.version(db)
    ingest([corpus / "real"], db=db, workers=1, progress=False)
    # the old connection still answers, from the snapshot it opened: no lock error, no half batch
    assert reader.execute("SELECT count(*) FROM reports").fetchone() == (1,)
    v2 = database.version(db)
    assert v2 != v1
    fresh = database.open_read(db)
    assert fresh.execute("SELECT count(*) FROM reports").fetchone() == (6,)
    reader.close()
    fresh.close()


def test_open_read_creates_an_empty_database_when_there_is_none(tmp_path):
    con = database.open_read(tmp_path / "new" / "x.duckdb")
    assert con.execute("SELECT count(*) FROM current_reports").fetchone() == (0,)
    con.close()


def test_reparse_updates_reports_of_an_older_parser_and_keeps_row_counts(corpus, tmp_path):
    from xxgk.ingest import reparse
    from xxgk.parse.version import PARSER_VERSION

    db = tmp_path / "x.duckdb"
    ingest([corpus / "seed"], db=db, workers=1, progress=False)
    with Writer(db) as w:  # as if stored by an older parser
        w.con.execute("UPDATE reports SET parser_version = 'old'")
        w.dirty = True
    before = counts(db)
    summary = reparse(db=db, workers=1, progress=False)
    assert summary.stored == 1 and not summary.failed
    con = database.open_read(db)
    assert con.execute("SELECT DISTINCT parser_version FROM reports").fetchall() == [(PARSER_VERSION,)]
    con.close()
    after = counts(db)
    assert {k: v for k, v in after.items() if k != "meta"} == {k: v for k, v in before.items() if k != "meta"}
    assert reparse(db=db, workers=1, progress=False).stored == 0  # nothing outdated any more


def test_ingest_bytes_from_another_thread_as_the_import_page_does(tmp_path):
    import threading

    from xxgk.ingest import ingest_bytes

    data = (FIXTURES / "seed" / "000_63545407972970c8.txt").read_bytes()
    out = {}
    t = threading.Thread(target=lambda: out.update(s=ingest_bytes([("upload.txt", data), ("empty.txt", b"")],
                                                                  db=tmp_path / "x.duckdb")))
    t.start()
    t.join()
    s = out["s"]
    assert s.stored == 1 and [f[0] for f in s.failed] == ["empty.txt"]
    assert counts(tmp_path / "x.duckdb")["ingest_errors"] == 1


def test_open_read_adds_tables_and_views_a_file_from_an_older_schema_lacks(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    schema.apply_schema(con)
    con.execute("DROP VIEW litigation")
    con.execute("DROP TABLE meta")
    con.close()
    reader = database.open_read(db)
    assert reader.execute("SELECT count(*) FROM litigation").fetchone() == (0,)
    reader.close()


def test_a_reader_never_fails_on_an_ingest_building_the_first_database(tmp_path):
    db = tmp_path / "first.duckdb"
    with publish.writer_lock(db):  # an ingest is running and nothing is published yet
        con = database.open_read(db)
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (0,)
        con.close()


def test_a_database_derived_by_an_older_version_is_derived_again_on_open(tmp_path):
    db = tmp_path / "older.duckdb"
    with Writer(db) as w:
        w.write([parsed("宁波市鄞州区教育局", 2022, table3(7, 3))])
    con = duckdb.connect(str(db))  # as an older version left it: fewer quality columns, current_reports a view
    con.execute("DROP TABLE report_quality")
    con.execute("CREATE TABLE report_quality (report_id VARCHAR, issues TINYINT, caveat VARCHAR)")
    con.execute("DROP TABLE current_reports")
    con.execute("CREATE VIEW current_reports AS SELECT * FROM reports WHERE is_current")
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'derived_version'")
    con.close()
    reader = database.open_read(db)
    try:
        assert not derive.stale(reader)
        assert reader.execute("SELECT count(*) FROM report_quality").fetchone() == (1,)
        assert reader.execute("SELECT table_type FROM information_schema.tables WHERE table_name = "
                              "'current_reports' AND table_catalog = current_database()").fetchone() == ("BASE TABLE",)
        quality = queries.run(reader, "data_quality", {})
        assert quality.height == 1 and "narrative_mismatch" in quality.columns
    finally:
        reader.close()


@pytest.mark.slow
@pytest.mark.skipif(not __import__("xxgk.read.ocr", fromlist=["available"]).available(),
                    reason="tesseract-ocr and tesseract-ocr-chi-sim are not installed (the Makefile installs them)")
def test_a_scan_read_by_ocr_is_stored_with_that_caveat(tmp_path, monkeypatch):
    # OCR stops at the file's time limit: a limit no run reaches keeps the result independent of the load
    monkeypatch.setenv("XXGK_PARSE_TIMEOUT_S", "900")
    db = tmp_path / "scan.duckdb"
    summary = ingest([FIXTURES / "scanned" / "004-scan.pdf"], db=db, workers=1, progress=False)
    assert summary.stored == 1, summary.lines()
    reader = database.open_read(db)
    try:
        row = queries.run(reader, "data_quality", {}).row(0, named=True)
        assert row["ocr"] and row["caveat"].startswith("文字和数字经文字识别（OCR）读出")
    finally:
        reader.close()
