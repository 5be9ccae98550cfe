"""Security: SQL is never built from values, no HTML from data is rendered raw, every write path is behind
the admin password (compared in constant time), and the password is never shown or logged.

The scans read the code (xxgk/, pages/, app.py, bench/) with `ast`. SQL text may interpolate only the
identifiers and fixed fragments listed in SQL_IDENTIFIERS, each with the reason it cannot be a bound
parameter (DuckDB binds values, not table or column names).
"""

from __future__ import annotations

import ast
import logging
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP, filled_db, navigation_only  # noqa: F401 - fixtures
from xxgk import dictionary, queries
from xxgk.errors import QueryError
from xxgk.filters import Filters

ROOT = Path(__file__).resolve().parents[2]
SCANNED = sorted([*ROOT.glob("xxgk/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py", *ROOT.glob("bench/*.py")])
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|DETACH|PRAGMA|COPY|USE|FROM|WHERE|"
                       r"VALUES|EXPORT|IMPORT|INSTALL|LOAD|SET|CALL|EXECUTE|PREPARE)\b")

# (file, interpolated expression) -> why it is not a value
SQL_IDENTIFIERS = {
    ("xxgk/database.py", "CATALOG"): "the attached database's name, a module constant",
    ("pages/_ui.py", "database.CATALOG"): "the attached database's name, a module constant",
    ("xxgk/store/insert.py", "table"): "table names every caller passes literally",
    ("xxgk/store/writer.py", "table"): "table names from a literal tuple in the same function",
    ("xxgk/store/insert.py", "cols"): "column names every caller lists literally",
    ("xxgk/store/current.py", "placed"): "a fixed SQL fragment defined in the same function",
    ("xxgk/export.py", "body"): "quoted column names read from the database's own catalogue",
    ("xxgk/export.py", "name"): "table names read from the database's own catalogue",
    ("xxgk/export.py", "k"): "a join column from a module constant",
    ("xxgk/export.py", "nature.format(s='t.synthetic')"): "a fixed CASE expression over a column name",
    ("xxgk/export.py", "nature.format(s='r.synthetic')"): "a fixed CASE expression over a column name",
    ("xxgk/export.py", "SYNTHETIC_MARK"): "the synthetic label, a module constant",
    ("xxgk/export.py", "REAL"): "a label, a module constant",
    ("xxgk/export.py", "NATURE"): "a column alias, a module constant",
    ("bench/queries.py", "', '.join(columns)"): "column names from DESCRIBE facts",
    ("bench/queries.py", "exprs"): "expressions built from those column names",
    ("bench/faults.py", "t"): "table names from a literal tuple",
    ("bench/faults.py", "table"): "table names from a literal tuple",
}


