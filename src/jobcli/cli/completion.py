"""Shell completion of role and skill names: never an error, never a wait.

A TAB press runs jobcli with the words typed so far. Whatever they hold (a
``COMP_CWORD`` that is not a number, a ``--data`` that names a FIFO, a device,
a directory or a broken catalog), completion offers nothing rather than fail
or block.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any


def complete_roles(ctx: Any, incomplete: str) -> list[str]:
    return _complete(ctx, "role", incomplete)


def complete_skills(ctx: Any, incomplete: str) -> list[str]:
    return _complete(ctx, "skill", incomplete)


def _complete(ctx: Any, kind: str, incomplete: str) -> list[str]:
    """Ids of the roles (``kind="role"``) or skills that start with ``incomplete``.

    Ids are what completion writes (a title would need quoting). A catalog that is not
    a regular file gives none: a FIFO would block the TAB press, a device never end.
    """
    try:
        data = completion_data(ctx)
        from ..catalog import bundled_catalog_path
        from ..store import open_store

        if not is_regular_file(bundled_catalog_path() if data is None else data):
            return []
        return open_store(data).complete(kind, incomplete)
    except Exception:  # a bad catalog, or anything else: never a traceback on a TAB press
        return []


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (following symlinks); False on any error."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def completion_data(ctx: Any) -> Path | None:
    """The catalog the words typed so far name: ``--data`` or ``--catalog`` anywhere (the
    last wins), else ``JOBCLI_DATA``, else ``JOBCLI_CATALOG``."""
    value = None
    for context in _contexts(ctx):
        params = getattr(context, "params", None) or {}
        data = params.get("data_path") or params.get("data")
        name = params.get("catalog_name") or params.get("catalog")
        value = Path(data) if data else _named(name) if name else value
    if value is not None:
        return value
    env = os.environ.get("JOBCLI_DATA")
    return Path(env) if env else _named(os.environ.get("JOBCLI_CATALOG"))


def _named(name: str | None) -> Path | None:
    """The file of the bundled catalog ``name`` (None: the default, or no such catalog)."""
    from ..catalog import BUNDLED_CATALOGS, named_catalog_path

    return named_catalog_path(name) if name in BUNDLED_CATALOGS and name else None


def _contexts(ctx: Any) -> list[Any]:
    chain = []
    while ctx is not None:
        chain.append(ctx)
        ctx = getattr(ctx, "parent", None)
    return list(reversed(chain))  # the root first: a command's --data wins


def completed_words(environ: dict[str, str] | None = None) -> list[str] | None:
    """The words before the one a shell asks to complete (Typer's protocol); None if unsure."""
    env = os.environ if environ is None else environ
    instruction = env.get("_JOBCLI_COMPLETE", "")
    if instruction == "complete_bash":
        try:
            cword = int(env["COMP_CWORD"])
        except (KeyError, ValueError):
            return None
        if cword < 0:
            return None
        return env.get("COMP_WORDS", "").split()[1:cword]
    if instruction.startswith("complete_"):  # zsh, fish, powershell
        line = env.get("_TYPER_COMPLETE_ARGS", "")
        words = line.split()[1:]
        return words if line.endswith(" ") else words[:-1]
    return None  # printing the completion script: no command


def bad_completion_request(environ: dict[str, str] | None = None) -> bool:
    """A bash completion request Typer would crash on (``COMP_CWORD=abc``)."""
    env = os.environ if environ is None else environ
    if env.get("_JOBCLI_COMPLETE") != "complete_bash":
        return False
    try:
        return int(env.get("COMP_CWORD", "")) < 0
    except ValueError:
        return True
