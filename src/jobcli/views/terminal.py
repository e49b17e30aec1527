"""The Rich drawings of the detail views (show, compare, gap), the skills matrix and
validate: a terminal, ``--format table`` and ``--format svg``. They return
renderables and never print; the table commands' tables are in :mod:`.tables`.

Every piece of catalog text enters Rich as ``Text(safe(value))``: never as a
markup string, never with its control characters intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..domain import KINDS, Catalog, Role, RoleSkill, sorted_by_importance
from ..safetext import safe
from .build import (
    EXPOSURE_MEASURES,
    EXPOSURE_NOTE,
    HUMAN_EDGE_HEADING,
    KIND_LABEL,
    NO_OCCUPATION_NOTE,
    SIMILAR_HEADING,
    credit_line,
    no_skills_text,
    percent,
)
from .facts import (
    TECHNOLOGY_NOTE,
    UNRATED,
    key_fact_sections,
    rating_text,
    technology_sections,
)
from .model import Glyphs
from .tables import KIND_STYLE, Fitted, _skill_name, data, fraction_bar, importance_bar

if TYPE_CHECKING:
    from ..analysis import SkillUse
    from ..errors import Problem

MATRIX_MAX_ROLES = 20


# show ---------------------------------------------------------------------------------------


#: Below this width, show drops its bars (the numbers stay) and lists skills under their kind.
SHOW_NARROW = 60


def show_panel(
    catalog: Catalog, role: Role, similar: Sequence[tuple[Role, float]], glyphs: Glyphs
) -> Fitted:
    """One role in detail; ``similar`` are computed, and none of them is in ``related``."""
    return Fitted(lambda width: _show(catalog, role, similar, glyphs, width))


def _show(
    catalog: Catalog,
    role: Role,
    similar: Sequence[tuple[Role, float]],
    glyphs: Glyphs,
    width: int,
) -> Group:
    narrow = width < SHOW_NARROW
    parts: list[RenderableType] = []
    header = Text(overflow="fold")
    header.append(safe(role.title), style="bold")
    header.append(f"  ({safe(role.id)})", style="cyan")
    # The title and id go on the panel's border where they fit, else above it: never cut.
    on_border = header.cell_len + 6 <= width
    body: list[RenderableType] = [data(role.summary)]
    meta = Text(style="dim")
    if role.aliases:
        meta.append("Also called: " + safe(", ".join(role.aliases)))
    if role.onet_soc_code:
        meta.append(("\n" if meta.plain else "") + f"O*NET-SOC code: {safe(role.onet_soc_code)}")
    if meta.plain:
        body.append(meta)
    if not on_border:
        parts.append(header)
    parts.append(
        Panel(
            Group(*body),
            title=header if on_border else None,
            title_align="left",
            border_style="blue",
        )
    )

    for section in key_fact_sections(role):
        parts.append(_heading(section.heading))
        parts.append(_fact_lines(section.lines, glyphs))

    if role.responsibilities:
        parts.append(_heading("What the role does"))
        parts.append(_bullets(role.responsibilities, glyphs))

    if role.skills:
        parts.append(_heading("Skills, by kind (importance 1-5)"))
        if not role.skills_rated:
            parts.append(Padding(Text(UNRATED, style="italic"), (0, 2)))
        parts.append(_skills_by_kind(catalog, role.skills, glyphs, narrow=narrow))
    else:
        parts.append(_heading("Skills"))
        parts.append(
            Padding(Text(UNRATED if not role.skills_rated else no_skills_text(role)), (0, 2))
        )

    for section in technology_sections(catalog, role):
        parts.append(_heading(section.heading))
        parts.append(_fact_lines(section.lines, glyphs))

    if role.human_edge:
        parts.append(_heading(HUMAN_EDGE_HEADING))
        parts.append(_bullets(role.human_edge, glyphs))

    if role.ai_exposure:
        parts.append(_heading("AI exposure (research ratings, 0-1)"))
        parts.append(_exposure_table(role, glyphs, narrow=narrow))
        parts.append(Padding(Text(EXPOSURE_NOTE, style="dim italic"), (0, 2)))
        parts.append(Padding(Text(EXPOSURE_MEASURES, style="dim"), (0, 2)))
    elif not role.onet_soc_code:
        parts.append(_heading("AI exposure (research ratings)"))
        parts.append(Padding(Text(NO_OCCUPATION_NOTE, style="dim italic"), (0, 2)))

    if role.related:
        parts.append(_heading("Related roles"))
        parts.append(_related(catalog, role.related, glyphs))
    if similar:
        parts.append(_heading(SIMILAR_HEADING))
        parts.append(_similar(similar, glyphs))

    if catalog.source:
        parts.append(Text("\nSource: " + safe(credit_line(catalog.source)), style="dim"))
    return Group(*parts)


def _fact_lines(lines: Sequence[str], glyphs: Glyphs) -> Padding:
    """A section of facts: one a line, sources and notes dimmed."""
    out = Text(overflow="fold")
    for line in lines:
        if out.plain:
            out.append("\n")
        dim = line.startswith("Source: ") or line in (TECHNOLOGY_NOTE,)
        out.append(safe(line), style="dim" if dim else "")
    return Padding(out, (0, 2))


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def _bullets(items: Iterable[str], glyphs: Glyphs) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(Text(glyphs.bullet, style="blue"), data(item))
    return Padding(grid, (0, 2))


def _skills_by_kind(
    catalog: Catalog, skills: Sequence[RoleSkill], glyphs: Glyphs, *, narrow: bool = False
) -> Padding:
    if narrow:  # each kind a line of its own, its skills below it, no bars
        lines = Text(overflow="fold")
        for kind in KINDS:
            in_kind = [
                s for s in sorted_by_importance(skills) if catalog.skill_by_id[s.id].kind == kind
            ]
            if in_kind:
                lines.append(("\n" if lines.plain else "") + KIND_LABEL[kind], KIND_STYLE[kind])
            for s in in_kind:
                lines.append(f"\n  {safe(_skill_name(catalog, s.id))} ")
                lines.append(str(s.importance), style=KIND_STYLE[kind])
                if s.rated is not None:
                    lines.append(f" ({rating_text(s)})", style="dim")
        return Padding(lines, (0, 2))
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("skill", overflow="fold")
    table.add_column("bar", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    rated = any(s.rated is not None for s in skills)
    if rated:
        table.add_column("rating", no_wrap=True, style="dim")
    for kind in KINDS:
        in_kind = [
            s for s in sorted_by_importance(skills) if catalog.skill_by_id[s.id].kind == kind
        ]
        for i, s in enumerate(in_kind):
            label = Text(KIND_LABEL[kind] if i == 0 else "", style=KIND_STYLE[kind])
            table.add_row(
                label,
                data(_skill_name(catalog, s.id)),
                importance_bar(s.importance, glyphs, style=KIND_STYLE[kind]),
                Text(str(s.importance)),
                *([Text(rating_text(s))] if rated else []),
            )
    return Padding(table, (0, 2))


def _exposure_table(role: Role, glyphs: Glyphs, *, narrow: bool = False) -> Padding:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("measure", overflow="fold")
    if not narrow:
        table.add_column("bar", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    for e in role.ai_exposure:
        bar = [] if narrow else [fraction_bar(e.value, glyphs, style="red")]
        table.add_row(data(e.measure), *bar, Text(f"{e.value:.2f}"))
    sources = sorted({e.source for e in role.ai_exposure})
    note = Text("Source: " + safe("; ".join(sources)), style="dim")
    return Padding(Group(table, note), (0, 2))


def _related(catalog: Catalog, related: Sequence[str], glyphs: Glyphs) -> Padding:
    lines = Text()
    for related_id in related:
        other = catalog.role_by_id[related_id]
        if lines.plain:
            lines.append("\n")
        lines.append(f"{glyphs.arrow} ", style="blue")
        lines.append(safe(other.title))
        lines.append(f"  ({safe(other.id)})", style="cyan")
    return Padding(lines, (0, 2))


def _similar(similar: Sequence[tuple[Role, float]], glyphs: Glyphs) -> Padding:
    lines = Text()
    for other, score in similar:
        if lines.plain:
            lines.append("\n")
        lines.append(f"{glyphs.arrow} ", style="blue")
        lines.append(safe(other.title))
        lines.append(f"  ({safe(other.id)})", style="cyan")
        lines.append(f"  fit {percent(score)}", style="dim")
    return Padding(lines, (0, 2))


# skills matrix ------------------------------------------------------------------------------


def skills_matrix(
    catalog: Catalog, usage: Sequence[SkillUse], roles: Sequence[Role], glyphs: Glyphs
) -> Fitted:
    """Skills (rows, most shared first) × roles (columns): importance as a digit in a cell.

    At most :data:`MATRIX_MAX_ROLES` columns, and as many as the width holds.
    """
    return Fitted(lambda width: _matrix(catalog, usage, roles, glyphs, width))


def _matrix(
    catalog: Catalog,
    usage: Sequence[SkillUse],
    roles: Sequence[Role],
    glyphs: Glyphs,
    width: int,
) -> Group:
    names = [_skill_name(catalog, u.skill_id) for u in usage]
    skill_width = max(6, min(24, max((len(n) for n in names), default=5), width - 14))
    # Each role column is 3 cells; "Roles" 5, the edges and a margin 4.
    fits = max(1, (width - skill_width - 9) // 3)
    shown = roles[: min(MATRIX_MAX_ROLES, fits)]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False)
    table.add_column("Skill", overflow="fold", min_width=skill_width, max_width=32)
    for i, _ in enumerate(shown):
        table.add_column(str(i + 1), justify="center", no_wrap=True, min_width=3)
    table.add_column("Roles", justify="right", no_wrap=True)
    shades = {
        5: "bold white on green",
        4: "black on green",
        3: "black on yellow",
        2: "dim",
        1: "dim",
    }
    for use in sorted(usage, key=lambda u: (-len(u.roles), u.skill_id)):
        by_role = dict(use.roles)
        cells: list[RenderableType] = [data(_skill_name(catalog, use.skill_id))]
        for role in shown:
            value = by_role.get(role.id)
            cells.append(
                Text(f" {value} ", style=shades[value])
                if value
                else Text(f" {glyphs.dot} ", style="dim")
            )
        cells.append(Text(str(len(use.roles))))
        table.add_row(*cells)
    # One role a line: a title is never broken across lines, whatever the width.
    legend = Table.grid(padding=(0, 1))
    legend.add_column(justify="right", no_wrap=True, style="bold")
    legend.add_column()
    for i, role in enumerate(shown):
        name = data(role.title)
        name.append(f"  ({safe(role.id)})", style="cyan")
        legend.add_row(str(i + 1), name)
    notes = "Cells show the importance (1-5) of the skill in the role; Roles counts every role."
    if len(roles) > len(shown):
        why = " at this width" if len(shown) < min(MATRIX_MAX_ROLES, len(roles)) else ""
        notes += (
            f" Showing the first {len(shown)} of {len(roles)} roles{why}; "
            "--format tsv or --json lists them all."
        )
    return Group(table, legend, Text(notes, style="dim"))


# validate -----------------------------------------------------------------------------------


def problems_text(origin: str, problems: Sequence[Problem], source: str | None = None) -> Text:
    """The problems of a catalog, one a line, in file order; a valid one's full credit."""
    out = Text()
    if not problems:
        out.append(f"{safe(origin)}: valid", style="green")
        if source:
            out.append("\nSource: " + safe(source), style="dim")
        return out
    out.append(
        f"{safe(origin)}: {len(problems)} problem{'s' if len(problems) != 1 else ''}",
        style="bold red",
    )
    for p in problems:
        out.append("\n  ")
        if p.location:
            out.append(safe(p.location), style="cyan")
            out.append(": ")
        out.append(safe(p.message))
    return out
