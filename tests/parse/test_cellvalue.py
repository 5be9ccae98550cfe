"""How a printed cell reads (xxgk.cellvalue.parse_value)."""

from __future__ import annotations

import random

import pytest

from xxgk.cellvalue import NOT_A_VALUE, _read_value, parse_value


@pytest.mark.parametrize(("raw", "value", "unit"), [
    ("00", 0, ""), ("１２", 12, ""), ("1,234", 1234, ""), ("5万元", 5, "万元"), ("2.5", 2.5, ""),
    ("减3", -3, ""), ("增 4", 4, ""), ("18（其中修订5件）", 18, ""), ("7件", 7, "件"),
])
def test_numbers_are_read(raw, value, unit):
    got = parse_value(raw)
    assert (got.value, got.unit, got.is_value, type(got.value)) == (value, unit, True, type(value))


@pytest.mark.parametrize("raw", ["", "/", "-", "无", "空", "暂无", "不适用", "——"])
def test_blank_marks_are_values_without_a_number(raw):
    got = parse_value(raw)
    assert got.is_value and got.value is None


@pytest.mark.parametrize("raw", ["本年新收政府信息公开申请数量", "（一）予以公开", "规章", "1.属于国家秘密", "国1",
                                 "无法提供", "不予公开", "暂缓 3"])
def test_labels_are_not_values(raw):
    assert parse_value(raw) is NOT_A_VALUE


def test_the_shortcuts_give_what_the_checks_give():
    """parse_value answers plain ASCII digits, and text starting with a Chinese character other than a sign or a blank
    mark's, at once; on 200,000 random texts (signs, blank marks, units, digits of both widths, spaces, brackets,
    zero-width characters) and runs of digits up to 50 long it gives what reading the text through every check
    gives."""
    alphabet = list("减增无空不暂适用国局年申请万元件条个项次人0123456789０１２３,，.．-/—_\\xX×… \u3000\u00a0\u200b\ufeff"
                    "（）()eE+")
    rng = random.Random(16)
    for _ in range(200_000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        assert parse_value.__wrapped__(raw) == _read_value(raw), raw
    for n in range(1, 51):
        for raw in ("0" * n, "7" * n, str(rng.randrange(10 ** (n - 1), 10 ** n)), "0" + "9" * (n - 1)):
            got = parse_value.__wrapped__(raw)
            assert got == _read_value(raw) and type(got.value) is type(_read_value(raw).value), raw
