"""The Typer app and the options its commands share: ``--format``/``--json``, ``--data``,
``--no-pager``, ``--version``/``-V``; the session a call runs in; help in jobcli's words.

No ``from __future__ import annotations`` here: Typer reads every command's
annotations at every start, and string annotations would cost it an ``eval`` each.
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from .. import __version__
from ..catalog import BUNDLED_CATALOGS
from ..errors import ExitCode
from ..fastparams import install as _install_fast_params
from ..output import FORMAT_CHOICES, Environment, Format, fail, quote, resolve_format
from .registry import LazyTyper
from .wording import install as _install_wording

if TYPE_CHECKING:
    from ..views.model import View

# Typer would import pydantic to coerce every parameter: the slowest part of a call.
_install_fast_params()
# Help and usage errors in jobcli's words: ROLE, SKILL..., [PATH], not {ROLE} or <list[str]>.
_install_wording()

# Its commands' modules are imported when the commands are first read (cli.registry).
app = LazyTyper(
    name="jobcli",
    help=(
        "Explore careers: by default the seven tech roles that one article expects AI "
        "won't eliminate any time soon; with -c onet, O*NET's 1,016 occupations with BLS "
        "pay and outlook. Read a job, compare two, find the jobs that fit your skills, "
        "and see where you can go next and what to learn on the way."
    ),
    epilog=(
        "\b\nExamples:\n"
        "  jobcli show data-scientist\n"
        "  jobcli compare ux-designer software-engineer\n"
        '  jobcli match programming "critical thinking" statistics\n'
        "  jobcli list | cut -f1            (piped: one role a line, tab-separated)\n"
        "  jobcli gap software-engineer data-scientist --json\n"
        '  jobcli -c onet next "registered nurse"   (where a job can lead)\n'
        "  jobcli -c onet path cashiers accountants (a route, step by step)\n"
        "  jobcli me rate; jobcli match --me   (your skills, rated once)\n"
        "  jobcli search machine learning   (on O*NET's occupations: -c onet)\n"
        "  jobcli catalogs                  (the catalogs -c NAME chooses from)\n"
        "\n\b\nOutput: a drawn table on a terminal (through a pager when taller than the\n"
        "screen); piped, one record a line with tab-separated fields and no header.\n"
        "--format table|tsv|csv|markdown|json|svg chooses; tsv and csv add a header.\n"
        "\n\b\nExit codes: 0 ok, 1 role or skill not found or ambiguous, 2 usage error,\n"
        "3 catalog missing, unreadable or invalid, 74 output cannot be written,\n"
        "130 interrupted. JOBCLI_DEBUG=1 shows a traceback for bug reports."
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


# the session of one call ------------------------------------------------------------------------


class Session:
    """What one call was asked for, and where it writes."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        #: --data and --catalog as given on the command line, and from the environment.
        self.data: Optional[Path] = None  # noqa: UP045
        self.catalog: Optional[str] = None  # noqa: UP045
        self.data_env: Optional[Path] = None  # noqa: UP045
        self.catalog_env: Optional[str] = None  # noqa: UP045
        self.requested_format: Optional[str] = None  # noqa: UP045
        self.as_json = False
        self.pager = True

    @property
    def format(self) -> Format:
        return resolve_format(self.requested_format, self.as_json, self.env)

    def chosen_catalog(self) -> "tuple[Optional[Path], str]":  # noqa: UP045
        """The catalog file this call reads (None: the default, ``seven``) and its name
        (a bundled catalog's, or the file's path).

        The command line wins over the environment: ``--data`` and ``--catalog`` both on
        the command line, or ``JOBCLI_DATA`` and ``JOBCLI_CATALOG`` both set (and neither
        option given), is a usage error (exit 2); one option on the command line and the
        other variable in the environment is the option.
        """
        from ..catalog import DEFAULT_CATALOG, named_catalog_path

        if self.data is not None and self.catalog is not None:
            fail("give --catalog or --data, not both", ExitCode.USAGE)
        if self.data is None and self.catalog is None:
            if self.data_env is not None and self.catalog_env is not None:
                fail(
                    "JOBCLI_CATALOG and JOBCLI_DATA are both set; unset one "
                    "(a --catalog or --data option overrides both)",
                    ExitCode.USAGE,
                )
            data, name = self.data_env, self.catalog_env
        else:
            data, name = self.data, self.catalog
        if data is not None:
            return data, str(data)
        if name is None or name == DEFAULT_CATALOG:
            return None, DEFAULT_CATALOG
        return named_catalog_path(name), name


