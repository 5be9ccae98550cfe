"""The browser tests use the page tests' filled database."""

from tests.pages.conftest import filled_db  # noqa: F401
