"""Agency lists stay short on a national database: beyond MAX_AGENCY_CHOICES names the 指定机关 list and the
profile's picker offer the agencies with the most reports, always the ones chosen, and say how to narrow them."""

import polars as pl

from pages import _sidebar as sidebar
from tests.pages.test_pages import open_page

AGENCIES = pl.DataFrame({"name": ["丙局", "甲局", "乙局", "丁局"], "reports": [1, 5, 3, 5]})


def test_every_name_sorted_when_few():
    assert sidebar.agency_choices(AGENCIES, [], limit=4) == sorted(AGENCIES["name"].to_list())


def test_the_busiest_and_the_chosen_when_many():
    # 甲局 and 丁局 have the most reports; 丙局 is in the link; 戊局 is not an agency in view
    assert sidebar.agency_choices(AGENCIES, ["丙局", "戊局"], limit=2) == sorted(["甲局", "丁局", "丙局"])
    assert sidebar.agency_choices(AGENCIES, [], limit=2) == sorted(["甲局", "丁局"])


def _listed(at, key):
    return next(w for w in [*at.multiselect, *at.selectbox] if w.key == key)


def test_the_sidebar_list_is_capped_and_says_how_to_narrow_it(filled_db, monkeypatch):
    full = _listed(open_page(filled_db, "overview", monkeypatch), "agency").options
    assert len(full) > 2
    monkeypatch.setattr(sidebar, "MAX_AGENCY_CHOICES", 2)
    at = open_page(filled_db, "overview", monkeypatch)
    assert len(_listed(at, "agency").options) == 2
    assert any(f"范围内有 {len(full)} 个机关" in c.value and "年报最多的 2 个" in c.value for c in at.caption)
    # a link naming an agency outside the busiest keeps it listed and chosen
    rare = next(n for n in full if n not in _listed(at, "agency").options)
    at = open_page(filled_db, "overview", monkeypatch, agency=rare)
    assert rare in _listed(at, "agency").options and _listed(at, "agency").value == [rare]
    # the name search narrows the list below the cap: the caption goes
    at = open_page(filled_db, "overview", monkeypatch, q=rare)
    assert _listed(at, "agency").options == [rare]
    assert not any("范围内有" in c.value for c in at.caption)


def test_the_profile_picker_is_capped_and_keeps_the_agency_in_the_link(filled_db, monkeypatch):
    full = _listed(open_page(filled_db, "agency", monkeypatch), "org").options
    monkeypatch.setattr(sidebar, "MAX_AGENCY_CHOICES", 2)
    at = open_page(filled_db, "agency", monkeypatch)
    busiest = _listed(at, "org").options
    assert len(full) > 2 and len(busiest) == 2
    assert any("年报最多的 2 个" in c.value for c in at.caption)
    rare = next(n for n in full if n not in busiest)
    at = open_page(filled_db, "agency", monkeypatch, org=rare)
    assert _listed(at, "org").value == rare and rare in _listed(at, "org").options


def test_a_tie_at_the_cut_goes_to_the_first_name():
    # 甲局 and 丁局 both have 5 reports; one place: 丁局, the first by name, as a sort by reports then name gives
    assert sidebar.agency_choices(AGENCIES, [], limit=1) == ["丁局"]


def test_the_capped_list_is_the_head_of_the_sorted_list_on_many_ties():
    """The cap is picked without sorting every name: the same names as sorting by reports (most first), then name,
    and taking the first ones, on 5,000 agencies with few distinct report counts (ties at every cut)."""
    import random

    rng = random.Random(7)
    many = pl.DataFrame({"name": [f"机关{rng.randrange(10**8):08d}" for _ in range(5000)],
                         "reports": [rng.randrange(1, 8) for _ in range(5000)]}).unique("name")
    for limit in (1, 10, 333, 2000):
        head = many.sort(["reports", "name"], descending=[True, False]).head(limit)["name"].to_list()
        assert sidebar.agency_choices(many, [], limit=limit) == sorted(head)


def test_the_sidebar_choices_are_read_once_and_shared_not_copied(filled_db, monkeypatch):
    """filter_options split by kind is a resource: every read of a run, of every run and session, gets the same
    frames (as cached data it was copied at each of the sidebar's nine reads: 175,000 agencies at national scale)."""
    import logging

    from pages import _ui

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # no app running: the caches say so
    monkeypatch.setenv("XXGK_DB", str(filled_db))
    first = _ui.query_parts("filter_options", "kind", dataset="real")
    again = _ui.query_parts("filter_options", "kind", dataset="real")
    assert again is first and again["agency"] is first["agency"]
    assert {"year", "district", "bureau", "agency", "template"} <= set(first)
    assert first[None].height == 0 and first[None].columns == first["agency"].columns  # a kind with no rows
    assert all((part["kind"] == kind).all() for kind, part in first.items() if kind is not None)
