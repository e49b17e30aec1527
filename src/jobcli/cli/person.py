"""You as the start of a comparison: ``match --me``, ``gap --me TO``, ``next --me [ROLE]``
and ``path --me TO`` (imported only by them). Your skills come from
:func:`jobcli.cli.me.profile_levels`, as the ``Mapping[str, float | None]`` the fit takes;
the roles they were taken from (``me from``) are no move for you: :func:`came_from`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .loading import catalog_for, find_role
from .me import profile_levels, read

if TYPE_CHECKING:
    from ..domain import Catalog, Role
    from ..profile import Profile
    from ..profile_roles import ProfileRole
    from ..store.query import Store


def came_from(
    store: Store, profile: Profile | None = None
) -> list[tuple[ProfileRole, Role | None]]:
    """The roles your profile's skills were taken from, each with this catalog's role: the
    one with its id, else the one its title names (exactly, or as a plural); None when the
    catalog has neither."""
    from ..names import find_named
    from ..store.rows import NameTable

    out: list[tuple[ProfileRole, Role | None]] = []
    for entry in (profile if profile is not None else read()).came_from:
        try:
            found: Role | None = store.role(entry.id)
        except KeyError:
            found = find_named(NameTable(store, "role", store.role), entry.title)
        out.append((entry, found))
    return out


def jobs_had(store: Store, profile: Profile) -> list[Role]:
    """This catalog's roles your skills were taken from: left out of your moves."""
    return [role for _, role in came_from(store, profile) if role is not None]


def left_out_note(roles: list[Role], shown: str) -> str:
    """The line saying which jobs of yours a list leaves out, and why."""
    from ..safetext import safe

    names = ", ".join(f"{safe(r.title)} ({r.id})" for r in roles)
    return f"Left out of {shown}: {names}, where your profile's skills came from ('jobcli me')."


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

    profile = read()
    levels = profile_levels(store, profile)
    had = {role.id for role in jobs_had(store, profile)}
    for skill_id in resolve_names(store, names, strict=strict) if names else []:
        levels.setdefault(skill_id, None)
    have = {sid: levels[sid] for sid in held(levels)}
    weights = fit_weights(store)
    matches, total = match_levels(
        store,
        have,
        zone,
        shown,
        skip=had,
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
    """The fit of your skills to ``role`` (``match --me``): the geometric mean of what you
    bring to it (:func:`jobcli.fit.person_fit`) and how much of what you have it uses
    (:func:`jobcli.fit.usage`). A role has the words of its work to weigh beside its
    skills, a person has not: without the second part, a programmer would fit a sewing
    machine operator (one skill asked, Monitoring) fully."""
    from ..fit import person_fit

    return person_fit(have, role, weights, zone).value


#: The fit of a move of yours to a role.
YourFit = Callable[["Role"], float]


def your_fit(
    store: Store,
    have: Mapping[str, float | None],
    jobs: list[Role],
    weights: Any,
    zone: int | None = None,
) -> YourFit:
    """The fit of a move of yours to a role (``next --me``, ``path --me``): with ``jobs``
    (the job you have, the ones your skills came from), :func:`jobcli.fit.your_move_fit` of
    how like the role's work is to theirs (the likeness ``next`` weighs, the best of them)
    and your skills' fit (:func:`person_fit_both_ways`); without, your skills' fit alone.

    Skills alone cannot tell a nurse's next job from any other that asks for care and
    listening: for the 29 skills of Registered Nurses they put Neurodiagnostic
    Technologists 2nd and Critical Care Nurses 51st. With the work's words a profile taken
    from a job finds 68% of the occupations O*NET calls closely related to it among its 10
    best (the skills alone: 26%; docs/ARCHITECTURE.md, "Fit")."""
    from ..fit import your_move_fit
    from ..store.fits import Fits, position_of, positions

    fits = Fits(store) if jobs else None
    if fits is None or not fits.indexed:
        return lambda role: person_fit_both_ways(have, role, weights, zone)
    rows = [fits.work(position_of(store, job.id)) for job in jobs]
    at = positions(store)

    def fit(role: Role) -> float:
        skills = person_fit_both_ways(have, role, weights, zone)
        return your_move_fit(max(row[at[role.id]] for row in rows), skills)

    return fit


def person_moves(
    store: Store,
    current_name: str | None,
    weights: Any,
) -> tuple[
    Role, dict[str, float | None], list[tuple[Role, float]], list[str], Callable[[Role], float]
]:
    """``next --me [ROLE]``, ``path --me``: you as a role, your levels, every role you fit
    viably (:func:`your_fit` at least :data:`~jobcli.fit.VIABLE`), best first, notes for
    ``next``'s view, and the fit itself. With ROLE, the job you have (left out, and the
    base of the changes of pay and exposure). The roles your skills were taken from (``me
    from``) are left out: what you had is no move."""
    from ..fit import VIABLE

    profile = read()
    levels = profile_levels(store, profile)
    current = find_role(store, current_name) if current_name is not None else None
    had = jobs_had(store, profile)
    gone = {r.id for r in had} | ({current.id} if current is not None else set())
    have = _have(levels)
    zone = current.job_zone() if current is not None else None
    jobs = ([current] if current is not None else []) + [
        r for r in had if current is None or r.id != current.id
    ]
    fit_of = your_fit(store, have, jobs, weights, zone)
    scored = []
    from .ranked import comparable

    for role in store.roles():
        if role.id in gone or not comparable(role):
            continue
        fit = fit_of(role)
        if fit >= VIABLE:
            scored.append((role, fit))
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    others = [r for r in had if current is None or r.id != current.id]
    notes = [left_out_note(others, "your moves")] if others else []
    if current is None:
        notes.append(
            "For the changes of pay and exposure, name the job you have: jobcli next --me ROLE."
        )
    return profile_role(levels, current), have, scored, notes, fit_of
