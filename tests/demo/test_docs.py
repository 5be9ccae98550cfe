"""docs/demo.md documents every flag of `python -m xxgk demo` and every rule the generator injects."""

import argparse
from pathlib import Path

from xxgk.cli import demo

DOC = Path(__file__).resolve().parents[2] / "docs" / "demo.md"


def test_every_demo_flag_and_injected_rule_is_documented():
    text = DOC.read_text(encoding="utf-8")
    parser = argparse.ArgumentParser()
    demo.add_arguments(parser)
    flags = [opt for action in parser._actions for opt in action.option_strings if opt.startswith("--")]
    assert len(flags) >= 6
    for flag in flags:
        if flag != "--help":
            assert f"`{flag}`" in text, f"docs/demo.md does not document {flag}"
    for rule in ("R1", "R2", "R3", "R4", "X1", "X3", "X5"):
        assert rule in text, f"docs/demo.md does not mention injected rule {rule}"
    assert "示例数据，虚构" in text
