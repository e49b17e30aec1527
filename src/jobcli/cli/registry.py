"""Which module defines each command, and an app that imports them only when asked.

A call runs one command, yet importing every command's module (and what each
imports) cost about 3 ms of a 100 ms call. :class:`LazyTyper` is a Typer app whose
lists of commands and groups are filled when first read: by Typer when it builds the
whole app (``--help``, a mistyped command, completion, ``CliRunner``), by anyone
reading them. :func:`jobcli.cli.entry._app_for` instead imports only the module of the
command a call names (:func:`load_command`), and builds the app from it alone.

**Fenced.** Typer reads ``registered_commands`` and ``registered_groups`` as plain
attributes (its own ``Typer.__init__`` assigns them); these are properties over the
same lists, so a Typer that reads them anyhow still sees every command.
``tests/test_fast_paths.py`` checks that this table and the commands agree.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import typer

#: Each command and group, in the order ``jobcli --help`` lists them, and the module of
#: ``jobcli.cli`` that defines it.
COMMAND_MODULES: dict[str, str] = {
    "list": "commands",
    "show": "commands",
    "compare": "commands",
    "skills": "commands",
    "match": "commands",
    "gap": "gap",
    "search": "find",
    "skill": "find",
    "next": "moves",
    "path": "moves",
    "validate": "catalogs",
    "schema": "catalogs",
    "catalogs": "catalogs",
    "import": "catalogs",
    "me": "me",
}


_F = TypeVar("_F", bound=Callable[..., Any])


def load_command(name: str) -> bool:
    """Import the module that defines command ``name``; False for a name not in the table."""
    module = COMMAND_MODULES.get(name)
    if module is None:
        return False
    importlib.import_module(f"{__package__}.{module}")
    return True


def load_all() -> None:
    """Import every command's module, in the order of :data:`COMMAND_MODULES`."""
    for module in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"{__package__}.{module}")


def _rank(info: Any) -> int:
    name = info.name
    return list(COMMAND_MODULES).index(name) if name in COMMAND_MODULES else len(COMMAND_MODULES)


class LazyTyper(typer.Typer):
    """A Typer app whose commands' modules are imported when its commands are first read,
    then listed in the order of :data:`COMMAND_MODULES` whatever order they came in.
    Registering a command (``@app.command``, ``add_typer``) reads the lists without
    loading anything."""

    _loaded = False
    _registering = 0

    @property
    def registered_commands(self) -> list[Any]:
        self._load()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._commands = value

    @property
    def registered_groups(self) -> list[Any]:
        self._load()
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self._groups = value

    def command(self, *args: Any, **kwargs: Any) -> Callable[[_F], _F]:
        register = super().command(*args, **kwargs)

        def quietly(f: _F) -> _F:
            self._registering += 1
            try:
                return register(f)
            finally:
                self._registering -= 1

        return quietly

    def add_typer(self, *args: Any, **kwargs: Any) -> None:
        self._registering += 1
        try:
            super().add_typer(*args, **kwargs)
        finally:
            self._registering -= 1

    def only(self, name: str) -> LazyTyper | None:
        """A copy of the app with command (or group) ``name`` alone, importing only its
        module; None when the name is not one of the table's or its module lacks it."""
        import copy

        if not load_command(name):
            return None
        commands = [c for c in self._commands if c.name == name]
        groups = [g for g in self._groups if g.name == name]
        if not (commands or groups):
            return None
        pruned = copy.copy(self)
        pruned._loaded = True
        pruned.registered_commands = commands
        pruned.registered_groups = groups
        return pruned

    def _load(self) -> None:
        if self._loaded or self._registering:
            return
        self._loaded = True  # for good: the imports below register through these lists
        load_all()
        self._commands.sort(key=_rank)
        self._groups.sort(key=_rank)
