"""The shell around the O*NET importer: progress on a terminal, messages, exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from .errors import ExitCode
from .output import fail, message, quote


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A Rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield update


def run_onet_import(
    directory: Path,
    out: Path,
    *,
    force: bool,
    exposure: Path | None,
    min_importance: float,
) -> None:
    """Import the O*NET release in ``directory`` into the catalog file ``out``."""
    from .onet import OnetImportError, import_onet, write_catalog

    if not directory.is_dir():
        fail(f"{quote(str(directory))} is not a folder of O*NET text files", ExitCode.BAD_CATALOG)
    if out.exists() and not force:
        fail(f"{quote(str(out))} exists; pass --force to overwrite it", ExitCode.USAGE)
    try:
        with _progress() as progress:
            catalog, report = import_onet(
                directory, exposure=exposure, min_importance=min_importance, progress=progress
            )
        write_catalog(catalog, out, force=force)
    except OnetImportError as exc:
        fail(str(exc), ExitCode.BAD_CATALOG)
    except FileExistsError:
        fail(f"{quote(str(out))} exists; pass --force to overwrite it", ExitCode.USAGE)
    except OSError as exc:
        fail(f"cannot write {quote(str(out))}: {exc.strerror or exc}", ExitCode.BAD_CATALOG)
    for missing in report.files_missing:
        message(f"jobcli: note: {missing} not found; imported without it")
    for note in report.notes:
        message(f"jobcli: note: {note}")
    for name, count in sorted(report.unknown_codes.items()):
        message(f"jobcli: note: {name}: {count} row(s) name occupations not in Occupation Data.txt")
    message(
        f"jobcli: wrote {report.occupations} roles and {report.skills} skills to {quote(str(out))}"
    )
    raise typer.Exit(ExitCode.OK)
