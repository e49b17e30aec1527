"""The commands: parse, call the core, hand a view or a JSON document to the output.

Heavy modules (Rich, pydantic, the views) are imported inside the commands
that need them, so ``--help``, completion and ``--json`` stay fast. Every
command that prints data takes the shared output options (``@prints_data``)
and asks :func:`~jobcli.cli.app.session` where and how to write.

No ``from __future__ import annotations`` here: Typer reads every command's
annotations at every start, and string annotations would cost it an ``eval`` each.
"""

from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from ..errors import ExitCode
from ..output import fail
from .app import (
    ZoneOpt,
    app,
    at_least_one,
    complete_from,
    emit,
    one_of,
    print_json,
    prints_data,
    wants_json,
)
from .completion import complete_roles, complete_skills
from .loading import catalog_for, find_role, find_skill, load
from .stdin import MAX_NAMES, read_skill_names

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..domain import Role
    from ..store.query import Store


T = TypeVar("T")


RoleArg = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role's id, title, alias or alternate title, or a prefix of its words that "
        "only it has (case-insensitive).",
        autocompletion=complete_roles,
        show_default=False,
    ),
]


# commands ---------------------------------------------------------------------------------------

SORT_ORDERS = ("catalog", "title", "id", "exposure", "pay", "growth", "zone")
#: The orders by a figure, and whether the highest comes first; roles without it go last.
_BY_FIGURE = {"exposure": True, "pay": True, "growth": True, "zone": False}
KINDS = ("human", "technical", "knowledge")


@app.command("list")
@prints_data
def list_roles(
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="ORDER",
            help="Order of the roles: catalog, title, id; or by a figure, roles without it "
            "last: exposure (highest AI exposure first), pay (highest median first), growth "
            "(fastest projected growth first), zone (least preparation, Job Zone 1, first).",
            callback=one_of(SORT_ORDERS),
            autocompletion=complete_from(SORT_ORDERS),
        ),
    ] = "catalog",
    reverse: Annotated[
        bool,
        typer.Option("--reverse", help="The opposite order (roles without the figure stay last)."),
    ] = False,
    skill: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--skill",
            metavar="SKILL",
            help="Only the roles that need this skill, most important first.",
            autocompletion=complete_skills,
        ),
    ] = None,
    family: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--family",
            metavar="NN",
            help="Only the roles of this SOC major group, by its two digits (15: Computer "
            "and Mathematical), for catalogs with O*NET-SOC codes.",
        ),
    ] = None,
) -> None:
    """A table of all roles (or those needing a skill, or of one SOC major group): id,
    title, a short summary, top skills."""
    from .find import find_family

    store = load()
    needed = find_skill(store, skill) if skill is not None else None
    group = find_family(store, family) if family is not None else None
    chosen = {
        "skill": needed.id if needed is not None else None,
        "family": group.code if group is not None else None,
    }
    if wants_json():
        from ..jsonout import role_object

        roles = list(store.roles(**chosen))
        catalog = catalog_for(store, roles)
        figures = {
            "exposure": lambda r: r.headline_exposure(),
            "pay": lambda r: r.pay_median(),
            "growth": lambda r: r.growth(),
            "zone": lambda r: r.job_zone(),
        }
        roles = _sort(roles, sort, reverse, figures.get(sort))
        print_json([role_object(catalog, r) for r in roles])
        return
    from ..views.build import list_view

    # A list reads only what it shows of each role (no role decoded).
    lines = store.role_lines(**chosen)
    lines = _sort(
        lines, sort, reverse, (lambda r: getattr(r, sort)) if sort in _BY_FIGURE else None
    )
    scope = []
    if needed is not None:
        scope.append(f"that need {needed.name}")
    if group is not None:
        scope.append(f"in SOC major group {group.code} {group.name}")
    shown = sort if sort in _BY_FIGURE else None
    emit(list_view(lines, figure=shown, scope=", ".join(scope)))


