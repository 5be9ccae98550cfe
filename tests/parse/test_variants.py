"""Every variant in tests/fixtures/variants parses to its golden JSON (written from what it prints)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.truth import cells
from xxgk.pipeline import parse_path

VARIANTS = Path(__file__).resolve().parents[1] / "fixtures" / "variants"
FILES = sorted(p for p in VARIANTS.iterdir() if p.suffix in (".txt", ".html"))
TEMPLATED = [p for p in FILES if not p.name.startswith("legacy")]


def test_there_are_ten_variants_per_template_version():
    versions = [json.loads(p.with_suffix(".golden.json").read_text(encoding="utf-8"))["template"] for p in TEMPLATED]
    assert versions.count("2019") >= 10 and versions.count("2021") >= 10
    assert {p.suffix for p in FILES} == {".txt", ".html"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_variant_matches_golden(path: Path):
    gold = json.loads(path.with_suffix(".golden.json").read_text(encoding="utf-8"))
    report = parse_path(path)
    got = report.to_json()
    assert (got["agency"], got["year"], got["template"]) == (gold["agency"], gold["year"], gold["template"])
    for table in ("table2", "table3", "table4"):
        assert got[table] == gold[table], table
    assert cells(got) == cells(gold)
    failed = sorted([c["rule"], c["where"]] for c in got["checks"] if not c["ok"])
    assert failed == gold["failed_checks"]
    for fragment in gold["warnings_contain"]:
        assert any(fragment in w for w in got["warnings"]), (fragment, got["warnings"])
    assert report.synthetic == gold["synthetic"]
    if "narrative" in gold:
        assert report.narrative == gold["narrative"]
    # every stored number can be traced to the cell it was printed in
    assert {(c.table, c.row, c.col) for c in report.cells} == set(cells(got))
