"""JSON output: plain dicts in the contract's shapes, and their one serialisation.

Shares nothing with the Rich views. Keys are stable: adding one is allowed,
renaming or removing one is a breaking change (see the contract).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # names for annotations only: show --json need not build analysis' classes
    from .analysis import Comparison, Gap, Match, SkillInRoles, SkillUse
    from .domain import Catalog, Role, RoleSkill
    from .errors import Problem


def dumps(document: Any, *, ascii_only: bool = False) -> str:
    """One JSON document and a newline: ``json.dumps(document, indent=2)``, only faster.

    With ``indent``, the standard library encodes in pure Python, a generator per
    value: a quarter of a second for ``match --json`` over 2,000 roles. This builds
    the very same text with joins; anything it does not know goes to ``json.dumps``.
    """
    encode = encode_basestring_ascii if ascii_only else encode_basestring
    try:
        return _indented(document, "\n", encode) + "\n"
    except (_NotPlain, RecursionError):  # odd keys or values, or a cycle: json says what
        return json.dumps(document, ensure_ascii=ascii_only, indent=2) + "\n"


class _NotPlain(Exception):
    """A value or key that :func:`_indented` leaves to ``json.dumps``."""


def _indented(value: Any, newline: str, encode: Callable[[str], str]) -> str:
    # The output of json.dumps(..., indent=2): newline is "\n" plus the current indent.
    if isinstance(value, str):
        return encode(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    inner = newline + "  "
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        # Strings and ints, the most common values, without a call each.
        items = [
            encode(v)
            if type(v) is str
            else int.__repr__(v)
            if type(v) is int
            else _indented(v, inner, encode)
            for v in value
        ]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(type(k) is str for k in value):
            raise _NotPlain
        pairs = [
            encode(k)
            + ": "
            + (
                encode(v)
                if type(v) is str
                else int.__repr__(v)
                if type(v) is int
                else _indented(v, inner, encode)
            )
            for k, v in value.items()
        ]
        return "{" + inner + ("," + inner).join(pairs) + newline + "}"
    raise _NotPlain


_INFINITY = float("inf")


def skill_entry(catalog: Catalog, role_skill: RoleSkill) -> dict[str, Any]:
    """``{"id", "name", "kind", "importance"}`` for a skill as a role needs it."""
    skill = catalog.skill_by_id[role_skill.id]
    return {
        "id": skill.id,
        "name": skill.name,
        "kind": skill.kind,
        "importance": role_skill.importance,
    }


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
    }


def _skill_in_roles(catalog: Catalog, entry: SkillInRoles) -> dict[str, Any]:
    skill = catalog.skill_by_id[entry.id]
    return {"id": skill.id, "name": skill.name, "kind": skill.kind, "importance": entry.importance}


def comparison_object(catalog: Catalog, comparison: Comparison) -> dict[str, Any]:
    """``{"roles", "shared", "only", "similarity"}``."""
    return {
        "roles": list(comparison.roles),
        "shared": [_skill_in_roles(catalog, e) for e in comparison.shared],
        "only": {
            role_id: [_skill_in_roles(catalog, e) for e in entries]
            for role_id, entries in comparison.only.items()
        },
        "similarity": {"jaccard": comparison.jaccard, "weighted": comparison.weighted},
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
    """``[{"role", "coverage", "have", "missing"}]``, best first.

    ``ai_exposure`` is the role's headline rating (β, human raters) or null.
    """
    from .analysis import headline_exposure

    return [
        {
            "role": m.role.id,
            "title": m.role.title,
            "coverage": m.coverage,
            "ai_exposure": headline_exposure(m.role),
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
