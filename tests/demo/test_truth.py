"""The truth files: the contract's shape, the checks module agreeing with what was injected, and the
statistical model's promises (carry-over chains, zero-activity streaks, who files, what is refused)."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from xxgk import keys
from xxgk.checks import report_to_checks
from xxgk.demo.compare import injected_rules
from xxgk.demo.corpus import Options, all_agencies, generate_agencies
from xxgk.report import SYNTHETIC_MARK, Report


@pytest.fixture(scope="module")
def city_truths(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The truth files of the whole default city (text only, which is quick to write)."""
    out = tmp_path_factory.mktemp("city")
    generate_agencies(out, all_agencies(1), Options(seed=0, formats=("txt",)))
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.truth.json"))]
    for t, p in zip(truths, sorted(out.rglob("*.truth.json")), strict=True):
        t["_id"] = p.name.removesuffix(".truth.json")
    return truths


def test_truth_has_the_contract_shape(city_truths):
    assert 1500 <= len(city_truths) <= 3000
    for t in city_truths:
        template = "2019" if t["year"] <= 2020 else "2021"
        assert t["template"] == template and t["synthetic"] is True
        # A 2021 report may print （六）其他处理 as one row, in the 2019 order (noise "other_as_one_row").
        one_row = any(n["kind"] == "other_as_one_row" for n in t["noise"])
        assert tuple(t["table3"]) == keys.TABLE3_ROW_ORDER["2019" if one_row else template]
        assert all(tuple(cols) == tuple(keys.TABLE3_COLUMNS) for cols in t["table3"].values())
        assert {k: tuple(v) for k, v in t["table2"].items()} == {
            k: tuple(v) for k, v in keys.TABLE2_COLUMNS[template].items()}
        assert tuple(t["table4"]) == tuple(keys.TABLE4_BLOCKS)


def test_checks_on_the_truth_fail_exactly_where_faults_were_injected(city_truths):
    faulty = 0
    for t in city_truths:
        report = Report(source=t["source"], sha256="", format="txt", template=t["template"],
                        table2=t["table2"], table3=t["table3"], table4=t["table4"])
        failed = {(c.rule, c.where) for c in report_to_checks(report) if not c.ok and c.rule != "R5"}
        assert failed == injected_rules(t), (t["source"], t["year"], failed, t["injected"])
        faulty += bool(failed)
    assert 0.01 * len(city_truths) < faulty < 0.1 * len(city_truths)


def test_carried_over_chains_from_last_years_carried_forward(city_truths):
    by_agency: dict[str, dict[int, dict]] = defaultdict(dict)
    for t in city_truths:
        by_agency[t["agency"]][t["year"]] = t
    chained = broken = 0
    for years in by_agency.values():
        for year, t in years.items():
            prev = years.get(year - 1)
            if prev is None:
                continue
            x1 = {f["where"] for f in t["injected"] if f["rule"] == "X1"}
            for col in keys.TABLE3_COLUMNS:
                a = prev["table3"]["carried_forward"][col] or 0
                b = t["table3"]["carried_over"][col] or 0
                assert (a != b) == (f"table3/{col}" in x1), (t["agency"], year, col)
                chained += a == b and a > 0
                broken += a != b
    assert chained > 100 and broken < chained


def test_the_model_looks_like_real_reporting(city_truths):
    received: dict[str, list[int]] = defaultdict(list)
    natural = total = 0
    refusals: Counter[str] = Counter()
    for t in city_truths:
        kind = t["_id"].split("-")[1].rstrip("0123456789")
        n = t["table3"]["new_received"]["total"] or 0
        received[kind].append(n)
        natural += t["table3"]["new_received"]["natural_person"] or 0
        total += n
        for row in keys.OUTCOME_ROWS[2:]:
            refusals[row] += t["table3"][row]["total"] or 0
    small = [n for k in ("tj", "sj", "kj", "cz", "sf", "mz") for n in received[k]]
    assert statistics.median(small) <= 2 and max(small) < 40
    assert statistics.median(received["zr"]) > 20 and statistics.median(received["gov"]) > 40
    assert natural / total > 0.8
    assert refusals.most_common(1)[0][0] == "unavailable_not_held"
    injected = Counter(f["rule"] for t in city_truths for f in t["injected"])
    assert injected["X5"] >= 5 and injected["X3"] >= 10
    assert sum(1 for t in city_truths if t["narrative"]["applications_received"] !=
               (t["table3"]["new_received"]["total"] or 0)) == sum(
        1 for t in city_truths if any(f["rule"] == "X3" for f in t["injected"]))


def test_zero_activity_agencies_stay_zero_for_years(city_truths):
    years_zero: dict[str, list[int]] = defaultdict(list)
    for t in sorted(city_truths, key=lambda t: t["year"]):
        if all((t["table3"]["new_received"][c] or 0) == 0 for c in keys.TABLE3_COLUMNS):
            years_zero[t["agency"]].append(t["year"])
    streaks = [ys for ys in years_zero.values() if len(ys) >= 5]
    assert len(streaks) >= 30


def _head_text(path: Path) -> str:
    """The first characters a reader sees (PDF: the first page's text, DOCX: the document body)."""
    if path.suffix == ".pdf":
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return pdf.pages[0].extract_text()[:200]
    if path.suffix == ".docx":
        import zipfile
        return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")[:3000]
    data = path.read_bytes()[:4000]
    return data.decode("utf-8", "ignore") + data.decode("gb18030", "ignore")


def test_every_document_prints_the_synthetic_mark_near_its_top(demo_sample: Path):
    seen: Counter[str] = Counter()
    for path in sorted(demo_sample.rglob("*")):
        if path.suffix not in (".txt", ".html", ".docx", ".pdf") or (path.suffix == ".pdf" and seen[".pdf"] >= 5):
            continue
        assert SYNTHETIC_MARK in _head_text(path), path.name
        seen[path.suffix] += 1
    assert set(seen) == {".txt", ".html", ".docx", ".pdf"}


def test_publication_dates_some_late_some_undated(city_truths):
    late = [t for t in city_truths if not t["on_time"]]
    undated = [t for t in city_truths if not t["published"]["date_line"]]
    assert 0.05 * len(city_truths) < len(late) < 0.25 * len(city_truths)
    assert 0.02 * len(city_truths) < len(undated) < 0.12 * len(city_truths)
    for t in city_truths:
        date, deadline = t["published"]["date"], t["deadline"]
        assert (date <= deadline) == t["on_time"]
        assert deadline == f"{t['year'] + 1}-{'03' if t['_id'].endswith('-gov') else '01'}-31"
        assert date > f"{t['year']}-12-31"
    days = sorted((dt.date.fromisoformat(t["published"]["date"]) - dt.date.fromisoformat(t["deadline"])).days
                  for t in late)
    assert days[0] >= 1 and days[-1] > 60  # late by days, and by months
    assert all(t["scope"] == {"table2": "agency", "table3": "agency", "table4": "agency"} for t in city_truths)
