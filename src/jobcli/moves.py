"""Career moves: the best moves from a job (``next``) and the easiest route to another
(``path``). Pure functions over roles and their fits (see :mod:`jobcli.fit`)."""

import heapq
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from .domain import Role, RoleSkill
from .fit import VIABLE


class Move(NamedTuple):
    """One move from a job to ``role``."""

    role: Role
    fit: float
    #: Relative change of the median pay (0.12 = 12% more); None when unknown.
    pay_change: float | None
    #: Difference of the headline AI exposure; None when unknown.
    exposure_change: float | None
    job_zone: int | None
    #: The target's Job Zone minus the source's (None when unknown).
    zone_step: int | None
    to_learn: list[RoleSkill]


def pay_change(source: Role, target: Role) -> float | None:
    """Relative change of the median pay, None when either is unknown."""
    a, b = source.pay_median(), target.pay_median()
    if not a or b is None:
        return None
    return (b - a) / a


def exposure_change(source: Role, target: Role) -> float | None:
    """Difference of the headline AI exposure, None when either is unknown."""
    a, b = source.headline_exposure(), target.headline_exposure()
    return None if a is None or b is None else b - a


def move(source: Role, target: Role, fit: float, to_learn: list[RoleSkill]) -> Move:
    """The move from ``source`` to ``target`` with its changes."""
    za, zb = source.job_zone(), target.job_zone()
    return Move(
        target,
        fit,
        pay_change(source, target),
        exposure_change(source, target),
        zb,
        zb - za if za is not None and zb is not None else None,
        to_learn,
    )


def keep(m: Move, *, safer: bool, keep_pay: bool, max_zone: int | None) -> bool:
    """Whether a move passes ``next``'s filters (an unknown value never passes one)."""
    if safer and (m.exposure_change is None or m.exposure_change >= 0):
        return False
    if keep_pay and (m.pay_change is None or m.pay_change < 0):
        return False
    return not (max_zone is not None and (m.job_zone is None or m.job_zone > max_zone))


class Step(NamedTuple):
    """One step of a route: the role moved to and the fit of the move."""

    position: int
    fit: float


def easiest_route(
    start: int,
    goal: int,
    edges: Callable[[int], Sequence[tuple[int, float]]],
    max_steps: int,
    viable: float = VIABLE,
    estimate: Callable[[int], float] | None = None,
) -> list[Step] | None:
    """The route from ``start`` to ``goal`` of at most ``max_steps`` viable moves (fit at
    least ``viable``) with the least to learn over the whole route, the sum of
    ``1 - fit`` of its moves; None when there is none. Among equal routes, fewer steps.

    ``estimate(node)``: a lower bound of what is left to learn from ``node`` to ``goal``
    (A*: the roles it rules out are never asked for their moves); 0 when not given."""
    guess = estimate or (lambda node: 0.0)
    best: dict[tuple[int, int], float] = {(start, 0): 0.0}
    heap: list[tuple[float, int, float, int, tuple[Step, ...]]] = [
        (guess(start), 0, 0.0, start, ())
    ]
    while heap:
        _, steps, cost, node, route = heapq.heappop(heap)
        if node == goal:
            return list(route)
        if steps == max_steps or best.get((node, steps), cost) < cost:
            continue
        for nxt, fit in edges(node):
            if fit < viable or nxt == start:
                continue
            c = cost + (1.0 - fit)
            if c < best.get((nxt, steps + 1), float("inf")):
                best[nxt, steps + 1] = c
                bound = c + (0.0 if nxt == goal else guess(nxt))
                heapq.heappush(heap, (bound, steps + 1, c, nxt, (*route, Step(nxt, fit))))
    return None


def reachable(
    start: int,
    edges: Callable[[int], Sequence[tuple[int, float]]],
    max_steps: int,
    viable: float = VIABLE,
) -> set[int]:
    """Every role ``start`` reaches within ``max_steps`` viable moves (itself too)."""
    seen = {start}
    frontier = [start]
    for _ in range(max_steps):
        nxt = []
        for node in frontier:
            for target, fit in edges(node):
                if fit >= viable and target not in seen:
                    seen.add(target)
                    nxt.append(target)
        frontier = nxt
    return seen


def closest(fits: Mapping[int, float]) -> int | None:
    """The position with the highest fit (then the lowest position)."""
    return min(fits, key=lambda p: (-fits[p], p)) if fits else None
