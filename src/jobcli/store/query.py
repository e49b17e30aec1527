"""The :class:`Store`: every question the commands ask of a catalog, answered by SQL.

One SQLite connection to a database of :mod:`jobcli.store.build` (a cache file, or
in memory), read only as far as a question needs. Values pass as parameters, and
full-text queries are quoted token by token (:func:`quote_fts`): no input is syntax.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..domain import SOC_MAJOR_GROUPS, Catalog, Role, RoleLine, Skill
from .decode import (
    LINE_COLUMNS,
    ROLE_COLUMNS,
    encodable,
    lines_from_rows,
    role_from_row,
    skill_from_row,
)
from .rows import guard_decoding

if TYPE_CHECKING:
    # Imported by the questions that need them, not by every call (``show ID`` needs none).
    from ..analysis import SkillUse
    from .match import Standing
    from .rows import Family, MatchResult, SearchHit, SkillUser


class Store:
    """A validated catalog compiled into SQLite; see ``docs/ARCHITECTURE.md``.

    Built by :func:`jobcli.store.open_store`. ``notes`` holds what a person may want
    to know about where the answers come from (e.g. "the cache folder is not safe,
    answering from memory"); the store never prints.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        origin: str,
        *,
        persistent: bool,
        notes: Sequence[str] = (),
        recover: Callable[[], sqlite3.Connection] | None = None,
    ) -> None:
        self._conn = conn
        #: The catalog file the store was compiled from (for messages).
        self.origin = origin
        #: True when answers come from a store file in the cache, False from memory.
        self.persistent = persistent
        self.notes: list[str] = list(notes)
        self._recover = recover
        meta = dict(
            self._rows(
                "SELECT key, value FROM meta WHERE key IN (?, ?)", ("source", "schema_version")
            )
        )
        #: The catalog's ``source`` text (attribution).
        self.source: str = meta.get("source", "")
        self.schema_version = int(meta.get("schema_version", "0"))

    # plumbing ------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """All rows of a query; a store file found damaged mid-way is replaced once."""
        if any(type(p) is str and not p.isascii() for p in params):
            params = [encodable(p) if type(p) is str else p for p in params]
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError:
            if not self._replace_damaged():
                raise
            return self._conn.execute(sql, params).fetchall()

    def _replace_damaged(self) -> bool:
        """Answer from the catalog, in memory, from now on; False if there is no file."""
        if self._recover is None:
            return False
        recover, self._recover = self._recover, None
        self._conn = recover()
        self.persistent = False
        return True

    def close(self) -> None:
        """Close the connection (also done when the store is garbage collected)."""
        self._conn.close()

    # counts, items -------------------------------------------------------------------------

    def role_count(self) -> int:
        """How many roles the catalog has."""
        return int(self._rows("SELECT count(*) FROM role")[0][0])

    def role(self, role_id: str) -> Role:
        """The role with this id; KeyError if there is none."""
        rows = self._rows(f"SELECT {ROLE_COLUMNS} FROM role WHERE id = ?", (role_id,))
        if not rows:
            raise KeyError(role_id)
        return role_from_row(rows[0])

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id; KeyError if there is none."""
        rows = self._rows(
            "SELECT id, name, kind, description, aliases FROM skill WHERE id = ?", (skill_id,)
        )
        if not rows:
            raise KeyError(skill_id)
        return skill_from_row(rows[0])

    def skills(self, ids: Iterable[str] | None = None) -> list[Skill]:
        """Every skill, in catalog order; or those of ``ids`` (catalog order, unknown skipped):
        what a view needs to name the skills of the roles it shows."""
        sql = "SELECT id, name, kind, description, aliases FROM skill"
        if ids is None:
            return [skill_from_row(r) for r in self._rows(f"{sql} ORDER BY pos")]
        wanted = list(dict.fromkeys(ids))
        out: list[Skill] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            out += map(
                skill_from_row,
                self._rows(
                    f"{sql} WHERE id IN ({', '.join('?' * len(chunk))}) ORDER BY pos", chunk
                ),
            )
        if len(wanted) > 500:  # several chunks: back into catalog order
            order = dict(self._rows("SELECT id, pos FROM skill"))
            out.sort(key=lambda s: order[s.id])
        return out

    def roles(
        self,
        ids: Iterable[str] | None = None,
        *,
        skill: str | None = None,
        family: str | None = None,
    ) -> Iterator[Role]:
        """Roles in catalog order; or those of ``ids`` (in that order, unknown ids skipped);
        or those needing ``skill`` (as :meth:`skill_users`: most important first, then by
        standing); or those of SOC major group ``family`` ("15"); ``skill`` and ``family``
        combine."""
        if ids is not None:
            for role_id in ids:
                rows = self._rows(f"SELECT {ROLE_COLUMNS} FROM role WHERE id = ?", (role_id,))
                if rows:
                    yield role_from_row(rows[0])
            return
        for row in self._selected(ROLE_COLUMNS, skill, family):
            yield role_from_row(row)

    def role_lines(self, *, skill: str | None = None, family: str | None = None) -> list[RoleLine]:
        """What ``list`` shows of the roles :meth:`roles` selects, in the same order: read as
        stored, no role decoded (a 2,000-role list reads a few columns, not every field)."""
        return lines_from_rows(self._selected(LINE_COLUMNS, skill, family, table="role_line"))

    def _selected(
        self, columns: str, skill: str | None, family: str | None, table: str = "role"
    ) -> list[Any]:
        """Rows of ``columns`` (the role's id first) of ``table`` (``role``, or ``role_line``
        for :meth:`role_lines`), read as ``role``: the roles :meth:`roles` selects."""
        where, params, order = [], [], "role.pos"
        join = ""
        if skill is not None:
            join = " JOIN role_skill rs ON rs.role = role.pos JOIN skill ON skill.pos = rs.skill"
            where.append("skill.id = ?")
            params.append(skill)
        if family is not None:
            where.append("role.family = ?")
            params.append(family)
        sql = f"SELECT {columns} FROM {table} AS role{join}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._rows(f"{sql} ORDER BY {order}", params)
        if skill is not None:  # the order of skill_users: importance, then standing
            rank = {u.role_id: i for i, u in enumerate(self.skill_users(skill))}
            rows.sort(key=lambda row: rank[row[0]])
        return rows

    def catalog(self) -> Catalog:
        """The whole catalog as domain values (every role decoded: for small catalogs)."""
        return Catalog(self.schema_version, self.source, tuple(self.skills()), tuple(self.roles()))

    def families(self) -> list[Family]:
        """The SOC major groups of the catalog's roles, by code, with their role counts."""
        from .rows import Family

        rows = self._rows(
            "SELECT family, count(*) FROM role WHERE family IS NOT NULL"
            " GROUP BY family ORDER BY family"
        )
        return [Family(code, SOC_MAJOR_GROUPS.get(code, "Unknown group"), n) for code, n in rows]

    # names ---------------------------------------------------------------------------------

    def find_role(self, name: str) -> Role:
        """The role ``name`` means (id, title, alias, O*NET code, plural, unique prefix);
        :class:`~jobcli.errors.NameLookupError` if none or several."""
        rows = self._rows(f"SELECT {ROLE_COLUMNS} FROM role WHERE id = ?", (name,))
        if rows:  # an exact id: the common case in scripts, no name rules needed
            return role_from_row(rows[0])
        from ..names import find
        from .rows import NameTable

        return find(NameTable(self, "role", self.role), name)

    def find_skill(self, name: str) -> Skill:
        """The skill ``name`` means; :class:`~jobcli.errors.NameLookupError` if none or several."""
        from ..names import find
        from .rows import NameTable

        return find(NameTable(self, "skill", self.skill), name)

    def named_skill(self, name: str) -> Skill | None:
        """The skill whose id, name or alias ``name`` is (or its plural), else None."""
        from ..names import find_named
        from .rows import NameTable

        return find_named(NameTable(self, "skill", self.skill), name)

    def complete(self, kind: str, prefix: str, limit: int = 200) -> list[str]:
        """Ids of the roles (``kind="role"``) or skills that start with ``prefix``, sorted."""
        table = "role" if kind == "role" else "skill"
        rows = self._rows(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [r[0] for r in rows]

    # skills and roles ----------------------------------------------------------------------

    def skill_users(self, skill_id: str, limit: int | None = None) -> list[SkillUser]:
        """The roles that need a skill, most important first; among equals, those where it
        stands out more (``analysis.standing``, as in ``match``), then catalog order: O*NET
        gives every tool in demand the same importance, and catalog order says nothing."""
        from .rows import SkillUser

        rows = self._rows(
            "SELECT role.pos, role.id, role.title, rs.importance FROM skill"
            " JOIN role_skill rs ON rs.skill = skill.pos JOIN role ON role.pos = rs.role"
            " WHERE skill.id = ?",
            (skill_id,),
        )
        if rows:
            stands = self._standing([skill_id]).of_users([(r[0], r[3]) for r in rows])
            rows.sort(key=lambda r: (-r[3], -stands[r[0]], r[0]))
        if limit is not None:
            rows = rows[:limit]
        return [SkillUser(rid, title, importance) for _, rid, title, importance in rows]

    def _standing(self, skill_ids: Sequence[str]) -> Standing:
        """``standing(pos, importances)`` of the roles for those of ``skill_ids`` the store
        holds (:attr:`Standing.asked`, in that order), from its per-role counts and tools."""
        from .match import Asked, Standing

        rows = self._rows(
            "SELECT skill.pos, skill.id, roles, importances, dense, tools, tool_sums FROM"
            " skill_roles JOIN skill ON skill.pos = skill_roles.skill"
            f" WHERE skill.id IN ({', '.join('?' * len(skill_ids))})",
            list(skill_ids),
        )
        return Standing([Asked(*row) for row in rows], self._totals)

    def _totals(self, name: str) -> bytes:
        """One of ``role_totals``' blobs."""
        return bytes(self._rows(f"SELECT {name} FROM role_totals")[0][0])

    def skill_usage(self) -> list[SkillUse]:
        """Every skill (catalog order) with the roles that need it, most important first."""
        from ..analysis import SkillUse

        users: dict[str, list[tuple[str, int]]] = {s.id: [] for s in self.skills()}
        rows = self._rows(
            "SELECT skill.id, role.id, rs.importance FROM role_skill rs"
            " JOIN skill ON skill.pos = rs.skill JOIN role ON role.pos = rs.role"
            " ORDER BY rs.skill, rs.importance DESC, role.id"
        )
        for skill_id, role_id, importance in rows:
            users[skill_id].append((role_id, importance))
        return [SkillUse(k, v) for k, v in users.items()]

    def match(self, skill_ids: Sequence[str], limit: int | None = None) -> MatchResult:
        """The roles using any of ``skill_ids``, best first (:func:`jobcli.analysis.match_roles`'s
        order and score), the best ``limit`` of them, and how many there are in all.

        Reads only the role-skill pairs of these skills and each role's stored totals;
        only the roles returned are decoded.
        """
        from ..analysis import match_role
        from .match import rank, vectors_of
        from .rows import MatchResult, int32_array

        wanted = list(dict.fromkeys(skill_ids))
        standing = self._standing(wanted)
        if not standing.asked:
            return MatchResult([], 0)
        vectors = vectors_of(standing.asked)
        totals = int32_array(self._totals("importance_sums"))
        ranked = rank(vectors, limit, totals, standing)
        have = frozenset(wanted)
        by_pos = self._roles_at([key[3] for key in ranked])
        matches = [
            match_role(by_pos[pos], have, len(wanted), stands=standing.values[pos])
            for *_, pos in ranked
        ]
        return MatchResult(matches, vectors.total)

    def _roles_at(self, positions: Sequence[int]) -> dict[int, Role]:
        """The roles at these catalog positions, decoded."""
        out: dict[int, Role] = {}
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            rows = self._rows(
                f"SELECT pos, {ROLE_COLUMNS} FROM role"
                f" WHERE pos IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            out.update((row[0], role_from_row(row[1:])) for row in rows)
        return out

    def similar_roles(self, role: Role, limit: int = 3) -> list[tuple[Role, float]]:
        """The roles whose skills are most like ``role``'s (cosine of importances), best first."""
        import heapq
        from itertools import compress, repeat
        from operator import mul, truediv

        from ..analysis import weighted_similarity
        from .match import weighted_sums
        from .rows import int32_array

        mine = role.importance_by_skill()
        blobs = self._rows(
            "SELECT skill.id, roles, importances, dense FROM skill_roles"
            " JOIN skill ON skill.pos = skill_roles.skill"
            f" WHERE skill.id IN ({', '.join('?' * len(mine))})",
            list(mine),
        )
        # The dot product with every role sharing a skill, from the per-skill vectors:
        # summed in C from the dense ones, else role by role from the sparse ones.
        sums = None
        if blobs and all(row[3] is not None for row in blobs):
            sums = weighted_sums([row[3] for row in blobs], [mine[row[0]] for row in blobs])
        dot: Sequence[int] | dict[int, int]
        if sums is not None:
            dot = sums
        else:
            dot = {}
            get = dot.get
            for skill_id, positions, importances, _ in blobs:
                weight = mine[skill_id]
                for pos, importance in zip(int32_array(positions), importances, strict=True):
                    dot[pos] = get(pos, 0) + weight * importance
        squares = int32_array(self._rows("SELECT importance_squares FROM role_totals")[0][0])

        def candidates() -> Iterable[int]:  # the roles sharing a skill
            return dot if isinstance(dot, dict) else compress(range(len(dot)), dot)

        # dot² / |other|²: the order of the cosine (|role| is fixed); for the dense sums,
        # every role's at once, in C (a role without skills has no square, and no dot).
        closeness: Callable[[int], float]
        if isinstance(dot, dict):
            closeness = lambda pos: dot[pos] * dot[pos] / squares[pos]  # noqa: E731
        else:
            squared = map(mul, dot, dot)
            closeness = list(map(truediv, squared, map(max, squares, repeat(1)))).__getitem__
        # A few spare candidates (the role itself is one), scored exactly as
        # jobcli.analysis does, then cut; when roles as close as the last one kept reach
        # past the spares (equal vectors), all of them, since ties go by id. (nlargest keeps
        # the order of equal keys: the first position first.)
        spare = max(limit, 0) + 6
        best = heapq.nlargest(spare, candidates(), key=closeness)
        if not best:
            return []
        if len(best) == spare and limit > 0:
            kept = closeness(best[limit])
            if closeness(best[-1]) >= kept:
                best = [pos for pos in candidates() if closeness(pos) >= kept]
        found = self._roles_at(best)
        scored = [
            (other, weighted_similarity(role, other))
            for other in found.values()
            if other.id != role.id
        ]
        scored = [pair for pair in scored if pair[1] > 0]
        scored.sort(key=lambda pair: (-pair[1], pair[0].id))
        return scored[:limit]

    # full text -----------------------------------------------------------------------------

    def search(self, text: str, limit: int | None = 10) -> list[SearchHit]:
        """Roles ranked by relevance of the words of ``text``, best first
        (:func:`jobcli.store.search.search`)."""
        from .search import search

        return search(self, text, limit)


guard_decoding(Store)  # a stored row that does not decode: rebuilt, as a damaged page
