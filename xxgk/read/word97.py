"""Word 97–2003 binary files read directly: running text as Lines, tables as cell grids.

No outside program: the OLE2 container's streams, the piece table (where each run of text is
stored, 8-bit or UTF-16) and the paragraph properties that mark table rows. Each table cell ends
with a cell mark (\\x07); the paragraph whose properties say "table row end" (sprmPFTtp) closes a
row, which tells an empty last cell from the end of a row. Merged cells come out as the cells Word
stores (a vertically merged cell is printed once, the cells below it empty), so grids may be
ragged; they are padded to a rectangle. Fields keep their result, not their code.

Every offset read from the file is checked against the data, every chain walk is bounded: a forged
file raises UnreadableFile, never loops.
"""

from __future__ import annotations

import struct

from xxgk.document import Block, Cell, Document, Line, Table, join_lines
from xxgk.errors import UnreadableFile
from xxgk.read.ole import OleError, ole_streams


def _u16(b: bytes, off: int) -> int:
    """A little-endian 16-bit number of a Word structure; an offset outside it is a forged file."""
    if off < 0 or off + 2 > len(b):
        raise OleError(f"offset {off}")
    return int(struct.unpack_from("<H", b, off)[0])


def _u32(b: bytes, off: int) -> int:
    """A little-endian 32-bit number of a Word structure."""
    if off < 0 or off + 4 > len(b):
        raise OleError(f"offset {off}")
    return int(struct.unpack_from("<I", b, off)[0])


def _fib(word: bytes) -> dict[str, int]:
    """The few File Information Block fields needed: flags, main text length, CLX and PAPX places."""
    if _u16(word, 0) != 0xA5EC:
        raise OleError("not a Word 97 document stream")
    fib = {"nFib": _u16(word, 2), "flags": _u16(word, 0x0A)}
    off = 0x20
    csw = _u16(word, off)
    off += 2 + csw * 2
    cslw = _u16(word, off)
    fib["ccpText"] = _u32(word, off + 2 + 12)
    off += 2 + cslw * 4
    pairs = off + 2
    fib["fcPlcfBtePapx"], fib["lcbPlcfBtePapx"] = _u32(word, pairs + 13 * 8), _u32(word, pairs + 13 * 8 + 4)
    fib["fcClx"], fib["lcbClx"] = _u32(word, pairs + 33 * 8), _u32(word, pairs + 33 * 8 + 4)
    return fib


def _pieces(table: bytes, fc_clx: int, lcb: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first cp, last cp, file offset, compressed) for each run of text."""
    pos, end = fc_clx, fc_clx + lcb
    while pos < end and table[pos] == 0x01:  # Prc: formatting we do not need
        pos += 3 + _u16(table, pos + 1)
    if pos >= end or table[pos] != 0x02:
        raise OleError("no piece table")
    size = _u32(table, pos + 1)
    plc = table[pos + 5:pos + 5 + size]
    n = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * i) for i in range(n + 1)]
    out = []
    for i in range(n):
        fc = _u32(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc
        out.append((cps[i], cps[i + 1], offset, compressed))
    return out


RowProps = tuple[list[int], list[int]]  # cell boundaries (twips), per-cell merge flags (TC80 tcgrf)


def _row_ends(word: bytes, table: bytes, fib: dict[str, int], data_stream: bytes = b"") -> dict[int, RowProps | None]:
    """The paragraph marks that end a table row (sprmPFTtp / sprmPFInnerTtp), by file offset, with
    the row's cell boundaries and merge flags when it states them (sprmTDefTable).

    Rows of wide tables carry so many properties that Word moves them to the Data stream and leaves
    a pointer (sprmPHugePapx) in the page: those are followed too.
    """
    plc = table[fib["fcPlcfBtePapx"]:fib["fcPlcfBtePapx"] + fib["lcbPlcfBtePapx"]]
    n = (len(plc) - 4) // 8
    ends: dict[int, RowProps | None] = {}
    for i in range(n):
        page = _u32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF
        fkp = word[page * 512:(page + 1) * 512]
        if len(fkp) < 512:
            continue
        crun = fkp[511]
        for j in range(crun):
            stop = _u32(fkp, 4 * (j + 1))
            bx = 4 * (crun + 1) + 13 * j
            b_off = fkp[bx] * 2
            if b_off == 0:
                continue
            cb = fkp[b_off]
            if cb == 0:
                size, at = 2 * fkp[b_off + 1], b_off + 2
            else:
                size, at = 2 * cb - 1, b_off + 1
            grpprl = fkp[at + 2:at + size]  # after the style index
            huge = _huge_papx(grpprl, data_stream)
            for props in (grpprl, huge):
                ttp, tdef = _sprms(props)
                if ttp:
                    ends[stop - 1] = ends[stop - 2] = tdef  # the mark: 8-bit or UTF-16 text
                    break
    return ends


def _huge_papx(grpprl: bytes, data_stream: bytes) -> bytes:
    """The properties a sprmPHugePapx points at in the Data stream (empty when there is none)."""
    if len(grpprl) >= 6 and _u16(grpprl, 0) == 0x6646:
        at = _u32(grpprl, 2)
        if at + 2 <= len(data_stream):
            return data_stream[at + 2:at + 2 + _u16(data_stream, at)]
    return b""


def _tdef(operand: bytes) -> RowProps | None:
    """sprmTDefTable: the cell boundaries of a row and each cell's merge flags."""
    if not operand:
        return None
    ncells = operand[0]
    need = 1 + 2 * (ncells + 1)
    if ncells == 0 or len(operand) < need:
        return None
    centers = list(struct.unpack_from(f"<{ncells + 1}h", operand, 1))
    flags = []
    for k in range(ncells):
        at = need + 20 * k
        flags.append(_u16(operand, at) if at + 2 <= len(operand) else 0)
    return centers, flags


