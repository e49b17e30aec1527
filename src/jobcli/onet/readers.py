"""One reader per O*NET file, each returning typed results.

Readers check every row (a malformed line is an :class:`OnetImportError` naming the
file and line), count the rows that name an occupation ``Occupation Data.txt`` does
not describe (in ``unknown``, per file), and know nothing of the catalog they feed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from .tables import LineNotes, Table, clean, flag

#: The rating scales read from Skills.txt and Knowledge.txt, with their ranges.
SCALES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0)}


@dataclass(frozen=True)
class Occupation:
    """A row of ``Occupation Data.txt``."""

    code: str
    title: str
    description: str


def read_occupations(table: Table) -> dict[str, Occupation]:
    """code -> occupation, in file order; an empty title or a code listed twice is an error."""
    code_i, title_i, desc_i = (table.need(c) for c in ("O*NET-SOC Code", "Title", "Description"))
    occupations: dict[str, Occupation] = {}
    first: dict[str, int] = {}
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        title = clean(fields[title_i])
        if not title:
            raise table.error(line, f"occupation {code} has an empty Title")
        if code in first:
            raise table.error(
                line, f"occupation {code} is listed twice (first on line {first[code]})"
            )
        first[code] = line
        occupations[code] = Occupation(code, title, clean(fields[desc_i]))
    return occupations


@dataclass
class Ratings:
    """What ``Skills.txt`` or ``Knowledge.txt`` rates: importance and level per (code, element)."""

    importance: dict[tuple[str, str], float] = field(default_factory=dict)
    level: dict[tuple[str, str], float] = field(default_factory=dict)
    #: (code, element) pairs marked Not Relevant (any scale) or Recommend Suppress on IM.
    excluded: set[tuple[str, str]] = field(default_factory=set)
    #: (code, element) pairs whose LV row is marked Recommend Suppress: the level is unknown.
    level_suppressed: set[tuple[str, str]] = field(default_factory=set)
    #: the occupations the file rates at all (any row of a known code).
    rated: set[str] = field(default_factory=set)
    #: element id -> Element Name, as first seen.
    names: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_ratings(table: Table, codes: Collection[str], unknown: Counter[str]) -> Ratings:
    """The IM (importance) and LV (level) ratings of each occupation's elements.

    ``Not Relevant`` Y (O*NET puts it on the LV row) leaves the element out, as does
    ``Recommend Suppress`` Y on the IM row (an unreliable importance); ``Recommend
    Suppress`` Y on the LV row only keeps the element with its level unknown. A row
    whose (code, element, scale) came before is set aside (the first counts), as is a
    Data Value outside its scale (IM 1-5, LV 0-7): both are named, with their
    lines, in one note each. Scales other than IM and LV are not read.
    """
    code_i = table.need("O*NET-SOC Code")
    element_i = table.need("Element ID")
    name_i = table.need("Element Name")
    scale_i = table.need("Scale ID")
    value_i = table.need("Data Value")
    suppress_i = table.column("Recommend Suppress")
    irrelevant_i = table.column("Not Relevant")
    ratings = Ratings()
    seen: dict[tuple[str, str, str], int] = {}
    twice = LineNotes(table.name, "repeating an earlier (code, element, scale) were ignored")
    outside = LineNotes(table.name, "with a Data Value outside its scale were ignored")
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        element = clean(fields[element_i])
        if not element:
            raise table.error(line, "empty Element ID")
        scale = clean(fields[scale_i]).upper()
        value = table.number(fields, value_i, line, "Data Value")
        if code not in codes:
            unknown_rows += 1
            continue
        ratings.rated.add(code)
        bounds = SCALES.get(scale)
        if bounds is None:
            continue
        key = (code, element, scale)
        if key in seen:
            twice.add(line, f"{code} {element!r} {scale} (first on line {seen[key]})")
            continue
        seen[key] = line
        if not bounds[0] <= value <= bounds[1]:
            outside.add(
                line, f"{code} {element!r} {scale} {value:g} (scale {bounds[0]:g}-{bounds[1]:g})"
            )
            continue
        if element not in ratings.names:
            ratings.names[element] = clean(fields[name_i])
        suppressed = flag(fields, suppress_i)
        if flag(fields, irrelevant_i) or (suppressed and scale == "IM"):
            ratings.excluded.add((code, element))
        if scale == "IM":
            ratings.importance[(code, element)] = value
        elif suppressed:
            ratings.level_suppressed.add((code, element))
        else:
            ratings.level[(code, element)] = value
    if unknown_rows:
        unknown[table.name] += unknown_rows
    ratings.notes = [n for n in (twice.note(), outside.note()) if n]
    return ratings


@dataclass
class Technology:
    """A technology an occupation uses, flagged Hot Technology or In Demand."""

    example: str
    commodities: set[str]
    hot: bool
    in_demand: bool


def read_technology(
    table: Table, codes: Collection[str], unknown: Counter[str]
) -> dict[str, dict[str, Technology]]:
    """code -> example -> technology, every example the occupation lists (file order).

    An example listed twice for an occupation (under two commodities) is one
    technology, with both commodities and either row's flags.
    """
    code_i = table.need("O*NET-SOC Code")
    example_i = table.need("Example")
    commodity_i = table.column("Commodity Title")
    hot_i = table.need("Hot Technology")
    demand_i = table.need("In Demand")
    per_code: dict[str, dict[str, Technology]] = defaultdict(dict)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        if code not in codes:
            unknown_rows += 1
            continue
        hot, in_demand = flag(fields, hot_i), flag(fields, demand_i)
        example = clean(fields[example_i])
        if not example:
            continue
        commodity = clean(fields[commodity_i]) if commodity_i is not None else ""
        tech = per_code[code].get(example)
        if tech is None:
            per_code[code][example] = Technology(example, {commodity} - {""}, hot, in_demand)
        else:
            tech.commodities |= {commodity} - {""}
            tech.hot |= hot
            tech.in_demand |= in_demand
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return dict(per_code)


@dataclass(frozen=True)
class AlternateTitle:
    """A name an occupation goes by: a title or a short title, and how many sources list it."""

    name: str
    sources: int
    short: bool


def read_alternate_titles(
    table: Table, codes: Collection[str], unknown: Counter[str]
) -> tuple[dict[str, list[AlternateTitle]], dict[str, set[str]]]:
    """code -> its alternate titles (file order); and each name -> every code listing it.

    The second counts every occupation of the file, known or not, so that a name
    several occupations use can be told apart. ``Short Title`` ``n/a`` means none.
    """
    from .naming import keys

    code_i = table.need("O*NET-SOC Code")
    title_i = table.need("Alternate Title")
    short_i = table.column("Short Title")
    sources_i = table.column("Source(s)")
    titles: dict[str, list[AlternateTitle]] = defaultdict(list)
    owners: dict[str, set[str]] = defaultdict(set)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        long_title = clean(fields[title_i])
        short = clean(fields[short_i]) if short_i is not None else ""
        if short.casefold() == "n/a":
            short = ""
        sources = clean(fields[sources_i]) if sources_i is not None else ""
        count = len([s for s in sources.split(",") if s.strip()]) or 1
        for name in (long_title, short):
            for key in keys(name):
                owners[key].add(code)
        if code not in codes:
            unknown_rows += 1
            continue
        if long_title:
            titles[code].append(AlternateTitle(long_title, count, short=False))
        if short:
            titles[code].append(AlternateTitle(short, count, short=True))
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return dict(titles), dict(owners)


@dataclass(frozen=True)
class Task:
    """A task statement: what a person in the occupation does."""

    text: str
    core: bool


def read_tasks(
    table: Table, codes: Collection[str], unknown: Counter[str]
) -> dict[str, list[Task]]:
    """code -> its task statements, in file order (``Task Type`` Core, Supplemental or n/a)."""
    code_i = table.need("O*NET-SOC Code")
    task_i = table.need("Task")
    type_i = table.column("Task Type")
    tasks: dict[str, list[Task]] = defaultdict(list)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        if code not in codes:
            unknown_rows += 1
            continue
        text = clean(fields[task_i])
        if text:
            core = type_i is not None and clean(fields[type_i]).casefold() == "core"
            tasks[code].append(Task(text, core))
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return dict(tasks)


def read_related(
    table: Table, codes: Collection[str], unknown: Counter[str]
) -> dict[str, list[tuple[float, str]]]:
    """code -> (Index, related code) pairs; rows naming an unknown occupation are counted."""
    code_i = table.need("O*NET-SOC Code")
    other_i = table.need("Related O*NET-SOC Code")
    index_i = table.need("Index")
    related: dict[str, list[tuple[float, str]]] = defaultdict(list)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        other = table.code(fields, other_i, line, "Related O*NET-SOC Code")
        index = table.number(fields, index_i, line, "Index")
        if code not in codes or other not in codes:
            unknown_rows += 1
            continue
        related[code].append((index, other))
    if unknown_rows:
        unknown[table.name] += unknown_rows
    return dict(related)
