"""xxgk.queries.derive: per-report summaries for new reports and for reports parsed again, and nothing else."""

import datetime as dt

import duckdb

from tests.fixtures.db.builder import build
from xxgk import queries


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
    queries.derive(con)
    after = _derived(con, "r2-2019")
    assert after[0] == 5 and after[1] != before[1]  # 全新的正文: 5 characters, a new fingerprint
    assert after[3] is False  # 许可 7 is not zero
    assert _derived(con, "r1-2019") == untouched
    assert con.execute("SELECT count(*) FROM report_derived").fetchall()[0][0] == 19  # every report, once
    con.close()
