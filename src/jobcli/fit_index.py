"""The fit of one role to every other, on demand: what ``next`` and ``path`` rank by.

A move's fit (:func:`jobcli.fit.role_fit`) is a weighted sum of two cosines, of the
roles' word vectors and of their skill vectors. Both are sparse, so the fits of one
source to all targets are sums over *postings*: for each word (or skill) of the source,
the roles having it and their weight. The store keeps each role's two vectors and the
postings (:func:`build`); ``next`` reads the source's vectors and the postings of its
words and skills, a few thousand numbers, rather than comparing all pairs at compile
time (see docs/ARCHITECTURE.md, "Speed decisions").
"""

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from .domain import Role
from .fit import SKILL_SHARE, Weights, skill_vector, stretch_factor, work_vector

#: A posting list: the positions of the roles having a word (or skill), and its weight in each.
Posting = tuple[Sequence[int], Sequence[float]]


class Index(NamedTuple):
    """Every role's vectors and the postings of their words and skills."""

    words: list[dict[str, float]]
    skills: list[dict[str, float]]
    word_postings: dict[str, Posting]
    skill_postings: dict[str, Posting]
    #: Each role's Job Zone (None when unknown).
    zones: list[int | None]


def build(
    roles: Sequence[Role], weights: Weights, counted: Sequence[Mapping[str, int]] | None = None
) -> Index:
    """The vectors and postings of ``roles`` (positions are their order); ``counted``:
    their :func:`~jobcli.work_words.work_words`, when already counted."""
    words = [
        work_vector(r, weights, None if counted is None else counted[n])
        for n, r in enumerate(roles)
    ]
    skills = [skill_vector(r, weights) for r in roles]
    return Index(words, skills, _postings(words), _postings(skills), [r.job_zone() for r in roles])


def _postings(vectors: Sequence[Mapping[str, float]]) -> dict[str, Posting]:
    """Each key's roles (ascending) and weights; a key of one role only is left out: it
    makes no role like another."""
    out: dict[str, tuple[list[int], list[float]]] = {}
    for pos, vec in enumerate(vectors):
        for key, v in vec.items():
            entry = out.get(key)
            if entry is None:
                entry = out[key] = ([], [])
            entry[0].append(pos)
            entry[1].append(v)
    return {k: v for k, v in out.items() if len(v[0]) > 1}


def fits_from(
    source: int,
    words: Sequence[str],
    skills: Sequence[str],
    postings: Callable[[int, Sequence[str]], Mapping[str, Posting]],
    zones: Sequence[int | None],
    skilled: Sequence[bool],
) -> list[float]:
    """The fit of the role at ``source``, with these words and skills, to every role, by
    position: ``(work + SKILL_SHARE x likeness) / (1 + SKILL_SHARE)`` where both have
    skills, the work's likeness alone where either has none, less a stretch's penalty.
    ``postings(kind, keys)``: the postings of words (kind 0) or skills (kind 1), the
    source's own weight among them; ``skilled[p]``: whether role ``p`` has skills."""
    n = len(zones)
    sums = []
    for kind, keys in ((0, words), (1, skills)):
        acc = [0.0] * n
        for positions, values in postings(kind, keys).values() if keys else ():
            v = values[bisect_left(positions, source)]  # the source's own weight
            for p, x in zip(positions, values, strict=True):
                acc[p] += v * x
        sums.append(acc)
    work, like = sums
    zone = zones[source]
    # What a move keeps for its step in Job Zone, by the target's zone.
    keeps = {
        to: stretch_factor(None if to is None or zone is None else to - zone) for to in set(zones)
    }
    if not skilled[source]:
        return [(w if w < 1.0 else 1.0) * keeps[to] for w, to in zip(work, zones, strict=True)]
    share = SKILL_SHARE
    both = 1.0 / (1.0 + share)
    return [
        ((w if w < 1.0 else 1.0) + share * (k if k < 1.0 else 1.0)) * both * keeps[to]
        if has
        else (w if w < 1.0 else 1.0) * keeps[to]
        for w, k, has, to in zip(work, like, skilled, zones, strict=True)
    ]


def works_from(
    source: int,
    words: Sequence[str],
    postings: Callable[[int, Sequence[str]], Mapping[str, Posting]],
    n: int,
) -> list[float]:
    """The likeness of the work of the role at ``source`` (its ``words``) to each of ``n``
    roles', by position: the work part of :func:`fits_from` alone (``next --me`` weighs it
    with a person's skills)."""
    acc = [0.0] * n
    for positions, values in postings(0, words).values() if words else ():
        v = values[bisect_left(positions, source)]
        for p, x in zip(positions, values, strict=True):
            acc[p] += v * x
    return [w if w < 1.0 else 1.0 for w in acc]


def index_fits(index: Index, source: int) -> list[float]:
    """The fit of the role at ``source`` to every role of ``index`` (itself included)."""

    def postings(kind: int, keys: Sequence[str]) -> Mapping[str, Posting]:
        table = index.skill_postings if kind else index.word_postings
        return {k: table[k] for k in keys if k in table}

    return fits_from(
        source,
        list(index.words[source]),
        list(index.skills[source]),
        postings,
        index.zones,
        [bool(v) for v in index.skills],
    )


def best(fits: Sequence[float], k: int, skip: int | None = None) -> list[tuple[int, float]]:
    """The ``k`` best (position, fit), best first (then by position), ``skip`` left out."""
    # A stable sort, reversed, keeps equal fits in ascending position; the key is C's own.
    order = sorted(range(len(fits)), key=fits.__getitem__, reverse=True)
    return [(p, fits[p]) for p in order if p != skip][:k]
