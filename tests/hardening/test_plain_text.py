"""Text from the data (agency names, districts, bureaus, file names) is shown as typed, never read as
Markdown or HTML: a file name carrying `![t](https://…)` must not make every viewer's browser fetch that
address, nor a `[link](…)` appear as the page's own link (pages/_ui.py `plain`)."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pages._ui import plain
from tests.pages.conftest import APP, filled_db  # noqa: F401 - fixture

AGENCY = "示范市![beacon](https://tracker.example/a.png)[官网](https://evil.example)<b>审计</b>局**粗**$x$:red[红]"
DISTRICT = "<img src=x onerror=alert(1)>区_斜_"
BUREAU = "[部门](javascript:alert(1))"
FILE = "![t](https://tracker.example/f.png) [下载](https://evil.example) <script>x</script>.pdf"
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "subheader", "title",
                     "expandable")
UNESCAPED = re.compile(r"(?<!\\)(!\[|\]\(|<[a-z/]|\*\*|:red\[|\$x)")


@pytest.fixture
def hostile_db(filled_db, tmp_path):  # noqa: F811
    db = tmp_path / "hostile.duckdb"
    shutil.copyfile(filled_db, db)
    con = duckdb.connect(str(db))
    try:
        agency_id, = con.execute("SELECT agency_id FROM current_reports GROUP BY agency_id "
                                 "ORDER BY count(*) DESC, agency_id LIMIT 1").fetchone()
        con.execute("UPDATE agencies SET name = ?, district = ?, bureau = ? WHERE agency_id = ?",
                    [AGENCY, DISTRICT, BUREAU, agency_id])
        con.execute("UPDATE current_reports SET agency = ?, district = ?, bureau = ? WHERE agency_id = ?",
                    [AGENCY, DISTRICT, BUREAU, agency_id])
        con.execute("UPDATE sources SET file_name = ? WHERE sha256 IN "
                    "(SELECT report_id FROM reports WHERE agency_id = ?)", [FILE, agency_id])
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db


def bodies(at: AppTest) -> list[str]:
    out = []

    def walk(node) -> None:  # noqa: ANN001
        if getattr(node, "type", None) in MARKDOWN_ELEMENTS:
            out.append(str(getattr(node, "value", None) or getattr(node, "label", None) or getattr(node, "body", "")))
        for child in getattr(node, "children", {}).values() if hasattr(node, "children") else []:
            walk(child)

    walk(at._tree)
    return out


def test_plain_escapes_every_markup_character():
    assert plain("![t](https://e.x/a.png)") == r"\!\[t\]\(https\:\/\/e\.x\/a\.png\)"
    assert plain("<b>审计</b>局\n第二行") == r"\<b\>审计\<\/b\>局 第二行"
    assert plain("示范市审计局") == "示范市审计局"  # Chinese text is left as it is
    assert not UNESCAPED.search(plain(AGENCY + DISTRICT + BUREAU + FILE))


def test_agency_page_shows_hostile_names_as_text(hostile_db, monkeypatch):
    monkeypatch.setenv("XXGK_DB", str(hostile_db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["org_tab"] = "原始文件"
    at.run()
    at.switch_page("pages/agency.py").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = bodies(at)
    shown = "\n".join(texts)
    assert at.selectbox(key="org").value == AGENCY  # the hostile agency is the one on the page
    assert plain(FILE) in shown, "the file name is shown on 原始文件"
    assert plain(DISTRICT) in shown and plain(BUREAU) in shown
    bad = [t for t in texts if UNESCAPED.search(t)]
    assert not bad, bad
