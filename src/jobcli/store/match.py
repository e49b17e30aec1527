"""Ranking from the store's per-skill vectors: ``match`` (:meth:`jobcli.store.query.Store.match`),
and the dot products of ``similar_roles`` (:func:`weighted_sums`).

The order is :func:`jobcli.analysis.match_roles`'s: by how many of the skills a
role uses, then by their weight (the sum of their importances in the role),
then by fit. A fit needs a few lookups per role, so :func:`rank` takes the roles
level by level — all the skills, then one fewer — and within a level the
heaviest first, and stops as soon as it has enough: on 20,000 roles, a few
hundred fits instead of thousands.

:class:`Standing` gives each role's standing (:func:`jobcli.analysis.standing`) from the
store's per-role counts and tools. Two layouts of the same vectors answer the
questions :func:`rank` asks:

- :class:`Dense` (``skill_roles.dense``: one byte a role, its importance or 0),
  when the store holds them (every catalog but a huge one, see
  :data:`jobcli.store.build.DENSE_LIMIT`). Lane arithmetic on big integers
  counts uses and sums weights for every role at once, in C: summing the bytes
  of several vectors as one integer adds them role by role, as no sum reaches 256.
- :class:`Sparse` (``skill_roles.roles``/``importances``: the roles that need
  the skill), a dict per skill.
"""

# No ``from __future__ import annotations``: see jobcli.domain (named tuples).

import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, groupby, repeat
from operator import itemgetter

from ..analysis import STANDING_SHARE, TOOL_PRIOR, mixed_standing, others_share
from .rows import int32_array

#: Skills a dense ranking takes at most: 51 x importance 5 = 255 still fits a byte.
MAX_DENSE_SKILLS = 51

RankKey = tuple[int, int, float, int]


class Dense:
    """The vectors of the skills asked about, one byte per role (importance, or 0)."""

    def __init__(self, vectors: Sequence[bytes]) -> None:
        self.vectors = vectors
        self.count = len(vectors)
        size = len(vectors[0])
        used = [v.translate(_NONZERO) for v in vectors]
        self._uses = _lane_sum(used, size)
        self._weights = _lane_sum(vectors, size)
        #: How many roles use any of the skills.
        self.total = size - self._uses.count(0)

    def level(self, uses: int) -> list[int]:
        """The positions of the roles that use exactly ``uses`` of the skills."""
        return list(compress(range(len(self._uses)), self._uses.translate(_equal_to(uses))))

    def weights(self, positions: Sequence[int]) -> Iterable[int]:
        return map(self._weights.__getitem__, positions)

    def importances(self, pos: int) -> list[int]:
        return [v[pos] for v in self.vectors]


class Sparse:
    """The vectors of the skills asked about as ``{role position: importance}``, one a skill."""

    def __init__(self, per_skill: Sequence[dict[int, int]]) -> None:
        self.per_skill = per_skill
        self.count = len(per_skill)
        first, rest = per_skill[0], per_skill[1:]
        self._all = set(first).intersection(*rest)
        self.total = len(first.keys() | set().union(*rest))
        self._levels: dict[int, list[int]] | None = None

    def level(self, uses: int) -> list[int]:
        if uses == self.count:  # by a set intersection; the rest counted only when asked
            return list(self._all)
        if self._levels is None:
            counted: Counter[int] = Counter()
            for held in self.per_skill:
                counted.update(held.keys())
            self._levels = {}
            for pos, n in counted.items():
                self._levels.setdefault(n, []).append(pos)
        return self._levels.get(uses, [])

    def weights(self, positions: Sequence[int]) -> Iterable[int]:
        importances = [map(held.get, positions, repeat(0)) for held in self.per_skill]
        return map(sum, zip(*importances, strict=True))

    def importances(self, pos: int) -> list[int]:
        return [held.get(pos, 0) for held in self.per_skill]


class Asked:
    """A skill asked about, as ``skill_roles`` holds it (see :mod:`jobcli.store.build`)."""

    __slots__ = ("dense", "id", "importances", "pos", "roles", "tool_sums", "tools")

    def __init__(
        self,
        pos: int,
        id: str,
        roles: bytes,
        importances: bytes,
        dense: bytes | None,
        tools: bytes | None,
        tool_sums: bytes | None,
    ) -> None:
        self.pos, self.id, self.roles, self.importances = pos, id, roles, importances
        self.dense, self.tools, self.tool_sums = dense, tools, tool_sums


