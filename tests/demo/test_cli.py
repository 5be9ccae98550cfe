"""`python -m xxgk demo`: a whole city written with its README and manifest; clear refusals, no traceback."""

import json

from xxgk.cli import main


def test_demo_command_writes_the_city_and_a_manifest(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--formats", "txt", "--jobs", "2"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reports = sorted(out.rglob("*.txt"))
    assert manifest["synthetic"] is True and manifest["reports"] == len(reports) == manifest["by_format"]["txt"]
    assert 1500 <= len(reports) <= 3000
    assert len(list(out.rglob("*.truth.json"))) == len(reports)
    assert "示例数据，虚构" in (out / "README.md").read_text(encoding="utf-8")
    assert not (tmp_path / "demo.partial").exists()
    assert "示例数据，虚构" in capsys.readouterr().out


def test_demo_command_refuses_bad_arguments_with_a_message(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "x"), "--formats", "txt,odt"]) == 2
    assert "odt" in capsys.readouterr().err
    assert main(["demo", "--out", str(tmp_path / "x"), "--scale", "0"]) == 2
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    assert main(["demo", "--out", str(tmp_path / "full")]) == 1
    assert "--force" in capsys.readouterr().err
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
    (tmp_path / "afile").write_text("x")
    assert main(["demo", "--out", str(tmp_path / "afile")]) == 1
    assert "文件" in capsys.readouterr().err
