"""The plain shapes every view is built into: records (a table) and documents (sections).

No Rich here: a pipe's output is built and written without importing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType


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


# Plain classes, not dataclasses: @dataclass generates its methods at every start.


class Records:
    """A table: named columns and rows of plain strings, one field per column.

    ``notes`` are sentences about the table (what was left out), for a person, not a
    pipe; ``when_empty`` is the line a pipe gets when there is no record
    (``validate``'s "PATH: valid"); ``text_fields``, when set, is how many of the first
    fields a pipe without ``--format`` gets (one with no header to say what a field is).
    """

    __slots__ = ("columns", "notes", "rows", "text_fields", "when_empty")

    def __init__(
        self,
        columns: list[str],
        rows: list[list[str]] | None = None,
        notes: list[str] | None = None,
        when_empty: str = "",
        text_fields: int | None = None,
    ) -> None:
        self.columns = columns
        self.rows = rows if rows is not None else []
        self.notes = notes if notes is not None else []
        self.when_empty = when_empty
        self.text_fields = text_fields


class Section:
    """A heading and its items: lines of text, or a small table."""

    __slots__ = ("heading", "lines", "table")

    def __init__(
        self, heading: str, lines: list[str] | None = None, table: Records | None = None
    ) -> None:
        self.heading = heading
        self.lines = lines if lines is not None else []
        self.table = table


class Document:
    """A detail view: a title, sections, and its main records (for tsv and csv)."""

    __slots__ = ("records", "sections", "title")

    def __init__(self, title: str, sections: list[Section], records: Records) -> None:
        self.title = title
        self.sections = sections
        self.records = records


class View:
    """One command's view: its plain form (records or a document) and its drawing."""

    def __init__(
        self,
        plain: Callable[[], Records | Document],
        drawing: Callable[[Glyphs], RenderableType],
    ) -> None:
        self.plain = plain
        self.drawing = drawing
