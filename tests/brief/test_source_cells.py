"""The briefing's appendix of printed cells (named query source_cells): the places the briefing quotes are read from
quoted_cells (derived at write time, a tenth of the cells), any other place from `cells`, and both give exactly the
rows a plain read of `cells` gives."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from xxgk import queries
from xxgk.filters import Filters

BRIEF = Path(__file__).resolve().parents[2] / "xxgk" / "brief"
PLACE = re.compile(r"table[234]\.[a-z_{}]+\.[a-z_{}]+")


def briefing_places() -> set[str]:
    """Every cell place the briefing's code names (the f-string of table 四's suits expanded)."""
    places: set[str] = set()
    for path in BRIEF.glob("*.py"):
        for p in PLACE.findall(path.read_text(encoding="utf-8")):
            if "{" not in p:
                places.add(p)
    from xxgk.brief import outline

    places |= set(outline.SUIT_CONCLUDED)
    return places


def quoted(con) -> set[str]:
    return {".".join(r) for r in con.execute("SELECT table_name, row_key, col_key FROM quoted_places").fetchall()}


def plain(con, places: list[str], f: Filters, agencies: list[int]) -> pl.DataFrame:
    """The same rows read straight from `cells` (the former query, without quoted_cells)."""
    return con.sql("""
        SELECT r.report_id, c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
        FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates,
                     $dataset, $scope) r
        JOIN cells c USING (report_id)
        WHERE list_contains($places, c.table_name || '.' || c.row_key || '.' || c.col_key)
          AND (len($agencies) = 0 OR list_contains($agencies, r.agency_id))
          AND CASE c.table_name WHEN 'table2' THEN r.counts_t2 WHEN 'table3' THEN r.counts_t3
                                WHEN 'table4' THEN r.counts_t4 END
        ORDER BY ALL""", params={**f.params(), "places": places, "agencies": agencies}).pl()


def test_every_place_the_briefing_quotes_is_kept_in_quoted_cells(con):
    places = briefing_places()
    assert len(places) >= 15, places  # the scan found the briefing's places
    assert places <= quoted(con), sorted(places - quoted(con))


def test_quoted_cells_hold_every_cell_at_those_places(con):
    places = sorted(quoted(con))
    assert con.execute("SELECT count(*) FROM quoted_cells").fetchall()[0][0] > 0
    missing = con.execute("""SELECT count(*) FROM cells c
                             WHERE list_contains($p, c.table_name || '.' || c.row_key || '.' || c.col_key)
                               AND NOT EXISTS (SELECT 1 FROM quoted_cells q WHERE q.report_id = c.report_id
                                   AND q.table_name = c.table_name AND q.row_key = c.row_key AND q.col_key = c.col_key)
                          """, {"p": places}).fetchall()[0][0]
    assert missing == 0


@pytest.mark.parametrize("places", [
    ["table3.new_received.total", "table4.review.upheld"],  # quoted
    ["table3.granted.natural_person", "table4.review.pending"],  # not quoted: read from cells
    ["table3.new_received.total", "table3.granted.natural_person", "table2.penalty.decisions"],  # both
])
@pytest.mark.parametrize("f", [Filters(), Filters(dataset="demo"), Filters(scope="region"), Filters(year_from=2021)])
def test_source_cells_gives_the_rows_cells_give(con, places, f):
    for agencies in ([], [1, 2]):
        out = queries.run(con, "source_cells", {**f.params(), "places": places, "source_agencies": agencies})
        got = out.select("report_id", "table_name", "row_key", "col_key", "value", "raw", "label", "page",
                         "position").sort(pl.all())
        want = plain(con, places, f, agencies).sort(pl.all())
        assert got.rows() == want.rows()
    if f == Filters() and places[0] == "table3.new_received.total":
        assert out.height > 0  # the fixture prints these cells: the comparison is not of two empty frames
