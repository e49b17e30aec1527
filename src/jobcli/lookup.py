"""Name lookup over a catalog: which role or skill a person means.

A ROLE is found by id, title, alias or O*NET-SOC code, a SKILL by id, name or
alias; case and punctuation do not count, and a unique prefix is enough.
The indexes are built once per catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from .domain import Catalog, Role, Skill
from .names import NameIndex


def role_index(catalog: Catalog) -> NameIndex[Role]:
    """Every name of every role."""
    index = cast("NameIndex[Role] | None", catalog.memo.get("role_index"))
    if index is None:
        index = NameIndex(
            "role",
            (
                (
                    r.id,
                    (r.id, r.title, *r.aliases, *((r.onet_soc_code,) if r.onet_soc_code else ())),
                    r,
                )
                for r in catalog.roles
            ),
        )
        catalog.memo["role_index"] = index
    return index


def skill_index(catalog: Catalog) -> NameIndex[Skill]:
    """Every name of every skill."""
    index = cast("NameIndex[Skill] | None", catalog.memo.get("skill_index"))
    if index is None:
        index = NameIndex("skill", ((s.id, (s.id, s.name, *s.aliases), s) for s in catalog.skills))
        catalog.memo["skill_index"] = index
    return index


def find_role(catalog: Catalog, name: str) -> Role:
    """The one role ``name`` means, or :class:`~jobcli.errors.NameLookupError`."""
    # An exact id needs no index (names never collide across roles): the common
    # case in scripts, and it saves building the index of a large catalog.
    role = catalog.role_by_id.get(name)
    return role if role is not None else role_index(catalog).find(name)


def find_skill(catalog: Catalog, name: str) -> Skill:
    """The one skill ``name`` means, or :class:`~jobcli.errors.NameLookupError`.

    An exact id wins, even where another skill's alias reads the same.
    """
    skill = catalog.skill_by_id.get(name)
    return skill if skill is not None else skill_index(catalog).find(name)


def complete_names(data: Path | None, kind: str, incomplete: str) -> list[str]:
    """Ids of the roles or skills that start with ``incomplete``; [] on any error.

    Ids are what completion writes (a title would need quoting), and Typer keeps only
    the candidates that start with what was typed, so no name index is needed: that
    keeps completion, which runs on every TAB, as fast as ``show ROLE --json``.
    """
    from .cache import load_catalog_cached
    from .errors import CatalogError

    try:
        catalog = load_catalog_cached(data)
    except CatalogError:
        return []
    ids = catalog.role_by_id if kind == "role" else catalog.skill_by_id
    return sorted(key for key in ids if key.startswith(incomplete))
