"""The store's per-skill vectors and per-role totals, from the role-skill pairs
(``skill_roles`` and ``role_totals``, see :mod:`jobcli.store.build`): what ``match`` and
``similar_roles`` rank from (:mod:`jobcli.store.match`)."""

from __future__ import annotations

import math
import sqlite3
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable

from ..analysis import others_share


def insert_vectors(
    conn: sqlite3.Connection,
    skills: int,
    dense_limit: int,
    int32_bytes: Callable[[Iterable[int]], bytes],
) -> None:
    """Fill ``skill_roles`` and ``role_totals`` from ``role_skill`` and ``role``'s totals;
    dense vectors only while roles x ``skills`` is at most ``dense_limit`` bytes."""
    roles: list[list[int]] = [[] for _ in range(skills)]
    weights: list[list[int]] = [[] for _ in range(skills)]
    tool_roles: list[list[int]] = [[] for _ in range(skills)]
    for skill, role, importance, tool in conn.execute(
        "SELECT skill, role, importance, tool FROM role_skill ORDER BY skill, role"
    ):
        roles[skill].append(role)
        weights[skill].append(importance)
        if tool:
            tool_roles[skill].append(role)
    totals = conn.execute("SELECT importance_sum, importance_squares FROM role ORDER BY pos")
    pairs = totals.fetchall()
    dense = len(pairs) * skills <= dense_limit
    # Each role's tools (analysis.tools_of), as skill positions.
    tools: list[list[int]] = [[] for _ in pairs]
    for skill, listed in enumerate(tool_roles):
        for role in listed:
            tools[role].append(skill)

    def vector(i: int) -> bytes | None:
        if not dense:
            return None
        out = bytearray(len(pairs))
        for role, importance in zip(roles[i], weights[i], strict=True):
            out[role] = importance
        return bytes(out)

    def tool_sums(i: int) -> tuple[bytes, bytes] | tuple[None, None]:
        """For a skill some role lists as a tool (else NULLs): the roles that list it, and
        in each ``analysis.tool_sum``: the sum over the role's other tools ``t`` that another
        role lists too of the share of the other roles listing ``t`` that use the skill."""
        if not tool_roles[i]:
            return None, None
        together: Counter[int] = Counter()
        for role in roles[i]:
            together.update(tools[role])
        given = {
            t: others_share(n, len(tool_roles[t]))
            for t, n in together.items()
            if len(tool_roles[t]) > 1
        }
        sums = array(
            "d",
            [
                math.fsum([given[t] for t in tools[role] if t != i and t in given])
                for role in tool_roles[i]
            ],
        )
        if sys.byteorder == "big":
            sums.byteswap()
        return int32_bytes(tool_roles[i]), sums.tobytes()

    conn.executemany(
        "INSERT INTO skill_roles VALUES (?, ?, ?, ?, ?, ?)",
        (
            (i, int32_bytes(roles[i]), bytes(weights[i]), vector(i), *tool_sums(i))
            for i in range(skills)
        ),
    )
    sums = [p[0] for p in pairs]
    squares = [p[1] for p in pairs]
    # How many of its rated skills (its tools left out) each role rates at most 1, 2, 3, 4
    # and 5: five counts a role, for match's standing of a rated skill.
    counts = [0] * (5 * len(pairs))
    for role, importance, n in conn.execute(
        "SELECT role, importance, count(*) FROM role_skill WHERE NOT tool GROUP BY role, importance"
    ):
        for at in range(5 * role + importance - 1, 5 * role + 5):
            counts[at] += n
    conn.execute(
        "INSERT INTO role_totals VALUES (0, ?, ?, ?, ?)",
        (
            int32_bytes(sums),
            int32_bytes(squares),
            int32_bytes(counts),
            # How many of each role's tools another role lists too (for a tool's standing).
            int32_bytes(sum(len(tool_roles[t]) > 1 for t in listed) for listed in tools),
        ),
    )
