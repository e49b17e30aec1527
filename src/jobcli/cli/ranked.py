"""``match --from ROLE`` and ``match --me``: every role ranked by a fit, not by the skills
named (:mod:`jobcli.analysis`'s ranking)."""

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from ..domain import Role
    from ..store.query import Store


def match_from(
    store: "Store",
    source: "Role",
    zone: int | None,
    shown: Optional[int],  # noqa: UP045
) -> "tuple[list[Any], int]":
    """``match --from ROLE``: every other role by the fit of a move from ROLE (the fit
    ``next`` ranks by: the likeness of the work and of the skills), best first; and how
    many there were. A catalog without the fit index ranks by the fit of ROLE's skills
    and levels alone (a person's fit)."""
    from ..analysis import match_role
    from ..fit import levels_of
    from ..store.fits import Fits, position_of, roles_at

    fits = Fits(store)
    if not fits.indexed:
        return match_levels(store, levels_of(source), zone, shown, {source.id}, source.job_zone())
    pos = position_of(store, source.id)
    row = fits.of(pos)
    ranked = sorted(
        (
            (p, f)
            for p, f in enumerate(row)
            if p != pos and f > 0 and (zone is None or (fits.zones[p] or 99) <= zone)
        ),
        key=lambda e: (-e[1], e[0]),
    )
    chosen = ranked if shown is None else ranked[:shown]
    roles = roles_at(store, [p for p, _ in chosen])
    held = [s.id for s in source.skills]
    out = []
    for p, value in chosen:
        m = match_role(roles[p], held)
        out.append(m._replace(score=value, coverage=value))
    return out, len(ranked)


def comparable(role: "Role") -> bool:
    """Whether a person's skills can be weighed against ``role``: the source rates its
    skills. (O*NET rates none of 137 occupations' skills; their only skills are a few
    tools in demand, and one tool in common would make a person fit one fully.)"""
    return role.skills_rated and bool(role.skills)


def match_levels(
    store: "Store",
    have: "dict[str, float | None]",
    zone: int | None,
    shown: Optional[int],  # noqa: UP045
    skip: "Collection[str]" = (),
    person_zone: Optional[int] = None,  # noqa: UP045
    rated_only: bool = False,
    fit_of: "Optional[Callable[[Role], float]]" = None,  # noqa: UP045
) -> "tuple[list[Any], int]":
    """The roles (but ``skip``) ranked by the fit of a person's skills and levels ``have``
    (``match --from``, ``match --me``), best first; and how many there were. With
    ``rated_only``, only roles whose skills the source rates (see :func:`comparable`);
    ``fit_of``: the fit to rank by, if not :func:`jobcli.fit.person_fit`."""
    from ..analysis import match_role
    from ..fit import person_fit
    from ..store.fits import fit_weights

    weights = fit_weights(store)
    scored = []
    for role in store.roles():
        if role.id in skip or (zone is not None and (role.job_zone() or 99) > zone):
            continue
        if rated_only and not comparable(role):
            continue
        value = fit_of(role) if fit_of else person_fit(have, role, weights, person_zone).value
        if value > 0:
            scored.append((value, role))
    scored.sort(key=lambda p: (-p[0], p[1].id))
    total = len(scored)
    chosen = scored if shown is None else scored[:shown]
    held = [k for k, level in have.items() if level is None or level > 0]
    out = []
    for value, role in chosen:
        m = match_role(role, held)
        out.append(m._replace(score=value, coverage=value))
    return out, total
