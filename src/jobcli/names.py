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
    """Casefolded (NFKC), with everything but letters, digits and meaningful marks dropped.

    ``+`` and ``#`` are spelled out first, so that C, C++ and C# stay three names
    (``c``, ``cplusplus``, ``csharp``), the way the O*NET importer names them.
    Accents on Latin, Greek and Cyrillic letters are dropped ("Café" is "cafe"); the
    marks of other scripts are letters' parts and stay: Devanagari ``कम`` and ``काम``
    are two words, as are Thai ``กน`` and ``กิน`` (see :func:`_normalize_unicode`).
    """
    if "+" in name or "#" in name:
        name = name.replace("+", "plus").replace("#", "sharp")
    if name.isascii():
        # The same result, without a loop in Python: NFKC leaves ASCII alone, and its
        # casefold is lower(). A large catalog has tens of thousands of names to index.
        key = name.lower().encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    else:
        key = _normalize_unicode(name)
    return key or _symbols_only(name)


def _normalize_unicode(name: str) -> str:
    """:func:`normalize` of a name that is not ASCII.

    NFKC and casefold, then decomposed (NFD) so that an accent is a mark of its own:
    a combining mark (Mn, Mc) after a Latin, Greek or Cyrillic letter is an accent and
    goes; after a letter of another script (a vowel sign, a virama) it is kept. The
    result is recomposed (NFC), so that a Hangul syllable or a kept mark reads as it
    was written.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name).casefold())
    out: list[str] = []
    keep_marks = False
    category = unicodedata.category
    for ch in decomposed:
        if ch.isalnum():
            out.append(ch)
            keep_marks = not _accented_script(ord(ch))
        elif category(ch) in ("Mn", "Mc"):
            if keep_marks:
                out.append(ch)
        else:  # punctuation, space: a mark after it belongs to no letter
            keep_marks = False
    return unicodedata.normalize("NFC", "".join(out))


#: Code point ranges of the Latin, Greek and Cyrillic letters (Unicode's blocks), whose
#: combining marks are accents: Basic Latin to IPA, phonetic extensions, Latin Extended
#: Additional to Greek Extended, Latin Extended C, D and E, Cyrillic and its extensions.
_ACCENTED_RANGES = (
    (0x0000, 0x02AF),
    (0x0370, 0x052F),
    (0x1C80, 0x1C8F),
    (0x1D00, 0x1DBF),
    (0x1E00, 0x1FFF),
    (0x2C60, 0x2C7F),
    (0x2DE0, 0x2DFF),
    (0xA640, 0xA69F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
)


def _accented_script(code: int) -> bool:
    return any(low <= code <= high for low, high in _ACCENTED_RANGES)


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


#: What kind of name a name is, best first: a lookup prefers an item's own names (its id,
#: O*NET code, title or alias, unique across items) to an alternate title, which several
#: items may share.
HOW_ID, HOW_CODE, HOW_TITLE, HOW_ALIAS, HOW_ALTERNATE = range(5)

if TYPE_CHECKING:  # a protocol costs a class at every start; only the type checker needs it

    class NameSource(Protocol[T_co]):
        """What :func:`find` needs of a set of named items (in memory or in the store)."""

        kind: str

        def exact(self, norm: str) -> list[tuple[str, int]]:
            """(key, how) of the items with a name normalising to ``norm`` (``how``: HOW_*)."""

        def folded(self, folded: str) -> list[tuple[str, int]]:
            """(key, how) of the items with a name whose :func:`fold` is ``folded``."""

        def prefixed(self, norm: str, limit: int) -> "PrefixHits":
            """Up to ``limit`` keys whose names start with ``norm``, closest first (the
            shortest such name, then the key); all counted."""

        def alternates(self, line: str) -> list[str]:
            """Keys of the items listing an alternate title whose :func:`word_line` is ``line``."""

        def word_names(self, start: str, limit: int) -> list[tuple[str, str, int]]:
            """Up to ``limit`` (key, line, how) of the names (own and alternate) whose
            :func:`word_line` has a word starting with ``start`` (a word line itself)."""

        def title(self, key: str) -> str:
            """The item's title (a role's) or name (a skill's)."""

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


def _named(source: "NameSource[T]", norm: str) -> list[tuple[str, int]]:
    """(key, how) of the items whose own name is ``norm`` exactly, else as its plural or
    singular."""
    hits = source.exact(norm)
    if not hits and len(norm) >= 4:
        hits = source.folded(fold(norm))
    return hits


def _own(hits: list[tuple[str, int]], norm: str) -> list[str]:
    """The keys of ``hits`` that are the items' own names (not alternate titles); of several,
    the one whose id reads as ``norm`` (an item's id beats another's name that reads the same)."""
    own = list(dict.fromkeys(key for key, how in hits if how < HOW_ALTERNATE))
    if len(own) > 1:
        by_id = [k for k in own if normalize(k) == norm]
        if len(by_id) == 1:
            return by_id
    return own


def find_named(source: "NameSource[T]", query: str) -> T | None:
    """The one item whose name ``query`` is (exactly, or as its plural), else None: no
    prefix, no suggestions (for a guess that must not cost a failed lookup's search)."""
    norm = normalize(query)
    if not norm:
        return None
    keys = _own(_named(source, norm), norm) or source.alternates(word_line(words_of(query)))
    return source.item(keys[0]) if len(keys) == 1 else None


def find(source: "NameSource[T]", query: str) -> T:
    """The one item ``query`` names in ``source``, or :class:`NameLookupError`.

    An item's own name (id, code, title, alias) beats an alternate title, exact names beat
    folded ones, which beat prefixes of words; an item's own key (id) beats another item's
    name that reads the same. An alternate title several items list is a shared name: an
    error naming every owner, closest first. A prefix picks an item only when it is the
    only one; else the error names the closest candidates and counts the others.
    """
    norm = normalize(query)
    if not norm:
        raise NameLookupError(source.kind, query, [], ambiguous=False)
    own = _own(_named(source, norm), norm)
    if len(own) == 1:
        return source.item(own[0])
    if own:
        shown = sorted(own)[:SHOWN_CANDIDATES]
        raise NameLookupError(source.kind, query, shown, ambiguous=True, more=len(own) - len(shown))
    owners = source.alternates(word_line(words_of(query)))
    if len(owners) == 1:
        return source.item(owners[0])
    if owners:
        from .name_words import closest

        ranked = closest(source, query, owners)
        raise NameLookupError(source.kind, query, ranked, ambiguous=True, shared=True)
    from .name_words import by_words

    keys, total = by_words(source, query, SHOWN_CANDIDATES)
    if not total:
        prefix = source.prefixed(norm, SHOWN_CANDIDATES)
        keys, total = prefix.keys, prefix.total
    if total == 1:
        return source.item(keys[0])
    if total:
        raise NameLookupError(source.kind, query, keys, ambiguous=True, more=total - len(keys))
    raise NameLookupError(source.kind, query, source.suggestions(query), ambiguous=False)


def word_line(words: list[str]) -> str:
    """A name's normalised words, space-separated, its last word folded to the singular
    ("Registered Nurses" -> "registered nurse"): how alternate titles are compared (plural
    and singular alike), and where prefixes are looked for at word starts."""
    if not words:
        return ""
    return " ".join([*words[:-1], fold(words[-1])])


def words_of(name: str) -> list[str]:
    """The normalised whole words of a name ("Judgment and Decision-Making" -> 4 words)."""
    return [w for w in (normalize(part) for part in _split_words(name)) if w]


def _split_words(name: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for ch in name:
        if ch.isalnum() or ch in "+#" or (current and unicodedata.category(ch)[0] == "M"):
            current.append(ch)  # a mark (a vowel sign, an accent) is part of its word
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


class NameIndex(Generic[T]):
    """Every name of every item, normalised, in memory: a :class:`NameSource`.

    ``entries``: (key, [(name, how), ...], item). Built once per catalog (see
    :mod:`jobcli.lookup`); lookups are dictionary reads, a prefix is a binary search and a
    walk over the matching names only.
    """

    def __init__(
        self, kind: str, entries: Iterable[tuple[str, Iterable[tuple[str, int]], T]]
    ) -> None:
        self.kind = kind
        self._exact: dict[str, list[tuple[str, int]]] = {}
        self._items: dict[str, T] = {}
        self._alternates: dict[str, list[str]] = {}
        self._lines: list[tuple[str, str, int]] = []
        owners: list[tuple[str, int]] = []
        names: list[str] = []
        for key, item_names, item in entries:
            self._items[key] = item
            for name, how in item_names:
                names.append(name)
                owners.append((key, how))
        exact = self._exact
        from .name_words import word_lines

        for (key, how), norm, line in zip(
            owners, map(normalize, names), word_lines(names), strict=True
        ):
            self._lines.append((key, line, how))
            if how == HOW_ALTERNATE:
                keys = self._alternates.setdefault(line, [])
                if key not in keys:
                    keys.append(key)
            elif norm:
                hits = exact.get(norm)
                if hits is None:
                    exact[norm] = [(key, how)]
                elif all(k != key for k, _ in hits):  # an item's few names: a short list
                    hits.append((key, how))
        self._folded: dict[str, list[tuple[str, int]]] | None = None
        self._sorted_names: list[str] | None = None

    def exact(self, norm: str) -> list[tuple[str, int]]:
        return list(self._exact.get(norm, ()))

    def folded(self, folded: str) -> list[tuple[str, int]]:
        if self._folded is None:
            self._folded = {}
            for norm, hits in self._exact.items():
                bucket = self._folded.setdefault(fold(norm), [])
                bucket.extend(h for h in hits if h not in bucket)
        return list(self._folded.get(folded, ()))

    def prefixed(self, norm: str, limit: int) -> PrefixHits:
        import bisect

        if self._sorted_names is None:
            self._sorted_names = sorted(self._exact)
        names = self._sorted_names
        shortest: dict[str, int] = {}
        i = bisect.bisect_left(names, norm)
        while i < len(names) and names[i].startswith(norm):
            for key, _ in self._exact[names[i]]:
                shortest[key] = min(shortest.get(key, len(names[i])), len(names[i]))
            i += 1
        # Items whose own key starts so (a title, not only an alias) first.
        ordered = sorted(
            shortest, key=lambda k: (not k.replace("-", "").startswith(norm), shortest[k], k)
        )
        return PrefixHits(ordered[:limit], len(shortest))

    def alternates(self, line: str) -> list[str]:
        return list(self._alternates.get(line, ())) if line else []

    def word_names(self, start: str, limit: int) -> list[tuple[str, str, int]]:
        at = " " + start
        hits = [row for row in self._lines if (" " + row[1]).find(at) >= 0]
        return hits[:limit]

    def title(self, key: str) -> str:
        item = self._items[key]
        return str(getattr(item, "title", None) or getattr(item, "name", key))

    def item(self, key: str) -> T:
        return self._items[key]

    def find(self, query: str) -> T:
        """The one item ``query`` names (see :func:`find`)."""
        return find(self, query)

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        return close_keys(query, {n: [k for k, _ in h] for n, h in self._exact.items()}, limit)


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
