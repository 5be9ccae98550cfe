"""The current report of each agency and year, and conflicts between the reports of one agency and year
(the rule is in docs/storage.md). xxgk.store.writer calls this inside each batch's transaction.
"""

from __future__ import annotations

import duckdb


def choose(con: duckdb.DuckDBPyConnection, ids: list[str], extra_groups: list[tuple[int | None, int | None]]) -> None:
    """Choose the current report of every agency and year the batch touched, and flag conflicts.

    Rule: most tables found, then most cells holding a number, then fewest failed checks, then the
    latest ingested. Reports without a placed agency or a year stand alone and are current.
    """
    placed = "agency_id IN (SELECT agency_id FROM agencies WHERE resolved)"
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT agency_id, year FROM reports "
                f"WHERE report_id IN (SELECT unnest(?)) AND {placed} AND year IS NOT NULL", [ids])
    if extra_groups:
        con.executemany("INSERT INTO touched VALUES (?, ?)",
                        [g for g in extra_groups if g[0] is not None and g[1] is not None])
    # An unplaced agency name (鼓楼区人民政府 without context, a name with no place) may stand for
    # several agencies: its reports never compete, so none is hidden behind another.
    con.execute(f"""
        UPDATE reports SET is_current = true, conflict = false,
               current_reason = '机关未能对应行政区划或没有年度：不与其他报告比较，单独作为当前报告'
        WHERE report_id IN (SELECT unnest(?)) AND (agency_id IS NULL OR year IS NULL OR NOT {placed})""", [ids])
    con.execute("""
        WITH grp AS (
            SELECT r.report_id, r.agency_id, r.year,
                   row_number() OVER (PARTITION BY r.agency_id, r.year
                                      ORDER BY r.tables_found DESC, r.cells_filled DESC, r.checks_failed ASC,
                                               r.ingest_seq DESC, r.report_id) AS rank,
                   count(*) OVER (PARTITION BY r.agency_id, r.year) AS n
            FROM reports r JOIN (SELECT DISTINCT * FROM touched) t USING (agency_id, year)
        ),
        diff AS (
            SELECT cur.agency_id, cur.year, count(*) AS cells_differing
            FROM grp cur JOIN grp oth ON oth.agency_id = cur.agency_id AND oth.year = cur.year
                 AND cur.rank = 1 AND oth.rank > 1
            JOIN cells c1 ON c1.report_id = cur.report_id
            JOIN cells c2 ON c2.report_id = oth.report_id AND c1.table_name = c2.table_name
                 AND c1.row_key = c2.row_key AND c1.col_key = c2.col_key
            WHERE c1.value IS DISTINCT FROM c2.value
            GROUP BY ALL
        )
        UPDATE reports SET
            is_current = grp.rank = 1,
            conflict = coalesce(diff.cells_differing, 0) > 0,
            current_reason = CASE
                WHEN grp.n = 1 THEN '本机关本年度唯一一份报告'
                WHEN grp.rank = 1 THEN '本机关本年度共 ' || grp.n || ' 份报告，此份表格最完整（表格数、有数值单元格数），'
                                      || '其次校验失败最少，再次最晚导入，定为当前'
                ELSE '本机关本年度共 ' || grp.n || ' 份报告，另一份按规则定为当前；本份保留备查' END
                || CASE WHEN coalesce(diff.cells_differing, 0) > 0
                        THEN '；各份数字不一致（' || diff.cells_differing || ' 处），见 report_conflicts' ELSE '' END
        FROM grp LEFT JOIN diff USING (agency_id, year)
        WHERE reports.report_id = grp.report_id""")
    con.execute("DROP TABLE touched")
