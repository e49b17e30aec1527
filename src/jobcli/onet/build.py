"""The build step: the readings of a release become a catalog (a plain dict).

Pure: no files, no printing. Output is deterministic: roles sorted by O*NET-SOC
code, each role's skills by importance then id, the skills by id, fixed key order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..names import normalize
from .facts import OccupationFacts, how_widely, role_technologies
from .naming import ascii_key, keys, role_id, singular, technology_aliases, unique_id, unique_titles
from .readers import AlternateTitle, Occupation, Ratings, Task, Technology
from .skills import BY_ELEMENT_ID, slugify

#: At most this many alternate titles become a role's aliases (the most common first).
MAX_ALIASES = 12
#: At most this many task statements become a role's responsibilities (Core first).
MAX_RESPONSIBILITIES = 8
#: At most this many related roles per role.
MAX_RELATED = 10
#: Importance of a technology flagged In Demand (whether hot or not): only these are skills.
IMPORTANCE_IN_DEMAND = 4

#: A role's skill: its 1-5 importance and the source's rating ({"importance", "level"}).
Given = tuple[int, "dict[str, float | None] | None"]


@dataclass
class Readings:
    """Everything read from a release; a file that was absent leaves its part empty."""

    occupations: dict[str, Occupation]
    skills: Ratings | None = None
    knowledge: Ratings | None = None
    technology: dict[str, dict[str, Technology]] = field(default_factory=dict)
    titles: dict[str, list[AlternateTitle]] = field(default_factory=dict)
    title_owners: dict[str, set[str]] = field(default_factory=dict)
    tasks: dict[str, list[Task]] = field(default_factory=dict)
    related: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    exposure: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    facts: OccupationFacts = field(default_factory=OccupationFacts)


@dataclass
class _Vocabulary:
    """The skills of the catalog: id -> (name, kind, description), and who has which."""

    info: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    role_skills: dict[str, dict[str, Given]] = field(default_factory=dict)
    #: id -> (order in which names are given out, the kind said when a name is taken)
    rank: dict[str, tuple[int, str]] = field(default_factory=dict)
    taken: set[str] = field(
        default_factory=lambda: {ascii_key(sid) for sid, _, _ in BY_ELEMENT_ID.values()}
    )

    def give(
        self, code: str, skill_id: str, importance: int, rating: dict[str, float | None] | None
    ) -> None:
        have = self.role_skills.setdefault(code, {})
        before = have.get(skill_id)
        if before is None or _precise((importance, rating)) > _precise(before):
            have[skill_id] = (importance, rating)


def _precise(given: Given) -> tuple[float, float]:
    """A role's skill by the source's precise importance, then level (unrated: its 1-5)."""
    importance, rating = given
    if rating is None:
        return (float(importance), -1.0)
    level = rating.get("level")
    return (rating["importance"] or 0.0, -1.0 if level is None else level)


def build_catalog(
    readings: Readings, *, min_importance: float, source: str, notes: list[str]
) -> dict[str, Any]:
    """The catalog of ``readings``; what had to be left out or renamed goes to ``notes``."""
    vocabulary = _Vocabulary()
    if readings.skills is not None:
        _add_ratings(vocabulary, readings.skills, "skill", min_importance, notes)
    if readings.knowledge is not None:
        _add_ratings(vocabulary, readings.knowledge, "knowledge", min_importance, notes)
    technologies = _add_technology(vocabulary, readings.technology)
    widely = how_widely(readings.technology)
    _unique_names(vocabulary)
    taken = {key for sid, (name, _, _) in vocabulary.info.items() for key in keys(sid) | keys(name)}
    for example, aliases in technology_aliases(sorted(technologies), taken).items():
        vocabulary.aliases[technologies[example]] = aliases
    roles = _roles(readings, vocabulary, widely, notes)
    skills = [
        {
            "id": sid,
            "name": vocabulary.info[sid][0],
            "kind": vocabulary.info[sid][1],
            "description": vocabulary.info[sid][2],
            "aliases": vocabulary.aliases.get(sid, []),
        }
        for sid in sorted({entry["id"] for role in roles for entry in role["skills"]})
    ]
    return {"schema_version": 2, "source": source, "skills": skills, "roles": roles}


def _add_ratings(
    vocabulary: _Vocabulary, ratings: Ratings, what: str, min_importance: float, notes: list[str]
) -> None:
    """O*NET's rated skills or knowledge: importance = IM rounded half up, if IM >= the minimum;
    the rating keeps IM and LV unrounded (LV None when suppressed or absent)."""
    ids = _element_ids(vocabulary, ratings.names, what, notes)
    below = 0
    for key in sorted(ratings.importance):
        value = ratings.importance[key]
        if key in ratings.excluded:
            continue
        if value < min_importance:
            below += 1
            continue
        code, element = key
        rating = {"importance": value, "level": ratings.level.get(key)}
        vocabulary.give(code, ids[element], min(5, max(1, math.floor(value + 0.5))), rating)
    rated = len(set(ratings.importance) | ratings.excluded)
    file_name = "Skills.txt" if what == "skill" else "Knowledge.txt"
    notes.extend(ratings.notes)
    notes.append(
        f"{file_name}: of {rated} rating(s), {len(ratings.excluded)} marked Not Relevant "
        f"or Recommend Suppress and {below} with importance below {min_importance:g} "
        "were left out"
    )


def _element_ids(
    vocabulary: _Vocabulary, names: dict[str, str], what: str, notes: list[str]
) -> dict[str, str]:
    """element id -> skill id, each element's skill entered in the vocabulary."""
    out: dict[str, str] = {}
    strange: list[str] = []
    for element in sorted(names):
        known = BY_ELEMENT_ID.get(element) if what == "skill" else None
        if known is not None:
            skill_id, name, kind = known
            description = f"O*NET skill (element {element})."
            vocabulary.rank[skill_id] = (0, "skill")
        elif what == "skill":
            strange.append(element)
            name = names[element] or f"O*NET skill {element}"
            kind = "technical" if element.startswith("2.B.3.") else "human"
            skill_id = unique_id(slugify(name) or "skill", slugify(element), vocabulary.taken)
            description = f"O*NET skill (element {element})."
            vocabulary.rank[skill_id] = (2, "skill")
        else:
            name = names[element] or f"O*NET knowledge {element}"
            kind = "knowledge"
            skill_id = unique_id(slugify(name) or "knowledge", "knowledge", vocabulary.taken)
            description = f"O*NET knowledge area (element {element})."
            vocabulary.rank[skill_id] = (1, "knowledge")
        description += (
            " A role's importance is O*NET's importance rating (1-5), rounded; its rating "
            "keeps O*NET's importance and level (0-7)."
        )
        vocabulary.info[skill_id] = (name, kind, description)
        out[element] = skill_id
    if strange:
        shown = ", ".join(repr(e) for e in strange[:10]) + (", ..." if len(strange) > 10 else "")
        notes.append(
            f"Skills.txt: {len(strange)} element id(s) not among O*NET's 35 skills were "
            f"read as skills named by their Element Name: {shown}"
        )
    return out


