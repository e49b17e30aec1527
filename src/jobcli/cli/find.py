"""Finding things in a large catalog: ``search``, ``skill``, and the names ``match`` reads.

No ``from __future__ import annotations`` here: Typer reads the commands' annotations.
"""

from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ..errors import ExitCode
from ..output import fail, message, quote
from ..safetext import safe
from .app import app, at_least_one, prints_data
from .completion import complete_skills
from .loading import MAX_NAME_CHARS, find_skill, load, search_hint

if TYPE_CHECKING:
    from ..store.query import Store
    from ..store.rows import Family

SEARCH_LIMIT = 10
#: Longer search text is refused (exit 2): no role is described by more.
MAX_SEARCH_CHARS = 1000


@app.command("search")
@prints_data
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            help="Words to look for in titles, alternate titles, summaries, "
            "responsibilities and skill names (any text; quotes and punctuation are words).",
        ),
    ],
    limit: Annotated[
        Optional[str],  # noqa: UP045 - parsed by at_least_one
        typer.Option(
            "-n",
            "--limit",
            metavar="N",
            help=f"Show the best N roles (N at least 1) [default: {SEARCH_LIMIT}].",
            callback=at_least_one,
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Show every role that matches.")] = False,
) -> None:
    """Roles ranked by how well the words match their titles, alternate titles,
    summaries, responsibilities and skill names (full-text search, BM25): the roles a
    title names first, then titles holding the words. Exit 1 when no role matches."""
    text = " ".join(words)
    if not text.strip():
        fail("nothing to search for; give at least one word", ExitCode.USAGE)
    if len(text) > MAX_SEARCH_CHARS:
        fail(
            f"the search text is {len(text)} characters; at most {MAX_SEARCH_CHARS}",
            ExitCode.USAGE,
        )
    store = load()
    shown = None if every else (int(limit) if limit is not None else SEARCH_LIMIT)
    hits = store.search(text, limit=shown)
    from .app import emit, print_json, wants_json

    if not hits:  # as grep does: nothing found is exit 1, said on stderr
        if wants_json():
            print_json([])
        message(f"jobcli: no role matches {quote(text, 60)}")
        raise typer.Exit(ExitCode.NOT_FOUND)
    if wants_json():
        print_json(
            [{"id": h.id, "title": h.title, "score": h.score, "matched": h.matched} for h in hits]
        )
        return
    from ..views.find import search_view

    emit(search_view(hits, text, limited=shown is not None and len(hits) == shown))


@app.command("skill")
@prints_data
def skill(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SKILL",
            help="A skill's id, name, alias or unique prefix (case-insensitive).",
            autocompletion=complete_skills,
            show_default=False,
        ),
    ],
    limit: Annotated[
        Optional[str],  # noqa: UP045 - parsed by at_least_one
        typer.Option(
            "-n",
            "--limit",
            metavar="N",
            help="Show only the N roles that need it most [default: every one].",
            callback=at_least_one,
        ),
    ] = None,
) -> None:
    """One skill: its kind, description and aliases, and the roles that need it most."""
    store = load()
    found = find_skill(store, name)
    every = store.skill_users(found.id)
    users = every[: int(limit)] if limit is not None else every
    from .app import emit, print_json, wants_json

    if wants_json():
        print_json(
            {
                "id": found.id,
                "name": found.name,
                "kind": found.kind,
                "description": found.description,
                "aliases": list(found.aliases),
                "roles": [
                    {"id": u.role_id, "title": u.title, "importance": u.importance} for u in users
                ],
            }
        )
        return
    from ..views.find import skill_view

    emit(skill_view(found, users, total=len(every)))


# match's names and list's family ----------------------------------------------------------------


def resolve_names(store: "Store", names: list[str], *, strict: bool) -> list[str]:
    """The skill ids the names a person typed stand for.

    A name that matches nothing (or several skills) is a warning on stderr and the
    rest goes on; with ``strict`` it is an error. Exit 1 when no name resolved.
    """
    from ..lookup import resolve_skill_words

    short = [n for n in names if len(n) <= MAX_NAME_CHARS]
    resolution = resolve_skill_words(store, short)
    misses = [_miss_text(miss.error) for miss in resolution.misses]
    # No skill is named so; and the message stays one line.
    misses += [
        f"no skill matches {quote(n, 60)} ({len(n)} characters)"
        for n in names
        if len(n) > MAX_NAME_CHARS
    ]
    for note in resolution.notes():
        message(f"jobcli: note: {note}")
    unknown = [*resolution.phrases, *(m.typed for m in resolution.misses if not m.error.ambiguous)]
    # Words that name no skill may still be words of what roles do ("machine learning").
    searchable = [words for words in unknown if len(words) <= 60]
    hint = search_hint(searchable[0]) if searchable else None
    if misses and (strict or not resolution.skill_ids):
        for text in misses:
            message(f"jobcli: error: {text}")
        if hint:
            message(hint)
        _exit_not_found()
    for text in misses:
        message(f"jobcli: warning: {text}; left out")
    if hint:
        message(hint)
    return resolution.skill_ids


def _miss_text(error: Exception) -> str:
    from ..errors import NameLookupError

    text = str(error)
    if isinstance(error, NameLookupError) and not error.ambiguous and not error.candidates:
        text += " (see 'jobcli skills')"
    return text


def _exit_not_found() -> NoReturn:
    raise typer.Exit(ExitCode.NOT_FOUND)


def find_family(store: "Store", wanted: str) -> "Family":
    """The SOC major group ``wanted`` names ("15", "15-0000" or its name's start);
    exit 1, naming the groups there are, when the catalog has none such."""
    from ..names import normalize

    families = store.families()
    text = wanted.strip()
    code = text[:2] if text[:2].isdigit() and (len(text) == 2 or text[2:3] == "-") else None
    for family in families:
        if family.code == code:
            return family
    norm = normalize(text)
    named = [f for f in families if norm and normalize(f.name).startswith(norm)]
    if code is None and len(named) == 1:
        return named[0]
    if not families:
        fail(
            "this catalog has no O*NET-SOC codes, so no SOC major groups to list by",
            ExitCode.NOT_FOUND,
        )
    shown = ", ".join(f"{f.code} {safe(f.name)}" for f in (named or families))
    fail(
        f"no SOC major group {quote(wanted, 40)} in this catalog; there are: {shown}",
        ExitCode.NOT_FOUND,
    )
