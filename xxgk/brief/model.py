"""A briefing as plain data: sections of paragraphs, tables and figures, before it becomes a Word file."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go


@dataclass
class Para:
    text: str
    kind: str = "body"  # body | lead (a highlighted summary) | note (small print) | warning (red, bold)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    note: str = ""  # small print under the table (base, what was left out)


@dataclass
class Figure:
    title: str
    figure: go.Figure
    caption: str = ""
    image: bytes | None = None  # PNG, filled by xxgk.brief.images.render
    problem: str = ""  # why the image could not be made, shown in its place


@dataclass
class Section:
    title: str
    blocks: list[Para | Table | Figure] = field(default_factory=list)

    def add(self, block: Para | Table | Figure) -> None:
        self.blocks.append(block)


@dataclass
class Brief:
    title: str
    selection: list[str]  # one line per filter, as chosen
    issued: str  # the date line
    synthetic: bool
    sections: list[Section] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]