def _sprms(grpprl: bytes) -> tuple[bool, RowProps | None]:
    """(row end?, the row's table definition) from a paragraph's property list."""
    pos, ttp, tdef = 0, False, None
    while pos + 2 <= len(grpprl):
        sprm = _u16(grpprl, pos)
        spra = sprm >> 13
        pos += 2
        if sprm in (0x2417, 0x244C):  # sprmPFTtp, sprmPFInnerTtp
            ttp = ttp or (pos < len(grpprl) and grpprl[pos] == 1)
        if spra in (0, 1):
            pos += 1
        elif spra in (2, 4, 5):
            pos += 2
        elif spra == 3:
            pos += 4
        elif spra == 7:
            pos += 3
        elif sprm == 0xD608:  # sprmTDefTable: a 2-byte length that counts itself minus one
            if pos + 2 > len(grpprl):
                break
            length = _u16(grpprl, pos) - 1
            tdef = _tdef(grpprl[pos + 2:pos + 2 + length])
            pos += 2 + length
        elif pos < len(grpprl):
            pos += 1 + grpprl[pos]
        else:
            break
    return ttp, tdef


def _chars(word: bytes, fib: dict[str, int], pieces: list[tuple[int, int, int, bool]]) -> list[tuple[str, int]]:
    """The main text as (character, file offset of the character)."""
    out: list[tuple[str, int]] = []
    limit = fib["ccpText"]
    for cp0, cp1, offset, compressed in pieces:
        if cp0 >= limit:
            break
        count = min(cp1, limit) - cp0
        width = 1 if compressed else 2
        raw = word[offset:offset + count * width]
        if len(raw) < count * width:
            raise OleError("piece outside the stream")
        text = raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace")
        out += [(ch, offset + i * width) for i, ch in enumerate(text)]
    return out


