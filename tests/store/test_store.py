"""The store on hand-built reports: provenance, blanks, synthetic flag, current report and conflicts,
failures recorded, unresolved agencies kept, one transaction per batch."""

from __future__ import annotations

import pytest

from tests.store.helpers import parsed, table3
from xxgk import database
from xxgk.store.parsed import Parsed
from xxgk.store.writer import Writer


@pytest.fixture
def db(tmp_path):
    return tmp_path / "t.duckdb"


def rows(db, sql, params=None):
    con = database.open_read(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_every_number_traces_to_its_cell_and_its_source_bytes(db):
    item = parsed("宁波市鄞州区教育局", 2022, table3(7, None))
    with Writer(db) as w:
        w.write([item])
    cell = rows(db, "SELECT value, raw, page, position FROM cells WHERE row_key = 'new_received' "
                    "AND col_key = 'total'")
    assert cell == [(7.0, "7", 1, "表3 new_received/total")]
    # blank stays blank: NULL in cells and in the wide facts, never 0
    assert rows(db, "SELECT value FROM cells WHERE row_key = 'granted' AND col_key = 'total'") == [(None,)]
    assert rows(db, "SELECT t3_granted__total, t3_new_received__total FROM current_reports") == [(None, 7.0)]
    content, = rows(db, "SELECT s.content FROM sources s JOIN reports r ON r.report_id = s.sha256")[0]
    assert content == item.content
    assert rows(db, "SELECT province, district, code, bureau FROM current_reports") == [
        ("浙江省", "鄞州区", "330212", "教育")]


def test_synthetic_reports_are_stored_synthetic_and_carried_to_every_view(db):
    with Writer(db) as w:
        w.write([parsed("示例市明湖区教育局", 2022, table3(3, 1), synthetic=True),
                 parsed("宁波市鄞州区教育局", 2022, table3(5, 2))])
    got = dict(rows(db, "SELECT agency, synthetic FROM current_reports"))
    assert got == {"示例市明湖区教育局": True, "宁波市鄞州区教育局": False}
    for view in ("applications", "disclosure", "litigation"):
        assert sorted(r[0] for r in rows(db, f"SELECT synthetic FROM {view}")) == [False, True]


def test_same_bytes_twice_store_nothing_new(db):
    items = [parsed("宁波市鄞州区教育局", y, table3(y - 2000, 1)) for y in (2020, 2021)]
    with Writer(db) as w:
        first = w.write(items)
    before = database.version(db)
    with Writer(db) as w:
        again = w.write(items)
    assert (len(first.stored), len(again.stored), again.unchanged) == (2, 0, 2)
    assert database.version(db) == before  # nothing written: the file was not even replaced


def test_two_documents_of_one_agency_and_year_keep_both_and_flag_differing_numbers(db):
    html = parsed("淮安市洪泽区人民政府", 2023, table3(10, 4), body="html page")
    pdf_same = parsed("洪泽区人民政府", 2023, table3(10, 4), body="pdf copy")
    with Writer(db) as w:
        w.write([html])
        w.write([pdf_same])
    got = rows(db, "SELECT count(*), count(*) FILTER (is_current), bool_or(conflict) FROM reports")
    assert got == [(2, 1, False)]  # one agency (short and full name), both kept, numbers agree
    # the same numbers: the later ingested is current
    assert rows(db, "SELECT report_id FROM reports WHERE is_current") == [(pdf_same.sha256,)]

    corrected = parsed("淮安市洪泽区人民政府", 2023, table3(12, 4), body="corrected re-publication")
    with Writer(db) as w:
        w.write([corrected])
    assert rows(db, "SELECT count(*) FILTER (is_current), bool_and(conflict) FROM reports") == [(1, True)]
    diffs = rows(db, "SELECT row_key, col_key, current_value, other_value FROM report_conflicts ORDER BY ALL")
    assert ("new_received", "total", 12.0, 10.0) in diffs
    assert rows(db, "SELECT count(*) FROM current_reports") == [(1,)]


def test_the_more_complete_report_is_current_whatever_the_order(db):
    full = parsed("宁波市鄞州区财政局", 2021, table3(5, 5),
                  t4={"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}})
    partial = parsed("宁波市鄞州区财政局", 2021, table3(5, 5), body="tables 四 missing")
    with Writer(db) as w:
        w.write([full])
        w.write([partial])
    assert rows(db, "SELECT report_id, current_reason FROM reports WHERE is_current")[0][0] == full.sha256
    # fewer failed checks wins between equally complete reports
    a = parsed("宁波市鄞州区民政局", 2021, table3(5, 5), failed_checks=1, body="a")
    b = parsed("宁波市鄞州区民政局", 2021, table3(5, 5), failed_checks=0, body="b")
    with Writer(db) as w:
        w.write([b])
        w.write([a])
    assert (b.sha256,) in rows(db, "SELECT report_id FROM reports WHERE is_current")


def test_renamed_agency_lines_its_years_up_under_its_latest_name(db):
    with Writer(db) as w:
        w.write([parsed("宁波市鄞州区国土资源局", 2018, table3(1, 1))])
        w.write([parsed("宁波市自然资源和规划局鄞州分局", 2020, table3(2, 2))])
    assert rows(db, "SELECT count(*) FROM agencies") == [(1,)]
    assert rows(db, "SELECT name, bureau FROM agencies") == [("宁波市自然资源和规划局鄞州分局", "自然资源")]
    reasons = dict(rows(db, "SELECT alias, reason FROM agency_aliases"))
    assert reasons["宁波市自然资源和规划局鄞州分局"] == "institutional reform rename"
    assert "宁波市鄞州区国土资源局" in reasons


def test_unresolved_agencies_are_kept_and_listed(db):
    with Writer(db) as w:
        w.write([parsed("某某市某某局", 2022, table3(1, 1))])
    assert rows(db, "SELECT count(*) FROM current_reports WHERE NOT resolved") == [(1,)]
    assert rows(db, "SELECT name, reports FROM unresolved_agencies") == [("某某市某某局", 1)]


def test_failed_files_are_recorded_once_with_their_bytes(db):
    bad = Parsed("ab" * 32, "in/broken.pdf", b"%PDF-broken", error_code="unreadable",
                 error_message="文件已损坏，无法读取", format="pdf")
    with Writer(db) as w:
        w.write([bad])
    with Writer(db) as w:
        assert w.is_known(bad.sha256)
        w.write([bad])
    assert rows(db, "SELECT path, code, message FROM ingest_errors") == [
        ("in/broken.pdf", "unreadable", "文件已损坏，无法读取")]
    assert rows(db, "SELECT content FROM sources") == [(b"%PDF-broken",)]


def test_a_batch_that_fails_leaves_nothing_of_itself(db, monkeypatch):
    with Writer(db) as w:
        w.write([parsed("宁波市鄞州区教育局", 2020, table3(1, 1))])
    from xxgk.store import current

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(current, "choose", boom)
    with pytest.raises(RuntimeError), Writer(db) as w:
        w.write([parsed("宁波市鄞州区教育局", y, table3(1, 1)) for y in (2021, 2022)])
    counts = rows(db, "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM cells), "
                      "(SELECT count(*) FROM facts), (SELECT count(*) FROM sources)")
    assert counts == [(1, 4, 1, 1)]


def test_reports_of_an_unplaced_name_never_hide_each_other(db):
    # 鼓楼区 is in four cities: without context the two reports may be two different agencies
    a = parsed("鼓楼区人民政府", 2022, table3(3, 1), body="a")
    b = parsed("鼓楼区人民政府", 2022, table3(9, 2), body="b")
    with Writer(db) as w:
        w.write([a])
        w.write([b])
    assert rows(db, "SELECT count(*), bool_or(conflict) FROM current_reports") == [(2, False)]
