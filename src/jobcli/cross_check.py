"""The rules between parts of a catalog that each part alone cannot check: ids unique,
names meaning one role (look-alike letters of other scripts too), skills and related
roles that exist. Run on the raw parsed document, beside the pydantic models'
checks, so that one pass reports every problem with its location.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .names import normalize


def _items(data: object, key: str) -> list[tuple[int, dict[str, Any]]]:
    """``(index, object)`` for each object in ``data[key]``; whatever is malformed is skipped
    (the format check reports it)."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _unique_ids(
    items: list[tuple[int, dict[str, Any]]], what: str, problems: list[Problem]
) -> dict[str, int]:
    """Each id of ``items`` with the index of its first object; ids given twice are problems."""
    first: dict[str, int] = {}
    for i, item in items:
        item_id = _str(item.get("id"))
        if item_id is None:
            continue
        if item_id in first:
            problems.append(Problem(f"{what}s[{i}].id", f"{what} id {item_id!r} is given twice"))
        else:
            first[item_id] = i
    return first


def _look_alike(
    key: str,
    named: tuple[int, str, str],
    where: str,
    owner: dict[str, tuple[int, str, str]],
    looks: dict[str, str],
    problems: list[Problem],
) -> None:
    """Report ``key`` if its confusable skeleton is another role's name's: "Dаta
    Scientist" with a Cyrillic а beside "Data Scientist". Two words of one script
    (Cyrillic, Greek) are two words of that language, not a disguise."""
    from .confusables import single_script, skeleton

    if not looks:  # the first name that is not ASCII: index the names seen so far
        for seen, (_, seen_name, _) in owner.items():
            looks.setdefault(skeleton(seen_name), seen)
    other = looks.setdefault(skeleton(named[1]), key)
    if other == key or owner[other][0] == named[0]:
        return
    script = single_script(key)
    if script is not None and script == single_script(other):
        return
    first = owner[other]
    problems.append(
        Problem(
            where,
            f"name {named[1]!r} looks the same as {first[1]!r} of role {first[2]!r} "
            f"(roles[{first[0]}]): letters of another script that look alike "
            "(Unicode confusables); a name must mean one role",
        )
    )


def cross_check(data: object) -> list[Problem]:
    """The rules between parts of a catalog that each part alone cannot check."""
    problems: list[Problem] = []
    skills = _items(data, "skills")
    roles = _items(data, "roles")

    skill_ids = _unique_ids(skills, "skill", problems)
    role_ids = _unique_ids(roles, "role", problems)

    # A name means one role: ids, titles and aliases never collide across roles.
    owner: dict[str, tuple[int, str, str]] = {}
    looks: dict[str, str] = {}  # confusable skeleton -> a key, once a name is not ASCII
    for i, role in roles:
        names: list[tuple[str, object]] = [("id", role.get("id")), ("title", role.get("title"))]
        aliases = role.get("aliases")
        if isinstance(aliases, list):
            names += [(f"aliases[{j}]", alias) for j, alias in enumerate(aliases)]
        for where, name in names:
            if not isinstance(name, str) or not (key := normalize(name)):
                continue
            first = owner.setdefault(key, (i, name, str(role.get("id"))))
            if first[0] != i:
                problems.append(
                    Problem(
                        f"roles[{i}].{where}",
                        f"name {name!r} collides with {first[1]!r} of role {first[2]!r} "
                        f"(roles[{first[0]}]); a name must mean one role",
                    )
                )
            elif not key.isascii() or looks:  # names that only look the same (UTS #39)
                _look_alike(
                    key,
                    (i, name, str(role.get("id"))),
                    f"roles[{i}].{where}",
                    owner,
                    looks,
                    problems,
                )
    # Lookup accepts O*NET codes too: a code is nobody else's name ("15-2222.00" as an
    # alias of another role). Roles may share a code (two roles of one occupation).
    for i, role in roles:
        code = role.get("onet_soc_code")
        if not isinstance(code, str) or not (key := normalize(code)):
            continue
        named = owner.get(key)
        if named is not None and named[0] != i:
            problems.append(
                Problem(
                    f"roles[{i}].onet_soc_code",
                    f"O*NET code {code!r} is also the name {named[1]!r} of role {named[2]!r} "
                    f"(roles[{named[0]}]); a name must mean one role",
                )
            )

    for i, role in roles:
        seen: set[str] = set()
        for j, role_skill in _items(role, "skills"):
            skill_id = _str(role_skill.get("id"))
            if skill_id is None:
                continue
            where = f"roles[{i}].skills[{j}].id"
            if skill_id not in skill_ids:
                problems.append(Problem(where, f"unknown skill {skill_id!r}"))
            if skill_id in seen:
                problems.append(Problem(where, f"skill {skill_id!r} appears twice in the role"))
            seen.add(skill_id)
        related = role.get("related")
        for j, other in enumerate(related if isinstance(related, list) else []):
            if not isinstance(other, str):
                continue
            where = f"roles[{i}].related[{j}]"
            if other == role.get("id"):
                problems.append(Problem(where, f"role {other!r} lists itself as related"))
            elif other not in role_ids:
                problems.append(Problem(where, f"unknown role {other!r}"))
    return problems