def _sort(
    items: "list[T]",
    sort: str,
    reverse: bool,
    figure: "Optional[Callable[[T], Optional[float]]]",  # noqa: UP045
) -> "list[T]":
    """A list's roles (or their lines) in the order ``--sort`` and ``--reverse`` say:
    "catalog" keeps the catalog's; by a figure, roles without it come last either way,
    and equal figures by id."""
    if figure is None:
        if sort == "title":
            items.sort(key=lambda r: (r.title.casefold(), r.id))  # type: ignore[attr-defined]
        elif sort == "id":
            items.sort(key=lambda r: r.id)  # type: ignore[attr-defined]
        return items[::-1] if reverse else items
    known = [(value, r) for r in items if (value := figure(r)) is not None]
    highest_first = _BY_FIGURE[sort] != reverse
    known.sort(key=lambda pair: (-pair[0] if highest_first else pair[0], pair[1].id))  # type: ignore[attr-defined]
    return [r for _, r in known] + [r for r in items if figure(r) is None]


@app.command("show")
@prints_data
def show(role: RoleArg) -> None:
    """One role in detail: summary, responsibilities, skills by kind, why it stays human."""
    store = load()
    found = find_role(store, role)
    if wants_json():
        from ..jsonout import role_object

        print_json(role_object(catalog_for(store, [found]), found))
        return
    from ..views.build import show_view

    similar = similar_roles(store, found)
    related = list(store.roles(ids=found.related))
    catalog = catalog_for(store, [found, *related, *(other for other, _ in similar)])
    emit(show_view(catalog, found, similar))


def similar_roles(store: "Store", role: "Role", limit: int = 3) -> "list[tuple[Role, float]]":
    """The roles most like ``role`` by the fit of a move to them (work and skills), best
    first: viable moves only (:data:`~jobcli.fit.VIABLE`), less those the catalog relates
    and those without skills; by the cosine of skill importances where the store has no
    fit index (a catalog too large)."""
    from ..fit import VIABLE
    from ..store.fits import Fits, position_of, roles_at

    fits = Fits(store)
    if not fits.indexed or not role.skills:
        return store.similar_roles(role, limit)
    pos = position_of(store, role.id)
    skip = set(role.related)
    out: list[tuple[Role, float]] = []
    for start in range(0, len(fits.zones), 20):
        chunk = fits.best(pos, start + 20, VIABLE)[start:]
        if not chunk:
            break
        decoded = roles_at(store, [p for p, _ in chunk])
        for p, fit in chunk:
            other = decoded[p]
            if other.id not in skip and other.skills:
                out.append((other, fit))
                if len(out) == limit:
                    return out
    return out


@app.command("compare")
@prints_data
def compare(
    first: Annotated[
        str, typer.Argument(metavar="ROLE", help="The first role.", autocompletion=complete_roles)
    ],
    second: Annotated[
        str, typer.Argument(metavar="ROLE", help="The second role.", autocompletion=complete_roles)
    ],
) -> None:
    """Two roles' skills side by side: shared, only in each, how similar they are, and the
    fit of a move from the first to the second (as 'next' ranks moves)."""
    from ..analysis import compare as compare_roles
    from ..fit import role_fit
    from ..store.fits import fit_weights

    store = load()
    a = find_role(store, first)
    b = find_role(store, second)
    catalog = catalog_for(store, [a, b])
    result = compare_roles(a, b)._replace(fit=role_fit(a, b, fit_weights(store)).value)
    if wants_json():
        from ..jsonout import comparison_object

        print_json(comparison_object(catalog, result))
        return
    from ..views.pairs_plain import compare_view

    emit(compare_view(catalog, result, a, b))


