"""Compare, match, gap and similarity: pure functions of the catalog's values.

No I/O and no printing: every function takes typed values and returns typed
values, so the views and the JSON output can both be built from them.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

import heapq
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from .domain import Catalog, Role, RoleSkill, sorted_by_importance


def jaccard(a: Role, b: Role) -> float:
    """Shared skills over all skills of the two roles (1.0 for identical sets)."""
    sa = {s.id for s in a.skills}
    sb = {s.id for s in b.skills}
    union = sa | sb
    if not union:
        return 1.0
    return len(sa & sb) / len(union)


def weighted_similarity(a: Role, b: Role) -> float:
    """Cosine of the two roles' importance vectors over all skills."""
    wa = a.importance_by_skill()
    wb = b.importance_by_skill()
    return _cosine(wa, wb)


def _cosine(wa: dict[str, int], wb: dict[str, int]) -> float:
    if wa == wb:
        return 1.0  # exact, where floating point would give 0.9999999999999998
    dot = sum(v * wb[k] for k, v in wa.items() if k in wb)
    norm = math.sqrt(sum(v * v for v in wa.values())) * math.sqrt(sum(v * v for v in wb.values()))
    if norm == 0:
        return 0.0
    return min(1.0, dot / norm)


class SkillInRoles(NamedTuple):
    """A skill and its importance in each of the compared roles that needs it."""

    id: str
    importance: dict[str, int]


class Comparison(NamedTuple):
    """Two roles' skills side by side."""

    roles: tuple[str, str]
    shared: list[SkillInRoles]
    only: dict[str, list[SkillInRoles]]
    jaccard: float
    weighted: float
    #: The fit of a move from the first role to the second (:func:`jobcli.fit.role_fit`),
    #: when computed.
    fit: float | None = None


def compare(a: Role, b: Role) -> Comparison:
    """Shared skills (most important in both first), the skills only in each, similarity."""
    wa = a.importance_by_skill()
    wb = b.importance_by_skill()
    shared = [SkillInRoles(k, {a.id: wa[k], b.id: wb[k]}) for k in wa if k in wb]
    shared.sort(key=lambda s: (-sum(s.importance.values()), s.id))
    only_a = [SkillInRoles(s.id, {a.id: s.importance}) for s in a.skills if s.id not in wb]
    only_b = [SkillInRoles(s.id, {b.id: s.importance}) for s in b.skills if s.id not in wa]
    for side in (only_a, only_b):
        side.sort(key=lambda s: (-sum(s.importance.values()), s.id))
    only = {a.id: only_a}
    only[b.id] = only_b if a.id != b.id else only_a
    return Comparison((a.id, b.id), shared, only, jaccard(a, b), _cosine(wa, wb))


def coverage(role: Role, have: Collection[str]) -> float:
    """Share of the role's total skill importance that the skills ``have`` cover."""
    total = sum(s.importance for s in role.skills)
    if total == 0:
        return 0.0
    covered = sum(s.importance for s in role.skills if s.id in have)
    return covered / total


class Match(NamedTuple):
    """How a role fits a set of skills: the score and its parts, what it has and misses.

    ``have`` and ``missing`` carry the importance in the role, most important first.
    See :func:`match_score` for ``score``.
    """

    role: Role
    coverage: float
    have: list[RoleSkill]
    missing: list[RoleSkill]
    score: float = 0.0
    #: How many of the skills asked about the role uses.
    uses: int = 0
    #: Sum of the importance (1-5) in the role of the skills it uses.
    weight: int = 0
    #: Share of the role's skills less important than every skill of yours it uses.
    standing: float = 0.0


#: How much standing (your skills above the rest of the role) and coverage each count
#: in ``fit``, the tie-break of roles that use as many of your skills, as importantly.
STANDING_SHARE = 0.9


def standing(importances: Sequence[int], least: int) -> float:
    """The share of a role's skills (``importances``) less important than ``least``, the
    least important of the skills asked about that the role uses: how far those skills
    stand above the rest of the role. 0 for a role that needs nothing else."""
    if not importances:
        return 0.0
    return sum(1 for i in importances if i < least) / len(importances)


def match_score(
    uses: int, weight: int, total: int, wanted: int, stands: float = 0.0
) -> tuple[float, float, float]:
    """``(score, coverage, fit)`` of a role that uses ``uses`` of ``wanted`` skills.

    - ``coverage`` = ``weight / total``: the share of the role's total importance
      (``total``, the sum over all its skills) that the skills used make up.
    - ``fit`` = ``0.9 * standing + 0.1 * coverage`` (``stands``: see :func:`standing`):
      among roles that use as many of the skills, as importantly, those where the skills
      stand above the rest of the work come first, and coverage only breaks near-ties;
      coverage alone would put the roles that need the fewest skills first.
    - ``score`` = ``(uses - 1 + (weight - uses + fit) / (4 * uses + 1)) / wanted``.

    The score orders roles exactly as the ranking does: by ``uses``, then ``weight``
    (importance is an integer 1-5, so ``weight - uses`` lies in ``0 .. 4 * uses``),
    then ``fit``; it lies in (0, 1). A role using none of the skills scores 0, and a
    role with no skills never divides by zero.
    """
    if uses <= 0 or total <= 0 or wanted <= 0:
        return 0.0, 0.0, 0.0
    cover = min(1.0, weight / total)
    fit = STANDING_SHARE * stands + (1 - STANDING_SHARE) * cover
    within = (weight - uses + fit) / (4 * uses + 1)
    return min(1.0, (uses - 1 + within) / wanted), cover, fit


