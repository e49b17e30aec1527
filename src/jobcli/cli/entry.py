"""The entry point: signals, the pruned app, and every exception mapped to an exit code."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
import threading

import typer

from ..errors import ExitCode
from ..output import is_output_error, message, output_failed
from .app import app
from .completion import bad_completion_request, completed_words


class Interrupted(BaseException):
    """Ctrl-C: a BaseException of our own, so that nothing on the way swallows it."""


def _on_sigint(signum: int, frame: object) -> None:
    raise Interrupted


#: Options of the app itself that take a value, and those that take none.
_ROOT_VALUE_OPTIONS = ("--data", "--catalog", "-c")
#: The same, given with their value in one word (``--data=x``, ``-conet``).
_ROOT_JOINED = ("--data=", "--catalog=", "-c")
_ROOT_FLAGS = ("--no-pager",)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` run, when they name one for certain.

    Typer builds every command's parameters from its signature at each start (about
    2 ms of a 60 ms call), and a call runs one command, so the others are left out, and
    their modules are not even imported (:mod:`.registry`: about 3 ms more).
    Anything else (help, --version, a missing or mistyped command, completion of a
    command's name) gets the whole app, and so the same messages.
    """
    if os.environ.get("_JOBCLI_COMPLETE"):
        completed = completed_words()
        if completed is None:
            return app
        args = completed
    name = _command_word(args)
    only = app.only(name) if name is not None else None
    return app if only is None else only


def _command_word(args: list[str]) -> str | None:
    """The first argument after the global options, as Click reads it; None if unsure."""
    words = iter(args)
    for word in words:
        if word in _ROOT_VALUE_OPTIONS:
            next(words, None)
        elif word in _ROOT_FLAGS or word.startswith(_ROOT_JOINED):
            continue
        else:
            return None if word.startswith("-") else word
    return None


def main() -> None:
    """The console script: run the app, with the exit codes and messages of the contract."""
    debug = os.environ.get("JOBCLI_DEBUG", "") not in ("", "0")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)
    if bad_completion_request():
        sys.exit(ExitCode.OK)  # completion never errors: no candidates
    if sys.stdout is None:  # started with stdout closed (`jobcli --help >&-`)
        # Python leaves sys.stdout None, and Click and Rich then write nothing and
        # exit 0 (help, --version, --show-completion): a stream that fails says so.
        sys.stdout = _ClosedStdout()
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


class _ClosedStdout(io.TextIOBase):
    """Standard output when the process started without one: every write fails, EBADF."""

    encoding = "utf-8"
    errors = "strict"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("a text stream")
        if not text:
            return 0
        raise OSError(errno.EBADF, "standard output is closed")
