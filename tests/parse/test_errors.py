"""Bad input gives the contract's error line (or a report with warnings), never a traceback."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.cli.parse import parse_one
from xxgk.errors import NotAReport, UnreadableFile
from xxgk.pipeline import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
CUT_OFF = ROOT / "tests" / "fixtures" / "variants" / "v21_txt_cut_off_in_table3.txt"
NOT_A_REPORT = "示范市东湖区举办春季运动会\n\n4月12日，示范市东湖区春季运动会在区体育中心开幕，共有1200名运动员参加。\n"


def _run(*paths: Path) -> tuple[int, list[dict], str]:
    out = subprocess.run([sys.executable, "-m", "xxgk", "parse", *map(str, paths)], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    return out.returncode, [json.loads(line) for line in out.stdout.splitlines()], out.stderr


@pytest.fixture()
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "random": random.Random(7).randbytes(20000),
        "not_a_report": NOT_A_REPORT.encode("gb18030"),
        "not_a_report_html": ("<html><head><title>我区召开安全生产工作会议_示范市东湖区人民政府</title></head><body>"
                              "<div class=nav><a>首页</a><a>政府信息公开</a><a>政府信息公开年报</a></div>"
                              f"<p>{NOT_A_REPORT}</p></body></html>").encode(),
    }
    out = {}
    for name, data in files.items():
        p = tmp_path / (name + (".html" if name.endswith("html") else ".txt"))
        p.write_bytes(data)
        out[name] = p
    return out


def test_command_prints_one_error_line_per_bad_file_and_exits_1(bad_files):
    code, lines, stderr = _run(*bad_files.values())
    assert code == 1
    assert "Traceback" not in stderr
    assert [line["source"] for line in lines] == [str(p) for p in bad_files.values()]
    codes = {Path(line["source"]).stem: line["error"]["code"] for line in lines}
    assert codes == {"empty": "empty", "random": "undecodable", "not_a_report": "not_a_report",
                     "not_a_report_html": "not_a_report"}
    assert all(line["error"]["message"] for line in lines)


def test_report_cut_off_in_table3_is_kept_with_warnings_and_exit_0():
    code, [line], stderr = _run(CUT_OFF)
    assert code == 0 and "Traceback" not in stderr
    assert "error" not in line
    assert "denied_enforcement_file" in line["table3"] and "total_processed" not in line["table3"]
    assert line["table4"] is None
    assert any("不完整" in w for w in line["warnings"]) and any("表四" in w for w in line["warnings"])


def test_one_bad_file_among_good_ones_still_prints_every_line(bad_files):
    code, lines, _ = _run(CUT_OFF, bad_files["empty"], ROOT / "tests" / "fixtures" / "real" / "104.html")
    assert code == 1
    assert ["error" in line for line in lines] == [False, True, False]


def test_missing_file_and_folder_are_error_lines(tmp_path):
    code, lines, _ = _run(tmp_path / "nope.txt", tmp_path)
    assert code == 1
    assert [line["error"]["code"] for line in lines] == ["not_found", "unreadable"]


def test_unexpected_exception_becomes_an_internal_error_line(monkeypatch, tmp_path):
    def boom(path):
        raise KeyError("x")

    monkeypatch.setattr("xxgk.cli.parse.parse_path", boom)
    obj, ok = parse_one(str(tmp_path / "a.txt"))
    assert not ok and obj["error"]["code"] == "internal"
    assert "KeyError" in obj["error"]["message"]


def test_library_raises_typed_errors():
    with pytest.raises(UnreadableFile) as e:
        parse_bytes(b"", "x.txt")
    assert e.value.code == "empty"
    with pytest.raises(NotAReport):
        parse_bytes(NOT_A_REPORT.encode(), "x.txt")


@pytest.mark.parametrize("cut", [0.1, 0.3, 0.5, 0.62, 0.75, 0.9])
def test_truncated_reports_never_crash(cut):
    data = (ROOT / "tests" / "fixtures" / "real" / "104.html").read_bytes()
    part = data[: int(len(data) * cut)]
    try:
        report = parse_bytes(part, "cut.html")
    except (UnreadableFile, NotAReport):
        return
    assert report.template in ("2019", "2021", "legacy")
