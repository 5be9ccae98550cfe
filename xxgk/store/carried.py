"""Table 二 rows glued together, split with the agency's report of the year before (xxgk.parse.carry): before a
report is written, from the year before written earlier in this run or stored; after a batch, the stored
reports of the year after a year just written are parsed again and rewritten when that year now splits them."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from xxgk.errors import XxgkError
from xxgk.parse import carry
from xxgk.pipeline import read_report
from xxgk.report import Report
from xxgk.store.parsed import Parsed, cell_refs


class Carried:
    """The 现行有效件数 written in this run by (agency, year), and the (agency, year) after each such year."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.in_force: dict[tuple[int, int], dict[str, float | None]] = {}
        self.later: list[tuple[int, int]] = []  # (agency, year) after a year written: a glued row there may split

    def split(self, item: Parsed, agency_id: int) -> None:
        """The item's report with its glued table 二 rows split by the agency's report of the year before; this
        report's 现行有效件数 kept for the year after, which `later` names for `rewrite_later`."""
        report = item.report
        if report is None or report.year is None:
            return
        year = report.year
        if _may_be_glued(report) and item.cells is not None:
            report.cells, item.cells = cell_refs(item.cells), None  # carry reads the raw text cell by cell
        if carry.glued_rows(report):
            before = self.in_force.get((agency_id, year - 1))
            if before is None:
                row = self.con.execute(
                    "SELECT f.t2_regulations__in_force, f.t2_normative_documents__in_force FROM reports r "
                    "JOIN facts f USING (report_id) WHERE r.agency_id = ? AND r.year = ? AND r.is_current "
                    "ORDER BY r.ingest_seq DESC LIMIT 1", [agency_id, year - 1]).fetchone()
                before = dict(zip(carry.ROWS, row, strict=True)) if row else {}
            report = item.report = carry.split_by_previous(report, before, year - 1)
        now = {k: (report.table2 or {}).get(k, {}).get("in_force") for k in carry.ROWS}
        if any(v is not None for v in now.values()):
            self.in_force[(agency_id, year)] = now
            self.later.append((agency_id, year + 1))

    def rewrite_later(self, written: set[str], write: Callable[[list[Parsed]], object]) -> None:
        """The stored reports of the year after a year just written, whose glued table 二 row was left blank for
        want of this year (a crawl finds the latest report first): parsed again from their stored bytes and
        written again (`write`, with replace), split, when the year written now leaves exactly one split."""
        later, self.later = self.later, []
        if not later:
            return
        found = self.con.execute(
            "SELECT r.report_id, r.agency_id, r.year, coalesce(s.path, s.file_name, r.report_id), s.content "
            "FROM reports r JOIN sources s ON s.sha256 = r.report_id "
            "JOIN (SELECT unnest(?) AS agency_id, unnest(?) AS year) c USING (agency_id, year) "
            "WHERE r.is_current AND r.template = '2021' "
            "AND len(list_filter(coalesce(r.warnings, []), lambda w: w LIKE '表二「%可能的拆分有%')) > 0",
            [[a for a, _ in later], [y for _, y in later]]).fetchall()
        again: list[Parsed] = []
        for sha, agency_id, year, path, content in found:
            if sha in written:
                continue
            try:
                report, agency = read_report(content, path, sha)
            except XxgkError:
                continue  # it was read before; a source that no longer parses keeps the report it has
            before = self.in_force.get((agency_id, year - 1), {})
            if carry.split_by_previous(report, before, year - 1) is not report:
                again.append(Parsed(sha, path, content, report=report, agency=agency, format=report.format))
        if again:
            write(again)


def _may_be_glued(report: Report) -> bool:
    """A 2021-template table 二 with a 规章 or 行政规范性文件 row printed all blank (carry.glued_rows reads on)."""
    t2 = report.table2
    if report.template != "2021" or not t2:
        return False
    return any((row := t2.get(k)) and all(row.get(c) is None for c in carry.COLS) for k in carry.ROWS)
