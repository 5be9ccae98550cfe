"""Damaged, converted and excerpted layouts; and how much the parser says about clean reports.

    uv run --frozen python bench/damaged.py classes          # cells right / blank / wrong per damage class
    uv run --frozen python bench/damaged.py warnings --n 200 # warnings per clean report (must not grow)
    uv run --frozen python bench/damaged.py carry            # glued table 二 split by last year's stored report
    uv run --frozen python bench/damaged.py all

`classes` parses every fixture in tests/fixtures/damaged against the numbers its generator printed
(`*.golden.json`, key "printed"): a cell is right when it holds the printed number, blank when it is
null (the report then must carry a warning naming the row), wrong otherwise; a wrong number that no
warning mentions is the worst outcome and is counted apart. `warnings` parses clean reports (the
generated demo corpus in every format, and tests/fixtures/variants) and prints warnings and characters
of warning text per report. `carry` ingests the c6_previous_year pair (a 2022 report, then the same agency's
2023 report with table 二 run together) into a temporary database and counts the 2023 cells stored right, blank
and wrong, parsed alone and stored after the year before (xxgk/parse/carry.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.demo.compare import _same  # noqa: E402
from xxgk.demo.corpus import Options, all_agencies, generate_agencies  # noqa: E402
from xxgk.errors import XxgkError  # noqa: E402
from xxgk.pipeline import parse_path  # noqa: E402

DAMAGED = ROOT / "tests" / "fixtures" / "damaged"
VARIANTS = ROOT / "tests" / "fixtures" / "variants"
TABLES = ("table2", "table3", "table4")


def _label(table: str, row: str) -> str:
    """The printed row label a warning about a row names (without its numbering)."""
    from xxgk import keys
    from xxgk.parse.labels import leaf_text

    if table == "table3" and row in keys.TABLE3_ROWS:
        return leaf_text(keys.TABLE3_ROWS[row][1])
    if table == "table2" and row in keys.TABLE2_ITEMS:
        return leaf_text(keys.TABLE2_ITEMS[row])
    return "表四"


def _classes() -> None:
    """Cells right, blank and wrong per fixture class."""
    print("classes: cells printed in each damaged fixture, as the parser reads them")
    grand: Counter[str] = Counter()
    for gold_path in sorted(DAMAGED.glob("*.golden.json")):
        name = gold_path.name.removesuffix(".golden.json")
        source = next(p for p in DAMAGED.iterdir() if p.stem == name and not p.name.endswith(".json"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        c: Counter[str] = Counter()
        try:
            report = parse_path(source)
            got, warnings = report.to_json(), report.warnings
        except XxgkError as e:
            got, warnings = {}, [e.message]
            c["refused"] += 1
        said = "\n".join(warnings)
        for table in TABLES:
            for row, cols in (gold["printed"].get(table) or {}).items():
                for col, value in cols.items():
                    have = ((got.get(table) or {}).get(row) or {})
                    c["cells"] += 1
                    if col in have and _same(value, have[col]):
                        c["right"] += 1
                    elif have.get(col) is None:
                        c["blank"] += 1
                    else:
                        c["wrong"] += 1
                        if _label(table, row) not in said:
                            c["wrong_unwarned"] += 1
        meta = sum(gold[k] == got.get(k) for k in ("agency", "year", "template"))
        grand.update(c)
        print(f"  {name:34} cells right {c['right']:4}/{c['cells']:<4} = {c['right'] / max(c['cells'], 1):6.1%}"
              f"  blank {c['blank']:3}  wrong {c['wrong']:3} (unwarned {c['wrong_unwarned']})"
              f"  agency/year/template right {meta}/3{'  REFUSED' if c['refused'] else ''}")
    print(f"  {'all':34} cells right {grand['right']:4}/{grand['cells']:<4} = "
          f"{grand['right'] / max(grand['cells'], 1):6.1%}  blank {grand['blank']:3}  wrong {grand['wrong']:3}"
          f" (unwarned {grand['wrong_unwarned']})")


def _warnings(n: int) -> None:
    """Warnings and characters of warning text per clean report."""
    out = Path(tempfile.gettempdir()) / "xxgk-bench-damaged"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    agencies = all_agencies(2)
    k = min(len(agencies), max(1, round(n / 6.72)))
    picked = [agencies[i * len(agencies) // k] for i in range(k)]
    generate_agencies(out, picked, Options(seed=11, mix=(("txt", 0.3), ("html", 0.3), ("docx", 0.2), ("pdf", 0.2))))
    groups = {"demo corpus": [p for p in sorted(out.rglob("*")) if p.suffix in (".txt", ".html", ".docx", ".pdf")],
              "tests/fixtures/variants": [p for p in sorted(VARIANTS.iterdir()) if p.suffix in (".txt", ".html")]}
    print("warnings: on clean reports (fewer is better: warnings nobody needs teach officials to ignore them)")
    for name, paths in groups.items():
        reports = count = chars = 0
        for path in paths:
            try:
                w = parse_path(path).warnings
            except XxgkError:
                continue
            reports += 1
            count += len(w)
            chars += sum(len(x) for x in w)
        print(f"  {name:24} {reports:4} reports  {count / max(reports, 1):.2f} warnings/report  "
              f"{chars / max(reports, 1):.1f} characters/report")
    shutil.rmtree(out, ignore_errors=True)


def _carry() -> None:
    """Cells of the glued 2023 report right when parsed alone, and when stored after its year before."""
    from xxgk import database
    from xxgk.ingest import ingest

    before, after = DAMAGED / "c6_previous_year_2022.txt", DAMAGED / "c6_previous_year_2023_glued.txt"
    printed = json.loads((DAMAGED / "c6_previous_year_2023_glued.golden.json").read_text(encoding="utf-8"))["printed"]
    alone = parse_path(after).table2 or {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "carry.duckdb"
        ingest([before, after], db=db, workers=1, progress=False)
        con = database.open_read(db)
        try:
            stored = con.execute("SELECT c.row_key, c.col_key, c.value FROM cells c JOIN reports r USING (report_id) "
                                 "WHERE r.year = 2023 AND c.table_name = 'table2'").fetchall()
        finally:
            con.close()
    kept = {(row, col): value for row, col, value in stored}
    print("carry: table 二 of the glued 2023 report, against the numbers it printed")
    for name, get in (("parsed alone", lambda r, c: (alone.get(r) or {}).get(c)),
                      ("stored after 2022", lambda r, c: kept.get((r, c)))):
        c: Counter[str] = Counter()
        for row, cols in printed["table2"].items():
            for col, value in cols.items():
                got = get(row, col)
                c["cells"] += 1
                c["right" if got is not None and _same(value, got) else "blank" if got is None else "wrong"] += 1
        print(f"  {name:18} cells right {c['right']:3}/{c['cells']:<3}  blank {c['blank']:3}  wrong {c['wrong']:3}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("part", choices=("classes", "warnings", "carry", "all"))
    p.add_argument("--n", type=int, default=200, help="generated clean reports for the warnings part")
    a = p.parse_args()
    if a.part in ("classes", "all"):
        _classes()
    if a.part in ("carry", "all"):
        _carry()
    if a.part in ("warnings", "all"):
        _warnings(a.n)


if __name__ == "__main__":
    main()
