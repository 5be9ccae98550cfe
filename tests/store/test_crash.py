"""An ingest killed at any moment leaves a database that opens, holds no partial report, and a rerun
completes the work."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.store.helpers import FIXTURES, ROOT
from xxgk import database

# Runs an ingest with small batches; with KILL_AT=N it kills itself inside the N-th batch's transaction,
# after the rows are inserted and before COMMIT.
RUNNER = """
import os, signal, sys
import xxgk.ingest, xxgk.store.current
xxgk.ingest.BATCH_REPORTS = 8
kill_at = int(os.environ.get("KILL_AT", "0"))
calls = 0
real = xxgk.store.current.choose
def choose(*a, **k):
    global calls
    calls += 1
    real(*a, **k)
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
xxgk.store.current.choose = choose
from xxgk.cli import main
sys.exit(main(["ingest", "--quiet", "--workers", "2", *sys.argv[1:]]))
"""


@pytest.fixture
def corpus(tmp_path):
    """Many distinct files: the seed report with a different ending each (distinct bytes, same numbers)."""
    d = tmp_path / "corpus"
    d.mkdir()
    text = (FIXTURES / "seed" / "000_63545407972970c8.txt").read_bytes()
    for i in range(80):
        (d / f"copy_{i:03d}.txt").write_bytes(text + b"\n" * (i + 1))
    return d


def run(args, env=None):
    return subprocess.Popen([sys.executable, "-c", RUNNER, *map(str, args)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def state(db):
    con = database.open_read(db)
    try:
        return con.execute("""
            SELECT (SELECT count(*) FROM reports),
                   (SELECT count(*) FROM reports WHERE report_id NOT IN (SELECT report_id FROM facts)),
                   (SELECT count(*) FROM reports WHERE report_id NOT IN (SELECT sha256 FROM sources)),
                   (SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM cells c
                                                        WHERE c.report_id = r.report_id) <> r.cells_filled),
                   (SELECT count(DISTINCT report_id) FROM facts) - (SELECT count(*) FROM facts)""").fetchone()
    finally:
        con.close()


def whole(st):
    """No report lacks its facts, its source or any of its cells; no duplicate rows."""
    _n, no_facts, no_source, cells_mismatch, dup = st
    return no_facts == 0 and no_source == 0 and cells_mismatch == 0 and dup == 0


@pytest.mark.slow
def test_killed_inside_a_transaction_then_rerun_completes(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    first = corpus / "first"
    first.mkdir()
    for f in sorted(corpus.glob("copy_00*.txt")):
        f.rename(first / f.name)  # ten files ingested and published before the crash
    assert run([first, "--db", db]).wait(timeout=120) == 0
    assert state(db)[0] == 10

    p = run([corpus, "--db", db], env={"KILL_AT": "4"})
    assert p.wait(timeout=120) == -signal.SIGKILL
    st = state(db)  # the published file: untouched by the killed run
    assert st[0] == 10 and whole(st)

    p = run([corpus, "--db", db])
    out, err = p.communicate(timeout=180)
    assert p.returncode == 0, err.decode()
    st = state(db)
    assert st[0] == 80 and whole(st)
    # the rerun resumed from the killed run's committed batches rather than starting over
    stored = int(re.search(r"新存 (\d+) 份", out.decode()).group(1))
    assert 0 < stored < 70


@pytest.mark.slow
def test_killed_from_outside_at_a_random_moment_then_rerun_completes(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    p = run([corpus, "--db", db])
    work = db.with_name(f".{db.name}.work")
    deadline = time.monotonic() + 60
    while not work.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # some batches in
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    st = state(db)  # opens (created empty if the killed run never published)
    assert whole(st)
    p = run([corpus, "--db", db])
    _out, err = p.communicate(timeout=180)
    assert p.returncode == 0, err.decode()
    st = state(db)
    assert st[0] == 80 and whole(st)


@pytest.mark.slow
def test_readers_during_an_ingest_see_only_the_state_before_or_after_it(corpus, tmp_path):
    db = tmp_path / "x.duckdb"
    first = corpus / "first"
    first.mkdir()
    for f in sorted(corpus.glob("copy_00*.txt")):
        f.rename(first / f.name)
    assert run([first, "--db", db]).wait(timeout=120) == 0
    p = run([corpus, "--db", db])  # commits many small batches into its working copy
    seen = set()
    while p.poll() is None:
        con = database.open_read(db)  # never a lock error, though a writer is busy
        seen.add(con.execute("SELECT count(*) FROM reports").fetchone()[0])
        con.close()
        time.sleep(0.05)
    assert p.returncode == 0
    con = database.open_read(db)
    seen.add(con.execute("SELECT count(*) FROM reports").fetchone()[0])
    con.close()
    assert seen == {10, 80}  # no batch of the running ingest was ever visible on its own
