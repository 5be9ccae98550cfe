"""The Document: what every reader gives and the parser takes, whatever the file format was.

A Document is the report's content in reading order: lines of text and tables as cell grids.
Each cell keeps its page and grid position so that a stored number can be traced to the place
it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Cell(NamedTuple):
    """One cell of a table grid, after rowspan/colspan expansion. A named tuple: a grid row's cells are themselves
    the key its reading is cached by (xxgk.parse.rows), with no key tuple made for each cell of every row. A reader
    that makes many (xxgk.read.html) builds them with tuple.__new__, as quick as a dataclass's __init__ (the named
    tuple's own constructor takes about half as long again)."""

    text: str
    row: int
    col: int
    page: int | None = None
    # Grid position of the printed cell this one was expanded from (itself when not merged).
    origin: tuple[int, int] | None = None
    bbox: tuple[float, float, float, float] | None = None

    @property
    def is_span_copy(self) -> bool:
        """True for the extra positions a merged (rowspan/colspan) cell covers."""
        return self.origin is not None and self.origin != (self.row, self.col)


@dataclass(slots=True)
class Table:
    """A table as a rectangular grid of cells (rows of equal length after expansion)."""

    rows: list[list[Cell]]
    page: int | None = None
    index: int = 0  # the table's number in the document, 0-based

    def texts(self) -> list[list[str]]:
        """The grid as plain strings."""
        return [[c.text for c in row] for row in self.rows]


# Lines are treated as immutable but not frozen: a frozen dataclass is five times slower to build. They hash by
# value as frozen ones do.
@dataclass(slots=True, unsafe_hash=True)
class Line:
    """One line (or paragraph) of running text."""

    text: str
    page: int | None = None


Block = Line | Table


@dataclass(slots=True)
class Document:
    """A report's content in reading order, independent of the file format it came in."""

    blocks: list[Block]
    format: str  # txt, html, docx, pdf, doc
    title: str | None = None  # <title>, PDF metadata title, DOCX core title, when present
    pages: int | None = None
    meta: dict[str, str] = field(default_factory=dict)

    _lines: tuple[int, list[Line]] | None = field(default=None, init=False, repr=False, compare=False)
    _texts: tuple[int, list[str], str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def lines(self) -> list[Line]:
        """The running-text lines, tables left out (worked out once while the blocks stay as they are)."""
        if self._lines is None or self._lines[0] != len(self.blocks):
            self._lines = (len(self.blocks), [b for b in self.blocks if isinstance(b, Line)])
        return self._lines[1]

    @property
    def line_texts(self) -> list[str]:
        """The running-text lines' texts, in order (listed once while the blocks stay as they are; not to be changed:
        the parser's steps share the list)."""
        return self._line_texts()[1]

    @property
    def joined(self) -> str:
        """The running-text lines' texts joined by line breaks, for the steps that search them all at once (made
        once while the blocks stay as they are)."""
        return self._line_texts()[2]

    def _line_texts(self) -> tuple[int, list[str], str]:
        if self._texts is None or self._texts[0] != len(self.blocks):
            texts = [line.text for line in self.lines]
            self._texts = (len(self.blocks), texts, "\n".join(texts))
        return self._texts

    @property
    def tables(self) -> list[Table]:
        """The tables, in reading order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """All running text joined by newlines (tables left out)."""
        return "\n".join(b.text for b in self.blocks if isinstance(b, Line))


def join_lines(parts: list[str]) -> str:
    """Lines of one cell joined: no space between CJK characters or digits, one between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out
