"""Table 二 rows printed with a label and no number at all (a 三线表 PDF leaves no trace of a blank cell):
their cells are kept blank (null), never dropped as if the row were not printed and never read as 0."""

from pathlib import Path

from xxgk.pipeline import parse_bytes

VARIANT = Path(__file__).resolve().parents[1] / "fixtures" / "variants" / "v21_txt_synthetic_one_row.txt"


def _parse(text: str) -> dict:
    return parse_bytes(text.encode("utf-8"), "blank-rows.txt").to_json()


def test_a_label_alone_before_the_next_block_and_before_table_three_is_a_blank_row():
    text = VARIANT.read_text(encoding="utf-8")
    assert "| 行政强制 | 60 |" in text and "| 行政事业性收费 | 0 |" in text
    text = text.replace("| 行政强制 | 60 |", "行政强制").replace("| 行政事业性收费 | 0 |", "行政事业性收费")
    out = _parse(text)
    t2 = out["table2"]
    assert t2["coercion"] == {"decisions": None}  # printed, blank: null, not absent, not 0
    assert t2["fees"] == {"amount_wan_yuan": None}
    assert t2["penalty"] == {"decisions": 32} and t2["licensing"] == {"decisions": 0}  # the rows around it
    assert any("行政强制" in w and "已留空" in w for w in out["warnings"])
    assert out["table3"]["new_received"]["total"] is not None, "table 三 still starts where it did"


def test_the_report_as_printed_is_unchanged():
    out = _parse(VARIANT.read_text(encoding="utf-8"))
    assert (out["table2"]["coercion"], out["table2"]["fees"]) == ({"decisions": 60}, {"amount_wan_yuan": 0})
