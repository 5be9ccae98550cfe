"""The parser's worker pool (xxgk.workers.parse_all): every file comes back once, in whatever order the workers
finish, and a worker that dies costs only the file it was reading."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from xxgk import pipeline, workers

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"


def _items(names: list[str]) -> list[workers.Item]:
    out = []
    for name in names:
        data = (SEED / name).read_bytes() if (SEED / name).exists() else next(SEED.glob("*.txt")).read_bytes()
        out.append((name, data, hashlib.sha256(data + name.encode()).hexdigest()))
    return out


def _texts() -> list[str]:
    return sorted(p.name for p in SEED.glob("*.txt"))[:12]


def test_every_file_comes_back_once_with_more_files_in_flight_than_workers(monkeypatch):
    monkeypatch.setattr(workers, "MAX_IN_FLIGHT", 5)  # the refill path runs many times
    names = _texts()
    got = []
    workers.parse_all(iter(_items(names)), 2, 60, got.append)
    assert sorted(p.path for p in got) == names
    assert all(p.report is not None and p.error_code is None for p in got)
    assert all(p.content for p in got)  # each result carries its file's bytes back to the writer


def test_a_worker_that_dies_costs_only_its_file(monkeypatch):
    """A worker killed on one file (a crash in a native library) breaks the pool: the other files in flight are
    parsed again on a fresh pool, and the file that kills its worker twice is recorded as parser_crash."""
    read = pipeline.read_report

    def crashing(data, source, sha256=None, checks=True):
        if "crash" in source:
            os._exit(3)  # the worker process dies at once, as a segfault would end it
        return read(data, source, sha256, checks)

    monkeypatch.setattr(workers, "read_report", crashing)  # the workers are forked after this: they inherit it
    names = _texts()
    names.insert(3, "crash-me.txt")
    got = []
    workers.parse_all(iter(_items(names)), 2, 60, got.append)
    assert sorted(p.path for p in got) == sorted(names)
    crashed = [p for p in got if p.path == "crash-me.txt"]
    assert [(p.error_code, p.report) for p in crashed] == [("parser_crash", None)]
    assert "解析进程崩溃" in (crashed[0].error_message or "")
    assert all(p.report is not None for p in got if p.path != "crash-me.txt")


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_workers_give_the_same_reports(n):
    names = _texts()[:6]
    got = []
    workers.parse_all(iter(_items(names)), n, 60, got.append)
    assert sorted((p.path, p.report.agency, p.report.year) for p in got) == sorted(
        (name, r.agency, r.year) for name, r in ((nm, pipeline.parse_bytes((SEED / nm).read_bytes(), nm)) for nm in names))
