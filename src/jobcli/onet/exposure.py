"""AI-exposure ratings of Eloundou et al. ("GPTs are GPTs"), joined to O*NET occupations.

The file is a CSV in the format of ``data/occ_level.csv`` of openai/GPTs-are-GPTs
(``O*NET-SOC Code`` and the rating columns). Each occupation gets the ratings of its
code, in the order human alpha, beta, gamma, then GPT-4 alpha, beta, gamma; values
are rounded to 4 decimals, float noise within 1e-6 of [0, 1] is clamped, empty (or
NA/NaN) values are skipped, and anything else outside [0, 1] or non-numeric is a
malformed line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

from .tables import Table, clean

#: (column of occ_level.csv, measure name in ``ai_exposure``), in output order.
EXPOSURE_MEASURES: tuple[tuple[str, str], ...] = (
    ("human_rating_alpha", "GPT exposure α, human raters"),
    ("human_rating_beta", "GPT exposure β, human raters"),
    ("human_rating_gamma", "GPT exposure γ, human raters"),
    ("dv_rating_alpha", "GPT exposure α, GPT-4 raters"),
    ("dv_rating_beta", "GPT exposure β, GPT-4 raters"),
    ("dv_rating_gamma", "GPT exposure γ, GPT-4 raters"),
)
EXPOSURE_SOURCE = (
    'Eloundou, Manning, Mishkin, Rock, "GPTs are GPTs" (openai/GPTs-are-GPTs, data/occ_level.csv)'
)
EXPOSURE_CREDIT = (
    f"AI exposure ratings: {EXPOSURE_SOURCE}, 2023, MIT licence; exposure measures how much "
    "of an occupation's tasks AI could speed up, not whether the job goes away."
)
_MISSING_VALUES = frozenset({"", "na", "n/a", "nan"})
_NOISE = 1e-6


def read_exposure(
    path: Path, codes: Collection[str], unknown: Counter[str]
) -> dict[str, list[dict[str, Any]]]:
    """code -> its ``ai_exposure`` entries; a code listed twice is an error."""
    table = Table(path, delimiter=",")
    code_i = table.need("O*NET-SOC Code")
    measures = [
        (index, column, measure)
        for column, measure in EXPOSURE_MEASURES
        if (index := table.column(column)) is not None
    ]
    if not measures:
        names = ", ".join(column for column, _ in EXPOSURE_MEASURES)
        raise table.error(1, f"the header has none of the rating columns ({names})")
    out: dict[str, list[dict[str, Any]]] = {}
    first: dict[str, int] = {}
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        entries: list[dict[str, Any]] = []
        for index, column, measure in measures:
            text = clean(fields[index])
            if text.casefold() in _MISSING_VALUES:
                continue
            value = table.number(fields, index, line, column)
            if -_NOISE <= value < 0.0:
                value = 0.0
            elif 1.0 < value <= 1.0 + _NOISE:
                value = 1.0
            elif not 0.0 <= value <= 1.0:
                raise table.error(line, f"{column} {text!r} is not between 0 and 1")
            entries.append(
                {"measure": measure, "value": round(value, 4) + 0.0, "source": EXPOSURE_SOURCE}
            )
        if code in first:
            raise table.error(
                line, f"occupation {code} is listed twice (first on line {first[code]})"
            )
        first[code] = line
        if code not in codes:
            unknown_rows += 1
            continue
        out[code] = entries
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return out
