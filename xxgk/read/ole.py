"""OLE2 compound files (Word 97–2003, WPS Writer, password-protected Office files): their stream names and the
contents of their root streams, read with olefile, which follows every sector chain (the FAT's, the mini FAT's
and the DIFAT's overflow sectors of large files) and refuses chains that loop or point outside the file.
"""

from __future__ import annotations

import io

import olefile

OLE_MAGIC = olefile.MAGIC


class OleError(Exception):
    """The file is not a readable OLE2 compound file (damaged, truncated or forged)."""


def _open(data: bytes) -> olefile.OleFileIO:
    if not data.startswith(OLE_MAGIC):
        raise OleError("not an OLE2 file")
    try:
        return olefile.OleFileIO(io.BytesIO(data))
    except Exception as e:  # olefile raises OSError, its own errors and struct errors on damaged files
        raise OleError(f"{type(e).__name__}: {e}") from None


def ole_streams(data: bytes) -> dict[str, bytes]:
    """The streams at the root of an OLE2 compound file, by name."""
    ole = _open(data)
    try:
        return {path[0]: ole.openstream(path).read() for path in ole.listdir(streams=True, storages=False)
                if len(path) == 1}
    except Exception as e:  # a stream whose chain is broken
        raise OleError(f"{type(e).__name__}: {e}") from None
    finally:
        ole.close()


def ole_names(data: bytes) -> set[str]:
    """Names of the storages and streams in an OLE2 compound file (Word 97, WPS, encrypted OOXML); empty when
    the file cannot be read as one."""
    try:
        ole = _open(data)
    except OleError:
        return set()
    try:
        return {part for path in ole.listdir(streams=True, storages=True) for part in path}
    except Exception:  # a damaged directory: no names to go by
        return set()
    finally:
        ole.close()
