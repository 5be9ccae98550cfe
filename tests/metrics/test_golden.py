"""The Polars aggregates give, on the fixture database, the very rows the SQL queries they replace gave.

tests/fixtures/metrics/sql_outputs.json holds the results of the former named SQL queries (applications_by_group,
outcome_shares, applicant_types, disclosure_volumes, disclosure_by_group, zero_activity_share, review_litigation,
overview_kpis, yearly_trend, timeliness) on tests/fixtures/db/builder.py, for every grouping and four filter sets (the real
dataset, the region scope, the demo dataset, a year range with one district), recorded before they moved.
"""

import json
import math
from pathlib import Path

import pytest

from xxgk import metrics

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "metrics" / "sql_outputs.json")
                    .read_text(encoding="utf-8"))
CALLS = GOLDEN["calls"]


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def _rows(name, rows):
    # disclosure_volumes lists its measures in the printed order of xxgk.keys (the SQL had its own order)
    return sorted(rows, key=lambda r: (r[0], r[1], r[2])) if name == "disclosure_volumes" else rows


@pytest.mark.parametrize("call", CALLS, ids=[f"{c['aggregate']}-{c['filters']}-{c['options']}" for c in CALLS])
def test_aggregate_equals_the_former_sql(con, call):
    out = metrics.read(con, call["aggregate"], {**GOLDEN["filters"][call["filters"]], **call["options"]})
    assert out.columns == call["columns"]
    got, want = _rows(call["aggregate"], [list(r) for r in out.rows()]), _rows(call["aggregate"], call["rows"])
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert all(_same(x, y) for x, y in zip(g, w, strict=True)), (g, w)


def test_golden_covers_every_aggregate_and_grouping():
    assert {c["aggregate"] for c in CALLS} == set(metrics.names())
    assert {c["options"].get("group_by") for c in CALLS} >= set(metrics.groups.GROUPINGS)
    assert sum(len(c["rows"]) for c in CALLS) > 2000
