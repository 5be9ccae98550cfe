"""How well the data-quality queries find the faults the demo corpus injects, report by report.

    uv run --frozen python bench/detectors.py [--scale 1]

Builds (or reuses, under bench/out/detectors/) a demo corpus (示例数据，虚构) whose truth files list the faults
injected into each report — X5 near-copies of last year's report, X1 broken carry-over, X3 a text stating
another number of applications than table 三 — and the reports published after their deadline ("late": the
on-time rule of 条例第四十九条 on the parsed publication date, query late_reports). Ingests it with
`python -m xxgk ingest` (and `reparse`, so a cached database follows the current parser), runs near_identical,
carry_over_breaks, narrative_mismatches and late_reports over every year, and prints for each the faults
injected, reports flagged, true positives, false positives and misses, with precision and recall. A report is matched to its truth file by the sha256 of its bytes (the report_id).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk import database, queries  # noqa: E402

OUT = ROOT / "bench" / "out" / "detectors"
DETECTORS = {"near_identical": "X5", "carry_over_breaks": "X1", "narrative_mismatches": "X3", "late_reports": "late"}


def build(scale: int) -> tuple[Path, Path]:
    """The demo corpus and its database, made once per scale."""
    demo, db = OUT / f"demo_{scale}", OUT / f"demo_{scale}.duckdb"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT.parent / ".gitignore").write_text("*\n")
    sample = next(demo.glob("*/*.truth.json"), None) if demo.exists() else None
    if sample is not None and "on_time" not in json.loads(sample.read_text(encoding="utf-8")):
        shutil.rmtree(demo)  # made by a generator without publication dates: make it again
        db.unlink(missing_ok=True)
    if not demo.exists():
        subprocess.run([sys.executable, "-m", "xxgk", "demo", "--out", str(demo), "--scale", str(scale),
                        "--formats", "txt,html"], check=True, cwd=ROOT)
    if not db.exists():
        subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(demo), "--db", str(db)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "xxgk", "reparse", "--db", str(db), "--quiet"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return demo, db


def injected_faults(demo: Path) -> dict[str, set[str]]:
    """report_id (sha256 of the file) → the rules of the faults its truth file says were injected; a report
    published after its deadline counts as the fault "late"."""
    out: dict[str, set[str]] = {}
    for t in glob.glob(str(demo / "**" / "*.truth.json"), recursive=True):
        truth = json.loads(Path(t).read_text(encoding="utf-8"))
        source = Path(t).parent / truth["source"]
        rules = {f["rule"] for f in truth.get("injected", [])} | ({"late"} if truth.get("on_time") is False else set())
        out[hashlib.sha256(source.read_bytes()).hexdigest()] = rules
    return out


def late_flagged(con) -> set[str]:
    """The reports the on-time rule finds late (late_reports with status late; undated ones are not flagged)."""
    late = queries.run(con, "late_reports", {"year_from": 1900})
    return set(late.filter(late["status"] == "late")["report_id"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=1, help="fictional cities (about 2,450 reports each)")
    args = ap.parse_args(argv)
    demo, db = build(args.scale)
    truth = injected_faults(demo)
    con = database.open_read(db)  # a database derived by an older version is derived again
    current = {r[0] for r in con.execute("SELECT report_id FROM current_reports").fetchall()}
    print(f"{len(current)} current reports (示例数据，虚构), {len(truth)} truth files")
    print(f"{'query':<20}{'rule':>5}{'injected':>10}{'flagged':>9}{'true+':>7}{'false+':>8}{'missed':>8}"
          f"{'precision':>11}{'recall':>8}")
    for name, rule in DETECTORS.items():
        flagged = late_flagged(con) if rule == "late" else set(queries.run(con, name, {"year_from": 1900})["report_id"])
        expected = {rid for rid, rules in truth.items() if rule in rules and rid in current}
        tp, fp, fn = len(flagged & expected), len(flagged - expected), len(expected - flagged)
        precision = tp / len(flagged) if flagged else float("nan")
        recall = tp / len(expected) if expected else float("nan")
        print(f"{name:<20}{rule:>5}{len(expected):>10}{len(flagged):>9}{tp:>7}{fp:>8}{fn:>8}"
              f"{precision:>11.2f}{recall:>8.2f}")
    dated = con.execute("SELECT count(published_date), count(*) FROM current_reports").fetchone()
    print(f"publication date known for {dated[0]} of {dated[1]} current reports (the rest are 日期不详: a late one "
          "among them is a miss above)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
