"""The catalog format: pydantic models (the cross-checks between their parts are
:mod:`jobcli.cross_check`'s).

:func:`problems_in` is the one entry point: it returns every problem of a
parsed catalog, each with its location, or an empty list when the catalog is
valid. :func:`json_schema` is what ``jobcli schema`` prints.

This module imports pydantic, so the commands import it only when a catalog
really needs validating (not when it comes from the cache).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from .cross_check import cross_check
from .errors import Problem, format_location

SCHEMA_VERSION = 2
#: Every schema version this jobcli reads (a schema-1 file is a schema-2 file without facts).
SCHEMA_VERSIONS = (1, 2)
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SOC_PATTERN = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"  # ASCII digits: \d would take any script's

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
BLANK_PATTERN = r"\S"
#: Non-empty, and not only white space: a title of "   " is as empty as "".
Text = Annotated[str, StringConstraints(min_length=1, pattern=BLANK_PATTERN)]


def _whole_number(value: object) -> object:
    """4.0 is the integer 4, as JSON Schema has it; 4.5, "4" and true stay what they are."""
    if type(value) is float and value.is_integer():
        return int(value)
    return value


#: An integer, written 4 or 4.0 (JSON does not tell them apart; the printed schema neither).
Whole = Annotated[int, BeforeValidator(_whole_number)]


class _Strict(BaseModel):
    # Unknown fields are errors, not silently dropped; "5" is not 5.
    model_config = ConfigDict(extra="forbid", strict=True)


class SkillModel(_Strict):
    """A skill of the shared vocabulary."""

    id: Slug = Field(description="Lowercase slug, unique among skills.")
    name: Text = Field(description="The skill's name, e.g. 'Critical Thinking'.")
    kind: Literal["human", "technical", "knowledge"]
    description: str = ""
    aliases: list[Text] = Field(default_factory=list, description="Other names of the skill.")


class RatingModel(_Strict):
    """The source's own rating of a skill in a role (O*NET: importance 1-5, level 0-7)."""

    importance: float = Field(ge=1.0, le=5.0, description="Importance, 1-5, unrounded.")
    level: float | None = Field(
        default=None, ge=0.0, le=7.0, description="Level, 0-7: how much of the skill is needed."
    )


class RoleSkillModel(_Strict):
    """A skill a role needs."""

    id: Slug = Field(description="The id of a skill in `skills`.")
    importance: Whole = Field(ge=1, le=5, description="1-5, 5 = essential (O*NET-like scale).")
    rating: RatingModel | None = Field(
        default=None, description="The source's own importance and level (schema 2)."
    )


class TechnologyModel(_Strict):
    """A tool or technology the source lists for an occupation."""

    name: Text
    hot: bool = Field(
        default=False, description="Often named in job postings across the whole economy."
    )
    in_demand: bool = Field(
        default=False, description="Often named in job postings for this occupation."
    )


#: 1-5, written 4 or 4.0; the bounds before the validator so that the schema prints them as
#: "minimum" and "maximum" inside the integer branch of the optional field (see Dollars).
JobZone = Annotated[int, Ge(1), Le(5), BeforeValidator(_whole_number)]


class PreparationModel(_Strict):
    """How much preparation the occupation takes (O*NET Job Zone) and the education for entry."""

    job_zone: JobZone | None = Field(
        default=None, description="O*NET Job Zone, 1-5; null when O*NET gives none."
    )
    name: str | None = Field(default=None, description="The Job Zone's name in O*NET.")
    education: str | None = Field(default=None, description="Typical education for entry.")
    source: str | None = None


# Ge before the validator, not Field(ge=0) after it: pydantic then prints the bound as
# "ge", which JSON Schema ignores; so the printed schema says "minimum".
Dollars = Annotated[int, Ge(0), BeforeValidator(_whole_number)]
Count = Annotated[int, Ge(0), BeforeValidator(_whole_number)]
PayField = Literal["median", "p10", "p90"]


class PayModel(_Strict):
    """Annual pay in US dollars; a figure BLS top-codes is listed in ``top_coded``."""

    median: Dollars | None = None
    p10: Dollars | None = None
    p90: Dollars | None = None
    top_coded: list[PayField] = Field(
        default_factory=list, description="Figures that are a floor: 'at least' that much."
    )
    period: Text
    soc: str | None = Field(default=None, description="The SOC code the figures belong to.")
    soc_title: str | None = None
    group: bool = Field(
        default=False, description="The figures are a broader SOC group's, not the occupation's."
    )
    source: Text