def _add_technology(
    vocabulary: _Vocabulary, technology: dict[str, dict[str, Technology]]
) -> dict[str, str]:
    """Every technology In Demand for an occupation becomes a technical skill of the roles
    it is In Demand for (a Hot Technology only is not: it says nothing of the occupation);
    returns each such technology's skill id."""
    merged: dict[str, Technology] = {}
    for per_role in technology.values():
        for example, tech in per_role.items():
            if not tech.in_demand:
                continue
            into = merged.setdefault(example, Technology(example, set(), False, True))
            into.commodities |= tech.commodities
            into.hot |= tech.hot

    def base_of(example: str) -> str:
        return slugify(example.replace("+", " plus ").replace("#", " sharp ")) or "technology"

    ids: dict[str, str] = {}
    for example in sorted(merged, key=lambda e: (base_of(e), e)):
        ids[example] = unique_id(base_of(example), "tech", vocabulary.taken)
        tech = merged[example]
        flags = "In demand; Hot technology" if tech.hot else "In demand"
        commodities = "; ".join(sorted(tech.commodities)) or "technology"
        description = f"{commodities} (O*NET Technology Skills). {flags}."
        vocabulary.info[ids[example]] = (example, "technical", description)
        vocabulary.rank[ids[example]] = (3, "technology")
    for code, per_role in technology.items():
        for example, tech in per_role.items():
            if tech.in_demand:
                vocabulary.give(code, ids[example], IMPORTANCE_IN_DEMAND, None)
    return ids


