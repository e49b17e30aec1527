"""The views of ``search`` (a table of hits) and ``skill`` (one skill and its roles).

Plain forms are built without Rich; the drawings import it when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .model import Document, Glyphs, Records, Section, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..domain import SearchHit, Skill, SkillUser

SEARCH_MORE_NOTE = "The best {shown} matches; -n N or --all shows more."


# search -----------------------------------------------------------------------------------------


def search_records(hits: Sequence[SearchHit], limited: bool) -> Records:
    """Rank, id, title, relevance score and what matched, best first."""
    rows = [
        [str(rank), h.id, h.title, f"{h.score:.2f}", h.matched]
        for rank, h in enumerate(hits, start=1)
    ]
    notes = [SEARCH_MORE_NOTE.format(shown=len(hits))] if limited else []
    return Records(["rank", "id", "title", "score", "matched"], rows, notes)


def search_view(hits: Sequence[SearchHit], text: str, *, limited: bool) -> View:
    """Roles ranked by how well ``text`` matches them."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        return _search_table(hits, text, limited)

    return View(lambda: search_records(hits, limited), drawing)


def _search_table(hits: Sequence[SearchHit], text: str, limited: bool) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .tables import Col, Fitted, data, dropped_note, fit, id_cell, id_width

    def build(width: int) -> RenderableType:
        idw = id_width((h.id for h in hits), width)
        cols = [Col("#", len(str(len(hits))), 3), Col("Id", idw, 0), Col("Role", 16, 1)]
        cols.append(Col("Matched", 20, 2))
        keep = fit(cols, width)
        table = Table(box=box.SIMPLE_HEAVY)
        if keep[0]:
            table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Id", width=idw, overflow="fold")
        if keep[2]:
            table.add_column("Role", style="bold", min_width=16, overflow="fold")
        if keep[3]:
            table.add_column("Matched", min_width=20, overflow="fold", style="dim")
        for rank, hit in enumerate(hits, start=1):
            row: list[RenderableType] = [str(rank)] if keep[0] else []
            row.append(id_cell(hit.id))
            if keep[2]:
                row.append(data(hit.title, "bold"))
            if keep[3]:
                row.append(data(hit.matched))
            table.add_row(*row)
        heading = Text("Search: ", style="dim")
        heading.append(data(text))
        parts: list[RenderableType] = [heading]
        if not hits:
            parts.append(Text("No role matches these words.", style="dim"))
            return Group(*parts)
        parts.append(table)
        note = dropped_note(cols, keep)
        if note is not None:
            parts.append(note)
        if limited:
            parts.append(Text(SEARCH_MORE_NOTE.format(shown=len(hits)), style="dim"))
        return Group(*parts)

    return Fitted(build)


# skill ------------------------------------------------------------------------------------------


def _users_heading(users: Sequence[SkillUser], total: int | None) -> str:
    shown = f"{len(users)} of {total}" if total is not None and total > len(users) else len(users)
    return f"Roles that need it, most important first ({shown})"


def skill_document(skill: Skill, users: Sequence[SkillUser], total: int | None = None) -> Document:
    """The skill's kind, description and aliases; the roles that need it, most first."""
    roles = Records(
        ["id", "title", "importance"],
        [[u.role_id, u.title, str(u.importance)] for u in users],
    )
    from .build import KIND_LABEL  # not on search's path: views.build is large

    intro = [f"Kind: {skill.kind} ({KIND_LABEL.get(skill.kind, skill.kind).lower()})"]
    if skill.description:
        intro.append(skill.description)
    if skill.aliases:
        intro.append("Also called: " + ", ".join(skill.aliases))
    sections = [Section("", intro)]
    if users:
        sections.append(Section(_users_heading(users, total), table=roles))
    else:
        sections.append(Section("Roles that need it", ["No role of this catalog lists it."]))
    return Document(f"{skill.name} ({skill.id})", sections, roles)


def skill_view(skill: Skill, users: Sequence[SkillUser], total: int | None = None) -> View:
    """One skill in detail; ``total``: how many roles need it (``users`` may be the first)."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        return _skill_panel(skill, users, glyphs, total)

    return View(lambda: skill_document(skill, users, total), drawing)


def _skill_panel(
    skill: Skill, users: Sequence[SkillUser], glyphs: Glyphs, total: int | None = None
) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from ..safetext import safe
    from .tables import KIND_STYLE, Fitted, data, id_cell, id_width, importance_bar

    header = Text(overflow="fold")
    header.append(safe(skill.name), style="bold")
    header.append(f"  ({safe(skill.id)})", style="cyan")
    body: list[RenderableType] = []
    kind = Text("Kind: ", style="dim")
    kind.append(safe(skill.kind), style=KIND_STYLE.get(skill.kind, ""))
    body.append(kind)
    if skill.description:
        body.append(data(skill.description))
    if skill.aliases:
        body.append(Text("Also called: " + safe(", ".join(skill.aliases)), style="dim"))
    title = _users_heading(users, total)

    def build(width: int) -> RenderableType:
        # The name and id go on the panel's border where they fit, else above it: never cut.
        on_border = header.cell_len + 6 <= width
        panel = Panel(
            Group(*body),
            title=header if on_border else None,
            title_align="left",
            border_style="blue",
        )
        top: list[RenderableType] = [panel] if on_border else [header, panel]
        if not users:
            return Group(*top, Text("No role of this catalog lists it.", style="dim"))
        idw = id_width((u.role_id for u in users), width)
        if width < idw + 22:  # no room for a table: one role a line, its importance after it
            lines = Text(title, style="bold", overflow="fold")
            for u in users:
                lines.append("\n")
                lines.append(safe(u.role_id), style="cyan")
                lines.append(f" {u.importance}")
            return Group(*top, lines)
        table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold")
        table.add_column("Id", width=idw, overflow="fold")
        with_titles = width >= idw + 40
        if with_titles:
            table.add_column("Role", overflow="fold", min_width=12)
        table.add_column("Importance", no_wrap=True)
        for u in users:
            row: list[RenderableType] = [id_cell(u.role_id)]
            if with_titles:
                row.append(data(u.title))
            row.append(importance_bar(u.importance, glyphs) + Text(f" {u.importance}"))
            table.add_row(*row)
        return Group(*top, table)

    return Fitted(build)
