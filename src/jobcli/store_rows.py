"""The store's rows as values: what :class:`jobcli.store_query.Store` returns and reads.

Result types (:class:`Family`, :class:`MatchResult`; :class:`SearchHit` and
:class:`SkillUser` are the domain's, named here too), the packed arrays of
``skill_roles``, quoting full-text queries, and the ``name`` table as a
:class:`jobcli.names.NameSource`. Imported by the questions that need it:
``show ID`` does not.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

# The views show these: they live in the domain, which the views may import.
from .domain import SearchHit as SearchHit
from .domain import SkillUser as SkillUser

if TYPE_CHECKING:
    from array import array
    from typing import Protocol

    from .analysis import Match
    from .names import PrefixHits

    class Queries(Protocol):
        """What :class:`NameTable` needs of a store: its rows."""

        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...


T = TypeVar("T")

#: BM25 weights of the full-text columns: title, aliases, summary, responsibilities, skills.
FTS_WEIGHTS = (10.0, 6.0, 2.0, 1.0, 1.5)


class Family(NamedTuple):
    """A SOC major group present in the catalog."""

    code: str
    name: str
    roles: int


class MatchResult(NamedTuple):
    """The best matches, and how many roles use any of the skills in all."""

    matches: "list[Match]"
    total: int


def quote_fts(text: str) -> str:
    """``text`` as an FTS5 query of quoted tokens (all must match): never query syntax.

    Each white-space separated token is wrapped in double quotes, its own double quotes
    doubled (as sqlite-utils' ``quote_fts`` does), so ``AND``, ``NEAR(``, ``*``, ``"``
    and ``C++`` are words to look for, not operators.
    """
    return " ".join(_fts_tokens(text))


def _fts_tokens(text: str) -> list[str]:
    tokens = text.replace("\x00", " ").split()  # SQLite would end the query at a NUL
    tokens = [SYMBOL_WORDS.get(t.lower().strip(_EDGE_PUNCTUATION), t) for t in tokens]
    return ['"' + token.replace('"', '""') + '"' for token in tokens]


#: Names whose symbols the full-text tokenizer would drop ("C++" would be "c"): indexed
#: and searched as these words instead (the store adds them to the text it indexes).
SYMBOL_WORDS = {"c++": "cplusplus", "c#": "csharp", "f#": "fsharp", ".net": "dotnet"}
_EDGE_PUNCTUATION = ",;:!?()[]{}\"'"


def symbol_words(text: str) -> str:
    """The :data:`SYMBOL_WORDS` of the names in ``text``, to index beside it ("" if none)."""
    if "+" not in text and "#" not in text and ".net" not in text.lower():
        return ""
    found = []
    for token in text.lower().replace(";", " ").replace(",", " ").split():
        word = SYMBOL_WORDS.get(token.strip(_EDGE_PUNCTUATION))
        if word and word not in found:
            found.append(word)
    return " ".join(found)


def int32_array(data: bytes) -> "array[int]":
    """A little-endian int32 array stored by :func:`jobcli.store_build.int32_bytes`."""
    from array import array

    values = array("i")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


class NameTable(Generic[T]):
    """The store's ``name`` table as a :class:`jobcli.names.NameSource`."""

    def __init__(self, store: "Queries", kind: str, get: Callable[[str], T]) -> None:
        self.store = store
        self.kind = kind
        self.get = get

    def exact(self, norm: str) -> list[str]:
        rows = self.store._rows(
            "SELECT item FROM name WHERE kind = ? AND norm = ?", (self.kind, norm)
        )
        return [r[0] for r in rows]

    def folded(self, folded: str) -> list[str]:
        rows = self.store._rows(
            "SELECT DISTINCT item FROM name WHERE kind = ? AND folded = ?", (self.kind, folded)
        )
        return [r[0] for r in rows]

    def prefixed(self, norm: str, limit: int) -> "PrefixHits":
        from .names import PrefixHits

        bounds = (self.kind, norm, norm + "\U0010ffff")
        where = "WHERE kind = ? AND norm >= ? AND norm < ?"
        total = self.store._rows(f"SELECT count(DISTINCT item) FROM name {where}", bounds)[0][0]
        if not total:
            return PrefixHits([], 0)
        # Closest first: items whose own id starts so (a title, not only an alias), then
        # the item with the shortest name that starts so, then by key.
        slug = "replace(item, '-', '')"
        own = f"CASE WHEN {slug} >= ? AND {slug} < ? THEN 0 ELSE 1 END"
        rows = self.store._rows(
            f"SELECT item FROM name {where} GROUP BY item"
            f" ORDER BY {own}, min(length(norm)), item LIMIT ?",
            (*bounds, norm, norm + "\U0010ffff", limit),
        )
        return PrefixHits([r[0] for r in rows], int(total))

    def item(self, key: str) -> T:
        return self.get(key)

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        from .names import close_keys, normalize

        norm = normalize(query)
        if not norm:
            return []
        # Names sharing the first two characters: a typo rarely starts the name.
        head = norm[:2]
        rows = self.store._rows(
            "SELECT norm, item FROM name WHERE kind = ? AND norm >= ? AND norm < ? LIMIT 5000",
            (self.kind, head, head + "\U0010ffff"),
        )
        rows += self.store._rows(
            "SELECT norm, item FROM name WHERE kind = ? AND instr(norm, ?) > 0 LIMIT 50",
            (self.kind, norm),
        )
        names: dict[str, list[str]] = {}
        for name, item in rows:
            bucket = names.setdefault(name, [])
            if item not in bucket:
                bucket.append(item)
        return close_keys(query, names, limit)
