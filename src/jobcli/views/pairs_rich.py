"""Rich drawings of two roles side by side: ``compare``'s chart and ``gap``'s tables.

Split from :mod:`.terminal` (one role's detail, the matrix, validate's problems).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..domain import Catalog, Role, RoleSkill
from ..safetext import safe
from .build import percent
from .model import Glyphs
from .pairs_plain import gap_groups, gap_verdict, level_text
from .tables import KIND_STYLE, Fitted, _skill_name, data, fraction_bar, importance_bar

if TYPE_CHECKING:
    from ..analysis import Comparison, Gap, SkillInRoles

# compare ------------------------------------------------------------------------------------


def compare_chart(
    catalog: Catalog, comparison: Comparison, a: Role, b: Role, glyphs: Glyphs
) -> Fitted:
    """A butterfly chart where it fits (ids whole above the two sides), else a list."""

    def build(width: int) -> RenderableType:
        names = [_skill_name(catalog, e.id) for e in _compared(comparison, a, b)]
        longest = min(30, max((len(n) for n in names), default=10))
        if width >= max(9, len(a.id)) + max(9, len(b.id)) + max(10, longest) + 8:
            return _noted(_butterfly(catalog, comparison, a, b, glyphs), (a, b))
        return _noted(_compare_list(catalog, comparison, a, b), (a, b))

    return Fitted(build)


def _noted(drawing: RenderableType, roles: Sequence[Role]) -> RenderableType:
    """``drawing`` and, below it, a note for each role whose skills the source does not rate."""
    from .build import unrated_notes

    notes = unrated_notes(roles)
    if not notes:
        return drawing
    return Group(drawing, *(Text(note, style="dim italic") for note in notes))


def _compared(comparison: Comparison, a: Role, b: Role) -> list[SkillInRoles]:
    return [
        *comparison.shared,
        *comparison.only.get(a.id, []),
        *(comparison.only.get(b.id, []) if a.id != b.id else []),
    ]


def _compare_list(catalog: Catalog, comparison: Comparison, a: Role, b: Role) -> Group:
    """The comparison for a narrow screen: one skill a line, the importance in each role."""
    out = Text()
    out.append(safe(a.title), style="bold cyan")
    out.append(f" ({safe(a.id)})", style="cyan")
    out.append(" vs ", style="dim")
    out.append(safe(b.title), style="bold magenta")
    out.append(f" ({safe(b.id)})", style="magenta")
    groups = [("shared", comparison.shared), (f"only {a.id}", comparison.only.get(a.id, []))]
    if a.id != b.id:
        groups.append((f"only {b.id}", comparison.only.get(b.id, [])))
    for n, (label, entries) in enumerate(groups):
        if not entries:
            continue
        out.append(f"\n\n{safe(label)}", style="bold")
        if not n:
            out.append(f" (importance in {safe(a.id)} / {safe(b.id)})", style="dim")
        for e in entries:
            out.append("\n" + safe(_skill_name(catalog, e.id)) + " ")
            if n:  # only in one role: its importance
                out.append(str(sum(e.importance.values())), style="cyan" if n == 1 else "magenta")
            else:
                out.append(str(e.importance[a.id]), style="cyan")
                out.append("/")
                out.append(str(e.importance[b.id]), style="magenta")
    out.append(f"\n\nSkill overlap (Jaccard) {percent(comparison.jaccard)}")
    out.append(f"\nWeighted similarity (cosine) {percent(comparison.weighted)}")
    if comparison.fit is not None:
        out.append(f"\nFit of the move (work and skills) {percent(comparison.fit)}")
    out.overflow = "fold"
    return Group(out)


def _butterfly(catalog: Catalog, comparison: Comparison, a: Role, b: Role, glyphs: Glyphs) -> Group:
    """A butterfly chart: A's importance grows left, B's grows right, shared skills first."""
    title = Text()
    title.append(safe(a.title), style="bold cyan")
    title.append("  vs  ", style="dim")
    title.append(safe(b.title), style="bold magenta")
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    # The id columns are as wide as the ids: an id is never cut.
    table.add_column(
        Text(safe(a.id), style="cyan"), justify="right", no_wrap=True, min_width=max(9, len(a.id))
    )
    table.add_column("Skill", justify="center", min_width=10)
    table.add_column(
        Text(safe(b.id), style="magenta"),
        justify="left",
        no_wrap=True,
        min_width=max(9, len(b.id)),
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
    if comparison.fit is not None:
        summary.add_row(
            "Fit of the move (work and skills)",
            fraction_bar(comparison.fit, glyphs),
            percent(comparison.fit),
        )
    counts = Text(
        f"{len(comparison.shared)} shared, "
        f"{len(comparison.only.get(a.id, []))} only in {safe(a.id)}, "
        f"{len(comparison.only.get(b.id, [])) if a.id != b.id else 0} only in {safe(b.id)}",
        style="dim",
    )
    return Group(title, table, summary, counts)


# gap ----------------------------------------------------------------------------------------


def gap_tables(catalog: Catalog, result: Gap, glyphs: Glyphs) -> Fitted:
    """What FROM brings to TO, what to improve and to learn, and a verdict: tables where
    they fit."""

    def build(width: int) -> RenderableType:
        skills = (*result.transferable, *result.to_improve, *result.to_learn)
        names = [catalog.skill_by_id[s.id].name for s in skills]
        longest = max((len(n) for n in names), default=10)
        roles = (result.source, result.target)
        if width >= longest + 44 + (12 if result.to_improve else 0):
            return _noted(_gap_tables(catalog, result, glyphs), roles)
        return _noted(_gap_list(catalog, result, glyphs), roles)

    return Fitted(build)


def _verdict(result: Gap, glyphs: Glyphs) -> Text:
    out = Text(overflow="fold")
    out.append(safe(result.source.title), style="bold")
    out.append(f" {glyphs.arrow} ")
    out.append(safe(result.target.title), style="bold")
    plain, judgement = gap_verdict(result)
    out.append(f": {plain}")
    out.append(judgement, style="italic")
    for note in result.notes:
        out.append(f"\n{safe(note)}", style="dim")
    return out


def _levels(result: Gap, s: RoleSkill, glyphs: Glyphs) -> str:
    have = result.levels.get(s.id) if result.levels is not None else None
    return f"{level_text(have)} {glyphs.arrow} {level_text(s.level)}"


def _gap_list(catalog: Catalog, result: Gap, glyphs: Glyphs) -> Text:
    """The gap for a narrow screen: one skill a line, its kind and importance."""
    out = _verdict(result, glyphs)
    marks = {"transferable": ("green", glyphs.check), "to learn": ("red", glyphs.cross)}
    for status, title, skills in gap_groups(result):
        style, mark = marks.get(status, ("yellow", glyphs.arrow))
        out.append(f"\n\n{title}", style="bold")
        for s in skills:
            skill = catalog.skill_by_id[s.id]
            out.append(f"\n{mark} ", style=style)
            out.append(safe(skill.name))
            out.append(f" ({skill.kind}) {s.importance}", style="dim")
            if status == "to improve":
                out.append(f", level {_levels(result, s, glyphs)}", style="dim")
        if not skills:
            out.append("\nnone", style="dim")
    return out


def _gap_tables(catalog: Catalog, result: Gap, glyphs: Glyphs) -> Group:
    """What FROM brings to TO, what to improve and to learn, and a verdict."""
    parts: list[RenderableType] = [_verdict(result, glyphs)]
    if result.target.skills:
        parts.append(Padding(fraction_bar(result.coverage, glyphs, width=30), (0, 0, 1, 0)))
    marks = {"transferable": ("green", glyphs.check), "to learn": ("red", glyphs.cross)}
    for status, title, skills in gap_groups(result):
        style, mark = marks.get(status, ("yellow", glyphs.arrow))
        improve = status == "to improve"
        table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold")
        table.add_column("", no_wrap=True)
        table.add_column("Skill")
        table.add_column("Kind", no_wrap=True)
        table.add_column("Importance in target", no_wrap=True)
        if improve:
            table.add_column("Level", no_wrap=True)
        for s in skills:
            skill = catalog.skill_by_id[s.id]
            cells = [
                Text(mark, style=style),
                data(skill.name),
                Text(skill.kind, style=KIND_STYLE.get(skill.kind, "")),
                importance_bar(s.importance, glyphs, style=style) + Text(f" {s.importance}"),
            ]
            if improve:
                cells.append(Text(_levels(result, s, glyphs)))
            table.add_row(*cells)
        if not skills:
            table.add_row("", Text("none", style="dim"), "", "", *([""] if improve else []))
        parts.append(table)
    return Group(*parts)
