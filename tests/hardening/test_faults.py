"""Faults during ingest, in small (the full run is `python bench/faults.py`): an ingest killed three times
at random moments leaves a whole database each time and a rerun completes; a full disk and a read-only
data folder end with a clear message and leave the database as it was."""

from __future__ import annotations

import random

import pytest

from bench import faults


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    faults.seed_corpus(folder / "first", 10)  # published before the kills
    faults.seed_corpus(folder, 70, first=10)
    expected, unreadable = faults.expected_rows(folder)
    assert len(expected) == 80 and len(unreadable) == len(faults.BAD_FILES)  # the bad files are twice, same bytes
    return folder, expected


@pytest.mark.slow
def test_killed_three_times_then_completes(corpus, tmp_path):
    folder, expected = corpus
    db = tmp_path / "data" / "x.duckdb"
    db.parent.mkdir()
    res = faults.kill_loop(folder, db, expected, kills=3, rng=random.Random(8), max_delay=6.0, workers=2,
                           log=print, prime=folder / "first")
    print(f"faults survived: {res.survived}/{res.kills}, data lost: {res.lost}")
    assert res.problems == []
    assert res.survived == res.kills == 3 and res.lost == 0
    assert res.final_ok and res.final_reports == 80


@pytest.fixture
def stored(corpus, tmp_path):
    """A database holding the corpus, and a folder of new files to ingest into it."""
    folder, _ = corpus
    db = tmp_path / "data" / "x.duckdb"
    db.parent.mkdir()
    import subprocess

    subprocess.run(faults.ingest_cmd([folder], db, 1), cwd=faults.ROOT, check=True, capture_output=True)
    more = tmp_path / "more"
    faults.seed_corpus(more, 20, first=500)
    return db, more


@pytest.mark.slow
def test_full_disk_gives_a_clear_error_and_costs_nothing(stored):
    db, more = stored
    res = faults.full_disk_fsize(db, more)
    print(res.line())
    assert res.exit_code == 1 and not res.traceback
    assert "导入未完成" in res.message
    assert res.opens and res.counts_before == res.counts_after and res.counts_before["reports"] == 80
    assert res.rerun_ok


@pytest.mark.slow
def test_read_only_folder_gives_a_clear_error_and_costs_nothing(stored):
    db, more = stored
    res = faults.read_only_folder(db, more)
    if res is None:
        pytest.skip("cannot make a folder read-only here: running as root without permission to mount")
    print(res.line())
    assert res.exit_code == 1 and not res.traceback
    assert "导入未完成" in res.message
    assert res.opens and res.counts_before == res.counts_after
    assert res.rerun_ok
