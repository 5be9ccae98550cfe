"""Real reports in the formats this package reads parse cell for cell to their hand-checked truth."""

from __future__ import annotations

import pytest

from tests.read.gridtruth import REAL
from tests.truth import cells, truth_to_canonical
from xxgk.pipeline import parse_path


@pytest.mark.parametrize("name", ["002.pdf", "003.pdf", "004.pdf"])
def test_real_pdf_matches_truth(name):
    source = REAL / name
    truth = truth_to_canonical(source.with_name(source.stem + ".truth.json"))
    got = parse_path(source).to_json()
    assert got["format"] == "pdf"
    assert cells(got) == cells(truth)
    assert len(cells(truth)) >= 186
    assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])


def test_printed_wrong_totals_are_kept_and_flagged():
    """003 prints 行政复议 总计 0 although its parts sum to 11: kept as printed, R4 fails."""
    got = parse_path(REAL / "003.pdf").to_json()
    assert got["table4"]["review"] == {"upheld": 10, "corrected": 1, "other": 0, "pending": 0, "total": 0}
    failed = {(c["rule"], c["where"]) for c in got["checks"] if not c["ok"]}
    assert any(rule == "R4" and "review" in where for rule, where in failed)