class _Current:
    session: Optional[Session] = None  # noqa: UP045


_current = _Current()


def session() -> Session:
    """The session of the running call, made by the app's root callback."""
    if _current.session is None:  # a command called without the app (never in jobcli)
        _current.session = Session(Environment.from_system())
    return _current.session


def _env_of(obj: Any) -> Environment:
    """The environment a caller handed in: an Environment, or a function that makes one
    (a test's, called once the runner has set up its streams), else the process's."""
    if callable(obj) and not isinstance(obj, Environment):
        obj = obj()
    return obj if isinstance(obj, Environment) else Environment.from_system()


# shared options ---------------------------------------------------------------------------------


def one_of(choices: Sequence[str]) -> Callable[[Any, Any, Any], Any]:
    """A callback that accepts only ``choices`` and says so in plain words."""

    def check(ctx: typer.Context, param: Any, value: Optional[str]) -> Optional[str]:  # noqa: UP045
        if value is None or value in choices:
            return value
        lowered = value.lower()
        if lowered in choices:
            return lowered
        from ..output import quote

        given = quote(value, 40)
        raise typer.BadParameter(f"must be one of: {', '.join(choices)} (not {given})", ctx=ctx)

    return check


def at_least_one(ctx: typer.Context, param: Any, value: Optional[str]) -> Optional[int]:  # noqa: UP045
    """A callback for ``-n N``: a whole number, at least 1, said in plain words."""
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise typer.BadParameter(f"must be a whole number, not {quote(value, 40)}") from None
    if number < 1:
        raise typer.BadParameter("must be at least 1")
    return number


def complete_from(choices: Sequence[str]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


DataOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time on 3.10 too
    typer.Option(
        "--data",
        metavar="PATH",
        help="Catalog file to read (also before the command, or JOBCLI_DATA).",
        readable=False,  # jobcli's own reader decides, and says why (exit 3)
        show_default=False,
    ),
]
CATALOG_NAMES = tuple(BUNDLED_CATALOGS)
_CATALOG_HELP = f"Bundled catalog to read: {', '.join(CATALOG_NAMES)} [default: seven]"


def _catalog_name(ctx: typer.Context, param: Any, value: Optional[str]) -> Optional[str]:  # noqa: UP045
    """A callback for ``--catalog``: a known name, said in plain words (also for the variable)."""
    if value is None or value in CATALOG_NAMES:
        return value
    if value.lower() in CATALOG_NAMES:
        return value.lower()
    source = ctx.get_parameter_source(param.name) if param.name else None
    where = " (JOBCLI_CATALOG)" if getattr(source, "name", "") == "ENVIRONMENT" else ""
    raise typer.BadParameter(
        f"no catalog {quote(value, 40)}{where}; known: {', '.join(CATALOG_NAMES)}", ctx=ctx
    )


CatalogOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--catalog",
        "-c",
        metavar="NAME",
        help=_CATALOG_HELP + " (also before the command, or JOBCLI_CATALOG).",
        callback=_catalog_name,
        autocompletion=complete_from(CATALOG_NAMES),
        show_default=False,
    ),
]
FormatOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=(
            "table, tsv, csv, markdown, json or svg [default: table on a terminal; "
            "piped, one record a line, tab-separated, no header]."
        ),
        callback=one_of(FORMAT_CHOICES),
        autocompletion=complete_from(FORMAT_CHOICES),
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (same as --format json).")
]
NoPagerOption = Annotated[
    bool,
    typer.Option("--no-pager", help="Never page the output, even when taller than the screen."),
]

