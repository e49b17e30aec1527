"""Where output goes: the output environment, the formats, and a quiet closed pipe.

An :class:`Environment` holds what jobcli may know about where it writes: the
streams, whether stdout is a terminal, its width and height, its encoding,
colour, and the pager (:mod:`jobcli.pager`). ``main`` builds one from the process
(:meth:`Environment.from_system`); a test builds one by hand and runs the same
code "as a pipe" or "as a terminal" in-process (httpie's ``Environment`` is the
model). Nothing below reads ``sys.stdout`` or ``os.environ`` behind its back.

Rich is imported only to draw for a terminal (``table``) or a picture (``svg``):
the line-oriented forms a pipe gets are plain string work.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO, TYPE_CHECKING, Any, NoReturn

import typer

from .errors import ExitCode
from .safetext import safe, safe_json

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from .views.model import View as View


def __getattr__(name: str) -> Any:
    """``output.View``, for code written when it lived here: it is ``views.model.View``."""
    if name == "View":
        from .views.model import View

        return View
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Format(str, Enum):
    """What ``--format`` accepts. ``text`` is the line-oriented form a pipe gets unasked."""

    table = "table"
    tsv = "tsv"
    csv = "csv"
    markdown = "markdown"
    json = "json"
    svg = "svg"
    text = "text"


#: The choices ``--format`` offers (``text`` is what a pipe gets when none is given).
FORMAT_CHOICES = ("table", "tsv", "csv", "markdown", "json", "svg")


class Environment:
    """Where jobcli writes, and what it knows about it.

    ``width`` and ``height`` are the terminal's columns and lines (None: unknown; 80
    columns are assumed for drawing); ``colour`` False means none (NO_COLOR,
    TERM=dumb, a pipe); ``pager`` is the pager command, or None (never in a pipe).
    """

    # A plain class, not a dataclass: @dataclass generates its methods at every start.
    def __init__(
        self,
        stdout: IO[str] | None,
        stderr: IO[str] | None,
        stdout_isatty: bool = False,
        width: int | None = None,
        height: int | None = None,
        encoding: str = "utf-8",
        colour: bool = False,
        pager: str | None = None,
        environ: Mapping[str, str] | None = None,
        stdin: IO[str] | None = None,
        stdin_isatty: bool = False,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.stdout_isatty = stdout_isatty
        self.width = width
        self.height = height
        self.encoding = encoding
        self.colour = colour
        self.pager = pager
        self.environ: Mapping[str, str] = environ if environ is not None else {}
        #: Where questions are answered (``me rate``): only a terminal is asked.
        self.stdin = stdin
        self.stdin_isatty = stdin_isatty

    @classmethod
    def from_system(cls, environ: Mapping[str, str] | None = None) -> Environment:
        """The environment of this process: its streams, terminal and variables."""
        environ = os.environ if environ is None else environ
        stdout = sys.stdout
        isatty = _isatty(stdout)
        width, height = _terminal_size(stdout, environ) if isatty else (None, None)
        if not isatty and _count(environ, "COLUMNS") is not None:
            width = _count(environ, "COLUMNS")  # a drawn table (--format table) in a pipe
        # NO_COLOR set and not empty (no-color.org: an empty value is ignored).
        no_colour = bool(environ.get("NO_COLOR"))
        colour = isatty and not no_colour and environ.get("TERM") != "dumb"
        if environ.get("FORCE_COLOR") and not no_colour:
            colour = True
        return cls(
            stdout=stdout,
            stderr=sys.stderr,
            stdout_isatty=isatty,
            width=width,
            height=height,
            encoding=(getattr(stdout, "encoding", None) or "utf-8"),
            colour=colour,
            pager=_pager_for_terminal(environ) if isatty else None,
            environ=dict(environ),
            stdin=sys.stdin,
            stdin_isatty=_isatty(sys.stdin),
        )

    @property
    def utf8(self) -> bool:
        """Whether stdout can take any character (else the views fall back to ASCII)."""
        return self.encoding.lower().replace("-", "").startswith("utf")


def _isatty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False


def _terminal_size(stream: Any, environ: Mapping[str, str]) -> tuple[int | None, int | None]:
    try:
        size = os.get_terminal_size(stream.fileno())
        width, height = size.columns or None, size.lines or None
    except (OSError, ValueError, AttributeError):
        width = height = None
    width = _count(environ, "COLUMNS") or width
    height = _count(environ, "LINES") or height
    return width, height


def _count(environ: Mapping[str, str], name: str) -> int | None:
    """The positive whole number the variable ``name`` holds, in ASCII digits; else None.

    Not ``str.isdigit``: it accepts ``²`` and ``٣``, which ``int`` refuses or reads.
    """
    value = environ.get(name, "")
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return None
    return int(value) or None


def _pager_for_terminal(environ: Mapping[str, str]) -> str | None:
    from .pager import usable_pager  # only on a terminal: a pipe is never paged

    return usable_pager(environ)


def resolve_format(requested: str | None, as_json: bool, env: Environment) -> Format:
    """The format asked for; unasked, a drawn table on a terminal and plain lines in a pipe."""
    if as_json:
        return Format.json
    if requested:
        return Format(requested)
    return Format.table if env.stdout_isatty else Format.text


# writing ----------------------------------------------------------------------------------------


def write_stdout(text: str, env: Environment) -> None:
    """Write all of ``text`` to stdout, or exit 74 saying why; a reader that went away
    ends the program quietly."""
    try:
        if env.stdout is None:  # started with stdout closed (`jobcli list >&-`)
            raise OSError(errno.EBADF, "standard output is closed")
        if not env.utf8:  # a character the terminal cannot show becomes "?", not a crash
            text = _encodable(text, env.encoding)
        try:
            fd = env.stdout.fileno()
        except (OSError, ValueError):  # a stream with no file behind it (tests)
            env.stdout.write(text)
            env.stdout.flush()
            return
        env.stdout.flush()  # whatever went through the stream before goes first
        try:
            data = text.encode(env.encoding, errors="replace")
        except LookupError:  # as _encodable: an encoding Python does not know
            data = text.encode("ascii", errors="replace")
        write_all(fd, data)
    except OSError as exc:
        raise typer.Exit(output_failed(exc)) from None


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``, or raise the OSError that stopped it.

    A buffered stream's ``write`` + ``flush`` drops the rest of a short write (a disk
    nearly full, ``ulimit -f``) and reports success; here a short write goes on from
    where it stopped, so the next write reports why it cannot (ENOSPC, EFBIG). A
    non-blocking descriptor whose reader is slow (EAGAIN) is waited for until it
    takes more. Every output of jobcli goes through here.
    """
    import select

    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            select.select([], [fd], [])
            continue
        if written <= 0:  # nothing taken and no error: do not spin
            raise OSError(errno.EIO, "the output takes no more bytes")
        view = view[written:]