def _unique_names(vocabulary: _Vocabulary) -> None:
    """Each skill's name finds that skill: a name that another skill's name or id already
    reads as gets its kind appended ("Mathematics (knowledge)", "Programming
    (technology)"), else its id. O*NET's skills keep their names first, then knowledge
    areas, other elements and technologies, each in id order."""
    ids = {normalize(sid): sid for sid in vocabulary.info}
    # O*NET's skill names are kept for them even when Skills.txt is absent, so that a
    # name means the same skill in every catalog.
    names = {normalize(name): sid for sid, name, _ in BY_ELEMENT_ID.values()}
    for sid in sorted(vocabulary.info, key=lambda sid: (vocabulary.rank[sid][0], sid)):
        name, kind, description = vocabulary.info[sid]
        for candidate in (name, f"{name} ({vocabulary.rank[sid][1]})", f"{name} ({sid})"):
            key = normalize(candidate)
            if names.get(key, sid) == sid and ids.get(key, sid) == sid:
                break
        names[key] = sid
        vocabulary.info[sid] = (candidate, kind, description)


def _roles(
    readings: Readings, vocabulary: _Vocabulary, widely: dict[str, int], notes: list[str]
) -> list[dict[str, Any]]:
    occupations = readings.occupations
    codes = sorted(occupations)
    titles, renamed = unique_titles({code: occupations[code].title for code in codes})
    if renamed:
        notes.append(
            f"Occupation Data.txt: {renamed} occupation title(s) that would not name one "
            "role alone got their O*NET-SOC code appended"
        )
    taken_ids: set[str] = set()
    ids = {code: role_id(titles[code], taken_ids) for code in codes}
    aliases = _role_aliases(readings, titles, ids, notes)
    without = [code for code in codes if not vocabulary.role_skills.get(code)]
    if without:
        shown = ", ".join(without[:5]) + (", ..." if len(without) > 5 else "")
        notes.append(
            f"{len(without)} occupation(s) have no rated skill or knowledge and no In "
            f"Demand technology in these files; they were imported without skills: {shown}"
        )
    rated = {
        code for r in (readings.skills, readings.knowledge) if r is not None for code in r.rated
    }
    unrated = sum(1 for code in codes if code not in rated)
    if unrated:
        notes.append(
            f"{unrated} occupation(s) have no Skills.txt or Knowledge.txt ratings: marked "
            '"skills_rated": false'
        )
    roles: list[dict[str, Any]] = []
    for code in codes:
        occupation = occupations[code]
        given = vocabulary.role_skills.get(code, {})
        order = sorted(given, key=lambda sid: (tuple(-x for x in _precise(given[sid])), sid))
        skills: list[dict[str, Any]] = []
        for sid in order:
            importance, rating = given[sid]
            entry: dict[str, Any] = {"id": sid, "importance": importance}
            if rating is not None:
                entry["rating"] = rating
            skills.append(entry)
        related: list[str] = []
        for _, other in sorted(readings.related.get(code, ())):
            if other != code and ids[other] not in related and len(related) < MAX_RELATED:
                related.append(ids[other])
        role: dict[str, Any] = {
            "id": ids[code],
            "title": titles[code],
            "aliases": aliases[code],
            "summary": occupation.description or occupation.title,
            "responsibilities": _responsibilities(readings.tasks.get(code, [])),
            "skills": skills,
            "human_edge": [],
            "onet_soc_code": code,
            "ai_exposure": readings.exposure.get(code, []),
            "related": related,
        }
        if code not in rated:
            role["skills_rated"] = False
        alternate = _alternate_titles(readings.titles.get(code, []), occupation.title)
        if alternate:
            role["alternate_titles"] = alternate
        if code in readings.technology:
            role["technologies"] = role_technologies(readings.technology[code], widely)
        roles.append(role)
    return roles


