"""A full disk while the writer copies the published database to its working copy: the half-written
`.NAME.work.copying` is removed (the disk is not left full), the message says how much space is needed,
and the published database is unchanged. The fault is injected into the copy (ENOSPC after half the file)."""

import errno
import hashlib
from pathlib import Path

import pytest

from xxgk.errors import StoreError
from xxgk.ingest import ingest
from xxgk.store import workcopy

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "real"


def full_disk_copy(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
    """shutil.copyfile that writes half the file, then fails as a full disk does."""
    data = Path(src).read_bytes()
    with open(dst, "wb") as f:
        f.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_copy_that_fills_the_disk_is_removed_and_says_the_space_needed(tmp_path, monkeypatch):
    db = tmp_path / "x.duckdb"
    first = ingest([REAL / "005.txt"], db=db, workers=1, progress=False)
    assert first.stored == 1
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setattr(workcopy.shutil, "copyfile", full_disk_copy)
    with pytest.raises(StoreError) as e:
        ingest([REAL / "104.html"], db=db, workers=1, progress=False)
    assert e.value.code == "disk_full"
    size_mb = f"{db.stat().st_size / 1048576:,.1f} MB"
    assert "磁盘空间不足" in e.value.message and f"需要约 {size_mb}" in e.value.message
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert not any(n.endswith(".copying") for n in leftovers), leftovers
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # the published file is untouched
    monkeypatch.undo()  # space again: the same command completes
    again = ingest([REAL / "104.html"], db=db, workers=1, progress=False)
    assert again.stored == 1


def test_a_copy_left_by_a_killed_run_is_removed_before_the_next_copy(tmp_path):
    db = tmp_path / "x.duckdb"
    ingest([REAL / "005.txt"], db=db, workers=1, progress=False)
    work, _ = workcopy.work_paths(db)
    stale = work.with_name(work.name + ".copying")
    stale.write_bytes(b"\0" * 4096)
    ingest([REAL / "104.html"], db=db, workers=1, progress=False)
    assert not stale.exists()


def test_the_message_says_how_much_to_free_when_the_disk_is_short(tmp_path, monkeypatch):
    db = tmp_path / "x.duckdb"
    ingest([REAL / "005.txt"], db=db, workers=1, progress=False)
    size = db.stat().st_size
    monkeypatch.setattr(workcopy.shutil, "copyfile", full_disk_copy)
    monkeypatch.setattr(workcopy.shutil, "disk_usage", lambda _: shutil_usage(free=size // 4))
    with pytest.raises(StoreError) as e:
        ingest([REAL / "104.html"], db=db, workers=1, progress=False)
    want = f"{(size - size // 4 + size // 10) / 1048576:,.1f} MB"
    assert f"请腾出至少 {want}" in e.value.message, e.value.message


def shutil_usage(free: int):  # noqa: ANN201
    from shutil import _ntuple_diskusage  # type: ignore[attr-defined]

    return _ntuple_diskusage(10**12, 10**12 - free, free)
