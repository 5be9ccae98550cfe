"""The browser tests use the page tests' databases."""

from tests.pages.conftest import filled_db, ingested_db  # noqa: F401
