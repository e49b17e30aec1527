"""Career moves: ``next`` (the best moves from a job) and ``path`` (the easiest route).

No ``from __future__ import annotations`` here: Typer reads the commands' annotations.
"""

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ..errors import ExitCode
from ..output import fail, message
from ..safetext import safe
from .app import ZoneOpt, app, at_least_one, prints_data
from .completion import complete_roles
from .loading import catalog_for, find_role, load

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..domain import Catalog, Role, RoleSkill
    from ..store.query import Store

NEXT_LIMIT = 10
MAX_STEPS = 3
#: How many best moves of each role ``path`` searches through (plus the move to TO).
PATH_NEIGHBOURS = 10


def _decoded(
    store: "Store", candidates: "list[tuple[int, float]]", roles_at: Any, first: int = 50
) -> Any:
    """(role, fit) of the candidates, decoded lazily: ``first``, then 50 at a time (a role
    decodes its whole row: without filters only the moves shown need decoding)."""
    start = 0
    while start < len(candidates):
        size = first if start == 0 else 50
        chunk = candidates[start : start + size]
        decoded = roles_at(store, [p for p, _ in chunk])
        for pos, fit in chunk:
            yield decoded[pos], fit
        start += size


def _last_step(fits: Any, goal: int) -> "Callable[[int], float]":
    """A lower bound of what is left to learn from any role but TO: the last move into TO
    costs at least 1 - the best fit any role has to TO. The work's and skills' likeness is
    symmetric and a stretch only lowers a fit, so TO's own row, its stretches undone, bounds
    every role's fit to TO: one row computed instead of one for each role the search
    reaches."""
    from ..fit import stretch_factor

    row, zones = fits.of(goal), fits.zones
    zone = zones[goal]
    likeness = [
        f / stretch_factor(None if z is None or zone is None else z - zone)
        for p, (f, z) in enumerate(zip(row, zones, strict=True))
        if p != goal
    ]
    floor = max(0.0, 1.0 - max(likeness, default=1.0) - 1e-9)
    return lambda node: floor


def to_learn(have: "dict[str, float | None]", target: "Role", weights: Any) -> "list[RoleSkill]":
    from ..fit import top_to_learn

    return top_to_learn(have, target, weights)


