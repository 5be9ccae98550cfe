"""The fixture database every query test reads (built in memory once per test session)."""

import duckdb
import pytest

from tests.fixtures.db.builder import build


@pytest.fixture(scope="session")
def con():
    connection = duckdb.connect()
    build(connection)
    yield connection
    connection.close()
