"""The Rich drawings, one per command: a terminal, ``--format table`` and ``--format svg``.

They return renderables and never print.

Every piece of catalog text enters Rich as ``Text(safe(value))``: never as a
markup string, never with its control characters intact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
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
    MATCH_SHOWN_NOTE,
    NO_OCCUPATION_NOTE,
    SIMILAR_HEADING,
    credit_line,
    distance,
    first_sentence,
    no_skills_text,
    percent,
)
from .model import Glyphs

if TYPE_CHECKING:  # for annotations only: list and show need not build analysis' classes
    from ..analysis import Comparison, Gap, Match, SkillInRoles, SkillUse
    from ..errors import Problem

KIND_STYLE = {"human": "magenta", "technical": "cyan", "knowledge": "yellow"}
MATRIX_MAX_ROLES = 20


def data(value: str, style: str = "") -> Text:
    """Catalog text as a Rich ``Text``: printed literally and harmlessly."""
    return Text(safe(value), style=style)


def importance_bar(value: int, glyphs: Glyphs, *, width: int = 5, style: str = "green") -> Text:
    """``█████`` for 5 of 5, ``██░░░`` for 2."""
    bar = Text(glyphs.full * value, style=style)
    bar.append(glyphs.empty * (width - value), style="dim")
    return bar


def fraction_bar(value: float, glyphs: Glyphs, *, width: int = 20, style: str = "green") -> Text:
    """A bar ``width`` cells long, filled in proportion to ``value`` in [0, 1]."""
    filled = round(max(0.0, min(1.0, value)) * width)
    bar = Text(glyphs.full * filled, style=style)
    bar.append(glyphs.empty * (width - filled), style="dim")
    return bar


def _skill_name(catalog: Catalog, skill_id: str) -> str:
    return catalog.skill_by_id[skill_id].name


def _top_skills(catalog: Catalog, role: Role, n: int = 3) -> Text:
    names = [_skill_name(catalog, s.id) for s in sorted_by_importance(role.skills)[:n]]
    return Text("\n").join(data(name) for name in names)


# fitting a table to the width ---------------------------------------------------------------


class Fitted:
    """A renderable built for the width it is given: ``build(width)`` at render time."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        yield self.build(options.max_width)


class Col(NamedTuple):
    """A column: its header, the least width it can live with, and when it goes.

    ``drop`` 0: never (the id); otherwise the highest goes first when the width is short.
    """

    header: str
    min_width: int
    drop: int = 1


def fit(columns: Sequence[Col], width: int, *, per_column: int = 3) -> list[bool]:
    """Which columns fit in ``width``: the highest ``drop`` goes first, the id never."""
    keep = [True] * len(columns)
    order = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)

    def needed() -> int:
        return sum(c.min_width + per_column for c, k in zip(columns, keep, strict=True) if k)

    for i in order:
        if needed() <= width:
            break
        keep[i] = False
    return keep


def dropped_note(columns: Sequence[Col], keep: Sequence[bool]) -> Text | None:
    """One sentence naming the columns left out, or None."""
    gone = [c.header.replace("\n", " ") for c, k in zip(columns, keep, strict=True) if not k]
    if not gone:
        return None
    names = gone[0] if len(gone) == 1 else ", ".join(gone[:-1]) + " and " + gone[-1]
    what = "column" if len(gone) == 1 else "columns"
    return Text(
        f"{names} {what} left out at this width; a wider window or --format tsv shows them.",
        style="dim",
    )


def id_width(ids: Iterable[str], width: int) -> int:
    """The id column's width: the longest id, unless the screen is narrower (then folded)."""
    longest = max((len(safe(i)) for i in ids), default=2)
    return max(2, min(longest, width - 4))


def id_cell(value: str) -> Text:
    return Text(safe(value), style="cyan", overflow="fold")


# list ---------------------------------------------------------------------------------------


def list_table(catalog: Catalog, roles: Sequence[Role], *, exposure: bool = False) -> Fitted:
    """All roles: id, title, a short summary, top skills."""
    return Fitted(lambda width: _list_table(catalog, roles, exposure, width))


