"""Faults during ingest: killed at random moments, a full disk, a read-only data folder.

    uv run --frozen python bench/faults.py [--kills 20] [--reports 900] [--seed 0] [--max-delay 12]

1. A corpus of demo reports (text and HTML, plus a few files that cannot be read) is parsed once here
   to know what each report must hold: its cells, checks, facts and narrative rows.
2. `python -m xxgk ingest` runs in its own process group and is SIGKILLed after a random delay, `--kills`
   times in a row. After every kill the published database must open and be whole: every report has
   exactly the rows its file gives, no row without its report, every report its source; and no report
   that was there before the kill is missing (data lost). A final run must complete the corpus.
3. The disk fills up during an ingest (a tmpfs just big enough for the database when running as root,
   else a file-size limit on the process), and the data folder is read-only: the command must end with
   a clear message, no traceback, and the database must still open with the same row counts; once the
   fault is gone, a rerun completes.

Prints: faults survived, data lost, and one line per scenario. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TABLES = ("reports", "cells", "checks", "facts", "narrative", "sources", "ingest_errors", "agencies")
BAD_FILES = {"broken.pdf": b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "empty.txt": b"", "random.html": bytes(range(256)) * 8,
             "not-a-report.txt": "会议通知：请各单位于周五前报送材料。\n".encode() * 20}


# -- the corpus and what it must give ----------------------------------------------------------------

def demo_corpus(folder: Path, reports: int, seed: int = 0, parts: int = 1) -> list[Path]:
    """About `reports` demo reports (text and HTML: quick to parse) in `parts` folders of agencies
    folder/p00, p01, …, and a few unreadable files in p00."""
    from xxgk.demo.corpus import Options, all_agencies, generate_agencies

    agencies = all_agencies(1 + reports // 2400)[:max(1, reports // 7)]
    out = []
    for i in range(parts):
        part = folder / f"p{i:02d}"
        generate_agencies(part, agencies[i::parts], Options(seed=seed, formats=("txt", "html")))
        for p in part.rglob("*.truth.json"):
            p.unlink()
        out.append(part)
    for name, data in BAD_FILES.items():
        (out[0] / name).write_bytes(data)
    return out


def seed_corpus(folder: Path, copies: int, first: int = 0) -> int:
    """`copies` distinct files of the seed report (different endings from `first` on), and the unreadable files."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "tests" / "fixtures" / "seed" / "000_63545407972970c8.txt").read_bytes()
    for i in range(first, first + copies):
        (folder / f"copy_{i:04d}.txt").write_bytes(text + b"\n" * (i + 1))
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    return copies + len(BAD_FILES)


@dataclass(frozen=True)
class Expected:
    cells: int
    checks: int  # checks made (reports.checks_run)
    narrative: int
    failed: int  # failed checks: the only ones stored in `checks`


def expected_rows(folder: Path) -> tuple[dict[str, Expected], set[str]]:
    """What the store must hold per report (by sha256), and the sha256s of files that cannot be parsed."""
    from xxgk.errors import XxgkError
    from xxgk.ingest import walk
    from xxgk.pipeline import parse_bytes

    files, _, _ = walk([folder])
    reports: dict[str, Expected] = {}
    failed: set[str] = set()
    for f in files:
        data = f.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        try:
            r = parse_bytes(data, str(f))
        except XxgkError:
            failed.add(sha)
            continue
        reports[sha] = Expected(len({(c.table, c.row, c.col) for c in r.cells}), len(r.checks), len(r.narrative or {}),
                                sum(1 for c in r.checks if not c.ok))
    return reports, failed


# -- auditing a database ------------------------------------------------------------------------------

@dataclass
class Audit:
    opened: bool
    problems: list[str] = field(default_factory=list)
    reports: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def whole(self) -> bool:
        return self.opened and not self.problems


