"""Parse speed on one core, per format and corpus, each figure beside the floor measured in the same run.

    uv run --frozen python bench/parse.py [FOLDER ...] [--limit N] [--seconds S] [--formats txt,html]
                                          [--general] [--profile N] [--stages]

Corpora: "demo" (a demo corpus generated into a temporary folder) and "fixtures" (the real and variant
test files: tests/fixtures/real, seed, variants, roundtrip); FOLDER arguments replace both by one corpus
"given". The floor is the least work any parser of the format does per file: for text, reading,
decoding and cutting the text into lines and the lines into whitespace-separated tokens; for HTML, decoding and the lexbor parse of
the page with its text pulled out; for PDF, pypdfium2's raw text; for DOCX, unzipping the body.
`--general` forces the general parse path (XXGK_PARSE_GENERAL=1); `--profile N` prints a cProfile of
parsing the first N demo text and HTML files instead of the rates; `--stages` prints, under each rate, the time
each step of the parse takes a report, and the rate the report's other steps would allow were its tables read at no
cost; for text also the least table reading (_least_tables) and the time the tables may take for the target.
The last line says which targets are met. The process parses as the ingest's parser processes do: with the garbage collector tuned for many
files (xxgk.workers.tune_collector).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xxgk.parse import clear_caches  # noqa: E402
from xxgk.pipeline import parse_bytes  # noqa: E402
from xxgk.read.html import decode_html  # noqa: E402
from xxgk.read.text import decode_text  # noqa: E402


def _clear_caches() -> None:
    """No credit for what an earlier pass computed: the parser's per-string caches and the agency
    resolver's answers (an agency publishes under the same name every year) are emptied."""
    from functools import _lru_cache_wrapper

    from xxgk import agencies

    clear_caches()
    for obj in vars(agencies).values():
        if isinstance(obj, _lru_cache_wrapper) and obj.__module__ == agencies.__name__:
            obj.cache_clear()


def _floor_text(data: bytes) -> object:
    """Decoding, cutting into lines and each line into its whitespace-separated tokens."""
    text = decode_text(data)[0]
    return [line.split() for line in text.splitlines()]


