"""The words of a PDF text line with their x positions: what xxgk.read.pdfcolumns places in columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xxgk.cellvalue import is_value_text


@dataclass(slots=True)
class Word:
    """A run of characters without a gap: a number, a label or a piece of a line."""

    text: str
    x0: float
    x1: float
    size: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2

    def anchor(self, mode: str) -> float:
        return self.center if mode == "center" else self.x1 if mode == "right" else self.x0


@dataclass(slots=True)
class TextLine:
    """One printed line: its words left to right, and its height on the page."""

    top: float
    bottom: float
    words: list[Word]
    text: str  # as the page's text extraction gives it

    def values(self) -> list[Word]:
        """The numbers (or blank marks) that end the line: its value cells."""
        n = len(self.words)
        while n > 0 and is_value_text(self.words[n - 1].text):
            n -= 1
        return self.words[n:]


def line_words(chars: list[dict[str, Any]]) -> list[Word]:
    """A line's characters cut into words where a gap of a third of the font size or more opens."""
    out: list[Word] = []
    prev: dict[str, Any] | None = None
    for ch in chars:
        text = ch.get("text", "")
        if not text or text.isspace():
            continue
        size = float(ch.get("size") or 0.0) or 10.0
        x0, x1 = float(ch["x0"]), float(ch["x1"])
        if out and prev is not None and x0 - float(prev["x1"]) < max(1.0, size / 3):
            w = out[-1]
            w.text += text
            w.x1 = max(w.x1, x1)
        else:
            out.append(Word(text, x0, x1, size))
        prev = ch
    return out
