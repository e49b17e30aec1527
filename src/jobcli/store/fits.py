"""What ``next``, ``path``, ``gap`` and ``match --from`` read of the store: the fit's
weights, and one role's fits to every other, summed from the postings of its words and
skills (see :mod:`jobcli.store.build` and :mod:`jobcli.fit_index`)."""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ..domain import Role
from ..fit import Weights

if TYPE_CHECKING:
    import sqlite3

    from ..fit_index import Posting
    from .query import Store


def fit_weights(store: Store) -> Weights:
    """The catalog's fit weights (computed from its roles when the store has none)."""
    rows = store._rows("SELECT average, total, idf FROM fit_weights")
    if rows:
        average, total, idf = rows[0]
        return Weights(json.loads(average), float(total), _Lazy(idf))
    from ..fit import catalog_weights

    return catalog_weights(list(store.roles()))


class _Lazy(Mapping[str, float]):
    """A JSON object decoded when first read: ``next`` never reads the words' IDF (a
    role's word vector is in the store), ``gap`` does."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.value: dict[str, float] | None = None

    def _get(self) -> dict[str, float]:
        if self.value is None:
            self.value = json.loads(self.text)
        return self.value

    def __getitem__(self, key: str) -> float:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def position_of(store: Store, role_id: str) -> int:
    """The catalog position of a role."""
    return int(store._rows("SELECT pos FROM role WHERE id = ?", (role_id,))[0][0])


def positions(store: Store) -> dict[str, int]:
    """Every role's catalog position, by id."""
    return {rid: int(pos) for rid, pos in store._rows("SELECT id, pos FROM role")}


class Fits:
    """One role's fits to every other, computed on demand from the store's postings (and
    kept: ``path`` asks for the same role again)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        rows = store._rows("SELECT zones FROM fit_weights")
        self.indexed = bool(rows)
        roles = json.loads(rows[0][0]) if rows else {"zones": [], "skilled": []}
        self.zones: list[int | None] = roles["zones"]
        self.skilled: list[bool] = roles["skilled"]
        self.known: dict[int, list[float]] = {}
        self.cache: dict[int, dict[str, Posting]] = {}

    def _postings(self, kind: int, keys: Sequence[str]) -> Mapping[str, Posting]:
        # Kept once read: the roles a path passes through share many words.
        cache = self.cache.setdefault(kind, {})
        wanted = [k for k in keys if k not in cache]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, positions, vals in self.store._rows(
                f"SELECT key, positions, vals FROM fit_posting WHERE kind = ? AND key IN ({marks})",
                (kind, *chunk),
            ):
                p, v = array("i"), array("f")
                p.frombytes(positions)
                v.frombytes(vals)
                if sys.byteorder == "big":
                    p.byteswap()
                    v.byteswap()
                cache[key] = (p, v)
        return {k: cache[k] for k in keys if k in cache}

    def of(self, pos: int) -> list[float]:
        """The fit of the role at ``pos`` to every role, by position (itself included)."""
        if pos not in self.known:
            from ..fit_index import fits_from

            words, skills = self.store._rows(
                "SELECT words, skills FROM fit_vector WHERE pos = ?", (pos,)
            )[0]
            self.known[pos] = fits_from(
                pos,
                words.split("\n") if words else [],
                skills.split("\n") if skills else [],
                self._postings,
                self.zones,
                self.skilled,
            )
        return self.known[pos]

    def work(self, pos: int) -> list[float]:
        """The likeness of the work of the role at ``pos`` to every role's, by position."""
        from ..fit_index import works_from

        words = self.store._rows("SELECT words FROM fit_vector WHERE pos = ?", (pos,))[0][0]
        return works_from(pos, words.split("\n") if words else [], self._postings, len(self.zones))

    def best(self, pos: int, k: int, viable: float) -> list[tuple[int, float]]:
        """The role's ``k`` best viable moves (position, fit), best first: a fit of at least
        ``viable``, or one of its :data:`~jobcli.fit.NEAREST` best (with a fit above 0)."""
        from ..fit import NEAREST
        from ..fit_index import best

        ranked = best(self.of(pos), k, skip=pos)
        return [(p, f) for i, (p, f) in enumerate(ranked) if f >= viable or (i < NEAREST and f > 0)]

    def viable(self, pos: int, goal: int, viable: float) -> bool:
        """Whether the move from ``pos`` to ``goal`` is viable (as :meth:`best` has it)."""
        from ..fit import NEAREST

        if self.of(pos)[goal] >= viable:
            return True
        return any(p == goal for p, _ in self.best(pos, NEAREST, 1.0))


def insert_fit(
    conn: sqlite3.Connection,
    roles: Sequence[Role],
    dump: Callable[[object], str],
    int32_bytes: Callable[[Sequence[int]], bytes],
) -> None:
    """The catalog's fit weights, each role's fit vectors and their postings
    (:mod:`jobcli.fit_index`): ``next`` sums the postings of one role's words and skills."""
    from ..fit import catalog_weights
    from ..fit_index import build
    from ..work_words import work_words

    counted = [work_words(r) for r in roles]
    weights = catalog_weights(roles, counted)
    index = build(roles, weights, counted)
    conn.execute(
        "INSERT INTO fit_weights VALUES (0, ?, ?, ?, ?)",
        (
            dump(weights.average),
            weights.total,
            dump(weights.idf),
            dump({"zones": index.zones, "skilled": [bool(v) for v in index.skills]}),
        ),
    )
    conn.executemany(
        "INSERT INTO fit_vector VALUES (?, ?, ?)",
        [
            # The keys only: the weights are in the postings (a key of one role, nowhere).
            (
                pos,
                "\n".join(x for x in w if x in index.word_postings),
                "\n".join(x for x in k if x in index.skill_postings),
            )
            for pos, (w, k) in enumerate(zip(index.words, index.skills, strict=True))
        ],
    )
    rows = []
    for kind, table in ((0, index.word_postings), (1, index.skill_postings)):
        for key, (positions, values) in table.items():
            vals = array("f", values)
            if sys.byteorder == "big":
                vals.byteswap()
            rows.append((kind, key, int32_bytes(positions), vals.tobytes()))
    conn.executemany("INSERT INTO fit_posting VALUES (?, ?, ?, ?)", rows)


def roles_at(store: Store, positions: Sequence[int]) -> dict[int, Role]:
    """The roles at these catalog positions, decoded."""
    return store._roles_at(positions)
