"""Parse speed on one core: reports per second for each format, beside the floor (reading + decoding).

    uv run --frozen python bench/parse.py [FOLDER ...] [--limit N] [--seconds S]

Files come from the folders given (default: the shipped reports and test fixtures, plus a demo corpus
generated into a temporary folder). Add a format by adding an entry to FORMATS: its name, the file
suffixes it covers, and the floor function (what reading those files costs at least).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xxgk.parse import clear_caches  # noqa: E402
from xxgk.pipeline import _cached, parse_bytes  # noqa: E402
from xxgk.read.html import decode_html  # noqa: E402
from xxgk.read.text import decode_text  # noqa: E402


def _floor_text(data: bytes) -> object:
    return decode_text(data)


def _floor_html(data: bytes) -> object:
    return decode_html(data)


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
# pdf: ~10^5 PDF reports a year at 1/s per core is a day on one 2-core machine, hours on a few more.
_WALL: list[float] = []  # the wall-clock rate of the last measurement
TARGETS = {"txt": 500, "html": 100, "pdf": 1, "docx": 20}


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
    says nothing about the parser (the wall-clock rate is printed beside it)."""
    done = errors = 0
    start = time.process_time()
    wall = time.perf_counter()
    while True:
        _cached.cache_clear()  # no credit for agencies resolved in an earlier pass,
        clear_caches()  # nor for lines and labels already seen in it
        for data, name in files:
            try:
                fn(data, name)
            except Exception:
                errors += 1
            done += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            _WALL.append(done / (time.perf_counter() - wall))
            return done / elapsed, errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=600, help="files per format (default 600)")
    ap.add_argument("--seconds", type=float, default=3.0, help="least time per measurement (default 3)")
    ap.add_argument("--formats", default=",".join(f for f, _s, _f in FORMATS),
                    help="comma-separated formats to measure (default all)")
    args = ap.parse_args()
    wanted = {f.strip() for f in args.formats.split(",") if f.strip()}
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    folders = list(args.folders)
    tmp = None
    if not folders:
        tmp = tempfile.TemporaryDirectory()
        from xxgk.demo.corpus import Options, all_agencies, generate_agencies

        generate_agencies(Path(tmp.name), all_agencies(1)[:60], Options(formats=("txt", "html")))
        folders = [ROOT / "tests" / "fixtures", Path(tmp.name)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"reports per CPU-second on one core (load average {load:.1f}; wall-clock rate in the note)")
    print(f"{'format':<6} {'files':>6} {'parse/s':>9} {'floor/s':>9} {'target/s':>9}  note")
    for fmt, suffixes, floor in FORMATS:
        if fmt not in wanted:
            continue
        files = _files(folders, suffixes, args.limit)
        if not files:
            print(f"{fmt:<6} {0:>6} {'-':>9} {'-':>9} {TARGETS.get(fmt, '-'):>9}  no files")
            continue
        rate, errors = _rate(parse_bytes, files, args.seconds)
        wall_rate = _WALL[-1]
        floor_rate, _ = _rate(lambda d, _n, f=floor: f(d), files, args.seconds / 2)
        target = TARGETS.get(fmt)
        note = "" if target is None else ("meets target" if rate >= target else "BELOW target")
        note += f"; wall clock {wall_rate:.0f}/s"
        if errors:
            note += f"; {errors} parse errors (error lines, counted in the rate)"
        pages = [_pages(d, n) for d, n in files]
        if pages and all(pages):
            per_file = sum(pages) / len(pages)  # type: ignore[arg-type]
            note += f"; {rate * per_file:.1f} pages/s ({per_file:.1f} pages per report)"
        print(f"{fmt:<6} {len(files):>6} {rate:>9.1f} {floor_rate:>9.1f} {target or '-':>9}  {note}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
