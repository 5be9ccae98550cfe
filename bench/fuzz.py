"""Fuzzing the read path: hypothesis-driven mutations of real and generated reports through parse.

    uv run --frozen python bench/fuzz.py [--cases 10000] [--workers 2] [--timeout 30] [--cli 400]

Seeds are the reports under tests/fixtures (real, seed, variants, roundtrip) and a few demo reports
generated into a temporary folder (every format). Hypothesis draws a case: a seed and one to four
mutations (lines deleted, duplicated, repeated or shuffled; table cells swapped or merged; random
Unicode inserted or substituted; a wrong encoding; truncation; flipped bytes; odd numbers). Each case
runs in a worker process with a time limit and an address-space limit:

- a crash is any exception other than an XxgkError with a code and a message, a contract object
  that does not serialise, or a worker that dies;
- a hang is a case still running after the time limit (the worker is killed and replaced);
- peak RSS is the largest resident size any worker reached.

Then a sample of the cases goes through `python -m xxgk parse` in one process: one JSON line per
file, the exit status, never a traceback and never the "internal" error code.
Failing cases are written to bench/out/fuzz-failures/ to reproduce. Prints the figures; exits 1 when
there is any crash, hang or contract violation.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"
SEED_DIRS = ("real", "seed", "variants", "roundtrip")
SUFFIX_FORMAT = {".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf", ".doc": "doc"}
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "shift_jis",
             "latin-1", "cp1252", "mojibake")
ODD_NUMBERS = ("9" * 40, "-1", "-0", "1e308", "NaN", "∞", "０", "１２３４", "1,2,3", "1.5万", "3万元", "12.", ".5",
               "1/2", "一百", "00", "0x1F", "１，０００", "—", "/", "无", "－3", "2147483648", "9" * 400)


@dataclass(frozen=True)
class Seed:
    name: str
    fmt: str
    data: bytes


# -- seeds ------------------------------------------------------------------------------------------

def fixture_seeds() -> list[Seed]:
    """Every report file under tests/fixtures' report folders (truth and golden files left out)."""
    out = []
    for d in SEED_DIRS:
        for p in sorted((FIXTURES / d).iterdir()):
            fmt = SUFFIX_FORMAT.get(p.suffix.lower())
            if fmt and p.is_file():
                out.append(Seed(f"{d}/{p.name}", fmt, p.read_bytes()))
    return out


def demo_seeds(step: int = 70, max_pdf: int = 4) -> list[Seed]:
    """A few generated demo reports in every format (xxgk.demo), rendered into a temporary folder; at most
    `max_pdf` PDFs, which cost twenty times a text case to parse."""
    try:
        from xxgk.demo.corpus import FORMATS, Options, all_agencies, generate_agencies
    except ImportError:
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        generate_agencies(Path(tmp), all_agencies(1)[::step], Options(seed=11, mix=tuple((f, 1.0) for f in FORMATS)))
        for p in sorted(Path(tmp).rglob("*")):
            fmt = SUFFIX_FORMAT.get(p.suffix.lower())
            if fmt and p.is_file() and (fmt != "pdf" or sum(s.fmt == "pdf" for s in out) < max_pdf):
                out.append(Seed(f"demo/{p.relative_to(tmp)}", fmt, p.read_bytes()))
    return out


def all_seeds(demo: bool = True) -> list[Seed]:
    return fixture_seeds() + (demo_seeds() if demo else [])


# -- cases: drawn by hypothesis -----------------------------------------------------------------------

def case_strategy(n_seeds: int) -> Any:
    """A case: (seed index, [mutation, ...]); every mutation is a small tuple applied by `mutate`."""
    from hypothesis import strategies as st

    pos = st.integers(0, 1 << 16)
    unicode_text = st.text(max_size=40)
    op = st.one_of(
        st.tuples(st.just("delete_lines"), pos, st.integers(1, 30)),
        st.tuples(st.just("duplicate_lines"), pos, st.integers(1, 20), st.integers(1, 5)),
        st.tuples(st.just("repeat_line"), pos, st.integers(10, 3000)),
        st.tuples(st.just("shuffle_lines"), pos, st.integers(2, 40), st.integers(0, 1 << 30)),
        st.tuples(st.just("swap_cells"), pos, pos),
        st.tuples(st.just("merge_cells"), pos),
        st.tuples(st.just("insert_unicode"), pos, unicode_text),
        st.tuples(st.just("replace_chars"), pos, st.integers(1, 300), st.text(min_size=1, max_size=3)),
        st.tuples(st.just("odd_number"), pos, st.sampled_from(ODD_NUMBERS)),
        st.tuples(st.just("encoding"), st.sampled_from(ENCODINGS)),
        st.tuples(st.just("truncate"), pos),
        st.tuples(st.just("flip_bytes"), st.lists(st.tuples(pos, st.integers(0, 255)), min_size=1, max_size=20)),
    )
    # a wide integer, scrambled, modulo the number of seeds: hypothesis favours 0 and small integers, and
    # every seed should be drawn about as often
    seed = st.integers(0, (1 << 32) - 1).map(lambda x: ((x ^ 0x9E3779B9) * 2654435761 % (1 << 32)) % n_seeds)
    return st.tuples(seed, st.lists(op, min_size=1, max_size=4))


