"""The Typer app: parse, call the core, render, and map errors to exit codes.

Heavy modules (Rich, pydantic, the views) are imported inside the commands
that need them, so ``--help``, completion and ``--json`` stay fast.

No ``from __future__ import annotations`` here: Typer reads every command's
annotations at every start, and string annotations would cost it an ``eval``
each (4 ms of a 70 ms call).
"""

import copy
import os
import signal
import sys
import threading
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .errors import CatalogError, ExitCode, NameLookupError
from .fastparams import install as _install_fast_params
from .output import (
    emit_json,
    emit_view,
    fail,
    glyphs,
    is_output_error,
    message,
    output_failed,
)
from .safetext import safe

# Typer would import pydantic to coerce every parameter: the slowest part of a call.
_install_fast_params()

if TYPE_CHECKING:
    from .domain import Catalog, Role, Skill

app = typer.Typer(
    name="jobcli",
    help=(
        "Explore tech careers that stay human as AI spreads: list the roles, read one, "
        "compare two, find the roles that fit your skills, and see what to learn next."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  jobcli show data-scientist\n"
        "  jobcli compare ux-designer software-engineer\n"
        '  jobcli match programming "critical thinking" statistics\n'
        "  jobcli gap software-engineer data-scientist --json\n"
        "\n\b\nExit codes: 0 ok, 1 role or skill not found or ambiguous, 2 usage error,\n"
        "3 catalog missing, unreadable or invalid, 130 interrupted.\n"
        "JOBCLI_DEBUG=1 shows a traceback for bug reports."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
import_app = typer.Typer(help="Build a catalog from another source (O*NET).", no_args_is_help=True)
app.add_typer(import_app, name="import")

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead of a table.")
]


class _State:
    data: Path | None = None


_state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jobcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    data: Annotated[
        Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time on 3.10 too
        typer.Option(
            "--data",
            envvar="JOBCLI_DATA",
            metavar="PATH",
            help="Catalog file to read [default: the bundled catalog of seven roles].",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    _state.data = data


# loading and names ----------------------------------------------------------------------------


def _report_catalog_error(exc: CatalogError) -> None:
    origin = safe(exc.origin)
    if len(exc.problems) == 1 and not exc.problems[0].location:
        message(f"jobcli: error: {origin}: {exc.problems[0].message}")
        return
    message(f"jobcli: error: {origin} is not a valid catalog ({_count(exc.problems)}):")
    for p in exc.problems:
        message(f"  {p}" if p.location else f"  {p.message}")


def _count(problems: list[Any]) -> str:
    return f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")


def load(path: Path | None = None) -> "Catalog":
    """The catalog named by ``--data`` / ``JOBCLI_DATA`` (or the bundled one); exit 3 if bad."""
    from .store import open_store

    def note(text: str) -> None:
        message(f"jobcli: note: {text}")

    try:
        return open_store(path if path is not None else _state.data, note=note).catalog()
    except CatalogError as exc:
        _report_catalog_error(exc)
        raise typer.Exit(ExitCode.BAD_CATALOG) from None


def find_role(catalog: "Catalog", name: str) -> "Role":
    """The role ``name`` means; exit 1 with candidates if none or several."""
    from . import lookup

    try:
        return lookup.find_role(catalog, name)
    except NameLookupError as exc:
        _lookup_failed(exc)


def find_skill(catalog: "Catalog", name: str) -> "Skill":
    """The skill ``name`` means; exit 1 with candidates if none or several."""
    from . import lookup

    try:
        return lookup.find_skill(catalog, name)
    except NameLookupError as exc:
        _lookup_failed(exc)


def _lookup_failed(exc: NameLookupError) -> NoReturn:
    text = str(exc)
    if not exc.ambiguous and not exc.candidates:
        text += f"; see 'jobcli {'list' if exc.kind == 'role' else 'skills'}'"
    fail(text, ExitCode.NOT_FOUND)


def _complete_roles(ctx: typer.Context, incomplete: str) -> list[str]:
    from .lookup import complete_names

    return complete_names(_completion_data(ctx), "role", incomplete)


def _complete_skills(ctx: typer.Context, incomplete: str) -> list[str]:
    from .lookup import complete_names

    return complete_names(_completion_data(ctx), "skill", incomplete)


def _completion_data(ctx: typer.Context) -> Path | None:
    root = ctx.find_root()
    value = root.params.get("data") if root.params else None
    if value:
        return Path(value)
    env = os.environ.get("JOBCLI_DATA")
    return Path(env) if env else None


RoleArg = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role's id, title, alias or unique prefix (case-insensitive).",
        autocompletion=_complete_roles,
        show_default=False,
    ),
]


# commands ---------------------------------------------------------------------------------------


class SortOrder(Enum):
    catalog = "catalog"
    title = "title"
    id = "id"
    exposure = "exposure"


class Kind(Enum):
    human = "human"
    technical = "technical"
    knowledge = "knowledge"


@app.command("list")
def list_roles(
    json: JsonOption = False,
    sort: Annotated[
        SortOrder,
        typer.Option("--sort", help="Order of the roles; exposure: highest AI exposure first."),
    ] = SortOrder.catalog,
) -> None:
    """A table of all roles: title, id, a short summary, top skills."""
    catalog = load()
    roles = list(catalog.roles)
    if sort is SortOrder.title:
        roles.sort(key=lambda r: (r.title.casefold(), r.id))
    elif sort is SortOrder.id:
        roles.sort(key=lambda r: r.id)
    elif sort is SortOrder.exposure:
        roles.sort(key=lambda r: _exposure_key(r.headline_exposure(), r.id))
    if json:
        from .jsonout import role_object

        emit_json([role_object(catalog, r) for r in roles])
        return
    from .views import list_view

    emit_view(list_view(catalog, roles, exposure=sort is SortOrder.exposure))


def _exposure_key(value: float | None, role_id: str) -> tuple[float, str]:
    return (-value if value is not None else 1.0, role_id)


@app.command("show")
def show(role: RoleArg, json: JsonOption = False) -> None:
    """One role in detail: summary, responsibilities, skills by kind, why AI won't replace it."""
    catalog = load()
    found = find_role(catalog, role)
    if json:
        from .jsonout import role_object

        emit_json(role_object(catalog, found))
        return
    from .analysis import similar_roles
    from .views import show_view

    emit_view(show_view(catalog, found, similar_roles(catalog, found), glyphs()))


@app.command("compare")
def compare(
    first: Annotated[
        str, typer.Argument(metavar="ROLE", help="The first role.", autocompletion=_complete_roles)
    ],
    second: Annotated[
        str, typer.Argument(metavar="ROLE", help="The second role.", autocompletion=_complete_roles)
    ],
    json: JsonOption = False,
) -> None:
    """Two roles' skills side by side: shared, only in each, and how similar they are."""
    from .analysis import compare as compare_roles

    catalog = load()
    a = find_role(catalog, first)
    b = find_role(catalog, second)
    result = compare_roles(a, b)
    if json:
        from .jsonout import comparison_object

        emit_json(comparison_object(catalog, result))
        return
    from .views import compare_view

    emit_view(compare_view(catalog, result, a, b, glyphs()))


@app.command("skills")
def skills(
    json: JsonOption = False,
    kind: Annotated[
        Optional[Kind],  # noqa: UP045
        typer.Option("--kind", help="Only skills of this kind."),
    ] = None,
    matrix: Annotated[
        bool, typer.Option("--matrix", help="Show a skills-by-roles matrix of importance.")
    ] = False,
) -> None:
    """Every skill, its kind, and the roles that need it."""
    from .analysis import skill_usage

    catalog = load()
    usage = skill_usage(catalog)
    if kind is not None:
        usage = [u for u in usage if catalog.skill_by_id[u.skill_id].kind == kind.value]
    if json:
        from .jsonout import skills_array

        emit_json(skills_array(catalog, usage))
        return
    from .views import skills_matrix_view, skills_view

    if matrix:
        emit_view(skills_matrix_view(catalog, usage, catalog.roles, glyphs()))
    else:
        emit_view(skills_view(catalog, usage))


MATCH_LIMIT = 10


@app.command("match")
def match(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="SKILL...",
            help="Skills you have: id, name, alias or unique prefix. '-' reads them from stdin, "
            "one per line or comma-separated.",
            autocompletion=_complete_skills,
        ),
    ],
    json: JsonOption = False,
    limit: Annotated[
        Optional[int],  # noqa: UP045 - None: not given (an int default costs pydantic at start)
        typer.Option(
            "--limit", "-n", min=1, help=f"Show the best N roles [default: {MATCH_LIMIT}]."
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Show every role, however far.")] = False,
) -> None:
    """The roles ranked by how much of each role your skills cover, with what is missing."""
    from .analysis import match_roles

    catalog = load()
    wanted = _read_skill_names(names)
    if not wanted:
        fail("no skills given; name at least one (see 'jobcli skills')", ExitCode.USAGE)
    skills_found = [find_skill(catalog, name) for name in wanted]
    ids = list(dict.fromkeys(s.id for s in skills_found))
    results = match_roles(catalog.roles, ids, limit=None if every else (limit or MATCH_LIMIT))
    if json:
        from .jsonout import match_array

        emit_json(match_array(catalog, results))
        return
    from .views import match_view

    emit_view(match_view(catalog, results, [catalog.skill_by_id[i].name for i in ids], glyphs()))


def _read_skill_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name == "-":
            out.extend(_split_names(_stdin_text()))
        else:
            out.extend(_split_names(name))
    return out


def _stdin_text() -> str:
    """Standard input as text; bytes the encoding cannot decode become U+FFFD, not a crash."""
    if sys.stdin is None or sys.stdin.isatty():
        return ""
    try:
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    return sys.stdin.read()


def _split_names(text: str) -> list[str]:
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


@app.command("gap")
def gap(
    source: Annotated[
        str,
        typer.Argument(metavar="FROM", help="The role you are in.", autocompletion=_complete_roles),
    ],
    target: Annotated[
        str, typer.Argument(metavar="TO", help="The role you want.", autocompletion=_complete_roles)
    ],
    json: JsonOption = False,
) -> None:
    """What a person in FROM already brings to TO, and what to learn, most important first."""
    from .analysis import gap as gap_between

    catalog = load()
    result = gap_between(find_role(catalog, source), find_role(catalog, target))
    if json:
        from .jsonout import gap_object

        emit_json(gap_object(catalog, result))
        return
    from .views import gap_view

    emit_view(gap_view(catalog, result, glyphs()))


@app.command("validate")
def validate(
    path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="[PATH]",
            help="Catalog to check [default: --data, or the bundled catalog].",
            show_default=False,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Check a catalog and list every problem; exit 0 when it is valid, 3 when not."""
    from .catalog import bundled_catalog_path, catalog_from_bytes, read_catalog_bytes

    target = path if path is not None else (_state.data or bundled_catalog_path())
    problems = []
    try:
        catalog_from_bytes(read_catalog_bytes(target), str(target))
    except CatalogError as exc:
        problems = exc.problems
    if json:
        from .jsonout import validation_object

        emit_json(validation_object(problems))
    else:
        from .views import problems_view

        emit_view(problems_view(str(target), problems))
    if problems:
        raise typer.Exit(ExitCode.BAD_CATALOG)


@app.command("schema")
def schema(json: JsonOption = False) -> None:
    """The catalog's JSON Schema (always JSON)."""
    from .models import json_schema

    emit_json(json_schema())


@import_app.command("onet")
def import_onet(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder of an O*NET text release (db_29_x_text).")
    ],
    out: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="Catalog file to write.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    exposure: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--exposure", metavar="CSV", help="AI-exposure ratings to join (occ_level.csv format)."
        ),
    ] = None,
    min_importance: Annotated[
        float,
        typer.Option(
            "--min-importance",
            min=1.0,
            max=5.0,
            help="Leave out skills rated below this (IM scale 1-5).",
        ),
    ] = 3.0,
) -> None:
    """Convert an O*NET database release into a jobcli catalog."""
    from .importer_cli import run_onet_import

    run_onet_import(directory, out, force=force, exposure=exposure, min_importance=min_importance)


