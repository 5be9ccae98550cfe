"""The fuzz bench in small: mutated real and generated reports never crash or hang the read path.

The full run (10,000 cases) is `python bench/fuzz.py`; here a few hundred cases keep the suite fast.
"""

from __future__ import annotations

import pytest

from bench import fuzz


@pytest.fixture(scope="module")
def seeds():
    return fuzz.fixture_seeds()


def test_mutations_change_the_bytes_and_keep_their_kind(seeds):
    """The mutations do what they say on a text report (else the fuzzer would test nothing)."""
    txt = next(s for s in seeds if s.name == "seed/000_63545407972970c8.txt")
    text = fuzz.decode(txt.data)[0]
    lines = text.count("\n")
    assert fuzz.decode(fuzz.mutate(txt, [("delete_lines", 5, 3)]))[0].count("\n") == lines - 3
    assert fuzz.decode(fuzz.mutate(txt, [("duplicate_lines", 5, 2, 3)]))[0].count("\n") == lines + 6
    swapped = fuzz.mutate(txt, [("swap_cells", 3, 40)])
    assert swapped != txt.data and sorted(swapped) == sorted(txt.data)
    assert len(fuzz.mutate(txt, [("truncate", 100)])) == 100
    assert fuzz.mutate(txt, [("encoding", "gb18030")]).decode("gb18030") == text
    html = next(s for s in seeds if s.fmt == "html")
    assert fuzz.mutate(html, [("merge_cells", 7)]).count(b"</td>") < html.data.count(b"</td>")
    docx = next(s for s in seeds if s.fmt == "docx")
    assert fuzz.mutate(docx, [("delete_lines", 9, 4)]) != docx.data


@pytest.mark.slow
def test_text_and_word_cases_never_crash_or_hang(seeds):
    picked = [s for s in seeds if s.fmt in ("txt", "html", "docx")]
    cases = fuzz.draw_cases(120, len(picked), seed=1)
    res = fuzz.run_cases(picked, cases, workers=1, timeout=120)
    print("\n".join(res.lines()))
    assert res.cases == 120
    assert res.crashes == [] and res.hangs == []
    assert res.outcomes["ok"] > 0  # some mutated reports still parse: the cases reach the parser


@pytest.mark.slow
def test_pdf_and_doc_cases_never_crash_or_hang(seeds):
    picked = [s for s in seeds if s.fmt in ("pdf", "doc")]
    cases = fuzz.draw_cases(24, len(picked), seed=2)
    res = fuzz.run_cases(picked, cases, workers=1, timeout=120)
    print("\n".join(res.lines()))
    assert res.cases == 24
    assert res.crashes == [] and res.hangs == []


@pytest.mark.slow
def test_parse_command_keeps_its_contract_on_mutated_files(seeds):
    cases = fuzz.draw_cases(30, len(seeds), seed=3)
    n, problems = fuzz.check_cli(seeds, cases, 30)
    assert n == 30
    assert problems == []