def draw_cases(n: int, n_seeds: int, seed: int = 0) -> list[tuple[int, list[tuple]]]:
    """`n` cases drawn by hypothesis (generation only: the outcome is judged in the workers, not here)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    cases: list[tuple[int, list[tuple]]] = []

    @hseed(seed)
    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(case_strategy(n_seeds))
    def collect(case: tuple[int, list[tuple]]) -> None:
        cases.append(case)

    collect()
    rng = random.Random(seed)
    while len(cases) < n:  # hypothesis may stop early on a small space; top up with random picks
        cases.append(rng.choice(cases))
    return cases[:n]


# -- mutations ----------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with (BOMs, UTF-16 without BOM, UTF-8, GB18030)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    if data[1:200:2].count(0) > 50:
        return data.decode("utf-16-le", "replace"), "utf-16-le"
    if data[0:200:2].count(0) > 50:
        return data.decode("utf-16-be", "replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace"), "gb18030"


def encode(text: str, encoding: str) -> bytes:
    if encoding == "mojibake":  # UTF-8 bytes read as GBK and saved again as UTF-8
        return text.encode("utf-8").decode("gbk", "replace").encode("utf-8")
    return text.encode(encoding, "replace")


_HTML_CELL = re.compile(r"<t[dh][^>]*>.*?</t[dh]>", re.S | re.I)
_DOCX_CELL = re.compile(r"<w:tc>.*?</w:tc>|<w:tc .*?</w:tc>", re.S)
_DOCX_UNIT = re.compile(r"<w:tr[ >].*?</w:tr>|<w:p[ >].*?</w:p>", re.S)
_TXT_SEP = re.compile(r"\t|\||｜| {2,}|　+")


def _units(text: str, fmt: str) -> list[tuple[int, int]]:
    """Spans of the 'lines' of a document: text lines, or paragraphs and table rows of document.xml."""
    if fmt == "docx":
        return [m.span() for m in _DOCX_UNIT.finditer(text)]
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _cells(text: str, fmt: str) -> list[tuple[int, int]]:
    if fmt == "docx":
        return [m.span() for m in _DOCX_CELL.finditer(text)]
    if fmt == "html":
        return [m.span() for m in _HTML_CELL.finditer(text)]
    out = []  # text: the tokens between separators on lines that hold numbers
    for a, b in _units(text, fmt):
        line = text[a:b]
        if not re.search(r"\d", line):
            continue
        start = 0
        for m in _TXT_SEP.finditer(line):
            if m.start() > start:
                out.append((a + start, a + m.start()))
            start = m.end()
        if start < len(line.rstrip("\r\n")):
            out.append((a + start, a + len(line.rstrip("\r\n"))))
    return out


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_op(text: str, fmt: str, op: tuple) -> str:
    kind = op[0]
    if kind in ("delete_lines", "duplicate_lines", "repeat_line", "shuffle_lines"):
        units = _units(text, fmt)
        if not units:
            return text
        i = op[1] % len(units)
        if kind == "delete_lines":
            j = min(len(units) - 1, i + op[2] - 1)
            return text[:units[i][0]] + text[units[j][1]:]
        if kind == "duplicate_lines":
            j = min(len(units) - 1, i + op[2] - 1)
            chunk = text[units[i][0]:units[j][1]]
            return text[:units[j][1]] + chunk * op[3] + text[units[j][1]:]
        if kind == "repeat_line":  # up to op[2] times, at most about 2 MB more text
            a, b = units[i]
            return text[:b] + text[a:b] * min(op[2], 2_000_000 // max(1, b - a)) + text[b:]
        j = min(len(units), i + op[2])
        parts = [text[a:b] for a, b in units[i:j]]
        random.Random(op[3]).shuffle(parts)
        return text[:units[i][0]] + "".join(parts) + text[units[j - 1][1]:]
    if kind in ("swap_cells", "merge_cells"):
        cells = _cells(text, fmt)
        if len(cells) < 2:
            return text
        i = op[1] % len(cells)
        if kind == "merge_cells":  # the cell and the next one become one: the separator between them goes
            (a1, b1), (a2, b2) = cells[i % (len(cells) - 1)], cells[i % (len(cells) - 1) + 1]
            if fmt in ("html", "docx"):
                inner = re.sub(r"<[^>]+>", "", text[a2:b2]) if fmt == "html" else ""
                close = text.rfind("</", a1, b1)
                return text[:close] + _xml_escape(inner) + text[close:b1] + text[b2:]
            return text[:b1] + text[a2:]
        j = op[2] % len(cells)
        if i == j:
            return text
        (a1, b1), (a2, b2) = sorted((cells[i], cells[j]))
        if b1 > a2:
            return text
        return text[:a1] + text[a2:b2] + text[b1:a2] + text[a1:b1] + text[b2:]
    if kind in ("insert_unicode", "odd_number"):
        s = op[2]
        if fmt == "docx":  # into a run's text, escaped (the XML stays well-formed)
            spots = [m.end() for m in re.finditer(r"<w:t(?: [^>]*)?>", text)]
            if not spots:
                return text
            p = spots[op[1] % len(spots)]
            return text[:p] + _xml_escape(s) + text[p:]
        if kind == "odd_number":
            digits = [m.span() for m in re.finditer(r"\d+", text)]
            if digits:
                a, b = digits[op[1] % len(digits)]
                return text[:a] + s + text[b:]
        p = op[1] % (len(text) + 1)
        return text[:p] + s + text[p:]
    if kind == "replace_chars":
        if not text:
            return text
        p = op[1] % len(text)
        if fmt == "docx":
            spots = [m.end() for m in re.finditer(r"<w:t(?: [^>]*)?>", text)]
            if not spots:
                return text
            p = spots[op[1] % len(spots)]
            end = text.find("<", p)
            n = min(op[2], max(0, end - p))
            return text[:p] + (op[3] * n)[:n] + text[p + n:]
        n = min(op[2], len(text) - p)
        return text[:p] + (op[3] * n)[:n] + text[p + n:]
    return text


def _byte_op(data: bytes, op: tuple) -> bytes:
    if op[0] == "truncate":
        return data[:op[1] % (len(data) + 1)]
    if op[0] == "flip_bytes" and data:
        b = bytearray(data)
        for p, v in op[1]:
            b[p * 977 % len(b)] = v  # spread over the whole file, not only its first 64 KB
        return bytes(b)
    return data


def mutate(seed: Seed, ops: list[tuple]) -> bytes:
    """The seed's bytes with the mutations applied (text-level ones to the text, or to a DOCX's
    document.xml; the wrong encoding to that text; truncation and flipped bytes to the final bytes)."""
    text_ops = [o for o in ops if o[0] not in ("encoding", "truncate", "flip_bytes")]
    enc_ops = [o for o in ops if o[0] == "encoding"]
    byte_ops = [o for o in ops if o[0] in ("truncate", "flip_bytes")]
    data = seed.data
    if seed.fmt in ("txt", "html"):
        text, enc = decode(data)
        for o in text_ops:
            text = _text_op(text, seed.fmt, o)
        data = encode(text, enc_ops[-1][1] if enc_ops else enc)
    elif seed.fmt == "docx" and (text_ops or enc_ops):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                parts = [(i, z.read(i)) for i in z.infolist()]
        except zipfile.BadZipFile:
            parts = []
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info, body in parts:
                if info.filename == "word/document.xml":
                    text = body.decode("utf-8", "replace")
                    for o in text_ops:
                        text = _text_op(text, "docx", o)
                    body = encode(text, enc_ops[-1][1]) if enc_ops else text.encode("utf-8")
                out.writestr(info, body)
        data = buf.getvalue()
    elif text_ops or enc_ops:  # pdf and doc: the raw bytes, line by line
        text = data.decode("latin-1")
        for o in text_ops:
            if o[0] in ("insert_unicode", "replace_chars"):
                o = (o[0], o[1], *[x.encode("utf-8", "replace").decode("latin-1") if isinstance(x, str) else x
                                   for x in o[2:]])
            text = _text_op(text, "txt", o)
        data = text.encode("latin-1", "replace")
    for o in byte_ops:
        data = _byte_op(data, o)
    return data


# -- running cases in workers with a time and memory limit --------------------------------------------

def _address_space_kb() -> int:
    """This process's address space now (VmSize), in KB; 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmSize:")), 0)
    except OSError:
        return 0


