"""The demo corpus: every agency of the fictional city (or K cities), every year, rendered and with truth.

Each agency draws from its own random stream seeded by (seed, agency id), so a seed fixes every byte
and agencies can be generated in any order or in parallel. Beside each `<name>.<ext>` goes
`<name>.truth.json`: the parse contract's keys holding the values the document prints, plus what
was injected (rule failures R1–R4, narrative mismatches X3, broken carry-over X1, near-copies X5).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from xxgk.demo.city import Agency, agencies_of_city
from xxgk.demo.faults import facts_to_sheet
from xxgk.demo.narrative import write_narrative
from xxgk.demo.numbers import YEARS, new_model, year_facts
from xxgk.demo.render_html import sheet_to_html
from xxgk.demo.render_text import sheet_to_text
from xxgk.demo.sheet import Sheet, publish_deadline
from xxgk.keys import APPLICANT_COLUMNS
from xxgk.report import SYNTHETIC_MARK

FORMATS = ("txt", "html", "docx", "pdf")
# The shipped mix: mostly text and HTML; DOCX and PDF (slow to read) kept few so `make run` stays quick.
DEFAULT_MIX = {"txt": 0.45, "html": 0.49, "docx": 0.04, "pdf": 0.02}
P_MISSING = 0.04  # an agency skips a year's report
P_NEAR_COPY = 0.015  # an agency republishes last year's report with the year changed
P_THREE_LINE = 0.15  # PDFs drawn as 三线表 (no cell borders: blank cells leave no trace)
P_LATE = 0.12  # a report published after its deadline
P_UNDATED = 0.06  # a report printing no date line after its signature


@dataclass(frozen=True, slots=True)
class Options:
    seed: int = 0
    scale: int = 1
    formats: tuple[str, ...] = FORMATS
    years: tuple[int, ...] = YEARS
    mix: tuple[tuple[str, float], ...] = tuple(DEFAULT_MIX.items())
    three_line: float = P_THREE_LINE  # share of PDFs drawn as 三线表
    glued: float = 0.0  # share of text reports written as crawler dumps (cells run together); benchmarks only


def renderer(fmt: str) -> Callable[[Sheet], bytes]:
    """The function that draws a report sheet in a format. The DOCX and PDF renderers load python-docx and
    reportlab (about a second): imported only when a corpus has such files."""
    if fmt == "txt":
        return sheet_to_text
    if fmt == "html":
        return sheet_to_html
    if fmt == "docx":
        from xxgk.demo.render_docx import sheet_to_docx
        return sheet_to_docx
    from xxgk.demo.render_pdf import sheet_to_pdf
    return sheet_to_pdf


def _pick_format(rng: random.Random, opts: Options) -> str:
    weights = [(f, w) for f, w in opts.mix if f in opts.formats] or [(f, 1.0) for f in opts.formats]
    x = rng.random() * sum(w for _, w in weights)
    for f, w in weights:
        x -= w
        if x <= 0:
            return f
    return weights[-1][0]


def _published(agency: Agency, year: int, rng: random.Random, seed: int) -> tuple[str, bool]:
    """The publication date and whether the report prints it as its date line (落款日期).

    Most publish in the weeks before the deadline; P_LATE publish after it, by days to months; P_UNDATED
    print no date line (a web page's metadata may still give the date)."""
    if agency.kind == "gov":
        date = f"{year + 1}-{rng.choice((2, 3, 3)):02d}-{rng.randint(1, 28):02d}"
    else:
        date = f"{year + 1}-01-{rng.randint(5, 31):02d}"
    # Its own stream, so that lateness can change without changing anything else of the corpus.
    side = random.Random(f"{seed}/{agency.id}/{year}/published")
    if side.random() < P_LATE:
        late = min(1 + int(side.expovariate(1 / 35)), 330)  # mostly days to weeks, a few months
        date = (publish_deadline(agency, year) + dt.timedelta(days=late)).isoformat()
    return date, side.random() >= P_UNDATED


def _broken_chain(prev: Sheet, sheet: Sheet) -> list[dict[str, str]]:
    """X1: this year's 上年结转 differs from last year's 结转下年度, column by column."""
    out = []
    for col in (*APPLICANT_COLUMNS, "total"):
        a = prev.table3["carried_forward"][col].value or 0
        b = sheet.table3["carried_over"][col].value or 0
        if a != b:
            out.append({"rule": "X1", "where": f"table3/{col}"})
    return out


def agency_sheets(agency: Agency, opts: Options) -> Iterator[tuple[Sheet, str]]:
    """The agency's published reports, year by year, with the format each is published in."""
    rng = random.Random(f"{opts.seed}/{agency.id}")
    model = new_model(agency, rng)
    fmt = _pick_format(rng, opts)
    prev: Sheet | None = None
    for year in opts.years:
        facts = year_facts(model, year)
        if rng.random() < 0.12:  # the office changes its publishing habit now and then
            fmt = _pick_format(rng, opts)
        if rng.random() < P_MISSING:
            prev = None
            continue
        copyable = prev is not None and prev.year == year - 1 and prev.template == facts.template
        if copyable and prev is not None and rng.random() < P_NEAR_COPY:
            published, dated = _published(agency, year, rng, opts.seed)
            sheet = replace(prev, year=year, published=published, date_printed=dated,
                            injected=[f for f in prev.injected if f["rule"].startswith("R")]
                            + [{"rule": "X5", "where": "report", "fault": "near_copy"}],
                            noise=list(prev.noise))
        else:
            sheet = facts_to_sheet(facts, agency, rng)
            sheet.published, sheet.date_printed = _published(agency, year, rng, opts.seed)
            write_narrative(sheet, facts.proactive, rng)
        if prev is not None and prev.year == year - 1:
            sheet.injected += _broken_chain(prev, sheet)
        # Its own stream, so that the share can change without changing anything else.
        side = random.Random(sheet.style * 7919 + year)
        sheet.three_line = side.random() < opts.three_line
        sheet.glued = side.random() < opts.glued and not sheet.has_blank_text()
        if sheet.glued:
            sheet.noise = [*sheet.noise, {"kind": "glued_layout"}]
        prev = sheet
        yield sheet, fmt


def all_agencies(scale: int) -> list[Agency]:
    """Every agency of `scale` fictional cities."""
    return [a for k in range(scale) for a in agencies_of_city(k)]


def write_sheet(out: Path, sheet: Sheet, fmt: str, made: set[str] | None = None) -> tuple[Path, int]:
    """Render one sheet and its truth file under `out`; returns the report's path and bytes written.

    `made` holds the folders this run already created (saves a system call per file)."""
    folder = os.path.join(out, str(sheet.year))
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)
    stem = os.path.join(folder, sheet.agency.id)
    name = f"{sheet.agency.id}.{fmt}"
    data = renderer(fmt)(sheet)
    with open(f"{stem}.{fmt}", "wb") as f:
        f.write(data)
    truth = json.dumps(sheet.truth(name, fmt), ensure_ascii=False).encode()  # one line: the C encoder, 5x faster
    with open(f"{stem}.truth.json", "wb") as f:
        f.write(truth + b"\n")
    return Path(f"{stem}.{fmt}"), len(data) + len(truth)


