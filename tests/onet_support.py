"""Shared helpers of the O*NET importer tests: release builders and an independent checker."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import EllipsisType
from typing import Any

from jobcli.onet.skills import ONET_SKILLS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "onet"
RELEASE = FIXTURES / "db_29_2_text"
EXPECTED = FIXTURES / "expected-catalog.json"
# In CI the repository is cloned with ``shared/`` beside it.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_ONET = SHARED / "data" / "onet"
SHARED_EXPOSURE = SHARED / "data" / "gpts-are-gpts" / "occ_level.csv"

DS, ISA, SWD, WEB = "15-2051.00", "15-1212.00", "15-1252.00", "15-1255.00"

OCC_HEADER = ("O*NET-SOC Code", "Title", "Description")
SKILL_HEADER = (
    "O*NET-SOC Code",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
)
ALT_HEADER = ("O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)")
TECH_HEADER = (
    "O*NET-SOC Code",
    "Example",
    "Commodity Code",
    "Commodity Title",
    "Hot Technology",
    "In Demand",
)
TASK_HEADER = (
    "O*NET-SOC Code",
    "Task ID",
    "Task",
    "Task Type",
    "Incumbents Responding",
    "Date",
    "Domain Source",
)
RELATED_HEADER = ("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index")
EXPOSURE_COLUMNS = (
    "O*NET-SOC Code",
    "Title",
    "dv_rating_alpha",
    "dv_rating_beta",
    "dv_rating_gamma",
    "human_rating_alpha",
    "human_rating_beta",
    "human_rating_gamma",
)
MEASURES = [
    "GPT exposure α, human raters",
    "GPT exposure β, human raters",
    "GPT exposure γ, human raters",
    "GPT exposure α, GPT-4 raters",
    "GPT exposure β, GPT-4 raters",
    "GPT exposure γ, GPT-4 raters",
]
CREDIT = (
    "This includes information from the O*NET 29.2 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
MODIFIED = (
    "jobcli has modified all or some of this information. USDOL/ETA has not approved, "
    "endorsed, or tested these modifications."
)
NAME_OF = {element: name for element, name, _ in ONET_SKILLS}

Row = Sequence[object]
Rows = Iterable[Row]


# --------------------------------------------------------------------------- helpers


def write_tsv(path: Path, header: Sequence[str], rows: Rows) -> Path:
    lines = ["\t".join(header), *("\t".join(str(field) for field in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def skill(
    code: str,
    element: str,
    im: str,
    *,
    lv: str = "3.00",
    name: str | None = None,
    suppress_im: str = "N",
    suppress_lv: str = "N",
    not_relevant: str = "N",
) -> list[tuple[str, ...]]:
    """The IM and LV rows of one rated skill, as in Skills.txt."""
    name = NAME_OF.get(element, "Unknown") if name is None else name
    common = ("8", "0.1890", "2.0000", "4.0000")
    return [
        (code, element, name, "IM", im, *common, suppress_im, "n/a", "08/2023", "Analyst"),
        (code, element, name, "LV", lv, *common, suppress_lv, not_relevant, "08/2023", "Analyst"),
    ]


def task(code: str, text: str, kind: str = "Core") -> Row:
    return (code, "1", text, kind, "90", "08/2023", "Incumbent")


def tech(code: str, example: str, hot: str, demand: str, commodity: str = "Some software") -> Row:
    return (code, example, "43232306", commodity, hot, demand)


BASIC = [
    (DS, "Data Scientists", "Turn data into insight."),
    (ISA, "Information Security Analysts", "Protect systems."),
    (SWD, "Software Developers", "Build software."),
]


def make_release(
    root: Path,
    *,
    occupations: Rows = BASIC,
    skills: Rows | EllipsisType | None = ...,
    alternate: Rows | None = None,
    technology: Rows | None = None,
    related: Rows | None = None,
    knowledge: Rows | None = None,
    tasks: Rows | None = None,
    name: str = "db_29_2_text",
) -> Path:
    """A release in ``root/name``; ``None`` leaves a file out; default skills: one per role."""
    occupations = list(occupations)
    directory = root / name
    directory.mkdir(parents=True, exist_ok=True)
    write_tsv(directory / "Occupation Data.txt", OCC_HEADER, occupations)
    if skills is ...:
        skills = [row for occ in occupations for row in skill(str(occ[0]), "2.A.2.a", "4.00")]
    if skills is not None:
        write_tsv(directory / "Skills.txt", SKILL_HEADER, skills)
    if alternate is not None:
        write_tsv(directory / "Alternate Titles.txt", ALT_HEADER, alternate)
    if technology is not None:
        write_tsv(directory / "Technology Skills.txt", TECH_HEADER, technology)
    if related is not None:
        write_tsv(directory / "Related Occupations.txt", RELATED_HEADER, related)
    if knowledge is not None:
        write_tsv(directory / "Knowledge.txt", SKILL_HEADER, knowledge)
    if tasks is not None:
        write_tsv(directory / "Task Statements.txt", TASK_HEADER, tasks)
    return directory


def write_exposure(path: Path, rows: Rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPOSURE_COLUMNS)
        writer.writerows(rows)
    return path


def role(catalog: dict[str, Any], code: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [r for r in catalog["roles"] if r["onet_soc_code"] == code]
    assert len(found) == 1
    return found[0]


def role_skills(catalog: dict[str, Any], code: str) -> dict[str, int]:
    return {entry["id"]: entry["importance"] for entry in role(catalog, code)["skills"]}


def skill_by_id(catalog: dict[str, Any], skill_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in catalog["skills"] if s["id"] == skill_id]
    assert len(found) == 1
    return found[0]


# --------------------------------------------------------------------------- contract checker

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SOC = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}")
CATALOG_KEYS = {"schema_version", "source", "skills", "roles"}
SKILL_KEYS = {"id", "name", "kind", "description", "aliases"}
ROLE_KEYS = {
    "id",
    "title",
    "aliases",
    "summary",
    "responsibilities",
    "skills",
    "human_edge",
    "onet_soc_code",
    "ai_exposure",
    "related",
}
#: Schema-2 facts a role may carry.
OPTIONAL_ROLE_KEYS = {
    "skills_rated",
    "technologies",
    "preparation",
    "pay",
    "outlook",
    "interests",
    "alternate_titles",
}


def name_keys(name: str) -> set[str]:
    """Both normalisations: a-z0-9 only, and the CLI's (``jobcli.names.normalize``)."""
    from jobcli.names import normalize

    ascii_key = re.sub(r"[^a-z0-9]", "", name.lower())
    return {key for key in (ascii_key, normalize(name)) if key}


