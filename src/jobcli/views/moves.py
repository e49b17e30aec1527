"""The views of career moves: ``gap`` (with what to improve), ``next`` and ``path``.

Each builds a plain form (records, or a document for pipes) and draws it with Rich;
catalog text enters Rich only as ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..domain import Catalog, Role, RoleSkill
from ..safetext import safe
from .model import Glyphs, Records, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..fit import Fit
    from ..moves import Move


def pct(value: float | None) -> str:
    """A share as a whole percent; "unknown" for None."""
    return "unknown" if value is None else f"{round(value * 100)}%"


def signed(value: float | None, *, percent: bool) -> str:
    """A change with its sign; "unknown" for None."""
    if value is None:
        return "unknown"
    return f"{value * 100:+.0f}%" if percent else f"{value:+.2f}"


def level(value: float | None) -> str:
    """A level on O*NET's 0-7 scale, or "?" when unknown."""
    return "?" if value is None else f"{value:.1f}"


def zone_note(fit: Fit, source: Role, target: Role) -> str | None:
    """What a move up more than one Job Zone means, or None."""
    if not fit.stretch:
        return None
    return (
        f"Much more preparation: Job Zone {source.job_zone()} to {target.job_zone()} "
        f"(the fit counts this)."
    )


def gap_view(
    catalog: Catalog,
    source: Role,
    target: Role,
    fit: Fit,
    have: dict[str, float | None],
    split: tuple[list[RoleSkill], list[RoleSkill], list[RoleSkill]],
) -> View:
    """``gap FROM TO``: the verdict, transferable, to improve (with levels) and to learn."""
    from ..analysis import Gap
    from .pairs_plain import gap_view as pair_gap_view

    transferable, improve, learn = split
    notes = [n for n in (zone_note(fit, source, target),) if n]
    if target.skills:
        what = (
            "what you bring and how much of what you have it uses"
            if fit.work is None and fit.likeness is None
            else "the likeness of the two jobs"
        )
        notes.insert(0, f"The fit of the move ({what}): {pct(fit.value)}.")
    brings = fit.skills if fit.skills is not None else fit.value
    result = Gap(source, target, transferable, learn, brings, improve, have, notes)
    return pair_gap_view(catalog, result)


def next_view(catalog: Catalog, source: Role, moves: Sequence[Move], notes: list[str]) -> View:
    """``next ROLE``: one move a line, best first."""
    columns = ["role", "title", "fit", "pay", "exposure", "zone", "to learn"]
    rows = [
        [
            m.role.id,
            m.role.title,
            pct(m.fit),
            signed(m.pay_change, percent=True),
            signed(m.exposure_change, percent=False),
            "unknown"
            if m.job_zone is None
            else str(m.job_zone) + (" (stretch)" if (m.zone_step or 0) > 1 else ""),
            ", ".join(catalog.skill_by_id[s.id].name for s in m.to_learn),
        ]
        for m in moves
    ]
    records = Records(columns, rows, notes=notes, when_empty="no move passes the filters")
    title = f"Moves from {source.title} ({source.id}), best fit first"
    return _records_view(title, records)


def path_view(
    catalog: Catalog, source: Role, steps: Sequence[tuple[Role, float, list[RoleSkill]]]
) -> View:
    """``path FROM TO``: one step a line."""
    rows = [
        [
            str(n),
            role.id,
            role.title,
            pct(fit),
            ", ".join(catalog.skill_by_id[s.id].name for s in learn),
        ]
        for n, (role, fit, learn) in enumerate(steps, 1)
    ]
    records = Records(["step", "role", "title", "fit", "to learn"], rows)
    target = steps[-1][0] if steps else source
    return _records_view(
        f"From {source.title} ({source.id}) to {target.title} ({target.id})", records
    )


# drawing ----------------------------------------------------------------------------------------


def _records_view(title: str, records: Records) -> View:
    def drawing(glyphs: Glyphs) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        parts: list[RenderableType] = [Text(safe(title), style="bold"), _table(records)]
        parts += [Text(note, style="dim") for note in records.notes]
        if not records.rows:
            parts.append(Text(records.when_empty))
        return Group(*parts)

    return View(lambda: records, drawing)


#: Columns short enough never to wrap.
_NO_WRAP = ("step", "fit", "pay", "exposure", "zone")
#: Below each width its column is left out (the pipe and --format tsv keep them all): the
#: id names the role well enough, and what to learn matters more than the figures.
_LEFT_OUT_BELOW = {"title": 120, "exposure": 72, "zone": 60, "pay": 50}


def _table(records: Records) -> RenderableType:
    from .tables import Fitted

    def build(width: int) -> RenderableType:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        shown = [i for i, c in enumerate(records.columns) if width >= _LEFT_OUT_BELOW.get(c, 0)]
        widths = _widths(records, shown, width)
        table = Table(box=box.SIMPLE_HEAVY, expand=False)
        for i in shown:
            column = records.columns[i]
            # Every width set: Rich lets columns' least widths outgrow the screen and then
            # cuts the last column (what to learn). Folded, never cut: an id is what a
            # person types next.
            table.add_column(
                Text(column), width=widths[i], no_wrap=column in _NO_WRAP, overflow="fold"
            )
        learn = records.columns.index("to learn")
        for row in records.rows:
            # One skill a line: a list to read down, and no name broken across lines.
            table.add_row(
                *(
                    Text("\n".join(safe(name) for name in row[i].split(", ")))
                    if i == learn
                    else Text(safe(row[i]))
                    for i in shown
                )
            )
        return table

    return Fitted(build)


def _widths(records: Records, shown: list[int], width: int) -> dict[int, int]:
    """Each shown column's width in ``width``: the short ones their longest cell; of what
    is left, what to learn gets up to a third (its longest skill name at most, its longest
    word at least), the id
    half the rest (its longest at most, at least 16), the title what remains (its longest
    at most); room to spare goes to the id, then to what to learn."""

    def longest(i: int, split: bool = False) -> int:
        cells = [c for row in records.rows for c in (row[i].split(", ") if split else [row[i]])]
        return max([len(records.columns[i]), *(len(safe(c)) for c in cells)])

    columns = records.columns
    out = {i: longest(i) for i in shown if columns[i] in _NO_WRAP}
    # Two cells of padding a column, a divider between two, and the two edges.
    left = width - sum(out.values()) - 3 * len(shown) - 1
    learn, role = columns.index("to learn"), columns.index("role")
    title = columns.index("title") if columns.index("title") in shown else None
    most = {learn: longest(learn, split=True), role: longest(role)}
    word = max((len(w) for row in records.rows for w in safe(row[learn]).split()), default=8)
    out[learn] = max(8, word, min(most[learn], left // 3))  # no word of a skill broken
    rest = left - out[learn]
    if title is None:
        out[role] = max(4, min(most[role], rest))
    else:
        out[role] = max(4, min(most[role], max(16, rest // 2)))
        out[title] = max(5, min(longest(title), rest - out[role]))
    for i in (role, learn):  # what no column took
        spare = left - sum(out[j] for j in (learn, role, title) if j is not None)
        out[i] += max(0, min(spare, most[i] - out[i]))
    return out
