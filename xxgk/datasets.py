"""The datasets a view shows, one at a time: the fictional demo city, or the reports of real agencies.

No figure adds a synthetic report to a real one: every named query takes `$dataset` ('demo' | 'real').
Which one the dashboard opens on: the user's own reports once they have collected or imported any (real
reports other than the handful shipped in data/real/, which come from unrelated places and are a sample,
not a jurisdiction); otherwise the demo city, labelled 示例数据，虚构; otherwise whatever the database holds.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import polars as pl

from xxgk import settings

DEMO, REAL = "demo", "real"
# How the sidebar names each dataset.
LABELS = {DEMO: "示例市（示例数据，虚构）", REAL: "真实年报"}
SHIPPED_DIR = settings.ROOT / "data" / "real"


@cache
def shipped(folder: Path = SHIPPED_DIR) -> tuple[str, ...]:
    """The sha256 (= report_id) of every file of the shipped real sample, read once per process."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in folder.iterdir() if p.is_file() and p.suffix.lower() != ".md"))


def default(held: pl.DataFrame) -> str:
    """The dataset a view opens on, from the `datasets` query's rows (dataset, reports, own_reports, …)."""
    rows = {r["dataset"]: r for r in held.iter_rows(named=True) if r["reports"]}
    if REAL in rows and rows[REAL]["own_reports"]:
        return REAL
    if DEMO in rows:
        return DEMO
    return REAL


def offered(held: pl.DataFrame) -> list[str]:
    """The datasets the database holds reports of, demo first (always at least one choice)."""
    have = {r["dataset"] for r in held.iter_rows(named=True) if r["reports"]}
    return [d for d in (DEMO, REAL) if d in have] or [REAL]
