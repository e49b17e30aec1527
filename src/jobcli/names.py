"""Name normalisation and lookup: ids, titles, aliases and unique prefixes.

Pure and fast: no pydantic, no Rich. A name is compared case- and
punctuation-insensitively: ``"UI/UX Designer"`` and ``"ui ux designer"`` are
the same name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

from .errors import NameLookupError

T = TypeVar("T")

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


#: As above, but keeping the newlines that separate names in :func:`normalize_all`.
_ASCII_PUNCTUATION_BUT_NEWLINE = _ASCII_PUNCTUATION.replace(b"\n", b"")


def normalize_all(names: list[str]) -> list[str]:
    """``[normalize(name) for name in names]``, in a few passes over one string when it can.

    A catalog of 20,000 roles has over 100,000 names to index at every start.
    """
    if not names:
        return []
    joined = "\n".join(names)
    if "+" in joined or "#" in joined:  # as normalize() does, name by name
        joined = joined.replace("+", "plus").replace("#", "sharp")
    # All ASCII, and no name holding a newline of its own (it would split in two).
    if joined.isascii() and joined.count("\n") == len(names) - 1:
        folded = joined.lower().encode("ascii")
        keys = folded.translate(None, _ASCII_PUNCTUATION_BUT_NEWLINE).decode("ascii").split("\n")
        return [key or _symbols_only(name) for key, name in zip(keys, names, strict=True)]
    return [normalize(name) for name in names]


class NameIndex(Generic[T]):
    """Every name of every item, normalised, pointing at the item's key.

    Exact names beat prefixes; a prefix must pick out one item.
    """

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str], T]]) -> None:
        self.kind = kind
        self._exact: dict[str, list[str]] = {}
        self._items: dict[str, T] = {}
        self._display: dict[str, str] = {}
        owners: list[str] = []
        names: list[str] = []
        for key, item_names, item in entries:
            self._items[key] = item
            self._display.setdefault(key, key)
            listed = list(item_names)
            names += listed
            owners += [key] * len(listed)
        exact = self._exact
        for key, norm in zip(owners, normalize_all(names), strict=True):
            if norm:
                keys = exact.get(norm)
                if keys is None:
                    exact[norm] = [key]
                elif key not in keys:
                    keys.append(key)
        self._sorted_names: list[str] | None = None

    def find(self, query: str) -> T:
        """The one item ``query`` names, or :class:`NameLookupError`."""
        norm = normalize(query)
        keys = self._exact.get(norm, []) if norm else []
        if not keys and norm:
            keys = self._prefix_matches(norm)
        if len(keys) > 1:
            # An id beats another item's name or alias that reads the same ("statistics"
            # the skill over an alias "Statistics"), however the query is spelled.
            keys = [k for k in keys if normalize(k) == norm] or keys
        if len(keys) == 1:
            return self._items[keys[0]]
        if keys:
            raise NameLookupError(self.kind, query, sorted(keys)[:8], ambiguous=True)
        raise NameLookupError(self.kind, query, self.suggestions(query), ambiguous=False)

    def _prefix_matches(self, norm: str) -> list[str]:
        import bisect

        if self._sorted_names is None:
            self._sorted_names = sorted(self._exact)
        names = self._sorted_names
        keys: list[str] = []
        i = bisect.bisect_left(names, norm)
        while i < len(names) and names[i].startswith(norm):
            for key in self._exact[names[i]]:
                if key not in keys:
                    keys.append(key)
            i += 1
        return keys

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """The keys whose names come closest to ``query``."""
        from difflib import get_close_matches  # only when a name was not found

        norm = normalize(query)
        close = get_close_matches(norm, list(self._exact), n=limit * 3, cutoff=0.6)
        keys: list[str] = []
        for name in close:
            for key in self._exact[name]:
                if key not in keys:
                    keys.append(key)
        if not keys and norm:
            # Substring hits for long names ("security" -> "cybersecurity-expert").
            for name, name_keys in self._exact.items():
                if norm in name:
                    keys.extend(k for k in name_keys if k not in keys)
        return keys[:limit]
