"""The parser's worker pool (xxgk.workers.parse_all): every file comes back once, in whatever order the workers
finish, and a worker that dies costs only the file it was reading; the same when small files travel in groups."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

import pytest

from xxgk import pipeline, workers

VARIANTS = Path(__file__).resolve().parents[1] / "fixtures" / "variants"


def _texts() -> list[str]:
    """Twelve report files of the variant corpus (text and HTML copies of the national templates)."""
    names = sorted(p.name for p in VARIANTS.iterdir() if p.suffix in (".txt", ".html"))[:12]
    assert len(names) == 12
    return names


def _items(names: list[str]) -> list[workers.Item]:
    """(path, bytes, sha256) of each name; a made-up name (crash-me.txt) carries a text variant's bytes."""
    stand_in = next(p for p in sorted(VARIANTS.iterdir()) if p.suffix == ".txt")
    out = []
    for name in names:
        data = (VARIANTS / name).read_bytes() if (VARIANTS / name).exists() else stand_in.read_bytes()
        out.append((name, data, hashlib.sha256(data + name.encode()).hexdigest()))
    return out


@pytest.mark.parametrize("group", [1, 4])
def test_every_file_comes_back_once_with_more_files_in_flight_than_workers(monkeypatch, group):
    monkeypatch.setattr(workers, "MAX_IN_FLIGHT", 5)  # the refill path runs many times
    names = _texts()
    got = []
    workers.parse_all(iter(_items(names)), 2, 60, got.append, group=group)
    assert sorted(p.path for p in got) == names
    assert all(p.report is not None and p.error_code is None for p in got)
    assert all(p.content for p in got)  # each result carries its file's bytes back to the writer


@pytest.mark.parametrize("group", [1, 4])
def test_a_worker_that_dies_costs_only_its_file(monkeypatch, group):
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
    workers.parse_all(iter(_items(names)), 2, 60, got.append, group=group)
    assert sorted(p.path for p in got) == sorted(names)
    crashed = [p for p in got if p.path == "crash-me.txt"]
    assert [(p.error_code, p.report) for p in crashed] == [("parser_crash", None)]
    assert "解析进程崩溃" in (crashed[0].error_message or "")
    assert all(p.report is not None for p in got if p.path != "crash-me.txt")


@pytest.mark.parametrize("group", [1, 4])
def test_a_worker_stuck_where_its_alarm_cannot_reach_costs_only_its_file(monkeypatch, group):
    """A file that hangs a worker inside native code (the alarm blocked, as a C library holds it) would hold the
    ingest for ever: the pool is killed when nothing comes back for the time limit and STUCK_GRACE_S more, the
    other files are parsed, and the file that hangs alone is recorded as timeout."""
    read = pipeline.read_report

    def hanging(data, source, sha256=None, checks=True):
        if "stuck" in source:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the alarm cannot interrupt it
            time.sleep(600)
        return read(data, source, sha256, checks)

    monkeypatch.setattr(workers, "read_report", hanging)
    monkeypatch.setattr(workers, "STUCK_GRACE_S", 1)
    names = _texts()[:6]
    names.insert(2, "stuck.txt")
    got = []
    started = time.monotonic()
    workers.parse_all(iter(_items(names)), 2, 1, got.append, group=group)  # a time limit of 1 s
    assert time.monotonic() - started < 120
    assert sorted(p.path for p in got) == sorted(names)
    hung = [p for p in got if p.path == "stuck.txt"]
    assert [p.error_code for p in hung] == ["timeout"]
    assert "无响应" in (hung[0].error_message or "")
    assert all(p.report is not None for p in got if p.path != "stuck.txt")


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_workers_give_the_same_reports(n):
    names = _texts()[:6]
    got = []
    workers.parse_all(iter(_items(names)), n, 60, got.append)
    assert sorted((p.path, p.report.agency, p.report.year) for p in got) == sorted(
        (name, r.agency, r.year) for name, r in ((nm, pipeline.parse_bytes((VARIANTS / nm).read_bytes(), nm)) for nm in names))


def test_groups_only_for_many_small_text_and_html_files():
    """A small ingest spreads its files over every worker one by one; from about 500 files, small text and HTML
    files go in groups; PDF, DOCX, DOC and large files always go alone."""
    assert workers.group_size(12, 2) == 1
    assert workers.group_size(None, 2) == 1
    assert workers.group_size(100_000, 2) == workers.GROUP_FILES
    pdf = next((VARIANTS.parent / "real").glob("*.pdf")).read_bytes()
    text = (VARIANTS / _texts()[0]).read_bytes()
    assert workers._groupable(text)
    assert not workers._groupable(pdf)
    assert not workers._groupable(b"PK\x03\x04" + text)
    assert not workers._groupable(text * (workers.GROUP_FILE_BYTES // len(text) + 1))


def test_grouped_files_give_the_same_reports_as_files_sent_alone():
    names = _texts()
    alone, grouped = [], []
    workers.parse_all(iter(_items(names)), 2, 60, alone.append)
    workers.parse_all(iter(_items(names)), 2, 60, grouped.append, group=5)
    assert sorted((p.path, repr(p.report)) for p in grouped) == sorted((p.path, repr(p.report)) for p in alone)
