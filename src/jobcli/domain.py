"""The catalog as plain, typed values: what every command works on.

These classes do no validation: they are built from data that
:mod:`jobcli.models` has already checked (or from the store compiled from such
data), so that the commands never pay for pydantic at run time. They are named
tuples, not dataclasses: every call defines them, and a named tuple is several
times cheaper to define and to build.

No ``from __future__ import annotations`` here: ``typing.NamedTuple`` turns each
string annotation into a ``ForwardRef`` by compiling it, which made importing this
module (on every call) cost about 1 ms; real annotations cost next to nothing.
"""

from collections.abc import Mapping, Sequence
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
    """A skill a role needs, with its importance in that role (1-5).

    ``rated`` and ``level`` are the source's own importance (1-5, unrounded) and level
    (0-7) where it gives them (O*NET), else None.
    """

    id: str
    importance: int
    rated: float | None = None
    level: float | None = None

    def weight(self) -> float:
        """The precise importance: the source's own where given, else the 1-5 integer."""
        return self.rated if self.rated is not None else float(self.importance)


class Technology(NamedTuple):
    """A tool the source lists for an occupation; only an in-demand one is a skill of it."""

    name: str
    hot: bool = False
    in_demand: bool = False


class Exposure(NamedTuple):
    """A research rating of how much of an occupation's work AI could speed up."""

    measure: str
    value: float
    source: str


class Role(NamedTuple):
    """One role of the catalog: a plain value, built whole."""

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
    #: Titles people use for the job; unlike aliases, other roles may list them too.
    alternate_titles: tuple[str, ...] = ()
    #: False when the source rates none of the role's skills (views say so).
    skills_rated: bool = True
    technologies: tuple[Technology, ...] = ()
    #: The catalog's objects as they are (see the contract): None when unknown.
    preparation: Mapping[str, Any] | None = None
    pay: Mapping[str, Any] | None = None
    outlook: Mapping[str, Any] | None = None
    interests: tuple[str, ...] = ()

    def job_zone(self) -> int | None:
        """The O*NET Job Zone (1-5), if known (a preparation may give only the education)."""
        zone = self.preparation.get("job_zone") if self.preparation else None
        return int(zone) if zone is not None else None

    def pay_median(self) -> int | None:
        """The median annual pay in dollars, if known."""
        return self.pay.get("median") if self.pay else None

    def growth(self) -> float | None:
        """The projected change of employment in percent (BLS outlook), if known."""
        return self.outlook.get("change_percent") if self.outlook else None

    def headline_rating(self) -> Exposure | None:
        """The headline AI-exposure rating: β by human raters where given, else the first."""
        if not self.ai_exposure:
            return None
        for wanted in ("β, human", "β"):
            for e in self.ai_exposure:
                if wanted in e.measure:
                    return e
        return self.ai_exposure[0]

    def headline_exposure(self) -> float | None:
        """The value of :meth:`headline_rating`, if any."""
        rating = self.headline_rating()
        return rating.value if rating is not None else None

    def importance_by_skill(self) -> dict[str, int]:
        """Skill id -> importance in this role."""
        return {s.id: s.importance for s in self.skills}


class RoleLine(NamedTuple):
    """What ``list`` shows of a role: one line of the list, read from the store as is."""

    id: str
    title: str
    summary: str
    #: The names of its most important skills (:data:`TOP_SKILLS`), most important first.
    top_skills: tuple[str, ...]
    #: The headline AI-exposure rating (:meth:`Role.headline_rating`) and its source.
    exposure: float | None = None
    exposure_source: str | None = None
    #: The median annual pay, the projected change of employment in percent and the
    #: Job Zone (:meth:`Role.pay_median`, :meth:`Role.growth`, :meth:`Role.job_zone`).
    pay: int | None = None
    growth: float | None = None
    zone: int | None = None


class SearchHit(NamedTuple):
    """A role found by a full-text search: ``score`` higher is better (BM25, > 0)."""

    id: str
    title: str
    score: float
    #: A short snippet of the text that matched best (plain text, "…" where cut).
    matched: str