def _list_table(
    catalog: Catalog, roles: Sequence[Role], exposure: bool, width: int
) -> RenderableType:
    idw = id_width((r.id for r in roles), width)
    cols = [Col("Id", idw, 0), Col("Role", 12, 1), Col("Summary", 16, 4), Col("Top skills", 12, 3)]
    if exposure:
        cols.append(Col("AI exposure\n(β, human)", 11, 2))
    keep = fit(cols, width)
    table = Table(title=f"{len(roles)} roles", box=box.SIMPLE_HEAVY, expand=False)
    table.add_column("Id", min_width=idw, overflow="fold")
    specs = [
        (1, "Role", {"ratio": 2, "min_width": 12}),
        (2, "Summary", {"ratio": 4, "min_width": 16}),
        (3, "Top skills", {"ratio": 2, "min_width": 12}),
    ]
    for i, header, options in specs:
        if keep[i]:
            table.add_column(header, **options)  # type: ignore[arg-type]
    if exposure and keep[4]:
        table.add_column("AI exposure\n(β, human)", no_wrap=True, justify="right")
    for role in roles:
        row: list[RenderableType] = [id_cell(role.id)]
        if keep[1]:
            row.append(data(role.title, "bold"))
        if keep[2]:
            row.append(data(first_sentence(role.summary)))
        if keep[3]:
            row.append(_top_skills(catalog, role))
        if exposure and keep[4]:
            value = role.headline_exposure()
            row.append(Text(f"{value:.2f}" if value is not None else "-"))
        table.add_row(*row)
    if exposure and keep[4]:
        sources = sorted({e.source for r in roles for e in r.ai_exposure})
        table.caption = Text(
            "AI exposure: research rating (β, human raters) of how much of the occupation's "
            "tasks AI could speed up; exposure is not replacement. "
            + ("Source: " + safe("; ".join(sources)) + ". " if sources else "")
            + ("-: no rating known for the role." if any(not r.ai_exposure for r in roles) else ""),
            style="dim",
        )
    note = dropped_note(cols, keep)
    return table if note is None else Group(table, note)


# show ---------------------------------------------------------------------------------------


def show_panel(
    catalog: Catalog, role: Role, similar: Sequence[tuple[Role, float]], glyphs: Glyphs
) -> Group:
    """One role in detail; ``similar`` are computed, and none of them is in ``related``."""
    parts: list[RenderableType] = []
    header = Text()
    header.append(safe(role.title), style="bold")
    header.append(f"  ({safe(role.id)})", style="cyan")
    body: list[RenderableType] = [data(role.summary)]
    meta = Text(style="dim")
    if role.aliases:
        meta.append("Also called: " + safe(", ".join(role.aliases)))
    if role.onet_soc_code:
        meta.append(("\n" if meta.plain else "") + f"O*NET-SOC code: {safe(role.onet_soc_code)}")
    if meta.plain:
        body.append(meta)
    parts.append(Panel(Group(*body), title=header, title_align="left", border_style="blue"))

    if role.responsibilities:
        parts.append(_heading("What the role does"))
        parts.append(_bullets(role.responsibilities, glyphs))

    if role.skills:
        parts.append(_heading("Skills, by kind (importance 1-5)"))
        parts.append(_skills_by_kind(catalog, role.skills, glyphs))
    else:
        parts.append(_heading("Skills"))
        parts.append(Padding(Text(no_skills_text(role)), (0, 2)))

    if role.human_edge:
        parts.append(_heading(HUMAN_EDGE_HEADING))
        parts.append(_bullets(role.human_edge, glyphs))

    if role.ai_exposure:
        parts.append(_heading("AI exposure (research ratings, 0-1)"))
        parts.append(_exposure_table(role, glyphs))
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


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def _bullets(items: Iterable[str], glyphs: Glyphs) -> Padding:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row(Text(glyphs.bullet, style="blue"), data(item))
    return Padding(grid, (0, 2))


def _skills_by_kind(catalog: Catalog, skills: Sequence[RoleSkill], glyphs: Glyphs) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("skill")
    table.add_column("bar", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
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
            )
    return Padding(table, (0, 2))  # type: ignore[return-value]