def contract_problems(catalog: Any) -> list[str]:
    """The catalog rules of CONTRACT.md, checked independently of jobcli.models."""
    problems: list[str] = []
    if not isinstance(catalog, dict) or set(catalog) != CATALOG_KEYS:
        return [f"top-level keys: {sorted(catalog) if isinstance(catalog, dict) else catalog!r}"]
    if catalog["schema_version"] != 2:
        problems.append("schema_version")
    if not isinstance(catalog["source"], str) or not catalog["source"]:
        problems.append("source")
    skill_ids: set[str] = set()
    for i, entry in enumerate(catalog["skills"]):
        if set(entry) != SKILL_KEYS:
            problems.append(f"skills[{i}] keys {sorted(entry)}")
            continue
        if not isinstance(entry["id"], str) or not SLUG.fullmatch(entry["id"]):
            problems.append(f"skills[{i}].id {entry['id']!r}")
        if entry["id"] in skill_ids:
            problems.append(f"skills[{i}].id duplicate {entry['id']!r}")
        skill_ids.add(entry["id"])
        if not isinstance(entry["name"], str) or not entry["name"]:
            problems.append(f"skills[{i}].name")
        if entry["kind"] not in ("human", "technical", "knowledge"):
            problems.append(f"skills[{i}].kind")
        if not isinstance(entry["description"], str):
            problems.append(f"skills[{i}].description")
        if not isinstance(entry["aliases"], list) or not all(
            isinstance(a, str) and a for a in entry["aliases"]
        ):
            problems.append(f"skills[{i}].aliases")
    role_ids = [r.get("id") for r in catalog["roles"]]
    owner: dict[str, int] = {}
    used: set[str] = set()
    for i, entry in enumerate(catalog["roles"]):
        if not ROLE_KEYS <= set(entry) <= ROLE_KEYS | OPTIONAL_ROLE_KEYS:
            problems.append(f"roles[{i}] keys {sorted(entry)}")
            continue
        if not isinstance(entry["id"], str) or not SLUG.fullmatch(entry["id"]):
            problems.append(f"roles[{i}].id {entry['id']!r}")
        if role_ids.count(entry["id"]) > 1:
            problems.append(f"roles[{i}].id duplicate")
        for field in ("title", "summary"):
            if not isinstance(entry[field], str) or not entry[field].strip():
                problems.append(f"roles[{i}].{field} empty")
        for field in ("aliases", "responsibilities", "human_edge"):
            if not all(isinstance(x, str) and x for x in entry[field]):
                problems.append(f"roles[{i}].{field}")
        seen: set[str] = set()
        for j, role_skill in enumerate(entry["skills"]):
            if set(role_skill) - {"rating"} != {"id", "importance"}:
                problems.append(f"roles[{i}].skills[{j}] keys")
                continue
            rating = role_skill.get("rating")
            if rating is not None and not (
                set(rating) == {"importance", "level"}
                and 1.0 <= rating["importance"] <= 5.0
                and (rating["level"] is None or 0.0 <= rating["level"] <= 7.0)
            ):
                problems.append(f"roles[{i}].skills[{j}].rating {rating!r}")
            importance = role_skill["importance"]
            if type(importance) is not int or not 1 <= importance <= 5:
                problems.append(f"roles[{i}].skills[{j}].importance {importance!r}")
            if role_skill["id"] not in skill_ids:
                problems.append(f"roles[{i}].skills[{j}].id unknown {role_skill['id']!r}")
            if role_skill["id"] in seen:
                problems.append(f"roles[{i}].skills[{j}].id twice")
            seen.add(role_skill["id"])
            used.add(role_skill["id"])
        code = entry["onet_soc_code"]
        if code is not None and not (isinstance(code, str) and SOC.fullmatch(code)):
            problems.append(f"roles[{i}].onet_soc_code {code!r}")
        for j, exposure in enumerate(entry["ai_exposure"]):
            if set(exposure) != {"measure", "value", "source"}:
                problems.append(f"roles[{i}].ai_exposure[{j}] keys")
            elif not (
                isinstance(exposure["value"], float)
                and 0.0 <= exposure["value"] <= 1.0
                and exposure["measure"]
                and exposure["source"]
            ):
                problems.append(f"roles[{i}].ai_exposure[{j}]")
        if entry.get("skills_rated", False) is not False:
            problems.append(f"roles[{i}].skills_rated is written only when false")
        for j, tool in enumerate(entry.get("technologies", [])):
            if set(tool) != {"name", "hot", "in_demand"} or not tool["name"]:
                problems.append(f"roles[{i}].technologies[{j}] {tool!r}")
        for j, other in enumerate(entry["related"]):
            if other == entry["id"] or other not in role_ids:
                problems.append(f"roles[{i}].related[{j}] {other!r}")
        names = [entry["id"], entry["title"], *entry["aliases"]]
        names += [code] if code else []
        for name in names:
            for key in name_keys(name):
                if owner.setdefault(key, i) != i:
                    problems.append(f"roles[{i}]: name {name!r} collides with roles[{owner[key]}]")
    unused = skill_ids - used
    if unused:
        problems.append(f"skills used by no role: {sorted(unused)}")
    if [r["onet_soc_code"] for r in catalog["roles"]] != sorted(
        r["onet_soc_code"] for r in catalog["roles"]
    ):
        problems.append("roles not sorted by code")
    if [s["id"] for s in catalog["skills"]] != sorted(skill_ids):
        problems.append("skills not sorted by id")
    return problems


def assert_valid(catalog: dict[str, Any]) -> None:
    assert contract_problems(catalog) == []
    from jobcli.models import problems_in

    assert [str(p) for p in problems_in(json.loads(json.dumps(catalog)))] == []
