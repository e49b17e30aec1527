"""Ranking from the store's per-skill vectors: ``match`` (:meth:`jobcli.store.query.Store.match`),
and the dot products of ``similar_roles`` (:func:`weighted_sums`).

The order is :func:`jobcli.analysis.match_roles`'s: by how many of the skills a
role uses, then by their weight (the sum of their importances in the role),
then by fit. A fit needs a few lookups per role, so :func:`rank` takes the roles
level by level — all the skills, then one fewer — and within a level the
heaviest first, and stops as soon as it has enough: on 20,000 roles, a few
hundred fits instead of thousands.

Two layouts of the same vectors answer the questions :func:`rank` asks:

- :class:`Dense` (``skill_roles.dense``: one byte a role, its importance or 0),
  when the store holds them (every catalog but a huge one, see
  :data:`jobcli.store.build.DENSE_LIMIT`). Lane arithmetic on big integers
  counts uses and sums weights for every role at once, in C: summing the bytes
  of several vectors as one integer adds them role by role, as no sum reaches 256.
- :class:`Sparse` (``skill_roles.roles``/``importances``: the roles that need
  the skill), a dict per skill.
"""

# No ``from __future__ import annotations``: see jobcli.domain (named tuples).

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, groupby, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from ..analysis import match_score, rank_key

if TYPE_CHECKING:
    from array import array

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


def rank(
    vectors: Dense | Sparse,
    wanted: int,
    limit: int | None,
    totals: Sequence[int],
    standing: Callable[[int, int], float],
) -> list[RankKey]:
    """The rank keys (:func:`jobcli.analysis.rank_key`) of the best ``limit`` roles (all
    with None), best first; ``wanted``: how many skills were asked about (found or not)."""
    import heapq

    want = vectors.total if limit is None else min(limit, vectors.total)
    ranked: list[RankKey] = []
    for uses in range(vectors.count, 0, -1):
        if len(ranked) >= want:
            break
        positions = vectors.level(uses)
        weighed = zip(vectors.weights(positions), positions, strict=True)
        for weight, group in groupby(sorted(weighed, key=_FIRST, reverse=True), key=_FIRST):
            if len(ranked) >= want:
                break
            keys = []
            for _, pos in group:
                least = min([i for i in vectors.importances(pos) if i])
                _, _, fit = match_score(uses, weight, totals[pos], wanted, standing(pos, least))
                keys.append(rank_key(uses, weight, fit, pos))
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
