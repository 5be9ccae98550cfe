"""The checks R1–R5 computed by the database (queries/schema.sql's checks_of, what the writer stores) give the
same checks as xxgk/checks.py (what `parse` prints): the same rule, place, pass or fail and detail with its
numbers, on every fixture report and on a generated demo corpus; the writer stores the failed ones and counts
them all; a file from before, which stored passed checks too, is upgraded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.store.helpers import FIXTURES
from xxgk.demo.corpus import Options, all_agencies, generate_agencies
from xxgk.errors import XxgkError
from xxgk.ingest import ingest
from xxgk.pipeline import read_report
from xxgk.store import batch_checks, schema
from xxgk.store.parsed import Parsed
from xxgk.store.rows import Rows
from xxgk.store.writer import Writer

SUFFIXES = {".txt", ".html", ".pdf", ".docx", ".doc"}


def parsed_reports(files: list[Path]) -> list[Parsed]:
    out = []
    for f in files:
        try:
            report, agency = read_report(f.read_bytes(), str(f))
        except XxgkError:
            continue  # files that are not reports (bad, hostile) have no checks
        out.append(Parsed(report.sha256, str(f), f.read_bytes(), report=report, agency=agency, format=report.format))
    return out


@pytest.fixture(scope="module")
def fixture_reports() -> list[Parsed]:
    files = sorted(f for f in FIXTURES.rglob("*") if f.suffix in SUFFIXES and f.is_file())
    return parsed_reports(files)


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Parsed]:
    """Every 4th agency of the demo city, text and HTML: several hundred reports, with the generator's faults."""
    out = tmp_path_factory.mktemp("demo_checks")
    generate_agencies(out, all_agencies(1)[::4], Options(seed=11, mix=(("txt", 1.0), ("html", 1.0)), three_line=0.0))
    return parsed_reports(sorted(f for f in out.rglob("*") if f.suffix in SUFFIXES))


def python_checks(items: list[Parsed]) -> set[tuple[str, str, str, bool, str]]:
    return {(p.sha256, c.rule, c.where, c.ok, c.detail) for p in items if p.report for c in p.report.checks}


def sql_checks(items: list[Parsed], all_details: bool) -> set[tuple[str, str, str, bool, str | None]]:
    con = duckdb.connect()
    schema.apply_schema(con)
    batch_checks.write_terms(con)
    rows = Rows()
    for p in items:
        rows.cells[p.sha256] = p.cell_columns()
    con.register("batch_cells", rows.cell_table())
    got = con.execute("SELECT report_id, rule, location, ok, detail FROM checks_of('batch_cells', NULL, ?)",
                      [all_details]).fetchall()
    return set(got)


@pytest.mark.parametrize("corpus", ["fixture_reports", "demo_reports"])
def test_the_database_checks_as_the_parser_does(corpus, request):
    items = request.getfixturevalue(corpus)
    expected = python_checks(items)
    assert len(items) > 50 and any(not c[3] for c in expected) and any(c[3] for c in expected)
    assert {c[1] for c in expected} == {"R1", "R2", "R3", "R4", "R5"}
    assert sql_checks(items, all_details=True) == expected
    # at write time the passed checks' details are not written
    assert sql_checks(items, all_details=False) == {c if not c[3] else (*c[:4], None) for c in expected}


def test_the_writer_stores_the_failed_checks_and_counts_them_all(fixture_reports, tmp_path):
    db = tmp_path / "c.duckdb"
    with Writer(db) as w:
        result = w.write(fixture_reports)
    con = duckdb.connect(str(db), read_only=True)
    stored = set(con.execute("SELECT report_id, rule, location, ok, detail FROM checks").fetchall())
    assert stored == {c for c in python_checks(fixture_reports) if not c[3]}
    counts = dict(((r, (run, failed)) for r, run, failed in con.execute(
        "SELECT report_id, checks_run, checks_failed FROM reports").fetchall()))
    assert counts == {p.sha256: (len(p.report.checks), sum(not c.ok for c in p.report.checks))
                      for p in fixture_reports if p.report}
    assert result.checks_failed == sum(1 for run, failed in counts.values() if failed)
    # the agency page's query works every check out again, passed ones with their details
    one = next(p for p in fixture_reports if p.report and any(not c.ok for c in p.report.checks))
    got = con.execute(Path("queries/report_checks.sql").read_text(encoding="utf-8").replace("$report_id", "?"),
                      [one.sha256] * 2).fetchall()
    assert {(r[0], r[1], r[4], r[3], r[5]) for r in got} == {c for c in python_checks([one])}
    con.close()


def test_a_file_that_stored_passed_checks_is_upgraded(tmp_path):
    """A file written before: every check stored, no checks_run: opened by a writer, it keeps the failed checks
    and counts them all, and a later ingest adds to it as to a new one."""
    db = tmp_path / "old.duckdb"
    summary = ingest([FIXTURES / "real" / "005.txt", FIXTURES / "real" / "104.html"], db=db, workers=1,
                     progress=False)
    assert summary.stored == 2
    con = duckdb.connect(str(db))
    runs = dict(con.execute("SELECT report_id, checks_run FROM reports").fetchall())
    failed = con.execute("SELECT count(*) FROM checks").fetchall()[0][0]
    # make it the older file: passed checks stored (as detail-less rows), no count, no marker
    con.execute("INSERT INTO checks SELECT report_id, 'R1', true, 'table3/x' || range, NULL FROM reports, "
                "range(checks_run - checks_failed)")
    con.execute("UPDATE reports SET checks_run = NULL")
    con.execute("DELETE FROM meta WHERE key = 'checks_stored'")
    con.close()
    with Writer(db) as w:
        assert w.dirty  # published although nothing is new
    con = duckdb.connect(str(db), read_only=True)
    assert dict(con.execute("SELECT report_id, checks_run FROM reports").fetchall()) == runs
    assert con.execute("SELECT count(*), bool_and(NOT ok) FROM checks").fetchall()[0] == (failed, True if failed else None)
    assert con.execute("SELECT value FROM meta WHERE key = 'checks_stored'").fetchall() == [("failed",)]
    con.close()
