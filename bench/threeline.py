"""三线表 PDFs (tables without cell borders): cells right with and without placing values by x position.

    uv run --frozen python bench/threeline.py [--n 30] [--seed 31] [--clean 10] [--align center|right|left]

Generates --n 三线表 PDFs whose tables print blank cells (and --clean PDFs without blank cells, which
must stay right), parses each twice: as the reader does now, and with the placement of cells by x
position (xxgk.read.pdfcolumns) switched off, the reader as it was before it. Prints cells right,
reports all right, rows placed, and CPU milliseconds per report both ways (the cost of the placement).
The generator centres its cells; --align right or left draws every cell (numbers and header labels)
aligned that way instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import xxgk.read.pdf as pdf_reader  # noqa: E402
from xxgk.demo.compare import score  # noqa: E402
from xxgk.demo.corpus import Options, agency_sheets, all_agencies, write_sheet  # noqa: E402
from xxgk.pipeline import parse_path  # noqa: E402


def _pick(out: Path, seed: int, n_blank: int, n_clean: int) -> list[tuple[Path, dict, bool]]:
    """PDFs drawn as 三线表, with and without blank cells in their tables, both templates, many agencies."""
    opts = Options(seed=seed, formats=("pdf",), three_line=1.0)
    picked: list[tuple[Path, dict, bool]] = []
    want = {True: n_blank, False: n_clean}
    for agency in all_agencies(2)[::3]:
        for sheet, _fmt in agency_sheets(agency, opts):
            blanks = any(x["kind"] == "blank_cells" for x in sheet.noise)
            if sum(b == blanks for _, _, b in picked) >= want[blanks]:
                continue
            sub = out / ("blank" if blanks else "clean")
            path, _ = write_sheet(sub, sheet, "pdf")
            picked.append((path, sheet.truth(path.name, "pdf"), blanks))
        if len(picked) >= n_blank + n_clean:
            break
    return picked


def _run(files: list[tuple[Path, dict, bool]], blanks: bool) -> tuple[int, int, int, int, float]:
    """(cells right, cells, reports all right, reports, CPU ms per report) over the files of one kind."""
    right = total = perfect = n = 0
    seconds = 0.0
    for path, truth, has_blanks in files:
        if has_blanks != blanks:
            continue
        t0 = time.process_time()
        got = parse_path(path).to_json()
        seconds += time.process_time() - t0
        s = score(truth, got)
        right, total, perfect, n = right + s.right, total + s.total, perfect + (not s.wrong), n + 1
    return right, total, perfect, n, seconds * 1000 / max(n, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=30, help="三线表 PDFs with blank cells (default 30)")
    ap.add_argument("--clean", type=int, default=10, help="三线表 PDFs without blank cells (default 10)")
    ap.add_argument("--seed", type=int, default=31, help="generator seed (the test suite uses 21)")
    ap.add_argument("--align", choices=("center", "right", "left"), default="center",
                    help="alignment of every table cell (default: the generator's, centred)")
    args = ap.parse_args()
    if args.align != "center":
        from reportlab.lib.enums import TA_LEFT, TA_RIGHT

        from xxgk.demo import render_pdf

        render_pdf._styles()["cell"].alignment = TA_RIGHT if args.align == "right" else TA_LEFT
    with tempfile.TemporaryDirectory() as tmp:
        files = _pick(Path(tmp), args.seed, args.n, args.clean)
        placed = 0
        place = pdf_reader.place_cells

        def counting(lines: list, carried: object = None, rules: object = None) -> tuple:
            nonlocal placed
            out, cols = place(lines, carried, rules)
            placed += len(out)
            return out, cols

        for path, _truth, _blanks in files[:3]:
            parse_path(path)  # warm: imports, fonts and caches are not the placement's cost
        results = {}
        for name, fn in (("x positions", counting), ("before (off)", lambda lines, carried=None, rules=None: ({}, None))):
            pdf_reader.place_cells = fn
            results[name] = {b: _run(files, b) for b in (True, False)}
        pdf_reader.place_cells = place
    print(f"三线表 PDFs, seed {args.seed}, cells {args.align}: cells right / reports all right / CPU ms per report")
    for name, by_kind in results.items():
        for blanks, (right, total, perfect, n, ms) in by_kind.items():
            kind = "with blank cells" if blanks else "no blank cells  "
            print(f"  {name:<13} {kind} {n:3} reports: cells right {right:,}/{total:,} = {right / max(total, 1):.2%}"
                  f", reports all right {perfect}/{n}, {ms:.0f} ms/report")
    print(f"  rows written as placed cells: {placed} (over {len(files)} reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