def _alternate_titles(titles: list[AlternateTitle], official: str) -> list[str]:
    """Every alternate title of the occupation (``Alternate Title``, not the short forms),
    shared or not, most common first; once each (case-insensitively), never the O*NET
    title itself nor a title that reads as an O*NET-SOC code."""
    seen = {" ".join(official.split()).casefold()}
    out: list[str] = []
    for alt in sorted(titles, key=_commonness):
        key = " ".join(alt.name.split()).casefold()
        if alt.short or key in seen or any(k.isdigit() and len(k) == 8 for k in keys(key)):
            continue
        seen.add(key)
        out.append(alt.name)
    return out


def _responsibilities(tasks: list[Task]) -> list[str]:
    """Core tasks first, then the others, each in file order; no text twice."""
    out: list[str] = []
    seen: set[str] = set()
    for task in sorted(tasks, key=lambda t: not t.core):  # stable: file order kept
        key = " ".join(task.text.split()).casefold()
        if key not in seen and len(out) < MAX_RESPONSIBILITIES:
            seen.add(key)
            out.append(task.text)
    return out


def _role_aliases(
    readings: Readings, titles: dict[str, str], ids: dict[str, str], notes: list[str]
) -> dict[str, list[str]]:
    """code -> aliases: the singular of the title, then the most common alternate titles.

    A name means one role: no alias is another role's id, title, O*NET title, code or
    singular title; an alternate title several occupations list is nobody's alias; one
    that reads as an O*NET-SOC code is dropped.
    """
    owner: dict[str, str] = {}
    for code, title in titles.items():
        for name in (title, readings.occupations[code].title, ids[code], code):
            for key in keys(name):
                owner.setdefault(key, code)
    singulars: dict[str, str] = {}
    claimed: dict[str, set[str]] = {}
    for code in titles:
        form = singular(readings.occupations[code].title)
        if (
            form is not None
            and keys(form)
            and not any(owner.get(k, code) != code for k in keys(form))
        ):
            singulars[code] = form
            for key in keys(form):
                claimed.setdefault(key, set()).add(code)
    for code, form in list(singulars.items()):
        if any(len(claimed[key]) > 1 for key in keys(form)):
            del singulars[code]
        else:
            owner.update(dict.fromkeys(keys(form), code))

    shared = codes_dropped = 0
    out: dict[str, list[str]] = {}
    for code in titles:
        chosen = [singulars[code]] if code in singulars else []
        seen = {key for name in (titles[code], *chosen) for key in keys(name)}
        picked = 0
        for alt in sorted(readings.titles.get(code, []), key=_commonness):
            alt_keys = keys(alt.name)
            if not alt_keys or alt_keys & seen:
                continue
            seen |= alt_keys
            if any(key.isdigit() and len(key) == 8 for key in alt_keys):
                codes_dropped += 1
                continue
            if any(owner.get(key, code) != code for key in alt_keys):
                continue
            if any(len(readings.title_owners.get(key, ())) > 1 for key in alt_keys):
                shared += 1
                continue
            if picked < MAX_ALIASES:
                chosen.append(alt.name)
                picked += 1
        out[code] = chosen
    if shared:
        notes.append(
            f"Alternate Titles.txt: {shared} alternate title(s) shared by several occupations "
            "were not used as aliases"
        )
    if codes_dropped:
        notes.append(
            f"Alternate Titles.txt: {codes_dropped} alternate title(s) that read as an "
            "O*NET-SOC code were not used as aliases"
        )
    return out


def _commonness(alt: AlternateTitle) -> tuple[int, int, int, str, str]:
    """Most sources first; full titles before short ones; then shorter, then alphabetical."""
    return (-alt.sources, alt.short, len(alt.name), alt.name.casefold(), alt.name)
