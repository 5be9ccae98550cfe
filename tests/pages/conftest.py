"""Databases for the page tests: an empty one (schema only) and a small filled one."""

from pathlib import Path

import pytest

from tests.fixtures.db.builder import build_file
from xxgk.store import schema

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    schema.create_empty(path)
    return path


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory) -> Path:
    """The queries' hand-computed fixture database (six agencies, 2019–2022, one synthetic report)."""
    return build_file(tmp_path_factory.mktemp("filled") / "filled.duckdb")


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory) -> Path:
    """A database made the way `make run` makes it: generated demo reports (every 20th agency of the
    fictional city, text and HTML) and real reports, read, parsed and stored through xxgk.ingest."""
    from xxgk.demo.corpus import Options, all_agencies, generate_agencies
    from xxgk.ingest import ingest

    base = tmp_path_factory.mktemp("ingested")
    demo = base / "demo"
    demo.mkdir()
    generate_agencies(demo, all_agencies(1)[::20], Options(seed=3, mix=(("txt", 1.0), ("html", 1.0))))
    real = [ROOT / "tests" / "fixtures" / "real" / n for n in ("002.pdf", "005.txt", "104.html")]
    db = base / "ingested.duckdb"
    summary = ingest([demo, *real], db=db, workers=1, progress=False)
    assert summary.stored > 100 and not summary.failed, summary.lines()
    return db


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch):
    """Run every AppTest rerun through app.py, as the server does.

    AppTest re-detects the legacy pages/ directory before each run and then runs a page file on its
    own, skipping app.py (and so the sidebar) on every rerun. The server stops doing that as soon as
    app.py calls st.navigation; this makes AppTest behave the same.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(scope="session")
def two_cities_db(tmp_path_factory) -> Path:
    """One district name under two cities: 南京市 鼓楼区 and 福州市 鼓楼区, beside 南京市 玄武区 (real reports)."""
    from tests.fixtures.db.two_cities import build_file as build_two_cities

    return build_two_cities(tmp_path_factory.mktemp("two_cities") / "two_cities.duckdb")
