"""The shell: the Typer app (:mod:`.app`), its commands (:mod:`.commands`), completion
(:mod:`.completion`), help wording (:mod:`.wording`) and the entry point (:mod:`.entry`)."""

# The commands' modules (commands, gap, find, moves, catalogs, me) are imported when the
# app's commands are first read, or one alone for a call (see .registry).
from .app import app as app
from .entry import _app_for as _app_for
from .entry import main as main
from .loading import load as load


def __getattr__(name: str) -> object:
    """A command's module, imported with all the others (``jobcli.cli.commands``)."""
    import importlib

    from .registry import COMMAND_MODULES, load_all

    if name in COMMAND_MODULES.values() or name in ("importer", "person", "rating"):
        load_all()
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
