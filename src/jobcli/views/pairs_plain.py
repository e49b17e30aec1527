"""The plain views of two roles: ``compare`` (side by side) and ``gap`` (the move from one
to the other). Their drawings are in :mod:`.pairs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..domain import Catalog, Role, RoleSkill
from .build import _skill_name, no_skills_text, percent, unrated_notes
from .model import Document, Glyphs, Records, Section, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..analysis import Comparison, Gap

# compare --------------------------------------------------------------------------------------


def compare_document(catalog: Catalog, comparison: Comparison, a: Role, b: Role) -> Document:
    groups = [("shared", comparison.shared), (f"only {a.id}", comparison.only.get(a.id, []))]
    if a.id != b.id:
        groups.append((f"only {b.id}", comparison.only.get(b.id, [])))
    records = Records(["group", "id", "skill", a.id, b.id if b.id != a.id else f"{b.id} (again)"])
    sections = []
    for n, (label, entries) in enumerate(groups):
        rows = [
            [
                label,
                e.id,
                _skill_name(catalog, e.id),
                str(e.importance.get(a.id, "")),
                str(e.importance.get(b.id, "")),
            ]
            for e in entries
        ]
        records.rows.extend(rows)
        if rows:
            # In a section of one role's skills, only that role's column.
            keep = [1, 2, 3, 4] if n == 0 else [1, 2, 3] if n == 1 else [1, 2, 4]
            table = Records(
                [records.columns[i] for i in keep], [[row[i] for i in keep] for row in rows]
            )
            sections.append(Section(f"{label} ({len(rows)})", table=table))
    similarity = Records(
        ["measure", "value"],
        [
            ["Skill overlap (Jaccard)", percent(comparison.jaccard)],
            ["Weighted similarity (cosine)", percent(comparison.weighted)],
        ],
    )
    if comparison.fit is not None:
        similarity.rows.append(["Fit of the move (work and skills)", percent(comparison.fit)])
    sections.append(Section("Similarity", table=similarity))
    notes = unrated_notes((a, b))
    if notes:
        sections.append(Section("", notes))
    return Document(f"{a.title} ({a.id}) vs {b.title} ({b.id})", sections, records)


def compare_view(catalog: Catalog, comparison: Comparison, a: Role, b: Role) -> View:
    """Two roles' skills side by side."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from .pairs_rich import compare_chart

        return compare_chart(catalog, comparison, a, b, glyphs)

    return View(lambda: compare_document(catalog, comparison, a, b), drawing)


# gap ---------------------------------------------------------------------------------------------


def level_text(value: float | None) -> str:
    """A level on O*NET's 0-7 scale, or "?" when unknown."""
    return "?" if value is None else f"{value:.1f}"


def gap_groups(result: Gap) -> list[tuple[str, str, Sequence[RoleSkill]]]:
    """(status, heading, skills) of the gap's parts; "to improve" only when levels are known."""
    groups: list[tuple[str, str, Sequence[RoleSkill]]] = [
        ("transferable", "Transferable (you have these)", result.transferable)
    ]
    if result.levels is not None:
        groups.append(
            ("to improve", "To improve (same skill, higher level needed)", result.to_improve)
        )
    groups.append(("to learn", "To learn, most important first", result.to_learn))
    return groups


def gap_document(catalog: Catalog, result: Gap) -> Document:
    columns = ["status", "id", "skill", "kind", "importance"]
    if result.levels is not None:
        columns += ["have", "need"]
    records = Records(columns)
    heading = (
        f"{result.source.title} ({result.source.id}) -> "
        f"{result.target.title} ({result.target.id}): " + "".join(gap_verdict(result))
    )
    sections = [Section("", [heading, *result.notes])]
    for status, title, skills in gap_groups(result):
        rows = []
        for s in skills:
            skill = catalog.skill_by_id[s.id]
            row = [status, skill.id, skill.name, skill.kind, str(s.importance)]
            if result.levels is not None:
                held = result.levels.get(s.id) if s.id in result.levels else None
                have = level_text(held) if s.id in result.levels else ""
                row += [have, level_text(s.level)]
            rows.append(row)
        records.rows.extend(rows)
        if rows:
            # Levels only where they are the point: what to improve.
            keep = len(columns) if status == "to improve" else 5
            table = Records(columns[1:keep], [r[1:keep] for r in rows])
            sections.append(Section(f"{title} ({len(rows)})", table=table))
        else:
            sections.append(Section(title, ["none"]))
    notes = unrated_notes((result.source, result.target))
    if notes:
        sections.append(Section("", notes))
    title = f"{result.source.title} ({result.source.id}) to {result.target.title}"
    return Document(f"{title} ({result.target.id})", sections, records)


def gap_verdict(result: Gap) -> tuple[str, str]:
    """What FROM brings to TO, in words: the plain part and the judgement."""
    if not result.target.skills:
        # Nothing to bring or learn: not "0%, a new career".
        return f"nothing to compare. {no_skills_text(result.target)}", ""
    source = result.source
    unrated = ""
    if not source.skills:
        unrated = (
            f" (O*NET has no skill ratings for {source.title})"
            if source.onet_soc_code
            else f" ({source.title} lists no skills)"
        )
    return (
        f"you bring {percent(result.coverage)} of what the role asks{unrated} ",
        f"({distance(result.coverage)}).",
    )


def distance(coverage: float) -> str:
    if coverage >= 0.999:
        return "you already have every skill it needs"
    if coverage >= 0.75:
        return "a short step"
    if coverage >= 0.5:
        return "a reachable move"
    if coverage >= 0.25:
        return "a long move"
    return "a new career"


def gap_view(catalog: Catalog, result: Gap) -> View:
    def drawing(glyphs: Glyphs) -> RenderableType:
        from .pairs_rich import gap_tables

        return gap_tables(catalog, result, glyphs)

    return View(lambda: gap_document(catalog, result), drawing)
