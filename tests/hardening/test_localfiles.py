"""Ingest and parse open only regular files, never follow a symlink out of the given folder, refuse devices,
FIFOs and sockets with a code, read at most the size limit whatever the size says (xxgk.localfiles)."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk import database
from xxgk.errors import UnreadableFile
from xxgk.ingest import ingest
from xxgk.localfiles import Folders, read_bytes
from xxgk.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "real" / "005.txt"


@pytest.fixture
def folder(tmp_path):
    """A folder as unpacked from an untrusted archive: one real report, links and special files."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("SECRET-TOKEN-4711 这不是报告，是本机的机密文件", encoding="utf-8")
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(REPORT, d / "report.txt")
    (d / "sub").mkdir()
    (d / "escape.txt").symlink_to(secret)
    (d / "escape-relative.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (d / "inside-link.txt").symlink_to(d / "report.txt")  # inside, to a regular file: followed
    (d / "sub" / "zero.txt").symlink_to("/dev/zero")
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    (d / "linked-dir").symlink_to(outside, target_is_directory=True)  # never entered
    os.mkfifo(d / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(d / "sock.txt"))
    yield d, secret
    sock.close()


def code_of(path, root=None, folders=None):
    with pytest.raises(UnreadableFile) as e:
        read_bytes(path, root, folders=folders)
    assert e.value.message.strip()
    return e.value.code


@pytest.mark.parametrize("run", [False, True], ids=["alone", "in-a-run"])
def test_read_refuses_what_is_not_a_regular_file_inside_the_folder(folder, run):
    """The same answers whether each path is resolved alone or through a run's Folders (which remembers the
    real path of every folder seen): asked in an order that has the folder seen before each odd file."""
    d, secret = folder
    f = Folders() if run else None
    assert read_bytes(d / "report.txt", d, folders=f) == REPORT.read_bytes()
    assert read_bytes(d / "inside-link.txt", d, folders=f) == REPORT.read_bytes()
    assert code_of(d / "escape.txt", d, f) == "symlink_outside"
    assert code_of(d / "escape-relative.txt", d, f) == "symlink_outside"
    assert code_of(d / "sub" / "zero.txt", d, f) == "symlink_outside"  # out of the folder before it is a device
    assert code_of(d / "linked-dir" / "secret.txt", d, f) == "symlink_outside"  # through a linked folder
    assert code_of(d / "loop-a.txt", d, f) == "symlink_loop"
    assert code_of(d / "pipe.txt", d, f) == "special_file"  # at once: no wait for a writer
    assert code_of(d / "sock.txt", d, f) == "special_file"
    assert code_of("/dev/zero", None, f) == "special_file"
    assert code_of(d / "sub" / "zero.txt", None, f) == "special_file"  # named itself: followed, still a device
    assert code_of(d / "nothing.txt", d, f) == "not_found"


def test_read_stops_at_the_limit_even_when_the_size_lies(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    assert read_bytes(big, limit=3000) == b"x" * 3000
    with pytest.raises(UnreadableFile) as e:
        read_bytes(big, limit=2999)
    assert e.value.code == "too_large"
    # /proc files say 0 bytes and hold more: read only up to the limit
    with pytest.raises(UnreadableFile) as e:
        read_bytes("/proc/self/status", limit=100)
    assert e.value.code == "too_large"


def test_ingest_stores_no_byte_from_outside_the_folder(folder, tmp_path):
    d, secret = folder
    db = tmp_path / "x.duckdb"
    summary = ingest([d], db=db, workers=1, progress=False)
    codes = {Path(p).name: code for p, code, _ in summary.failed}
    assert codes == {"escape.txt": "symlink_outside", "escape-relative.txt": "symlink_outside",
                     "zero.txt": "symlink_outside", "loop-a.txt": "symlink_loop", "loop-b.txt": "symlink_loop",
                     "pipe.txt": "special_file", "sock.txt": "special_file"}
    assert summary.stored == 1 and summary.unchanged == 1  # the inside link is the same bytes as the report
    con = database.open_read(db)
    try:
        contents = [r[0] for r in con.execute("SELECT content FROM sources").fetchall()]
        errors = con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0]
    finally:
        con.close()
    assert contents and not any(b"SECRET-TOKEN" in bytes(c or b"") for c in contents)
    assert errors == len(codes)


def test_ingest_of_a_named_fifo_says_what_it_is(folder, tmp_path):
    d, _ = folder
    summary = ingest([d / "pipe.txt"], db=tmp_path / "y.duckdb", workers=1, progress=False)
    assert [(Path(p).name, code) for p, code, _ in summary.failed] == [("pipe.txt", "special_file")]


def test_parse_command_gives_codes_never_internal(folder, tmp_path):
    d, _ = folder
    zeros = tmp_path / "zeros.txt"
    with open(zeros, "wb") as f:
        f.truncate(49 * 1024 * 1024)  # 49 MB of NUL bytes (sparse on disk)
    paths = ["/dev/zero", str(d / "sub" / "zero.txt"), str(d / "pipe.txt"), str(d / "loop-a.txt"), str(zeros)]
    out = subprocess.run([sys.executable, "-m", "xxgk", "parse", *paths], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "XXGK_PARSE_TIMEOUT_S": "30"})
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1 and "Traceback" not in out.stderr
    got = [line["error"]["code"] for line in lines]
    assert got == ["special_file", "special_file", "special_file", "symlink_loop", "undecodable"]
    assert "空字节" in lines[-1]["error"]["message"] and "文件是空的" not in lines[-1]["error"]["message"]


def test_parse_path_of_a_nul_file_is_not_called_empty(tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes(b"\0" * 1000)
    with pytest.raises(UnreadableFile) as e:
        parse_path(f)
    assert e.value.code == "undecodable" and "空字节" in e.value.message
