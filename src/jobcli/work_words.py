"""The words of a role's work, as the fit of a move counts them: pure text, no I/O.

Two parts (docs/ARCHITECTURE.md, "Fit"): what the job is called (its title, aliases
and alternate titles, a word once per title, keyed with :data:`TITLE`) and what it
does (its tasks and summary, as often as said). Words are lower case, [a-z0-9]+, at
least three letters, not a stop word, a plural's last "s" (or "ies") taken off.
"""

import re
from collections import Counter

from .domain import Role

#: The mark of a title's word among a role's work words (a word is [a-z0-9]+).
TITLE = "^"
# Patterns, not compiled patterns: ``re`` compiles each when first used (a call that only
# reads the store never does).
_WORD = r"[a-z0-9]+"
_WORD_OR_LINE = r"[a-z0-9]+|\n"
_STOP = frozenset(
    [
        "and",
        "or",
        "the",
        "of",
        "to",
        "in",
        "for",
        "with",
        "on",
        "as",
        "by",
        "at",
        "from",
        "such",
        "other",
        "into",
        "be",
        "are",
        "is",
        "their",
        "may",
        "using",
        "use",
        "that",
        "this",
        "all",
        "new",
        "any",
        "more",
        "than",
        "not",
        # O*NET's words for an "All Other" occupation ("All managers not listed
        # separately."): they say nothing of the work, and made such occupations each
        # other's best moves.
        "listed",
        "separately",
    ]
)


def work_words(role: Role) -> Counter[str]:
    """The words of a role's work, in two parts: what it is called (titles, aliases and
    alternate titles, a word once per title, keyed with :data:`TITLE`) and what it does
    (tasks and summary, as often as said)."""
    words: Counter[str] = Counter()
    # One pass over all the titles, a line each (a role has dozens of alternate titles).
    titles = "\n".join((role.title, *role.aliases, *role.alternate_titles)).lower()
    stems = _STEMS
    seen: set[str] = set()
    for w in re.findall(_WORD_OR_LINE, titles):
        if w == "\n":
            words.update(seen)
            seen = set()
            continue
        stem = stems.get(w, "")
        if stem == "":
            stem = stems[w] = _stem(w)
        if stem is not None:
            seen.add(TITLE + stem)
    words.update(seen)
    words.update(_words("\n".join((*role.responsibilities, role.summary))))
    return words


#: Each word seen, as the fit counts it (None: a word it skips): words recur across roles.
_STEMS: dict[str, str | None] = {}


def _stem(w: str) -> str | None:
    if len(w) < 3 or w in _STOP:
        return None
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _words(text: str) -> list[str]:
    stems = _STEMS
    out = []
    for w in re.findall(_WORD, text.lower()):
        stem = stems.get(w, "")
        if stem == "":
            stem = stems[w] = _stem(w)
        if stem is not None:
            out.append(stem)
    return out
