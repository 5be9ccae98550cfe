"""Damaged copies of good files (bytes overwritten, files cut short) are read or refused with one of
our error codes: never an exception from deep inside a parser."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from xxgk.errors import UnreadableFile, XxgkError
from xxgk.read import bytes_to_document
from xxgk.read.docx import docx_to_document
from xxgk.read.word97 import word97_to_document

ROUNDTRIP = Path(__file__).resolve().parent.parent / "fixtures" / "roundtrip"


def damaged(data: bytes, seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        d = bytearray(data)
        for _ in range(rng.choice([1, 3, 10, 50])):
            d[rng.randrange(len(d))] = rng.randrange(256)
        if rng.random() < 0.2:
            d = d[: rng.randrange(len(d))]
        out.append(bytes(d))
    return out


def test_word97_reader_raises_only_its_own_errors():
    codes = set()
    for data in damaged((ROUNDTRIP / "r2021.doc").read_bytes(), 1, 300):
        try:
            word97_to_document(data)
            codes.add("read")
        except UnreadableFile as e:
            codes.add(e.code)
    assert "broken_doc" in codes and "read" in codes  # both outcomes were exercised


def test_docx_reader_calls_damage_broken_docx():
    codes = set()
    for data in damaged((ROUNDTRIP / "r2021.docx").read_bytes(), 2, 80):
        try:
            docx_to_document(data)
            codes.add("read")
        except UnreadableFile as e:
            codes.add(e.code)
    assert codes <= {"read", "broken_docx", "zip_bomb", "encrypted", "empty"}
    assert "broken_docx" in codes


@pytest.mark.parametrize("name", ["r2021.pdf", "r2021.doc", "r2021.docx"])
def test_any_damage_through_the_dispatcher_is_an_xxgk_error(name, monkeypatch):
    import xxgk.read.doc

    monkeypatch.setattr(xxgk.read.doc, "_soffice", lambda: None)  # our readers, not LibreOffice's
    for data in damaged((ROUNDTRIP / name).read_bytes(), 3, 12):
        try:
            bytes_to_document(data, name)
        except XxgkError as e:
            assert e.code != "unreadable", e.message  # a named cause, not the catch-all
            assert e.message
