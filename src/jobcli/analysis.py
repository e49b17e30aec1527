"""Compare, match, gap and similarity: pure functions of the catalog's values.

No I/O and no printing: every function takes typed values and returns typed
values, so the views and the JSON output can both be built from them.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

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
    #: How far the skills asked about stand out in the role (see :func:`standing`).
    standing: float = 0.0


#: How much standing (your skills above the rest of the role) and coverage each count
#: in ``fit``, the tie-break of roles that use as many of your skills, as importantly.
STANDING_SHARE = 0.9
#: How many tools' worth of the catalog-wide share a tool's standing starts from (see
#: :func:`tool_standing`): one other tool says little about a role (measured: with no
#: prior, roles listing Excel and one other tool opened ``match excel``).
TOOL_PRIOR = 2


def tools_of(role: Role) -> list[str]:
    """The ids of the role's tools: the skills its source lists without rating them
    (O*NET's in-demand technologies, each given the importance 4), where the source rates
    other skills of the role or none of them (``skills_rated`` false). A catalog that rates
    nothing (the bundled seven roles) has no tools: its importances are its author's own."""
    unrated = [s.id for s in role.skills if s.rated is None]
    if role.skills_rated and len(unrated) == len(role.skills):
        return []
    return unrated


def others_share(count: int, total: int) -> float:
    """``(count - 1) / (total - 1)``: a share among the other items, one of the ``count``
    being the one asked about (0 when there is no other)."""
    return (count - 1) / (total - 1) if total > 1 else 0.0


class ToolOdds:
    """How likely a role is to use one tool, read from the other roles of the catalog.

    ``prior``: the share of the other roles that use the tool; ``given[t]``: the share of
    the other roles listing the tool ``t`` that use it too (for every tool ``t`` that a role
    using it lists, and another role lists too). (A plain class: a named tuple would cost
    every command that imports this module its creation.)
    """

    __slots__ = ("given", "prior")

    def __init__(self, prior: float, given: Mapping[str, float]) -> None:
        self.prior = prior
        self.given = given


def tool_odds(roles: Sequence[Role], skill_ids: Collection[str]) -> dict[str, ToolOdds]:
    """:class:`ToolOdds` of each of ``skill_ids`` over the catalog's ``roles``."""
    listing: dict[str, int] = {}  # tool -> how many roles list it
    users = dict.fromkeys(skill_ids, 0)
    together: dict[str, dict[str, int]] = {q: {} for q in skill_ids}
    for role in roles:
        tools = tools_of(role)
        for t in tools:
            listing[t] = listing.get(t, 0) + 1
        for s in role.skills:
            if s.id in users:
                users[s.id] += 1
                counts = together[s.id]
                for t in tools:
                    counts[t] = counts.get(t, 0) + 1
    return {
        q: ToolOdds(
            others_share(users[q], len(roles)),
            {t: others_share(n, listing[t]) for t, n in together[q].items() if listing[t] > 1},
        )
        for q in skill_ids
    }


def tool_sum(tools: Iterable[str], tool: str, given: Mapping[str, float]) -> float:
    """The sum of ``given`` (:class:`ToolOdds`) over a role's ``tools`` but ``tool`` (exact:
    :func:`math.fsum`, whatever the order; the store keeps it for every role's tool)."""
    return math.fsum([given[t] for t in tools if t != tool and t in given])


def tool_standing(total: float, known: int, prior: float) -> float:
    """How well a tool of yours belongs in a role: the mean, over the ``known`` other tools
    of the role that other roles list too, of the share of those other roles that use
    yours (``total``: the sum of those shares, :func:`tool_sum`), with :data:`TOOL_PRIOR`
    tools' worth of the share of all other roles that use it (``prior``)."""
    return (total + TOOL_PRIOR * prior) / (known + TOOL_PRIOR)


def rated_standing(below: int, compared: int) -> float:
    """The share of a role's rated skills (``compared``) less important than the least
    important of yours it uses (``below`` of them): how far yours stand above the rest."""
    return below / compared if compared else 0.0


def mixed_standing(rated: float, rated_uses: int, tools: Sequence[float]) -> float:
    """The mean over the skills of yours a role uses of each one's standing: ``rated`` for
    each of the ``rated_uses`` rated ones, ``tools`` one for each tool. (Without tools,
    ``rated`` itself, and one tool alone its own: the store computes those so, in line.)"""
    if not tools:
        return rated
    if not rated_uses and len(tools) == 1:
        return tools[0]
    return math.fsum([rated * rated_uses, *tools]) / (rated_uses + len(tools))


def standing(
    role: Role, have: Collection[str], odds: Mapping[str, ToolOdds] | None = None
) -> float:
    """How far the skills ``have`` stand out in ``role``, in [0, 1]; like is compared with
    like. A rated skill against the role's other rated skills: the share of them less
    important than the least important of yours (a role that needs nothing else: 0). A
    tool (:func:`tools_of`; O*NET does not rate tools, and gives each the same importance)
    by how well it belongs with the role's other tools (:func:`tool_standing`, from
    ``odds``: :func:`tool_odds`; 0 without them). Then the mean over your skills."""
    tools = tools_of(role)
    is_tool = frozenset(tools)
    importances = [s.importance for s in role.skills if s.id not in is_tool]
    held = [s.importance for s in role.skills if s.id in have and s.id not in is_tool]
    least = min(held, default=0)
    share = rated_standing(sum(1 for i in importances if i < least), len(importances))
    parts = []
    for q in (t for t in tools if t in have):
        known = odds.get(q) if odds is not None else None
        if known is None:
            parts.append(0.0)
            continue
        given = known.given
        count = sum(1 for t in tools if t != q and t in given)
        parts.append(tool_standing(tool_sum(tools, q, given), count, known.prior))
    return mixed_standing(share, len(held), parts)


def match_score(
    uses: int, weight: int, total: int, wanted: int, stands: float = 0.0
) -> tuple[float, float, float]:
    """``(score, coverage, fit)`` of a role that uses ``uses`` of ``wanted`` skills.

    - ``coverage`` = ``weight / total``: the share of the role's total importance
      (``total``, the sum over all its skills) that the skills used make up.
    - ``fit`` = ``0.9 * standing + 0.1 * coverage`` (``stands``: see :func:`standing`):
      among roles that use as many of the skills, as importantly, those where the skills
      stand out come first, and coverage only breaks near-ties; coverage alone would put
      the roles that need the fewest skills first.
    - ``score`` = ``(uses - 1 + (weight - uses + fit) / (4 * uses + 1)) / wanted``.

    The score orders roles exactly as the ranking does: by ``uses``, then ``weight``
    (importance is an integer 1-5, so ``weight - uses`` lies in ``0 .. 4 * uses``),
    then ``fit`` (in (0, 1]); it lies in (0, 1]. A role using none of the skills scores
    0, and a role with no skills never divides by zero.
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


def match_role(
    role: Role,
    have: Collection[str],
    wanted: int | None = None,
    odds: Mapping[str, ToolOdds] | None = None,
    stands: float | None = None,
) -> Match:
    """One role against the skills ``have`` (``wanted``: how many were asked about);
    ``odds``: the catalog's :func:`tool_odds` of them, or ``stands``: the standing."""
    held = [s for s in role.skills if s.id in have]
    missing = [s for s in role.skills if s.id not in have]
    weight = sum(s.importance for s in held)
    total = weight + sum(s.importance for s in missing)
    if stands is None:
        stands = standing(role, have, odds) if held else 0.0
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
    role (sum of their importance); then they stand out further in the role
    (:func:`standing`) and cover more of it (``fit``, see :func:`match_score`); then
    the catalog's order. Roles using none of the skills are left out. With ``limit``,
    the best ``limit``.
    """
    have = frozenset(have)
    pool = list(roles)
    odds = tool_odds(pool, have)
    ranked = []
    for at, role in enumerate(pool):
        if any(s.id in have for s in role.skills):
            m = match_role(role, have, len(have), odds)
            total = sum(s.importance for s in role.skills)
            _, _, fit = match_score(m.uses, m.weight, total, len(have), m.standing)
            ranked.append((rank_key(m.uses, m.weight, fit, at), m))
    ranked.sort(key=lambda entry: entry[0])
    return [m for _, m in (ranked if limit is None else ranked[:limit])]


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
