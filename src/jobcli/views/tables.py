"""The Rich tables of the table commands (list, skills, match), fitted to the width.

Ids are never cut: the id column is as wide as the longest id (folded only when
the screen is narrower), and the other columns wrap, or drop one by one, said
once below the table. Also the pieces every drawing shares: catalog text as
``Text``, bars, and the column fitting.

Every piece of catalog text enters Rich as ``Text(safe(value))``: never as a
markup string, never with its control characters intact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..domain import Catalog, RoleLine
from ..safetext import safe
from .build import (
    FIGURE_HEADING,
    MATCH_SHOWN_NOTE,
    figure_text,
    first_sentence,
    percent,
    unrated_notes,
)
from .model import Glyphs

if TYPE_CHECKING:  # for annotations only: list need not build analysis' classes
    from ..analysis import Match, SkillUse

KIND_STYLE = {"human": "magenta", "technical": "cyan", "knowledge": "yellow"}


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


def _top_skills(line: RoleLine) -> Text:
    return Text("\n").join(data(name) for name in line.top_skills)


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

    def needed() -> int:  # each column's padding and divider, and the table's two edges
        return sum(c.min_width + per_column for c, k in zip(columns, keep, strict=True) if k) + 2

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
    """The id column's width: the longest id, leaving 40 columns for the others (at least 24).

    Only an id longer than that is folded onto more lines, never cut, so that one very
    long id (O*NET has ids of 99 characters) does not push every other column off the
    screen; columns other than the title drop first.
    """
    longest = max((len(safe(i)) for i in ids), default=2)
    return max(2, min(longest, max(24, width - 40), width - 4))


def id_alone(ids: Iterable[str], cols: Sequence[Col], keep: Sequence[bool], width: int) -> int:
    """The id column's width when no other column of data is left: the whole screen's."""
    others = [k for c, k in zip(cols, keep, strict=True) if c.drop and c.header != "#"]
    if any(others):
        return cols[[c.drop for c in cols].index(0)].min_width
    longest = max((len(safe(i)) for i in ids), default=2)
    return max(2, min(longest, width - 4))


def id_cell(value: str) -> Text:
    return Text(safe(value), style="cyan", overflow="fold")


# list ---------------------------------------------------------------------------------------


def list_table(lines: Sequence[RoleLine], *, figure: str | None = None, scope: str = "") -> Fitted:
    """All roles (or those of ``scope``): id, title, a short summary, top skills; and the
    ``figure`` they are sorted by (exposure, pay, growth, zone)."""
    return Fitted(lambda width: _list_table(lines, figure, width, scope))


def _list_table(
    lines: Sequence[RoleLine], figure: str | None, width: int, scope: str = ""
) -> RenderableType:
    exposure = figure is not None
    heading_of = FIGURE_HEADING.get(figure or "", "")
    idw = id_width((r.id for r in lines), width)
    cols = [Col("Id", idw, 0), Col("Role", 12, 1), Col("Summary", 16, 4), Col("Top skills", 12, 3)]
    if exposure:
        cols.append(Col(heading_of, 11, 2))
    keep = fit(cols, width)
    idw = id_alone((r.id for r in lines), cols, keep, width)
    heading = f"{len(lines)} roles" + (f" {safe(scope)}" if scope else "")
    table = Table(title=heading, box=box.SIMPLE_HEAVY, expand=False)
    table.add_column("Id", width=idw, overflow="fold")
    specs = [
        (1, "Role", {"min_width": 12, "overflow": "fold"}),
        (2, "Summary", {"min_width": 16, "overflow": "fold"}),
        (3, "Top skills", {"min_width": 12, "overflow": "fold"}),
    ]
    for i, header, options in specs:
        if keep[i]:
            table.add_column(header, **options)  # type: ignore[arg-type]
    if exposure and keep[4]:
        table.add_column(heading_of, no_wrap=True, justify="right")
    for line in lines:
        row: list[RenderableType] = [id_cell(line.id)]
        if keep[1]:
            row.append(data(line.title, "bold"))
        if keep[2]:
            row.append(data(first_sentence(line.summary)))
        if keep[3]:
            row.append(_top_skills(line))
        if figure is not None and keep[4]:
            row.append(Text(figure_text(figure, line)))
        table.add_row(*row)
    if figure == "exposure" and keep[4]:
        sources = sorted({r.exposure_source for r in lines if r.exposure_source})
        unrated = any(r.exposure is None for r in lines)
        table.caption = Text(
            "AI exposure: research rating (β, human raters) of how much of the occupation's "
            "tasks AI could speed up; exposure is not replacement. "
            + ("Source: " + safe("; ".join(sources)) + ". " if sources else "")
            + ("-: no rating known for the role." if unrated else ""),
            style="dim",
        )
    elif figure is not None and keep[4]:
        unknown = any(getattr(r, figure) is None for r in lines)
        table.caption = Text(
            _FIGURE_CAPTION[figure]
            + ("; -: not known for the role" if unknown else "")
            + ". jobcli show ROLE gives each figure's period and source.",
            style="dim",
        )
    note = dropped_note(cols, keep)
    return table if note is None else Group(table, note)


_FIGURE_CAPTION = {
    "pay": "Median pay: annual, in US dollars (U.S. Bureau of Labor Statistics)",
    "growth": "Growth: projected change of employment (U.S. Bureau of Labor Statistics)",
    "zone": "Job Zone: O*NET's measure of preparation, 1 (little) to 5 (extensive)",
}


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
    idw = id_alone((u.skill_id for u in usage), cols, keep, width)
    table = Table(title=f"{len(usage)} skills", box=box.SIMPLE_HEAVY)
    table.add_column("Id", width=idw, overflow="fold")
    if keep[1]:
        table.add_column("Skill", ratio=2, min_width=12, overflow="fold")
    if keep[2]:
        table.add_column("Kind", no_wrap=True)
    if keep[3]:
        table.add_column("Roles", justify="right", no_wrap=True)
    if keep[4]:
        table.add_column("Needed by (importance 1-5)", ratio=5, min_width=16, overflow="fold")
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


# match ------------------------------------------------------------------------------------


def match_table(
    catalog: Catalog,
    matches: Sequence[Match],
    given: Sequence[str],
    glyphs: Glyphs,
    *,
    total: int | None = None,
    wanted: int | None = None,
) -> Fitted:
    """Roles ranked by the skills they use, with their ids, and what is missing."""
    shown_of = len(catalog.roles) if total is None else total
    count = wanted or len(given)
    return Fitted(
        lambda width: _match_table(catalog, matches, given, glyphs, width, shown_of, count)
    )


def _match_table(
    catalog: Catalog,
    matches: Sequence[Match],
    given: Sequence[str],
    glyphs: Glyphs,
    width: int,
    total: int,
    wanted: int,
) -> RenderableType:
    exposure = any(m.role.ai_exposure for m in matches)
    idw = id_width((m.role.id for m in matches), width)
    cols = [
        Col("#", len(str(len(matches))), 5),
        Col("Id", idw, 0),
        Col("Role", 16, 2),
        Col("Uses, coverage", 20, 1),
        Col("Missing (importance)", 14, 3),
    ]
    if exposure:
        cols.append(Col("AI exp.", 7, 4))
    keep = fit(cols, width)
    bar = keep[3]
    if not bar:  # too narrow for the bar: the percentage alone
        cols[3] = Col("Uses, coverage", 14, 1)
        keep = fit(cols, width)
    idw = id_alone((m.role.id for m in matches), cols, keep, width)
    table = Table(box=box.SIMPLE_HEAVY)
    if keep[0]:
        table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Id", width=idw, overflow="fold")
    if keep[2]:
        table.add_column("Role", style="bold", min_width=16, overflow="fold")
    if keep[3]:
        table.add_column("Uses, coverage", no_wrap=True)
    if keep[4]:
        table.add_column("Missing (importance)", min_width=14, overflow="fold")
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
        cover = Text(f"{m.uses}/{wanted} ")
        if bar:
            cover.append_text(fraction_bar(m.coverage, glyphs, width=10))
        cover.append(f"{' ' if bar else ''}{percent(m.coverage):>4}")
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
    if len(matches) < total:
        text = MATCH_SHOWN_NOTE.format(shown=len(matches), total=total)
        parts.append(Text(text, style="dim"))
    parts.extend(Text(n, style="dim italic") for n in unrated_notes(m.role for m in matches))
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
