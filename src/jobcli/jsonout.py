"""JSON output: plain dicts in the contract's shapes, and their one serialisation.

Shares nothing with the Rich views. Keys are stable: adding one is allowed,
renaming or removing one is a breaking change (see the contract).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # names for annotations only: show --json need not build analysis' classes
    from .analysis import Comparison, Gap, Match, SkillInRoles, SkillUse
    from .domain import Catalog, Role, RoleSkill
    from .errors import Problem


def dumps(document: Any, *, ascii_only: bool = False, pretty: bool = False) -> str:
    """One JSON document and a newline: indented for a person, compact for a program.

    Compact output stays in the standard library's C encoder; ``indent`` would switch
    it to pure Python, three times slower on ``match --json`` over 2,000 roles.
    """
    if pretty:
        return json.dumps(document, ensure_ascii=ascii_only, indent=2) + "\n"
    return json.dumps(document, ensure_ascii=ascii_only, separators=(",", ":")) + "\n"


def skill_entry(catalog: Catalog, role_skill: RoleSkill | SkillInRoles) -> dict[str, Any]:
    """``{"id", "name", "kind", "importance"}`` for a skill as a role needs it.

    In a comparison ``importance`` is the skill's importance in each role that has it.
    """
    skill = catalog.skill_by_id[role_skill.id]
    entry: dict[str, Any] = {
        "id": skill.id,
        "name": skill.name,
        "kind": skill.kind,
        "importance": role_skill.importance,
    }
    rated = getattr(role_skill, "rated", None)
    if rated is not None:
        entry["rating"] = {"importance": rated, "level": getattr(role_skill, "level", None)}
    return entry


def skill_entries(catalog: Catalog, role_skills: Iterable[RoleSkill]) -> list[dict[str, Any]]:
    return [skill_entry(catalog, s) for s in role_skills]


def role_object(catalog: Catalog, role: Role) -> dict[str, Any]:
    """A role with the catalog's fields, each skill expanded."""
    return {
        "id": role.id,
        "title": role.title,
        "aliases": list(role.aliases),
        "summary": role.summary,
        "responsibilities": list(role.responsibilities),
        "skills": skill_entries(catalog, role.skills),
        "human_edge": list(role.human_edge),
        "onet_soc_code": role.onet_soc_code,
        "ai_exposure": [
            {"measure": e.measure, "value": e.value, "source": e.source} for e in role.ai_exposure
        ],
        "related": list(role.related),
        "alternate_titles": list(role.alternate_titles),
        "skills_rated": role.skills_rated,
        "technologies": [
            {"name": t.name, "hot": t.hot, "in_demand": t.in_demand} for t in role.technologies
        ],
        "preparation": role.preparation,
        "pay": role.pay,
        "outlook": role.outlook,
        "interests": list(role.interests),
    }


def comparison_object(catalog: Catalog, comparison: Comparison) -> dict[str, Any]:
    """``{"roles", "shared", "only", "similarity"}``."""
    return {
        "roles": list(comparison.roles),
        "shared": [skill_entry(catalog, e) for e in comparison.shared],
        "only": {
            role_id: [skill_entry(catalog, e) for e in entries]
            for role_id, entries in comparison.only.items()
        },
        "similarity": {
            "jaccard": comparison.jaccard,
            "weighted": comparison.weighted,
            **({} if comparison.fit is None else {"fit": round(comparison.fit, 4)}),
        },
    }


def skills_array(catalog: Catalog, usage: Iterable[SkillUse]) -> list[dict[str, Any]]:
    """``[{"id", "name", "kind", "roles": [{"id", "importance"}]}]``."""
    out = []
    for use in usage:
        skill = catalog.skill_by_id[use.skill_id]
        out.append(
            {
                "id": skill.id,
                "name": skill.name,
                "kind": skill.kind,
                "roles": [{"id": r, "importance": i} for r, i in use.roles],
            }
        )
    return out


def match_array(catalog: Catalog, matches: Iterable[Match]) -> list[dict[str, Any]]:
    """``[{"role", "title", "score", "uses", "weight", "coverage", "ai_exposure", "job_zone",
    "pay_median", "have", "missing"}]``, best first.

    ``score`` in [0, 1] orders the roles as the ranking does (see
    :func:`jobcli.analysis.match_score`); ``uses``: how many of the skills asked about the
    role uses; ``weight``: the sum of their importance in it; ``standing``: how far they
    stand out in it (:func:`jobcli.analysis.standing`); ``ai_exposure``: the role's headline
    rating (β, human raters) or null; ``job_zone`` and ``pay_median`` (US dollars a year)
    or null when unknown.
    """
    return [
        {
            "role": m.role.id,
            "title": m.role.title,
            "score": m.score,
            "uses": m.uses,
            "weight": m.weight,
            "standing": m.standing,
            "coverage": m.coverage,
            "ai_exposure": m.role.headline_exposure(),
            "job_zone": m.role.job_zone(),
            "pay_median": m.role.pay_median(),
            "have": skill_entries(catalog, m.have),
            "missing": skill_entries(catalog, m.missing),
        }
        for m in matches
    ]


def gap_object(catalog: Catalog, result: Gap) -> dict[str, Any]:
    """``{"from", "to", "transferable", "to_learn"}``."""
    return {
        "from": result.source.id,
        "to": result.target.id,
        "coverage": result.coverage,
        "transferable": skill_entries(catalog, result.transferable),
        "to_learn": skill_entries(catalog, result.to_learn),
    }


def validation_object(problems: Iterable[Problem]) -> dict[str, Any]:
    """``{"valid", "problems": [{"location", "message"}]}``."""
    listed = [{"location": p.location, "message": p.message} for p in problems]
    return {"valid": not listed, "problems": listed}
