"""Your profile: the skills you have, each with your level on O*NET's 0-7 scale.

Stored as one small JSON file, ``$XDG_CONFIG_HOME/jobcli/profile.json`` (else
``~/.config/jobcli/profile.json``)::

    {
      "jobcli_profile": 1,
      "about": "...",
      "skills": [{"id": "programming", "name": "Programming", "level": 5},
                 {"id": "writing", "name": "Writing", "level": null}]
    }

Each skill keeps its id and its name, so that one profile serves every catalog: a
catalog's skill is found by id, else by name (normalised, as names are compared
everywhere); one the catalog lacks is left out, and said so, never an error. A level
is a number from 0 to 7 (O*NET's level scale), or null: "I have it", no level given.
An optional ``from`` lists the roles ``me from`` took skills from (:mod:`jobcli.profile_roles`).

The only file I/O is :func:`read_profile` and :func:`write_profile`; a write is atomic
(a temporary file in the same directory, fsync, ``os.replace``), so a crash leaves
the old profile or the new one, never half of one. A damaged profile is an error
(:class:`ProfileError`), and nothing here ever writes over one.

No ``from __future__ import annotations``: see :mod:`jobcli.domain` (named tuples).
"""

import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .domain import Catalog, Skill
from .profile_roles import ProfileRole, file_tail, roles_of, with_role

#: The version of the file's layout (its ``jobcli_profile`` key).
PROFILE_VERSION = 1
#: O*NET's level scale.
MIN_LEVEL = 0.0
MAX_LEVEL = 7.0

ABOUT = (
    "Your skills for jobcli (match --me, gap --me TO, next --me, path --me TO). Each skill "
    "has its catalog id and name, so it is found in any catalog, and your level on O*NET's "
    "0-7 level scale, or null for 'I have it' without a level. Change it with 'jobcli me "
    "add/remove/from/rate/clear', or by hand (valid JSON, these keys; 'from': the roles "
    "your skills were taken from, left out of your moves)."
)


