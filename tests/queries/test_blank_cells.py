"""blank_cells end to end: damaged reports parsed and stored through xxgk.ingest, the query counts the cells the
parser left blank as the parser's own output says, and 数据质量 lists them with the reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.pages.test_pages import open_page
from xxgk import keys, queries
from xxgk.ingest import ingest
from xxgk.pipeline import parse_path

DAMAGED = Path(__file__).resolve().parents[1] / "fixtures" / "damaged"
NAMES = ("c1_stacked_labels_md.txt", "c9_absurd_numbers.txt", "c3_excerpt_table4_only.txt", "c2_notes_in_cells.txt")


@pytest.fixture(scope="module")
def damaged_db(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("blank")
    for name in NAMES:
        shutil.copy(DAMAGED / name, base / name)
    db = base / "damaged.duckdb"
    ingest([base], db=db, workers=1, progress=False)
    return db


def _template_cells(template: str, table: str) -> int:
    if table == "table2":
        return sum(len(c) for c in keys.TABLE2_COLUMNS[template].values())
    if table == "table3":
        return len(keys.TABLE3_ROW_ORDER[template]) * len(keys.TABLE3_COLUMNS)
    return 15


def test_blank_cells_counts_what_the_parser_left_blank(damaged_db):
    con = duckdb.connect(str(damaged_db), read_only=True)
    got = {r["agency"]: r for r in queries.run(con, "blank_cells").iter_rows(named=True)}
    con.close()
    for name in NAMES:
        report = parse_path(DAMAGED / name)
        unread = sum(1 for c in report.cells if c.value is None and any(ch.isdigit() for ch in c.raw))
        missing = sum(_template_cells(report.template, t) - len([c for c in report.cells if c.table == t])
                      for t in ("table2", "table3", "table4"))
        if unread + missing == 0:
            assert not any(report.agency in a for a in got), name  # notes in cells: every number read
            continue
        row = next(r for a, r in got.items() if report.agency and report.agency in a)
        assert (row["unread_cells"], row["missing_cells"]) == (unread, missing), name
        assert row["blank_cells"] == unread + missing
        for w in report.warnings:
            assert w in row["reasons"]
    excerpt = next(r for r in got.values() if r["tables_missing"])
    assert excerpt["tables_missing"] == "表二、表三" and excerpt["unread_cells"] == 0


def test_quality_page_has_a_tab_of_cells_left_blank(damaged_db, monkeypatch):
    at = open_page(damaged_db, "quality", monkeypatch, dq_tab="解析留空")
    table = at.dataframe[0].value
    assert {"解析留空合计", "印有数字未读出", "未找到的单元格", "原因（解析提示）"} <= set(table.columns)
    assert len(table) == 3 and any("叠印" in r for r in table["原因（解析提示）"])
    assert any("留空不是 0" in c.value for c in at.caption)