def audit(db: Path, expected: dict[str, Expected] | None = None) -> Audit:
    """Open the published database read-only and check that every report is whole."""
    import duckdb

    from xxgk import database
    from xxgk.errors import StoreError

    if not db.exists():
        return Audit(True)  # nothing published yet: nothing to lose
    try:
        con = database.open_read(db)
    except (StoreError, duckdb.Error) as e:
        return Audit(False, [f"does not open: {e}"])
    try:
        a = Audit(True)
        a.counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608 - fixed names
        rows = con.execute("""
            SELECT r.report_id,
                   (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id),
                   r.checks_run,
                   (SELECT count(*) FROM checks k WHERE k.report_id = r.report_id),
                   (SELECT count(*) FROM facts f WHERE f.report_id = r.report_id),
                   (SELECT count(*) FROM narrative n WHERE n.report_id = r.report_id),
                   (SELECT count(*) FROM sources s WHERE s.sha256 = r.report_id)
            FROM reports r""").fetchall()
        for rid, cells, checks, failed, facts, narrative, source in rows:
            a.reports.add(rid)
            if facts != 1 or source != 1:
                a.problems.append(f"report {rid[:12]}: {facts} facts rows, {source} sources rows")
            if expected is not None:
                e = expected.get(rid)
                if e is None:
                    a.problems.append(f"report {rid[:12]} is not a file of the corpus")
                elif (cells, checks, narrative, failed) != (e.cells, e.checks, e.narrative, e.failed):
                    a.problems.append(f"report {rid[:12]}: cells/checks/narrative/failed checks "
                                      f"{cells}/{checks}/{narrative}/{failed}, "
                                      f"file gives {e.cells}/{e.checks}/{e.narrative}/{e.failed}")
        for table in ("cells", "checks", "facts", "narrative"):
            n = con.execute(f"SELECT count(*) FROM {table} WHERE report_id NOT IN "  # noqa: S608 - fixed names
                            "(SELECT report_id FROM reports)").fetchone()[0]
            if n:
                a.problems.append(f"{n} {table} rows without their report")
        n = con.execute("SELECT count(*) FROM sources WHERE sha256 NOT IN (SELECT report_id FROM reports) AND "
                        "sha256 NOT IN (SELECT sha256 FROM ingest_errors WHERE sha256 IS NOT NULL)").fetchone()[0]
        if n:
            a.problems.append(f"{n} sources neither stored as a report nor recorded as an error")
        n = con.execute("SELECT count(*) FROM (SELECT agency_id, year FROM reports WHERE agency_id IS NOT NULL "
                        "AND year IS NOT NULL GROUP BY ALL HAVING count(*) FILTER (WHERE is_current) <> 1)"
                        ).fetchone()[0]
        if n:
            a.problems.append(f"{n} agency-years without exactly one current report")
        return a
    finally:
        con.close()


# -- running and killing ingests ----------------------------------------------------------------------

def ingest_cmd(paths: list[Path], db: Path, workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "xxgk", "ingest", *map(str, paths), "--db", str(db), "--quiet",
            "--workers", str(workers)]


def start(cmd: list[str], preexec: Callable[[], None] | None = None) -> subprocess.Popen:
    """The command in its own process group, so that a kill reaches its parser workers too."""
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=preexec)


def kill_group(p: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(p.pid, signal.SIGKILL)  # the group this script started for the ingest, by its id
    p.wait()


@dataclass
class KillResult:
    kills: int = 0
    landed: int = 0  # the ingest was still running when killed
    survived: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)
    final_ok: bool = False
    final_reports: int = 0
    expected_reports: int = 0


