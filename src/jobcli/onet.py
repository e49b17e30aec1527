"""Import an O*NET database release (the text files of ``db_29_x_text``) as a jobcli catalog.

:func:`import_onet` reads the release and returns the catalog (a plain dict in
the format of ``data/roles.json``) with an :class:`ImportReport`;
:func:`write_catalog` writes it atomically. Both are pure: they print nothing
and know nothing of Rich or Typer; the ``jobcli import onet`` command wraps them.

Files read (tab-separated, header row first, columns found by name; fields
may be padded with spaces or wrapped in double quotes; a UTF-8 BOM and CRLF
line endings are tolerated; blank lines are skipped):

``Occupation Data.txt`` (required)
    One role per occupation: id = slug of the title, title, summary = the
    description (the title when the description is empty), ``onet_soc_code``.
    Titles that are the same name case- and punctuation-insensitively (or
    that have no letter or digit at all) get the code appended, ``"Title
    (15-2051.00)"``, and the id follows (``title-15-2051-00``), so a name
    means one role.
``Skills.txt``
    O*NET's 35 skills, ids, names and kinds from :mod:`jobcli.onet_skills`.
    A role keeps a skill when its importance (scale ``IM``, 1-5) is at least
    ``min_importance`` (default :data:`DEFAULT_MIN_IMPORTANCE` = 3.0: O*NET
    OnLine lists a skill for an occupation when its importance is at least
    50 on its 0-100 scale, i.e. IM >= 3.0). The threshold applies to the raw
    rating; the role's importance is the rating rounded half up (2.5 -> 3).
    An element is left out when any of its rows (``IM`` or ``LV``) says
    ``Not Relevant`` = Y or ``Recommend Suppress`` = Y. An element id not in
    the table becomes a skill named by its ``Element Name`` (id: its slug,
    made unique with the element id when taken; kind ``technical`` for group
    2.B.3, else ``human``) and is counted in the report's notes.
``Technology Skills.txt``
    Only examples flagged ``In Demand`` or ``Hot Technology`` become skills
    (kind ``technical``, name = the example): importance 4 when in demand
    (hot or not), 3 when hot only. A role keeps at most
    :data:`MAX_TECHNOLOGIES` (10), most important first, ties alphabetical.
    Ids are ``slugify(example)`` after ``+`` -> "plus" and ``#`` -> "sharp"
    (so C, C++ and C# are ``c``, ``c-plus-plus`` and ``c-sharp``); an id that
    would collide (dashes ignored) with one of O*NET's 35 skill ids, another
    skill, or an earlier technology (in order of slug, then example) gets
    ``-tech`` (then ``-tech-2``, ...) appended. The description names the
    commodity title(s) and the flags ("Hot technology", "In demand").
``Alternate Titles.txt``
    Aliases. A title (or short title) that more than one occupation in the
    file lists, case- and punctuation-insensitively, is nobody's alias; nor
    is one that is, the same way, any role's id or title. The rest are kept,
    short titles (``Short Title`` other than ``n/a``) first, then the long
    ones, each by length then alphabetically, without duplicates, at most
    :data:`MAX_ALIASES` (8) per role.
``Related Occupations.txt``
    ``related``: the related occupations that are roles of the catalog, not
    the role itself, in ``Index`` order, at most :data:`MAX_RELATED` (10).

Two names are "the same" when they agree once lowercased with everything but
a-z and 0-9 dropped, or once normalised as the CLI compares names
(:func:`jobcli.names.normalize`); both are checked.

Every file but ``Occupation Data.txt`` is optional: a missing one is listed
in the report. Rows of an occupation the release does not describe are
counted per file in the report. An occupation left with no skill at all
(O*NET rates none for most "All Other" occupations) cannot be a jobcli role,
which needs one: it is left out and named in the report's notes. A malformed
line (wrong number of fields, a bad O*NET-SOC code, a non-numeric value, a
missing required column or value) raises :class:`OnetImportError` naming the
file and the line (1-based, the header is line 1).

``exposure``: a CSV in the format of ``data/occ_level.csv`` of
openai/GPTs-are-GPTs (``O*NET-SOC Code`` and the rating columns). Each role
gets the ratings of its code as ``ai_exposure``, in the order human alpha,
beta, gamma, then GPT-4 alpha, beta, gamma; values are rounded to 4 decimals,
float noise within 1e-6 of [0, 1] is clamped, empty (or NA/NaN) values are
skipped, and anything else outside [0, 1] or non-numeric is a malformed line.

The catalog's ``source`` carries the credit line the O*NET licence (CC BY 4.0)
asks for, naming the release found in the directory name (``db_29_2_text``
-> 29.2; 29.2 when the name tells nothing, with a note), the statement that
jobcli modified the data, and the exposure source when used. Output is
deterministic: roles sorted by O*NET-SOC code, skills by id, fixed key order.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .names import normalize
from .onet_skills import BY_ELEMENT_ID, slugify

__all__ = [
    "DEFAULT_MIN_IMPORTANCE",
    "EXPOSURE_MEASURES",
    "EXPOSURE_SOURCE",
    "MAX_ALIASES",
    "MAX_RELATED",
    "MAX_TECHNOLOGIES",
    "ImportReport",
    "OnetImportError",
    "import_onet",
    "write_catalog",
]

OCCUPATION_DATA = "Occupation Data.txt"
SKILLS = "Skills.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
TECHNOLOGY_SKILLS = "Technology Skills.txt"
RELATED_OCCUPATIONS = "Related Occupations.txt"
OPTIONAL_FILES = (SKILLS, ALTERNATE_TITLES, TECHNOLOGY_SKILLS, RELATED_OCCUPATIONS)

#: Skills with an O*NET importance (IM, 1-5) below this are left out.
DEFAULT_MIN_IMPORTANCE = 3.0
#: At most this many aliases per role.
MAX_ALIASES = 8
#: At most this many technology skills per role.
MAX_TECHNOLOGIES = 10
#: At most this many related roles per role.
MAX_RELATED = 10
#: Importance of a technology flagged In Demand (whether hot or not).
IMPORTANCE_IN_DEMAND = 4
#: Importance of a technology flagged Hot Technology only.
IMPORTANCE_HOT = 3
#: The release the credit line names when the directory name does not tell.
DEFAULT_RELEASE = "29.2"

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
_EXPOSURE_CREDIT = (
    f"AI exposure ratings: {EXPOSURE_SOURCE}, MIT licence; exposure measures how much "
    "of an occupation's tasks AI could speed up, not whether the job goes away."
)
_MISSING_VALUES = frozenset({"", "na", "n/a", "nan"})
_NOISE = 1e-6

_CODE_RE = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}")
_RELEASE_RE = re.compile(r"db_([0-9]+)_([0-9]+)_text", re.IGNORECASE)
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")

ProgressCallback = Callable[[str, int, int], None]


class OnetImportError(Exception):
    """The release cannot be imported: the message names the file and, if any, the line."""

    def __init__(self, file: str | os.PathLike[str], line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = self.file if line is None else f"{self.file}, line {line}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class ImportReport:
    """What an import read, what it missed, and what it had to leave out."""

    files_read: list[str]
    files_missing: list[str]
    occupations: int
    skills: int
    unknown_codes: dict[str, int]  # file name -> rows naming a code not in Occupation Data
    notes: list[str]


# --------------------------------------------------------------------------- reading


def _clean(field: str) -> str:
    """A field without padding or one pair of wrapping double quotes ("" inside -> ")."""
    field = field.strip()
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        field = field[1:-1].replace('""', '"').strip()
    return field


def _column_key(name: str) -> str:
    return " ".join(_clean(name).split()).casefold()


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OnetImportError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise OnetImportError(path, line, "the text is not valid UTF-8") from None


class _Table:
    """A tab-separated file with a header row: column lookup by name, rows checked for width."""

    def __init__(self, path: Path, *, delimiter: str = "\t") -> None:
        self.path = path
        text = _read_text(path)
        if delimiter == "\t":
            lines = text.split("\n")
            header = lines[0] if lines else ""
            self._raw_rows: Iterator[tuple[int, list[str]]] = (
                (number, line.split("\t"))
                for number, line in enumerate(lines[1:], start=2)
                if line.strip()
            )
            header_fields = header.split("\t")
        else:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            try:
                header_fields = next(reader)
            except (StopIteration, csv.Error):
                header_fields = []
            self._raw_rows = self._csv_rows(reader)
        self.width = len(header_fields)
        self.columns: dict[str, int] = {}
        for index, name in enumerate(header_fields):
            self.columns.setdefault(_column_key(name), index)
        if not any(self.columns):
            raise OnetImportError(path, 1, "the file is empty: expected a header row")

    def _csv_rows(self, reader: Any) -> Iterator[tuple[int, list[str]]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise OnetImportError(self.path, reader.line_num, f"bad CSV: {exc}") from None
            if row and any(field.strip() for field in row):
                yield reader.line_num, row

    def column(self, name: str, *, required: bool = True) -> int | None:
        index = self.columns.get(_column_key(name))
        if index is None and required:
            raise OnetImportError(self.path, 1, f"the header has no column {name!r}")
        return index

    def need(self, name: str) -> int:
        index = self.column(name)
        assert index is not None
        return index

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        width = self.width
        for number, fields in self._raw_rows:
            if len(fields) != width:
                raise OnetImportError(
                    self.path, number, f"expected {width} fields, found {len(fields)}"
                )
            yield number, fields

    def error(self, line: int, reason: str) -> OnetImportError:
        return OnetImportError(self.path, line, reason)

    def code(self, fields: list[str], index: int, line: int, column: str) -> str:
        code = _clean(fields[index])
        if not _CODE_RE.fullmatch(code):
            raise self.error(line, f"{column} {code!r} is not an O*NET-SOC code (NN-NNNN.NN)")
        return code

    def number(self, fields: list[str], index: int, line: int, column: str) -> float:
        text = _clean(fields[index])
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.error(line, f"{column} {text!r} is not a number")
        return value


def _flag(fields: list[str], index: int | None) -> bool:
    return index is not None and _clean(fields[index]).upper() == "Y"


# --------------------------------------------------------------------------- names


def _ascii_key(name: str) -> str:
    return _NOT_ASCII_ALNUM.sub("", name.lower())


def _keys(name: str) -> set[str]:
    """Every normalised form under which ``name`` could collide with another name."""
    ascii_key = _ascii_key(name)
    if name.isascii():  # then normalize(name) == ascii_key: skip the slow path
        return {ascii_key} if ascii_key else set()
    return {key for key in (ascii_key, normalize(name)) if key}


# --------------------------------------------------------------------------- the import


@dataclass
class _Tech:
    importance: int
    commodities: set[str]
    hot: bool
    in_demand: bool


def import_onet(
    directory: Path,
    *,
    exposure: Path | None = None,
    min_importance: float = DEFAULT_MIN_IMPORTANCE,
    progress: ProgressCallback | None = None,
) -> tuple[dict[str, Any], ImportReport]:
    """The catalog made of the O*NET release in ``directory``, and a report of the import.

    ``progress(stage, done, total)`` is called before each stage (a file name,
    then ``"catalog"``) with the number of stages done so far, and once more
    at the end as ``("done", total, total)``.

    Raises :class:`OnetImportError` when ``Occupation Data.txt`` (or the
    exposure file) is missing, when a line is malformed, or when no
    occupation has a skill to import; :class:`ValueError` when
    ``min_importance`` is not a number from 0 to 5.
    """
    if not (isinstance(min_importance, (int, float)) and 0.0 <= min_importance <= 5.0):
        raise ValueError(f"min_importance must be a number from 0 to 5, not {min_importance!r}")
    directory = Path(directory)
    if not directory.is_dir():
        raise OnetImportError(directory, None, "no such directory")
    exposure_path = None if exposure is None else Path(exposure)
    if exposure_path is not None and not exposure_path.is_file():
        raise OnetImportError(exposure_path, None, "no such file")
    present = _files_in(directory)

    stages = [OCCUPATION_DATA, *OPTIONAL_FILES]
    if exposure_path is not None:
        stages.append(exposure_path.name)
    stages.append("catalog")
    total = len(stages)
    done = 0

    def step() -> None:
        nonlocal done
        if progress is not None:
            progress(stages[done], done, total)
        done += 1

    files_read: list[str] = []
    files_missing: list[str] = []
    unknown: Counter[str] = Counter()
    notes: list[str] = []

    step()
    occupation_path = present.get(OCCUPATION_DATA.casefold())
    if occupation_path is None:
        raise OnetImportError(directory / OCCUPATION_DATA, None, "no such file")
    occupations = _read_occupations(occupation_path)
    files_read.append(occupation_path.name)

    def open_optional(name: str) -> _Table | None:
        step()
        path = present.get(name.casefold())
        if path is None:
            files_missing.append(name)
            return None
        files_read.append(path.name)
        return _Table(path)

    role_skills: dict[str, dict[str, int]] = defaultdict(dict)
    skill_info: dict[str, tuple[str, str, str]] = {}  # id -> name, kind, description
    table = open_optional(SKILLS)
    if table is not None:
        _read_skills(table, occupations, min_importance, role_skills, skill_info, unknown, notes)

    table = open_optional(ALTERNATE_TITLES)
    titles: dict[str, tuple[list[str], list[str]]] = {}
    owners: dict[str, set[str]] = {}
    if table is not None:
        titles, owners = _read_alternate_titles(table, occupations, unknown)

    table = open_optional(TECHNOLOGY_SKILLS)
    if table is not None:
        _read_technology(table, occupations, role_skills, skill_info, unknown, notes)

    table = open_optional(RELATED_OCCUPATIONS)
    related_rows: dict[str, list[tuple[float, str]]] = defaultdict(list)
    if table is not None:
        _read_related(table, occupations, related_rows, unknown)

    exposures: dict[str, list[dict[str, Any]]] = {}
    if exposure_path is not None:
        step()
        exposures = _read_exposure(exposure_path, occupations, unknown)
        files_read.append(exposure_path.name)

    step()
    kept = [code for code in sorted(occupations) if role_skills.get(code)]
    left_out = [code for code in sorted(occupations) if not role_skills.get(code)]
    if not kept:
        raise OnetImportError(
            directory,
            None,
            "no occupation has a skill to import (are Skills.txt and Technology Skills.txt "
            "missing, or is the minimum importance too high?)",
        )
    if left_out:
        shown = ", ".join(left_out[:10]) + (", ..." if len(left_out) > 10 else "")
        notes.append(
            f"{len(left_out)} occupation(s) with no skill to import were left out: {shown}"
        )

    final_titles = _unique_titles({code: occupations[code][0] for code in kept}, notes)
    role_ids = {code: slugify(final_titles[code]) for code in kept}
    forbidden: set[str] = set()
    for code in kept:
        forbidden |= _keys(final_titles[code]) | _keys(occupations[code][0])
    aliases = _aliases(kept, titles, owners, forbidden, notes)

    roles: list[dict[str, Any]] = []
    for code in kept:
        skills = sorted(role_skills[code].items(), key=lambda item: (-item[1], item[0]))
        related: list[str] = []
        for _, other in sorted(related_rows.get(code, ())):
            other_id = role_ids.get(other)
            if other_id is not None and other != code and other_id not in related:
                related.append(other_id)
                if len(related) == MAX_RELATED:
                    break
        title, description = occupations[code]
        roles.append(
            {
                "id": role_ids[code],
                "title": final_titles[code],
                "aliases": aliases.get(code, []),
                "summary": description or title,
                "responsibilities": [],
                "skills": [{"id": sid, "importance": imp} for sid, imp in skills],
                "human_edge": [],
                "onet_soc_code": code,
                "ai_exposure": exposures.get(code, []),
                "related": related,
            }
        )

    used = sorted({entry["id"] for role in roles for entry in role["skills"]})
    skills_out = [
        {
            "id": sid,
            "name": skill_info[sid][0],
            "kind": skill_info[sid][1],
            "description": skill_info[sid][2],
            "aliases": [],
        }
        for sid in used
    ]
    source, release_note = _source(directory, exposure_path is not None)
    if release_note:
        notes.append(release_note)
    catalog: dict[str, Any] = {
        "schema_version": 1,
        "source": source,
        "skills": skills_out,
        "roles": roles,
    }
    if progress is not None:
        progress("done", total, total)
    report = ImportReport(
        files_read=files_read,
        files_missing=files_missing,
        occupations=len(roles),
        skills=len(skills_out),
        unknown_codes=dict(sorted(unknown.items())),
        notes=notes,
    )
    return catalog, report


def _files_in(directory: Path) -> dict[str, Path]:
    """The directory's files by casefolded name (an exact-case name wins)."""
    found: dict[str, Path] = {}
    wanted = {name.casefold(): name for name in (OCCUPATION_DATA, *OPTIONAL_FILES)}
    try:
        entries = sorted(directory.iterdir())
    except OSError as exc:
        raise OnetImportError(directory, None, f"cannot list: {exc.strerror or exc}") from None
    for path in entries:
        key = path.name.casefold()
        if key in wanted and path.is_file() and (key not in found or path.name == wanted[key]):
            found[key] = path
    return found


def _read_occupations(path: Path) -> dict[str, tuple[str, str]]:
    table = _Table(path)
    code_i, title_i, desc_i = (table.need(c) for c in ("O*NET-SOC Code", "Title", "Description"))
    occupations: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        title = _clean(fields[title_i])
        if not title:
            raise table.error(line, f"occupation {code} has an empty Title")
        if code in occupations:
            raise table.error(
                line, f"occupation {code} is listed twice (first on line {first[code]})"
            )
        occupations[code] = (title, _clean(fields[desc_i]))
        first[code] = line
    return occupations


def _read_skills(
    table: _Table,
    occupations: dict[str, tuple[str, str]],
    min_importance: float,
    role_skills: dict[str, dict[str, int]],
    skill_info: dict[str, tuple[str, str, str]],
    unknown: Counter[str],
    notes: list[str],
) -> None:
    code_i = table.need("O*NET-SOC Code")
    element_i = table.need("Element ID")
    name_i = table.need("Element Name")
    scale_i = table.need("Scale ID")
    value_i = table.need("Data Value")
    suppress_i = table.column("Recommend Suppress", required=False)
    irrelevant_i = table.column("Not Relevant", required=False)

    importance: dict[tuple[str, str], float] = {}
    excluded: set[tuple[str, str]] = set()
    element_names: dict[str, str] = {}
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        element = _clean(fields[element_i])
        if not element:
            raise table.error(line, "empty Element ID")
        scale = _clean(fields[scale_i]).upper()
        value = table.number(fields, value_i, line, "Data Value")
        if code not in occupations:
            unknown_rows += 1
            continue
        if scale not in ("IM", "LV"):
            continue
        element_names.setdefault(element, _clean(fields[name_i]))
        key = (code, element)
        if _flag(fields, suppress_i) or _flag(fields, irrelevant_i):
            excluded.add(key)
        if scale == "IM":
            importance[key] = value
    if unknown_rows:
        unknown[table.path.name] += unknown_rows

    ids = _element_ids(element_names, notes, table.path.name)
    below = 0
    for key in sorted(importance):
        if key in excluded:
            continue
        value = importance[key]
        if value < min_importance:
            below += 1
            continue
        code, element = key
        skill_id, name, kind, description = ids[element]
        skill_info[skill_id] = (name, kind, description)
        role_skills[code][skill_id] = min(5, max(1, math.floor(value + 0.5)))
    rated = len(set(importance) | excluded)
    notes.append(
        f"{table.path.name}: of {rated} rated skill(s), {len(excluded)} marked Not Relevant "
        f"or Recommend Suppress and {below} with importance below {min_importance:g} "
        "were left out"
    )


def _element_ids(
    element_names: dict[str, str], notes: list[str], file_name: str
) -> dict[str, tuple[str, str, str, str]]:
    """element id -> (skill id, name, kind, description), for every element seen."""
    out: dict[str, tuple[str, str, str, str]] = {}
    taken = {_ascii_key(skill_id) for skill_id, _, _ in BY_ELEMENT_ID.values()}
    strange: list[str] = []
    for element in sorted(element_names):
        known = BY_ELEMENT_ID.get(element)
        if known is not None:
            skill_id, name, kind = known
            out[element] = (skill_id, name, kind, _onet_skill_description(element))
            continue
        strange.append(element)
        name = element_names[element] or f"O*NET skill {element}"
        base = slugify(name) or slugify(f"skill {element}")
        skill_id = base
        if _ascii_key(skill_id) in taken:
            skill_id = slugify(f"{base} {element}")
        number = 2
        while _ascii_key(skill_id) in taken:
            skill_id = slugify(f"{base} {element} {number}")
            number += 1
        taken.add(_ascii_key(skill_id))
        kind = "technical" if element.startswith("2.B.3.") else "human"
        out[element] = (skill_id, name, kind, _onet_skill_description(element))
    if strange:
        shown = ", ".join(strange[:10]) + (", ..." if len(strange) > 10 else "")
        notes.append(
            f"{file_name}: {len(strange)} element id(s) not among O*NET's 35 skills were "
            f"read as skills named by their Element Name: {shown}"
        )
    return out


def _onet_skill_description(element: str) -> str:
    return (
        f"O*NET skill (element {element}); a role's importance is O*NET's importance "
        "rating (1-5), rounded."
    )


def _read_alternate_titles(
    table: _Table, occupations: dict[str, tuple[str, str]], unknown: Counter[str]
) -> tuple[dict[str, tuple[list[str], list[str]]], dict[str, set[str]]]:
    """code -> (short titles, long titles); and normalised title -> codes listing it."""
    code_i = table.need("O*NET-SOC Code")
    title_i = table.need("Alternate Title")
    short_i = table.column("Short Title", required=False)
    titles: dict[str, tuple[list[str], list[str]]] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        long_title = _clean(fields[title_i])
        short = _clean(fields[short_i]) if short_i is not None else ""
        if short.casefold() == "n/a":
            short = ""
        # Every occupation of the file counts when deciding whether a title is shared.
        for name in (long_title, short):
            for key in _keys(name):
                owners[key].add(code)
        if code not in occupations:
            unknown_rows += 1
            continue
        shorts, longs = titles.setdefault(code, ([], []))
        if short:
            shorts.append(short)
        if long_title:
            longs.append(long_title)
    if unknown_rows:
        unknown[table.path.name] += unknown_rows
    return titles, owners


def _aliases(
    codes: Sequence[str],
    titles: dict[str, tuple[list[str], list[str]]],
    owners: dict[str, set[str]],
    forbidden: set[str],
    notes: list[str],
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    shared = 0
    for code in codes:
        shorts, longs = titles.get(code, ([], []))
        chosen: list[str] = []
        seen: set[str] = set()

        def order(name: str) -> tuple[int, str, str]:
            return (len(name), name.casefold(), name)

        for name in [*sorted(set(shorts), key=order), *sorted(set(longs), key=order)]:
            keys = _keys(name)
            if not keys or keys & seen:
                continue
            if any(len(owners.get(key, ())) > 1 for key in keys):
                shared += 1
                seen |= keys
                continue
            seen |= keys
            if keys & forbidden:
                continue
            if len(chosen) < MAX_ALIASES:
                chosen.append(name)
        out[code] = chosen
    if shared:
        notes.append(
            f"{ALTERNATE_TITLES}: {shared} alternate title(s) shared by several occupations "
            "were not used as aliases"
        )
    return out


def _unique_titles(titles: dict[str, str], notes: list[str]) -> dict[str, str]:
    """code -> title, with the code appended to titles that are not one role's name alone."""
    count: Counter[str] = Counter()
    for title in titles.values():
        count.update(_keys(title))
    clashing = {
        code
        for code, title in titles.items()
        if not _ascii_key(title) or any(count[key] > 1 for key in _keys(title))
    }
    taken: set[str] = set()
    out: dict[str, str] = {}
    for code, title in titles.items():
        if code not in clashing:
            out[code] = title
            taken |= _keys(title)
    for code in sorted(clashing):
        candidate = f"{titles[code]} ({code})"
        number = 2
        while _keys(candidate) & taken:
            candidate = f"{titles[code]} ({code}) {number}"
            number += 1
        out[code] = candidate
        taken |= _keys(candidate)
    if clashing:
        notes.append(
            f"{OCCUPATION_DATA}: {len(clashing)} occupation title(s) that would not name one "
            "role alone got their O*NET-SOC code appended"
        )
    return out


def _read_technology(
    table: _Table,
    occupations: dict[str, tuple[str, str]],
    role_skills: dict[str, dict[str, int]],
    skill_info: dict[str, tuple[str, str, str]],
    unknown: Counter[str],
    notes: list[str],
) -> None:
    code_i = table.need("O*NET-SOC Code")
    example_i = table.need("Example")
    commodity_i = table.column("Commodity Title", required=False)
    hot_i = table.need("Hot Technology")
    demand_i = table.need("In Demand")
    per_role: dict[str, dict[str, _Tech]] = defaultdict(dict)
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        if code not in occupations:
            unknown_rows += 1
            continue
        hot = _flag(fields, hot_i)
        in_demand = _flag(fields, demand_i)
        example = _clean(fields[example_i])
        if not (hot or in_demand) or not example:
            continue
        commodity = _clean(fields[commodity_i]) if commodity_i is not None else ""
        importance = IMPORTANCE_IN_DEMAND if in_demand else IMPORTANCE_HOT
        tech = per_role[code].get(example)
        if tech is None:
            per_role[code][example] = _Tech(importance, {commodity} - {""}, hot, in_demand)
        else:
            tech.importance = max(tech.importance, importance)
            if commodity:
                tech.commodities.add(commodity)
            tech.hot |= hot
            tech.in_demand |= in_demand
    if unknown_rows:
        unknown[table.path.name] += unknown_rows

    kept: dict[str, list[tuple[str, int]]] = {}
    merged: dict[str, _Tech] = {}
    for code in sorted(per_role):
        ranked = sorted(
            per_role[code].items(),
            key=lambda item: (-item[1].importance, item[0].casefold(), item[0]),
        )[:MAX_TECHNOLOGIES]
        kept[code] = [(example, tech.importance) for example, tech in ranked]
        for example, tech in ranked:
            into = merged.setdefault(example, _Tech(0, set(), False, False))
            into.commodities |= tech.commodities
            into.hot |= tech.hot
            into.in_demand |= tech.in_demand

    taken = {_ascii_key(skill_id) for skill_id, _, _ in BY_ELEMENT_ID.values()}
    taken |= {_ascii_key(skill_id) for skill_id in skill_info}
    ids: dict[str, str] = {}
    suffixed = 0

    def base_of(example: str) -> str:
        text = example.replace("+", " plus ").replace("#", " sharp ")
        return slugify(text) or "technology"

    for example in sorted(merged, key=lambda e: (base_of(e), e)):
        base = base_of(example)
        skill_id = base
        number = 1
        while _ascii_key(skill_id) in taken:
            skill_id = f"{base}-tech" if number == 1 else f"{base}-tech-{number}"
            number += 1
        suffixed += skill_id != base
        taken.add(_ascii_key(skill_id))
        ids[example] = skill_id
        tech = merged[example]
        flags = [
            label
            for label, on in (("Hot technology", tech.hot), ("In demand", tech.in_demand))
            if on
        ]
        commodities = "; ".join(sorted(tech.commodities)) or "technology"
        description = f"{commodities} (O*NET Technology Skills). {', '.join(flags)}."
        skill_info[skill_id] = (example, "technical", description)
    for code, examples in kept.items():
        for example, importance in examples:
            role_skills[code][ids[example]] = importance
    if suffixed:
        notes.append(
            f"{table.path.name}: {suffixed} technology id(s) got a suffix to stay distinct "
            "from other skills"
        )


def _read_related(
    table: _Table,
    occupations: dict[str, tuple[str, str]],
    related_rows: dict[str, list[tuple[float, str]]],
    unknown: Counter[str],
) -> None:
    code_i = table.need("O*NET-SOC Code")
    other_i = table.need("Related O*NET-SOC Code")
    index_i = table.need("Index")
    unknown_rows = 0
    for line, fields in table.rows():
        code = table.code(fields, code_i, line, "O*NET-SOC Code")
        other = table.code(fields, other_i, line, "Related O*NET-SOC Code")
        index = table.number(fields, index_i, line, "Index")
        if code not in occupations or other not in occupations:
            unknown_rows += 1
            continue
        related_rows[code].append((index, other))
    if unknown_rows:
        unknown[table.path.name] += unknown_rows


def _read_exposure(
    path: Path, occupations: dict[str, tuple[str, str]], unknown: Counter[str]
) -> dict[str, list[dict[str, Any]]]:
    table = _Table(path, delimiter=",")
    code_i = table.need("O*NET-SOC Code")
    measures = [
        (index, column, measure)
        for column, measure in EXPOSURE_MEASURES
        if (index := table.column(column, required=False)) is not None
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
            text = _clean(fields[index])
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
        if code not in occupations:
            unknown_rows += 1
            continue
        out[code] = entries
    if unknown_rows:
        unknown[path.name] += unknown_rows
    return out


def _source(directory: Path, with_exposure: bool) -> tuple[str, str | None]:
    """The catalog's attribution, and a note when the release had to be assumed."""
    release, note = DEFAULT_RELEASE, None
    for part in reversed(directory.resolve().parts):
        match = _RELEASE_RE.fullmatch(part)
        if match:
            release = f"{int(match[1])}.{int(match[2])}"
            break
    else:
        note = (
            f"the directory name does not tell the O*NET release (db_29_2_text, ...); "
            f"the credit line names O*NET {DEFAULT_RELEASE}"
        )
    text = (
        "Occupations, skills, alternate titles, technologies and related occupations "
        f"imported by jobcli from the O*NET {release} Database. "
        f"This includes information from the O*NET {release} Database by the U.S. Department "
        "of Labor, Employment and Training Administration (USDOL/ETA). Used under the "
        "CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. jobcli has modified all or "
        "some of this information. USDOL/ETA has not approved, endorsed, or tested these "
        "modifications."
    )
    if with_exposure:
        text += " " + _EXPOSURE_CREDIT
    return text, note


# --------------------------------------------------------------------------- writing


def write_catalog(catalog: dict[str, Any], out: Path, *, force: bool = False) -> None:
    """Write ``catalog`` as UTF-8 JSON (2-space indent, trailing newline) to ``out``, atomically.

    The text goes to a temporary file in the same directory, which then
    replaces ``out``; on any error the temporary file is removed and ``out``
    is untouched. Raises :class:`FileExistsError` when ``out`` exists and
    ``force`` is false.
    """
    out = Path(out)
    text = json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
    if not force and (out.exists() or out.is_symlink()):
        raise FileExistsError(
            errno.EEXIST, "the file already exists (use --force to replace it)", str(out)
        )
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _give_default_mode(temp)
        if force:
            os.replace(temp, out)
        else:
            _link_no_clobber(temp, out)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise


def _give_default_mode(path: Path) -> None:
    """mkstemp makes files 0600; give the catalog the mode a new file would get."""
    if os.name != "posix":
        return
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _link_no_clobber(temp: Path, out: Path) -> None:
    """Move ``temp`` to ``out`` unless ``out`` appeared meanwhile (FileExistsError)."""
    try:
        os.link(temp, out)
    except FileExistsError:
        raise FileExistsError(
            errno.EEXIST, "the file already exists (use --force to replace it)", str(out)
        ) from None
    except OSError:
        # No hard links here (some file systems): check, then replace.
        if out.exists() or out.is_symlink():
            raise FileExistsError(
                errno.EEXIST, "the file already exists (use --force to replace it)", str(out)
            ) from None
        os.replace(temp, out)
        return
    temp.unlink()