# entry point ------------------------------------------------------------------------------------


class Interrupted(BaseException):
    """Ctrl-C: a BaseException of our own, so that nothing on the way swallows it."""


def _on_sigint(signum: int, frame: object) -> None:
    raise Interrupted


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` run, when they name one for certain.

    Typer builds every command's parameters from its signature at each start (about
    2 ms of a 60 ms call), and a call runs one command, so the others are left out.
    Anything else (help, --version, a missing or mistyped command, completion of a
    command's name) gets the whole app, and so the same messages.
    """
    if os.environ.get("_JOBCLI_COMPLETE"):
        completed = _completed_words()
        if completed is None:
            return app
        args = completed
    name = _command_word(args)
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name is None or not (commands or groups):
        return app
    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def _command_word(args: list[str]) -> str | None:
    """The first argument after the global options, as Click reads it; None if unsure."""
    words = iter(args)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("--data="):
            return None if word.startswith("-") else word
    return None


def _completed_words() -> list[str] | None:
    """The words before the one a shell asks to complete (Typer's completion protocol)."""
    instruction = os.environ.get("_JOBCLI_COMPLETE", "")
    if instruction == "complete_bash":
        try:
            return os.environ.get("COMP_WORDS", "").split()[1 : int(os.environ["COMP_CWORD"])]
        except (KeyError, ValueError):
            return None
    if instruction.startswith("complete_"):  # zsh, fish, powershell
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = line.split()[1:]
        return words if line.endswith(" ") else words[:-1]
    return None  # printing the completion script: no command


def main() -> None:
    """The console script: run the app, with the exit codes and messages of the contract."""
    debug = os.environ.get("JOBCLI_DEBUG", "") not in ("", "0")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)
    try:
        _app_for(sys.argv[1:])(prog_name="jobcli")
    except Interrupted:
        message("jobcli: interrupted")
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:
        if debug:
            raise
        # Click writes help, usage and --version itself: a full disk or a closed stdout
        # there is an output error, as anywhere else; anything else is a bug.
        if isinstance(exc, OSError) and is_output_error(exc):
            sys.exit(output_failed(exc))
        message(
            f"jobcli: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug; run again with JOBCLI_DEBUG=1 and report the traceback."
        )
        sys.exit(ExitCode.INTERNAL)
