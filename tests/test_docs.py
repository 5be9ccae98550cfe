"""Docs are checked: every setting is documented with its variable and default; the README gives the two commands."""

from pathlib import Path

from xxgk.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        row = next((line for line in doc.splitlines() if line.startswith(f"| {s.name} |")), None)
        assert row is not None, f"docs/settings.md has no row for setting {s.name}"
        assert f"`{s.env}`" in row, f"docs/settings.md row for {s.name} does not name {s.env}"
        if s.default:
            assert f"`{s.default}`" in row, f"docs/settings.md row for {s.name} does not give its default"


def test_readme_gives_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [line.split("#")[0].strip() for line in lines if line.startswith("make ")]
    assert commands == ["make run", "make test"]