def kill_loop(corpus: Path, db: Path, expected: dict[str, Expected], kills: int, rng: random.Random,
              max_delay: float, workers: int = 2, log: Callable[[str], None] = print,
              prime: Path | None = None, chunks: list[Path] | None = None) -> KillResult:
    """Kill an ingest of `corpus` `kills` times at random moments; audit after each; then let a run finish.
    `prime`, a part of the corpus, is ingested whole first, so that a kill has published data to lose.
    `chunks`, folders outside the corpus, are moved into it one per kill, so that every run has new work."""
    res = KillResult(expected_reports=len(expected))
    if prime is not None:
        subprocess.run(ingest_cmd([prime], db, workers), cwd=ROOT, check=True, capture_output=True, timeout=3600)
    before = audit(db, expected).reports
    log(f"  published before the kills: {len(before)} reports")
    for k in range(kills):
        if chunks and k < len(chunks):
            chunks[k].rename(corpus / chunks[k].name)
        delay = rng.uniform(0.05, max_delay)
        p = start(ingest_cmd([corpus], db, workers))
        try:
            p.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            kill_group(p)
            finished = False
        res.kills += 1
        res.landed += not finished
        a = audit(db, expected)
        lost = len(before - a.reports)
        res.lost += lost
        if a.whole and not lost:
            res.survived += 1
        else:
            res.problems += [f"kill {k + 1}: {x}" for x in a.problems] + ([f"kill {k + 1}: {lost} reports lost"]
                                                                          if lost else [])
        log(f"  kill {k + 1:2d} after {delay:5.2f} s{' (run had finished)' if finished else ''}: "
            f"{'whole' if a.whole else 'NOT WHOLE'}, {len(a.reports)} reports published, {lost} lost")
        before = a.reports
    for c in (chunks or [])[kills:]:
        c.rename(corpus / c.name)
    p = start(ingest_cmd([corpus], db, workers))
    out, err = p.communicate(timeout=3600)
    a = audit(db, expected)
    res.final_reports = len(a.reports)
    res.final_ok = p.returncode == 0 and a.whole and a.reports == set(expected)
    if not res.final_ok:
        res.problems.append(f"final run: exit {p.returncode}, {len(a.reports)}/{len(expected)} reports, "
                            f"{a.problems[:3]}, {err.decode('utf-8', 'replace')[-500:]}")
    res.lost += len(before - a.reports)
    return res


# -- a full disk and a read-only folder --------------------------------------------------------------

@dataclass
class FaultResult:
    name: str
    exit_code: int
    message: str
    traceback: bool
    counts_before: dict[str, int]
    counts_after: dict[str, int]
    opens: bool
    rerun_ok: bool

    @property
    def ok(self) -> bool:
        return (self.exit_code != 0 and bool(self.message) and not self.traceback and self.opens
                and self.counts_before == self.counts_after and self.rerun_ok)

    def line(self) -> str:
        same = "same row counts" if self.counts_before == self.counts_after else \
            f"ROW COUNTS CHANGED {self.counts_before} -> {self.counts_after}"
        return (f"{self.name}: exit {self.exit_code}, {'traceback!' if self.traceback else 'no traceback'}, "
                f"database {'opens' if self.opens else 'DOES NOT OPEN'} with {same}; rerun "
                f"{'completes' if self.rerun_ok else 'FAILS'}; message: {self.message[:160]}")


def _fault_run(name: str, db: Path, more: Path, preexec: Callable[[], None] | None,
               lift: Callable[[], None]) -> FaultResult:
    before = audit(db).counts
    p = start(ingest_cmd([more], db, 1), preexec)
    _out, err = p.communicate(timeout=600)
    text = err.decode("utf-8", "replace").strip()
    after = audit(db)
    lift()
    rerun = subprocess.run(ingest_cmd([more], db, 1), cwd=ROOT, capture_output=True, timeout=600)
    final = audit(db)
    return FaultResult(name, p.returncode, text.splitlines()[-1] if text else "", "Traceback" in text, before,
                       after.counts, after.opened, rerun.returncode == 0 and final.whole
                       and final.counts["reports"] > before["reports"])


def full_disk_fsize(db: Path, more: Path, while_copying: bool = False) -> FaultResult:
    """The ingest process may not grow any file past the database's size plus a little (RLIMIT_FSIZE): the
    disk fills while batches are written. With `while_copying`, not past half the database's size: the
    disk fills while the working copy is made."""
    limit = db.stat().st_size // 2 if while_copying else db.stat().st_size + 64 * 1024

    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    name = "full disk while copying (file size limit)" if while_copying else "full disk (file size limit)"
    return _fault_run(name, db, more, preexec, lambda: None)