class Standing:
    """:func:`jobcli.analysis.standing` of the roles for the skills asked about, from the
    store (``column(name)`` reads a blob of ``role_totals``): each role's counts of rated
    skills up to each importance, and for a tool the sums ``analysis.tool_sum``.
    ``standing(pos, importances)`` (each skill's importance in the role, 0 when unused) for
    one role, :meth:`many` for a group; each value is kept in :attr:`values`. The core's
    arithmetic on the same numbers: the same floats come out (tests/test_store_queries.py)."""

    def __init__(self, asked: Sequence[Asked], column: Callable[[str], bytes]) -> None:
        self.asked = asked
        self.values: dict[int, float] = {}
        self._at_most = int32_array(column("rated_at_most"))
        roles = len(self._at_most) // 5
        # Per skill asked about: {role listing it as a tool: analysis.tool_sum}, or None;
        # TOOL_PRIOR x its ToolOdds.prior; and 1 when more than one role lists it as a tool
        # (then it is one of the tools_shared of a role listing it, not one of its others).
        self._sums: list[dict[int, float] | None] = []
        self._prior: list[float] = []
        self._elsewhere: list[int] = []
        for a in asked:
            listing = int32_array(a.tools) if a.tools else None
            self._sums.append(
                None if listing is None else dict(zip(listing, _float64(a.tool_sums), strict=True))
            )
            self._prior.append(TOOL_PRIOR * others_share(len(a.roles) // 4, roles))
            self._elsewhere.append(1 if listing is not None and len(listing) > 1 else 0)
        self._any_tool = any(sums is not None for sums in self._sums)
        if self._any_tool:
            self._shared = int32_array(column("tools_shared"))

    def _rated(self, pos: int, least: int) -> float:
        """As ``analysis.rated_standing``: the share of the role's rated skills below ``least``."""
        at = 5 * pos
        compared = self._at_most[at + 4]
        below = self._at_most[at + least - 2] if least > 1 else 0
        return below / compared if compared else 0.0

    def __call__(self, pos: int, importances: Sequence[int]) -> float:
        """The standing of the role at ``pos``, using the skills asked about as important
        as ``importances`` says (0: unused)."""
        least = 6
        rated = 0
        tools = []
        for i, (importance, sums) in enumerate(zip(importances, self._sums, strict=True)):
            if not importance:
                continue
            if sums is not None and pos in sums:
                tools.append(i)
            else:
                rated += 1
                least = min(least, importance)
        share = self._rated(pos, least) if rated else 0.0
        if not tools:
            value = self.values[pos] = share
            return value
        parts = []
        shared = self._shared[pos] + TOOL_PRIOR
        for i in tools:
            sums = self._sums[i]
            assert sums is not None
            # As analysis.tool_standing: the role's other tools that other roles list too.
            parts.append((sums[pos] + self._prior[i]) / (shared - self._elsewhere[i]))
        value = self.values[pos] = mixed_standing(share, rated, parts)
        return value

    def many(
        self,
        positions: Sequence[int],
        uses: int,
        weight: int,
        importances: Callable[[int], Sequence[int]] | None = None,
    ) -> list[float]:
        """The standing of each role at ``positions``, each using ``uses`` of the skills with
        a sum of importances ``weight`` (``importances(pos)``: as for one role; None when
        one skill was asked about)."""
        if uses != 1 or (self._any_tool and len(self.asked) > 1):
            assert importances is not None
            return [self(pos, importances(pos)) for pos in positions]
        # One skill used, of importance ``weight``: a rated one, or the one tool asked about.
        values = self.values
        out = []
        sums = self._sums[0] or {}
        if sums:
            shared, prior = self._shared, self._prior[0]
            count = TOOL_PRIOR - self._elsewhere[0]
        for pos in positions:
            total = sums.get(pos)
            if total is None:
                value = self._rated(pos, weight)
            else:  # as __call__, in line: a big group asks it of every role
                value = (total + prior) / (shared[pos] + count)
            out.append(value)
            values[pos] = value
        return out

    def of_users(self, users: Iterable[tuple[int, int]]) -> dict[int, float]:
        """The standing of the roles ``users`` (position, importance) of the one skill asked
        about (``skill_users``' order)."""
        by_importance: dict[int, list[int]] = {}
        for pos, importance in users:
            by_importance.setdefault(importance, []).append(pos)
        for importance, positions in by_importance.items():
            self.many(positions, 1, importance)  # one skill: the weight is its importance
        return self.values


def vectors_of(asked: Sequence[Asked]) -> Dense | Sparse:
    """The vectors of the skills asked about: :class:`Dense` when the store holds them (and
    they are at most :data:`MAX_DENSE_SKILLS`), else :class:`Sparse`."""
    dense = [a.dense for a in asked if a.dense is not None]
    if len(asked) <= MAX_DENSE_SKILLS and len(dense) == len(asked):
        return Dense(dense)
    return Sparse([dict(zip(int32_array(a.roles), a.importances, strict=True)) for a in asked])


def _float64(data: bytes | None) -> "array[float]":
    """A little-endian float64 array stored by ``jobcli.store.vectors``."""
    values = array("d")
    values.frombytes(data or b"")
    if sys.byteorder == "big":
        values.byteswap()
    return values


def rank(
    vectors: Dense | Sparse, limit: int | None, totals: Sequence[int], standing: Standing
) -> list[RankKey]:
    """The rank keys (:func:`jobcli.analysis.rank_key`) of the best ``limit`` roles (all
    with None), best first; ``totals``: each role's sum of importances."""
    import heapq

    want = vectors.total if limit is None else min(limit, vectors.total)
    ranked: list[RankKey] = []
    stands_share, cover_share = STANDING_SHARE, 1 - STANDING_SHARE
    for uses in range(vectors.count, 0, -1):
        if len(ranked) >= want:
            break
        positions = vectors.level(uses)
        weighed = zip(vectors.weights(positions), positions, strict=True)
        for weight, group in groupby(sorted(weighed, key=_FIRST, reverse=True), key=_FIRST):
            if len(ranked) >= want:
                break
            members = [pos for _, pos in group]
            stands = standing.many(members, uses, weight, vectors.importances)
            # rank_key(uses, weight, fit, pos), with the fit as analysis.match_score's.
            keys = [
                (
                    -uses,
                    -weight,
                    -(stands_share * s + cover_share * min(1.0, weight / totals[pos])),
                    pos,
                )
                for pos, s in zip(members, stands, strict=True)
            ]
            ranked += sorted(keys) if limit is None else heapq.nsmallest(want - len(ranked), keys)
    return ranked


_FIRST = itemgetter(0)
#: ``bytes.translate`` tables: any importance to 1; one count to 1, others to 0.
_NONZERO = bytes([0] + [1] * 255)


def weighted_sums(vectors: Sequence[bytes], weights: Sequence[int]) -> "array[int] | None":
    """``sum(weight * vector)`` role by role, for dense vectors (one byte a role): one
    big-integer multiplication and addition a skill, in 16-bit lanes. None when a sum could
    reach 2**16 (then the caller sums the sparse vectors)."""
    import sys
    from array import array

    if not vectors or 5 * sum(weights) >= 1 << 16:
        return None
    size = len(vectors[0])
    wide = bytearray(2 * size)  # each role's importance as the low byte of a 16-bit lane
    total = 0
    for vector, weight in zip(vectors, weights, strict=True):
        wide[0::2] = vector
        total += weight * int.from_bytes(wide, "little")
    sums = array("H")
    sums.frombytes(total.to_bytes(2 * size, "little"))
    if sys.byteorder == "big":
        sums.byteswap()
    return sums


def _equal_to(value: int) -> bytes:
    return bytes(256)[:value] + b"\1" + bytes(255 - value)


def _lane_sum(vectors: Iterable[bytes], size: int) -> bytes:
    """The role-by-role sum of byte vectors (each sum below 256), as one addition in C."""
    return sum(int.from_bytes(v, "little") for v in vectors).to_bytes(size, "little")