def _floor_html(data: bytes) -> object:
    """Decoding and the whole lexbor parse, the page's text pulled out in C."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decode_html(data))
    root = tree.body or tree.root
    return root.text(deep=True) if root is not None else ""


def _floor_pdf(data: bytes) -> object:
    """Opening the PDF and pulling each page's raw text with pypdfium2 (no layout, no tables)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _floor_docx(data: bytes) -> object:
    """Unzipping word/document.xml (no XML parse)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def _pages(data: bytes, name: str) -> int | None:
    """Printed pages of a PDF, for pages per second (a DOCX has no fixed pages)."""
    if not name.lower().endswith(".pdf"):
        return None
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = len(pdf)
    pdf.close()
    return n


# (format, file suffixes, floor: the least work any reader of that format does per file)
FORMATS: list[tuple[str, tuple[str, ...], Callable[[bytes], object]]] = [
    ("txt", (".txt",), _floor_text),
    ("html", (".html", ".htm"), _floor_html),
    ("pdf", (".pdf",), _floor_pdf),
    ("docx", (".docx",), _floor_docx),
]
# Reports per CPU-second on one core, by (format, corpus): national scale (10^5 reports a year, 10^6
# over the years) read again after a parser change in minutes, not hours. pdf: ~10^5 PDF reports a year
# at 1/s per core is a day on one 2-core machine, hours on a few more.
TARGETS = {("txt", "demo"): 2000, ("txt", "fixtures"): 1000, ("html", "demo"): 500, ("html", "fixtures"): 300,
           ("pdf", "fixtures"): 1, ("docx", "fixtures"): 20}
FIXTURES = ("real", "seed", "variants", "roundtrip")
_WALL: list[float] = []  # the wall-clock rate of the last measurement


def _files(folders: list[Path], suffixes: tuple[str, ...], limit: int) -> list[tuple[bytes, str]]:
    out: list[tuple[bytes, str]] = []
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if {"bad", "hostile"} & set(p.relative_to(folder).parts):
                continue  # the bad and hostile corpora measure refusals, not parsing
            if p.suffix.lower() in suffixes and ".truth" not in p.name and ".golden" not in p.name:
                out.append((p.read_bytes(), str(p)))
                if len(out) >= limit:
                    return out
    return out


def _rate(fn: Callable[[bytes, str], object], files: list[tuple[bytes, str]], seconds: float) -> tuple[float, int]:
    """Files per second of this process's CPU time over at least `seconds` (repeating the list), and how
    many raised. CPU time, not wall time: on a shared machine the process also waits for a core, which
    says nothing about the parser (the wall-clock rate is printed beside it). The caches are emptied before
    each pass with the clocks stopped: the emptying is the benchmark's, not the parser's, work."""
    done = errors = 0
    elapsed = wall = 0.0
    while True:
        _clear_caches()
        start = time.process_time()
        started = time.perf_counter()
        for data, name in files:
            try:
                fn(data, name)
            except Exception:
                errors += 1
            done += 1
        elapsed += time.process_time() - start
        wall += time.perf_counter() - started
        if elapsed >= seconds:
            _WALL.append(done / wall)
            return done / elapsed, errors


def _profile(folder: Path, n: int) -> None:
    """cProfile of parsing the first n text and HTML files of the demo corpus (cumulative, then own time)."""
    import cProfile
    import pstats

    for suffixes in ((".txt",), (".html",)):
        files = _files([folder], suffixes, n)
        for data, name in files[:5]:
            parse_bytes(data, name)  # imports and first-use compilation out of the figure
        _clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        for data, name in files:
            parse_bytes(data, name)
        prof.disable()
        print(f"=== {len(files)} demo {suffixes[0]} files")
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)


# The steps of a parse, in the order they run, as (label, module, name): each is timed where its caller looks it up.
# Indented labels are parts of the step above them.
STAGES: list[tuple[str, str, str]] = [
    ("reading the file", "xxgk.pipeline", "bytes_to_document"),
    ("parsing the document", "xxgk.pipeline", "document_to_report"),
    ("  sections", "xxgk.parse", "document_to_sections"),
    ("  running text", "xxgk.parse", "_running_text"),
    ("  synthetic marker", "xxgk.parse", "is_synthetic"),
    ("  tables, fast path", "xxgk.parse", "fast_tables"),
    ("    rows", "xxgk.parse.fast", "_rows"),
    ("    regions", "xxgk.parse.fast", "_regions"),
    ("    template", "xxgk.parse.fast", "_template"),
    ("    table 二", "xxgk.parse.fast", "_table2"),
    ("    table 三", "xxgk.parse.fast", "_table3"),
    ("    table 四", "xxgk.parse.fast", "_table4"),
    ("  tables, general path: rows", "xxgk.parse", "document_to_rows"),
    ("  tables, general path: regions", "xxgk.parse", "rows_to_regions"),
    ("  tables, general path: table 二", "xxgk.parse", "rows_to_table2"),
    ("  tables, general path: table 三", "xxgk.parse", "rows_to_table3"),
    ("  tables, general path: table 四", "xxgk.parse", "rows_to_table4"),
    ("  title", "xxgk.parse", "find_title"),
    ("  signature", "xxgk.parse", "find_signature"),
    ("  year", "xxgk.parse", "find_year"),
    ("  abbreviated agency", "xxgk.parse", "expand_abbreviation"),
    ("  report without tables?", "xxgk.parse", "_looks_like_report"),
    ("  narrative numbers", "xxgk.parse", "find_narrative"),
    ("  publication date", "xxgk.parse", "document_to_published"),
    ("checks", "xxgk.pipeline", "report_to_checks"),
    ("agency placed", "xxgk.pipeline", "resolve_agency"),
    ("scope", "xxgk.pipeline", "report_to_scope"),
]
_TABLE_STAGES = ("fast_tables", "document_to_rows", "rows_to_regions", "rows_to_table2", "rows_to_table3",
                 "rows_to_table4")


_CELL_CUT = re.compile(r"\t|  +")


def _least_tables(texts: list[str]) -> int:
    """The least work a table reader of text does: every line cut into cells (at tabs and runs of spaces), each cell a
    number (ASCII digits, made an int, one CellRef tuple with its line) or else the label the numbers after it take.
    No row grouped, no label matched, no blank cell kept: a bound, not a reader."""
    from xxgk.report import CellRef

    new = tuple.__new__
    cut = _CELL_CUT.split
    made = 0
    for text in texts:
        cells = []
        for n, line in enumerate(text.splitlines()):
            label = ""
            for part in cut(line) if "\t" in line or "  " in line else (line,):
                if part.isdigit():
                    cells.append(new(CellRef, ("table3", label, "", int(part), part, label, None, n)))
                elif part:
                    label = part
        made += len(cells)
    return made


def _stages(files: list[tuple[bytes, str]], seconds: float, fmt: str, target: int | None) -> None:
    """Print the time each step of STAGES takes a report (wall clock of this one-core process, each step wrapped in a
    timer: the wrappers add about 0.3 µs a call, a few µs a report) and the rate the steps other than the tables
    allow: what reading the tables at no cost would give at most. For text, also the time of the least table reading
    (_least_tables) and the rate the other steps allow with it: how near any table reader written in Python can come;
    and, with a target, the time the tables may take for it with the other steps as they are, as a multiple of the least
    reading."""
    import importlib

    spent = dict.fromkeys(range(len(STAGES)), 0)
    saved: list[tuple[object, str, object]] = []
    clock = time.perf_counter_ns

    def timed(i: int, fn: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[i] += clock() - start
        return run

    for i, (_label, module_name, name) in enumerate(STAGES):
        module = importlib.import_module(module_name)
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, timed(i, getattr(module, name)))
    top = [i for i, (label, _m, _n) in enumerate(STAGES) if not label.startswith(" ")]
    try:
        done = total = 0
        while total < seconds * 1e9:  # the steps' own time: the emptying of the caches is not counted (see _rate)
            _clear_caches()
            for data, name in files:
                try:
                    parse_bytes(data, name)
                except Exception:
                    pass
            done += len(files)
            total = sum(spent[i] for i in top)
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
    per = {i: ns / done / 1000 for i, ns in spent.items()}
    whole = total / done / 1000
    for i, (label, _m, _n) in enumerate(STAGES):
        if per[i] >= 0.05:
            print(f"         {label:<34} {per[i]:8.1f} µs {per[i] / whole:6.1%}")
    tables = sum(per[i] for i, (_l, _m, name) in enumerate(STAGES) if name in _TABLE_STAGES)
    rest = whole - tables
    print(f"         the steps above: {whole:.0f} µs a report; the tables {tables:.0f} µs, the rest {rest:.0f} µs: "
          f"with the tables read at no cost, at most {1e6 / rest:,.0f} reports/s")
    if fmt == "txt":
        texts = [decode_text(data)[0] for data, _name in files]  # decoding is the reading step's, counted above
        done = 0
        start = time.process_time()
        while (elapsed := time.process_time() - start) < seconds / 2 or not done:
            _least_tables(texts)
            done += len(texts)
        least = elapsed / done * 1e6
        print(f"         the least table reading (_least_tables): {least:.0f} µs a report; the tables take "
              f"{tables / least:.1f}× that; with it and the rest, at most {1e6 / (rest + least):,.0f} reports/s")
        if target is not None:
            budget = 1e6 / target - rest
            print(f"         for the target of {target:,}/s the tables may take {max(budget, 0):.0f} µs a report, "
                  f"{max(budget, 0) / least:.1f}× the least reading")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=600, help="files per format and corpus (default 600)")
    ap.add_argument("--seconds", type=float, default=3.0, help="least time per measurement (default 3)")
    ap.add_argument("--formats", default=",".join(f for f, _s, _f in FORMATS),
                    help="comma-separated formats to measure (default all)")
    ap.add_argument("--general", action="store_true", help="force the general parse path (no fast path)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="print a cProfile of parsing N demo text and HTML files instead of the rates")
    ap.add_argument("--stages", action="store_true",
                    help="under each rate, the time each step of the parse takes a report")
    args = ap.parse_args()
    if args.general:
        os.environ["XXGK_PARSE_GENERAL"] = "1"
    wanted = {f.strip() for f in args.formats.split(",") if f.strip()}
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from xxgk.workers import tune_collector

    tune_collector()  # as a parser process of the ingest runs
    tmp = None
    corpora: list[tuple[str, list[Path]]]
    if args.folders:
        corpora = [("given", list(args.folders))]
    else:
        tmp = tempfile.TemporaryDirectory()
        from xxgk.demo.corpus import Options, all_agencies, generate_agencies

        generate_agencies(Path(tmp.name), all_agencies(1)[:60], Options(formats=("txt", "html")))
        corpora = [("demo", [Path(tmp.name)]), ("fixtures", [ROOT / "tests" / "fixtures" / d for d in FIXTURES])]
    if args.profile:
        _profile(corpora[0][1][0], args.profile)
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    path = "general path forced" if args.general else "fast path where it applies"
    print(f"reports per CPU-second on one core ({path}; load average {load:.1f}; wall-clock rate in the note)")
    print(f"{'format':<6} {'corpus':<9} {'files':>5} {'parse/s':>9} {'floor/s':>9} {'×floor':>7} {'target/s':>9}  note")
    verdicts: list[str] = []
    for fmt, suffixes, floor in FORMATS:
        if fmt not in wanted:
            continue
        for corpus, folders in corpora:
            files = _files(folders, suffixes, args.limit)
            target = TARGETS.get((fmt, corpus))
            if not files:
                continue
            rate, errors = _rate(parse_bytes, files, args.seconds)
            wall_rate = _WALL[-1]
            floor_rate, _ = _rate(lambda d, _n, f=floor: f(d), files, args.seconds / 2)
            note = f"wall clock {wall_rate:.0f}/s"
            if errors:
                note += f"; {errors} parse errors (error lines, counted in the rate)"
            pages = [_pages(d, n) for d, n in files]
            if pages and all(pages):
                per_file = sum(pages) / len(pages)  # type: ignore[arg-type]
                note += f"; {rate * per_file:.1f} pages/s ({per_file:.1f} pages per report)"
            if target is not None:
                verdicts.append(f"{fmt}/{corpus} {'met' if rate >= target else 'NOT met'} "
                                f"({rate:.0f} of {target}/s, ×{floor_rate / rate:.1f} the floor)")
            print(f"{fmt:<6} {corpus:<9} {len(files):>5} {rate:>9.1f} {floor_rate:>9.1f} {floor_rate / rate:>7.1f} "
                  f"{target or '-':>9}  {note}")
            if args.stages:
                _stages(files, args.seconds, fmt, target)
    if tmp is not None:
        tmp.cleanup()
    print("targets: " + ("; ".join(verdicts) if verdicts else "none measured"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
