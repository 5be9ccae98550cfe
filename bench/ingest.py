"""Ingest benchmark: generated text/HTML reports → a fresh database; prints reports/s, CPU time per report
(all processes, and the parent that reads the files and writes the database apart from the parser workers),
peak RSS (largest process and the whole process tree) and database size. Then ingests the same folder
again (nothing new) and prints that time too. The last line says whether the targets are met.

    python bench/ingest.py --reports 10000            # about 10k reports (demo scale 5)
    python bench/ingest.py --reports 100000           # about 100k (scale 41)
    python bench/ingest.py --corpus DIR               # an existing folder instead of generating one

Target: 100,000 text/HTML reports in at most 5 minutes on 2 cores with peak RSS (whole process tree) at most
1.5 GB; a smaller run is judged by the time it projects for 100,000 at its rate.
The machine must be otherwise idle for the wall-clock figure to mean anything; CPU seconds per report
are printed as well because they do not depend on other load.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_CITY = 2450  # reports one fictional city yields (python -m xxgk demo --scale 1)
TARGET_MIN = 5.0  # minutes for 100,000 reports on 2 cores
TARGET_RSS_MB = 1536  # peak RSS of the whole process tree
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """(largest single RSS, sum of RSS) in kB over pid and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        p = int(d.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(p)
        rss[p] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(children.get(p, []))
    values = [rss.get(p, 0) for p in seen]
    return max(values, default=0), sum(values)


def run_ingest(corpus: Path, db: Path, workers: int | None) -> dict[str, float]:
    cmd = [sys.executable, "-m", "xxgk", "ingest", str(corpus), "--db", str(db), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"single": 0, "tree": 0, "parent_cpu": 0.0}

    def sample() -> None:
        while proc.poll() is None:
            single, tree = tree_rss_kb(proc.pid)
            peak["single"] = max(peak["single"], single)
            peak["tree"] = max(peak["tree"], tree)
            peak["parent_cpu"] = max(peak["parent_cpu"], cpu_seconds(proc.pid))  # last sample before it exits
            time.sleep(0.25)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    seconds = time.monotonic() - start
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"ingest failed ({proc.returncode}):\n{err[-2000:]}")
    print(out.strip())
    stored = int(out.split("新存 ")[1].split(" 份")[0])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "stored": stored, "cpu": cpu, "rss_single_mb": peak["single"] / 1024,
            "rss_tree_mb": peak["tree"] / 1024, "parent_cpu": peak["parent_cpu"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10000, help="about how many reports to generate")
    ap.add_argument("--corpus", type=Path, help="ingest this folder instead of generating one")
    ap.add_argument("--workdir", type=Path, help="where the corpus and database go (default: a temp dir)")
    ap.add_argument("--workers", type=int, default=None, help="parser processes (default: one per core)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and database")
    args = ap.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus
    try:
        if corpus is None:
            scale = max(1, math.ceil(args.reports / PER_CITY))
            corpus = work / f"demo-{scale}"
            if not corpus.exists():
                t = time.monotonic()
                subprocess.run([sys.executable, "-m", "xxgk", "demo", "--out", str(corpus), "--scale", str(scale),
                                "--formats", "txt,html", "--jobs", str(os.cpu_count() or 1)],
                               cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
                print(f"generated demo corpus scale {scale} in {time.monotonic() - t:.0f} s (not counted)")
        db = work / "bench.duckdb"
        for p in work.glob("*bench.duckdb*"):
            p.unlink()
        n_files = sum(1 for p in corpus.rglob("*") if p.suffix in (".txt", ".html"))
        corpus_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        print(f"corpus: {n_files} report files, {corpus_mb:.0f} MB; cores: {os.cpu_count()}; "
              f"load average before: {os.getloadavg()[0]:.1f}")

        first = run_ingest(corpus, db, args.workers)
        size_mb = db.stat().st_size / 1e6
        second = run_ingest(corpus, db, args.workers)
        rate = first["stored"] / first["seconds"]
        print()
        n = max(first["stored"], 1)
        parent = first["parent_cpu"]
        print(f"first ingest : {first['stored']} reports in {first['seconds']:.1f} s = {rate:.0f} reports/s; "
              f"CPU {first['cpu'] / n * 1000:.1f} ms/report (parser workers {(first['cpu'] - parent) / n * 1000:.1f}, "
              f"parent reading and writing {parent / n * 1000:.1f}, sampled every 0.25 s)")
        print(f"peak RSS     : {first['rss_single_mb']:.0f} MB largest process, "
              f"{first['rss_tree_mb']:.0f} MB whole process tree")
        print(f"database     : {size_mb:.0f} MB ({size_mb * 1e3 / max(first['stored'], 1):.1f} kB/report, "
              f"source bytes included)")
        print(f"second ingest: {second['stored']} new in {second['seconds']:.1f} s (same files, nothing stored)")
        minutes = 100000 / rate / 60
        print(f"at this rate 100,000 reports take {minutes:.1f} min "
              f"(target ≤ {TARGET_MIN:.0f} min on 2 cores, RSS ≤ {TARGET_RSS_MB} MB); load average after: "
              f"{os.getloadavg()[0]:.1f}")
        met = minutes <= TARGET_MIN and first["rss_tree_mb"] <= TARGET_RSS_MB
        print(f"targets {'met' if met else 'NOT met'}: {minutes:.1f} min "
              f"{'≤' if minutes <= TARGET_MIN else '>'} {TARGET_MIN:.0f} min, peak RSS {first['rss_tree_mb']:.0f} MB "
              f"{'≤' if first['rss_tree_mb'] <= TARGET_RSS_MB else '>'} {TARGET_RSS_MB} MB")
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