def _sql_interpolations(path: Path) -> list[tuple[int, str, str]]:
    """(line, SQL text, interpolated expression) for every string built by f-string, %, .format() or +
    whose literal text reads like SQL."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text, exprs = "", []
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            exprs = [ast.unparse(v.value) for v in node.values if isinstance(v, ast.FormattedValue)]
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant)
              and isinstance(node.left.value, str)):
            text, exprs = node.left.value, [ast.unparse(node.right)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            text = node.func.value.value
            exprs = [ast.unparse(a) for a in node.args] + [ast.unparse(k.value) for k in node.keywords]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            consts = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
            if consts:
                text = " ".join(consts)
                exprs = [ast.unparse(s) for s in sides if not isinstance(s, ast.Constant | ast.JoinedStr | ast.BinOp)]
        if exprs and SQL_WORDS.search(text):
            out += [(node.lineno, text, e) for e in exprs]
    return out


def test_the_scan_finds_sql_built_from_values(tmp_path):
    """The scanner itself: it flags each way of building SQL text from a value."""
    bad = tmp_path / "bad.py"
    bad.write_text('con.execute(f"SELECT * FROM reports WHERE agency = \'{name}\'")\n'
                   'con.execute("DELETE FROM cells WHERE report_id = \'%s\'" % rid)\n'
                   'con.execute("SELECT {} FROM t".format(col))\n'
                   'con.execute("SELECT * FROM reports WHERE year = " + year)\n'
                   'con.execute("SELECT * FROM reports WHERE year = ?", [year])\n'
                   'print(f"导入完成：{n} 份")\n', encoding="utf-8")
    assert [e for _, _, e in _sql_interpolations(bad)] == ["name", "rid", "col", "year"]


def test_sql_is_never_built_from_values():
    found = []
    for path in SCANNED:
        rel = str(path.relative_to(ROOT))
        for line, text, expr in _sql_interpolations(path):
            if (rel, expr) not in SQL_IDENTIFIERS:
                found.append(f"{rel}:{line}: {expr!r} in {' '.join(text.split())[:80]!r}")
    assert not found, "SQL built from values (bind them as parameters; or, for an identifier from a fixed " \
                      "set, add it to SQL_IDENTIFIERS with the reason):\n" + "\n".join(found)


INTEGER_LISTS = {"agency_ids", "source_agencies"}
HOSTILE_VALUES = ("x'); DROP TABLE reports; --", "' OR '1'='1", "鄞州区\"; DELETE FROM cells; --", "%", "\\'")


@pytest.mark.parametrize("name", queries.names())
def test_every_query_takes_hostile_values_as_plain_values(name, filled_db, tmp_path):  # noqa: F811
    """Every named query, given injection strings in its text parameters, runs and changes nothing."""
    db = tmp_path / "w.duckdb"
    shutil.copyfile(filled_db, db)
    con = duckdb.connect(str(db))  # writable: an injected statement would have effect here
    try:
        before = con.execute("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM cells)").fetchone()
        entry = dictionary.query(name)
        params = {**Filters().params(), **entry.example}
        for evil in HOSTILE_VALUES:
            # lists of ids stay integers, and choices (dataset, scope) are refused before any SQL runs (below)
            hostile = {k: (evil if isinstance(v, str) and k not in queries.CHOICES
                           else [evil] if isinstance(v, list) and k not in INTEGER_LISTS else v)
                       for k, v in params.items()}
            queries.run(con, name, hostile)
            for key in queries.CHOICES.keys() & queries.parameters(name):
                with pytest.raises(QueryError, match=re.escape(f"${key} must be one of")):
                    queries.run(con, name, {**params, key: evil})
        after = con.execute("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM cells)").fetchone()
        assert after == before
    finally:
        con.close()


# -- HTML ------------------------------------------------------------------------------------------------

RAW_HTML = ("st.html", "components.html", "st.components.v1.html", "components.v1.html")


def _raw_html_uses(path: Path) -> list[tuple[int, str, bool]]:
    """(line, call, every argument constant) for st.html / components.html and any call with
    unsafe_allow_html=True."""
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # module constants (UPPER_CASE names assigned at module level from literals and other such constants only)
    constants: set[str] = set()
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if targets and stmt.value is not None and all(isinstance(t, ast.Name) and t.id.lstrip("_").isupper()
                                                      for t in targets):
            names = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
            calls = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call)]
            if names <= constants | {"json"} and all(ast.unparse(c.func) == "json.dumps" for c in calls):
                constants.update(t.id for t in targets if isinstance(t, ast.Name))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        unsafe = any(k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                     for k in node.keywords)
        if unsafe or name in RAW_HTML:
            static = all(isinstance(a, ast.Constant) or (isinstance(a, ast.Name) and a.id in constants)
                         for a in node.args)
            out.append((node.lineno, name, static))
    return out


def test_the_html_scan_flags_data_passed_raw(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('st.markdown(f"<b>{agency}</b>", unsafe_allow_html=True)\n'
                   'st.markdown("<hr>", unsafe_allow_html=True)\nst.html(report.text)\nst.markdown(agency)\n',
                   encoding="utf-8")
    assert _raw_html_uses(bad) == [(1, "st.markdown", False), (2, "st.markdown", True), (3, "st.html", False)]


def test_no_data_is_rendered_as_raw_html():
    found = [f"{p.relative_to(ROOT)}:{line}: {call}" for p in SCANNED if p.parts[-2] != "bench"
             for line, call, static in _raw_html_uses(p) if not static]
    assert not found, "document text or data passed as raw HTML:\n" + "\n".join(found)


# -- the admin password --------------------------------------------------------------------------------

PASSWORD = "Pw-9f3c1e7a-口令"


def _all_text(at: AppTest) -> str:
    """Every element the script produced, as protobuf text (labels, values, messages, tables' data)."""
    parts = []

    def walk(node) -> None:  # noqa: ANN001
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def _open(page: str, db: Path, monkeypatch, password: str = PASSWORD) -> AppTest:
    monkeypatch.setenv("XXGK_DB", str(db))
    monkeypatch.setenv("XXGK_ADMIN_PASSWORD", password)
    at = AppTest.from_file(APP, default_timeout=120).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_password_compare_is_constant_time(monkeypatch):
    from pages import _ui

    calls = []
    real = _ui.hmac.compare_digest

    def spy(a, b):  # noqa: ANN001
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(_ui.hmac, "compare_digest", spy)
    assert _ui.password_ok(PASSWORD, PASSWORD) and not _ui.password_ok("wrong", PASSWORD)
    assert len(calls) == 2
    assert not _ui.password_ok("", ""), "no configured password never opens the page"
    body = ast.parse(Path(_ui.__file__).read_text(encoding="utf-8"))
    fn = next(n for n in ast.walk(body) if isinstance(n, ast.FunctionDef) and n.name == "password_ok")
    assert not any(isinstance(n, ast.Compare) and any(isinstance(o, ast.Eq | ast.NotEq) for o in n.ops)
                   for n in ast.walk(fn)), "password_ok compares with == (not constant time)"


def test_a_stranger_s_wrong_passwords_do_not_lock_the_administrator_out(filled_db, monkeypatch, tmp_path):  # noqa: F811
    from pages import _ui

    db = tmp_path / "x.duckdb"
    shutil.copyfile(filled_db, db)  # its own login state file beside it
    monkeypatch.setenv("XXGK_LOGIN_MAX_FAILURES", "2")
    monkeypatch.setenv("XXGK_LOGIN_INTERVAL_S", "0")
    stranger = _open("pages/upload.py", db, monkeypatch)
    messages = []
    for typed in ("wrong-1", "wrong-2", PASSWORD):
        stranger.text_input(key="admin_pw").input(typed)
        stranger.button(key="admin_login").click().run()
        messages.append([w.value for w in stranger.warning if "密码" in w.value])
    assert messages == [["密码不正确，请重试（本会话再错 1 次后需等待）。"], ["密码不正确。本会话错误次数过多，需等待 5 分钟再试。"],
                        ["本会话密码错误次数过多，请 5 分钟后再试（其他会话不受影响）。"]]
    assert not stranger.file_uploader  # while its session waits, not even the right password is checked
    # a fresh session (the administrator's tab) with the right password gets in at once
    admin = _open("pages/upload.py", db, monkeypatch)
    admin.text_input(key="admin_pw").input(PASSWORD)
    admin.button(key="admin_login").click().run()
    assert admin.file_uploader and not [w.value for w in admin.warning if "密码" in w.value]
    # and the stranger's wait is in the state file beside the database: a restart does not clear it
    _ui._lockout.clear()
    again = _ui.lockout()
    assert again.path == Path(str(db) + ".login.json") and again.queue(0) >= 0
    assert '"failures_total": 2' in again.path.read_text()


WRITERS = re.compile(r"\b(xxgk\.store|xxgk\.ingest|Writer|ingest_bytes|ingest\(|reparse|\.store\()")


def test_every_write_path_is_behind_the_password():
    """Only the import page reaches the store, and only after its password gate has stopped the script."""
    writers = sorted(str(p.relative_to(ROOT)) for p in [*ROOT.glob("pages/*.py"), ROOT / "app.py"]
                     if WRITERS.search(p.read_text(encoding="utf-8")))
    assert writers == ["pages/_import.py", "pages/upload.py"], writers
    tree = ast.parse((ROOT / "pages" / "upload.py").read_text(encoding="utf-8"))
    top = tree.body
    gate = next(i for i, n in enumerate(top) if isinstance(n, ast.If) and "_admin" in ast.unparse(n.test))
    assert "st.stop()" in ast.unparse(top[gate]), "the password gate must stop the script"
    store = next(i for i, n in enumerate(top) if "imp.store(" in ast.unparse(n))
    assert store > gate
    no_password = next(i for i, n in enumerate(top) if isinstance(n, ast.If) and ast.unparse(n.test) == "not expected")
    assert no_password < gate and "st.stop()" in ast.unparse(top[no_password])


def test_session_flag_cannot_be_set_from_the_url(filled_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("XXGK_DB", str(filled_db))
    monkeypatch.setenv("XXGK_ADMIN_PASSWORD", PASSWORD)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["_admin"] = "true"
    at.query_params["admin_pw"] = PASSWORD
    at.run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert not at.file_uploader, "the URL opened the import page"


@pytest.mark.slow
def test_password_is_never_shown_or_logged(filled_db, monkeypatch, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    seen = []
    at = _open("pages/upload.py", filled_db, monkeypatch)
    seen.append(_all_text(at))
    at.text_input(key="admin_pw").input("wrong-" + PASSWORD[:4])
    at.button(key="admin_login").click().run()
    seen.append(_all_text(at))
    at.text_input(key="admin_pw").input(PASSWORD)
    at.button(key="admin_login").click().run()
    assert at.file_uploader, "the right password opens the uploader"
    seen.append(_all_text(at))
    for page in ("pages/overview.py", "pages/about.py", "pages/quality.py"):
        at.switch_page(page).run()
        assert not at.exception
        seen.append(_all_text(at))
    text = "\n".join(seen)
    assert "数据导入" in text  # the walk does see the pages' text
    assert PASSWORD not in text
    assert PASSWORD not in caplog.text


# -- downloads and exports: a document's text never becomes a spreadsheet formula ---------------------

FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "@SUM(A1:A9)", "-cmd|' /C calc'!A0", "\t=1"]


def test_csv_downloads_never_start_a_formula():
    import polars as pl

    from xxgk.downloads import csv_bytes

    df = pl.DataFrame({"raw": [*FORMULAS, "-3", "-", "12", "正常"], "value": [1.0] * 9})
    rows = csv_bytes(df, synthetic=False).decode("utf-8-sig").splitlines()[1:]
    cells = [r.split(",", 1)[1].rsplit(",", 1)[0].strip('"') for r in rows]
    assert all(c.startswith("'") for c in cells[:5]), cells
    assert cells[5:] == ["-3", "-", "12", "正常"], "numbers, blank marks and text are left as they are"


def test_xlsx_export_never_writes_a_formula(filled_db, tmp_path):  # noqa: F811
    import zipfile

    from xxgk.export import export

    db = tmp_path / "x.duckdb"
    shutil.copyfile(filled_db, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE cells SET raw = ? WHERE rowid IN (SELECT rowid FROM cells LIMIT 3)", [FORMULAS[0]])
    con.close()
    files = export(tmp_path / "out", "xlsx", db=db)
    sheets = [zipfile.ZipFile(f).read(n) for f in files if f.suffix == ".xlsx"
              for n in zipfile.ZipFile(f).namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in s for s in sheets)
    assert any(b"HYPERLINK" in s for s in sheets) or any(
        b"HYPERLINK" in zipfile.ZipFile(f).read("xl/sharedStrings.xml") for f in files
        if f.suffix == ".xlsx" and "xl/sharedStrings.xml" in zipfile.ZipFile(f).namelist())


def test_csv_export_never_starts_a_formula(filled_db, tmp_path):  # noqa: F811
    import polars as pl

    from xxgk.export import export

    db = tmp_path / "c.duckdb"
    shutil.copyfile(filled_db, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE cells SET raw = ? WHERE rowid IN (SELECT rowid FROM cells LIMIT 3)", [FORMULAS[0]])
    con.close()
    export(tmp_path / "out", "csv", db=db)
    raw = pl.read_csv(tmp_path / "out" / "cells.csv", encoding="utf8-lossy", infer_schema=False)["raw"]
    hostile = raw.filter(raw.str.contains("HYPERLINK", literal=True)).to_list()
    assert len(hostile) == 3 and all(c.startswith("'=") for c in hostile), hostile
    assert raw.str.contains(r"^[=+@\t\r]").sum() == 0
