"""Demo corpus benchmarks; each part prints its figures.

    uv run --frozen python bench/demo.py rate               # text/HTML generation rate (reports per second)
    uv run --frozen python bench/demo.py scale --scale 41   # ~100,000 reports: time and disk
    uv run --frozen python bench/demo.py accuracy --n 2000  # parser accuracy on generated reports, per format
    uv run --frozen python bench/demo.py build              # default corpus + real reports → DuckDB, timed
    uv run --frozen python bench/demo.py all                # rate, accuracy, build (scale only when asked)

Output goes to the system's temporary folder (or --out DIR) and is removed afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.demo.compare import failed_rules, injected_rules, score  # noqa: E402
from xxgk.demo.corpus import Options, all_agencies, generate_agencies  # noqa: E402

OUT = Path(tempfile.gettempdir()) / "xxgk-bench-demo"  # --out to measure another file system


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _fresh(name: str) -> Path:
    path = OUT / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def bench_rate(keep: bool) -> None:
    """One process writing the whole default city as text and HTML, truth files included."""
    out = _fresh("rate")
    t0, c0 = time.perf_counter(), time.process_time()
    counts = generate_agencies(out, all_agencies(1), Options(formats=("txt", "html")))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = counts["txt"] + counts["html"]
    # CPU time is the generator's own cost; wall time adds the file system and whatever else the machine runs.
    print(f"rate: {n} text/HTML reports (+ truth files), one process: {n / seconds:,.0f} reports/s wall "
          f"({seconds:.2f} s), {n / cpu:,.0f} reports/s CPU ({cpu:.2f} s); {counts['bytes'] / 1e6:.1f} MB")
    shutil.rmtree(out)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xxgk", "demo", "--out", str(out), "--formats", "txt,html", "--jobs", "0"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    print(f"rate: `python -m xxgk demo --formats txt,html` (one process per core, start-up included): "
          f"{n / seconds:,.0f} reports/s wall ({seconds:.2f} s)")
    if not keep:
        shutil.rmtree(out)


def bench_scale(scale: int, formats: str, jobs: int, keep: bool) -> None:
    """`python -m xxgk demo --scale K` through the command line, as a benchmark would run it."""
    out = _fresh(f"scale{scale}")
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "xxgk", "demo", "--out", str(out), "--scale", str(scale), "--formats", formats,
           "--jobs", str(jobs), "--force"]
    subprocess.run(cmd, check=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    size = _du(out)
    print(f"scale: --scale {scale} --formats {formats} --jobs {jobs}: {manifest['reports']:,} reports "
          f"in {seconds:.1f} s ({manifest['reports'] / seconds:,.0f}/s), {size / 1e9:.2f} GB on disk "
          f"({size / manifest['reports'] / 1e3:.1f} kB per report with its truth file)")
    if not keep:
        shutil.rmtree(out)


def bench_accuracy(n: int, keep: bool) -> None:
    """Parse about n generated reports (every format, both templates) and score every cell against truth."""
    from xxgk.errors import XxgkError
    from xxgk.pipeline import parse_path

    out = _fresh("accuracy")
    agencies = all_agencies(2)
    k = min(len(agencies), round(n / 6.72))  # an agency publishes 6.72 of its 7 reports on average
    picked = [agencies[i * len(agencies) // k] for i in range(k)]
    opts = Options(seed=11, mix=(("txt", 0.3), ("html", 0.3), ("docx", 0.2), ("pdf", 0.2)))
    generate_agencies(out, picked, opts)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    perfect: Counter[str] = Counter()
    checks_ok: Counter[str] = Counter()
    narrative_read: Counter[str] = Counter()
    narrative_right: Counter[str] = Counter()
    narrative_total: Counter[str] = Counter()
    seconds: defaultdict[str, float] = defaultdict(float)
    wrong: list[str] = []
    for path in sorted(out.rglob("*")):
        fmt = path.suffix.lstrip(".")
        if fmt not in ("txt", "html", "docx", "pdf"):
            continue
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        try:
            report = parse_path(path)
            got = report.to_json()
            for key, value in truth["narrative"].items():
                narrative_total[fmt] += 1
                narrative_read[fmt] += key in report.narrative
                narrative_right[fmt] += report.narrative.get(key) == value
        except XxgkError as e:
            got = {"checks": []}
            wrong.append(f"{path.relative_to(out)}: {e.code} {e.message}")
        seconds[fmt] += time.perf_counter() - t0
        s = score(truth, got)
        reports[fmt] += 1
        right[fmt] += s.right
        total[fmt] += s.total
        perfect[fmt] += not s.wrong and not s.meta_wrong
        checks_ok[fmt] += failed_rules(got.get("checks", [])) == injected_rules(truth)
        rel = path.relative_to(out)
        wrong += [f"{rel} {k}: expected {e!r}, got {g!r}" for k, e, g in s.meta_wrong]
        wrong += [f"{rel} {t}/{r}/{c}: expected {e!r}, got {g!r}" for t, r, c, e, g in s.wrong]
    print(f"accuracy: {sum(reports.values())} generated reports parsed")
    for fmt in ("txt", "html", "docx", "pdf"):
        if reports[fmt]:
            print(f"  {fmt:5} {reports[fmt]:5} reports  cells right {right[fmt]:,}/{total[fmt]:,} = "
                  f"{right[fmt] / max(total[fmt], 1):.4%}  reports all right {perfect[fmt] / reports[fmt]:.1%}  "
                  f"checks = injected {checks_ok[fmt] / reports[fmt]:.1%}  "
                  f"{seconds[fmt] / reports[fmt] * 1000:.0f} ms/report  narrative numbers read "
                  f"{narrative_read[fmt] / max(narrative_total[fmt], 1):.0%}, right "
                  f"{narrative_right[fmt] / max(narrative_total[fmt], 1):.0%}")
    print(f"  all   cells right {sum(right.values()):,}/{sum(total.values()):,} = "
          f"{sum(right.values()) / max(sum(total.values()), 1):.4%}")
    for line in wrong[:30]:
        print("  wrong:", line)
    if not keep:
        shutil.rmtree(out)
    _glued_accuracy(picked[: max(1, len(picked) // 10)], keep)


def _glued_accuracy(agencies: list, keep: bool) -> None:
    """Text written as crawler dumps (cells run together, like real 005.txt): a layout apart, scored apart."""
    from xxgk.errors import XxgkError
    from xxgk.pipeline import parse_path

    out = _fresh("glued")
    generate_agencies(out, agencies, Options(seed=13, formats=("txt",), glued=1.0))
    right = total = reports = perfect = 0
    for path in sorted(out.rglob("*.txt")):
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
        if {"kind": "glued_layout"} not in truth["noise"]:
            continue  # a report with blank cells: glued, they would leave no trace, so it was printed normally
        try:
            got = parse_path(path).to_json()
        except XxgkError:
            got = {}
        s = score(truth, got)
        reports += 1
        right += s.right
        total += s.total
        perfect += not s.wrong
    print(f"  glued text (crawler dumps, not in the default corpus): {reports} reports, cells right "
          f"{right:,}/{total:,} = {right / max(total, 1):.2%}, reports all right {perfect / max(reports, 1):.1%}")
    if not keep:
        shutil.rmtree(out)


def bench_build(keep: bool) -> None:
    """What `make run` does before the dashboard starts: generate the default corpus, ingest it with data/real."""
    import resource

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    out = _fresh("build")
    demo, db = out / "demo", out / "xxgk.duckdb"
    c0 = cpu()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xxgk", "demo", "--out", str(demo)], check=True, cwd=ROOT)
    t1 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(demo), str(ROOT / "data" / "real"), "--db", str(db),
                    "--quiet"], check=True, cwd=ROOT)
    t2 = time.perf_counter()
    # CPU seconds say what an idle machine needs (wall ≈ CPU / cores, both steps run one process per core).
    print(f"build: default corpus generated in {t1 - t0:.1f} s, ingested with data/real in {t2 - t1:.1f} s, "
          f"total {t2 - t0:.1f} s wall, {cpu() - c0:.1f} s CPU; database {db.stat().st_size / 1e6:.1f} MB")
    if not keep:
        shutil.rmtree(out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("part", choices=("rate", "scale", "accuracy", "build", "all"))
    p.add_argument("--scale", type=int, default=41, help="cities for the scale run (41 ≈ 100,000 reports)")
    p.add_argument("--formats", default="txt,html", help="formats for the scale run")
    p.add_argument("--jobs", type=int, default=2, help="processes for the scale run")
    p.add_argument("--n", type=int, default=2000, help="reports for the accuracy run")
    p.add_argument("--keep", action="store_true", help="keep the generated files")
    p.add_argument("--out", default=None, help="folder for generated files (default: system temporary folder)")
    a = p.parse_args()
    if a.out:
        global OUT
        OUT = Path(a.out).resolve()
    if a.part in ("rate", "all"):
        bench_rate(a.keep)
    if a.part == "scale":
        bench_scale(a.scale, a.formats, a.jobs, a.keep)
    if a.part in ("accuracy", "all"):
        bench_accuracy(a.n, a.keep)
    if a.part in ("build", "all"):
        bench_build(a.keep)


if __name__ == "__main__":
    main()
