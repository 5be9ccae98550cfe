"""R1–R5: failures kept as printed with the numbers in the detail; blank inputs handled as documented."""

from __future__ import annotations

from xxgk import keys
from xxgk.checks import report_to_checks
from xxgk.report import Report


def _t3(**rows: list) -> dict:
    cols = list(keys.TABLE3_COLUMNS)
    return {k: dict(zip(cols, v, strict=True)) for k, v in rows.items()}


def _report(t3=None, t4=None, t2=None, template="2019") -> Report:
    return Report(source="x", sha256="0", format="txt", template=template, table2=t2, table3=t3, table4=t4)


Z = [0] * 7


def test_r1_failure_says_the_numbers():
    t3 = _t3(new_received=[23, 0, 0, 0, 0, 0, 23], carried_over=Z, total_processed=[22, 0, 0, 0, 0, 0, 22],
             carried_forward=Z)
    checks = {(c.rule, c.where): c for c in report_to_checks(_report(t3))}
    bad = checks[("R1", "table3/natural_person")]
    assert not bad.ok
    assert bad.detail == "自然人列：本年新收 23 + 上年结转 0 = 23，但总计 22 + 结转下年度 0 = 22"
    assert checks[("R1", "table3/commercial")].ok


def test_r2_r3_and_blank_cells_counted_as_zero_with_a_note():
    t3 = _t3(granted=[5, None, None, None, None, None, 5], total_processed=[5, None, None, None, None, None, 5])
    checks = {(c.rule, c.where): c for c in report_to_checks(_report(t3))}
    r2 = checks[("R2", "table3/granted")]
    assert r2.ok and "空白按 0 计" in r2.detail
    assert checks[("R3", "table3/total")].ok
    # a column with every input blank is not evaluable: no check at all, not a pass
    assert ("R3", "table3/commercial") not in checks and ("R1", "table3/commercial") not in checks


def test_r3_uses_the_sub_rows_of_other_when_printed():
    t3 = _t3(granted=[1, 0, 0, 0, 0, 0, 1], other=[2, 0, 0, 0, 0, 0, 2], other_no_correction=[1, 0, 0, 0, 0, 0, 1],
             other_misc=[1, 0, 0, 0, 0, 0, 1], total_processed=[3, 0, 0, 0, 0, 0, 3])
    checks = {(c.rule, c.where): c for c in report_to_checks(_report(t3, template="2021"))}
    assert checks[("R3", "table3/natural_person")].ok


def test_r4_per_block_and_r5_negative_counts():
    t4 = {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 3},
          "suit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}}
    t2 = {"licensing": {"previous_count": 3, "change": -2, "decisions": -1}}
    checks = report_to_checks(_report(t4=t4, t2=t2))
    r4 = {c.where: c for c in checks if c.rule == "R4"}
    assert not r4["table4/review"].ok and "总计 3" in r4["table4/review"].detail
    assert r4["table4/suit_direct"].ok
    r5 = [c for c in checks if c.rule == "R5"]
    assert [(c.ok, c.where) for c in r5] == [(False, "table2/licensing/decisions")]  # change may be negative


def test_r5_passes_once_for_a_clean_report_and_money_may_be_fractional():
    checks = report_to_checks(_report(t2={"fees": {"amount_wan_yuan": 1.25}}, template="2021"))
    assert [(c.rule, c.ok, c.where) for c in checks] == [("R5", True, "all")]


def test_no_tables_no_checks():
    assert report_to_checks(_report()) == []


def test_details_written_when_read_survive_pickling():
    import pickle

    t3 = _t3(new_received=[23, 0, 0, 0, 0, 0, 23], carried_over=Z, total_processed=[22, 0, 0, 0, 0, 0, 22],
             carried_forward=Z)
    checks = report_to_checks(_report(t3))
    copies = pickle.loads(pickle.dumps(checks))  # as a parse worker sends them to the writer
    assert copies == checks
    bad = next(c for c in copies if c.rule == "R1" and c.where == "table3/natural_person")
    assert bad.to_json() == {"rule": "R1", "ok": False, "where": "table3/natural_person",
                             "detail": "自然人列：本年新收 23 + 上年结转 0 = 23，但总计 22 + 结转下年度 0 = 22"}
