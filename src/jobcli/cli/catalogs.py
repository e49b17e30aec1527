"""The commands about catalogs themselves: ``validate``, ``schema`` and ``import onet``.

No ``from __future__ import annotations`` here: Typer reads the commands' annotations.
"""

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import CatalogError, ExitCode
from ..output import emit_json, fail, message, quote
from .app import app, emit, import_app, print_json, prints_data, session, wants_json


@app.command("validate")
@prints_data
def validate(
    path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="PATH",
            help="Catalog to check [default: --data, or the bundled catalog].",
            show_default=False,
            readable=False,  # jobcli's own reader decides, and says why (exit 3)
        ),
    ] = None,
) -> None:
    """Check a catalog and list every problem; exit 0 when it is valid, 3 when not."""
    from ..catalog import bundled_catalog_path, catalog_from_bytes, read_catalog_bytes
    from ..views.problems import explained
    from .loading import chosen_path

    target = path if path is not None else (chosen_path() or bundled_catalog_path())
    problems = []
    source = None
    raw = b""
    try:
        raw = read_catalog_bytes(target)
        source = catalog_from_bytes(raw, str(target)).source
    except CatalogError as exc:
        problems = explained(exc.problems, _data_of(raw))
    if wants_json():
        from ..jsonout import validation_object

        print_json(validation_object(problems))
    else:
        from ..views.build import problems_view

        emit(problems_view(str(target), problems, source))
    if problems:
        if not session().env.stdout_isatty:  # the list went to a file or a program: say so
            count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
            message(f"jobcli: error: {quote(str(target))} is not a valid catalog ({count})")
        raise typer.Exit(ExitCode.BAD_CATALOG)


def _data_of(raw: bytes) -> Any:
    """The file's JSON, to find where and what each problem is; nothing if it does not parse."""
    import json

    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        from ..views.problems import NO_DATA

        return NO_DATA


@app.command("schema")
def schema(
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, the only format of a schema (accepted so scripts can always pass it).",
            show_default=False,
            hidden=True,  # in help it would offer a choice that is none
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="The schema is always JSON; accepted for scripts.", hidden=True
        ),
    ] = False,
) -> None:
    """The catalog's JSON Schema (always JSON)."""
    from ..models import json_schema

    if output_format is not None and output_format.lower() != "json":
        fail(
            f"schema prints JSON only; --format {quote(output_format, 20)} is not possible",
            ExitCode.USAGE,
        )

    emit_json(json_schema(), session().env)


@import_app.command("onet")
def import_onet(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder of an O*NET text release (db_29_x_text).",
            readable=False,  # jobcli's own reader decides, and says why (exit 3)
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Catalog file to write ('-': standard output). Exit 74 if it cannot be written.",
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it is an existing regular file.")
    ] = False,
    exposure: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--exposure",
            metavar="CSV",
            help="AI-exposure ratings to join (occ_level.csv format).",
            readable=False,  # the importer's own reader decides, and says why (exit 3)
        ),
    ] = None,
    wages: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--wages",
            metavar="XLSX",
            help="BLS OEWS national wages to join (national_M2024_dl.xlsx): pay.",
            readable=False,
        ),
    ] = None,
    projections: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--projections",
            metavar="XLSX",
            help="BLS Employment Projections to join (ep_2024_34_occupation.xlsx): outlook "
            "and education for entry.",
            readable=False,
        ),
    ] = None,
    min_importance: Annotated[
        float,
        typer.Option(
            "--min-importance",
            metavar="N",
            min=1.0,
            max=5.0,
            help="Leave out skills and knowledge rated below N, 1 to 5 (O*NET's importance scale).",
        ),
    ] = 3.0,
    release: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--release",
            metavar="N.N",
            help="The O*NET release to credit (e.g. 29.2) when DIR's name does not tell it.",
        ),
    ] = None,
) -> None:
    """Convert an O*NET database release into a jobcli catalog.

    Exit codes: 3 when the release (or a file joined) is missing or malformed, or the
    Excel reader for --wages/--projections is not installed (pip install
    'jobcli[import]'); 74 when FILE cannot be written (or exists and --force was not
    given). A FILE ending in .gz is written gzip-compressed.
    """
    from .importer import run_onet_import

    run_onet_import(
        directory,
        out,
        force=force,
        exposure=exposure,
        wages=wages,
        projections=projections,
        min_importance=min_importance,
        release=release,
    )


@app.command("catalogs")
@prints_data
def catalogs() -> None:
    """The bundled catalogs: name, roles, skills, source and release (-c NAME reads one)."""
    from ..catalog import BUNDLED_CATALOGS, named_catalog_path
    from ..catalog_info import CatalogInfo, release_of
    from .loading import load

    infos = []
    for name in BUNDLED_CATALOGS:
        path = named_catalog_path(name)
        if not path.is_file():
            infos.append(CatalogInfo(name, str(path), available=False))
            continue
        store = load(path)  # the store's counts: a warm call reads no catalog
        source = store.source
        infos.append(
            CatalogInfo(
                name,
                str(path),
                True,
                store.role_count(),
                len(store.skills()),
                source,
                release_of(source),
            )
        )
    if wants_json():
        print_json(
            [
                {
                    "name": i.name,
                    "roles": i.roles,
                    "skills": i.skills,
                    "source": i.source,
                    "release": i.release,
                    "available": i.available,
                }
                for i in infos
            ]
        )
        return
    from ..views.catalogs import catalogs_view

    emit(catalogs_view(infos))
