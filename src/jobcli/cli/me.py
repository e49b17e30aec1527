"""``jobcli me``: your profile (show, add, remove, from, rate, clear), and what the other
commands read of it (:func:`profile_levels`; ``--me`` in match, gap, next and path:
:mod:`jobcli.cli.person`).

The file and its rules are :mod:`jobcli.profile`'s; the questions :mod:`jobcli.questionnaire`'s.
No ``from __future__ import annotations`` here: Typer reads the commands' annotations.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from ..errors import ExitCode
from ..output import fail, message
from ..safetext import safe
from .app import app, prints_data, session
from .completion import complete_roles, complete_skills
from .loading import find_role, find_skill, load

if TYPE_CHECKING:
    from ..domain import Skill
    from ..profile import Placement, Profile
    from ..store.query import Store

me_app = typer.Typer(
    help=(
        "Your profile: the skills you have, with your level on O*NET's 0-7 scale. "
        "Without a command, shows it; match --me, gap --me TO, next --me and path --me TO use it."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(me_app, name="me")

FILL_HINT = (
    "fill it with 'jobcli me add programming=5 writing' (a level 0-7 on O*NET's scale, or "
    "none), 'jobcli me from ROLE' (a past job's skills) or 'jobcli me rate' (a questionnaire)"
)


# the file, with the contract's exit codes -------------------------------------------------------


def profile_file() -> Path:
    """Where the profile is kept: ``$XDG_CONFIG_HOME/jobcli/profile.json`` or ``~/.config/...``."""
    from ..profile import profile_path

    return profile_path(os.environ)


def read() -> "Profile":
    """The stored profile (empty when there is none); exit 3 if it is damaged."""
    from ..profile import ProfileError, read_profile

    try:
        return read_profile(profile_file())
    except ProfileError as exc:
        _damaged(exc)


def _damaged(exc: Any) -> NoReturn:
    message(f"jobcli: error: your profile {safe(str(exc))}")
    message(
        "jobcli: hint: correct it by hand, or remove it (your skills are lost) with "
        "'jobcli me clear --force'; jobcli never writes over it"
    )
    raise typer.Exit(ExitCode.BAD_CATALOG)


def write(profile: "Profile") -> None:
    """Store ``profile`` atomically; exit 74 when it cannot be written (the old one stays)."""
    from ..profile import write_profile

    path = profile_file()
    try:
        write_profile(path, profile)
    except OSError as exc:
        fail(
            f"cannot write your profile {safe(str(path))}: {exc.strerror or exc}",
            ExitCode.OUTPUT_ERROR,
        )


def placed(store: "Store", profile: "Profile") -> "Placement":
    """The profile read against the catalog, with a note on stderr for the skills it lacks."""
    wanted = [s.id for s in profile.skills]
    skills = store.skills(wanted)
    if len(skills) < len(wanted):  # some found only by name: look at every skill
        skills = store.skills()
    result = profile.placed(skills)
    note = result.note()
    if note:
        message(f"jobcli: note: {note}")
    return result


def profile_levels(
    store: "Store",
    profile: "Optional[Profile]" = None,  # noqa: UP045
) -> dict[str, Optional[float]]:  # noqa: UP045
    """Your skills in this catalog: skill id -> your level (0-7) or None, as ``match``,
    ``gap``, ``next`` and ``path`` take a person's skills (``--me``). Exit 3 when the
    profile is damaged or holds no skill; exit 1 when this catalog has none of them."""
    if profile is None:
        profile = read()
    if not profile:
        fail(f"your profile is empty; {FILL_HINT}", ExitCode.BAD_CATALOG)
    levels = placed(store, profile).levels
    if not levels:
        fail("none of your profile's skills is in this catalog", ExitCode.NOT_FOUND)
    return levels


# show -------------------------------------------------------------------------------------------


def _show(store: "Store", profile: "Profile") -> None:
    from ..profile import level_number
    from .app import emit, print_json, wants_json
    from .person import came_from

    path = str(profile_file())
    result = placed(store, profile)
    roles = came_from(store, profile)
    if not profile:
        message(f"jobcli: your profile is empty; {FILL_HINT}")
    if wants_json():
        print_json(
            {
                "skills": [
                    {"id": sid, "name": result.skills[sid].name, "level": level_number(level)}
                    for sid, level in result.levels.items()
                ],
                "file": path,
                "from": [{"id": r.id, "title": r.title} for _, r in roles if r is not None],
            }
        )
        return
    if not profile:
        return
    from ..views.profile_view import profile_view

    shown = [f"{r.title} ({r.id})" if r else f"{e.title} (not in this catalog)" for e, r in roles]
    emit(profile_view(result.levels, result.skills, safe(path), [safe(t) for t in shown]))


@me_app.callback()
@prints_data
def me(ctx: typer.Context) -> None:
    """Your profile: your skills with their levels (0-7, O*NET's scale), and its file."""
    if ctx.invoked_subcommand is not None:
        return
    _show(load(), read())


# changing it ------------------------------------------------------------------------------------

SkillsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SKILL[=LEVEL]...",
        help="Skills as match reads them (id, name, alias or unique prefix), each with your "
        "level on O*NET's 0-7 scale after '=' (programming=5), or none ('I have it').",
        autocompletion=complete_skills,
    ),
]


