"""Many users at once, in small (the full run is `python bench/load.py`): three browser sessions on the
dashboard while ingests write the same database; no page shows an error, the agency name that is HTML
shows as text, and the admin password never reaches the server log."""

from __future__ import annotations

import pytest

from bench import load as bench_load


@pytest.mark.browser
@pytest.mark.slow
def test_three_sessions_while_ingesting(tmp_path):
    res = bench_load.run_load(tmp_path, sessions=3, reports=100, paths=["", "agency", "quality", "about"],
                              chunks=2)
    print("\n".join(res.lines()))
    assert res.errors == []
    assert len(res.times) == 3 * 5  # four pages and the hostile agency's page, per session
    assert res.ingests >= 1 and res.ingest_failures == []
    assert not res.password_in_log
