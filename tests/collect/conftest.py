"""The test portal served on 127.0.0.1, and a second server standing for another host never to be asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.collect import portal


@pytest.fixture()
def other() -> Iterator[tuple[portal.Site, str]]:
    site = portal.Site()
    server, base = portal.serve(site)
    yield site, base
    server.shutdown()


@pytest.fixture()
def site(other: tuple[portal.Site, str]) -> Iterator[tuple[portal.Site, str]]:
    """(the portal, its base URL); the portal links to and redirects to the `other` server."""
    s = portal.build(other[1].split("//", 1)[1])
    server, base = portal.serve(s)
    yield s, base
    server.shutdown()