def generate_agencies(out: Path, agencies: Sequence[Agency], opts: Options) -> Counter[str]:
    """Write every report of the given agencies; returns counts by format (and "bytes")."""
    counts: Counter[str] = Counter()
    made: set[str] = set()
    for agency in agencies:
        for sheet, fmt in agency_sheets(agency, opts):
            _, size = write_sheet(out, sheet, fmt, made)
            counts[fmt] += 1
            counts["bytes"] += size
    return counts


def write_readme(out: Path, opts: Options, counts: Counter[str]) -> None:
    """A README and a manifest beside the corpus (no timestamps, so a seed gives the same bytes)."""
    manifest = {"synthetic": True, "mark": SYNTHETIC_MARK, "seed": opts.seed, "scale": opts.scale,
                "formats": list(opts.formats), "years": list(opts.years),
                "reports": sum(v for k, v in counts.items() if k != "bytes"),
                "by_format": {f: counts.get(f, 0) for f in opts.formats}}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# 示例数据，虚构 (synthetic demo corpus)\n\n"
        f"Every report here is generated by `python -m xxgk demo` (seed {opts.seed}, scale {opts.scale}) for a\n"
        f"fictional city; no agency, place or number is real. Each `<name>.<ext>` has its `<name>.truth.json`.\n",
        encoding="utf-8")
