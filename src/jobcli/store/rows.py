"""The store's rows as values: what :class:`jobcli.store.query.Store` returns and reads.

Result types (:class:`Family`, :class:`MatchResult`; :class:`SearchHit` and
:class:`SkillUser` are the domain's, named here too), the packed arrays of
``skill_roles``, quoting full-text queries, and the ``name`` table as a
:class:`jobcli.names.NameSource`. Imported by the questions that need it:
``show ID`` does not.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

# The views show these: they live in the domain, which the views may import.
from ..domain import SearchHit as SearchHit
from ..domain import SkillUser as SkillUser

if TYPE_CHECKING:
    from array import array
    from typing import Protocol

    from ..analysis import Match
    from ..names import PrefixHits

    class Queries(Protocol):
        """What :class:`NameTable` needs of a store: its rows."""

        def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...


T = TypeVar("T")

#: BM25 weights of the full-text columns: title, aliases, alternate titles, summary,
#: responsibilities, skills. Titles say what a role is; a summary and tasks what it
#: does; a skill's name only that it is used (a word in a list of 40 skills is weak).
FTS_WEIGHTS = (10.0, 6.0, 5.0, 2.0, 1.0, 0.5)


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
    """The query's tokens, quoted, each once: a word repeated (``and`` × 249) would be
    repeated in every tier of :func:`jobcli.store.search.search`, quadratic in time, and
    finds nothing the word alone does not. Repeats are found case- and
    punctuation-insensitively (the index's tokenizer ignores both), the first kept."""
    tokens: dict[str, str] = {}
    for token in text.replace("\x00", " ").split():  # SQLite would end the query at a NUL
        token = SYMBOL_WORDS.get(token.lower().strip(_EDGE_PUNCTUATION), token)
        key = " ".join(re.findall(_WORD, token.casefold())) or token
        tokens.setdefault(key, token)
    return ['"' + token.replace('"', '""') + '"' for token in tokens.values()]


#: What the full-text tokenizer keeps of a token: its runs of letters and digits.
_WORD = r"[^\W_]+"  # compiled by ``re`` when first used


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
    """A little-endian int32 array stored by :func:`jobcli.store.build.int32_bytes`."""
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

    def exact(self, norm: str) -> list[tuple[str, int]]:
        rows = self.store._rows(
            "SELECT item, how FROM name WHERE kind = ? AND norm = ?", (self.kind, norm)
        )
        return [(r[0], r[1]) for r in rows]

    def folded(self, folded: str) -> list[tuple[str, int]]:
        rows = self.store._rows(
            "SELECT item, min(how) FROM name WHERE kind = ? AND folded = ? GROUP BY item",
            (self.kind, folded),
        )
        return [(r[0], r[1]) for r in rows]

    def alternates(self, line: str) -> list[str]:
        if self.kind != "role" or not line:
            return []
        titled = self.store._rows("SELECT value FROM meta WHERE key = 'alternate_titled'")
        if not titled or titled[0][0] in ("0", 0):
            return []
        # The full-text index finds the few roles whose alternate titles hold every word
        # (stemmed); their word lines say which list the title itself.
        words = " ".join('"' + word + '"' for word in line.split())
        rows = self.store._rows(
            "SELECT role.id FROM role_words JOIN role ON role.pos = role_words.pos"
            " WHERE role_words.pos IN"
            " (SELECT rowid FROM role_fts WHERE role_fts MATCH ?)"
            " AND instr(alternate, ?) > 0 ORDER BY role.pos",
            (f"{{alternate_titles}} : ({words})", f"\n {line}\n"),
        )
        return [r[0] for r in rows]

    def word_names(self, start: str, limit: int) -> list[tuple[str, str, int]]:
        from ..names import HOW_ALIAS, HOW_ALTERNATE, HOW_ID, HOW_TITLE, word_line, words_of

        at = " " + start
        out: list[tuple[str, str, int]] = []
        if self.kind != "role":  # a few hundred skills: read them all
            for key, name, aliases in self.store._rows("SELECT id, name, aliases FROM skill"):
                import json

                names = [(key, HOW_ID), (name, HOW_TITLE)]
                names += [(alias, HOW_ALIAS) for alias in json.loads(aliases)]
                for text, how in names:
                    line = word_line(words_of(text))
                    if at in " " + line:
                        out.append((key, line, how))
            return out[:limit]
        rows = self.store._rows(
            "SELECT role.id, own, alternate FROM role_words JOIN role ON role.pos = role_words.pos"
            " WHERE instr(own, ?) > 0 OR instr(alternate, ?) > 0",
            (at, at),
        )
        for key, own, alternate in rows:
            for entry in own.split("\n"):
                line, _, how = entry.partition("\t")
                if at in line:
                    out.append((key, line[1:], int(how)))
            out += [(key, line[1:], HOW_ALTERNATE) for line in alternate.split("\n") if at in line]
            if len(out) >= limit:
                break
        return out[:limit]

    def title(self, key: str) -> str:
        sql = (
            "SELECT title FROM role WHERE id = ?"
            if self.kind == "role"
            else "SELECT name FROM skill WHERE id = ?"
        )
        rows = self.store._rows(sql, (key,))
        return str(rows[0][0]) if rows else key

    def prefixed(self, norm: str, limit: int) -> "PrefixHits":
        from ..names import PrefixHits

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
        from ..names import close_keys, normalize

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


#: What decoding a stored value raises when the store file was changed behind jobcli's
#: back (a column that is not JSON, a blob of the wrong length, a NULL where text is).
DECODE_ERRORS = (ValueError, TypeError, AttributeError, IndexError)


def guard_decoding(store_class: type) -> None:
    """Wrap the public methods of ``store_class`` (the Store) so that a row that does not
    decode replaces the store by one compiled again (``_replace_damaged``) and the
    question is asked once more, instead of a crash on every call. A generator resumes
    after the items it already gave."""
    import functools
    import inspect
    import itertools

    def plain(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except DECODE_ERRORS:
                if not self._replace_damaged():
                    raise
            return method(self, *args, **kwargs)

        return run

    def generator(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            given = 0
            try:
                for item in method(self, *args, **kwargs):
                    yield item
                    given += 1
                return
            except DECODE_ERRORS:
                if not self._replace_damaged():
                    raise
            yield from itertools.islice(method(self, *args, **kwargs), given, None)

        return run

    for name, method in list(vars(store_class).items()):
        if name.startswith("_") or not inspect.isfunction(method):
            continue
        wrap = generator if inspect.isgeneratorfunction(method) else plain
        setattr(store_class, name, wrap(method))