@app.command("next")
@prints_data
def next_moves(
    role: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="ROLE",
            help="The job you have (with --me: optional, for the changes of pay and exposure).",
            autocompletion=complete_roles,
            show_default=False,
        ),
    ] = None,
    me: Annotated[
        bool,
        typer.Option(
            "--me",
            help="Moves for your profile (see 'jobcli me'): your skills and levels, and the "
            "work of the job they were taken from (me from, left out) or of ROLE.",
        ),
    ] = False,
    safer: Annotated[
        bool, typer.Option("--safer", help="Only moves to roles less exposed to AI.")
    ] = False,
    keep_pay: Annotated[
        bool, typer.Option("--keep-pay", help="Only moves that keep the median pay or raise it.")
    ] = False,
    max_zone: ZoneOpt = None,
    limit: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "-n",
            "--limit",
            metavar="N",
            help=f"Show the best N moves [default: {NEXT_LIMIT}].",
            callback=at_least_one,
        ),
    ] = None,
) -> None:
    """The best moves from a job, best fit first: fit, change of median pay and of AI
    exposure, Job Zone, and the top skills to learn. A move is viable when its fit is
    at least 13% (or it is one of the job's three best); a move up more than one Job
    Zone counts against the fit and is marked.
    With --me, the moves for your profile (see 'jobcli me')."""
    from ..fit import VIABLE as viable
    from ..moves import keep, move
    from ..store.fits import Fits, fit_weights, position_of, roles_at

    if role is None and not me:
        fail("missing ROLE: jobcli next ROLE (or jobcli next --me)", ExitCode.USAGE)
    store = load()
    shown = int(limit) if limit is not None else NEXT_LIMIT
    zone = int(max_zone) if max_zone is not None else None
    weights = fit_weights(store)
    notes: list[str] = []
    if me:
        from .person import person_moves

        source, have, scored, notes, _ = person_moves(store, role, weights)
    else:
        assert role is not None
        source = find_role(store, role)
        fits = Fits(store)
        if not fits.indexed:
            fail("this catalog is too large for next's fit index", ExitCode.USAGE)
        # The filters may drop many: every viable move is a candidate, decoded 50 at a time.
        candidates = fits.best(position_of(store, source.id), len(fits.zones), viable)
        from ..fit import levels_of

        have = levels_of(source)
        if zone is not None:  # the Job Zones are known without decoding a role
            candidates = [(p, f) for p, f in candidates if (fits.zones[p] or 99) <= zone]
        # A filter of pay or exposure keeps about half the moves: decode twice what is shown.
        filtered = safer or keep_pay
        scored = _decoded(store, candidates, roles_at, max(shown, 1) * (2 if filtered else 1))
    moves = []
    for target, fit in scored:
        m = move(source, target, fit, [])
        if keep(m, safer=safer, keep_pay=keep_pay, max_zone=zone):
            moves.append(m._replace(to_learn=to_learn(have, target, weights)))
        if len(moves) == shown:
            break
    if not me and (not source.skills_rated or not source.skills):
        notes.append(
            f"{source.title}: the source rates none of its skills; fits rest on its tools "
            "in demand and the words of its work."
        )
    if not moves:
        message("jobcli: no viable move passes the filters")
    from .app import emit, print_json, wants_json

    catalog = catalog_for(store, [source, *(m.role for m in moves)])
    if wants_json():
        from ..jsonout import skill_entries

        print_json(
            {
                "from": source.id,
                "moves": [
                    {
                        "role": m.role.id,
                        "title": m.role.title,
                        "fit": round(m.fit, 4),
                        "pay_change": None if m.pay_change is None else round(m.pay_change, 4),
                        "exposure_change": (
                            None if m.exposure_change is None else round(m.exposure_change, 4)
                        ),
                        "job_zone": m.job_zone,
                        "to_learn": skill_entries(catalog, m.to_learn),
                    }
                    for m in moves
                ],
            }
        )
        return
    from ..views.moves import next_view

    emit(next_view(catalog, source, moves, notes))