def _strip_fields(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Field codes dropped, field results kept (\\x13 code \\x14 result \\x15)."""
    out = []
    stack: list[bool] = []  # per open field: True while in its code part
    for ch, fc in chars:
        if ch == "\x13":
            stack.append(True)
        elif ch == "\x14":
            if stack:
                stack[-1] = False
        elif ch == "\x15":
            if stack:
                stack.pop()
        elif not any(stack):
            out.append((ch, fc))
    return out


_DROP = dict.fromkeys(map(ord, "\x01\x02\x05\x08\x1f\ufeff"), None) | {0x0B: "\n", 0x1E: "-", 0x0C: "\n", 0xA0: " "}


def _clean(text: str) -> str:
    return " ".join(text.translate(_DROP).split())


def word97_to_document(data: bytes) -> Document:
    """A Word 97–2003 (or WPS Writer) file as Lines and Tables, read without outside programs."""
    try:
        streams = ole_streams(data)
        if "EncryptedPackage" in streams:
            raise UnreadableFile("Word 文档设置了打开密码（已加密）：请向发布机关索取未加密的版本。", code="encrypted")
        word = streams.get("WordDocument")
        if word is None:
            raise UnreadableFile("这个 OLE 文件里没有 Word 文档（没有 WordDocument 流）：不是 Word 97 文件。",
                                 code="broken_doc")
        fib = _fib(word)
        if fib["flags"] & 0x0100:
            raise UnreadableFile("Word 97 文档设置了密码（已加密）：请向发布机关索取未加密的版本，或在 Word/WPS 中取消"
                                 "密码后另存再导入。", code="encrypted")
        table = streams.get("1Table" if fib["flags"] & 0x0200 else "0Table")
        if table is None:
            raise OleError("no table stream")
        pieces = _pieces(table, fib["fcClx"], fib["lcbClx"])
        chars = _strip_fields(_chars(word, fib, pieces))
        row_ends = _row_ends(word, table, fib, streams.get("Data", b""))
    except (OleError, IndexError, struct.error) as e:
        raise UnreadableFile(f"Word 97 文件结构已损坏，无法读取（{e}）：请重新下载，或在 Word/WPS 中另存为 DOCX 后再导入。",
                             code="broken_doc") from None
    return Document(blocks=_blocks(chars, row_ends), format="doc", meta={"converter": "built-in"})


def _blocks(chars: list[tuple[str, int]], row_ends: dict[int, RowProps | None]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[list[str]] = []
    props: list[RowProps | None] = []
    row: list[str] = []
    buf: list[str] = []

    def flush_table() -> None:
        nonlocal rows, props
        if rows:
            blocks.append(_grid(rows, props, sum(isinstance(b, Table) for b in blocks)))
            rows, props = [], []

    for ch, fc in chars:
        if ch == "\x07":
            if fc in row_ends:
                if buf and _clean("".join(buf)):
                    row.append(join_lines("".join(buf).split("\r")))
                rows.append(row)
                props.append(row_ends[fc])
                row = []
            else:
                row.append(_clean(join_lines("".join(buf).split("\r"))))
            buf = []
        elif ch == "\r" and not row:
            flush_table()
            text = _clean("".join(buf))
            if text:
                blocks.append(Line(text))
            buf = []
        else:
            buf.append(ch)
    if row:  # a file cut short inside a table
        rows.append(row)
        props.append(None)
    flush_table()
    text = _clean("".join(buf))
    if text:
        blocks.append(Line(text))
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise UnreadableFile("Word 97 文件里没有文字：可能只有图片（扫描件），请索取文字版或先做 OCR。", code="empty")
    return blocks


def _grid(rows: list[list[str]], props: list[RowProps | None], index: int) -> Table:
    """The rows as a grid: placed by their cell boundaries with merges marked when every row states
    them, else padded on the right."""
    placed = _placed(rows, props)
    if placed is None:
        width = max(len(r) for r in rows)
        grid = []
        for r, texts in enumerate(rows):
            cells = [Cell(text=_clean(t), row=r, col=c, origin=(r, c)) for c, t in enumerate(texts)]
            cells += [Cell(text="", row=r, col=c, origin=(r, c)) for c in range(len(texts), width)]
            grid.append(cells)
        return Table(rows=grid, index=index)
    return Table(rows=placed, index=index)


def _placed(rows: list[list[str]], props: list[RowProps | None]) -> list[list[Cell]] | None:
    if any(p is None or len(p[0]) != len(r) + 1 for r, p in zip(rows, props, strict=True)):
        return None
    edges: list[int] = []
    for p in props:
        for x in p[0]:  # type: ignore[index]
            if not any(abs(x - e) <= 20 for e in edges):  # 20 twips = 1 pt
                edges.append(x)
    edges.sort()

    def col(x: int) -> int:
        return min(range(len(edges)), key=lambda i: abs(edges[i] - x))

    width = len(edges) - 1
    if width < 1:
        return None
    origin: list[list[tuple[int, int] | None]] = [[None] * width for _ in rows]
    text: dict[tuple[int, int], str] = {}
    for r, (texts, p) in enumerate(zip(rows, props, strict=True)):
        centers, flags = p  # type: ignore[misc]
        for k, t in enumerate(texts):
            c0 = min(col(centers[k]), width - 1)
            c1 = max(col(centers[k + 1]), c0 + 1)
            f = flags[k]
            vert_continue = bool(f & 0x20) and not f & 0x40
            if vert_continue and r > 0 and origin[r - 1][c0] is not None:
                o = origin[r - 1][c0]
            elif f & 0x02 and k > 0 and c0 > 0 and origin[r][c0 - 1] is not None:  # fMerged: joins the left
                o = origin[r][c0 - 1]
            else:
                o = (r, c0)
                text[o] = _clean(t)
            for c in range(c0, min(c1, width)):
                origin[r][c] = o
    grid = []
    for r in range(len(rows)):
        cells = []
        for c in range(width):
            o = origin[r][c] or (r, c)
            cells.append(Cell(text=text.get(o, ""), row=r, col=c, origin=o))
        grid.append(cells)
    return grid
