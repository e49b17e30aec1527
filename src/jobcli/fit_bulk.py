"""Every role's fit to every other, at once: what the store keeps for ``next`` and ``path``.

The same formula as :func:`jobcli.fit.role_fit`, for all pairs of a catalog in pure
Python: a role's column (the fit of every source to it) is a weighted sum of per-skill
and per-word vectors over all roles, each packed into one big integer with a 64-bit
lane per role, so that the sums run in C (Python's integer arithmetic) rather than in
a loop over roles. Values are fixed-point (:data:`ONE`), exact to about 1e-5.
"""

import math
from array import array
from collections.abc import Sequence

from .domain import Role
from .fit import (
    WORK_SHARE,
    ZONE_PENALTY,
    Weights,
    distinctiveness,
    work_vector,
)

#: Fixed-point one of credits and word weights.
ONE = 1 << 20
_LANE = 64


def _pack(values: dict[int, int], size: int) -> int:
    lanes = array("Q", bytes(8 * size))
    for pos, v in values.items():
        lanes[pos] = v
    return int.from_bytes(lanes.tobytes(), "little")


def _unpack(packed: int, size: int) -> array:  # type: ignore[type-arg]
    out = array("Q")
    out.frombytes(packed.to_bytes(8 * size, "little"))
    return out


def fit_columns(roles: Sequence[Role], weights: Weights) -> list[list[float]]:
    """``cols[t][s]``: the fit of a person in ``roles[s]`` to ``roles[t]`` (1.0 on the diagonal)."""
    size = len(roles)
    levels: dict[str, dict[int, float | None]] = {}
    for pos, role in enumerate(roles):
        for s in role.skills:
            levels.setdefault(s.id, {})[pos] = s.level
    credits: dict[tuple[str, float | None], int] = {}

    def credit_vector(skill: str, need: float | None) -> int:
        # credit() inlined: this runs for every holder of every (skill, level needed).
        q = None if need is None else math.floor(need * 4) / 4
        key = (skill, q)
        if key not in credits:
            have = levels[skill]
            if q is None or q <= 0:
                values = dict.fromkeys(have, ONE)
            else:
                scale = ONE / q
                values = {
                    p: ONE if lv is None or lv >= q else max(0, int(lv * scale + 0.5))
                    for p, lv in have.items()
                }
            credits[key] = _pack(values, size)
        return credits[key]

    vectors = [work_vector(r, weights) for r in roles]
    postings: dict[str, dict[int, int]] = {}
    for pos, vec in enumerate(vectors):
        for w, v in vec.items():
            postings.setdefault(w, {})[pos] = round(v * ONE)
    packed_words = {w: _pack(p, size) for w, p in postings.items()}
    zones = [r.job_zone() for r in roles]
    unit = 1.0 / (ONE * ONE)
    # factor[(zone, both parts)][s]: the scale of source s's sum in a target of that Job
    # Zone: the parts' mean (or the one part), less the penalty of a stretch.
    factors: dict[tuple[int | None, bool], list[float]] = {}

    def factor(zone: int | None, both: bool = True) -> list[float]:
        if (zone, both) not in factors:
            factors[zone, both] = [
                unit
                * (
                    ZONE_PENALTY ** (zone - z - 1)
                    if zone is not None and z is not None and zone - z > 1
                    else 1.0
                )
                for z in zones
            ]
        return factors[zone, both]

    cols = []
    for t, target in enumerate(roles):
        dist = distinctiveness(target, weights)
        total = sum(dist.values())
        both = total > 0 and bool(vectors[t])
        # The parts' weighted mean (or the one part there is), summed in one integer.
        skill_share = (1 - WORK_SHARE) if both else 1.0
        word_share = WORK_SHARE if both else 1.0
        acc = 0
        if total > 0:
            for s in target.skills:
                scale = round(dist[s.id] / total * skill_share * ONE)
                acc += scale * credit_vector(s.id, s.level)
        if vectors[t]:
            for w, v in vectors[t].items():
                acc += round(v * word_share * ONE) * packed_words[w]
        col = [v * f for v, f in zip(_unpack(acc, size), factor(zones[t]), strict=False)]
        col[t] = 1.0
        cols.append(col)
    return cols


def nearest(cols: Sequence[Sequence[float]], k: int) -> list[list[tuple[int, float]]]:
    """For each source, its ``k`` best targets (position, fit), best first, itself left out."""
    out = []
    for s, row in enumerate(zip(*cols, strict=False)):
        best = sorted(range(len(row)), key=row.__getitem__, reverse=True)[: k + 1]
        out.append([(t, min(1.0, row[t])) for t in best if t != s][:k])
    return out
