"""The view of ``jobcli me``: your skills and levels, and where they are stored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..profile import level_text
from .model import Glyphs, Records, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..domain import Skill


def _ordered(levels: Mapping[str, float | None]) -> list[str]:
    """Highest level first, then the skills you have without a level; then as added."""
    order = {sid: i for i, sid in enumerate(levels)}
    return sorted(
        levels,
        key=lambda sid: (levels[sid] is None, -(levels[sid] or 0.0), order[sid]),
    )


def came_from_note(came_from: Sequence[str]) -> str | None:
    """The line naming the jobs your skills were taken from (``me from``), or None."""
    if not came_from:
        return None
    return f"Skills taken from {', '.join(came_from)}: left out of your moves."


def profile_records(
    levels: Mapping[str, float | None],
    skills: Mapping[str, Skill],
    path: str,
    came_from: Sequence[str] = (),
) -> Records:
    rows = [[sid, skills[sid].name, level_text(levels[sid])] for sid in _ordered(levels)]
    note = came_from_note(came_from)
    return Records(["id", "skill", "level"], rows, [*([note] if note else []), f"Stored in {path}"])


def profile_view(
    levels: Mapping[str, float | None],
    skills: Mapping[str, Skill],
    path: str,
    came_from: Sequence[str] = (),
) -> View:
    """Your skills (highest level first): name, level on O*NET's 0-7 scale, id; the jobs
    they were taken from (``came_from``: titles, safe to print), and the file."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(
            box=box.SIMPLE_HEAVY,
            title="Your profile",
            caption=Text(
                " ".join(
                    [
                        "Levels on O*NET's 0-7 scale.",
                        *filter(None, [came_from_note(came_from)]),
                        f"Stored in {path}",
                    ]
                )
            ),
            caption_justify="left",
        )
        table.add_column("Skill", style="bold", overflow="fold")
        table.add_column("Level", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("Id", overflow="fold")
        for sid in _ordered(levels):
            level = levels[sid]
            bar = (
                ""
                if level is None
                else glyphs.full * round(level) + glyphs.empty * (7 - round(level))
            )
            table.add_row(Text(skills[sid].name), level_text(level), bar, Text(sid))
        return table

    return View(lambda: profile_records(levels, skills, path, came_from), drawing)
