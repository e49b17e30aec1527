"""The catalog as plain, typed values: what every command works on.

These classes do no validation: they are built from data that
:mod:`jobcli.models` has already checked (or from the cache of such data), so
that the commands never pay for pydantic at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("human", "technical", "knowledge")


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill of the shared vocabulary."""

    id: str
    name: str
    kind: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleSkill:
    """A skill a role needs, with its importance in that role (1-5)."""

    id: str
    importance: int


@dataclass(frozen=True, slots=True)
class Exposure:
    """A research rating of how much of an occupation's work AI could speed up."""

    measure: str
    value: float
    source: str


@dataclass(frozen=True, slots=True)
class Role:
    """One role of the catalog."""

    id: str
    title: str
    summary: str
    skills: tuple[RoleSkill, ...]
    aliases: tuple[str, ...] = ()
    responsibilities: tuple[str, ...] = ()
    human_edge: tuple[str, ...] = ()
    onet_soc_code: str | None = None
    ai_exposure: tuple[Exposure, ...] = ()
    related: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class Catalog:
    """A validated catalog: the shared skills and the roles."""

    schema_version: int
    source: str
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    skill_by_id: Mapping[str, Skill] = field(init=False, repr=False, compare=False)
    role_by_id: Mapping[str, Role] = field(init=False, repr=False, compare=False)
    #: Data derived once per catalog (the name indexes): kept here rather than in a dict
    #: keyed by the catalog, since hashing a catalog hashes every role in it.
    memo: dict[str, Any] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "skill_by_id", {s.id: s for s in self.skills})
        object.__setattr__(self, "role_by_id", {r.id: r for r in self.roles})

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
        skills=tuple(RoleSkill(s["id"], s["importance"]) for s in d["skills"]),
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
