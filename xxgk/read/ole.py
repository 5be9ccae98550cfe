"""OLE2 compound files (Word 97–2003, WPS Writer, password-protected Office files): stream names
and contents, read with every offset checked and every sector chain bounded, so a forged file raises
OleError and never loops or reads far.
"""

from __future__ import annotations

import struct

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFA  # sector numbers at or above this are markers, not sectors


class OleError(Exception):
    """An offset or chain of the file points outside it."""


def u16(b: bytes, off: int) -> int:
    if off < 0 or off + 2 > len(b):
        raise OleError(f"offset {off}")
    return int(struct.unpack_from("<H", b, off)[0])


def u32(b: bytes, off: int) -> int:
    if off < 0 or off + 4 > len(b):
        raise OleError(f"offset {off}")
    return int(struct.unpack_from("<I", b, off)[0])


def ole_streams(data: bytes) -> dict[str, bytes]:
    """The streams at the root of an OLE2 compound file, by name."""
    if not data.startswith(OLE_MAGIC) or len(data) < 512:
        raise OleError("not an OLE2 file")
    size = 1 << u16(data, 0x1E)
    mini_size = 1 << u16(data, 0x20)
    if not 128 <= size <= 65536:
        raise OleError("sector size")
    nsect = (len(data) - 512) // size + 1

    def sector(n: int) -> bytes:
        start = 512 + n * size if size == 512 else (n + 1) * size
        return data[start:start + size]

    difat = [u32(data, 0x4C + 4 * i) for i in range(109)]
    nxt, guard = u32(data, 0x44), 0
    while nxt < _END and guard < nsect:
        blk = sector(nxt)
        difat += [u32(blk, i) for i in range(0, size - 4, 4)]
        nxt = u32(blk, size - 4)
        guard += 1
    fat: list[int] = []
    for s in difat:
        if s < _END:
            blk = sector(s)
            fat += [u32(blk, i) for i in range(0, len(blk) - 3, 4)]

    def chain(start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        while start < _END and len(out) <= len(table):
            out.append(start)
            start = table[start] if start < len(table) else 0xFFFFFFFE
        return out

    directory = b"".join(sector(s) for s in chain(u32(data, 0x30), fat))
    entries = []
    for off in range(0, len(directory) - 127, 128):
        n = u16(directory, off + 64)
        name = directory[off:off + max(0, n - 2)].decode("utf-16-le", "ignore")
        kind = directory[off + 66]
        entries.append((name, kind, u32(directory, off + 116), u32(directory, off + 120)))
    if not entries or entries[0][1] != 5:
        raise OleError("no root entry")
    cutoff = u32(data, 0x38)
    root = entries[0]
    mini_stream = b"".join(sector(s) for s in chain(root[2], fat))[:root[3]]
    minifat: list[int] = []
    for s in chain(u32(data, 0x3C), fat):
        blk = sector(s)
        minifat += [u32(blk, i) for i in range(0, len(blk) - 3, 4)]
    out: dict[str, bytes] = {}
    for name, kind, start, length in entries[1:]:
        if kind != 2:
            continue
        if length < cutoff:
            parts = [mini_stream[s * mini_size:(s + 1) * mini_size] for s in chain(start, minifat)]
        else:
            parts = [sector(s) for s in chain(start, fat)]
        out[name] = b"".join(parts)[:length]
    return out


def ole_names(data: bytes, limit: int = 4096) -> set[str]:
    """Names of the storages and streams in an OLE2 compound file (Word 97, WPS, encrypted OOXML).

    Reads the directory by following its sector chain through the FAT; stops at `limit` sectors, so
    a forged file cannot loop or make it read much.
    """
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return set()
    shift = int.from_bytes(data[0x1E:0x20], "little")
    if not 7 <= shift <= 16:
        return set()
    size = 1 << shift
    difat = [int.from_bytes(data[0x4C + 4 * i:0x50 + 4 * i], "little") for i in range(109)]
    fat: list[int] = []
    for sector in difat:
        if sector >= 0xFFFFFFFA:
            continue
        start = (sector + 1) * size
        chunk = data[start:start + size]
        fat.extend(int.from_bytes(chunk[i:i + 4], "little") for i in range(0, len(chunk), 4))
    names: set[str] = set()
    sector = int.from_bytes(data[0x30:0x34], "little")
    seen = 0
    while sector < 0xFFFFFFFA and seen < limit:
        start = (sector + 1) * size
        chunk = data[start:start + size]
        for off in range(0, len(chunk) - 127, 128):
            n = int.from_bytes(chunk[off + 64:off + 66], "little")
            if 2 <= n <= 64:
                names.add(chunk[off:off + n - 2].decode("utf-16-le", "ignore"))
        seen += 1
        sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
    return names
