"""xxgk.sandbox: the import page parses each upload in a process of its own, with a time limit the child
keeps itself and one the parent enforces by killing it; the result is the ingest's own."""

import json
from pathlib import Path

from xxgk import sandbox
from xxgk.workers import parse_one

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
# A one-line text of about 1.9 million characters: under the length limit, about 3 s to parse.
SLOW = ("1 2 " * 475_000).encode()


def test_a_real_report_parses_in_its_own_process_as_it_does_in_the_ingest():
    data = (REAL / "104.html").read_bytes()
    boxed = sandbox.parse("upload/104.html", data)
    here = parse_one("upload/104.html", data)
    assert boxed.error_code is None and boxed.content == data
    assert json.dumps(boxed.report.to_json(), sort_keys=True) == json.dumps(here.report.to_json(), sort_keys=True)
    assert boxed.agency == here.agency


def test_the_child_stops_itself_at_its_time_limit():
    out = sandbox.parse("upload/slow.txt", SLOW, timeout_s=1)
    assert out.report is None and out.error_code == "timeout" and "1 秒" in out.error_message


def test_the_parent_kills_a_child_that_does_not_stop():
    out = sandbox.parse("upload/slow.txt", SLOW, timeout_s=0, grace_s=0.5)  # 0: the child has no limit
    assert out.report is None and out.error_code == "timeout" and "0.5 秒" in out.error_message
    assert out.content == SLOW