def _worker(conn: Connection, seeds: list[Seed], mem_mb: int, libreoffice: bool = False) -> None:
    """Run cases sent over `conn`; answer (index, outcome, detail, seconds, max RSS in KB) for each."""
    import logging
    import traceback

    os.setsid()  # its own process group: a hang kills the worker and any converter it started
    if not libreoffice:  # Word 97 through the built-in reader and antiword, not a LibreOffice per case
        import xxgk.read.doc

        xxgk.read.doc._soffice = lambda: None  # type: ignore[attr-defined]

    logging.disable(logging.WARNING)  # pdfminer's notes on damaged fonts; the outcome is what counts
    for name in ENCODINGS:  # codec modules load lazily: under the memory cap a first lookup can fail
        if name != "mojibake":
            codecs.lookup(name)
    from xxgk.errors import XxgkError
    from xxgk.pipeline import parse_bytes
    from xxgk.read import ocr  # noqa: F401  (numpy and PIL: loaded before the cap, as the codecs are)

    if mem_mb:
        # The cap bounds what a case may add: a worker forked from a large process (a test run with a browser
        # and a database loaded) already has that process's address space.
        limit = (_address_space_kb() << 10) + (mem_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    while True:
        msg = conn.recv()
        if msg is None:
            return
        index, (si, ops) = msg
        seed = seeds[si]
        t = time.perf_counter()
        try:
            data = mutate(seed, ops)
        except Exception:
            conn.send((index, "bench_error", traceback.format_exc(limit=4), 0.0, _rss()))
            continue
        outcome, detail = "ok", ""
        try:
            report = parse_bytes(data, seed.name)
            obj = report.to_json()
            json.dumps(obj, ensure_ascii=False, allow_nan=False)
            missing = {"source", "sha256", "format", "template", "checks", "warnings"} - obj.keys()
            if missing or obj["template"] not in ("2019", "2021", "legacy"):
                outcome, detail = "crash", f"contract: missing {sorted(missing)} / template {obj.get('template')!r}"
        except XxgkError as e:
            if not (isinstance(e.code, str) and e.code and e.message.strip()):
                outcome, detail = "crash", f"XxgkError without code or message: {e!r}"
            else:
                outcome = f"error:{e.code}"
        except MemoryError:
            outcome, detail = "crash", f"MemoryError with {mem_mb} MB of address space beyond the worker's own"
        except BaseException as e:  # noqa: BLE001 - exactly what the fuzzer is looking for
            outcome, detail = "crash", f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=-6)}"
        conn.send((index, outcome, detail[:4000], time.perf_counter() - t, _rss()))