class SkillUser(NamedTuple):
    """A role that needs a skill, with the skill's importance in it."""

    role_id: str
    title: str
    importance: int


#: How many of a role's skills a list names: its most important.
TOP_SKILLS = 3


def role_line(role: Role, skill_name: Mapping[str, str]) -> RoleLine:
    """The line of ``role`` in a list; ``skill_name`` maps skill ids to names."""
    top = sorted_by_importance(role.skills)[:TOP_SKILLS]
    rating = role.headline_rating()
    return RoleLine(
        role.id,
        role.title,
        role.summary,
        tuple(skill_name[s.id] for s in top),
        rating.value if rating is not None else None,
        rating.source if rating is not None else None,
        role.pay_median(),
        role.growth(),
        role.job_zone(),
    )


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
    def from_dict(cls, data: Mapping[str, Any]) -> "Catalog":
        """Build a catalog from data already validated by :mod:`jobcli.models`."""
        return cls(
            schema_version=data["schema_version"],
            source=data.get("source", ""),
            skills=tuple(skill_from_dict(s) for s in data["skills"]),
            roles=tuple(role_from_dict(r) for r in data["roles"]),
        )


def skill_from_dict(d: Mapping[str, Any]) -> Skill:
    """A :class:`Skill` from one validated ``skills`` entry of a catalog document."""
    return Skill(
        id=d["id"],
        name=d["name"],
        kind=d["kind"],
        description=d.get("description", ""),
        aliases=tuple(d.get("aliases", ())),
    )


def role_from_dict(d: Mapping[str, Any]) -> Role:
    """A :class:`Role` from one validated ``roles`` entry of a catalog document."""
    return Role(
        id=d["id"],
        title=d["title"],
        summary=d["summary"],
        # int(): 4.0 is a valid importance (models.Whole), and it is shown as 4.
        skills=tuple(_role_skill(s) for s in d["skills"]),
        aliases=tuple(d.get("aliases", ())),
        responsibilities=tuple(d.get("responsibilities", ())),
        human_edge=tuple(d.get("human_edge", ())),
        onet_soc_code=d.get("onet_soc_code"),
        ai_exposure=tuple(
            Exposure(e["measure"], e["value"], e["source"]) for e in d.get("ai_exposure", ())
        ),
        related=tuple(d.get("related", ())),
        alternate_titles=tuple(d.get("alternate_titles", ())),
        skills_rated=d.get("skills_rated", True),
        technologies=tuple(
            Technology(t["name"], t.get("hot", False), t.get("in_demand", False))
            for t in d.get("technologies", ())
        ),
        preparation=d.get("preparation"),
        pay=d.get("pay"),
        outlook=d.get("outlook"),
        interests=tuple(d.get("interests", ())),
    )


def _role_skill(d: Mapping[str, Any]) -> RoleSkill:
    rating = d.get("rating")
    if not rating:
        return RoleSkill(d["id"], int(d["importance"]))
    return RoleSkill(d["id"], int(d["importance"]), rating["importance"], rating.get("level"))


def sorted_by_importance(items: Sequence[RoleSkill]) -> list[RoleSkill]:
    """Most important first, by the source's precise importance, then level; then by id."""
    return sorted(items, key=_importance_key)


def _importance_key(s: RoleSkill) -> tuple[int, float, float, str]:
    rated = -s.rated if s.rated is not None else 0.0
    return (-s.importance, rated, -(s.level or 0.0), s.id)


#: The major groups of the 2018 Standard Occupational Classification (SOC), which the
#: first two digits of an O*NET-SOC code name: a role's family.
SOC_MAJOR_GROUPS: Mapping[str, str] = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}


def family_of(onet_soc_code: str | None) -> str | None:
    """The SOC major group (``"15"``) of an O*NET-SOC code, or None without a code."""
    return onet_soc_code[:2] if onet_soc_code else None