class ProfileError(Exception):
    """The profile file at ``path`` cannot be read or is not a valid profile."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BadLevel(ValueError):
    """A level that is not a number from 0 to 7."""


class ProfileSkill(NamedTuple):
    """One skill of the profile: its id and name (as a catalog gave them), your level."""

    id: str
    name: str
    level: float | None = None


class Placement(NamedTuple):
    """A profile read against one catalog: the skills it has, and those it lacks."""

    #: Catalog skill id -> your level (0-7) or None; in the profile's order.
    levels: dict[str, float | None]
    #: The catalog's skill for each entry of ``levels``.
    skills: dict[str, Skill]
    #: The profile's skills this catalog has under neither their id nor their name.
    left_out: list[ProfileSkill]

    def note(self) -> str | None:
        """One line saying which skills were left out, or None."""
        if not self.left_out:
            return None
        from .safetext import safe

        names = [safe(s.name) for s in self.left_out]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        count = len(names)
        return (
            f"{count} skill{'s' if count != 1 else ''} of your profile "
            f"{'are' if count != 1 else 'is'} not in this catalog, left out: {shown}"
        )


class Profile(NamedTuple):
    """Your skills, in the order they were added; and the roles some were taken from."""

    skills: tuple[ProfileSkill, ...] = ()
    came_from: tuple[ProfileRole, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.skills)

    def level_of(self, skill_id: str) -> float | None:
        """Your level of the skill stored under ``skill_id`` (None: none given, or absent)."""
        for s in self.skills:
            if s.id == skill_id:
                return s.level
        return None

    def has(self, skill_id: str) -> bool:
        return any(s.id == skill_id for s in self.skills)

    def with_skills(self, added: Iterable[ProfileSkill], *, keep_higher: bool = False) -> "Profile":
        """The profile with ``added``: a new skill is appended; a skill already in it takes
        the new level, except that no level (None) keeps the one it has, and with
        ``keep_higher`` (a past job's levels) the higher of the two is kept."""
        out = {s.id: s for s in self.skills}
        for new in added:
            old = out.get(new.id)
            level = new.level
            if (
                old is not None
                and old.level is not None
                and (level is None or (keep_higher and old.level > level))
            ):
                level = old.level
            out[new.id] = ProfileSkill(new.id, new.name, level)
        return self._replace(skills=tuple(out.values()))

    def taken_from(self, role: ProfileRole) -> "Profile":
        """The profile remembering that skills were taken from ``role`` (``me from``)."""
        return self._replace(came_from=with_role(self.came_from, role))

    def without(self, skill_ids: Iterable[str]) -> "Profile":
        """The profile without the skills stored under ``skill_ids``."""
        gone = set(skill_ids)
        return self._replace(skills=tuple(s for s in self.skills if s.id not in gone))

    def placed(self, catalog_skills: Catalog | Iterable[Skill]) -> Placement:
        """The profile read against a catalog (or its skills): each found by id, else by
        its name (normalised); the rest left out. Two entries finding one skill count once
        (the one found by id when there is one, else the first)."""
        from .names import normalize

        if isinstance(catalog_skills, Catalog):
            catalog_skills = catalog_skills.skills
        by_id: dict[str, Skill] = {}
        by_name: dict[str, Skill] = {}
        for skill in catalog_skills:
            by_id[skill.id] = skill
            by_name.setdefault(normalize(skill.name), skill)
        found: list[tuple[int, ProfileSkill, Skill]] = []
        left_out: list[ProfileSkill] = []
        for at, entry in enumerate(self.skills):
            match = by_id.get(entry.id) or by_name.get(normalize(entry.name))
            if match is None:
                left_out.append(entry)
            else:
                found.append((at, entry, match))
        # Two entries finding one skill: the one found by id wins, else the first.
        found.sort(key=lambda t: (t[2].id != t[1].id, t[0]))
        chosen: dict[str, tuple[int, ProfileSkill, Skill]] = {}
        for item in found:
            chosen.setdefault(item[2].id, item)
        ordered = sorted(chosen.values(), key=lambda t: t[0])  # the profile's order
        levels = {skill.id: entry.level for _, entry, skill in ordered}
        skills = {skill.id: skill for _, _, skill in ordered}
        return Placement(levels, skills, left_out)

    def levels_for(self, catalog_skills: Catalog | Iterable[Skill]) -> dict[str, float | None]:
        """Skill id -> your level (0-7) or None, for the skills this catalog has: what the
        fit, ``next`` and ``path`` take as a person's skills. See :meth:`placed`."""
        return self.placed(catalog_skills).levels


def held(levels: Mapping[str, float | None]) -> list[str]:
    """The skills you have, for a comparison that knows no levels: all but those at
    level 0 (O*NET's "not at all")."""
    return [sid for sid, level in levels.items() if level is None or level > 0]


#: The weight of a skill you have without a level, in :func:`usage`: the scale's middle.
UNRATED_WEIGHT = 3.5


def usage(have: Mapping[str, float | None], role_skill_ids: Iterable[str]) -> float:
    """The share of what you have that a role uses: your skills it needs, each weighed by
    your level (:data:`UNRATED_WEIGHT` without one), over all of yours. 0 with none.

    The other way round from the fit (what you bring to a role): a role that needs one
    skill of your forty is not a move for you, though you bring all it asks.
    """
    weights = {sid: (UNRATED_WEIGHT if lv is None else max(0.0, lv)) for sid, lv in have.items()}
    if sum(weights.values()) <= 0:  # every level 0: each skill counts alike
        weights = dict.fromkeys(have, 1.0)
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(weights.get(sid, 0.0) for sid in set(role_skill_ids)) / total


# levels -----------------------------------------------------------------------------------------


def parse_level(text: str) -> float:
    """A level from what a person typed: a number from 0 to 7; :class:`BadLevel` otherwise."""
    from .safetext import safe

    shown = safe(repr(text if len(text) <= 40 else text[:39] + "…"))
    try:
        value = float(text.strip())
    except ValueError:
        raise BadLevel(f"a level is a number from 0 to 7, not {shown}") from None
    if not math.isfinite(value) or not MIN_LEVEL <= value <= MAX_LEVEL:
        raise BadLevel(f"a level is a number from 0 to 7 (O*NET's level scale), not {shown}")
    return value


def split_level(arg: str) -> tuple[str, float | None]:
    """``"programming=5"`` -> ``("programming", 5.0)``; ``"writing"`` -> ``("writing", None)``."""
    name, sep, level = arg.rpartition("=")
    if not sep:
        return arg, None
    if not name.strip():
        from .safetext import safe

        raise BadLevel(f"{safe(repr(arg[:40]))} names no skill before '='")
    return name, parse_level(level)


def level_text(level: float | None) -> str:
    """A level as a person reads it: ``5``, ``4.5``, or ``have it`` when none is given."""
    if level is None:
        return "have it"
    return f"{level:g}"


# the file ---------------------------------------------------------------------------------------


def profile_path(environ: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME/jobcli/profile.json``, else ``~/.config/jobcli/profile.json``
    (a relative XDG_CONFIG_HOME is ignored, as the XDG spec says)."""
    base = environ.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".config")
    return Path(base) / "jobcli" / "profile.json"


def read_profile(path: Path) -> Profile:
    """The profile stored at ``path``; an empty one when there is no file.

    :class:`ProfileError` when it cannot be read or is not a valid profile.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Profile()
    except OSError as exc:
        raise ProfileError(path, f"cannot be read: {exc.strerror or exc}") from None
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> Profile:
    """A profile from the bytes of its file; :class:`ProfileError` naming ``path`` if damaged."""

    def no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"the key {key!r} is given twice")
            out[key] = value
        return out

    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=no_twice)
    except UnicodeDecodeError:
        raise ProfileError(path, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(
            path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:
        raise ProfileError(path, f"is not a valid profile: {exc}") from None
    try:
        return _profile_of(data)
    except ValueError as exc:
        raise ProfileError(path, f"is not a valid profile: {exc}") from None


def _profile_of(data: Any) -> Profile:
    if not isinstance(data, dict):
        raise ValueError("it must be a JSON object")
    unknown = sorted(set(data) - {"jobcli_profile", "about", "skills", "from"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}")
    if data.get("jobcli_profile") != PROFILE_VERSION:
        raise ValueError(f"'jobcli_profile' must be {PROFILE_VERSION}")
    entries = data.get("skills", [])
    if not isinstance(entries, list):
        raise ValueError("'skills' must be a list")
    skills: list[ProfileSkill] = []
    seen: set[str] = set()
    for at, entry in enumerate(entries):
        where = f"skills[{at}]"
        if not isinstance(entry, dict) or set(entry) != {"id", "name", "level"}:
            raise ValueError(f"{where} must be an object with exactly 'id', 'name' and 'level'")
        sid, name, level = entry["id"], entry["name"], entry["level"]
        if not isinstance(sid, str) or not sid.strip():
            raise ValueError(f"{where}.id must be a non-empty string")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}.name must be a non-empty string")
        if level is not None:
            if isinstance(level, bool) or not isinstance(level, (int, float)):
                raise ValueError(f"{where}.level must be a number from 0 to 7, or null")
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                raise ValueError(f"{where}.level must be from 0 to 7, not {level}")
            level = float(level)
        if sid in seen:
            raise ValueError(f"{where}: the skill {sid!r} is listed twice")
        seen.add(sid)
        skills.append(ProfileSkill(sid, name, level))
    return Profile(tuple(skills), roles_of(data.get("from", [])))


def encode(profile: Profile) -> bytes:
    """The file's bytes: indented JSON, one skill a line, levels as typed (5, not 5.0)."""
    lines = [
        json.dumps({"id": s.id, "name": s.name, "level": level_number(s.level)}, ensure_ascii=False)
        for s in profile.skills
    ]
    skills = "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"
    about = json.dumps(ABOUT, ensure_ascii=False)
    head = f'{{\n  "jobcli_profile": {PROFILE_VERSION},\n  "about": {about},\n'
    text = f'{head}  "skills": {skills}{file_tail(profile.came_from)}\n}}\n'
    return text.encode("utf-8")


def level_number(level: float | None) -> float | int | None:
    """A level for JSON: ``5`` rather than ``5.0``; None stays None (null)."""
    if level is None:
        return None
    return int(level) if level.is_integer() else round(level, 2)


def write_profile(path: Path, profile: Profile) -> None:
    """Store ``profile`` at ``path`` atomically: the old file stays whole until the new
    one is complete on disk (a temporary file in the same directory, fsync, then
    ``os.replace``). OSError when it cannot be written; the old file is then untouched."""
    import tempfile

    data = encode(profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".profile-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:  # Ctrl-C between write and rename too: no stray temporary file
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); where a directory cannot be opened, skip."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_profile(path: Path) -> bool:
    """Delete the profile file; whether there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def entries_of(skills: Sequence[Skill], levels: Sequence[float | None]) -> list[ProfileSkill]:
    """Profile entries for catalog skills, each with its level."""
    return [ProfileSkill(s.id, s.name, lvl) for s, lvl in zip(skills, levels, strict=True)]
