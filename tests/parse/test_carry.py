"""Table 二 digits run together, split at ingest by the agency's report of the year before
(xxgk.parse.carry, called by the store before it writes a report)."""

from __future__ import annotations

import json
from pathlib import Path

from xxgk import database
from xxgk.ingest import ingest
from xxgk.parse import carry
from xxgk.pipeline import parse_path

DAMAGED = Path(__file__).resolve().parents[1] / "fixtures" / "damaged"
Y2022 = DAMAGED / "c6_previous_year_2022.txt"
Y2023 = DAMAGED / "c6_previous_year_2023_glued.txt"


def _printed(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".golden.json").read_text(encoding="utf-8"))["printed"]["table2"]


def _stored(db: Path, year: int) -> tuple[dict, list[str], dict]:
    con = database.open_read(db)
    try:
        rid, warnings = con.execute("SELECT report_id, warnings FROM reports WHERE year = ?", [year]).fetchone()
        cells = {(r, c): (v, raw) for r, c, v, raw in con.execute(
            "SELECT row_key, col_key, value, raw FROM cells WHERE report_id = ? AND table_name = 'table2'",
            [rid]).fetchall()}
        facts = dict(zip(["issued", "repealed", "in_force"], con.execute(
            "SELECT t2_regulations__issued, t2_regulations__repealed, t2_regulations__in_force FROM facts "
            "WHERE report_id = ?", [rid]).fetchone(), strict=True))
    finally:
        con.close()
    return cells, warnings, facts


def test_ingest_splits_a_glued_row_by_last_years_in_force_count_and_says_so(tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([Y2023, Y2022], db=db, workers=1, progress=False)  # one batch, the later year named first
    printed = _printed(Y2023)
    cells, warnings, facts = _stored(db, 2023)
    for col in ("issued", "repealed", "in_force"):
        value, raw = cells[("regulations", col)]
        assert value == printed["regulations"][col] and raw == "5128310"  # the printed digits stay traceable
    assert facts == {c: float(v) for c, v in printed["regulations"].items()}
    note = next(w for w in warnings if w.startswith("表二「规章」"))
    last = _printed(Y2022)["regulations"]["in_force"]
    assert f"2022 年报告的现行有效件数 {last}" in note and "51|28|310" in note and "已采用" in note
    # 行政规范性文件 drifted from last year's count: no split fits, the row stays blank with its candidates
    assert {cells[("normative_documents", c)][0] for c in ("issued", "repealed", "in_force")} == {None}
    assert any(w.startswith("表二「行政规范性文件」") and "可能的拆分" in w for w in warnings)


def test_a_later_ingest_uses_the_stored_year_before(tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([Y2022], db=db, workers=1, progress=False)
    ingest([Y2023], db=db, workers=1, progress=False)
    cells, _warnings, _facts = _stored(db, 2023)
    assert cells[("regulations", "in_force")][0] == _printed(Y2023)["regulations"]["in_force"]


def test_without_the_year_before_the_row_stays_blank_until_that_year_is_stored(tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([Y2023], db=db, workers=1, progress=False)
    cells, warnings, _facts = _stored(db, 2023)
    assert cells[("regulations", "in_force")][0] is None
    assert any(w.startswith("表二「规章」") and "51|28|310 或" in w for w in warnings)
    # a crawl finds the latest year first: storing the year before later splits the stored report
    ingest([Y2022], db=db, workers=1, progress=False)
    cells, warnings, facts = _stored(db, 2023)
    printed = _printed(Y2023)["regulations"]
    assert {c: cells[("regulations", c)][0] for c in printed} == printed
    assert facts == {c: float(v) for c, v in printed.items()}
    assert any(w.startswith("表二「规章」") and "已采用" in w for w in warnings)
    con = database.open_read(db)
    try:  # written again in place of the first: one report of the year, current
        assert con.execute("SELECT count(*), bool_and(is_current) FROM reports WHERE year = 2023").fetchone() == (
            1, True)
    finally:
        con.close()


def test_split_by_previous_takes_only_a_unique_fit():
    report = parse_path(Y2023)
    assert set(carry.glued_rows(report)) == {"regulations", "normative_documents"}
    assert carry.fitting("5128310", 287) == [(51, 28, 310)]
    # a count that fits no split, or no count at all: the report comes back unchanged
    assert carry.split_by_previous(report, {"regulations": 5}, 2022) is report
    assert carry.split_by_previous(report, {}, 2022) is report
    # "000" has a single split of its own: the parser read it, the relation is not needed
    assert carry.fitting("000", 0) == [(0, 0, 0)]
    split = carry.split_by_previous(report, {"regulations": 287}, 2022)
    assert split.table2["regulations"] == {"issued": 51, "repealed": 28, "in_force": 310}
    assert report.table2["regulations"]["in_force"] is None  # pure: the parsed report is not changed
