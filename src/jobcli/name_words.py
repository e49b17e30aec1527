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

Also :func:`word_lines`, the word lines (:func:`jobcli.names.word_line`) of many
names at once, for a store's build and a catalog's name index.
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


#: Every ASCII byte but letters, digits, ``+``, ``#`` and newline, made a space.
_TO_SPACE = bytes(range(256)).translate(
    bytes.maketrans(
        bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) not in "+#\n"),
        b" " * sum(1 for c in range(128) if not chr(c).isalnum() and chr(c) not in "+#\n"),
    )
)


def word_lines(names: list[str]) -> list[str]:
    """``[word_line(words_of(name)) for name in names]``, in a few passes over one string
    for the ASCII names (tens of thousands of alternate titles at a store's build)."""
    joined = "\n".join(names)
    if joined.isascii() and joined.count("\n") == len(names) - 1:
        plain: list[int] | range = range(len(names))
        out = [""] * len(names)
    else:
        out = [
            "" if name.isascii() and "\n" not in name else word_line(words_of(name))
            for name in names
        ]
        plain = [i for i, name in enumerate(names) if not out[i]]
        joined = "\n".join(names[i] for i in plain)
    if not plain:
        return out
    import re  # only when a store is built

    spaced = joined.lower().encode("ascii").translate(_TO_SPACE).decode("ascii")
    if "+" in spaced or "#" in spaced:
        spaced = spaced.replace("+", "plus").replace("#", "sharp")
    for i, line in zip(plain, re.sub(" {2,}", " ", spaced).split("\n"), strict=True):
        if line[:1] == " " or line[-1:] == " ":
            line = line.strip(" ")
        if line[-1:] == "s":  # the last word folded, as word_line does
            head, _, last = line.rpartition(" ")
            folded = fold(last)
            if folded != last:
                line = f"{head} {folded}" if head else folded
        out[i] = line
    return out
