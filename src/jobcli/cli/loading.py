"""Loading the catalog and finding names in it, with the contract's messages and exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

from ..errors import CatalogError, ExitCode, NameLookupError
from ..output import fail, message, quote
from ..safetext import safe
from .app import session

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..domain import Catalog, Role, Skill
    from ..store.query import Store

T = TypeVar("T")

#: A longer name matches no skill; it is refused before any lookup, and never echoed whole.
MAX_NAME_CHARS = 200


def _report_catalog_error(exc: CatalogError) -> None:
    origin = safe(exc.origin)
    if len(exc.problems) == 1 and not exc.problems[0].location:
        message(f"jobcli: error: {origin}: {exc.problems[0].message}")
        return
    from ..views.problems import explained

    message(f"jobcli: error: {origin} is not a valid catalog ({_count(exc.problems)}):")
    for p in explained(exc.problems):
        message(f"  {safe(str(p))}" if p.location else f"  {safe(p.message)}")


def _count(problems: list[Any]) -> str:
    return f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")


def load(path: Path | None = None) -> Store:
    """The store of the catalog named by ``--data`` / ``JOBCLI_DATA`` (or the bundled one).

    Exit 3 if the catalog is missing, unreadable or invalid.
    """
    from ..store import open_store

    def note(text: str) -> None:
        message(f"jobcli: note: {text}")

    if path is None:
        path = chosen_path()
    try:
        return open_store(path, note=note)
    except CatalogError as exc:
        _report_catalog_error(exc)
        raise typer.Exit(ExitCode.BAD_CATALOG) from None


def chosen_path() -> Path | None:
    """The file of the catalog this call reads (None: the default); exit 2 when
    ``--catalog`` and ``--data`` conflict, 3 when a bundled catalog is not installed."""
    path, name = session().chosen_catalog()
    if path is not None and name != str(path) and not path.is_file():
        fail(
            f"the {name} catalog is not in this installation ({safe(str(path))} is missing); "
            "it is built from O*NET and BLS files (see README), or use --data PATH",
            ExitCode.BAD_CATALOG,
        )
    return path


def catalog_for(store: Store, roles: Iterable[Role], skill_ids: Iterable[str] = ()) -> Catalog:
    """The part of the catalog a view shows: these roles and every skill they or
    ``skill_ids`` name (a view reads names and kinds from it, never every role)."""
    from ..domain import Catalog

    by_id = {r.id: r for r in roles}
    wanted = {s.id for r in by_id.values() for s in r.skills}
    wanted.update(skill_ids)
    # Many skills: one scan of the table costs less than asking for each.
    skills = store.skills() if len(wanted) > 500 else store.skills(wanted)
    return Catalog(store.schema_version, store.source, tuple(skills), tuple(by_id.values()))


def find_role(store: Store, name: str) -> Role:
    """The role ``name`` means; exit 1 with candidates if none or several."""
    return _found("role", store.find_role, name)


def find_skill(store: Store, name: str) -> Skill:
    """The skill ``name`` means; exit 1 with candidates if none or several."""
    return _found("skill", store.find_skill, name)


def _found(kind: str, find: Callable[[str], T], name: str) -> T:
    if len(name) > MAX_NAME_CHARS:  # nothing is named so; and the error stays one line
        fail(f"no {kind} matches {quote(name, 60)} ({len(name)} characters)", ExitCode.NOT_FOUND)
    try:
        return find(name)
    except NameLookupError as exc:
        _lookup_failed(exc)


def _lookup_failed(exc: NameLookupError) -> NoReturn:
    text = str(exc)
    if not exc.ambiguous and not exc.candidates:
        text += f"; see 'jobcli {'list' if exc.kind == 'role' else 'skills'}'"
    if not exc.ambiguous and exc.kind == "role" and exc.query.strip() and len(exc.query) <= 60:
        # A name that is not a title may still be a word of one, or of what a role does
        # (a name of several roles is not helped by it: the error names them).
        text += "\n" + search_hint(exc.query.strip())
    fail(text, ExitCode.NOT_FOUND)


def search_hint(words: str) -> str:
    """The line that points from a name that found nothing to ``jobcli search``."""
    import shlex

    shown = safe(shlex.quote(words))
    return f"jobcli: hint: jobcli search {shown} looks for the words in every role's text"
