"""``gap FROM TO`` (and ``gap --me TO``): what one brings to a role, what to improve and
what to learn. Out of :mod:`.commands` (its size).

No ``from __future__ import annotations`` here: Typer reads the commands' annotations.
"""

from typing import Annotated, Optional

import typer

from ..errors import ExitCode
from ..output import fail
from .app import app, emit, print_json, prints_data, wants_json
from .completion import complete_roles
from .loading import find_role, load


@app.command("gap")
@prints_data
def gap(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="The role you are in (with --me: TO).",
            autocompletion=complete_roles,
        ),
    ],
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="TO",
            help="The role you want.",
            autocompletion=complete_roles,
            show_default=False,
        ),
    ] = None,
    me: Annotated[
        bool, typer.Option("--me", help="From your profile (see 'jobcli me'): gap --me TO.")
    ] = False,
) -> None:
    """What a person in FROM (or you: --me TO) already brings to TO, what to improve (same
    skill, higher level needed) and what to learn, weightiest first; coverage is the fit."""
    from .moves import gap_parts

    if me and target is not None:
        fail("with --me, give only TO: jobcli gap --me TO", ExitCode.USAGE)
    if not me and target is None:
        fail("missing TO: jobcli gap FROM TO (or jobcli gap --me TO)", ExitCode.USAGE)
    store = load()
    if me:
        from .person import profile_gap_parts

        b = find_role(store, source)
        catalog, a, fit, have, split = profile_gap_parts(store, b)
    else:
        assert target is not None
        a = find_role(store, source)
        b = find_role(store, target)
        catalog, fit, have, split = gap_parts(store, a, b)
    if wants_json():
        from ..jsonout import skill_entries

        transferable, improve, learn = split
        print_json(
            {
                "from": a.id,
                "to": b.id,
                "coverage": round(fit.value, 4),
                # What FROM brings to TO (the verdict's share), beside the fit of the move.
                "brings": None if fit.skills is None else round(fit.skills, 4),
                "transferable": skill_entries(catalog, transferable),
                "to_improve": [
                    {**entry, "level": {"have": have[s.id], "need": s.level}}
                    for entry, s in zip(skill_entries(catalog, improve), improve, strict=True)
                ],
                "to_learn": skill_entries(catalog, learn),
            }
        )
        return
    from ..views.moves import gap_view

    emit(gap_view(catalog, a, b, fit, have, split))
