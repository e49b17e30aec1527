"""Where output goes: stdout for results, stderr for messages; quiet on a closed pipe.

The one place that knows about the terminal: colour (Rich decides, honouring
``NO_COLOR``, ``FORCE_COLOR`` and ``TERM=dumb``), the encoding, and what to do
when the reader of a pipe goes away.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from .errors import ExitCode
from .safetext import safe, safe_json

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from .views import Glyphs


def stdout_is_utf8() -> bool:
    """Whether stdout can take any character (else the views fall back to ASCII)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout; a reader that went away ends the program quietly."""
    try:
        if sys.stdout is None:  # started with stdout closed (`jobcli list >&-`)
            raise OSError(errno.EBADF, "standard output is closed")
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _write_failed(exc)


def _write_failed(exc: OSError) -> NoReturn:
    raise typer.Exit(output_failed(exc)) from None


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


def emit_json(document: Any) -> None:
    """Exactly one JSON document and a newline on stdout."""
    from .jsonout import dumps

    # C1 controls and bidi marks are legal raw in JSON, but a terminal would act on them.
    # Indented on a terminal, where a person reads it; compact into a pipe (as gh does).
    pretty = sys.stdout is not None and sys.stdout.isatty()
    write_stdout(safe_json(dumps(document, ascii_only=not stdout_is_utf8(), pretty=pretty)))


def console() -> Console:
    """A Rich console for stdout: no markup parsing, no highlighting, no emoji codes."""
    from rich.console import Console

    if not stdout_is_utf8():
        try:  # a character the terminal cannot show becomes "?", not a crash
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    return Console(markup=False, highlight=False, emoji=False)


def glyphs() -> Glyphs:
    from .views import Glyphs

    return Glyphs(unicode=stdout_is_utf8())


def emit_view(renderable: RenderableType) -> None:
    """Render a Rich view and write it to stdout (plain when piped)."""
    out = console()
    try:
        with out.capture() as captured:
            out.print(renderable)
    except OSError as exc:  # Rich flushes the real stdout when the capture ends
        _write_failed(exc)
    write_stdout(captured.get())


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


def quote(value: str) -> str:
    """A user's or catalog's string, quoted and harmless, for a message."""
    # repr() already writes controls as \x1b, \u202e; safe() catches whatever it leaves.
    return safe(repr(value))
