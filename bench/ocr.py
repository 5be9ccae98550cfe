"""Scanned PDFs read by OCR: cells right / wrong / blank against the truth, and seconds per page.

    uv run --frozen python bench/ocr.py [--dpi 200] [--demo 4] [--seed 21] [--no-real] [--noise]

Each sample is a text PDF turned into a scan: every page rendered to a grey image at --dpi, with
--noise mild speckle, a blur and a turn of 0.5°, and the images written as an image-only PDF. The
scan is then parsed as any file is (xxgk.pipeline.parse_bytes: the PDF reader finds no text layer and
reads it by OCR) and compared with the truth cell by cell:

- right: the cell's number read right;
- wrong: a number read that is not the printed one (the harmful kind);
- blank: the cell left empty (unsure, unread or its row not placed) where a number is printed;
- extra: numbers stored under a row the parser could not match to the template (its label misread,
  kept as extra_N): in no template cell, but stored.

Samples: the real reports tests/fixtures/real/002, 003 and 004.pdf (ruled tables, hand-checked
truth), then --demo generated reports of each kind (ruled tables and 三线表, 2019 and 2021 templates).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.truth import truth_to_canonical  # noqa: E402
from xxgk.demo.compare import score  # noqa: E402
from xxgk.demo.corpus import Options, agency_sheets, all_agencies, write_sheet  # noqa: E402
from xxgk.pipeline import parse_bytes  # noqa: E402


def to_scan(pdf_bytes: bytes, dpi: int, noise: bool, seed: int = 0) -> tuple[bytes, int]:
    """The PDF as an image-only PDF (a scan) and its page count."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(pdf_bytes)
    images = []
    for i in range(len(pdf)):
        page = pdf[i]
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        if noise:
            img = img.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
            img = img.filter(ImageFilter.GaussianBlur(0.6))
            a = np.asarray(img, dtype=np.int16)
            a = a + rng.normal(0, 12, a.shape).astype(np.int16)
            speck = rng.random(a.shape) < 0.0005
            a[speck] = 0
            img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        images.append(img)
    pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return buf.getvalue(), len(images)


def _demo_samples(out: Path, n: int, seed: int) -> list[tuple[str, Path, dict]]:
    """n generated PDFs of each kind: (ruled, 三线表) × (2019, 2021) templates."""
    picked = []
    for three_line, kind in ((0.0, "ruled"), (1.0, "three_line")):
        (out / kind).mkdir()
        opts = Options(seed=seed, formats=("pdf",), three_line=three_line)
        count = {"2019": 0, "2021": 0}
        for agency in all_agencies(1)[::7]:
            for sheet, _fmt in agency_sheets(agency, opts):
                if count.get(sheet.template, n) < n:
                    count[sheet.template] += 1
                    where = out / kind / str(len(picked))  # one folder each: names repeat across years
                    where.mkdir()
                    path, _ = write_sheet(where, sheet, "pdf")
                    picked.append((f"demo {kind} {sheet.template} {sheet.year} {path.name}", path, sheet.truth(path.name, "pdf")))
            if all(v >= n for v in count.values()):
                break
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the simulated scan")
    ap.add_argument("--demo", type=int, default=1, help="generated reports per kind and template")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--no-real", action="store_true", help="skip the real reports")
    ap.add_argument("--noise", action="store_true", help="speckle, blur and a 0.5° turn")
    args = ap.parse_args()

    samples: list[tuple[str, Path, dict]] = []
    if not args.no_real:
        real = ROOT / "tests" / "fixtures" / "real"
        for stem in ("002", "003", "004"):
            samples.append((f"real {stem}.pdf", real / f"{stem}.pdf", truth_to_canonical(real / f"{stem}.truth.json")))
    tmp = tempfile.TemporaryDirectory()
    if args.demo > 0:
        samples += _demo_samples(Path(tmp.name), args.demo, args.seed)

    totals = {"right": 0, "wrong": 0, "blank": 0, "extra": 0, "cells": 0, "pages": 0, "seconds": 0.0}
    print(f"scan at {args.dpi} dpi{' with noise' if args.noise else ''}; OCR engine per the reader (xxgk.read.ocr)")
    print(f"{'sample':58} {'cells':>5} {'right':>5} {'wrong':>5} {'blank':>5} {'extra':>5} {'s/page':>6}  meta")
    for name, path, truth in samples:
        scan, pages = to_scan(path.read_bytes(), args.dpi, args.noise)
        t = time.perf_counter()
        try:
            got = parse_bytes(scan, path.name).to_json()
        except Exception as e:  # a refusal is a result too
            print(f"{name:58} refused: {getattr(e, 'code', type(e).__name__)} {str(e)[:80]}")
            continue
        dt = time.perf_counter() - t
        s = score(truth, got)
        blank = sum(1 for w in s.wrong if w[4] in (None, "absent") and w[3] != "absent")
        # Cells of a row the parser did not match to the template (its label misread), kept as extra_N:
        # the numbers are not in any template cell (those count as blank), but they are stored.
        extra = sum(1 for w in s.wrong if w[3] == "absent")
        stray = sum(1 for w in s.wrong if w[3] == "absent" and w[4] not in (None, "absent"))
        wrong = len(s.wrong) - blank - extra
        meta = ",".join(f"{k}:{b!r}" for k, _, b in s.meta_wrong) or "agency/year/template right"
        print(f"{name:58} {s.total - extra:5} {s.right:5} {wrong:5} {blank:5} {stray:5} {dt / pages:6.1f}  {meta}")
        for w in s.wrong:
            if w[4] not in (None, "absent") and w[3] != "absent":
                print(f"    wrong: {w[0]}/{w[1]}/{w[2]} printed {w[3]!r}, read {w[4]!r}")
        totals["right"] += s.right
        totals["wrong"] += wrong
        totals["blank"] += blank
        totals["extra"] += stray
        totals["cells"] += s.total - extra
        totals["pages"] += pages
        totals["seconds"] += dt
    if totals["cells"]:
        c = totals["cells"]
        print(f"all: {c} cells, right {totals['right']} ({totals['right'] / c:.1%}), wrong {totals['wrong']} "
              f"({totals['wrong'] / c:.1%}), blank {totals['blank']} ({totals['blank'] / c:.1%}), "
              f"numbers under unmatched rows {totals['extra']}; "
              f"{totals['seconds'] / max(1, totals['pages']):.1f} s per page over {totals['pages']} pages")
    import resource

    print(f"peak memory of this process (parser and OCR images; tesseract runs apart): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
