"""Word 97 (.doc): the built-in reader, LibreOffice and antiword, missing tools and slow converters."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

import xxgk.read.doc as docmod
from xxgk.errors import MissingTool, XxgkError
from xxgk.pipeline import parse_bytes
from xxgk.read.doc import doc_to_document
from xxgk.read.docx import docx_to_document

ROUNDTRIP = Path(__file__).resolve().parent.parent / "fixtures" / "roundtrip"


def ole_file(streams: list[tuple[str, bytes]]) -> bytes:
    """An OLE2 container with the given streams (the writer of the bad-file corpus)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bad_make", ROUNDTRIP.parent / "bad" / "make.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._ole(streams)


def _json(doc_bytes: bytes, name: str) -> dict:
    got = parse_bytes(doc_bytes, name).to_json()
    for key in ("source", "sha256", "format"):
        got.pop(key)
    return got


@pytest.mark.parametrize("stem", ["r2021", "r2019"])
def test_builtin_reader_gives_the_docx_grids(stem):
    doc = doc_to_document((ROUNDTRIP / f"{stem}.doc").read_bytes(), converter="built-in")
    ref = docx_to_document((ROUNDTRIP / f"{stem}.docx").read_bytes())
    assert doc.format == "doc" and doc.meta["converter"] == "built-in"
    assert [t.texts() for t in doc.tables] == [t.texts() for t in ref.tables]
    origins = [[c.origin for row in t.rows for c in row] for t in doc.tables]
    assert origins == [[c.origin for row in t.rows for c in row] for t in ref.tables]  # merges too
    assert doc.text() == ref.text()


def test_builtin_reader_through_the_pipeline_equals_docx(monkeypatch):
    monkeypatch.setattr(docmod, "_soffice", lambda: None)
    data = (ROUNDTRIP / "r2021.doc").read_bytes()
    assert _json(data, "r2021.doc") == _json((ROUNDTRIP / "r2021.docx").read_bytes(), "r2021.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (optional converter)")
def test_libreoffice_conversion_equals_docx():
    doc = doc_to_document((ROUNDTRIP / "r2021.doc").read_bytes(), converter="libreoffice")
    assert doc.meta["converter"] == "libreoffice"
    ref = docx_to_document((ROUNDTRIP / "r2021.docx").read_bytes())

    def printed(tables):  # LibreOffice may add a sliver column; the printed cells are the same
        return [[[c.text for c in row if not c.is_span_copy] for row in t.rows] for t in tables]

    assert printed(doc.tables) == printed(ref.tables)


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed (Makefile installs it)")
def test_antiword_text_gives_table_two_and_never_a_wrong_number(monkeypatch):
    monkeypatch.setattr(docmod, "_soffice", lambda: None)
    monkeypatch.setattr("xxgk.read.word97.word97_to_document", _refuse)
    data = (ROUNDTRIP / "r2021.doc").read_bytes()
    doc = doc_to_document(data, converter="antiword")
    assert doc.meta["converter"] == "antiword"
    from xxgk.read import document_warnings

    assert any("antiword" in w for w in document_warnings(doc))
    assert any(line.text.startswith("|规章|1|0|11|") for line in doc.lines)
    got = _json(data, "r2021.doc")
    ref = _json((ROUNDTRIP / "r2021.docx").read_bytes(), "r2021.docx")
    assert (got["agency"], got["year"], got["template"]) == (ref["agency"], ref["year"], ref["template"])
    assert got["table2"] == ref["table2"]
    for row, cols in (got["table3"] or {}).items():  # antiword drops wide rows: blank, not invented
        for col, value in cols.items():
            assert value is None or value == ref["table3"][row][col]


def _refuse(data: bytes):
    from xxgk.errors import UnreadableFile

    raise UnreadableFile("forced for the test", code="broken_doc")


def test_encrypted_word97_is_refused():
    data = bytearray((ROUNDTRIP / "r2021.doc").read_bytes())
    at = next(i for i in range(512, len(data), 512) if data[i:i + 2] == b"\xec\xa5")  # WordDocument's FIB
    data[at + 0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A
    with pytest.raises(XxgkError) as err:
        doc_to_document(bytes(data), converter="built-in")
    assert err.value.code == "encrypted" and "密码" in err.value.message


def test_missing_tools_name_the_debian_packages(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(MissingTool) as err:
        doc_to_document(ole_file([("NotWord", b"x" * 5000)]))
    assert err.value.code == "missing_tool"
    assert "antiword" in err.value.message and "libreoffice-writer" in err.value.message


def test_slow_converter_is_stopped(monkeypatch, tmp_path):
    fake = tmp_path / "antiword"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(docmod, "_soffice", lambda: None)
    monkeypatch.setattr(docmod, "_timeout", lambda: 1)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "antiword" else None)
    with pytest.raises(XxgkError) as err:
        doc_to_document(ole_file([("NotWord", b"x" * 5000)]))
    # stopped, not waited for: a finished run with no output would be code "empty"
    assert err.value.code == "timeout" and "秒" in err.value.message
