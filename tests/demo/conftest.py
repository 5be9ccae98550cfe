"""A small generated corpus shared by the demo tests: every 8th agency of the city, all four formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.demo.corpus import Options, all_agencies, generate_agencies

# PDF is the slowest format to read: fewer of them keeps the test quick while every format is covered.
# PDFs are ruled here; 三线表 (no cell borders) have their own test in test_parser_hard_cases.py.
SAMPLE_OPTIONS = Options(seed=7, mix=(("txt", 1.0), ("html", 1.0), ("docx", 0.6), ("pdf", 0.35)), three_line=0.0)


def sample_agencies(step: int = 8):
    return all_agencies(1)[::step]


@pytest.fixture(scope="session")
def demo_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 300 generated reports (txt, html, docx, pdf; 2019 and 2021 templates) with truth files."""
    out = tmp_path_factory.mktemp("demo_sample")
    generate_agencies(out, sample_agencies(), SAMPLE_OPTIONS)
    return out
