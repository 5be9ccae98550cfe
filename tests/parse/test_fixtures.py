"""The real reports with hand-checked truth files parse cell for cell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.truth import cells, truth_to_canonical
from xxgk.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed" / "000_63545407972970c8.txt"
REAL_HTML = FIXTURES / "real" / "104.html"


def _compare(source: Path) -> tuple[dict, dict]:
    truth = truth_to_canonical(source.with_name(source.stem + ".truth.json"))
    got = parse_path(source).to_json()
    return truth, got


def test_seed_text_matches_truth_cell_for_cell_through_the_command():
    out = subprocess.run([sys.executable, "-m", "xxgk", "parse", str(SEED)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip())
    truth = truth_to_canonical(SEED.with_name(SEED.stem + ".truth.json"))
    assert len(cells(truth)) == 198
    assert cells(got) == cells(truth)
    assert (got["agency"], got["year"], got["template"]) == ("宁波市鄞州区经济和信息化局", 2020, "2019")
    assert got["agency"] == truth["agency"]
    assert all(c["ok"] for c in got["checks"])


def test_real_html_page_matches_truth():
    truth, got = _compare(REAL_HTML)
    assert cells(got) == cells(truth)
    # blank cells stay null, never 0
    assert got["table3"]["new_received"]["commercial"] is None
    assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])


def test_every_value_is_traceable_to_its_cell():
    report = parse_path(REAL_HTML)
    refs = {(c.table, c.row, c.col): c for c in report.cells}
    assert set(refs) == set(cells(report.to_json()))
    ref = refs[("table3", "new_received", "natural_person")]
    assert ref.value == 26 and ref.raw == "26" and ref.position and "表" in ref.position
    assert "本年新收" in ref.label


@pytest.mark.parametrize("name", ["seed/000_63545407972970c8.txt", "real/104.html"])
def test_narrative_numbers_are_read_conservatively(name):
    report = parse_path(FIXTURES / name)
    if name.endswith("104.html"):
        assert report.narrative == {"proactive_items": 249, "applications_received": 26}
    else:
        # "未接到依申请公开办件" states that none were received: 0, as table 三 prints
        assert report.narrative == {"applications_received": 0}


def test_crawler_text_dump_with_cells_run_together():
    """005.txt prints every table on one line with no separators: tables 三 and 四 are recovered by
    their arithmetic; table 二 cannot be split from the text alone, so it is left blank, never guessed."""
    truth, got = _compare(FIXTURES / "real" / "005.txt")
    assert got["table3"] == truth["table3"]
    assert got["table4"] == truth["table4"]
    assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])
    for (table, row, col), value in cells(got).items():
        if table == "table2":
            assert value is None or value == truth["table2"][row][col]
    assert any("连在一起" in w for w in got["warnings"])
