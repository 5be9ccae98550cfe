"""Mangled reports (lines lost, shuffled, repeated, characters overwritten) give a report or an error
line, never an unexpected exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.errors import XxgkError
from xxgk.pipeline import parse_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCES = [FIXTURES / "seed" / "000_63545407972970c8.txt", FIXTURES / "real" / "104.html",
           FIXTURES / "real" / "005.txt", FIXTURES / "variants" / "v21_txt_spaces_gb18030_wrap.txt",
           FIXTURES / "variants" / "v19_html_word_mso_layout.html"]
TEXTS = [p.read_bytes().decode("utf-8", errors="replace") if p.suffix == ".html" or "gb18030" not in p.name
         else p.read_bytes().decode("gb18030") for p in SOURCES]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.sampled_from(TEXTS), data=st.data())
def test_mangled_reports_never_raise_unexpected_errors(source, data):
    lines = source.split("\n")
    op = data.draw(st.sampled_from(["drop", "shuffle", "repeat", "overwrite"]))
    if op == "drop":
        keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        lines = [line for line, k in zip(lines, keep, strict=True) if k]
    elif op == "shuffle":
        lines = data.draw(st.permutations(lines))
    elif op == "repeat":
        i = data.draw(st.integers(0, len(lines) - 1))
        lines = lines[:i] + lines[i:i + 20] * 3 + lines[i:]
    else:
        chars = list("\n".join(lines))
        for _ in range(50):
            i = data.draw(st.integers(0, len(chars) - 1))
            chars[i] = data.draw(st.sampled_from(list("0123456789 \t|-/无（）一二三、.")))
        lines = "".join(chars).split("\n")
    try:
        report = parse_bytes("\n".join(lines).encode("utf-8"), "mangled")
    except XxgkError:
        return
    assert report.template in ("2019", "2021", "legacy")
    for table in (report.table2, report.table3, report.table4):
        for cols in (table or {}).values():
            assert all(v is None or isinstance(v, int | float) for v in cols.values())
