"""The catalog as plain, typed values: what every command works on.

These classes do no validation: they are built from data that
:mod:`jobcli.models` has already checked (or from the cache of such data), so
that the commands never pay for pydantic at run time. They are named tuples,
not dataclasses: every call defines them and a large catalog builds thousands
of them, and a named tuple is several times cheaper at both. A role is a slotted
class instead, so that its long texts can be read lazily (see :class:`Role`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

KINDS: tuple[str, ...] = ("human", "technical", "knowledge")


class Skill(NamedTuple):
    """A skill of the shared vocabulary."""

    id: str
    name: str
    kind: str
    description: str = ""
    aliases: tuple[str, ...] = ()


class RoleSkill(NamedTuple):
    """A skill a role needs, with its importance in that role (1-5)."""

    id: str
    importance: int


class Exposure(NamedTuple):
    """A research rating of how much of an occupation's work AI could speed up."""

    measure: str
    value: float
    source: str


class Details(NamedTuple):
    """The parts of a role that only its own view shows: read from the cache when asked for."""

    summary: str
    responsibilities: tuple[str, ...] = ()
    human_edge: tuple[str, ...] = ()
    ai_exposure: tuple[Exposure, ...] = ()
    related: tuple[str, ...] = ()


class Role:
    """One role of the catalog.

    What lookups and the analysis read of every role (id, title, skills, aliases,
    O*NET code) is held as it is; the longer texts (:class:`Details`) may come from
    a loader that is called the first time one of them is read, so that a command on a
    large catalog reads the texts of the roles it shows, not of all of them.
    """

    __slots__ = ("_details", "_load", "aliases", "id", "onet_soc_code", "skills", "title")
    #: Every field, in order (as a named tuple's): what equality compares and the cache stores.
    _fields = (
        "id",
        "title",
        "summary",
        "skills",
        "aliases",
        "responsibilities",
        "human_edge",
        "onet_soc_code",
        "ai_exposure",
        "related",
    )

    def __init__(
        self,
        id: str,
        title: str,
        summary: str,
        skills: tuple[RoleSkill, ...],
        aliases: tuple[str, ...] = (),
        responsibilities: tuple[str, ...] = (),
        human_edge: tuple[str, ...] = (),
        onet_soc_code: str | None = None,
        ai_exposure: tuple[Exposure, ...] = (),
        related: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.skills = skills
        self.aliases = aliases
        self.onet_soc_code = onet_soc_code
        self._details: Details | None = Details(
            summary, responsibilities, human_edge, ai_exposure, related
        )
        self._load: Callable[[], Details] | None = None

    @classmethod
    def deferred(
        cls,
        id: str,
        title: str,
        skills: tuple[RoleSkill, ...],
        aliases: tuple[str, ...],
        onet_soc_code: str | None,
        load: Callable[[], Details],
    ) -> Role:
        """A role whose :class:`Details` ``load()`` returns when first needed."""
        role = cls.__new__(cls)
        role.id = id
        role.title = title
        role.skills = skills
        role.aliases = aliases
        role.onet_soc_code = onet_soc_code
        role._details = None
        role._load = load
        return role

    def details(self) -> Details:
        details = self._details
        if details is None:
            assert self._load is not None
            details = self._details = self._load()
            self._load = None
        return details

    @property
    def summary(self) -> str:
        return self.details().summary

    @property
    def responsibilities(self) -> tuple[str, ...]:
        return self.details().responsibilities

    @property
    def human_edge(self) -> tuple[str, ...]:
        return self.details().human_edge

    @property
    def ai_exposure(self) -> tuple[Exposure, ...]:
        return self.details().ai_exposure

    @property
    def related(self) -> tuple[str, ...]:
        return self.details().related

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Role):
            return NotImplemented
        return self is other or self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.id, self.title, self.skills))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"Role({fields})"

    def headline_exposure(self) -> float | None:
        """The headline AI-exposure rating: β by human raters where given, else the first."""
        if not self.ai_exposure:
            return None
        for wanted in ("β, human", "β"):
            for e in self.ai_exposure:
                if wanted in e.measure:
                    return e.value
        return self.ai_exposure[0].value

    def importance_by_skill(self) -> dict[str, int]:
        """Skill id -> importance in this role."""
        return {s.id: s.importance for s in self.skills}


class Catalog:
    """A validated catalog: the shared skills and the roles, with both indexed by id."""

    __slots__ = ("memo", "role_by_id", "roles", "schema_version", "skill_by_id", "skills", "source")

    def __init__(
        self,
        schema_version: int,
        source: str,
        skills: tuple[Skill, ...],
        roles: tuple[Role, ...],
    ) -> None:
        self.schema_version = schema_version
        self.source = source
        self.skills = skills
        self.roles = roles
        self.skill_by_id: Mapping[str, Skill] = {s.id: s for s in skills}
        self.role_by_id: Mapping[str, Role] = {r.id: r for r in roles}
        #: Data derived once per catalog (the name indexes): kept here rather than in a
        #: dict keyed by the catalog, since hashing a catalog hashes every role in it.
        self.memo: dict[str, Any] = {}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.schema_version, self.source, self.skills, self.roles) == (
            other.schema_version,
            other.source,
            other.skills,
            other.roles,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable memo: not a dict key

    def __repr__(self) -> str:
        return f"Catalog({len(self.skills)} skills, {len(self.roles)} roles)"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Catalog:
        """Build a catalog from data already validated by :mod:`jobcli.models`."""
        return cls(
            schema_version=data["schema_version"],
            source=data.get("source", ""),
            skills=tuple(_skill(s) for s in data["skills"]),
            roles=tuple(_role(r) for r in data["roles"]),
        )


def _skill(d: Mapping[str, Any]) -> Skill:
    return Skill(
        id=d["id"],
        name=d["name"],
        kind=d["kind"],
        description=d.get("description", ""),
        aliases=tuple(d.get("aliases", ())),
    )


def _role(d: Mapping[str, Any]) -> Role:
    return Role(
        id=d["id"],
        title=d["title"],
        summary=d["summary"],
        # int(): 4.0 is a valid importance (models.Whole), and it is shown as 4.
        skills=tuple(RoleSkill(s["id"], int(s["importance"])) for s in d["skills"]),
        aliases=tuple(d.get("aliases", ())),
        responsibilities=tuple(d.get("responsibilities", ())),
        human_edge=tuple(d.get("human_edge", ())),
        onet_soc_code=d.get("onet_soc_code"),
        ai_exposure=tuple(
            Exposure(e["measure"], e["value"], e["source"]) for e in d.get("ai_exposure", ())
        ),
        related=tuple(d.get("related", ())),
    )


def sorted_by_importance(items: Sequence[RoleSkill]) -> list[RoleSkill]:
    """Most important first; ties by id, so the order is stable."""
    return sorted(items, key=lambda s: (-s.importance, s.id))
