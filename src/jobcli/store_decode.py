"""Decoding the store's ``role`` and ``skill`` rows into domain values (every call needs it)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .domain import Exposure, Role, RoleSkill, Skill

ROLE_COLUMNS = (
    "id, title, summary, skills, aliases, responsibilities, human_edge, onet_soc_code,"
    " ai_exposure, related"
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
    rid, title, summary, skills, aliases, duties, edge, code, exposure, related = row
    return Role(
        rid,
        title,
        summary,
        tuple(RoleSkill(s, i) for s, i in json.loads(skills)),
        tuple(json.loads(aliases)),
        tuple(json.loads(duties)),
        tuple(json.loads(edge)),
        code,
        tuple(Exposure(m, v, s) for m, v, s in json.loads(exposure)),
        tuple(json.loads(related)),
    )


def skill_from_row(row: Sequence[Any]) -> Skill:
    sid, name, kind, description, aliases = row
    return Skill(sid, name, kind, description, tuple(json.loads(aliases)))


def columns_of(table: str) -> str:
    return ", ".join(f"{table}.{c.strip()}" for c in ROLE_COLUMNS.split(","))
