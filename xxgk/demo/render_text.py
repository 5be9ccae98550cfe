"""Plain-text reports, in the layouts text copies of real reports have.

- "cells": one cell per line with a tab indent and a blank line between table rows, the positions a
  vertical merge covers printed as empty cells (like a copy of a Word table; see the seed report);
- "rows": one table row per line, its cells separated by tabs or runs of spaces.
Both keep the noise of copied text: full-width indents, trailing spaces, stray blank lines. A third,
"glued" (a crawler's dump with table cells run together), is written only when asked (Options.glued).
"""

from __future__ import annotations

import random

from xxgk.demo.layout import Layout, covered, table2_layout, table3_layout, table4_layout
from xxgk.demo.sheet import MARK_LINE, Sheet

LAYOUTS = ("cells", "rows")


def _cells_layout(layout: Layout, rng: random.Random) -> list[str]:
    out: list[str] = []
    cover = covered(layout)
    glue = rng.random() < 0.1  # a stray "00" glued to a row label, as in copies of Word tables
    for r, row in enumerate(layout.rows):
        by_col = {c.col: c for c in row}
        for c in range(layout.width):
            if c in by_col:
                text = by_col[c].text
                if by_col[c].value and text:
                    x = rng.random()
                    text = ("\u3000\u3000" + text if x < 0.04 else text + "\u00a0" if x < 0.07
                            else text + " " if x < 0.12 else text)
                elif glue and text == "三、本年度办理结果":
                    text = "00" + text
                out.append(f"\t{text}")
            elif cover[r][c] == "v":
                out.append("\t")
        out.append("")
    return out


def _rows_layout(layout: Layout, sep: str) -> list[str]:
    # Blank cells need a visible separator: a tab.
    if any(c.value and not c.text for row in layout.rows for c in row):
        sep = "\t"
    return [sep.join(c.text for c in row) for row in layout.rows]


def _glued_table(layout: Layout, rng: random.Random) -> str:
    # A crawler's text dump: every cell run together; a stray space between numbers now and then.
    return "".join(c.text + (" " if c.value and rng.random() < 0.1 else "") for row in layout.rows for c in row)


def _glued_lines(sheet: Sheet, rng: random.Random) -> list[str]:
    """The report as a crawler dump (like real 005.txt): the body on one line, tables glued."""
    one = sheet.sections["一"]
    body = [one[0], sheet.headings["一"], *one[1:]]
    for key, layout in (("二", table2_layout(sheet)), ("三", table3_layout(sheet)), ("四", table4_layout(sheet))):
        body += [sheet.headings[key] + " " + _glued_table(layout, rng) + " "]
    for key in ("五", "六"):
        body += [sheet.headings[key], *sheet.sections[key]]
    return [MARK_LINE, sheet.title, "".join(body), sheet.agency.name, sheet.published_cn, ""]


def sheet_to_lines(sheet: Sheet) -> list[str]:
    """The report as lines of text, in the layout the sheet's style picks."""
    rng = random.Random(sheet.style)
    if sheet.glued:
        return _glued_lines(sheet, rng)
    sep = rng.choice(("\t", "\t", "  ", "   ", "\u3000"))

    def table(layout: Layout) -> list[str]:
        return _cells_layout(layout, rng) if LAYOUTS[sheet.style % 2] == "cells" else _rows_layout(layout, sep)

    indent = rng.choice(("", "\u3000\u3000", "  "))
    lines = [MARK_LINE, sheet.title, ""]
    one = sheet.sections["一"]
    lines += [indent + one[0], "", sheet.headings["一"]]
    lines += [indent + p for p in one[1:]]
    lines += ["", sheet.headings["二"], ""]
    lines += table(table2_layout(sheet))
    lines += ["", sheet.headings["三"], ""]
    lines += table(table3_layout(sheet))
    lines += ["", sheet.headings["四"], ""]
    lines += table(table4_layout(sheet))
    for key in ("五", "六"):
        lines += ["", sheet.headings[key]]
        lines += [indent + p for p in sheet.sections[key]]
    lines += ["", sheet.agency.name, sheet.published_cn, ""]
    return lines


def sheet_to_text(sheet: Sheet) -> bytes:
    """The report as a UTF-8 text file (a few as GB18030, as saved by Windows tools)."""
    text = "\n".join(sheet_to_lines(sheet))
    if sheet.style % 7 == 3:
        return text.encode("gb18030")
    if sheet.style % 11 == 5:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")
