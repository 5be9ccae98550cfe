"""The garbage collector is tuned for a run of many files and left as it was after it (the dashboard's process
goes on serving after an upload)."""

from __future__ import annotations

import gc
from pathlib import Path

from xxgk.ingest import ingest_bytes
from xxgk.workers import GC_THRESHOLD, collector_tuned

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"


def test_runs_at_the_same_time_leave_the_collector_as_it_was():
    before = gc.get_threshold()
    with collector_tuned():
        assert gc.get_threshold() == GC_THRESHOLD and gc.get_freeze_count() > 0
        with collector_tuned():  # a second upload while the first is stored
            assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_threshold() == GC_THRESHOLD  # the first is still running
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_an_upload_leaves_the_collector_as_it_was(tmp_path: Path):
    before = gc.get_threshold()
    report = next(p for p in sorted(SEED.glob("*.txt")))
    summary = ingest_bytes([(report.name, report.read_bytes())], db=tmp_path / "x.duckdb")
    assert summary.stored == 1
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
