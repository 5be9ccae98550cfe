"""Harder layouts the generator makes, each with its own test so that a gap is named precisely.

三线表 PDFs (three rules, no cell borders) are common in real reports. Where a cell is printed
blank, nothing on the page marks it: only the x position of the numbers under the header says
which column each belongs to.
"""

from __future__ import annotations

from pathlib import Path

from xxgk.demo.compare import score
from xxgk.demo.corpus import Options, agency_sheets, all_agencies, write_sheet
from xxgk.pipeline import parse_path

OPTS = Options(seed=21, formats=("pdf",), three_line=1.0)


def _three_line_pdfs(out: Path, with_blanks: bool, n: int) -> list[tuple[Path, dict]]:
    """n 三线表 PDFs (both templates), with or without blank cells in tables 三/四."""
    picked = []
    for agency in all_agencies(1)[::5]:
        for sheet, _fmt in agency_sheets(agency, OPTS):
            blanks = any(x.get("where") == "table3" for x in sheet.noise if x["kind"] == "blank_cells")
            if blanks == with_blanks and sum(s.template == sheet.template for s in picked) < n // 2:
                picked.append(sheet)
        if len(picked) >= n:
            break
    out_files = []
    for sheet in picked:
        path, _ = write_sheet(out, sheet, "pdf")
        out_files.append((path, sheet.truth(path.name, "pdf")))
    return out_files


def _wrong_cells(files: list[tuple[Path, dict]], root: Path) -> list[str]:
    wrong = []
    for path, truth in files:
        s = score(truth, parse_path(path).to_json())
        wrong += [f"{path.relative_to(root)} {t}/{r}/{c}: expected {e!r}, got {g!r}" for t, r, c, e, g in s.wrong]
    return wrong


def test_three_line_pdf_tables_are_read_right(tmp_path):
    files = _three_line_pdfs(tmp_path, with_blanks=False, n=4)
    assert {t["template"] for _, t in files} == {"2019", "2021"}
    wrong = _wrong_cells(files, tmp_path)
    assert not wrong, "\n".join(wrong[:30])


def test_three_line_pdf_tables_with_blank_cells_are_read_right(tmp_path):
    files = _three_line_pdfs(tmp_path, with_blanks=True, n=6)
    assert {t["template"] for _, t in files} == {"2019", "2021"}
    wrong = _wrong_cells(files, tmp_path)
    assert not wrong, f"三线表 with blank cells: {len(wrong)} cells wrong\n" + "\n".join(wrong[:30])
