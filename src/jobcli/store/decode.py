"""Decoding the store's ``role`` and ``skill`` rows into domain values (every call needs it)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..domain import Exposure, Role, RoleLine, RoleSkill, Skill, Technology

_JSON_FIELDS = (
    "skills",
    "aliases",
    "responsibilities",
    "human_edge",
    "ai_exposure",
    "related",
    "facts",
)


def columns_of(table: str) -> str:
    """The columns :func:`role_from_row` reads, of ``table`` (``role`` or an alias of it).

    The role's six JSON fields come as one JSON array, concatenated by SQLite, so that
    decoding a role costs one ``json.loads``, not six: a 2,000-role ``list`` reads 30%
    faster (``benchmarks/bench_store.py``).
    """
    joined = " || ',' || ".join(f"{table}.{name}" for name in _JSON_FIELDS)
    return (
        f"{table}.id, {table}.title, {table}.summary, {table}.onet_soc_code, '[' || {joined} || ']'"
    )


ROLE_COLUMNS = columns_of("role")
#: The columns :func:`lines_from_rows` reads (of ``role_line``, read as ``role``).
LINE_COLUMNS = (
    "role.id, role.title, role.summary, role.top_skills, role.exposure, role.exposure_source,"
    " role.pay, role.growth, role.zone"
)


def encodable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a command line) as "?".

    SQLite takes UTF-8 only; the catalog holds no such character, so nothing is lost.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def role_from_row(row: Sequence[Any]) -> Role:
    """A role from the columns of :func:`columns_of`."""
    rid, title, summary, code, fields = row
    skills, aliases, duties, edge, exposure, related, facts = json.loads(fields)
    return Role(
        rid,
        title,
        summary,
        tuple([_new(RoleSkill, pair) for pair in skills]),
        tuple(aliases),
        tuple(duties),
        tuple(edge),
        code,
        tuple([_new(Exposure, rating) for rating in exposure]),
        tuple(related),
        tuple(facts.get("alternate_titles", ())),
        facts.get("skills_rated", True),
        tuple([_new(Technology, t) for t in facts.get("technologies", ())]),
        facts.get("preparation"),
        facts.get("pay"),
        facts.get("outlook"),
        tuple(facts.get("interests", ())),
    )


def facts_of(role: Role) -> dict[str, Any]:
    """The schema-2 facts of ``role`` as the store keeps them: only those known."""
    facts: dict[str, Any] = {}
    if role.alternate_titles:
        facts["alternate_titles"] = list(role.alternate_titles)
    if not role.skills_rated:
        facts["skills_rated"] = False
    if role.technologies:
        facts["technologies"] = [list(t) for t in role.technologies]
    for key in ("preparation", "pay", "outlook"):
        value = getattr(role, key)
        if value is not None:
            facts[key] = value
    if role.interests:
        facts["interests"] = list(role.interests)
    return facts


#: ``tuple.__new__(RoleSkill, pair)``: a named tuple from a decoded pair without the
#: keyword handling of its generated ``__new__`` (a 2,000-role catalog has ~35,000 pairs).
_new = tuple.__new__


def skill_from_row(row: Sequence[Any]) -> Skill:
    sid, name, kind, description, aliases = row
    return Skill(sid, name, kind, description, tuple(json.loads(aliases)))


def lines_from_rows(rows: Sequence[Sequence[Any]]) -> list[RoleLine]:
    """Roles' lines in a list from rows of the columns of :data:`LINE_COLUMNS`.

    Every row's ``top_skills`` array is decoded by one ``json.loads`` of them all, joined:
    for 2,000 roles, 1 ms instead of 4.6.
    """
    tops = json.loads("[" + ",".join([row[3] for row in rows]) + "]")
    return [
        RoleLine(rid, title, summary, tuple(top), exposure, source, pay, growth, zone)
        for (rid, title, summary, _, exposure, source, pay, growth, zone), top in zip(
            rows, tops, strict=True
        )
    ]
