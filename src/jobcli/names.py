"""Name normalisation and lookup: ids, titles, aliases, plural forms and unique prefixes.

Pure and fast: no pydantic, no Rich, no SQL. A name is compared case- and
punctuation-insensitively: ``"UI/UX Designer"`` and ``"ui ux designer"`` are
the same name. A lookup (:func:`find`) tries, in order:

1. the exact normalised name (an item's id beats another item's name that reads the same);
2. the singular/plural-folded name (:func:`fold`): "Registered Nurse" finds
   "Registered Nurses";
3. a unique prefix of a normalised name.

It reads names through the small :class:`NameSource` protocol, which both the
in-memory :class:`NameIndex` (a :class:`~jobcli.domain.Catalog`) and the SQLite
store implement, so the rules are written once.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    from typing import Protocol

from .errors import NameLookupError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: Every ASCII byte that is not a letter or digit, deleted by ``bytes.translate``.
_ASCII_PUNCTUATION = bytes(c for c in range(128) if not chr(c).isalnum())


def normalize(name: str) -> str:
    """Casefolded, with everything but letters and digits dropped.

    ``+`` and ``#`` are spelled out first, so that C, C++ and C# stay three names
    (``c``, ``cplusplus``, ``csharp``), the way the O*NET importer names them.
    """
    if "+" in name or "#" in name:
        name = name.replace("+", "plus").replace("#", "sharp")
    if name.isascii():
        # The same result, without a loop in Python: NFKC leaves ASCII alone, and its
        # casefold is lower(). A large catalog has tens of thousands of names to index.
        key = name.lower().encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    else:
        key = "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())
    return key or _symbols_only(name)


def _symbols_only(name: str) -> str:
    """The key of a name with no letter or digit ("???"): casefolded, white space dropped.

    Such a name is still a name: it must find its role and must not be given to two.
    It cannot equal the key of a name with letters, which holds letters and digits only.
    """
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def fold(norm: str) -> str:
    """A normalised name with a plural ending of its last word folded to the singular.

    Simple, documented rules (applied alike to the names indexed and the name asked
    for, so that both spellings meet): ``ies`` -> ``y`` (Technologies -> technology);
    ``sses``, ``shes``, ``ches``, ``xes``, ``zes`` lose ``es`` (Actresses -> actress,
    Boxes -> box); else a final ``s`` is dropped unless the word ends in ``ss``, ``us``
    or ``is`` (Nurses -> nurse; Business, Census, Analysis stay). Keys shorter than
    four characters are left alone ("ms" is not "m").
    """
    if len(norm) < 4 or not norm.endswith("s"):
        return norm
    if norm.endswith("ies"):
        return norm[:-3] + "y"
    if norm.endswith(("sses", "shes", "ches", "xes", "zes")):
        return norm[:-2]
    if norm.endswith(("ss", "us", "is")):
        return norm
    return norm[:-1]


if TYPE_CHECKING:  # a protocol costs a class at every start; only the type checker needs it

    class NameSource(Protocol[T_co]):
        """What :func:`find` needs of a set of named items (in memory or in the store)."""

        kind: str

        def exact(self, norm: str) -> list[str]:
            """Keys of the items with a name normalising to ``norm``."""

        def folded(self, folded: str) -> list[str]:
            """Keys of the items with a name whose :func:`fold` is ``folded``."""

        def prefixed(self, norm: str, limit: int) -> "PrefixHits":
            """Up to ``limit`` keys whose names start with ``norm``, closest first (the
            shortest such name, then the key); all counted."""

        def item(self, key: str) -> T_co:
            """The item of ``key``."""

        def suggestions(self, query: str, limit: int = 3) -> list[str]:
            """The keys whose names come closest to ``query``."""


#: How many candidates a lookup error names; the rest are counted ("and 12 more").
SHOWN_CANDIDATES = 8


class PrefixHits(NamedTuple):
    """The first keys whose names start with a prefix, and how many keys there are in all."""

    keys: list[str]
    total: int


def find_named(source: "NameSource[T]", query: str) -> T | None:
    """The one item whose name ``query`` is (exactly, or as its plural), else None: no
    prefix, no suggestions (for a guess that must not cost a failed lookup's search)."""
    norm = normalize(query)
    if not norm:
        return None
    keys = source.exact(norm)
    if not keys and (folded := fold(norm)) and len(norm) >= 4:
        keys = source.folded(folded)
    if len(keys) > 1:
        keys = [k for k in keys if normalize(k) == norm]
    return source.item(keys[0]) if len(keys) == 1 else None


def find(source: "NameSource[T]", query: str) -> T:
    """The one item ``query`` names in ``source``, or :class:`NameLookupError`.

    Exact names beat folded ones, which beat prefixes; an item's own key (id) beats
    another item's name that reads the same. Ambiguity names the first candidates
    and counts the others.
    """
    norm = normalize(query)
    if not norm:
        raise NameLookupError(source.kind, query, [], ambiguous=False)
    keys = source.exact(norm)
    if not keys and (folded := fold(norm)) and len(norm) >= 4:
        keys = source.folded(folded)
    total = len(keys)
    hits = None
    if not keys:
        hits = source.prefixed(norm, SHOWN_CANDIDATES)
        keys, total = hits.keys, hits.total
    if total > 1:
        own = [k for k in keys if normalize(k) == norm]
        if len(own) == 1:
            keys, total = own, 1
    if total == 1:
        return source.item(keys[0])
    if total:
        # Prefix hits come closest first; names that read alike, in key order.
        shown = (keys if hits is not None else sorted(keys))[:SHOWN_CANDIDATES]
        raise NameLookupError(source.kind, query, shown, ambiguous=True, more=total - len(shown))
    raise NameLookupError(source.kind, query, source.suggestions(query), ambiguous=False)


def words_of(name: str) -> list[str]:
    """The normalised whole words of a name ("Judgment and Decision-Making" -> 4 words)."""
    return [w for w in (normalize(part) for part in _split_words(name)) if w]


def _split_words(name: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for ch in name:
        if ch.isalnum() or ch in "+#":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


class NameIndex(Generic[T]):
    """Every name of every item, normalised, in memory: a :class:`NameSource`.

    Built once per catalog (see :mod:`jobcli.lookup`); lookups are dictionary reads,
    a prefix is a binary search and a walk over the matching names only.
    """

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str], T]]) -> None:
        self.kind = kind
        self._exact: dict[str, list[str]] = {}
        self._items: dict[str, T] = {}
        owners: list[str] = []
        names: list[str] = []
        for key, item_names, item in entries:
            self._items[key] = item
            listed = list(item_names)
            names += listed
            owners += [key] * len(listed)
        exact = self._exact
        for key, norm in zip(owners, map(normalize, names), strict=True):
            if norm:
                keys = exact.get(norm)
                if keys is None:
                    exact[norm] = [key]
                elif key not in keys:  # an item's few names: a short list
                    keys.append(key)
        self._folded: dict[str, list[str]] | None = None
        self._sorted_names: list[str] | None = None

    def exact(self, norm: str) -> list[str]:
        return list(self._exact.get(norm, ()))

    def folded(self, folded: str) -> list[str]:
        if self._folded is None:
            self._folded = {}
            for norm, keys in self._exact.items():
                bucket = self._folded.setdefault(fold(norm), [])
                bucket.extend(k for k in keys if k not in bucket)
        return list(self._folded.get(folded, ()))

    def prefixed(self, norm: str, limit: int) -> PrefixHits:
        import bisect

        if self._sorted_names is None:
            self._sorted_names = sorted(self._exact)
        names = self._sorted_names
        shortest: dict[str, int] = {}
        i = bisect.bisect_left(names, norm)
        while i < len(names) and names[i].startswith(norm):
            for key in self._exact[names[i]]:
                shortest[key] = min(shortest.get(key, len(names[i])), len(names[i]))
            i += 1
        # Items whose own key starts so (a title, not only an alias) first.
        ordered = sorted(
            shortest, key=lambda k: (not k.replace("-", "").startswith(norm), shortest[k], k)
        )
        return PrefixHits(ordered[:limit], len(shortest))

    def item(self, key: str) -> T:
        return self._items[key]

    def find(self, query: str) -> T:
        """The one item ``query`` names (see :func:`find`)."""
        return find(self, query)

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        return close_keys(query, self._exact, limit)


def close_keys(query: str, names: dict[str, list[str]], limit: int = 3) -> list[str]:
    """The keys whose normalised names (``names``: name -> keys) come closest to ``query``."""
    from difflib import get_close_matches  # only when a name was not found

    norm = normalize(query)
    close = get_close_matches(norm, list(names), n=limit * 3, cutoff=0.6)
    keys: list[str] = []
    for name in close:
        keys.extend(k for k in names[name] if k not in keys)
    if not keys and norm:
        # Substring hits for long names ("security" -> "cybersecurity-expert").
        for name, name_keys in names.items():
            if norm in name:
                keys.extend(k for k in name_keys if k not in keys)
                if len(keys) >= limit:
                    break
    return keys[:limit]
