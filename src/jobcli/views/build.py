"""Each command's view: its plain form (records or a document) and, lazily, its drawing.

The plain forms are built here without Rich; :mod:`.terminal` draws the same
views with it, imported only when a drawing is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..domain import KINDS, Catalog, Role, RoleLine, sorted_by_importance
from .model import Document, Glyphs, Records, Section, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..analysis import Match, SkillUse
    from ..errors import Problem

KIND_LABEL = {"human": "Human skills", "technical": "Technical skills", "knowledge": "Knowledge"}
HUMAN_EDGE_HEADING = "Why the source expects this role to stay human"
SIMILAR_HEADING = "Other roles most like it (computed: the fit of a move, work and skills)"
NO_SKILLS_ONET = "O*NET has no skill ratings for this occupation."
NO_SKILLS = "This role lists no skills."
NO_OCCUPATION_NOTE = "No matching O*NET occupation, so no research rating of AI exposure."
EXPOSURE_NOTE = (
    "Exposure is not replacement: these ratings estimate how much of the occupation's "
    "tasks AI could speed up, not whether the job goes away."
)
EXPOSURE_MEASURES = (
    "α is the share of the occupation's tasks an AI language model alone could speed up "
    "a lot; β adds half the share that would need software built on such a model, "
    "γ all of it."
)
FULL_CREDIT = "full credit: jobcli validate"
MATCH_SHOWN_NOTE = (
    "The best {shown} of the {total} roles that use any of your skills; -n N or --all shows more."
)


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _skill_name(catalog: Catalog, skill_id: str) -> str:
    return catalog.skill_by_id[skill_id].name


def first_sentence(text: str, limit: int | None = 160) -> str:
    """The first sentence of ``text``, shortened to ``limit`` characters (None: whole)."""
    end = text.find(". ")
    short = text if end < 0 else text[: end + 1]
    if limit is None or len(short) <= limit:
        return short
    return short[: limit - 1].rstrip() + "…"


def no_skills_text(role: Role) -> str:
    return NO_SKILLS_ONET if role.onet_soc_code else NO_SKILLS


def exposure_text(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def credit_line(source: str) -> str:
    """The catalog's credit in one line: what it includes, its licence, "modified" if so."""
    if len(source) <= 160 and "\n" not in source:
        return source
    parts: list[str] = []
    article = re.search(r'article (?:headed )?"([^"]+)"', source)
    if article:
        parts.append(f'role content from the article "{article[1]}"')
    onet = re.search(r"O\*NET(?: ([0-9.]+))? Database", source)
    if onet:
        text = (
            f"includes O*NET {onet[1]} data by USDOL/ETA"
            if onet[1]
            else ("includes O*NET data by USDOL/ETA")
        )
        if "CC BY 4.0" in source:
            text += ", used under CC BY 4.0"
        if "modified" in source:
            text += ", modified by jobcli (not endorsed by USDOL/ETA)"
        parts.append(text)
    if "Bureau of Labor Statistics" in source:
        parts.append("pay and outlook from BLS")
    if "GPTs are GPTs" in source:
        parts.append('AI exposure from Eloundou et al., "GPTs are GPTs" (MIT licence)')
    if not parts:
        return first_sentence(source, 120) + f" ({FULL_CREDIT})"
    line = "; ".join(parts)
    return line[0].upper() + line[1:] + f" ({FULL_CREDIT})."


# list -----------------------------------------------------------------------------------------


#: The figure a list sorted by it shows on a terminal: its column's heading.
FIGURE_HEADING = {
    "exposure": "AI exposure\n(β, human)",
    "pay": "Median pay\n(a year)",
    "growth": "Growth\n(projected)",
    "zone": "Job\nZone",
}


def figure_text(figure: str, line: RoleLine) -> str:
    """A line's figure as a list shows it; "-" when unknown (never 0)."""
    value = getattr(line, figure)
    if value is None:
        return "-"
    if figure == "exposure":
        return exposure_text(value)
    if figure == "pay":
        return dollars(value)
    if figure == "growth":
        return signed_percent(value)
    return str(value)


def dollars(value: int) -> str:
    return f"${value:,}"


def signed_percent(value: float) -> str:
    return f"{value:+.1f}%"


def list_records(lines: Sequence[RoleLine], *, scope: str = "") -> Records:
    """One role a record: id, title, summary, top skills, the same fields whatever the order
    (``jobcli list --sort pay | cut -f1,2`` is still id and title)."""
    rows = [
        [
            line.id,
            line.title,
            first_sentence(line.summary, None),  # a pipe gets it whole
            ", ".join(line.top_skills),
        ]
        for line in lines
    ]
    columns = ["id", "title", "summary", "top skills"]
    return Records(columns, rows, [f"{len(lines)} roles {scope}"] if scope else [])