F = TypeVar("F", bound=Callable[..., Any])

_SHARED = (
    inspect.Parameter("output_format", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation=FormatOption),
    inspect.Parameter("as_json", inspect.Parameter.KEYWORD_ONLY, default=False,
                      annotation=JsonOption),
    inspect.Parameter("data_path", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation=DataOption),
    inspect.Parameter("catalog_name", inspect.Parameter.KEYWORD_ONLY, default=None,
                      annotation=CatalogOption),
    inspect.Parameter("no_pager", inspect.Parameter.KEYWORD_ONLY, default=False,
                      annotation=NoPagerOption),
)  # fmt: skip


def prints_data(command: F) -> F:
    """Give ``command`` the shared output options (one definition for every command).

    The options reach the session, not the command: its body asks ``session()``.
    """

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        current = session()
        fmt = kwargs.pop("output_format")
        as_json = kwargs.pop("as_json")
        data = kwargs.pop("data_path")
        name = kwargs.pop("catalog_name")
        no_pager = kwargs.pop("no_pager")
        if fmt is not None:
            current.requested_format = fmt
        current.as_json = current.as_json or as_json
        if data is not None:
            current.data = data
        if name is not None:
            current.catalog = name
        if no_pager:
            current.pager = False
        return command(**kwargs)

    signature = inspect.signature(command)
    run.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), *_SHARED]
    )
    run.__annotations__ = {
        **command.__annotations__,
        **{p.name: p.annotation for p in _SHARED},
    }
    return run  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jobcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    ctx: typer.Context,
    data: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--data",
            envvar="JOBCLI_DATA",
            metavar="PATH",
            help="Catalog file to read [default: the bundled catalog of seven roles].",
            show_envvar=True,
            readable=False,  # jobcli's own reader decides, and says why (exit 3)
        ),
    ] = None,
    catalog: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--catalog",
            "-c",
            envvar="JOBCLI_CATALOG",
            metavar="NAME",
            help=_CATALOG_HELP + "; not with --data (the command line wins over the environment).",
            show_envvar=True,
            callback=_catalog_name,
            autocompletion=complete_from(CATALOG_NAMES),
        ),
    ] = None,
    no_pager: NoPagerOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    # A test hands its own environment in as ``obj`` (CliRunner.invoke(app, obj=...)).
    current = Session(_env_of(ctx.obj) if ctx.obj is not None else Environment.from_system())
    # Where each came from: the command line wins over the environment (chosen_catalog).
    for name, value in (("data", data), ("catalog", catalog)):
        source = ctx.get_parameter_source(name)
        from_env = value is not None and getattr(source, "name", "") == "ENVIRONMENT"
        setattr(current, f"{name}_env" if from_env else name, value)
    current.pager = not no_pager
    _current.session = current


def zone_option(ctx: typer.Context, param: Any, value: Optional[str]) -> Optional[int]:  # noqa: UP045
    """A callback for ``--max-zone Z``: a Job Zone, 1 to 5."""
    if value is None:
        return None
    if value.strip() not in ("1", "2", "3", "4", "5"):
        raise typer.BadParameter("must be a Job Zone, 1 to 5")
    return int(value)


ZoneOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--max-zone",
        metavar="Z",
        help="Only roles of O*NET Job Zone Z or below (1 little preparation ... 5 extensive).",
        callback=zone_option,
    ),
]


# writing the call's output ---------------------------------------------------------------------


def emit(view: "View") -> None:
    """Write ``view`` in the call's format (table, text, tsv, csv, markdown or svg)."""
    current = session()
    from ..output import emit_view

    emit_view(view, current.format, current.env, use_pager=current.pager)


def print_json(document: Any) -> None:
    """Write one JSON document (for ``--json`` / ``--format json``)."""
    from ..output import emit_json

    emit_json(document, session().env)


def wants_json() -> bool:
    """Whether this call prints JSON (``--json`` or ``--format json``)."""
    return session().format is Format.json
