"""You as the start of a comparison: ``match --me``, ``gap --me TO``, ``next --me [ROLE]``
and ``path --me TO`` (imported only by them). Your skills come from
:func:`jobcli.cli.me.profile_levels`, as the ``Mapping[str, float | None]`` the fit takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .loading import catalog_for, find_role
from .me import profile_levels

if TYPE_CHECKING:
    from ..domain import Catalog, Role
    from ..store.query import Store


def match_me(
    store: Store, names: list[str], *, strict: bool, zone: int | None, shown: int | None
) -> tuple[list[Any], int, int]:
    """``match --me [SKILL...]``: the roles ranked by your fit (see
    :func:`person_fit_both_ways`), your profile's skills and levels with any named; and
    how many roles there were, and how many skills you brought."""
    from ..profile import held
    from ..store.fits import fit_weights
    from .find import resolve_names
    from .ranked import match_levels

    levels = profile_levels(store)
    for skill_id in resolve_names(store, names, strict=strict) if names else []:
        levels.setdefault(skill_id, None)
    have = {sid: levels[sid] for sid in held(levels)}
    weights = fit_weights(store)
    matches, total = match_levels(
        store,
        have,
        zone,
        shown,
        rated_only=True,
        fit_of=lambda role: person_fit_both_ways(have, role, weights),
    )
    return matches, total, len(have)


def profile_role(
    levels: Mapping[str, float | None],
    current: Role | None = None,
) -> Role:
    """You as a role (``gap --me``, ``next --me``, ``path --me``): your skills, each with
    your level; with ``current``, the job you have, its pay, exposure and preparation."""
    from ..domain import Role, RoleSkill
    from ..profile import held

    skills = tuple(RoleSkill(sid, 3, None, levels[sid]) for sid in held(levels))
    if current is None:
        return Role("me", "You", "The skills of your profile.", skills)
    return Role(
        "me",
        f"You ({current.title})",
        "The skills of your profile, in the job you have.",
        skills,
        ai_exposure=current.ai_exposure,
        preparation=current.preparation,
        pay=current.pay,
    )


def _have(levels: Mapping[str, float | None]) -> dict[str, float | None]:
    from ..profile import held

    return {sid: levels[sid] for sid in held(levels)}


def profile_gap_parts(store: Store, target: Role) -> tuple[Catalog, Role, Any, Any, Any]:
    """``gap --me TO``: the catalog, you as a role, your fit to TO, your levels, and the
    three lists (transferable, to improve, to learn)."""
    from ..fit import person_fit, split_needs
    from ..store.fits import fit_weights

    levels = profile_levels(store)
    have = _have(levels)
    you = profile_role(levels)
    weights = fit_weights(store)
    fit = person_fit(have, target, weights)
    split = split_needs(have, target, weights)
    return catalog_for(store, [you, target]), you, fit, have, split


def person_fit_both_ways(
    have: Mapping[str, float | None],
    role: Role,
    weights: Any,
    zone: int | None = None,
) -> float:
    """The fit of you to ``role`` for a move (``next --me``, ``path --me``, ``match --me``):
    the geometric mean of what you bring to it (:func:`jobcli.fit.person_fit`) and how
    much of what you have it uses (:func:`jobcli.fit.usage`). A role has the words of
    its work to weigh beside its skills, a person has not: without the second part, a
    programmer would fit a sewing machine operator (one skill asked, Monitoring) fully."""
    from ..fit import person_fit

    return person_fit(have, role, weights, zone).value


def person_moves(
    store: Store,
    current_name: str | None,
    weights: Any,
) -> tuple[Role, dict[str, float | None], list[tuple[Role, float]]]:
    """``next --me [ROLE]``, ``path --me``: you as a role, your levels, and every role
    your skills fit viably (fit at least :data:`~jobcli.fit.VIABLE`), best first; with
    ROLE, the job you have (left out, and the base of the changes of pay and exposure)."""
    from ..fit import VIABLE

    levels = profile_levels(store)
    current = find_role(store, current_name) if current_name is not None else None
    have = _have(levels)
    zone = current.job_zone() if current is not None else None
    scored = []
    from .ranked import comparable

    for role in store.roles():
        if (current is not None and role.id == current.id) or not comparable(role):
            continue
        fit = person_fit_both_ways(have, role, weights, zone)
        if fit >= VIABLE:
            scored.append((role, fit))
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return profile_role(levels, current), have, scored
