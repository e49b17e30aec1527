"""The plain shapes every view is built into: records (a table) and documents (sections).

No Rich here: a pipe's output is built and written without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Glyphs:
    """Bar characters: block elements where the terminal can encode them, ASCII otherwise."""

    def __init__(self, unicode: bool = True) -> None:
        self.full = "█" if unicode else "#"
        self.empty = "░" if unicode else "."
        self.bullet = "•" if unicode else "*"
        self.check = "✓" if unicode else "+"
        self.cross = "✗" if unicode else "-"
        self.arrow = "→" if unicode else "->"
        self.dot = "·" if unicode else "."


@dataclass
class Records:
    """A table: named columns and rows of plain strings, one field per column."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    #: sentences about the table (what was left out); for a person, not for a pipe
    notes: list[str] = field(default_factory=list)
    #: the line a pipe gets when there is no record (``validate``'s "PATH: valid")
    when_empty: str = ""


@dataclass
class Section:
    """A heading and its items: lines of text, or a small table."""

    heading: str
    lines: list[str] = field(default_factory=list)
    table: Records | None = None


@dataclass
class Document:
    """A detail view: a title, sections, and its main records (for tsv and csv)."""

    title: str
    sections: list[Section]
    records: Records
