"""Collect from the test portal: the exact reports and dates, politeness, storage, a second run, a killed run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from xxgk.collect.crawl import Options
from xxgk.collect.job import collect

ROOT = Path(__file__).resolve().parents[2]


def _opts(base: str) -> Options:
    return Options([base + "/index.html"], delay=0, backoff=0.05, timeout=10)


def _rel(url: str, base: str) -> str:
    assert url.startswith(base), url
    return url[len(base):]


def _cli(args: list[str], **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "xxgk", "collect", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _no_trespass(site, other, base: str) -> None:
    """Nothing disallowed, off-host or look-alike was asked for; every request named xxgk."""
    asked = {p for _, p, _ in site.log}
    assert not asked & site.never, asked & site.never
    assert other[0].log == []
    assert site.agents and all(a.startswith("xxgk/") for a in site.agents), site.agents


def test_dry_run_prints_exactly_the_reports(site, other):
    s, base = site
    proc = _cli([base + "/index.html", "--dry-run", "--delay", "0", "--quiet", "--timeout", "10"])
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]  # stdout holds nothing but the JSON lines
    found = {_rel(x["url"], base): (x["published"], x["published_from"]) for x in lines}
    assert len(found) == len(lines), "a report was printed twice"
    assert found == s.expected
    articles = {_rel(x["url"], base): _rel(x["article"], base) for x in lines if "article" in x}
    assert articles == s.articles
    assert all(x["title"] for x in lines)
    assert "找到年报" in err and "失败" in err
    for path in s.failing:
        assert base + path in err, f"{path} missing from the summary"
    _no_trespass(s, other, base)


def test_collect_stores_then_second_run_stores_nothing_new(site, other, tmp_path):
    s, base = site
    db = tmp_path / "x.duckdb"
    first = collect(_opts(base), db=db)
    assert first.finished and first.exit_code() == 0
    assert first.new == len(s.expected) and first.unchanged == 0
    assert {_rel(u, base) for u, _ in first.failed} == s.failing
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT c.url, c.article_url, strftime(c.published, '%Y-%m-%d'), c.published_from, "
                       "strftime(r.published_date, '%Y-%m-%d'), r.published_source FROM collected_documents c "
                       "JOIN reports r ON r.report_id = c.sha256").fetchall()
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("sources", "reports", "cells", "collected_documents")}
    con.close()
    assert {_rel(r[0], base): (r[2], r[3]) for r in rows} == s.expected
    assert {_rel(r[0], base): _rel(r[1], base) for r in rows if r[1]} == s.articles
    assert all(r[4] == r[2] and r[5] == "web" for r in rows), "the web date is the report's published date"
    _no_trespass(s, other, base)

    requests_before = len(s.log)
    second = collect(_opts(base), db=db)
    assert second.finished and second.new == 0 and second.unchanged == len(s.expected)
    con = duckdb.connect(str(db), read_only=True)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    runs = con.execute("SELECT count(*) FROM crawl_runs WHERE finished_at IS NOT NULL").fetchone()[0]
    con.close()
    assert after == before
    assert runs == 2
    # every report was asked for conditionally (itself, or the article it hangs from) and not sent again
    log = s.log[requests_before:]
    for path in s.expected:
        asked = {path, s.articles.get(path)}
        sent = [st for _, p, st in log if p == path]
        assert 200 not in sent, f"{path} was sent again"
        assert any(p in asked and st == 304 for _, p, st in log), f"{path} was not asked for conditionally"


def test_killed_run_resumes_without_loss_or_second_fetch(site, other, tmp_path):
    s, base = site
    db = tmp_path / "k.duckdb"
    holder: dict = {}
    pages = [0]

    def kill_on_fifteenth(path: str) -> bool:
        if path == "/robots.txt":
            return False
        pages[0] += 1
        if pages[0] == 15 and "proc" in holder:
            os.kill(holder["proc"].pid, signal.SIGKILL)
            holder["killed"] = path
            return True
        return False

    s.on_request = kill_on_fifteenth
    proc = _cli([base + "/index.html", "--db", str(db), "--delay", "0", "--quiet"])
    holder["proc"] = proc
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL and "killed" in holder
    s.on_request = None
    log_first = list(s.log)

    resumed = collect(_opts(base), db=db)
    assert resumed.resumed and resumed.finished
    con = duckdb.connect(str(db), read_only=True)
    stored = {_rel(r[0], base): (r[1], r[2]) for r in con.execute(
        "SELECT url, strftime(published, '%Y-%m-%d'), published_from FROM collected_documents").fetchall()}
    con.close()
    assert stored == s.expected  # nothing lost
    # nothing answered before the kill was asked for again (the page in flight was never answered)
    again = {p for _, p, st in s.log[len(log_first):] if p != "/robots.txt"}
    done_before = {p for _, p, st in log_first if p != "/robots.txt" and st in (200, 301, 302)}
    assert not again & done_before, again & done_before
    assert holder["killed"] in again
    _no_trespass(s, other, base)


def test_exit_1_only_when_nothing_could_be_fetched(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _cli([f"http://127.0.0.1:{port}/index.html", "--dry-run", "--quiet", "--timeout", "2"])
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and out == ""
    assert f"http://127.0.0.1:{port}/index.html — 连接失败" in err
