"""The package's imports, read with `ast`: no import cycle between the modules of xxgk, no import inside a
function body to dodge one, and dependencies pointing down only where the layers say so."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "xxgk"

# Third-party libraries a function may import when it needs them: heavy or optional ones, so that a command or
# a page that never uses them does not pay for loading them. Never a module of xxgk.
LAZY_LIBRARIES = {
    "kaleido": "chart images for the briefing only; starts a browser bridge",
    "xlsxwriter": "the XLSX export only",
    "docx": "python-docx: DOCX reading and the briefing only",
    "pdfplumber": "PDF reading only; slow to import",
    "pypdfium2": "PDF rendering for OCR and PDF reading only",
    "PIL": "OCR image work only",
    "numpy": "OCR image work only",
    "tqdm": "progress bars of the long-running commands only",
    "duckdb": "commands that never open a database (parse, demo) do not load it",
    "polars": "commands that never read a query result do not load it",
}
# Modules of xxgk that may import another module of xxgk inside a function, and why: never to dodge a cycle
# (the graph with these imports added has none either, see test_no_cycle_even_with_the_deferred_imports).
DEFERRED = {
    "xxgk/cli/": "a command loads what it runs when it runs: `python -m xxgk parse` starts without the database, "
                 "the briefing or the crawler (0.5 s instead of 2.5 s)",
    "xxgk/demo/corpus.py": "the DOCX and PDF renderers load python-docx and reportlab (about 1 s); a text and "
                           "HTML corpus never needs them",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not MODULES[module].name == "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The xxgk modules an import statement loads (a `from package import name` loads the submodule when there
    is one, else the package)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    target = _absolute(module, node)
    out = []
    for a in node.names:
        if f"{target}.{a.name}" in MODULES:
            out.append(f"{target}.{a.name}")
        elif target in MODULES:
            out.append(target)
    return out


def graph(deferred: bool = False) -> dict[str, set[str]]:
    """Module -> the xxgk modules it imports at load time (module level, including `if` blocks); with
    `deferred`, the imports inside its functions too."""
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for m, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        todo: list[ast.AST] = list(tree.body)
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges[m].update(t for t in imported(m, node) if t != m)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, block, []):
                        todo.extend(child.body if isinstance(child, ast.ExceptHandler) else [child])
            elif deferred and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                todo.extend(n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def function_imports() -> list[tuple[str, int, str]]:
    """(file, line, module) of every import statement inside a function body."""
    out = []
    for m, path in MODULES.items():
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    out += [(str(path.relative_to(ROOT)), node.lineno, a.name) for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    out.append((str(path.relative_to(ROOT)), node.lineno, _absolute(m, node)))
    return out


def test_the_graph_sees_the_imports_it_should():
    edges = graph()
    assert "xxgk.store.writer" in edges["xxgk.database"]
    assert "xxgk.store.rows" in edges["xxgk.store.writer"]
    assert "xxgk.errors" in edges["xxgk.store.publish"]


def test_no_import_cycle_in_the_package():
    assert cycles(graph()) == []


def test_no_cycle_even_with_the_deferred_imports():
    assert cycles(graph(deferred=True)) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_inside_a_function_but_of_a_listed_heavy_library():
    inside = [(f, line, mod) for f, line, mod in function_imports()
              if mod.split(".")[0] not in LAZY_LIBRARIES
              and not (mod.split(".")[0] == "xxgk" and any(f.startswith(d) for d in DEFERRED))]
    assert inside == []


def test_the_import_checks_see_a_deferred_import():
    found = {(f, mod) for f, _line, mod in function_imports()}
    assert ("xxgk/cli/ingest.py", "xxgk.ingest") in found


def test_lower_modules_do_not_import_higher_ones():
    edges = graph()
    rules = [  # (modules, prefixes they must not import)
        ("xxgk.read", ("xxgk.parse", "xxgk.store", "xxgk.ingest", "xxgk.pipeline")),
        ("xxgk.parse", ("xxgk.store", "xxgk.ingest", "xxgk.workers")),
        ("xxgk.store", ("xxgk.ingest", "xxgk.workers", "xxgk.database", "xxgk.queries", "xxgk.sandbox")),
        ("xxgk.divisions", ("xxgk.demo",)),
    ]
    wrong = [(m, t) for m, ts in edges.items() for low, high in rules if m == low or m.startswith(low + ".")
             for t in ts if t.startswith(high)]
    assert wrong == []
    # a reader of one format takes nothing from another format's reader: shared parts live in a lower module
    # (xxgk.document, xxgk.cellvalue). The text reader is the lowest: the web page reader decodes bytes with it.
    readers = {"xxgk.read.pdf", "xxgk.read.docx", "xxgk.read.html", "xxgk.read.text", "xxgk.read.word97"}
    assert [(m, t) for m in readers for t in edges[m] if t in readers - {"xxgk.read.text"}] == []
    assert [t for t in edges["xxgk.read.word97"] if t.startswith("xxgk.read.pdf")] == []


def test_the_parse_command_starts_without_the_database_the_briefing_or_the_crawler():
    """`python -m xxgk parse` loads the parser only: no DuckDB, Polars, Streamlit or Plotly (every command is
    imported to build the command line, so one command's module-level import is every command's start-up)."""
    import subprocess
    import sys

    sample = ROOT / "tests" / "fixtures" / "variants" / "v19_txt_cells_per_line.txt"
    code = ("import json, sys\nfrom xxgk.cli import main\nmain(['parse', sys.argv[1]])\n"
            "print(json.dumps(sorted(m for m in ('duckdb', 'polars', 'streamlit', 'plotly', 'docx') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert '"agency"' in lines[0]  # the file was parsed
    assert lines[-1] == "[]"