def list_view(lines: Sequence[RoleLine], *, figure: str | None = None, scope: str = "") -> View:
    """All roles: id, title, a short summary, top skills (on a terminal also the ``figure``
    sorted by); ``scope`` says which roles when not all ("in 15 Computer and Mathematical")."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from .tables import list_table

        return list_table(lines, figure=figure, scope=scope)

    return View(lambda: list_records(lines, scope=scope), drawing)


# show -----------------------------------------------------------------------------------------


def skill_rows(catalog: Catalog, role: Role) -> list[list[str]]:
    """``[kind, id, name, importance]`` by kind, most important first; and the source's
    rating (``importance 4.1, level 4.6/7``) when it rates any of them."""
    from .facts import rating_text

    rows = []
    rated = any(s.rated is not None for s in role.skills)
    ordered = sorted_by_importance(role.skills)
    for kind in KINDS:
        for s in ordered:
            skill = catalog.skill_by_id[s.id]
            if skill.kind == kind:
                row = [kind, skill.id, skill.name, str(s.importance)]
                rows.append([*row, rating_text(s)] if rated else row)
    return rows


def similar_not_related(
    role: Role, similar: Sequence[tuple[Role, float]]
) -> list[tuple[Role, float]]:
    """The computed similar roles, less those the catalog already relates.

    A role without skills has no similar roles, and one without skills is no role's
    similar role (their likeness would rest on words alone).
    """
    if not role.skills:
        return []
    related = set(role.related)
    return [
        (other, score)
        for other, score in similar
        if other.id not in related and other.skills and score > 0
    ]


def show_document(catalog: Catalog, role: Role, similar: Sequence[tuple[Role, float]]) -> Document:
    from .facts import UNRATED, key_fact_sections, technology_sections

    rows = skill_rows(catalog, role)
    rated = ["source's rating"] if rows and len(rows[0]) == 5 else []
    skills = Records(["kind", "id", "skill", "importance", *rated], rows)
    intro = [role.summary]
    if role.aliases:
        intro.append("Also called: " + ", ".join(role.aliases))
    if role.onet_soc_code:
        intro.append(f"O*NET-SOC code: {role.onet_soc_code}")
    sections = [Section("", intro), *key_fact_sections(role)]
    if role.responsibilities:
        sections.append(Section("What the role does", list(role.responsibilities)))
    unrated = [] if role.skills_rated else [UNRATED]
    if role.skills:
        sections.append(Section("Skills, by kind (importance 1-5)", unrated, table=skills))
    else:
        sections.append(Section("Skills", unrated or [no_skills_text(role)]))
    sections.extend(technology_sections(catalog, role))
    if role.human_edge:
        sections.append(Section(HUMAN_EDGE_HEADING, list(role.human_edge)))
    if role.ai_exposure:
        sources = sorted({e.source for e in role.ai_exposure})
        sections.append(
            Section(
                "AI exposure (research ratings, 0-1)",
                [EXPOSURE_NOTE, EXPOSURE_MEASURES, "Source: " + "; ".join(sources)],
                table=Records(
                    ["measure", "value"], [[e.measure, f"{e.value:.2f}"] for e in role.ai_exposure]
                ),
            )
        )
    elif not role.onet_soc_code:
        sections.append(Section("AI exposure (research ratings)", [NO_OCCUPATION_NOTE]))
    if role.related:
        related = [catalog.role_by_id[r] for r in role.related]
        sections.append(Section("Related roles", [f"{r.title} ({r.id})" for r in related]))
    others = similar_not_related(role, similar)
    if others:
        sections.append(
            Section(
                SIMILAR_HEADING,
                table=Records(
                    ["id", "title", "similarity"],
                    [[o.id, o.title, percent(score)] for o, score in others],
                ),
            )
        )
    if catalog.source:
        sections.append(Section("", ["Source: " + credit_line(catalog.source)]))
    return Document(f"{role.title} ({role.id})", sections, skills)


def show_view(catalog: Catalog, role: Role, similar: Sequence[tuple[Role, float]]) -> View:
    """One role in detail."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from .terminal import show_panel

        return show_panel(catalog, role, similar_not_related(role, similar), glyphs)

    return View(lambda: show_document(catalog, role, similar), drawing)


# skills ---------------------------------------------------------------------------------------


def skills_records(catalog: Catalog, usage: Sequence[SkillUse]) -> Records:
    rows = []
    for use in usage:
        skill = catalog.skill_by_id[use.skill_id]
        needed = ", ".join(f"{role_id} ({n})" for role_id, n in use.roles)
        rows.append([skill.id, skill.name, skill.kind, str(len(use.roles)), needed])
    return Records(["id", "skill", "kind", "roles", "needed by (importance 1-5)"], rows)


