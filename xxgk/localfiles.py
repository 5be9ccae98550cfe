"""Opening report files on disk: regular files only, never more than the size limit, never out of the folder.

A folder unpacked from an untrusted archive may hold symlinks (`x.txt → /etc/shadow`), devices, FIFOs or
sockets. `read_bytes` is the one way ingest and parse read a file:

- the path is resolved first; a symlink loop is refused (`symlink_loop`);
- a file found inside a given folder (`root`) must resolve to a file inside that folder: a symlink out of
  it is refused (`symlink_outside`); a file named on the command line may be a symlink, it was named;
- the resolved file is opened with O_NOFOLLOW (a symlink swapped in after the check fails the open) and
  O_NONBLOCK (a FIFO does not wait for a writer), then `fstat` on the open descriptor must say "regular
  file": devices, FIFOs, sockets are refused (`special_file`), folders too (`unreadable`);
- at most the size limit plus one byte is read, whatever the size says (a file in /proc says 0 bytes).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from xxgk import settings
from xxgk.errors import UnreadableFile

_CHUNK = 1 << 20
_KINDS = ((stat.S_ISCHR, "字符设备", "character device"), (stat.S_ISBLK, "块设备", "block device"),
          (stat.S_ISFIFO, "命名管道（FIFO）", "FIFO"), (stat.S_ISSOCK, "套接字（socket）", "socket"))


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse a file larger than the 'max_file_mb' setting (code too_large): the one size check of parse, ingest,
    collect and the import page. `limit`: the setting in bytes, when the caller has read it already."""
    limit = settings.max_file_bytes() if limit is None else limit
    if size > limit:
        raise UnreadableFile(
            f"文件过大（{size / 1048576:.1f} MB），超过 {limit // 1048576} MB 上限：年度报告通常只有几 MB，请检查是否选错了文件"
            f"（上限可用环境变量 XXGK_MAX_FILE_MB 调整）。",
            code="too_large",
        )


def resolve(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Path:
    """The real path of `path`; refuses a symlink loop and, with `root`, a file resolving outside it."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        if os.path.lexists(path):
            raise UnreadableFile(f"{path} 是一个指向不存在文件的符号链接（dangling symlink），未读取。",
                                 code="not_found") from None
        raise UnreadableFile(f"找不到文件 {path}。", code="not_found") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UnreadableFile(f"{path} 是循环的符号链接（symlink loop），无法读取：请删除这个链接。",
                                 code="symlink_loop") from None
        raise UnreadableFile(f"无法读取 {path}：{e.strerror or e}。", code="unreadable") from None
    except RuntimeError:  # pathlib's own loop detection on some versions
        raise UnreadableFile(f"{path} 是循环的符号链接（symlink loop），无法读取：请删除这个链接。",
                             code="symlink_loop") from None
    if root is not None:
        top = Path(os.path.realpath(root))
        if real != top and top not in real.parents:
            raise UnreadableFile(f"{path} 是指向所选文件夹以外的符号链接（symlink leaving the folder），出于安全未读取："
                                 "请把报告文件本身放进文件夹。", code="symlink_outside")
    return real


class Folders:
    """Real paths for one run over many files: each folder's worked out once instead of one lstat per path
    component for every file. A file that is itself a symlink, or anything unusual, goes through `resolve`.
    Made for one run (an ingest): a folder replaced by a symlink after it was seen is not noticed."""

    def __init__(self) -> None:
        self._real: dict[str, str] = {}

    def _real_of(self, folder: str) -> str:
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.path.realpath(folder, strict=True)
        return real

    def resolve(self, path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Path | str:
        """What `resolve(path, root)` gives, for a plain file in an already seen folder at the cost of one lstat
        (as a string: real paths are normalised, so a folder's files start with its path and a separator)."""
        head, name = os.path.split(os.fspath(path))
        try:
            if not head or name in ("", ".", "..") or stat.S_ISLNK(os.lstat(path).st_mode):
                return resolve(path, root)
            real = os.path.join(self._real_of(head), name)
            if root is not None:
                top = self._real_of(os.fspath(root))
                if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
                    return resolve(path, root)  # (refuses it, with the message)
        except (OSError, RuntimeError):
            return resolve(path, root)
        return real


def read_bytes(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None,
               limit: int | None = None, folders: Folders | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` (the 'max_file_mb' setting); raises UnreadableFile.
    `folders` remembers the real paths of folders over a run."""
    most = settings.max_file_bytes()
    limit = most if limit is None else limit
    real = folders.resolve(path, root) if folders is not None else resolve(path, root)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        raise _open_error(path, e) from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode)
        check_size(info.st_size, most)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # the size said less than there was (a device, a file in /proc, a growing file)
            raise UnreadableFile(f"{path} 的内容超过 {limit // 1048576} MB 上限（文件大小与实际内容不符），未读取"
                                 "（上限可用环境变量 XXGK_MAX_FILE_MB 调整）。", code="too_large")
        return b"".join(chunks)
    except OSError as e:
        raise UnreadableFile(f"无法读取文件 {path}：{e.strerror or e}。", code="unreadable") from None
    finally:
        os.close(fd)


def _check_kind(path: str | os.PathLike[str], mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UnreadableFile(f"{path} 是一个文件夹，不是文件。", code="unreadable")
    for test, zh, en in _KINDS:
        if test(mode):
            raise UnreadableFile(f"{path} 是{zh}，不是普通文件，出于安全未读取（not a regular file: {en}）。",
                                 code="special_file")
    raise UnreadableFile(f"{path} 不是普通文件，出于安全未读取（not a regular file）。", code="special_file")


def _open_error(path: str | os.PathLike[str], e: OSError) -> UnreadableFile:
    if e.errno == errno.ELOOP:  # the resolved path became a symlink between the check and the open
        return UnreadableFile(f"{path} 在读取时被换成了符号链接，出于安全未读取。", code="symlink_outside")
    if e.errno == errno.ENXIO:  # a socket (or a FIFO opened for writing only)
        return UnreadableFile(f"{path} 是套接字（socket），不是普通文件，出于安全未读取（not a regular file: socket）。",
                              code="special_file")
    if e.errno == errno.EISDIR:
        return UnreadableFile(f"{path} 是一个文件夹，不是文件。", code="unreadable")
    if e.errno in (errno.EACCES, errno.EPERM):
        return UnreadableFile(f"没有读取 {path} 的权限。", code="unreadable")
    return UnreadableFile(f"无法读取文件 {path}：{e.strerror or e}。", code="unreadable")
