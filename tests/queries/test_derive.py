"""xxgk.store.derive: per-report summaries for new reports and for reports parsed again, and nothing else."""

import datetime as dt

import duckdb

from tests.fixtures.db.builder import build
from xxgk.store.derive import DERIVED_VERSION, derive


def _derived(con, report_id):
    return con.execute("SELECT text_chars, text_fingerprint, numbers_printed, all_zero FROM report_derived "
                       "WHERE report_id = ?", [report_id]).fetchall()[0]


def test_derive_is_incremental_and_follows_a_reparse():
    con = duckdb.connect()
    build(con)  # the builder derives once, as the store does after writing
    before = _derived(con, "r2-2019")
    # A2 2019 prints only zeros: all_zero; its text "宁波市鄞州区经济和信息化局年报本年度未收到申请" has 24 characters
    assert (before[0], before[2], before[3]) == (24, 35, True)
    con.execute("UPDATE reports SET body_text = '全新的正文', parsed_at = ? WHERE report_id = 'r2-2019'",
                [dt.datetime(2026, 2, 1)])
    con.execute("UPDATE facts SET t2_licensing__decisions = 7 WHERE report_id = 'r2-2019'")
    untouched = _derived(con, "r1-2019")
    derive(con)
    after = _derived(con, "r2-2019")
    assert after[0] == 5 and after[1] != before[1]  # 全新的正文: 5 characters, a new fingerprint
    assert after[3] is False  # 许可 7 is not zero
    assert _derived(con, "r1-2019") == untouched
    assert con.execute("SELECT count(*) FROM report_derived").fetchall()[0][0] == 20  # every report, once
    con.close()


def _quality(con, report_id):
    return con.execute("SELECT prev_report_id, carry_over_columns_differing, carry_over_break, issues, caveat "
                       "FROM report_quality WHERE report_id = ?", [report_id]).fetchall()[0]


def test_quality_flags_follow_the_current_report_of_the_year_before():
    con = duckdb.connect()
    build(con)
    # A1 2022 carries over 3 against 2021's 结转下年度 2 (总计): one column differs, a break
    assert _quality(con, "r1-2022")[:3] == ("r1-2021", 1, True)
    # one row per current report, none for the superseded copy
    assert con.execute("SELECT count(*) FROM report_quality").fetchall()[0][0] == \
        con.execute("SELECT count(*) FROM reports WHERE is_current").fetchall()[0][0]
    assert con.execute("SELECT count(*) FROM report_quality WHERE report_id = 'r1-2021-old'").fetchall() == [(0,)]
    # the superseded 2021 copy becomes current: it prints no 结转下年度, so nothing can be compared (unknown)
    con.execute("UPDATE reports SET is_current = (report_id = 'r1-2021-old') WHERE report_id LIKE 'r1-2021%'")
    derive(con)
    prev, differing, is_break, issues, caveat = _quality(con, "r1-2022")
    assert (prev, differing, is_break, issues, caveat) == ("r1-2021-old", 0, None, 0, "未发现数据问题")
    assert con.execute("SELECT value FROM meta WHERE key = 'derived_version'").fetchall() == \
        [(DERIVED_VERSION,)]
    con.close()


def test_quality_of_a_first_report_has_no_predecessor():
    con = duckdb.connect()
    build(con)
    # A5's only report (2022, synthetic): nothing to compare, and the caveat names it synthetic
    assert _quality(con, "r5-2022") == (None, None, None, 0, "示例数据，虚构")
    con.close()
