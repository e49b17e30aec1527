"""Candidates for a name that is no item's whole name: prefixes at word starts, ranked by fit.

Pure, like :mod:`jobcli.names` (which imports this only when a name is not found
whole). A person typing ``nurse`` means a nurse, not a nursery worker: the words
are matched at the start of a name's words only, and the candidates are ranked
by how well they fit, best first:

1. an official title before other names ("dev" means a Software Developer before a
   "Dev Ops Engineer", one of many alternate titles);
2. names holding the typed words as whole words (singular or plural) before names
   whose word merely starts with them; an id, code or alias before an alternate title;
3. a name that ends with the words ("Registered Nurses") before one that goes on
   ("Nurse Practitioners");
4. the name with the fewest other words; then the key.
"""

# No ``from __future__ import annotations``: see jobcli.names.

from typing import TYPE_CHECKING, TypeVar

from .names import HOW_ALTERNATE, HOW_TITLE, fold, word_line, words_of

if TYPE_CHECKING:
    from .names import NameSource

T = TypeVar("T")

#: The most names read for one lookup (a one-letter prefix of a huge catalog).
MAX_NAMES = 50000


def by_words(source: "NameSource[T]", query: str, limit: int) -> tuple[list[str], int]:
    """The ``limit`` keys whose names hold ``query``'s words at word starts, best fit first,
    and how many keys there are in all."""
    words = words_of(query)
    if not words:
        return [], 0
    start = word_line(words)  # "nurses" finds "Nurse Practitioners" too
    wanted = [fold(w) for w in words]
    best: dict[str, tuple[bool, bool, bool, bool, int]] = {}
    for key, line, how in source.word_names(start, MAX_NAMES):
        name_words = line.split()
        at = next(
            (i for i in range(len(name_words)) if " ".join(name_words[i:]).startswith(start)),
            None,
        )
        if at is None:
            continue
        tail = name_words[at:]
        whole = [fold(w) for w in tail[: len(words)]] == wanted
        fit = (
            how > HOW_TITLE,  # an id, code or title: the official names
            not whole,
            how == HOW_ALTERNATE,
            len(tail) != len(words),
            len(name_words) - len(words),
        )
        if key not in best or fit < best[key]:
            best[key] = fit
    ordered = sorted(best, key=lambda k: (best[k], k))
    return ordered[:limit], len(ordered)


def closest(source: "NameSource[T]", query: str, keys: list[str]) -> list[str]:
    """``keys`` (the owners of a shared name), closest to ``query`` first: the one whose
    title holds more of its words, then one whose title ends with its last word ("nurse":
    Registered Nurses before Nurse Practitioners), then the shorter title, then by key."""
    words = [fold(w) for w in words_of(query)]
    wanted = set(words)

    def fit(key: str) -> tuple[int, bool, int, str]:
        title = [fold(w) for w in words_of(source.title(key))]
        ends = bool(words) and title[-1:] == words[-1:]
        return (-len(wanted.intersection(title)), not ends, len(title), key)

    return sorted(keys, key=fit)
