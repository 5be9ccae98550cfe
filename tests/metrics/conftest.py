"""The fixture database every query test reads (built in memory once per test session)."""

from tests.fixtures.db.builder import con  # noqa: F401 - a pytest fixture, found by its name