def _exposure_table(role: Role, glyphs: Glyphs) -> Padding:
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("measure")
    table.add_column("bar", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    for e in role.ai_exposure:
        table.add_row(
            data(e.measure), fraction_bar(e.value, glyphs, style="red"), Text(f"{e.value:.2f}")
        )
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
        lines.append(f"  {percent(score)} similar", style="dim")
    return Padding(lines, (0, 2))


# compare ------------------------------------------------------------------------------------


def compare_chart(
    catalog: Catalog, comparison: Comparison, a: Role, b: Role, glyphs: Glyphs
) -> Group:
    """A butterfly chart: A's importance grows left, B's grows right, shared skills first."""
    title = Text()
    title.append(safe(a.title), style="bold cyan")
    title.append("  vs  ", style="dim")
    title.append(safe(b.title), style="bold magenta")
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column(
        Text(safe(a.id), style="cyan"), justify="right", no_wrap=True, min_width=9, max_width=22
    )
    table.add_column("Skill", justify="center", min_width=10)
    table.add_column(
        Text(safe(b.id), style="magenta"), justify="left", no_wrap=True, min_width=9, max_width=22
    )

    def left(entry: SkillInRoles) -> Text:
        value = entry.importance.get(a.id, 0)
        return Text(f"{value} ") + Text(glyphs.full * value, style="cyan") if value else Text("")

    def right(entry: SkillInRoles) -> Text:
        value = entry.importance.get(b.id, 0)
        return Text(glyphs.full * value, style="magenta") + Text(f" {value}") if value else Text("")

    sections = [
        ("shared", comparison.shared),
        (f"only {a.id}", comparison.only.get(a.id, [])),
    ]
    if a.id != b.id:
        sections.append((f"only {b.id}", comparison.only.get(b.id, [])))
    for n, (label, entries) in enumerate(sections):
        if not entries:
            continue
        table.add_row("", Text(safe(label), style="bold dim"), "", end_section=False)
        for i, entry in enumerate(entries):
            table.add_row(
                left(entry),
                data(_skill_name(catalog, entry.id)),
                right(entry),
                end_section=(i == len(entries) - 1 and n < len(sections) - 1),
            )
    summary = Table(box=None, show_header=False, padding=(0, 1))
    summary.add_column("what")
    summary.add_column("bar", no_wrap=True)
    summary.add_column("value", justify="right")
    summary.add_row(
        "Skill overlap (Jaccard)",
        fraction_bar(comparison.jaccard, glyphs),
        percent(comparison.jaccard),
    )
    summary.add_row(
        "Weighted similarity (cosine)",
        fraction_bar(comparison.weighted, glyphs),
        percent(comparison.weighted),
    )
    counts = Text(
        f"{len(comparison.shared)} shared, "
        f"{len(comparison.only.get(a.id, []))} only in {safe(a.id)}, "
        f"{len(comparison.only.get(b.id, [])) if a.id != b.id else 0} only in {safe(b.id)}",
        style="dim",
    )
    return Group(title, table, summary, counts)


# skills -------------------------------------------------------------------------------------


def skills_table(catalog: Catalog, usage: Sequence[SkillUse]) -> Fitted:
    """Every skill, its kind, and the roles that need it (importance after each)."""
    return Fitted(lambda width: _skills_table(catalog, usage, width))


def _skills_table(catalog: Catalog, usage: Sequence[SkillUse], width: int) -> RenderableType:
    idw = id_width((u.skill_id for u in usage), width)
    cols = [
        Col("Id", idw, 0),
        Col("Skill", 12, 2),
        Col("Kind", 9, 3),
        Col("Roles", 5, 4),
        Col("Needed by (importance 1-5)", 16, 1),
    ]
    keep = fit(cols, width)
    table = Table(title=f"{len(usage)} skills", box=box.SIMPLE_HEAVY)
    table.add_column("Id", min_width=idw, overflow="fold")
    if keep[1]:
        table.add_column("Skill", ratio=2, min_width=12)
    if keep[2]:
        table.add_column("Kind", no_wrap=True)
    if keep[3]:
        table.add_column("Roles", justify="right", no_wrap=True)
    if keep[4]:
        table.add_column("Needed by (importance 1-5)", ratio=5, min_width=16)
    for use in usage:
        skill = catalog.skill_by_id[use.skill_id]
        needed = Text()
        for i, (role_id, importance) in enumerate(use.roles):
            if i:
                needed.append(", ")
            needed.append(safe(role_id))
            needed.append(f"({importance})", style="dim")  # no space: never wrapped apart
        row: list[RenderableType] = [id_cell(skill.id)]
        if keep[1]:
            row.append(data(skill.name, "bold"))
        if keep[2]:
            row.append(Text(skill.kind, style=KIND_STYLE.get(skill.kind, "")))
        if keep[3]:
            row.append(Text(str(len(use.roles))))
        if keep[4]:
            row.append(needed)
        table.add_row(*row)
    note = dropped_note(cols, keep)
    return table if note is None else Group(table, note)


def skills_matrix(
    catalog: Catalog, usage: Sequence[SkillUse], roles: Sequence[Role], glyphs: Glyphs
) -> Group:
    """Skills (rows, most shared first) × roles (columns): importance as a digit in a cell.

    At most :data:`MATRIX_MAX_ROLES` columns: a thousand would help nobody.
    """
    shown = roles[:MATRIX_MAX_ROLES]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 0), pad_edge=False)
    table.add_column("Skill", no_wrap=True, overflow="ellipsis", max_width=32)
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
        notes += f" Showing the first {len(shown)} of {len(roles)} roles; --json lists them all."
    return Group(table, legend, Text(notes, style="dim"))


# match and gap ------------------------------------------------------------------------------


