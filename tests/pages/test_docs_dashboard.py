"""docs/dashboard.md documents every page of app.py and every URL parameter of the sidebar."""

import re
from pathlib import Path

from pages import _sidebar

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "dashboard.md").read_text(encoding="utf-8")


def test_every_page_is_documented_with_its_url():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = re.findall(r'st\.Page\("pages/(\w+)\.py", title="([^"]+)"', app)
    assert len(pages) == 11
    rows = [line for line in DOC.splitlines() if line.startswith("| ")]
    for stem, title in pages:
        row = next((r for r in rows if r.startswith(f"| {title} ")), None)
        assert row is not None, f"docs/dashboard.md has no row for page {title}"
        assert f"`/{stem}`" in row or ("`/`" in row and "default=True" in app.split(stem)[1].split("\n")[0])


def test_every_url_parameter_is_documented():
    for key in _sidebar.URL_KEYS:
        assert f"| `{key}` |" in DOC, f"URL parameter {key} is not documented"