class OutlookModel(_Strict):
    """Employment and its projected change."""

    employment: Count | None = None
    change_percent: float | None = None
    openings_per_year: Count | None = None
    period: Text
    soc: str | None = None
    soc_title: str | None = None
    group: bool = False
    source: Text


Interest = Literal[
    "Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"
]


class ExposureModel(_Strict):
    """A research rating of how much of an occupation's work AI could speed up."""

    measure: Text
    value: float = Field(ge=0.0, le=1.0)
    source: Text


class RoleModel(_Strict):
    """One role."""

    id: Slug = Field(description="Lowercase slug, unique among roles.")
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    summary: Text
    responsibilities: list[Text] = Field(default_factory=list)
    skills: list[RoleSkillModel] = Field(
        description="The skills the role needs; may be empty (an O*NET occupation without ratings)."
    )
    human_edge: list[Text] = Field(
        default_factory=list, description="Why people, not AI, stay essential in this role."
    )
    onet_soc_code: Annotated[str, StringConstraints(pattern=SOC_PATTERN)] | None = None
    ai_exposure: list[ExposureModel] = Field(
        default_factory=list,
        description="Research ratings of AI exposure. Exposure is not replacement.",
    )
    related: list[Slug] = Field(default_factory=list, description="Ids of related roles.")
    alternate_titles: list[Text] = Field(
        default_factory=list,
        description="Other titles people use for the job (schema 2). Unlike aliases they may be "
        "shared with other roles: a shared title finds every role that lists it.",
    )
    skills_rated: bool = Field(
        default=True, description="false when the source rates none of the role's skills."
    )
    technologies: list[TechnologyModel] = Field(default_factory=list)
    preparation: PreparationModel | None = None
    pay: PayModel | None = None
    outlook: OutlookModel | None = None
    interests: list[Interest] = Field(
        default_factory=list, description="RIASEC interests, strongest first."
    )


class CatalogModel(_Strict):
    """A jobcli catalog: one shared skill vocabulary and the roles that use it."""

    model_config = ConfigDict(title="jobcli catalog")

    schema_version: Literal[1, 2]
    source: str = Field(default="", description="Where the content comes from, with attribution.")
    skills: list[SkillModel]
    roles: list[RoleModel]

    @field_validator("schema_version", mode="before")
    @classmethod
    def _exactly_one(cls, value: object) -> object:
        # Literal[1, 2] alone lets true and 1.0 through: equal to 1 in Python, not in JSON.
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError(
                "literal_error", "Input should be 1 or 2", {"expected": "1, 2"}
            )
        return value


def problems_in(data: object) -> list[Problem]:
    """Every problem of a parsed catalog: the format's, then the cross-references'."""
    try:
        CatalogModel.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err) for err in exc.errors(include_url=False)]
    else:
        problems = []
    # Cross-checks run on the raw data too, so that one pass reports everything.
    return problems + cross_check(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the catalog format."""
    schema = CatalogModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


_FRIENDLY = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
}


def _problem(err: Any) -> Problem:
    location = format_location(err["loc"])
    message = _FRIENDLY.get(err["type"], err["msg"])
    if err["type"] == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if pattern == BLANK_PATTERN:
            message = "must not be blank"
        else:
            what = (
                "an O*NET-SOC code (NN-NNNN.NN)" if pattern == SOC_PATTERN else "a lowercase slug"
            )
            message = f"{_short(err['input'])} is not {what}"
    elif err["type"] == "literal_error" and location == "schema_version":
        message = (
            f"unsupported schema_version: {_describe(err['input'])}; "
            "this jobcli reads versions 1 and 2"
        )
    elif err["type"] in _TYPE_ERRORS:
        # Say what was there too: "Input should be a valid integer, not the string '5'".
        message = f"{_TYPE_ERRORS[err['type']] or err['msg']}, not {_describe(err['input'])}"
    elif err["type"] == "string_unicode":
        message = "not valid text: it holds a lone surrogate escape such as \\ud800"
    return Problem(location, message)


_OBJECT = "Input should be a valid dictionary (a JSON object)"  # not "instance of RoleModel"
_TYPE_ERRORS = {
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dict_type": _OBJECT,
    "list_type": "Input should be a valid list (a JSON array)",
    "string_type": "",
    "int_type": "",
    "float_type": "",
}


def _describe(value: object) -> str:
    """What a JSON value is, for a message: ``the string '5'``, ``an array``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _short(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters: a message quotes, it does not copy."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return "a very long number"
    return text if len(text) <= limit else text[: limit - 3] + "..."