@contextlib.contextmanager
def tmpfs(folder: Path, size: int) -> Iterator[bool]:
    """A tmpfs of `size` bytes mounted on `folder` when this process may mount (root); yields whether it did."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        yield False
        return
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                        capture_output=True).returncode == 0
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", str(folder)], capture_output=True)


def full_disk_tmpfs(db: Path, more: Path, scratch: Path) -> FaultResult | None:
    """The database on a tmpfs with room for it and its working copy, and little more."""
    size = db.stat().st_size * 2 + 256 * 1024
    mnt = scratch / "tmpfs"
    with tmpfs(mnt, size) as mounted:
        if not mounted:
            return None
        small = mnt / db.name
        shutil.copyfile(db, small)

        def lift() -> None:
            subprocess.run(["mount", "-o", f"remount,size={size * 4}", str(mnt)], capture_output=True)

        return _fault_run("full disk (tmpfs)", small, more, None, lift)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str | None]:
    """Make `folder` read-only for the ingest: a read-only bind mount as root (root ignores modes), else
    mode 0555. Yields how, or None when neither is possible."""
    if os.geteuid() == 0:
        ok = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
        ok = ok and subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)],
                                   capture_output=True).returncode == 0
        try:
            yield "read-only bind mount" if ok else None
        finally:
            if ok or folder.is_mount():
                subprocess.run(["umount", str(folder)], capture_output=True)
        return
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        yield "mode 0555"
    finally:
        folder.chmod(mode)


def read_only_folder(db: Path, more: Path) -> FaultResult | None:
    with read_only(db.parent) as how:
        if how is None:
            return None
        before = audit(db).counts
        p = start(ingest_cmd([more], db, 1))
        _out, err = p.communicate(timeout=600)
        after = audit(db)
    rerun = subprocess.run(ingest_cmd([more], db, 1), cwd=ROOT, capture_output=True, timeout=600)
    final = audit(db)
    text = err.decode("utf-8", "replace").strip()
    return FaultResult(f"read-only data folder ({how})", p.returncode, text.splitlines()[-1] if text else "",
                       "Traceback" in text, before, after.counts, after.opened,
                       rerun.returncode == 0 and final.whole and final.counts["reports"] > before["reports"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--reports", type=int, default=4200, help="demo reports in the corpus (text and HTML)")
    ap.add_argument("--max-delay", type=float, default=8.0, help="longest wait before a kill, in seconds")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = False
    with tempfile.TemporaryDirectory(prefix="xxgk-faults-") as tmp:
        scratch = Path(tmp)
        corpus = scratch / "corpus"
        corpus.mkdir()
        t = time.monotonic()
        parts = demo_corpus(scratch / "parts", args.reports, args.seed, parts=args.kills + 1)
        parts[0].rename(corpus / parts[0].name)  # published before the kills
        expected, unreadable = expected_rows(scratch)
        print(f"corpus: {len(expected)} reports and {len(unreadable)} unreadable files in {len(parts)} parts: one "
              f"ingested first, one more added before each kill (expected rows worked out in "
              f"{time.monotonic() - t:.0f} s)", flush=True)
        db = scratch / "data" / "xxgk.duckdb"
        db.parent.mkdir()
        k = kill_loop(corpus, db, expected, args.kills, rng, args.max_delay, args.workers,
                      log=lambda s: print(s, flush=True), prime=corpus / parts[0].name, chunks=parts[1:])
        print(f"kills: {k.kills} ({k.landed} while the ingest was running)")
        print(f"faults survived: {k.survived}/{k.kills}")
        print(f"data lost: {k.lost} reports")
        print(f"final run: {'completes' if k.final_ok else 'FAILS'} ({k.final_reports}/{k.expected_reports} reports)")
        for p in k.problems[:20]:
            print(f"  {p}")
        failed |= bool(k.problems) or not k.final_ok

        # The faults below on a freshly written database (the killed one has free blocks inside, where new
        # rows fit without growing the file), except the full disk while copying the working copy.
        fresh = scratch / "fresh" / "xxgk.duckdb"
        fresh.parent.mkdir()
        subprocess.run(ingest_cmd([corpus / parts[0].name], fresh, args.workers), cwd=ROOT, check=True,
                       capture_output=True)
        more = [scratch / f"more{i}" for i in range(4)]  # new files for each scenario
        for i, folder in enumerate(more):
            seed_corpus(folder, 60, first=1000 * (i + 1))
        for result in (full_disk_fsize(fresh, more[0]), full_disk_fsize(db, more[3], while_copying=True),
                       full_disk_tmpfs(fresh, more[1], scratch), read_only_folder(fresh, more[2])):
            if result is None:
                print("  (scenario not possible on this machine: needs root for tmpfs or a read-only mount)")
                continue
            print(result.line())
            failed |= not result.ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
