"""docs/parser.md names every error code the read path raises and every step of the parser."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "parser.md").read_text(encoding="utf-8")
SOURCES = [ROOT / "xxgk" / "pipeline.py", ROOT / "xxgk" / "read" / "text.py", ROOT / "xxgk" / "read" / "html.py",
           ROOT / "xxgk" / "cli" / "parse.py", *sorted((ROOT / "xxgk" / "parse").glob("*.py"))]


def test_every_error_code_is_documented():
    codes = set()
    for path in SOURCES:
        codes |= set(re.findall(r"""code["']?\s*[:=]\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert codes >= {"empty", "undecodable", "not_a_report", "internal"}
    missing = sorted(c for c in codes if f"`{c}`" not in DOC)
    assert not missing, f"docs/parser.md does not document: {missing}"


def test_every_parser_step_is_documented():
    steps = re.findall(r"^def ((?:\w+)_to_(?:\w+))\(", "\n".join(p.read_text(encoding="utf-8") for p in SOURCES),
                       re.M)
    assert "document_to_rows" in steps and "rows_to_table3" in steps
    missing = sorted(s for s in set(steps) if f"`{s}`" not in DOC and s not in DOC)
    assert not missing, f"docs/parser.md does not mention: {missing}"