def _encodable(text: str, encoding: str) -> str:
    try:
        return text.encode(encoding, errors="replace").decode(encoding, errors="replace")
    except LookupError:  # an encoding Python does not know: ASCII is safe everywhere
        return text.encode("ascii", errors="replace").decode("ascii")


def output_failed(exc: OSError) -> ExitCode:
    """Stdout could not be written: say so unless its reader left; the exit code to use."""
    _silence_stdout()
    if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): not an error
        return ExitCode.OK
    # A full disk, a closed descriptor: say so, it is not a bug.
    message(f"jobcli: error: cannot write the output: {exc.strerror or exc}")
    return ExitCode.OUTPUT_ERROR


#: What writing, not reading, fails with: the disk or quota is full, the file too large,
#: the descriptor closed, the device gone. jobcli writes only stdout and stderr, and
#: its cache, whose failures never leave it.
_WRITE_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EBADF", "EIO")
    if hasattr(errno, name)
)


def is_output_error(exc: OSError) -> bool:
    """Whether ``exc``, escaped from a write jobcli did not make itself (Click's help,
    usage and --version), is stdout failing rather than a bug."""
    if isinstance(exc, BrokenPipeError) or exc.errno in _WRITE_ERRNOS:
        return True
    try:  # anything still waiting for stdout shows whether it can take it
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        return True
    return False


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush
    # cannot complain about the closed pipe ("Exception ignored ...").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def emit_json(document: Any, env: Environment) -> None:
    """Exactly one JSON document and a newline on stdout."""
    from .jsonout import dumps

    # C1 controls and bidi marks are legal raw in JSON, but a terminal would act on them.
    # Indented on a terminal, where a person reads it; compact into a pipe (as gh does).
    text = dumps(document, ascii_only=not env.utf8, pretty=env.stdout_isatty)
    write_stdout(safe_json(text), env)