def _entries(store: "Store", args: list[str]) -> "list[tuple[Skill, Optional[float]]]":  # noqa: UP045
    """The skills (and levels) that ``args`` name; exit 2 on a bad level, 1 on a name
    that matches no skill (or several), before anything changes."""
    from ..lookup import MAX_JOINED_WORDS
    from ..profile import BadLevel, split_level
    from .find import resolve_names

    try:
        parsed = [split_level(arg) for arg in args]
    except BadLevel as exc:
        fail(str(exc), ExitCode.USAGE)
    found: list[tuple[str, Optional[float]]] = []  # noqa: UP045
    pending: list[str] = []

    def flush(names: list[str]) -> None:
        if names:
            found.extend((sid, None) for sid in resolve_names(store, names, strict=True))

    for name, level in parsed:
        if level is None:
            pending.append(name)
            continue
        # "critical thinking=5": the words before the level may be part of its name.
        joined: Optional[Skill] = None  # noqa: UP045
        taken = 0
        if len(name.split()) == 1:
            for k in range(min(len(pending), MAX_JOINED_WORDS - 1), 0, -1):
                tail = pending[-k:]
                if all(len(t.split()) == 1 for t in tail):
                    joined = store.named_skill(" ".join([*tail, name]))
                    if joined is not None:
                        taken = k
                        break
        flush(pending[: len(pending) - taken])
        pending = []
        sid = joined.id if joined is not None else resolve_names(store, [name], strict=True)[0]
        found.append((sid, level))
    flush(pending)
    levels: dict[str, Optional[float]] = {}  # noqa: UP045
    for sid, level in found:
        if sid not in levels or level is not None:
            levels[sid] = level
    by_id = {s.id: s for s in store.skills(list(levels))}
    return [(by_id[sid], level) for sid, level in levels.items()]


def _said(skill: "Skill", level: Optional[float]) -> str:  # noqa: UP045
    from ..profile import level_text

    return f"{safe(skill.name)} ({level_text(level)})"


def _done(store: "Store", profile: "Profile", text: str) -> None:
    """Say what changed (stderr); with --json, print the profile as ``me --json`` does."""
    from .app import wants_json

    message(f"jobcli: {text}")
    if wants_json():
        _show(store, profile)


@me_app.command("add")
@prints_data
def add(names: SkillsArg) -> None:
    """Add skills to your profile, with your level (0-7) where given: programming=5
    "critical thinking=4" writing. A name without a level keeps a level already given.
    A name that matches no skill changes nothing (exit 1)."""
    from ..profile import ProfileSkill

    store = load()
    profile = read()
    entries = _entries(store, names)
    profile = profile.with_skills(ProfileSkill(s.id, s.name, lvl) for s, lvl in entries)
    write(profile)
    shown = ", ".join(_said(s, profile.level_of(s.id)) for s, _ in entries)
    _done(store, profile, f"added to your profile: {shown}")


