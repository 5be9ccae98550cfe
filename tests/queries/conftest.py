"""The fixture databases the query tests read: the hand-computed one (built in memory once per test session) and
the two cities whose districts share a name (南京市·鼓楼区, 福州市·鼓楼区)."""

import duckdb
import pytest

from tests.fixtures.db import two_cities
from tests.fixtures.db.builder import con  # noqa: F401 - a pytest fixture, found by its name


@pytest.fixture(scope="module")
def towns():
    """The two-city database, in memory."""
    connection = duckdb.connect()
    two_cities.build(connection)
    yield connection
    connection.close()
