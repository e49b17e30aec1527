"""The view of ``jobcli catalogs``: the bundled catalogs, their counts, credit and release."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .build import credit_line
from .model import Glyphs, Records, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..catalog_info import CatalogInfo

NOT_INSTALLED = "not in this installation"


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "-"


def catalogs_records(infos: Sequence[CatalogInfo]) -> Records:
    rows = []
    for info in infos:
        if info.available:
            source = credit_line(info.source) if info.source else "unknown"
            rows.append(
                [
                    info.name,
                    _count(info.roles),
                    _count(info.skills),
                    source,
                    info.release or "unknown",
                ]
            )
        else:
            rows.append([info.name, "-", "-", f"{NOT_INSTALLED} (no {info.path})", "-"])
    notes = ["Choose one with --catalog NAME (-c), or JOBCLI_CATALOG; the default is seven."]
    return Records(["name", "roles", "skills", "source", "release"], rows, notes)


def catalogs_view(infos: Sequence[CatalogInfo]) -> View:
    """The bundled catalogs, one a row."""

    def drawing(glyphs: Glyphs) -> RenderableType:
        from rich import box
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from .tables import data

        records = catalogs_records(infos)
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column("Name", style="cyan", no_wrap=True)
        table.add_column("Roles", justify="right", no_wrap=True)
        table.add_column("Skills", justify="right", no_wrap=True)
        table.add_column("Source", ratio=3, overflow="fold")
        table.add_column("Release", ratio=2, overflow="fold")
        for row in records.rows:
            table.add_row(*(data(cell) for cell in row))
        return Group(table, *(Text(note, style="dim") for note in records.notes))

    return View(lambda: catalogs_records(infos), drawing)