def emit_view(view: View, fmt: Format, env: Environment, *, use_pager: bool = True) -> None:
    """Write ``view`` in ``fmt`` (never ``json``: commands write their own JSON)."""
    if fmt in (Format.table, Format.svg):
        from .views.model import Glyphs

        renderable = view.drawing(Glyphs(unicode=env.utf8))
        if fmt is Format.svg:
            write_stdout(_svg(renderable, env), env)
        else:
            emit_text(draw(renderable, env), env, use_pager=use_pager)
        return
    import gc

    from .views import plain

    # Building a large view allocates many objects and no cycles: no collector passes.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        text = plain.render(view.plain(), fmt.value)
    finally:
        if was_enabled:
            gc.enable()
    emit_text(text, env, use_pager=use_pager)


def emit_text(text: str, env: Environment, *, use_pager: bool = True) -> None:
    """Write ``text``; through the pager when it is taller than the terminal."""
    if use_pager and env.pager and env.stdout_isatty:
        from .pager import page, taller_than

        if taller_than(text, env.height) and page(text, env.pager, env):
            return
    write_stdout(text, env)


# drawing with Rich ------------------------------------------------------------------------------


def console(env: Environment, *, file: IO[str] | None = None, record: bool = False) -> Console:
    """A Rich console for ``env``: no markup parsing, no highlighting, no emoji codes."""
    from rich.console import Console

    return Console(
        file=file,
        width=env.width or 80,
        force_terminal=env.colour,
        no_color=not env.colour,
        color_system="auto" if env.colour else None,
        markup=False,
        highlight=False,
        emoji=False,
        record=record,
        legacy_windows=False,
        _environ={},  # env decides, not the process's variables
    )


def draw(renderable: RenderableType, env: Environment) -> str:
    """``renderable`` drawn as text for ``env``'s terminal (or 80 columns)."""
    import io

    buffer = io.StringIO()
    out = console(env, file=buffer)
    out.print(renderable)
    return buffer.getvalue()


def _svg(renderable: RenderableType, env: Environment) -> str:
    import io
    import re

    colour_env = Environment(
        stdout=None, stderr=None, stdout_isatty=True, width=env.width or 100, colour=True
    )
    out = console(colour_env, file=io.StringIO(), record=True)
    out.print(renderable)
    # What XML 1.0 forbids in a document (its Char production): C0 controls but tab, LF
    # and CR, lone surrogates, U+FFFE and U+FFFF. An SVG holding one does not parse.
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    return forbidden.sub("\ufffd", out.export_svg(title="jobcli"))


# messages ---------------------------------------------------------------------------------------


def message(text: str) -> None:
    """A line for a person on stderr (already made safe by the caller)."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except UnicodeEncodeError:  # before ValueError, its base class
        try:
            sys.stderr.write(text.encode("ascii", "backslashreplace").decode("ascii") + "\n")
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass
    except (OSError, ValueError, AttributeError):  # stderr closed or gone: nowhere to tell
        pass


def fail(text: str, code: ExitCode) -> NoReturn:
    """Print ``jobcli: error: text`` on stderr and exit with ``code``."""
    message(f"jobcli: error: {text}")
    raise typer.Exit(code)


def quote(value: str, limit: int = 200) -> str:
    """A user's or catalog's string, quoted and harmless, for a message; cut if very long."""
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    # repr() already writes controls as \x1b, \u202e; safe() catches whatever it leaves.
    return safe(repr(value))