def rank_key(uses: int, weight: int, fit: float, at: int) -> tuple[int, int, float, int]:
    """The order of :func:`match_roles` as a sort key (smallest first); ``at``: catalog position."""
    return (-uses, -weight, -fit, at)


def match_role(role: Role, have: Collection[str], wanted: int | None = None) -> Match:
    """One role against the skills ``have`` (``wanted``: how many were asked about)."""
    held = [s for s in role.skills if s.id in have]
    missing = [s for s in role.skills if s.id not in have]
    weight = sum(s.importance for s in held)
    total = weight + sum(s.importance for s in missing)
    least = min((s.importance for s in held), default=0)
    stands = standing([s.importance for s in role.skills], least)
    score, _, _ = match_score(len(held), weight, total, wanted or len(have), stands)
    return Match(
        role,
        coverage(role, have),
        sorted_by_importance(held),
        sorted_by_importance(missing),
        score,
        len(held),
        weight,
        stands,
    )


def match_roles(
    roles: Iterable[Role], have: Collection[str], limit: int | None = None
) -> list[Match]:
    """The roles that use any of the skills ``have``, best first.

    Best: uses more of the skills; among equals, the skills used matter more in the
    role (sum of their importance); then they stand further above the rest of the role
    and cover more of it (``fit``, see :func:`match_score`); then the catalog's order.
    Roles using none of the skills are left out. With ``limit``, the best ``limit``.
    """
    have = frozenset(have)
    pool = list(roles)
    ranked = []
    for at, role in enumerate(pool):
        # One pass per role, no generators: this loop runs over every role of the catalog.
        total = weight = uses = 0
        least = 6
        for skill_id, importance, _, _ in role.skills:
            total += importance
            if skill_id in have:
                weight += importance
                uses += 1
                if importance < least:
                    least = importance
        if uses:
            stands = standing([s.importance for s in role.skills], least)
            _, _, fit = match_score(uses, weight, total, len(have), stands)
            ranked.append(rank_key(uses, weight, fit, at))
    best = sorted(ranked) if limit is None else heapq.nsmallest(limit, ranked)
    return [match_role(pool[entry[3]], have) for entry in best]


class Gap(NamedTuple):
    """What a person in ``source`` brings to ``target``, and what is left to learn."""

    source: Role
    target: Role
    transferable: list[RoleSkill]
    to_learn: list[RoleSkill]
    coverage: float
    #: Skills held below the level needed (the fit's gap; empty for :func:`gap`).
    to_improve: Sequence[RoleSkill] = ()
    #: What the person holds: skill id -> level (None: unknown); None when not known.
    levels: Mapping[str, float | None] | None = None
    #: What the view says of the move besides the verdict (a stretch, the fit's basis).
    notes: Sequence[str] = ()


def gap(source: Role, target: Role) -> Gap:
    """``target``'s skills split into those ``source`` has and those to learn.

    Both lists carry the importance in ``target``, most important first.
    """
    have = {s.id for s in source.skills}
    m = match_role(target, have)
    return Gap(source, target, m.have, m.missing, m.coverage)


def similar_roles(catalog: Catalog, role: Role, limit: int = 3) -> list[tuple[Role, float]]:
    """The roles whose skills are most like ``role``'s (weighted similarity), best first.

    Similarity is of skills: a role without skills has no similar roles, and is no role's
    similar role (two of them are not alike, they are both unknown).
    """
    if not role.skills:
        return []
    wa = role.importance_by_skill()
    scored = [
        (other, _cosine(wa, other.importance_by_skill()))
        for other in catalog.roles
        if other.id != role.id and other.skills
    ]
    scored = [pair for pair in scored if pair[1] > 0]
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored[:limit]


class SkillUse(NamedTuple):
    """A skill and the roles that need it, most important first."""

    skill_id: str
    roles: list[tuple[str, int]]


def skill_usage(catalog: Catalog) -> list[SkillUse]:
    """Every skill of the catalog with the roles that need it (catalog order of skills)."""
    users: dict[str, list[tuple[str, int]]] = {s.id: [] for s in catalog.skills}
    for role in catalog.roles:
        for s in role.skills:
            users.setdefault(s.id, []).append((role.id, s.importance))
    return [
        SkillUse(skill_id, sorted(pairs, key=lambda p: (-p[1], p[0])))
        for skill_id, pairs in users.items()
    ]