@app.command("path")
@prints_data
def path(
    source_name: Annotated[
        str,
        typer.Argument(
            metavar="FROM", help="The job you have (with --me: TO).", autocompletion=complete_roles
        ),
    ],
    target_name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="TO",
            help="The job you want.",
            autocompletion=complete_roles,
            show_default=False,
        ),
    ] = None,
    me: Annotated[
        bool,
        typer.Option("--me", help="From your profile's skills (see 'jobcli me'): path --me TO."),
    ] = False,
    max_steps: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--max-steps",
            metavar="K",
            help=f"At most K moves [default: {MAX_STEPS}].",
            callback=at_least_one,
        ),
    ] = None,
) -> None:
    """The easiest way from one role to another: the route of viable moves (fit at least
    13% or one of a job's three best, each one a move 'next' would list) with the least
    to learn over the whole route; the direct move when it is best. Exit 1, naming the
    closest role it reaches, when there is no route within K moves. With --me TO, from
    your profile."""
    from ..fit import VIABLE, levels_of, role_fit
    from ..moves import closest, easiest_route, reachable
    from ..store.fits import Fits, fit_weights, position_of, roles_at

    if me and target_name is not None:
        fail("with --me, give only TO: jobcli path --me TO", ExitCode.USAGE)
    if not me and target_name is None:
        fail("missing TO: jobcli path FROM TO (or jobcli path --me TO)", ExitCode.USAGE)
    store = load()
    weights = fit_weights(store)
    fits = Fits(store)
    if not fits.indexed:
        fail("this catalog is too large for path's fit index", ExitCode.USAGE)
    edges: dict[int, list[tuple[int, float]]] = {}
    if me:
        from .person import person_moves

        target = find_role(store, source_name)
        source, first_have, first, _, fit_of = person_moves(store, None, weights)
        start, goal = -1, position_of(store, target.id)  # you: a start that is no role
        direct = fit_of(target)
        out = [(position_of(store, r.id), f) for r, f in first if r.id != target.id]
        edges[start] = [*out, *([(goal, direct)] if direct >= VIABLE else [])]
    else:
        assert target_name is not None
        source = find_role(store, source_name)
        target = find_role(store, target_name)
        if source.id == target.id:
            fail(f"{safe(source.title)} is already the role you want", ExitCode.NOT_FOUND)
        start, goal = position_of(store, source.id), position_of(store, target.id)
        first_have = levels_of(source)
        # The move straight to TO is a candidate whenever viable; its fit is in FROM's row
        # (the same as role_fit's, without decoding the catalog's word weights).
        direct = fits.of(start)[goal]
        row = fits.best(start, PATH_NEIGHBOURS, VIABLE)
        edges[start] = [*(e for e in row if e[0] != goal)]
        if fits.viable(start, goal, VIABLE):
            edges[start].append((goal, direct))

    def neighbours(node: int) -> list[tuple[int, float]]:
        # Each role's best moves, computed when the search first reaches it; the move
        # straight to TO is always one of them.
        if node not in edges:
            row = fits.of(node)
            out = [e for e in fits.best(node, PATH_NEIGHBOURS, VIABLE) if e[0] != goal]
            if fits.viable(node, goal, VIABLE):
                out.append((goal, row[goal]))
            edges[node] = out
        return edges[node]

    steps_allowed = int(max_steps) if max_steps is not None else MAX_STEPS
    # The edges are the viable moves already (a role's nearest ones whatever their fit).
    route = easiest_route(
        start, goal, neighbours, steps_allowed, viable=0.0, estimate=_last_step(fits, goal)
    )
    if route is None:
        seen = reachable(start, neighbours, steps_allowed, viable=0.0) - {start}
        roles = roles_at(store, sorted(seen)[:2000])
        to_goal = {p: role_fit(r, target, weights).value for p, r in roles.items()}
        near = closest(to_goal)
        hint = (
            f"; the closest role it reaches is {safe(roles[near].title)} ({roles[near].id}), "
            f"fit {to_goal[near]:.0%} to {safe(target.title)}"
            if near is not None
            else "; no viable move leads out of it"
        )
        fail(
            f"no route from {safe(source.title)} to {safe(target.title)} within "
            f"{steps_allowed} viable moves{hint}",
            ExitCode.NOT_FOUND,
        )
    decoded = roles_at(store, [s.position for s in route])
    from ..fit import top_to_learn

    steps = []
    have = first_have
    for step in route:
        role = decoded[step.position]
        steps.append((role, step.fit, top_to_learn(have, role, weights)))
        have = levels_of(role)
    from .app import emit, print_json, wants_json

    catalog = catalog_for(store, [source, *(s[0] for s in steps)])
    if wants_json():
        from ..jsonout import skill_entries

        print_json(
            {
                "from": source.id,
                "to": target.id,
                "steps": [
                    {
                        "role": r.id,
                        "title": r.title,
                        "fit": round(f, 4),
                        "to_learn": skill_entries(catalog, learn),
                    }
                    for r, f, learn in steps
                ],
            }
        )
        return
    from ..views.moves import path_view

    emit(path_view(catalog, source, steps))


def gap_parts(store: "Store", source: "Role", target: "Role") -> "tuple[Catalog, Any, Any, Any]":
    """The fit of ``source`` to ``target``, what it has, and the three lists of ``gap``."""
    from ..fit import levels_of, role_fit, split_needs
    from ..store.fits import fit_weights

    weights = fit_weights(store)
    have = levels_of(source)
    fit = role_fit(source, target, weights)
    return catalog_for(store, [source, target]), fit, have, split_needs(have, target, weights)
