"""What ``jobcli catalogs`` says of each bundled catalog: its counts, credit and release.

Pure: the command reads the counts from each catalog's store and hands them here.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class CatalogInfo(NamedTuple):
    """One bundled catalog: its name, file and, when installed, its counts and credit."""

    name: str
    path: str
    available: bool
    roles: int | None = None
    skills: int | None = None
    source: str | None = None
    release: str | None = None


#: What a catalog's credit names, and how ``release`` says it (in this order).
_RELEASE_PATTERNS = (
    (r'article headed "([^"]+)"', 'article "{}"'),
    (r"O\*NET ([0-9]+\.[0-9]+)", "O*NET {}"),
    (r"Occupational Employment and Wage Statistics,? ((?:[A-Z][a-z]+ )?[0-9]{4})", "BLS OEWS {}"),
    (r"Employment Projections,? ([0-9]{4}[–-][0-9]{2,4})", "BLS Employment Projections {}"),
)


def release_of(source: str) -> str | None:
    """The releases a catalog's credit names, e.g. "O*NET 29.3; BLS OEWS May 2024;
    BLS Employment Projections 2024–34"; None when it names none."""
    parts: list[str] = []
    for pattern, shown in _RELEASE_PATTERNS:
        found: list[str] = []
        for value in re.findall(pattern, source):
            if value not in found:
                found.append(value)
        if found:
            parts.append(shown.format(", ".join(sorted(found))))
    return "; ".join(parts) or None
