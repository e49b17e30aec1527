"""Errors as values: what went wrong, and where. The CLI maps them to exit codes.

No ``from __future__ import annotations``: see :mod:`jobcli.domain` (named tuples).
"""

import re
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """The exit codes of the contract."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_CATALOG = 3
    INTERNAL = 70  # a bug in jobcli: not in the contract, never expected
    OUTPUT_ERROR = 74  # stdout cannot be written (disk full, closed): not in the contract
    INTERRUPTED = 130


class Problem(NamedTuple):
    """One problem in a catalog: where (``roles[2].skills[0].importance``) and what."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class CatalogError(Exception):
    """The catalog at ``origin`` is missing, unreadable or invalid."""

    def __init__(self, origin: str, problems: list[Problem], *, more: int = 0) -> None:
        text = "; ".join(str(p) for p in problems)
        if more:
            text += f"; and {more} more problem" + ("" if more == 1 else "s")
        super().__init__(f"{origin}: {text}")
        self.origin = origin
        #: The problems, in document order; at most :data:`MAX_REPORTED_PROBLEMS` of them.
        self.problems = problems
        #: How many more problems were found and left out of ``problems``.
        self.more = more


#: An invalid catalog reports its first problems and counts the rest: a file with a
#: million bad entries must not print a million lines (nor hold them all).
MAX_REPORTED_PROBLEMS = 200


def capped(origin: str, problems: list[Problem]) -> CatalogError:
    """A :class:`CatalogError` holding the first problems and the count of the others."""
    shown = problems[:MAX_REPORTED_PROBLEMS]
    return CatalogError(origin, shown, more=len(problems) - len(shown))


class NameLookupError(Exception):
    """A ROLE or SKILL name matched nothing, or more than one thing."""

    def __init__(
        self,
        kind: str,
        query: str,
        candidates: list[str],
        *,
        ambiguous: bool,
        more: int = 0,
        shared: bool = False,
    ) -> None:
        self.kind = kind
        #: True when ``query`` is an alternate title that every candidate lists (a shared name).
        self.shared = shared
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous
        #: How many more candidates there are beyond ``candidates`` (an ambiguous prefix).
        self.more = more
        from .safetext import safe

        # The name as typed, harmless on a terminal, and cut: it may be megabytes of stdin.
        typed = query if len(query) <= 80 else query[:79] + "…"
        shown = safe(repr(typed))
        if ambiguous:
            listed = list(candidates)
            if more:
                listed.append(f"{more} more")
            message = f"{kind} {shown} is ambiguous: it could be " + _or_list(listed)
            if shared:
                message += (
                    f"\n{shown} is a title {len(candidates) + more} {kind}s share;"
                    " name one of them by its id"
                )
        else:
            message = f"no {kind} matches {shown}"
            if candidates:
                message += "; did you mean " + _or_list(candidates) + "?"
        super().__init__(message)


def _or_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def format_location(loc: tuple[int | str, ...]) -> str:
    """``("roles", 2, "skills")`` -> ``roles[2].skills``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + (part if re.fullmatch(r"\w+", part) else repr(part))
    return out