def match_table(
    catalog: Catalog, matches: Sequence[Match], given: Sequence[str], glyphs: Glyphs
) -> Fitted:
    """Roles ranked by coverage, with their ids, and what is missing."""
    return Fitted(lambda width: _match_table(catalog, matches, given, glyphs, width))


def _match_table(
    catalog: Catalog, matches: Sequence[Match], given: Sequence[str], glyphs: Glyphs, width: int
) -> RenderableType:
    exposure = any(m.role.ai_exposure for m in matches)
    idw = id_width((m.role.id for m in matches), width)
    cols = [
        Col("#", len(str(len(matches))), 5),
        Col("Id", idw, 0),
        Col("Role", 12, 2),
        Col("Coverage", 17, 1),
        Col("Missing, most important first", 14, 4),
    ]
    if exposure:
        cols.append(Col("AI exp.", 7, 3))
    keep = fit(cols, width)
    table = Table(box=box.SIMPLE_HEAVY)
    if keep[0]:
        table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Id", min_width=idw, overflow="fold")
    if keep[2]:
        table.add_column("Role", style="bold", ratio=2, min_width=12)
    if keep[3]:
        table.add_column("Coverage", no_wrap=True)
    if keep[4]:
        table.add_column("Missing, most important first", ratio=3, min_width=14)
    if exposure and keep[5]:
        table.add_column("AI exp.", justify="right", no_wrap=True)
    for rank, m in enumerate(matches, start=1):
        missing = Text()
        for i, s in enumerate(m.missing[:3]):
            if i:
                missing.append(", ")
            missing.append(safe(_skill_name(catalog, s.id)))
            missing.append(f" ({s.importance})", style="dim")
        if len(m.missing) > 3:
            missing.append(f", +{len(m.missing) - 3} more", style="dim")
        if not m.missing:
            missing.append(f"{glyphs.check} nothing", style="green")
        cover = fraction_bar(m.coverage, glyphs, width=12)
        cover.append(f" {percent(m.coverage):>4}")
        row: list[RenderableType] = [str(rank)] if keep[0] else []
        row.append(id_cell(m.role.id))
        if keep[2]:
            row.append(data(m.role.title))
        if keep[3]:
            row.append(cover)
        if keep[4]:
            row.append(missing)
        if exposure and keep[5]:
            value = m.role.headline_exposure()
            row.append(f"{value:.2f}" if value is not None else "-")
        table.add_row(*row)
    names = Text("Your skills: ", style="dim")
    names.append(safe(", ".join(given)))
    parts: list[RenderableType] = [names, table]
    note = dropped_note(cols, keep)
    if note is not None:
        parts.append(note)
    if len(matches) < len(catalog.roles):
        text = MATCH_SHOWN_NOTE.format(shown=len(matches), total=len(catalog.roles))
        parts.append(Text(text, style="dim"))
    if exposure and keep[5]:
        parts.append(
            Text(
                "AI exp.: research rating (β, human raters) of tasks AI could speed up; "
                + "exposure is not replacement. Source: "
                + safe("; ".join(sorted({e.source for m in matches for e in m.role.ai_exposure})))
                + ".",
                style="dim",
            )
        )
    return Group(*parts)


def gap_tables(catalog: Catalog, result: Gap, glyphs: Glyphs) -> Group:
    """What FROM brings to TO, what to learn, and a verdict."""
    verdict = Text()
    verdict.append(safe(result.source.title), style="bold")
    verdict.append(f" {glyphs.arrow} ")
    verdict.append(safe(result.target.title), style="bold")
    verdict.append(f": you bring {percent(result.coverage)} of what the role asks ")
    verdict.append(f"({distance(result.coverage)}).", style="italic")
    parts: list[RenderableType] = [
        verdict,
        Padding(fraction_bar(result.coverage, glyphs, width=30), (0, 0, 1, 0)),
    ]
    for title, skills, style, mark in (
        ("Transferable (you have these)", result.transferable, "green", glyphs.check),
        ("To learn, most important first", result.to_learn, "red", glyphs.cross),
    ):
        table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold")
        table.add_column("", no_wrap=True)
        table.add_column("Skill")
        table.add_column("Kind", no_wrap=True)
        table.add_column("Importance in target", no_wrap=True)
        for s in skills:
            skill = catalog.skill_by_id[s.id]
            table.add_row(
                Text(mark, style=style),
                data(skill.name),
                Text(skill.kind, style=KIND_STYLE.get(skill.kind, "")),
                importance_bar(s.importance, glyphs, style=style) + Text(f" {s.importance}"),
            )
        if not skills:
            table.add_row("", Text("none", style="dim"), "", "")
        parts.append(table)
    return Group(*parts)


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
