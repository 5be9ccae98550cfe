"""The loader: names, headers, parameters bound (never formatted), clear errors."""

import pytest

from xxgk import metrics, queries
from xxgk.errors import QueryError


def test_names_are_the_sql_files_except_the_schema():
    files = sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql"))
    assert queries.names() == [f for f in files if f != "schema"]
    assert "rankings" in queries.names()


def test_unknown_name_lists_the_known_ones(con):
    with pytest.raises(QueryError) as err:
        queries.run(con, "no_such_query", {})
    assert "no_such_query" in str(err.value)
    assert "rankings" in str(err.value)


def test_missing_own_parameter_is_named(con):
    with pytest.raises(QueryError, match=r"\$agency_id"):
        queries.run(con, "zero_peers", {})


def test_only_used_parameters_are_passed_and_filters_default_to_all(con):
    # filter_options uses only $dataset; the extra parameters must not reach DuckDB.
    out = queries.run(con, "filter_options", {"year_from": 2020, "group_by": "district", "unused": 1})
    assert set(out["kind"]) == {"year", "province", "city", "district", "bureau", "agency", "template"}


def test_parameters_ignore_comments_and_strings():
    assert queries.parameters("filter_options") == frozenset({"dataset"})
    assert "metric" in queries.parameters("rankings")


def test_a_value_is_bound_not_spliced(con):
    # A district name holding SQL is just a name that matches nothing.
    out = metrics.read(con, "overview_kpis", {"districts": ["x') OR TRUE --"]})
    assert out["reports"][0] == 0


def test_unknown_group_by_is_a_clear_error(con):
    with pytest.raises(Exception, match="unknown \\$group_by: county"):
        metrics.read(con, "applications_by_group", {"group_by": "county"})
