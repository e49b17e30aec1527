"""The shell around the O*NET importer: progress on a terminal, messages, exit codes.

Exit codes: 3 when the release (or the exposure file) is missing, unreadable or
malformed; 2 when an option is out of range; 74 when the output cannot be written
(it exists and ``--force`` was not given; a folder, device or FIFO, a missing folder,
a full disk, a closed stdout for ``-o -``). Every file name
and every piece of data a message echoes goes through :func:`jobcli.safetext.safe`;
the progress bar shows stage names as plain text, never as Rich markup.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from ..errors import ExitCode
from ..output import fail, message, output_failed, quote, write_all
from ..safetext import safe

#: ``-o -`` writes the catalog to standard output.
STDOUT = "-"


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A Rich progress bar on stderr, only when stderr is a terminal.

    It refreshes from the main thread only (``auto_refresh=False``): no thread of its
    own that a Ctrl-C could catch halfway.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}", markup=False),
        console=Console(stderr=True, markup=False, highlight=False, emoji=False),
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=safe(stage), completed=done, total=total or None)
            bar.refresh()

        yield update


def run_onet_import(
    directory: Path,
    out: str,
    *,
    force: bool,
    exposure: Path | None,
    min_importance: float,
    wages: Path | None = None,
    projections: Path | None = None,
    release: str | None = None,
) -> None:
    """Import the O*NET release in ``directory`` into the catalog file ``out`` (``-``: stdout)."""
    from ..onet import (
        OnetImportError,
        OutputError,
        catalog_text,
        import_onet,
        output_target,
        write_catalog,
    )

    to_stdout = out == STDOUT
    try:
        if not to_stdout:
            output_target(out, force=force)  # refuse before the work, not after
        if not directory.is_dir():
            fail(
                f"{quote(str(directory))} is not a folder of O*NET text files",
                ExitCode.BAD_CATALOG,
            )
        with _progress() as progress:
            catalog, report = import_onet(
                directory,
                exposure=exposure,
                wages=wages,
                projections=projections,
                min_importance=min_importance,
                release=release,
                progress=progress,
            )
        if to_stdout:
            _write_stdout(catalog_text(catalog))
            written = "standard output"
        else:
            written = quote(str(write_catalog(catalog, out, force=force)))
            if written != quote(out):
                written = f"{quote(out)} (a link to {written})"
    except OnetImportError as exc:
        fail(safe(str(exc)), ExitCode.BAD_CATALOG)
    except ValueError as exc:
        fail(safe(str(exc)), ExitCode.USAGE)
    except FileExistsError:
        fail(f"{quote(out)} exists; pass --force to replace it", ExitCode.OUTPUT_ERROR)
    except OutputError as exc:
        fail(f"cannot write {quote(exc.path)}: {safe(exc.reason)}", ExitCode.OUTPUT_ERROR)
    except OSError as exc:
        fail(f"cannot write {quote(out)}: {safe(exc.strerror or str(exc))}", ExitCode.OUTPUT_ERROR)
    for missing in report.files_missing:
        message(f"jobcli: note: {safe(missing)} not found; imported without it")
    for note in report.notes:
        message(f"jobcli: note: {safe(note)}")
    for name, count in report.unknown_codes.items():
        message(
            f"jobcli: note: {safe(name)}: {count} row(s) name occupations not in "
            "Occupation Data.txt"
        )
    message(
        f"jobcli: wrote {report.occupations} roles ({report.without_skills} without skills) "
        f"and {report.skills} skills to {written}"
    )
    raise typer.Exit(ExitCode.OK)


def _write_stdout(text: str) -> None:
    """The catalog on stdout, as UTF-8 whatever the locale; 74 when stdout cannot take it."""
    from ..safetext import safe_json

    try:
        if sys.stdout is None:
            raise OSError(errno.EBADF, "standard output is closed")
        sys.stdout.flush()
        try:
            fd = sys.stdout.fileno()
        except (OSError, ValueError):  # a stream with no file behind it (tests)
            sys.stdout.write(safe_json(text))
            sys.stdout.flush()
            return
        # os.write, not the buffered stream: a buffered write of megabytes into a pipe
        # whose reader left can report success for what it could not write.
        write_all(fd, safe_json(text).encode("utf-8"))
    except OSError as exc:
        raise typer.Exit(output_failed(exc)) from None
