"""Where your profile's skills came from: the roles ``jobcli me from ROLE`` took them from.

Kept in the profile's file as ``"from": [{"id": "registered-nurses", "title": "Registered
Nurses"}]``, a key written only when there is such a role (so that a profile made only of
skills reads the same in every version). Each role keeps its id and its title, as a skill
keeps its id and name, so that one profile serves every catalog: a catalog's role is found
by id, else by its title. A role stays where the skills came from when skills are later
added or removed; ``me clear`` forgets it.

They are the jobs you had, not moves: ``next --me``, ``match --me`` and the first step of
``path --me`` leave them out, as ``match --from ROLE`` leaves ROLE out.

No ``from __future__ import annotations``: see :mod:`jobcli.domain` (named tuples).
"""

import json
from typing import Any, NamedTuple


class ProfileRole(NamedTuple):
    """A role your skills were taken from: its id and title, as its catalog gave them."""

    id: str
    title: str


def with_role(roles: tuple[ProfileRole, ...], role: ProfileRole) -> tuple[ProfileRole, ...]:
    """``roles`` and ``role``: a new one last, one already there (by id) in its place, with
    the title given now."""
    if any(r.id == role.id for r in roles):
        return tuple(role if r.id == role.id else r for r in roles)
    return (*roles, role)


def roles_of(value: Any) -> tuple[ProfileRole, ...]:
    """The roles of a profile file's ``from`` list; ValueError saying what is wrong."""
    if not isinstance(value, list):
        raise ValueError("'from' must be a list")
    out: list[ProfileRole] = []
    for at, entry in enumerate(value):
        where = f"from[{at}]"
        if not isinstance(entry, dict) or set(entry) != {"id", "title"}:
            raise ValueError(f"{where} must be an object with exactly 'id' and 'title'")
        for key in ("id", "title"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise ValueError(f"{where}.{key} must be a non-empty string")
        if any(r.id == entry["id"] for r in out):
            raise ValueError(f"{where}: the role {entry['id']!r} is listed twice")
        out.append(ProfileRole(entry["id"], entry["title"]))
    return tuple(out)


def roles_json(roles: tuple[ProfileRole, ...]) -> list[dict[str, str]]:
    """The ``from`` list of the file (and of ``me --json``)."""
    return [{"id": r.id, "title": r.title} for r in roles]


def file_tail(roles: tuple[ProfileRole, ...]) -> str:
    """The ``from`` key as the file ends with it, one role a line; nothing without a role
    (the file any version of jobcli reads)."""
    if not roles:
        return ""
    lines = ",\n    ".join(json.dumps(r, ensure_ascii=False) for r in roles_json(roles))
    return f',\n  "from": [\n    {lines}\n  ]'
