"""The fast path for the national templates (text lines and grids) gives exactly the general path's result.

Both paths read every test fixture (tests/fixtures/**, real reports and variants included; not the refusal
and abuse corpora nor the OCR-only scans), a demo
corpus generated here as `bench/demo.py accuracy` generates it (text and HTML, injected faults
included), and text written as crawler dumps; the whole parse-contract object, the cell references
(raw text, label, page, position), the running text and the narrative numbers must be equal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from xxgk.checks import report_to_checks
from xxgk.demo.corpus import Options, all_agencies, generate_agencies
from xxgk.document import Document, Table
from xxgk.errors import XxgkError
from xxgk.parse import document_to_report
from xxgk.parse.fast import fast_tables
from xxgk.read import bytes_to_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUFFIXES = {".txt", ".html", ".htm", ".mht", ".docx", ".doc", ".pdf"}
# Refusal and abuse corpora (their own tests), and the scans that only OCR reads (half a minute of Tesseract).
SKIP = {"bad", "hostile", "scanned"}


def _documents(folder: Path) -> list[tuple[str, bytes, Document]]:
    out = []
    for path in sorted(folder.rglob("*")):
        if (path.suffix.lower() not in SUFFIXES or ".golden" in path.name or ".truth" in path.name
                or SKIP & set(path.relative_to(folder).parts)):
            continue
        data = path.read_bytes()
        try:
            out.append((str(path.relative_to(folder)), data, bytes_to_document(data, path.name)))
        except XxgkError:
            continue  # refused by its reader: neither path sees it
    return out


def _parsed(name: str, data: bytes, doc: Document, general: bool) -> dict:
    try:
        report = document_to_report(doc, name, hashlib.sha256(data).hexdigest(), general=general)
    except XxgkError as e:
        return {"error": e.code, "message": str(e)}
    report.checks = report_to_checks(report)
    out = report.to_json()
    out["cells"] = [(c.table, c.row, c.col, c.value, c.raw, c.label, c.page, c.position) for c in report.cells]
    out["text"], out["narrative"], out["synthetic"] = report.text, report.narrative, report.synthetic
    return out


def _compare(docs: list[tuple[str, bytes, Document]]) -> int:
    """Both paths on every document; the number that took the fast path."""
    fast = 0
    for name, data, doc in docs:
        fast += fast_tables(doc) is not None
        assert _parsed(name, data, doc, general=False) == _parsed(name, data, doc, general=True), name
    return fast


def _grids(docs: list[tuple[str, bytes, Document]]) -> list[tuple[str, bytes, Document]]:
    return [d for d in docs if any(isinstance(b, Table) for b in d[2].blocks)]


def test_fixtures_read_alike_both_ways():
    docs = _documents(FIXTURES)
    assert len(docs) > 50
    fast = _compare(docs)
    assert fast >= 10, "the fast path should take the clean text fixtures"
    grids = _grids(docs)
    taken = [name for name, _d, doc in grids if fast_tables(doc) is not None]
    assert len(taken) >= len(grids) * 0.6, f"only {len(taken)} of {len(grids)} fixtures with grids took the fast path"
    assert {Path(name).suffix for name in taken} >= {".html", ".docx", ".pdf"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    agencies = all_agencies(2)
    picked = agencies[:: max(1, len(agencies) // 40)][:40]
    generate_agencies(out / "accuracy", picked, Options(seed=11, formats=("txt", "html"),
                                                        mix=(("txt", 0.5), ("html", 0.5))))
    generate_agencies(out / "glued", picked[:6], Options(seed=13, formats=("txt",), glued=1.0))
    return out


def test_demo_corpus_reads_alike_both_ways(demo: Path):
    docs = _documents(demo / "accuracy")
    texts = [d for d in docs if d[0].endswith(".txt")]
    pages = _grids(docs)
    assert len(texts) > 100 and len(pages) > 100
    _compare(docs)
    for kind, some in (("text reports", texts), ("pages", pages)):
        fast = sum(fast_tables(doc) is not None for _n, _d, doc in some)
        assert fast >= len(some) * 0.9, f"only {fast} of {len(some)} demo {kind} took the fast path"


def test_crawler_dumps_read_alike_both_ways(demo: Path):
    docs = _documents(demo / "glued")
    assert docs
    _compare(docs)


def test_the_switch_forces_the_general_path(monkeypatch: pytest.MonkeyPatch):
    name, data, doc = next(d for d in _documents(FIXTURES / "seed") if d[0].endswith(".txt"))
    assert fast_tables(doc) is not None
    monkeypatch.setenv("XXGK_PARSE_GENERAL", "1")
    assert fast_tables(doc) is None
