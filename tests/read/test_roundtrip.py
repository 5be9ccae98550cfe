"""The same report written as text, HTML, web archive (.mht), DOCX, DOC and PDF parses to the same
JSON, equal to the truth it was written from (tests/fixtures/roundtrip/make.py writes the files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.truth import cells, truth_to_canonical
from xxgk.pipeline import parse_path

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "roundtrip"
SOURCES = {"r2021": "002", "r2019": "005"}
FILES = {
    "r2021": ["r2021.txt", "r2021.html", "r2021.mht", "r2021.docx", "r2021.doc", "r2021.pdf",
              "r2021-restricted.pdf", "r2021-sideways.pdf"],
    "r2019": ["r2019.txt", "r2019.html", "r2019.mht", "r2019.docx", "r2019.doc", "r2019.pdf", "r2019-orphan.pdf"],
}


def _as_printed(value):
    """Truth keeps a few cells as printed text ("75394432.52元"); the parser gives the number."""
    if isinstance(value, str):
        m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(?:元)?", value.replace(",", ""))
        return float(m.group(1)) if m and "." in m.group(1) else int(m.group(1)) if m else value
    return value


@pytest.mark.parametrize("stem", sorted(FILES))
def test_every_format_parses_to_identical_json(stem):
    parsed = {}
    for name in FILES[stem]:
        got = parse_path(HERE / name).to_json()
        suffix = Path(name).suffix.lstrip(".")
        assert got["format"] == {"mht": "html"}.get(suffix, suffix)  # a web archive is a web page
        for key in ("source", "sha256", "format"):
            got.pop(key)
        parsed[name] = got
    reference = parsed[FILES[stem][0]]
    for name, got in parsed.items():
        assert got == reference, f"{name} differs from {FILES[stem][0]}"


@pytest.mark.parametrize("stem", sorted(FILES))
def test_round_trip_equals_the_truth_it_was_written_from(stem):
    truth = truth_to_canonical(HERE.parent / "real" / f"{SOURCES[stem]}.truth.json")
    expected = {k: _as_printed(v) for k, v in cells(truth).items()}
    got = parse_path(HERE / f"{stem}.pdf").to_json()
    assert cells(got) == expected
    assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])


def test_pdf_tables_run_over_page_breaks():
    """The fixtures really exercise the joins: table 三 (and in one file table 四) printed on two pages."""
    from xxgk.read import read_path

    for name, table in (("r2021.pdf", 1), ("r2019.pdf", 1), ("r2019-orphan.pdf", 2)):
        _, doc = read_path(HERE / name)
        assert len({c.page for row in doc.tables[table].rows for c in row}) == 2, name


def test_pdf_without_table_lines_gives_the_same_numbers():
    """No ruling at all: the reader gives text lines by position and the parser's text tables take
    over. Every value matches; a label wrapped onto a second line may be matched by position (warned).
    The report's own warnings (table 二's decisions taken as the area's by magnitude) are the ruled PDF's."""
    got = parse_path(HERE / "r2021-unruled.pdf").to_json()
    ref = parse_path(HERE / "r2021.pdf").to_json()
    for key in ("agency", "year", "template", "table2", "table3", "table4", "checks", "scope"):
        assert got[key] == ref[key], key
    assert [w for w in got["warnings"] if "按位置识别" not in w] == ref["warnings"]
    assert not [w for w in ref["warnings"] if "按位置识别" in w]


def test_page_shown_turned_is_read_upright():
    from xxgk.read import read_path

    _, doc = read_path(HERE / "r2021-sideways.pdf")
    assert doc.meta["turned_pages"] == "2"
    _, plain = read_path(HERE / "r2021.pdf")
    assert [t.texts() for t in doc.tables] == [t.texts() for t in plain.tables]