def skills_view(catalog: Catalog, usage: Sequence[SkillUse]) -> View:
    """Every skill, its kind, and the roles that need it."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from .tables import skills_table

        return skills_table(catalog, usage)

    return View(lambda: skills_records(catalog, usage), drawing)


def matrix_records(catalog: Catalog, usage: Sequence[SkillUse], roles: Sequence[Role]) -> Records:
    """The matrix's filled cells, one a record (skill, role, importance), every role.

    A grid needs its header to be read; a record per cell does not (``grep`` a role).
    """
    titles = {r.id: r.title for r in roles}
    rows = []
    for use in sorted(usage, key=lambda u: (-len(u.roles), u.skill_id)):
        name = _skill_name(catalog, use.skill_id)
        for role_id, importance in use.roles:
            if role_id in titles:
                rows.append([use.skill_id, name, role_id, titles[role_id], str(importance)])
    return Records(["skill id", "skill", "role id", "role", "importance"], rows)


def skills_matrix_view(catalog: Catalog, usage: Sequence[SkillUse], roles: Sequence[Role]) -> View:
    def drawing(glyphs: Glyphs) -> RenderableType:
        from .terminal import skills_matrix

        return skills_matrix(catalog, usage, roles, glyphs)

    return View(lambda: matrix_records(catalog, usage, roles), drawing)


# match and gap --------------------------------------------------------------------------------


def match_records(
    catalog: Catalog, matches: Sequence[Match], wanted: int, total: int | None = None
) -> Records:
    """Rank, id, title, how many of the skills asked about the role uses, coverage,
    what it has and what it misses."""
    total = len(catalog.roles) if total is None else total
    rows = []
    for rank, m in enumerate(matches, start=1):
        missing = ", ".join(f"{_skill_name(catalog, s.id)} ({s.importance})" for s in m.missing)
        have = ", ".join(f"{_skill_name(catalog, s.id)} ({s.importance})" for s in m.have)
        uses = f"{m.uses}/{wanted}"
        exposure = exposure_text(m.role.headline_exposure())
        rows.append(
            [str(rank), m.role.id, m.role.title, uses, percent(m.coverage), have, missing, exposure]
        )
    columns = [
        "rank", "id", "title", "uses", "coverage", "have (importance)", "missing (importance)",
        "AI exposure (β, human raters; not replacement)",
    ]  # fmt: skip
    notes = []
    if len(matches) < total:
        notes.append(MATCH_SHOWN_NOTE.format(shown=len(matches), total=total))
    notes.extend(unrated_notes(m.role for m in matches))
    if any(m.role.ai_exposure for m in matches):
        notes.append(MATCH_EXPOSURE_NOTE)
    # Piped with no header, a bare exposure number could not say that exposure is not
    # replacement: that text stops before it; tsv, csv and markdown, which name it, carry it.
    return Records(columns, rows, notes, text_fields=len(columns) - 1)


MATCH_EXPOSURE_NOTE = (
    "AI exposure: research rating (β, human raters) of tasks AI could speed up; exposure is "
    "not replacement; -: no rating known."
)


def unrated_notes(roles: Iterable[Role]) -> list[str]:
    """A note for each role whose skills the source does not rate (``skills_rated`` false)."""
    from .facts import unrated_note

    notes: dict[str, str] = {}  # one a role, though it be compared with itself
    for r in roles:
        if not r.skills_rated:
            notes.setdefault(r.id, unrated_note(r))
    return list(notes.values())


def match_view(
    catalog: Catalog,
    matches: Sequence[Match],
    given: Sequence[str],
    total: int | None = None,
    wanted: int | None = None,
) -> View:
    """Roles ranked by the skills they use, with what is missing; ``total``: how many
    roles use any of the skills (default: every role of ``catalog``); ``wanted``: how many
    skills were brought (default: those ``given`` by name; a past job's are many)."""
    count = wanted or len(given)

    def drawing(glyphs: Glyphs) -> RenderableType:
        from .tables import match_table

        return match_table(catalog, matches, given, glyphs, total=total, wanted=count)

    return View(lambda: match_records(catalog, matches, count, total), drawing)


# validate -------------------------------------------------------------------------------------


def problems_records(origin: str, problems: Sequence[Problem]) -> Records:
    """Every problem, in the order found: file, location and message."""
    return Records(
        ["file", "location", "problem"],
        [[origin, p.location, p.message] for p in problems],
        when_empty=f"{origin}: valid",
    )


def problems_view(origin: str, problems: Sequence[Problem], source: str | None = None) -> View:
    def drawing(glyphs: Glyphs) -> RenderableType:
        from .terminal import problems_text

        return problems_text(origin, problems, source)

    return View(lambda: problems_records(origin, problems), drawing)
