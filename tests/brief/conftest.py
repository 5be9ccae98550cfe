"""Databases for the briefing tests: the hand-computed fixture, and real + generated demo reports ingested
the way `make run` ingests them; and a reader of the .docx the briefing writes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from tests.fixtures.db.builder import build_file, con  # noqa: F401 - con is a pytest fixture

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    return build_file(tmp_path_factory.mktemp("brief_fixture") / "fixture.duckdb")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """Real reports (PDF, text, HTML) and every 40th agency of the generated demo city, stored through ingest."""
    from xxgk.demo.corpus import Options, all_agencies, generate_agencies
    from xxgk.ingest import ingest

    base = tmp_path_factory.mktemp("brief_sample")
    demo = base / "demo"
    demo.mkdir()
    generate_agencies(demo, all_agencies(1)[::40], Options(seed=5, mix=(("txt", 1.0), ("html", 1.0))))
    real = [ROOT / "tests" / "fixtures" / "real" / n for n in ("002.pdf", "005.txt", "104.html")]
    db = base / "sample.duckdb"
    summary = ingest([demo, *real], db=db, workers=1, progress=False)
    assert summary.stored > 50 and not summary.failed, summary.lines()
    return db


@dataclass
class Doc:
    """A .docx as the tests read it: paragraphs and tables in order, each table with the caption before it."""

    document: docx.document.Document
    paragraphs: list[str]
    tables: dict[str, list[list[str]]]  # caption (without its note marker) -> rows, header first

    @property
    def text(self) -> str:
        cells = [c for rows in self.tables.values() for r in rows for c in r]
        header = [p.text for s in self.document.sections for p in s.header.paragraphs]
        return "\n".join([*header, *self.paragraphs, *cells])

    def table(self, starts: str) -> list[list[str]]:
        found = [rows for caption, rows in self.tables.items() if caption.startswith(starts)]
        assert len(found) == 1, f"no single table whose caption starts with {starts!r}: {list(self.tables)}"
        return found[0]

    def images(self) -> list[bytes]:
        return [self.document.part.related_parts[rid].blob
                for rid in self.document.element.body.xpath(".//a:blip/@r:embed")]


def read(content: bytes) -> Doc:
    d = docx.Document(io.BytesIO(content))
    paragraphs, tables, caption = [], {}, ""
    for el in d.element.body.iterchildren():
        if el.tag.endswith("}p"):
            p = Paragraph(el, d)
            paragraphs.append(p.text)
            if p.style.name == "Caption":
                caption = p.text
        elif el.tag.endswith("}tbl"):
            key = re.sub(r"〔注\d+〕", "", caption) or f"(untitled {len(tables)})"
            tables[key] = [[c.text for c in r.cells] for r in DocxTable(el, d).rows]
            caption = ""
    return Doc(d, paragraphs, tables)


def number(text: str) -> float | None:
    """'1,234件' → 1234.0; '未填报' → None (blank is not 0)."""
    if text in ("未填报", "—", ""):
        return None
    m = re.match(r"-?[\d,]+(\.\d+)?", text)
    assert m, f"not a number: {text!r}"
    return float(m.group(0).replace(",", ""))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"
