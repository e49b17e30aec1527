"""Readers of the O*NET files about preparation and interests (29.x releases).

``Job Zones.txt`` with ``Job Zone Reference.txt``, ``Education, Training, and
Experience.txt`` with its ``Categories`` file, and ``Interests.txt``. Like
:mod:`.readers`: columns by name (``Title`` and ``Scale Name`` optional), rows
checked, rows naming an occupation ``Occupation Data.txt`` lacks counted in
``unknown``. Numbers may be written ``4`` or ``4.0``; a blank or ``n/a`` value is
missing (the row says nothing).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from .tables import Table, clean

#: RIASEC, in O*NET's order: the high-point values 1-6 name them (0 = none).
INTERESTS = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
_HIGH_POINTS = ("first", "second", "third")
_ZONE_PREFIX = re.compile(r"^job zone [a-z0-9]+\s*:\s*", re.IGNORECASE)


def _value(table: Table, fields: list[str], index: int, line: int, column: str) -> float | None:
    """The number in the field, or None when it is blank or ``n/a``; else an error."""
    text = clean(fields[index])
    if not text or text.casefold() == "n/a":
        return None
    return table.number(fields, index, line, column)


def _whole(table: Table, value: float, line: int, column: str, low: int, high: int) -> int:
    if not (value.is_integer() and low <= value <= high):
        raise table.error(line, f"{column} {value:g} is not a whole number from {low} to {high}")
    return int(value)


def read_job_zones(table: Table, codes: Collection[str], unknown: Counter[str]) -> dict[str, int]:
    """code -> Job Zone (1-5); the first row of a code counts."""
    code_i, zone_i = table.need("O*NET-SOC Code"), table.need("Job Zone")
    zones: dict[str, int] = {}
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        value = _value(table, fields, zone_i, line, "Job Zone")
        if code not in codes:
            unknown_rows += 1
        elif value is not None:
            zones.setdefault(code, _whole(table, value, line, "Job Zone", 1, 5))
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return zones


def read_job_zone_names(table: Table) -> dict[int, str]:
    """Job Zone -> its name ("Job Zone Four: Considerable Preparation Needed" ->
    "Considerable Preparation Needed")."""
    zone_i, name_i = table.need("Job Zone"), table.need("Name")
    names: dict[int, str] = {}
    for line, fields in table.rows():
        value = _value(table, fields, zone_i, line, "Job Zone")
        name = _ZONE_PREFIX.sub("", clean(fields[name_i]))
        if value is not None and name:
            names[_whole(table, value, line, "Job Zone", 1, 5)] = name
    return names


def read_education(table: Table, codes: Collection[str], unknown: Counter[str]) -> dict[str, int]:
    """code -> the category of required education (scale RL) with the largest share of
    respondents; on a tie, the lower category. Other scales are not read."""
    code_i, scale_i = table.need("O*NET-SOC Code"), table.need("Scale ID")
    category_i, value_i = table.need("Category"), table.need("Data Value")
    suppress_i = table.column("Recommend Suppress")
    best: dict[str, tuple[float, int]] = {}
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        if clean(fields[scale_i]).upper() != "RL":
            continue
        if code not in codes:
            unknown_rows += 1
            continue
        category = _value(table, fields, category_i, line, "Category")
        share = _value(table, fields, value_i, line, "Data Value")
        if suppress_i is not None and clean(fields[suppress_i]).upper() == "Y":
            continue
        if category is None or share is None or share <= 0:
            continue
        number = _whole(table, category, line, "Category", 1, 99)
        before = best.get(code)
        if before is None or (share, -number) > (before[0], -before[1]):
            best[code] = (share, number)
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return {code: number for code, (_, number) in best.items()}


def sentence_case(text: str) -> str:
    """``Bachelor's Degree`` -> ``Bachelor's degree``: the case BLS writes education in, so
    that one catalog reads alike whichever source named it; an acronym (``GED``) stays."""
    words = text.split(" ")
    rest = [w if len(w) > 1 and w.isupper() else w.lower() for w in words[1:]]
    first = words[0][:1] + (words[0][1:] if words[0].isupper() else words[0][1:].lower())
    return " ".join([first, *rest])


def education_name(description: str) -> str:
    """A category's short name, in sentence case: the text before its explanation, with an
    alternative the explanation opens with ("High School Diploma - or the equivalent (for
    example, GED)" -> "High school diploma or the equivalent")."""
    name, _, explanation = description.partition(" - ")
    alternative = re.match(r"or [^(]*", explanation.strip())
    if alternative:
        name = f"{name.strip()} {alternative[0].strip()}"
    return sentence_case(name.strip())


def read_education_categories(table: Table) -> dict[int, str]:
    """RL category -> its short name in sentence case ("Bachelor's Degree" -> "Bachelor's
    degree", "High School Diploma - or the equivalent ..." -> "High school diploma or the
    equivalent"): see :func:`education_name`."""
    scale_i, category_i = table.need("Scale ID"), table.need("Category")
    description_i = table.need("Category Description")
    names: dict[int, str] = {}
    for line, fields in table.rows():
        if clean(fields[scale_i]).upper() != "RL":
            continue
        category = _value(table, fields, category_i, line, "Category")
        name = education_name(clean(fields[description_i]))
        if category is not None and name:
            names[_whole(table, category, line, "Category", 1, 99)] = name
    return names


def read_interests(
    table: Table, codes: Collection[str], unknown: Counter[str]
) -> dict[str, list[str]]:
    """code -> its RIASEC high points, first to third (scale IH; 0 = none, left out)."""
    code_i, scale_i = table.need("O*NET-SOC Code"), table.need("Scale ID")
    name_i, value_i = table.need("Element Name"), table.need("Data Value")
    points: dict[str, dict[int, str]] = {}
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        if clean(fields[scale_i]).upper() != "IH":
            continue
        if code not in codes:
            unknown_rows += 1
            continue
        words = clean(fields[name_i]).casefold().split()
        rank = next((i for i, word in enumerate(_HIGH_POINTS) if word in words), None)
        value = _value(table, fields, value_i, line, "Data Value")
        if rank is None or value is None:
            continue
        number = _whole(table, value, line, "Data Value", 0, 6)
        if number:
            points.setdefault(code, {}).setdefault(rank, INTERESTS[number - 1])
    if unknown_rows:
        unknown[table.name] += unknown_rows
    out: dict[str, list[str]] = {}
    for code, ranked in points.items():
        names = [ranked[rank] for rank in sorted(ranked)]
        out[code] = list(dict.fromkeys(names))  # a name once, at its highest point
    return out