@app.command("skills")
@prints_data
def skills(
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only skills of this kind: human, technical or knowledge.",
            callback=one_of(KINDS),
            autocompletion=complete_from(KINDS),
        ),
    ] = None,
    matrix: Annotated[
        bool, typer.Option("--matrix", help="Show a skills-by-roles matrix of importance.")
    ] = False,
) -> None:
    """Every skill, its kind, and the roles that need it."""
    from ..domain import Catalog

    store = load()
    usage = store.skill_usage()
    roles = tuple(store.roles()) if matrix else ()
    catalog = Catalog(store.schema_version, store.source, tuple(store.skills()), roles)
    if kind is not None:
        usage = [u for u in usage if catalog.skill_by_id[u.skill_id].kind == kind]
    if wants_json():
        from ..jsonout import skills_array

        print_json(skills_array(catalog, usage))
        return
    from ..views.build import skills_matrix_view, skills_view

    if matrix:
        emit(skills_matrix_view(catalog, usage, catalog.roles))
    else:
        emit(skills_view(catalog, usage))


#: On a catalog of a thousand occupations many roles use the same skills as importantly:
#: twenty show the spread without a screenful of near-ties.
MATCH_LIMIT = 20


@app.command("match")
@prints_data
def match(
    names: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="SKILL...",
            help="Skills you have: id, name, alias or unique prefix. '-' reads them from stdin, "
            f"one per line or comma-separated (at most {MAX_NAMES:,} names, 1 MiB).",
            autocompletion=complete_skills,
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        Optional[str],  # noqa: UP045 - parsed by at_least_one: an int costs pydantic at start
        typer.Option(
            "-n",
            "--limit",
            metavar="N",
            help=f"Show the best N roles (N at least 1) [default: {MATCH_LIMIT}].",
            callback=at_least_one,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Show every role that uses any of the skills.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Any name that matches no skill is an error (exit 1)."),
    ] = False,
    from_role: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="ROLE",
            help="Start from a past job: the roles ranked by the fit of a move from it, "
            "as 'jobcli next' ranks them (the role itself left out).",
            autocompletion=complete_roles,
        ),
    ] = None,
    max_zone: ZoneOpt = None,
    me: Annotated[
        bool,
        typer.Option(
            "--me",
            help="Your profile's skills and levels (see 'jobcli me'), and any named; roles "
            "are then ranked by the fit (the jobs your skills came from left out).",
        ),
    ] = False,
) -> None:
    """The roles that use your skills: those using more of them first, then by their
    importance in the role and by how much of the role they cover; with what is missing.
    With --from ROLE, the roles a person in ROLE fits best; with --me, you."""
    from .find import resolve_names

    zone = int(max_zone) if max_zone is not None else None
    if me and from_role is not None:
        fail("give --me or --from ROLE, not both", ExitCode.USAGE)
    store = load()
    shown = None if every else (int(limit) if limit is not None else MATCH_LIMIT)
    if me:
        from .person import match_me

        wanted = read_skill_names(names or [])
        matches, total, brought = match_me(store, wanted, strict=strict, zone=zone, shown=shown)
        _print_matches(store, matches, [], total, "your profile", brought)
        return
    if from_role is not None:
        from .ranked import match_from

        source = find_role(store, from_role)
        matches, total = match_from(store, source, zone, shown)
        _print_matches(store, matches, [], total, source.title, len(source.skills))
        return
    wanted = read_skill_names(names or [])
    if not wanted:
        fail("no skills given; name at least one (see 'jobcli skills'), or --me", ExitCode.USAGE)
    ids = resolve_names(store, wanted, strict=strict)
    found = store.match(ids, limit=shown if zone is None else None)
    matches, total = found.matches, found.total
    if zone is not None:
        matches = [m for m in matches if (m.role.job_zone() or 99) <= zone]
        total = len(matches)
        matches = matches[:shown] if shown is not None else matches
    _print_matches(store, matches, ids, total, None)


def _print_matches(
    store: Any,
    matches: Any,
    ids: list[str],
    total: int,
    from_role: Optional[str],  # noqa: UP045
    brought: int = 0,
) -> None:
    catalog = catalog_for(store, [m.role for m in matches], ids)
    if wants_json():
        from ..jsonout import match_array

        print_json(match_array(catalog, matches))
        return
    from ..views.build import match_view

    given = [catalog.skill_by_id[i].name for i in ids] or [f"the skills of {from_role}"]
    emit(match_view(catalog, matches, given, total=total, wanted=brought or len(given)))
