"""Import an O*NET database release (its text files) as a jobcli catalog.

:func:`import_onet` reads a release folder and returns the catalog (a plain dict in
the format of ``data/roles.json``) with an :class:`ImportReport`; :func:`write_catalog`
writes it atomically. Both are pure: they print nothing and know nothing of Rich or
Typer; ``jobcli import onet`` wraps them.

The pipeline: find the files (:func:`_files_in`), read each with its reader
(:mod:`.readers`, over :mod:`.tables`), build the catalog (:mod:`.build`, with the
naming rules of :mod:`.naming`), and credit the source (:func:`credit`). What each
file becomes is documented in the README ("O*NET") and in those modules.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import (
    IMPORTANCE_IN_DEMAND,
    MAX_ALIASES,
    MAX_OTHER_TECHNOLOGIES,
    MAX_RELATED,
    MAX_RESPONSIBILITIES,
    Readings,
    build_catalog,
)
from .exposure import EXPOSURE_CREDIT, EXPOSURE_MEASURES, EXPOSURE_SOURCE, read_exposure
from .readers import (
    read_alternate_titles,
    read_occupations,
    read_ratings,
    read_related,
    read_tasks,
    read_technology,
)
from .tables import MAX_INPUT_BYTES, OnetImportError, Table
from .write import OutputError, catalog_text, output_target, sweep_leftovers, write_catalog

__all__ = [
    "DEFAULT_MIN_IMPORTANCE",
    "EXPOSURE_MEASURES",
    "EXPOSURE_SOURCE",
    "IMPORTANCE_IN_DEMAND",
    "MAX_ALIASES",
    "MAX_INPUT_BYTES",
    "MAX_OTHER_TECHNOLOGIES",
    "MAX_RELATED",
    "MAX_RESPONSIBILITIES",
    "ImportReport",
    "OnetImportError",
    "OutputError",
    "catalog_text",
    "credit",
    "import_onet",
    "output_target",
    "release_of",
    "sweep_leftovers",
    "write_catalog",
]

OCCUPATION_DATA = "Occupation Data.txt"
SKILLS = "Skills.txt"
KNOWLEDGE = "Knowledge.txt"
TECHNOLOGY_SKILLS = "Technology Skills.txt"
TASK_STATEMENTS = "Task Statements.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
RELATED_OCCUPATIONS = "Related Occupations.txt"
Codes = Collection[str]


def _skills(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.skills = read_ratings(table, codes, unknown)


def _knowledge(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.knowledge = read_ratings(table, codes, unknown)


def _technology(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.technology = read_technology(table, codes, unknown)


def _tasks(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.tasks = read_tasks(table, codes, unknown)


def _titles(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.titles, into.title_owners = read_alternate_titles(table, codes, unknown)


def _related(into: Readings, table: Table, codes: Codes, unknown: Counter[str]) -> None:
    into.related = read_related(table, codes, unknown)


#: The optional files in the order they are read: name, what it brings (for the
#: credit), and the reader that puts it into the readings.
OPTIONAL_FILES: tuple[
    tuple[str, str, Callable[[Readings, Table, Codes, Counter[str]], None]], ...
] = (
    (SKILLS, "skills", _skills),
    (KNOWLEDGE, "knowledge", _knowledge),
    (TECHNOLOGY_SKILLS, "technologies", _technology),
    (TASK_STATEMENTS, "tasks", _tasks),
    (ALTERNATE_TITLES, "alternate titles", _titles),
    (RELATED_OCCUPATIONS, "related occupations", _related),
)

#: Skills and knowledge with an O*NET importance (IM, 1-5) below this are left out.
DEFAULT_MIN_IMPORTANCE = 3.0
_RELEASE_IN_NAME = re.compile(r"db_([0-9]+)_([0-9]+)_text", re.IGNORECASE)
RELEASE_PATTERN = re.compile(r"[0-9]{1,3}\.[0-9]{1,3}")
DOWNLOAD_HINT = (
    "it lists the occupations of an O*NET release; download the O*NET database in text "
    "format from the O*NET Resource Center (https://www.onetcenter.org/database.html), "
    "unzip it, and give its folder (db_29_2_text or similar)"
)

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportReport:
    """What an import read, what it missed, and what it had to leave out."""

    files_read: list[str]
    files_missing: list[str]
    occupations: int
    skills: int
    unknown_codes: dict[str, int]  # file name -> rows naming a code not in Occupation Data
    notes: list[str]
    release: str | None = None
    without_skills: int = 0


def import_onet(
    directory: Path,
    *,
    exposure: Path | None = None,
    min_importance: float = DEFAULT_MIN_IMPORTANCE,
    release: str | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[dict[str, Any], ImportReport]:
    """The catalog made of the O*NET release in ``directory``, and a report of the import.

    ``release`` ("29.2") names the release in the credit line when given; otherwise
    the folder's name tells it (``db_29_2_text``), or the credit says it is unknown.
    ``progress(stage, done, total)`` is called before each stage (a file name, then
    ``"catalog"``) and once more at the end as ``("done", total, total)``.

    Raises :class:`OnetImportError` when ``Occupation Data.txt`` (or the exposure
    file) is missing or a line is malformed; :class:`ValueError` when
    ``min_importance`` is not a number from 0 to 5 or ``release`` is not like 29.2.
    """
    if not (isinstance(min_importance, (int, float)) and 0.0 <= min_importance <= 5.0):
        raise ValueError(f"min_importance must be a number from 0 to 5, not {min_importance!r}")
    if release is not None and not RELEASE_PATTERN.fullmatch(release):
        raise ValueError(f"the release must read like 29.2, not {release!r}")
    directory = Path(directory)
    if not directory.is_dir():
        raise OnetImportError(directory, None, "no such folder")
    if exposure is not None and not Path(exposure).is_file():
        raise OnetImportError(exposure, None, "no such file")
    # Hundreds of thousands of small objects, none of them garbage: the cyclic collector
    # would walk them again and again (a third of the time) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(directory, exposure, min_importance, release, progress)
    finally:
        if collecting:
            gc.enable()


def _import(
    directory: Path,
    exposure: Path | None,
    min_importance: float,
    release: str | None,
    progress: ProgressCallback | None,
) -> tuple[dict[str, Any], ImportReport]:
    present = _files_in(directory)
    stages = [OCCUPATION_DATA, *(name for name, _, _ in OPTIONAL_FILES)]
    stages += [Path(exposure).name] if exposure is not None else []
    stages.append("catalog")
    done = 0

    def step() -> None:
        nonlocal done
        if progress is not None:
            progress(stages[done], done, len(stages))
        done += 1

    step()
    occupation_path = present.get(OCCUPATION_DATA.casefold())
    if occupation_path is None:
        raise OnetImportError(directory / OCCUPATION_DATA, None, f"no such file: {DOWNLOAD_HINT}")
    readings = Readings(read_occupations(Table(occupation_path)))
    codes = readings.occupations.keys()
    unknown: Counter[str] = Counter()
    read, missing, brought = [occupation_path.name], [], []
    for name, what, reader in OPTIONAL_FILES:
        step()
        path = present.get(name.casefold())
        if path is None:
            missing.append(name)
            continue
        reader(readings, Table(path), codes, unknown)
        read.append(path.name)
        brought.append(what)
    if exposure is not None:
        step()
        readings.exposure = read_exposure(Path(exposure), codes, unknown)
        read.append(Path(exposure).name)

    step()
    notes: list[str] = []
    found = release or release_of(directory)
    if found is None:
        notes.append(
            "the folder's name does not tell the O*NET release (db_29_2_text, ...) and none "
            "was given (--release): the credit line says the release is unknown"
        )
    source = credit(found, brought, with_exposure=exposure is not None)
    catalog = build_catalog(readings, min_importance=min_importance, source=source, notes=notes)
    if progress is not None:
        progress("done", len(stages), len(stages))
    roles = catalog["roles"]
    report = ImportReport(
        files_read=read,
        files_missing=missing,
        occupations=len(roles),
        skills=len(catalog["skills"]),
        unknown_codes=dict(sorted(unknown.items())),
        notes=notes,
        release=found,
        without_skills=sum(1 for role in roles if not role["skills"]),
    )
    return catalog, report


def _files_in(directory: Path) -> dict[str, Path]:
    """The release's files in ``directory`` by casefolded name (an exact-case name wins)."""
    wanted = {n.casefold(): n for n in (OCCUPATION_DATA, *(n for n, _, _ in OPTIONAL_FILES))}
    found: dict[str, Path] = {}
    try:
        entries = sorted(directory.iterdir())
    except OSError as exc:
        raise OnetImportError(directory, None, f"cannot list: {exc.strerror or exc}") from None
    for path in entries:
        key = path.name.casefold()
        if key in wanted and path.is_file() and (key not in found or path.name == wanted[key]):
            found[key] = path
    return found


def release_of(directory: Path) -> str | None:
    """The release a folder's name tells (``db_29_2_text`` -> ``"29.2"``), or None."""
    for part in reversed(Path(os.path.abspath(directory)).parts):
        match = _RELEASE_IN_NAME.fullmatch(part)
        if match:
            return f"{int(match[1])}.{int(match[2])}"
    return None


def credit(release: str | None, brought: list[str], *, with_exposure: bool) -> str:
    """The catalog's ``source``: what was imported, and the credit O*NET's licence asks for."""
    database = f"O*NET {release} Database" if release else "O*NET Database (release unknown)"
    parts = ["occupations", *brought]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    text = (
        f"Imported by jobcli from the {database}: {listed}. "
        f"This includes information from the {database} by the U.S. Department "
        "of Labor, Employment and Training Administration (USDOL/ETA). Used under the "
        "CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. jobcli has modified all or "
        "some of this information. USDOL/ETA has not approved, endorsed, or tested these "
        "modifications."
    )
    if with_exposure:
        text += " " + EXPOSURE_CREDIT
    return text