@me_app.command("remove")
@prints_data
def remove(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="SKILL...",
            help="Skills of your profile: id, name, alias or unique prefix.",
            autocompletion=complete_skills,
        ),
    ],
) -> None:
    """Remove skills from your profile. A name not in it changes nothing (exit 1)."""
    from ..names import normalize

    store = load()
    profile = read()
    gone: list[str] = []
    for name in names:
        key = normalize(name)
        stored = [s for s in profile.skills if s.id == name or normalize(s.name) == key]
        if not stored:  # a catalog's name for it: alias, prefix
            skill = find_skill(store, name)
            stored = [
                s
                for s in profile.skills
                if s.id == skill.id or normalize(s.name) == normalize(skill.name)
            ]
            if not stored:
                fail(
                    f"{safe(skill.name)} is not in your profile (see 'jobcli me')",
                    ExitCode.NOT_FOUND,
                )
        gone += [s.id for s in stored]
    shown = ", ".join(safe(s.name) for s in profile.skills if s.id in gone)
    profile = profile.without(gone)
    write(profile)
    _done(store, profile, f"removed from your profile: {shown}")


@me_app.command("from")
@prints_data
def from_role(
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="A job you had: its skills join your profile, with the role's levels; the "
            "job is remembered and left out of your moves.",
            autocompletion=complete_roles,
        ),
    ],
) -> None:
    """Add a past job's skills, each at the level the role needs where the catalog rates it
    (O*NET), else with no level. A skill already in your profile keeps the higher level.
    The job is remembered (see 'jobcli me'): next --me, match --me and path --me leave it
    out, as no move; me clear forgets it."""
    from ..profile import ProfileSkill
    from ..profile_roles import ProfileRole

    store = load()
    profile = read()
    found = find_role(store, role)
    if not found.skills:
        message(f"jobcli: {safe(found.title)} lists no skills; your profile is unchanged")
        return
    names = {s.id: s.name for s in store.skills([s.id for s in found.skills])}
    added = [ProfileSkill(s.id, names[s.id], s.level) for s in found.skills]
    profile = profile.with_skills(added, keep_higher=True).taken_from(
        ProfileRole(found.id, found.title)
    )
    write(profile)
    rated = sum(1 for s in found.skills if s.level is not None)
    why = "" if found.skills_rated else ": the source rates none of this role's skills"
    _done(
        store,
        profile,
        f"added the {len(added)} skills of {safe(found.title)} to your profile "
        f"({rated} with the level the role needs{why}); it is left out of your moves "
        "(next --me, match --me); see 'jobcli me'",
    )


@me_app.command("clear")
@prints_data
def clear(
    force: Annotated[
        bool,
        typer.Option("--force", help="Remove the profile file even if it is damaged."),
    ] = False,
) -> None:
    """Remove every skill from your profile, and the jobs they came from (its file is
    deleted)."""
    from ..profile import ProfileError, read_profile, remove_profile

    path = profile_file()
    count, roles = 0, 0
    try:
        old = read_profile(path)
        count, roles = len(old.skills), len(old.came_from)
    except ProfileError as exc:
        if not force:
            _damaged(exc)
    try:
        existed = remove_profile(path)
    except OSError as exc:
        fail(f"cannot remove {safe(str(path))}: {exc.strerror or exc}", ExitCode.OUTPUT_ERROR)
    if existed:
        had = f", and the {roles} role{'s' if roles != 1 else ''} they came from" if roles else ""
        message(f"jobcli: your profile is cleared ({count} skills{had}); removed {safe(str(path))}")
    else:
        message("jobcli: your profile is already empty")


# the questionnaire ------------------------------------------------------------------------------


@me_app.command("rate")
def rate(
    every: Annotated[
        bool, typer.Option("--all", help="Ask every question, also those already answered.")
    ] = False,
    knowledge: Annotated[
        bool,
        typer.Option("--knowledge", help="Also rate O*NET's knowledge areas, without asking."),
    ] = False,
    data: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--data", metavar="PATH", help="Catalog file to read.", readable=False),
    ] = None,
) -> None:
    """Rate your skills on a terminal, one O*NET skill at a time, with what a low, middle and
    high level looks like. Enter skips; answers are saved as you go; run again to answer
    the rest (--all: every one). Ctrl-C stops, keeping your answers."""
    from .rating import rate_skills

    if data is not None:
        session().data = data
    rate_skills(every=every, knowledge=knowledge)