def _rss() -> int:
    """This process's peak resident size in KB (VmHWM: its own, not inherited from the parent)."""
    try:
        with open("/proc/self/status") as f:
            return int(re.search(r"VmHWM:\s*(\d+)", f.read()).group(1))  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass
class Result:
    cases: int = 0
    crashes: list[tuple[int, str]] = field(default_factory=list)
    hangs: list[int] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    peak_rss_kb: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    seconds_by_format: Counter = field(default_factory=Counter)
    cases_by_format: Counter = field(default_factory=Counter)
    cli_files: int = 0
    cli_violations: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        ok = self.outcomes.get("ok", 0)
        errors = sorted(((k[6:], v) for k, v in self.outcomes.items() if k.startswith("error:")), key=lambda x: -x[1])
        return [
            f"cases run: {self.cases}",
            f"crashes: {len(self.crashes)}",
            f"hangs: {len(self.hangs)}",
            f"peak RSS: {self.peak_rss_kb / 1024:.0f} MB (largest worker)",
            f"slowest case: {self.slowest:.2f} s; wall time {self.seconds:.0f} s",
            f"parsed: {ok}; refused with an error code: {self.cases - ok - len(self.crashes) - len(self.hangs)} "
            f"({', '.join(f'{k} {v}' for k, v in errors)})",
            "mean case time: " + ", ".join(f"{f} {self.seconds_by_format[f] / n:.2f} s ({n} cases)"
                                           for f, n in sorted(self.cases_by_format.items())),
            f"parse command: {self.cli_files} files, contract violations: {len(self.cli_violations)}",
        ]


