"""Every .sql file runs against the fixture database with default filters, and returns the columns the
data dictionary declares; every query and metric is documented, and docs/metrics.md is current."""

import re
from pathlib import Path

import pytest

from xxgk import dictionary, metrics, queries
from xxgk.filters import Filters

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_OWN_PARAMS = {"report_id": "r4-2020", "report_ids": ["r4-2020", "not-stored"]}  # r4-2020 has cells and checks
OWN_PARAMS_OF = {"report_warnings": {"report_id": "r4-2019"}}  # the fixture report with warnings


@pytest.mark.parametrize("name", metrics.every_name())
def test_query_runs_and_returns_its_declared_columns(con, name):
    entry = dictionary.query(name)
    params = {**Filters().params(), **entry.example,
              **{k: v for k, v in FIXTURE_OWN_PARAMS.items() if k in entry.params}, **OWN_PARAMS_OF.get(name, {})}
    out = metrics.read(con, name, params)
    assert tuple(out.columns) == entry.columns
    assert out.height > 0, f"{name} returned no rows on the fixture database"


@pytest.mark.parametrize("name", queries.names())
def test_query_header_says_what_it_returns_and_its_parameters(name):
    head = queries.header(name)
    assert head.startswith(f"{name}: "), f"{name}.sql must start with '-- {name}: what it returns'"
    assert "Returns:" in head and "Parameters:" in head
    params_part = head.split("Parameters:", 1)[1]
    for p in queries.parameters(name):
        assert f"${p}" in params_part, f"{name}.sql header does not list ${p} under Parameters"
    own = set(queries.parameters(name)) - set(dictionary.FILTERS)
    assert own == set(dictionary.query(name).params), f"dictionary params of {name} differ from its SQL"


def test_dictionary_lists_exactly_the_query_files():
    assert sorted(q.name for q in dictionary.QUERIES) == metrics.every_name()


@pytest.mark.parametrize("name", metrics.names())
def test_aggregate_options_are_its_dictionary_parameters(name):
    assert metrics.AGGREGATES[name].options == dictionary.query(name).params


def test_every_metric_names_existing_queries_and_is_complete():
    known = set(metrics.every_name())
    keys = [m.key for m in dictionary.METRICS]
    assert len(keys) == len(set(keys))
    for m in dictionary.METRICS:
        assert m.queries and set(m.queries) <= known, m.key
        assert m.name_zh and m.formula and m.source_cells and m.comparability and m.blanks, m.key


def test_every_query_is_covered_by_a_metric_or_is_a_lookup():
    lookups = {"view_facts", "filter_options", "datasets", "agency_cells", "report_checks", "ingest_errors", "unresolved_agencies",
               "quality_counts",
               "source_document", "export_cells", "stored_reports", "report_warnings", "source_cells"}
    covered = {q for m in dictionary.METRICS for q in m.queries}
    assert set(queries.names()) - covered - lookups == set()


def test_docs_metrics_md_is_rendered_from_the_dictionary():
    doc = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert doc == dictionary.to_markdown(), "docs/metrics.md is stale: run python -m xxgk.dictionary > docs/metrics.md"


def test_results_fed_by_reports_carry_the_synthetic_label():
    for q in dictionary.QUERIES:
        if q.name == "ingest_errors":  # failed files are not reports
            continue
        assert {"synthetic", "synthetic_reports", "peer_synthetic_reports"} & set(q.columns), q.name


@pytest.mark.parametrize("name", metrics.every_name())
def test_query_runs_on_an_empty_database(name):
    """A fresh install (schema only) gives empty results or zero counts, never an error."""
    import duckdb

    from tests.fixtures.db.builder import SCHEMA

    empty = duckdb.connect()
    empty.execute(SCHEMA.read_text(encoding="utf-8"))
    entry = dictionary.query(name)
    params = {**entry.example, **{k: v for k, v in FIXTURE_OWN_PARAMS.items() if k in entry.params}}
    out = metrics.read(empty, name, params)
    assert tuple(out.columns) == entry.columns
    if name == "overview_kpis":
        assert out["reports"].to_list() == [0] and out["received"].to_list() == [None]
    empty.close()


def test_every_metric_says_which_scope_it_counts():
    for m in dictionary.METRICS:
        assert dictionary.scope_of(m), m.key


def test_list_queries_are_exactly_those_reading_every_scope():
    """A query that reads region-wide and agency tables alike ('any') lists single reports and adds nothing up
    (the dictionary says so for exactly those), or sets the two scopes side by side itself, never adding them."""
    reading_all = {n for n in queries.names() if re.search(r"\$dataset,\s*'any'[,)]", queries.sql(n))}
    reading_all |= {n for n, a in metrics.AGGREGATES.items() if a.scope == "any"}
    assert reading_all == dictionary.LIST_QUERIES | {"region_coverage", "missing_subordinates"}
