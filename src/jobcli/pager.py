"""The pager for output taller than the terminal, as git does it.

``JOBCLI_PAGER``, then ``PAGER``, then ``less -FRX``; set empty or to ``cat``, no
pager. Only :func:`jobcli.output.emit_text` pages, only on a terminal, and this
module is imported only then.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .output import Environment

DEFAULT_PAGER = "less -FRX"


def pager_command(environ: Mapping[str, str]) -> str | None:
    """``JOBCLI_PAGER``, then ``PAGER``, then ``less -FRX``; None when set empty or to cat."""
    for name in ("JOBCLI_PAGER", "PAGER"):
        if name in environ:
            command = environ[name].strip()
            return None if command in ("", "cat") else command
    return DEFAULT_PAGER


def usable_pager(environ: Mapping[str, str]) -> str | None:
    """The pager to use on this terminal, or None.

    ``less`` reads its keys from the controlling terminal; without one (a program
    that handed jobcli a pseudo-terminal but is no session of it) it could not be
    quit, so the default pager is used only where ``/dev/tty`` opens. A pager the
    user names is always used.
    """
    command = pager_command(environ)
    if command == DEFAULT_PAGER and "JOBCLI_PAGER" not in environ and "PAGER" not in environ:
        try:
            os.close(os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY))
        except OSError:
            return None
    return command


def taller_than(text: str, height: int | None) -> bool:
    return height is not None and text.count("\n") >= height


def page(text: str, command: str, env: Environment) -> bool:
    """Show ``text`` through the pager ``command``; False if it could not be started."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv:
        return False
    pager_env = dict(env.environ)
    pager_env.setdefault("LESS", "FRX")  # what git does for a bare `less`
    pager_env.setdefault("LESSCHARSET", "utf-8")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=pager_env)
    except OSError:
        return False
    assert proc.stdin is not None
    # Ctrl-C while the pager shows the text is the pager's (less ignores it), as in git.
    previous = _ignore_sigint()
    try:
        try:
            proc.stdin.write(text.encode(env.encoding, errors="replace"))
            proc.stdin.close()
        except OSError:  # the person quit the pager before the end: not an error
            pass
        proc.wait()
    except BaseException:
        proc.kill()
        raise
    finally:
        _restore_sigint(previous)
    return True


def _ignore_sigint() -> Any:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGINT, signal.SIG_IGN)


def _restore_sigint(previous: Any) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGINT, previous)