class _SlotClass:
    def __init__(self, seeds: list[Seed], mem_mb: int, libreoffice: bool = False):
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, seeds, mem_mb, libreoffice), daemon=True)
        self.proc.start()
        child.close()
        self.case: int | None = None
        self.started = 0.0
        self.done = 0

    def stop(self, kill: bool = False) -> int:
        """Stop the worker; its peak RSS (KB) read from /proc before it goes when possible."""
        if kill:
            try:
                os.killpg(self.proc.pid, 9)  # the worker's own group (it called setsid)
            except ProcessLookupError:
                pass
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()
        return 0


def run_cases(seeds: list[Seed], cases: list[tuple[int, list[tuple]]], workers: int = 1, timeout: float = 90,
              mem_mb: int = 3072, recycle: int = 500, failures: Path | None = None,
              libreoffice: bool = False) -> Result:
    """Run every case on `workers` processes; a case over `timeout` seconds (more than the product's own
    parse_timeout_s, 60 s) is a hang."""
    res = Result()
    t0 = time.perf_counter()

    def _Slot(seeds: list[Seed], mem_mb: int) -> _SlotClass:  # noqa: N802
        return _SlotClass(seeds, mem_mb, libreoffice)

    slots = [_Slot(seeds, mem_mb) for _ in range(max(1, workers))]
    todo = list(range(len(cases)))[::-1]

    def record_failure(i: int, what: str, detail: str) -> None:
        if failures is None:
            return
        failures.mkdir(parents=True, exist_ok=True)
        si, ops = cases[i]
        seed = seeds[si]
        stem = failures / f"{what}-{i:05d}"
        stem.with_suffix("." + seed.fmt).write_bytes(mutate(seed, ops))
        stem.with_suffix(".txt").write_text(f"seed: {seed.name}\nops: {ops!r}\n\n{detail}\n", encoding="utf-8")

    try:
        while todo or any(s.case is not None for s in slots):
            for k, s in enumerate(slots):
                if s.case is None and todo:
                    if s.done >= recycle:  # a fresh process now and then: leaks show as RSS, not as drift
                        s.stop()
                        s = slots[k] = _Slot(seeds, mem_mb)
                    i = todo.pop()
                    s.case, s.started = i, time.perf_counter()
                    s.conn.send((i, cases[i]))
            busy = [s for s in slots if s.case is not None]
            ready = wait([s.conn for s in busy], timeout=0.5)
            now = time.perf_counter()
            for k, s in enumerate(slots):
                if s.case is None:
                    continue
                if s.conn in ready:
                    try:
                        i, outcome, detail, secs, rss = s.conn.recv()
                    except (EOFError, OSError):  # the worker died: a crash in native code or a kill by the OS
                        i = s.case
                        s.proc.join(1)
                        code = s.proc.exitcode
                        res.crashes.append((i, f"worker died (exit {code})"))
                        res.outcomes["crash"] += 1
                        record_failure(i, "crash", f"worker died (exit {code})")
                        res.cases += 1
                        s.stop(kill=True)
                        slots[k] = _Slot(seeds, mem_mb)
                        continue
                    res.cases += 1
                    res.outcomes[outcome] += 1
                    res.peak_rss_kb = max(res.peak_rss_kb, rss)
                    res.slowest = max(res.slowest, secs)
                    fmt = seeds[cases[i][0]].fmt
                    res.seconds_by_format[fmt] += secs
                    res.cases_by_format[fmt] += 1
                    if outcome in ("crash", "bench_error"):
                        res.crashes.append((i, detail))
                        record_failure(i, outcome, detail)
                    s.case = None
                    s.done += 1
                elif now - s.started > timeout:
                    i = s.case
                    res.cases += 1
                    res.hangs.append(i)
                    res.outcomes["hang"] += 1
                    record_failure(i, "hang", f"no answer within {timeout:.0f} s")
                    s.stop(kill=True)
                    slots[k] = _Slot(seeds, mem_mb)
    finally:
        for s in slots:
            s.stop()
    res.seconds = time.perf_counter() - t0
    return res


# -- the parse command's contract on a sample ---------------------------------------------------------

