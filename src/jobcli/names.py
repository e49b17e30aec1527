"""Name normalisation and lookup: ids, titles, aliases and unique prefixes.

Pure and fast: no pydantic, no Rich. A name is compared case- and
punctuation-insensitively: ``"UI/UX Designer"`` and ``"ui ux designer"`` are
the same name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from difflib import get_close_matches
from typing import Generic, TypeVar

from .errors import NameLookupError

T = TypeVar("T")


def normalize(name: str) -> str:
    """Casefolded, with everything but letters and digits dropped."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


class NameIndex(Generic[T]):
    """Every name of every item, normalised, pointing at the item's key.

    Exact names beat prefixes; a prefix must pick out one item.
    """

    def __init__(self, kind: str, entries: Iterable[tuple[str, Iterable[str], T]]) -> None:
        self.kind = kind
        self._exact: dict[str, list[str]] = {}
        self._items: dict[str, T] = {}
        self._display: dict[str, str] = {}
        for key, names, item in entries:
            self._items[key] = item
            self._display.setdefault(key, key)
            for name in names:
                norm = normalize(name)
                if norm:
                    keys = self._exact.setdefault(norm, [])
                    if key not in keys:
                        keys.append(key)
        self._sorted_names: list[str] | None = None

    def find(self, query: str) -> T:
        """The one item ``query`` names, or :class:`NameLookupError`."""
        norm = normalize(query)
        keys = self._exact.get(norm, []) if norm else []
        if not keys and norm:
            keys = self._prefix_matches(norm)
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

    def keys_starting_with(self, incomplete: str) -> list[str]:
        """Keys any of whose names start with ``incomplete`` (for completion)."""
        norm = normalize(incomplete)
        if not norm:
            return list(self._items)
        return self._prefix_matches(norm)