def check_cli(seeds: list[Seed], cases: list[tuple[int, list[tuple]]], n: int, timeout: float = 900,
              libreoffice: bool = False) -> tuple[int, list[str]]:
    """Run `python -m xxgk parse` once over `n` mutated files; the violations of the contract found."""
    if n <= 0:
        return 0, []
    step = max(1, len(cases) // n)
    picked = list(range(0, len(cases), step))[:n]
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in picked:
            si, ops = cases[i]
            # names as crawlers leave them: the right suffix, a wrong one, or none
            suffix = ("." + seeds[si].fmt, ".htm", ".doc", "")[i % 4]
            p = Path(tmp) / f"case{i:05d}{suffix}"
            p.write_bytes(mutate(seeds[si], ops))
            files.append(str(p))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if not libreoffice:  # a PATH holding antiword only: Word 97 without a LibreOffice per file
            tools = Path(tmp) / "bin"
            tools.mkdir()
            antiword = shutil.which("antiword")
            if antiword:
                (tools / "antiword").symlink_to(antiword)
            env["PATH"] = str(tools)
        proc = subprocess.run([sys.executable, "-m", "xxgk", "parse", *files], cwd=ROOT, capture_output=True,
                              timeout=timeout, env=env)
        lines = proc.stdout.decode("utf-8", "replace").splitlines()
        if len(lines) != len(files):
            problems.append(f"{len(lines)} output lines for {len(files)} files")
        any_error = False
        for f, line in zip(files, lines, strict=False):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"{f}: not JSON: {line[:200]}")
                continue
            if obj.get("source") != f:
                problems.append(f"{f}: source is {obj.get('source')!r}")
            if "error" in obj:
                any_error = True
                err = obj["error"]
                if not err.get("code") or not err.get("message"):
                    problems.append(f"{f}: error without code or message: {err}")
                elif err["code"] == "internal":
                    problems.append(f"{f}: internal error: {err['message'][:300]}")
            elif "template" not in obj or "checks" not in obj:
                problems.append(f"{f}: report object without template/checks")
        if proc.returncode != (1 if any_error else 0):
            problems.append(f"exit status {proc.returncode}, expected {1 if any_error else 0}")
        if b"Traceback" in proc.stderr:
            problems.append("traceback on stderr: " + proc.stderr.decode("utf-8", "replace")[-1500:])
    return len(files), problems


def fuzz(n: int, workers: int = 1, timeout: float = 90, cli: int = 0, seed: int = 0, demo: bool = True,
         mem_mb: int = 3072, failures: Path | None = None, libreoffice: bool = False) -> Result:
    """Draw `n` cases, run them, and check the parse command on `cli` of them."""
    seeds = all_seeds(demo)
    cases = draw_cases(n, len(seeds), seed)
    res = run_cases(seeds, cases, workers, timeout, mem_mb, failures=failures, libreoffice=libreoffice)
    res.cli_files, res.cli_violations = check_cli(seeds, cases, cli, libreoffice=libreoffice)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=90,
                    help="seconds one case may take before it is a hang (above parse_timeout_s, 60)")
    ap.add_argument("--libreoffice", action="store_true",
                    help="read Word 97 cases through LibreOffice when installed (a 10-50 s process per case)")
    ap.add_argument("--mem-mb", type=int, default=3072, help="address space a case may add to its worker's")
    ap.add_argument("--cli", type=int, default=400, help="cases also run through `python -m xxgk parse`")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-demo", action="store_true", help="fixtures only (no generated demo reports)")
    args = ap.parse_args()
    seeds = all_seeds(not args.no_demo)
    print(f"seeds: {len(seeds)} ({', '.join(f'{k} {v}' for k, v in sorted(Counter(s.fmt for s in seeds).items()))})",
          flush=True)
    res = fuzz(args.cases, args.workers, args.timeout, args.cli, args.seed, not args.no_demo, args.mem_mb,
               failures=ROOT / "bench" / "out" / "fuzz-failures", libreoffice=args.libreoffice)
    for line in res.lines():
        print(line)
    for i, detail in res.crashes[:10]:
        print(f"  crash in case {i}: {detail.splitlines()[0] if detail else ''}")
    for v in res.cli_violations[:10]:
        print(f"  parse command: {v}")
    return 1 if res.crashes or res.hangs or res.cli_violations else 0


if __name__ == "__main__":
    sys.exit(main())
