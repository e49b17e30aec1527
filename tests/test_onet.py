"""Tests of the O*NET importer (``jobcli.onet``)."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import EllipsisType
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jobcli.onet import (
    EXPOSURE_SOURCE,
    MAX_ALIASES,
    MAX_RELATED,
    MAX_TECHNOLOGIES,
    ImportReport,
    OnetImportError,
    import_onet,
    write_catalog,
)
from jobcli.onet_skills import BY_ELEMENT_ID, ONET_SKILLS

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
    if catalog["schema_version"] != 1:
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
        if set(entry) != ROLE_KEYS:
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
        if not entry["skills"]:
            problems.append(f"roles[{i}].skills empty")
        seen: set[str] = set()
        for j, role_skill in enumerate(entry["skills"]):
            if set(role_skill) != {"id", "importance"}:
                problems.append(f"roles[{i}].skills[{j}] keys")
                continue
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
        for j, other in enumerate(entry["related"]):
            if other == entry["id"] or other not in role_ids:
                problems.append(f"roles[{i}].related[{j}] {other!r}")
        names = [entry["id"], entry["title"], *entry["aliases"]]
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
    try:
        from jobcli.models import problems_in  # the catalog's own validator, when present
    except ImportError:
        return
    assert [str(p) for p in problems_in(json.loads(json.dumps(catalog)))] == []


# --------------------------------------------------------------------------- the fixture release


def test_fixture_release_is_a_valid_catalog() -> None:
    catalog, report = import_onet(RELEASE)
    assert_valid(catalog)
    assert [r["onet_soc_code"] for r in catalog["roles"]] == [ISA, SWD, WEB, DS]
    assert report.occupations == 4
    assert report.skills == len(catalog["skills"])
    assert report.files_read == [
        "Occupation Data.txt",
        "Skills.txt",
        "Alternate Titles.txt",
        "Technology Skills.txt",
        "Related Occupations.txt",
    ]
    assert report.files_missing == []
    assert report.unknown_codes == {
        "Alternate Titles.txt": 1,
        "Related Occupations.txt": 2,
        "Skills.txt": 2,
    }
    assert any("11-9199.00" in note for note in report.notes)  # no skills: left out


def test_fixture_release_matches_expected_catalog(tmp_path: Path) -> None:
    catalog, _ = import_onet(RELEASE)
    out = tmp_path / "onet.json"
    write_catalog(catalog, out)
    assert out.read_bytes() == EXPECTED.read_bytes()


def test_fixture_data_scientists(tmp_path: Path) -> None:
    catalog, _ = import_onet(RELEASE)
    ds = role(catalog, DS)
    assert ds["id"] == "data-scientists"
    assert ds["title"] == "Data Scientists"
    assert ds["summary"].startswith("Fixture text: develop")
    skills = role_skills(catalog, DS)
    assert skills["mathematics"] == 5  # IM 4.50, half up
    assert skills["programming"] == 4  # IM 4.25
    assert skills["science"] == 3  # IM 3.00, the threshold itself
    assert "reading-comprehension" not in skills  # IM 2.99
    assert "repairing" not in skills  # Not Relevant on the LV row
    assert "equipment-selection" not in skills  # Recommend Suppress on the IM row
    assert "installation" not in skills  # IM 1.50
    # Technology: in demand first, alphabetical, capped; C++ keeps its own id.
    technical = [s for s in skills if skill_by_id(catalog, s)["description"].count("O*NET Tech")]
    assert len(technical) == MAX_TECHNOLOGIES
    assert {"c", "c-plus-plus", "apache-spark", "microsoft-excel"} <= set(technical)
    assert "python" not in technical  # in demand, but past the cap alphabetically
    assert "Data Analyst" not in ds["aliases"]  # also listed for 15-2041.00
    assert "Data Scientist" in ds["aliases"]
    assert ds["related"] == ["information-security-analysts", "software-developers"]
    assert ds["ai_exposure"] == []


# --------------------------------------------------------------------------- Occupation Data


def test_occupation_fields_and_empty_description(tmp_path: Path) -> None:
    occupations = [(DS, '"Data Scientists"', "  Work with data.  "), (ISA, "Security Analysts", "")]
    catalog, _ = import_onet(make_release(tmp_path, occupations=occupations))
    ds, isa = role(catalog, DS), role(catalog, ISA)
    assert (ds["id"], ds["title"], ds["summary"]) == (
        "data-scientists",
        "Data Scientists",
        "Work with data.",
    )
    assert isa["summary"] == "Security Analysts"
    assert ds["onet_soc_code"] == DS
    assert list(ds) == [
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
    ]
    assert list(catalog) == ["schema_version", "source", "skills", "roles"]


def test_titles_that_collide_get_their_code(tmp_path: Path) -> None:
    occupations = [
        (DS, "Data Scientists", "a"),
        (ISA, "data-scientists", "b"),
        (SWD, "DATA SCIENTISTS!", "c"),
        (WEB, "Web Designers", "d"),
        ("29-1141.00", "Инженеры", "e"),  # no a-z0-9 at all: no slug of its own
        ("29-1141.01", "Straße Planners", "f"),
        ("29-1141.02", "Strasse Planners", "g"),
    ]
    catalog, report = import_onet(make_release(tmp_path, occupations=occupations))
    assert_valid(catalog)
    assert role(catalog, DS)["id"] == "data-scientists-15-2051-00"
    assert role(catalog, DS)["title"] == "Data Scientists (15-2051.00)"
    assert role(catalog, ISA)["id"] == "data-scientists-15-1212-00"
    assert role(catalog, SWD)["title"] == "DATA SCIENTISTS! (15-1252.00)"
    assert role(catalog, WEB)["id"] == "web-designers"  # untouched
    assert role(catalog, "29-1141.00")["id"] == "29-1141-00"
    assert role(catalog, "29-1141.01")["title"] == "Straße Planners (29-1141.01)"
    assert role(catalog, "29-1141.02")["title"] == "Strasse Planners (29-1141.02)"
    assert any("code appended" in note for note in report.notes)


def test_duplicate_code_is_an_error(tmp_path: Path) -> None:
    occupations = [(DS, "Data Scientists", "a"), (DS, "Data Scientists again", "b")]
    with pytest.raises(OnetImportError, match=r"Occupation Data\.txt, line 3: .*listed twice"):
        import_onet(make_release(tmp_path, occupations=occupations))


def test_occupation_data_is_required(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    (directory / "Occupation Data.txt").unlink()
    with pytest.raises(OnetImportError, match=r"Occupation Data\.txt: no such file"):
        import_onet(directory)
    with pytest.raises(OnetImportError, match="no such directory"):
        import_onet(tmp_path / "nowhere")


def test_occupations_without_skills_are_left_out(tmp_path: Path) -> None:
    skills = skill(DS, "2.A.2.a", "4.00") + skill(ISA, "2.A.2.a", "2.00")
    related = [(DS, ISA, "Primary-Short", 1), (DS, SWD, "Primary-Short", 2)]
    catalog, report = import_onet(make_release(tmp_path, skills=skills, related=related))
    assert [r["onet_soc_code"] for r in catalog["roles"]] == [DS]
    assert role(catalog, DS)["related"] == []
    assert report.occupations == 1
    assert any("2 occupation(s) with no skill" in note for note in report.notes)
    assert report.unknown_codes == {}  # they are known, only skill-less


def test_no_role_at_all_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OnetImportError, match="no occupation has a skill"):
        import_onet(make_release(tmp_path, skills=None))


# --------------------------------------------------------------------------- Skills


@pytest.mark.parametrize(
    ("im", "expected"),
    [
        ("1.00", None),
        ("2.99", None),
        ("3.00", 3),
        ("3.49", 3),
        ("3.50", 4),
        ("4.50", 5),
        ("5.00", 5),
        ("4.4999", 4),
    ],
)
def test_importance_threshold_and_half_up_rounding(
    tmp_path: Path, im: str, expected: int | None
) -> None:
    skills = skill(DS, "2.A.2.a", im) + skill(DS, "2.A.1.b", "4.00")
    catalog, _ = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=skills))
    assert role_skills(catalog, DS).get("critical-thinking") == expected


def test_min_importance_is_a_parameter(tmp_path: Path) -> None:
    skills = skill(DS, "2.A.2.a", "3.40") + skill(DS, "2.A.1.b", "4.60")
    directory = make_release(tmp_path, occupations=BASIC[:1], skills=skills)
    low, _ = import_onet(directory, min_importance=1.0)
    high, report = import_onet(directory, min_importance=4.0)
    assert role_skills(low, DS) == {"active-listening": 5, "critical-thinking": 3}
    assert role_skills(high, DS) == {"active-listening": 5}
    assert [s["id"] for s in high["skills"]] == ["active-listening"]  # only used skills
    assert any("below 4" in note for note in report.notes)


@pytest.mark.parametrize("bad", [-1.0, 5.5, math.nan, math.inf])
def test_min_importance_out_of_range(tmp_path: Path, bad: float) -> None:
    with pytest.raises(ValueError, match="min_importance"):
        import_onet(make_release(tmp_path), min_importance=bad)


@pytest.mark.parametrize(
    "flags",
    [
        {"not_relevant": "Y"},
        {"suppress_im": "Y"},
        {"suppress_lv": "Y"},
    ],
)
def test_not_relevant_and_suppressed_skills_are_left_out(
    tmp_path: Path, flags: dict[str, str]
) -> None:
    skills = skill(DS, "2.A.2.a", "4.80", **flags) + skill(DS, "2.A.1.b", "4.00")
    catalog, report = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=skills))
    assert role_skills(catalog, DS) == {"active-listening": 4}
    assert any("1 marked Not Relevant or Recommend Suppress" in note for note in report.notes)


def test_not_relevant_on_the_importance_row(tmp_path: Path) -> None:
    rows = skill(DS, "2.A.2.a", "4.80") + skill(DS, "2.A.1.b", "4.00")
    rows[0] = (*rows[0][:10], "Y", *rows[0][11:])  # Not Relevant = Y on the IM row
    catalog, _ = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=rows))
    assert role_skills(catalog, DS) == {"active-listening": 4}


def test_onet_skills_use_the_shared_table(tmp_path: Path) -> None:
    skills = [row for element, _, _ in ONET_SKILLS for row in skill(DS, element, "4.00")]
    catalog, report = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=skills))
    assert report.skills == 35
    for element, (skill_id, name, kind) in BY_ELEMENT_ID.items():
        entry = skill_by_id(catalog, skill_id)
        assert (entry["name"], entry["kind"]) == (name, kind)
        assert element in entry["description"]
    assert not any("not among O*NET's 35" in note for note in report.notes)


def test_skill_rows_with_only_a_level_or_another_scale_are_ignored(tmp_path: Path) -> None:
    rows = [skill(DS, "2.A.2.a", "4.80")[1], *skill(DS, "2.A.1.b", "4.00")]
    rows.append((DS, "2.A.1.c", "Writing", "XX", "4.9", "8", "0", "0", "0", "N", "N", "", ""))
    catalog, _ = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=rows))
    assert role_skills(catalog, DS) == {"active-listening": 4}


def test_unknown_elements(tmp_path: Path) -> None:
    skills = [
        *skill(DS, "2.B.3.z", "4.00", name="Prompt Engineering"),
        *skill(DS, "2.C.9.a", "3.50", name="Critical Thinking"),  # name of a known skill
        *skill(DS, "2.C.9.b", "3.50", name="+++"),  # no slug at all
        *skill(DS, "2.A.2.a", "4.00"),
    ]
    catalog, report = import_onet(make_release(tmp_path, occupations=BASIC[:1], skills=skills))
    assert_valid(catalog)
    assert role_skills(catalog, DS) == {
        "prompt-engineering": 4,
        "critical-thinking": 4,
        "critical-thinking-2-c-9-a": 4,
        "skill-2-c-9-b": 4,
    }
    assert skill_by_id(catalog, "prompt-engineering")["kind"] == "technical"
    assert skill_by_id(catalog, "prompt-engineering")["name"] == "Prompt Engineering"
    assert skill_by_id(catalog, "critical-thinking-2-c-9-a")["kind"] == "human"
    (note,) = [n for n in report.notes if "not among O*NET's 35" in n]
    assert note.startswith("Skills.txt: 3 element id(s)")


# --------------------------------------------------------------------------- Alternate Titles


def test_aliases_order_dedup_and_cap(tmp_path: Path) -> None:
    alternate = [
        (DS, "Machine Learning Scientist", "n/a", "08"),
        (DS, "Data Scientist", "n/a", "08"),
        (DS, "data scientist", "n/a", "08"),  # the same name again
        (DS, "Quantitative Researcher (QR)", "QR", "08"),
        (DS, "Applied Scientist", "n/a", "08"),
        (DS, "Statistician", "n/a", "08"),
        (DS, "Decision Scientist", "n/a", "08"),
        (DS, "Analytics Consultant", "n/a", "08"),
        (DS, "Research Scientist", "n/a", "08"),
        (DS, "Modeler", "n/a", "08"),
        (DS, "Zeta Scientist", "n/a", "08"),
        (DS, "AI Scientist", "n/a", "08"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, alternate=alternate))
    assert role(catalog, DS)["aliases"] == [
        "QR",  # short titles first
        "Modeler",
        "AI Scientist",
        "Statistician",
        "Data Scientist",
        "Zeta Scientist",
        "Applied Scientist",
        "Decision Scientist",
    ]
    assert MAX_ALIASES == 8


def test_shared_titles_are_nobodys_alias(tmp_path: Path) -> None:
    alternate = [
        (DS, "Data Analyst", "n/a", "08"),
        (SWD, "data-analyst", "n/a", "08"),  # the same name, spelt differently
        (DS, "Research Analyst", "n/a", "08"),
        ("15-2041.00", "Research Analyst", "n/a", "08"),  # shared with an unknown occupation
        (DS, "Chief Data Officer (CDO)", "CDO", "08"),
        (ISA, "Chief Defense Officer (CDO)", "CDO", "08"),  # short titles count too
        (DS, "Data Scientist", "n/a", "08"),
        (ISA, "Security Analyst", "n/a", "08"),
    ]
    catalog, report = import_onet(make_release(tmp_path, alternate=alternate))
    assert_valid(catalog)
    assert role(catalog, DS)["aliases"] == ["Data Scientist", "Chief Data Officer (CDO)"]
    assert role(catalog, SWD)["aliases"] == []
    assert role(catalog, ISA)["aliases"] == ["Security Analyst", "Chief Defense Officer (CDO)"]
    assert report.unknown_codes == {"Alternate Titles.txt": 1}
    assert any("shared by several occupations" in note for note in report.notes)


def test_aliases_never_name_another_role(tmp_path: Path) -> None:
    alternate = [
        (DS, "Software Developers", "n/a", "08"),  # another role's title
        (DS, "software-developers", "n/a", "08"),  # ... and id
        (DS, "Data Scientists", "n/a", "08"),  # its own title
        (DS, "Information-Security Analysts!", "n/a", "08"),
        (DS, "Quant", "n/a", "08"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, alternate=alternate))
    assert role(catalog, DS)["aliases"] == ["Quant"]


def test_short_title_column_is_optional(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    write_tsv(
        directory / "Alternate Titles.txt",
        ("O*NET-SOC Code", "Alternate Title"),
        [(DS, "Quant"), (DS, "   ")],
    )
    catalog, _ = import_onet(directory)
    assert role(catalog, DS)["aliases"] == ["Quant"]


# --------------------------------------------------------------------------- Technology Skills


def test_technology_rule(tmp_path: Path) -> None:
    technology = [
        tech(DS, "Python", "Y", "Y", "Object or component oriented development software"),
        tech(DS, "pandas", "N", "Y", "Data base user interface and query software"),
        tech(DS, "Alteryx software", "Y", "N", "Business intelligence and data analysis software"),
        tech(DS, "Blackbaud", "N", "N"),  # neither flag: not a skill
        tech(SWD, "Python", "Y", "N", "Development environment software"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, technology=technology))
    assert_valid(catalog)
    assert role_skills(catalog, DS) == {
        "critical-thinking": 4,
        "python": 4,  # hot and in demand
        "pandas": 4,  # in demand
        "alteryx-software": 3,  # hot only
    }
    assert role_skills(catalog, SWD)["python"] == 3
    assert "blackbaud" not in {s["id"] for s in catalog["skills"]}
    python = skill_by_id(catalog, "python")
    assert (python["name"], python["kind"]) == ("Python", "technical")
    assert "Object or component oriented development software" in python["description"]
    assert "Development environment software" in python["description"]
    assert "Hot technology" in python["description"]
    assert "In demand" in python["description"]
    alteryx = skill_by_id(catalog, "alteryx-software")["description"]
    assert "Hot technology" in alteryx
    assert "In demand" not in alteryx
    assert "Hot technology" not in skill_by_id(catalog, "pandas")["description"]


def test_technology_cap_most_important_first_then_alphabetical(tmp_path: Path) -> None:
    hot = [tech(DS, f"Tool {letter}", "Y", "N") for letter in "ZYXWVUTSRQ"]
    wanted = [tech(DS, f"Tool {letter}", "N", "Y") for letter in "ba"]
    catalog, _ = import_onet(make_release(tmp_path, technology=hot + wanted))
    skills = role_skills(catalog, DS)
    del skills["critical-thinking"]
    assert list(skills) == [
        "tool-a",
        "tool-b",
        *(f"tool-{letter}" for letter in "qrstuvwx"),
    ]
    assert len(skills) == MAX_TECHNOLOGIES
    assert skills["tool-a"] == 4
    assert skills["tool-q"] == 3


def test_technology_ids_stay_distinct(tmp_path: Path) -> None:
    technology = [
        tech(DS, "C", "Y", "Y"),
        tech(DS, "C++", "Y", "Y"),
        tech(DS, "C#", "Y", "N"),
        tech(DS, "Programming", "Y", "Y"),  # an O*NET skill's id
        tech(DS, "Critical-Thinking", "Y", "N"),  # a skill this role has
        tech(SWD, "Go", "Y", "Y"),
        tech(SWD, "GO", "Y", "N"),
        tech(SWD, "+", "Y", "N"),
        tech(SWD, "#", "Y", "N"),
    ]
    catalog, report = import_onet(make_release(tmp_path, technology=technology))
    assert_valid(catalog)
    ds = role_skills(catalog, DS)
    assert {"c", "c-plus-plus", "c-sharp", "programming-tech", "critical-thinking-tech"} <= set(ds)
    assert ds["critical-thinking"] == 4
    assert skill_by_id(catalog, "critical-thinking-tech")["name"] == "Critical-Thinking"
    assert skill_by_id(catalog, "programming-tech")["name"] == "Programming"
    swd = role_skills(catalog, SWD)
    assert {"go", "go-tech", "plus", "sharp"} <= set(swd)
    assert skill_by_id(catalog, "go")["name"] == "GO"  # "GO" sorts before "Go"
    assert any("got a suffix" in note for note in report.notes)


def test_technology_listed_twice_for_a_role_is_one_skill(tmp_path: Path) -> None:
    technology = [
        tech(DS, "Atlassian JIRA", "Y", "N", "Project management software"),
        tech(DS, "Atlassian JIRA", "Y", "Y", "Content workflow software"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, technology=technology))
    assert role_skills(catalog, DS)["atlassian-jira"] == 4
    description = skill_by_id(catalog, "atlassian-jira")["description"]
    assert "Content workflow software; Project management software" in description


def test_technology_alone_makes_a_role(tmp_path: Path) -> None:
    catalog, report = import_onet(
        make_release(tmp_path, skills=None, technology=[tech(DS, "Python", "Y", "Y")])
    )
    assert [r["id"] for r in catalog["roles"]] == ["data-scientists"]
    assert report.files_missing == ["Skills.txt", "Alternate Titles.txt", "Related Occupations.txt"]


# --------------------------------------------------------------------------- Related Occupations


def test_related(tmp_path: Path) -> None:
    codes = [f"15-2099.{n:02d}" for n in range(14)]
    occupations = [*BASIC, *((code, f"Occupation {code}", "x") for code in codes)]
    related = [
        (DS, SWD, "Primary-Short", 3),
        (DS, ISA, "Primary-Short", 1),
        (DS, DS, "Primary-Short", 2),  # itself
        (DS, "15-9999.00", "Primary-Long", 4),  # unknown
        (DS, ISA, "Supplemental", 5),  # twice
        *((DS, code, "Supplemental", 6 + i) for i, code in enumerate(reversed(codes))),
        (ISA, DS, "Primary-Short", "1"),
        ("15-9998.00", DS, "Primary-Short", 1),  # unknown occupation
    ]
    catalog, report = import_onet(make_release(tmp_path, occupations=occupations, related=related))
    assert_valid(catalog)
    ds_related = role(catalog, DS)["related"]
    assert ds_related[:3] == [
        "information-security-analysts",
        "software-developers",
        ("occupation-15-2099-13"),
    ]
    assert len(ds_related) == MAX_RELATED
    assert role(catalog, ISA)["related"] == ["data-scientists"]
    assert role(catalog, SWD)["related"] == []
    assert report.unknown_codes == {"Related Occupations.txt": 2}


# --------------------------------------------------------------------------- missing and unknown


@pytest.mark.parametrize(
    "missing",
    ["Skills.txt", "Alternate Titles.txt", "Technology Skills.txt", "Related Occupations.txt"],
)
def test_missing_optional_files_are_reported(tmp_path: Path, missing: str) -> None:
    directory = tmp_path / "db_29_2_text"
    shutil.copytree(RELEASE, directory)
    (directory / missing).unlink()
    catalog, report = import_onet(directory)
    assert_valid(catalog)
    assert report.files_missing == [missing]
    assert missing not in report.files_read
    assert len(report.files_read) == 4


def test_file_names_are_found_case_insensitively(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    (directory / "Occupation Data.txt").rename(directory / "occupation data.TXT")
    catalog, report = import_onet(directory)
    assert report.files_read == ["occupation data.TXT", "Skills.txt"]
    assert len(catalog["roles"]) == 3


def test_unknown_codes_are_counted_per_file(tmp_path: Path) -> None:
    unknown = "15-9999.00"
    directory = make_release(
        tmp_path,
        skills=[*skill(DS, "2.A.2.a", "4.00"), *skill(unknown, "2.A.2.a", "4.00")],
        alternate=[(unknown, "Ghost", "n/a", "08")],
        technology=[tech(unknown, "Python", "Y", "Y"), tech(unknown, "R", "Y", "Y")],
        related=[(unknown, DS, "Primary-Short", 1)],
    )
    exposure = write_exposure(tmp_path / "occ.csv", [(unknown, "Ghost", *["0.5"] * 6)])
    catalog, report = import_onet(directory, exposure=exposure)
    assert report.unknown_codes == {
        "Alternate Titles.txt": 1,
        "Related Occupations.txt": 1,
        "Skills.txt": 2,
        "Technology Skills.txt": 2,
        "occ.csv": 1,
    }
    assert "python" not in {s["id"] for s in catalog["skills"]}


# --------------------------------------------------------------------------- malformed input

SKILL_LINE = "\t".join(skill(DS, "2.A.2.a", "4.00")[0])


@pytest.mark.parametrize(
    ("file", "line", "reason"),
    [
        ("Occupation Data.txt", f"{ISA}\tOnly two fields", "expected 3 fields, found 2"),
        ("Occupation Data.txt", f"{ISA}\tA\tB\tC", "expected 3 fields, found 4"),
        ("Occupation Data.txt", "15-1212\tTitle\tDescription", "'15-1212' is not an O*NET-SOC"),
        ("Occupation Data.txt", "151212.00\tTitle\tDescription", "is not an O*NET-SOC code"),
        ("Occupation Data.txt", f"{ISA}\t  \tDescription", "empty Title"),
        ("Skills.txt", SKILL_LINE.replace("\t4.00\t", "\thigh\t"), "Data Value 'high' is not a"),
        ("Skills.txt", SKILL_LINE.replace("\t4.00\t", "\tnan\t"), "Data Value 'nan' is not a"),
        ("Skills.txt", SKILL_LINE.replace("\t4.00\t", "\t\t"), "Data Value '' is not a number"),
        ("Skills.txt", SKILL_LINE.replace("15-2051.00", "15-2051.0"), "is not an O*NET-SOC"),
        ("Skills.txt", SKILL_LINE.replace("\t2.A.2.a\t", "\t\t"), "empty Element ID"),
        ("Skills.txt", SKILL_LINE.rsplit("\t", 1)[0], "expected 13 fields, found 12"),
        ("Alternate Titles.txt", f"{DS}\tQuant\tn/a", "expected 4 fields, found 3"),
        ("Alternate Titles.txt", "DS\tQuant\tn/a\t08", "'DS' is not an O*NET-SOC code"),
        ("Technology Skills.txt", f"{DS}\tPython\t1\tX\tY", "expected 6 fields, found 5"),
        ("Technology Skills.txt", "1-2051.00\tPython\t1\tX\tY\tY", "is not an O*NET-SOC"),
        ("Related Occupations.txt", f"{DS}\t{ISA}\tPrimary-Short\tfirst", "Index 'first'"),
        ("Related Occupations.txt", f"{DS}\t15-1212\tPrimary\t1", "Related O*NET-SOC Code"),
        ("Related Occupations.txt", f"{DS}\t{ISA}\t1", "expected 4 fields, found 3"),
    ],
)
def test_malformed_line_names_file_and_line(
    tmp_path: Path, file: str, line: str, reason: str
) -> None:
    directory = make_release(
        tmp_path,
        alternate=[(DS, "Quant", "n/a", "08")],
        technology=[tech(DS, "Python", "Y", "Y")],
        related=[(DS, ISA, "Primary-Short", 1)],
    )
    path = directory / file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, line)  # becomes line 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(OnetImportError) as caught:
        import_onet(directory)
    assert caught.value.line == 3
    assert caught.value.file == str(path)
    assert f"{file}, line 3: " in str(caught.value)
    assert reason in str(caught.value)


@pytest.mark.parametrize("file", ["Occupation Data.txt", "Skills.txt", "Technology Skills.txt"])
def test_missing_column_is_an_error_on_line_1(tmp_path: Path, file: str) -> None:
    directory = make_release(tmp_path, technology=[tech(DS, "Python", "Y", "Y")])
    path = directory / file
    header, *rest = path.read_text(encoding="utf-8").split("\n")
    dropped = {"Occupation Data.txt": "Title", "Skills.txt": "Data Value"}.get(file, "In Demand")
    path.write_text("\n".join([header.replace(dropped, "Something Else"), *rest]), "utf-8")
    with pytest.raises(OnetImportError, match=rf"{re.escape(file)}, line 1: .*{dropped!r}"):
        import_onet(directory)


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    (directory / "Skills.txt").write_bytes(b"")
    with pytest.raises(OnetImportError, match=r"Skills\.txt, line 1: the file is empty"):
        import_onet(directory)


def test_bad_utf8_names_the_line(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    path = directory / "Occupation Data.txt"
    path.write_bytes(path.read_bytes() + b"15-9999.00\tCaf\xe9\tx\n")
    with pytest.raises(OnetImportError, match=r"Occupation Data\.txt, line 5: .*UTF-8"):
        import_onet(directory)


# --------------------------------------------------------------------------- tolerated variations


def _disguise(path: Path, out: Path, seed: int) -> None:
    """The same table with columns reordered, fields padded or quoted, a BOM and CRLF."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    order = list(reversed(range(len(rows[0]))))
    lines = []
    for number, row in enumerate(rows):
        fields = []
        for position, index in enumerate(order):
            field = row[index]
            style = (number * 7 + position * 3 + seed) % 4
            if style == 1:
                field = f"  {field} "
            elif style == 2:
                field = '"' + field.replace('"', '""') + '"'
            elif style == 3:
                field = ' "' + field.replace('"', '""') + '"  '
            fields.append(field)
        lines.append("\t".join(fields))
    lines.append("   ")  # a blank line at the end
    out.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")


def test_padding_quotes_bom_crlf_and_column_order_change_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "db_29_2_text"
    directory.mkdir()
    for seed, path in enumerate(sorted(RELEASE.iterdir())):
        _disguise(path, directory / path.name, seed)
    assert (directory / "Skills.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b'"' in (directory / "Skills.txt").read_bytes()
    disguised, report = import_onet(directory)
    plain, plain_report = import_onet(RELEASE)
    assert disguised == plain
    assert report == plain_report


# --------------------------------------------------------------------------- determinism, writing


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "db_29_2_text", tmp_path / "b" / "db_29_2_text"
    shutil.copytree(RELEASE, first)
    shutil.copytree(RELEASE, second)
    exposure = SHARED_EXPOSURE if SHARED_EXPOSURE.is_file() else None
    write_catalog(import_onet(first, exposure=exposure)[0], tmp_path / "one.json")
    write_catalog(import_onet(second, exposure=exposure)[0], tmp_path / "two.json")
    write_catalog(import_onet(first, exposure=exposure)[0], tmp_path / "three.json")
    one = (tmp_path / "one.json").read_bytes()
    assert one == (tmp_path / "two.json").read_bytes() == (tmp_path / "three.json").read_bytes()


def test_write_catalog_format(tmp_path: Path) -> None:
    catalog = {"schema_version": 1, "source": "α “quoted”", "skills": [], "roles": []}
    out = tmp_path / "c.json"
    write_catalog(catalog, out)
    text = out.read_bytes().decode("utf-8")
    assert text == json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
    assert "α" in text
    assert "\r" not in text
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_write_catalog_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    out.write_text("precious", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_catalog({"schema_version": 1}, out)
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]
    write_catalog({"schema_version": 1}, out, force=True)
    assert json.loads(out.read_text(encoding="utf-8")) == {"schema_version": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]


def test_write_catalog_leaves_no_temp_file_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "c.json"
    out.write_text("precious", encoding="utf-8")

    def broken(*args: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk on fire"):
        write_catalog({"schema_version": 1}, out, force=True)
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.json"]


def test_write_catalog_leaves_no_temp_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_catalog({"schema_version": 1}, tmp_path / "c.json")
    assert list(tmp_path.iterdir()) == []


def test_write_catalog_unserialisable_or_unwritable(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_catalog({"bad": {1, 2}}, tmp_path / "c.json")
    with pytest.raises(FileNotFoundError):
        write_catalog({"schema_version": 1}, tmp_path / "no" / "c.json")
    directory = tmp_path / "dir.json"
    directory.mkdir()
    with pytest.raises(FileExistsError):
        write_catalog({}, directory)
    with pytest.raises(OSError):  # noqa: PT011 - IsADirectoryError or PermissionError
        write_catalog({}, directory, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.json"]


# --------------------------------------------------------------------------- exposure


def test_exposure_join(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    exposure = write_exposure(
        tmp_path / "occ_level.csv",
        [
            # dv alpha, beta, gamma, then human alpha, beta, gamma, as in occ_level.csv
            (DS, "Data Scientists", "0.5", "0.75", "1.0000000002", "0.25", "0.59375", "0.9375"),
            (ISA, "Information Security Analysts", "", "0.65", "-0.0", "NaN", "0.54", "1"),
        ],
    )
    catalog, report = import_onet(directory, exposure=exposure)
    assert_valid(catalog)
    ds = role(catalog, DS)["ai_exposure"]
    assert [e["measure"] for e in ds] == MEASURES
    assert [e["value"] for e in ds] == [0.25, 0.5938, 0.9375, 0.5, 0.75, 1.0]
    assert {e["source"] for e in ds} == {EXPOSURE_SOURCE}
    assert EXPOSURE_SOURCE == (
        'Eloundou, Manning, Mishkin, Rock, "GPTs are GPTs" '
        "(openai/GPTs-are-GPTs, data/occ_level.csv)"
    )
    isa = role(catalog, ISA)["ai_exposure"]
    assert [(e["measure"], e["value"]) for e in isa] == [
        ("GPT exposure β, human raters", 0.54),
        ("GPT exposure γ, human raters", 1.0),
        ("GPT exposure β, GPT-4 raters", 0.65),
        ("GPT exposure γ, GPT-4 raters", 0.0),
    ]
    assert all(isinstance(e["value"], float) for e in isa)
    assert role(catalog, SWD)["ai_exposure"] == []
    assert EXPOSURE_SOURCE in catalog["source"]
    assert report.files_read[-1] == "occ_level.csv"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ((DS, "DS", "0.5", "high", "1", "0", "0", "0"), "dv_rating_beta 'high' is not a number"),
        ((DS, "DS", "0.5", "1.5", "1", "0", "0", "0"), "dv_rating_beta '1.5' is not between"),
        ((DS, "DS", "0.5", "0.5", "1", "0", "0", "-0.01"), "human_rating_gamma '-0.01'"),
        ((DS, "DS", "0.5", "0.5", "1", "0", "0"), "expected 8 fields, found 7"),
        (("15-2051", "DS", "0.5", "0.5", "1", "0", "0", "0"), "is not an O*NET-SOC code"),
    ],
)
def test_exposure_malformed_line(tmp_path: Path, row: Row, reason: str) -> None:
    exposure = write_exposure(tmp_path / "occ.csv", [(ISA, "ISA", *["0.5"] * 6), row])
    with pytest.raises(OnetImportError) as caught:
        import_onet(make_release(tmp_path), exposure=exposure)
    assert str(caught.value).startswith(f"{exposure}, line 3: ")
    assert reason in str(caught.value)


def test_exposure_file_problems(tmp_path: Path) -> None:
    directory = make_release(tmp_path)
    with pytest.raises(OnetImportError, match="no such file"):
        import_onet(directory, exposure=tmp_path / "absent.csv")
    no_ratings = tmp_path / "no-ratings.csv"
    no_ratings.write_text("O*NET-SOC Code,Title\n15-2051.00,DS\n", encoding="utf-8")
    with pytest.raises(OnetImportError, match=r"line 1: .*rating columns"):
        import_onet(directory, exposure=no_ratings)
    twice = write_exposure(tmp_path / "twice.csv", [(DS, "DS", *["0.5"] * 6)] * 2)
    with pytest.raises(OnetImportError, match=r"line 3: .*listed twice"):
        import_onet(directory, exposure=twice)


def test_exposure_with_some_columns_only(tmp_path: Path) -> None:
    exposure = tmp_path / "beta.csv"
    exposure.write_text(
        '\ufeff"O*NET-SOC Code","Title","human_rating_beta"\r\n'
        '15-2051.00,"Data, Scientists",0.6\r\n',
        encoding="utf-8",
    )
    catalog, _ = import_onet(make_release(tmp_path), exposure=exposure)
    assert role(catalog, DS)["ai_exposure"] == [
        {"measure": "GPT exposure β, human raters", "value": 0.6, "source": EXPOSURE_SOURCE}
    ]


# --------------------------------------------------------------------------- attribution, progress


def test_source_carries_the_licence_attribution(tmp_path: Path) -> None:
    catalog, report = import_onet(RELEASE)
    assert CREDIT in catalog["source"]
    assert MODIFIED in catalog["source"]
    assert "GPTs" not in catalog["source"]
    assert not any("release" in note for note in report.notes)


def test_release_comes_from_the_directory_name(tmp_path: Path) -> None:
    catalog, report = import_onet(make_release(tmp_path, name="db_28_1_text"))
    assert CREDIT.replace("29.2", "28.1") in catalog["source"]
    assert not any("release" in note for note in report.notes)
    catalog, report = import_onet(make_release(tmp_path, name="onet"))
    assert CREDIT in catalog["source"]
    assert any("does not tell the O*NET release" in note for note in report.notes)


def test_progress_is_called_per_stage(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    exposure = write_exposure(tmp_path / "occ.csv", [(DS, "DS", *["0.5"] * 6)])
    import_onet(RELEASE, exposure=exposure, progress=lambda *call: calls.append(call))
    assert calls == [
        ("Occupation Data.txt", 0, 7),
        ("Skills.txt", 1, 7),
        ("Alternate Titles.txt", 2, 7),
        ("Technology Skills.txt", 3, 7),
        ("Related Occupations.txt", 4, 7),
        ("occ.csv", 5, 7),
        ("catalog", 6, 7),
        ("done", 7, 7),
    ]


def test_report_is_frozen() -> None:
    _, report = import_onet(RELEASE)
    assert isinstance(report, ImportReport)
    with pytest.raises(AttributeError):
        report.occupations = 0  # type: ignore[misc]


# --------------------------------------------------------------------------- real data

needs_shared = pytest.mark.skipif(
    not (SHARED_ONET / "Alternate Titles.txt").is_file() or not SHARED_EXPOSURE.is_file(),
    reason=f"the real O*NET files are not in {SHARED}",
)


@needs_shared
def test_real_files_with_fixture_occupations(tmp_path: Path) -> None:
    directory = tmp_path / "db_29_2_text"
    directory.mkdir()
    shutil.copy(RELEASE / "Occupation Data.txt", directory)
    for name in ("Alternate Titles.txt", "Technology Skills.txt"):
        shutil.copy(SHARED_ONET / name, directory)
    catalog, report = import_onet(directory, exposure=SHARED_EXPOSURE)
    assert_valid(catalog)
    assert report.files_missing == ["Skills.txt", "Related Occupations.txt"]
    assert report.unknown_codes["Technology Skills.txt"] > 30_000
    ds = role(catalog, DS)
    assert "Data Scientist" in ds["aliases"]
    human_beta = {e["measure"]: e["value"] for e in ds["ai_exposure"]}
    # facts.md: Data Scientists 15-2051.00, human beta 0.59, GPT-4 beta 0.75
    assert human_beta["GPT exposure β, human raters"] == pytest.approx(0.59, abs=0.005)
    assert human_beta["GPT exposure β, GPT-4 raters"] == pytest.approx(0.75, abs=0.005)
    assert {"c-plus-plus", "apache-spark", "microsoft-excel"} <= set(role_skills(catalog, DS))
    # No alias is a title another occupation of the real file lists too.
    owners: dict[str, set[str]] = {}
    with (SHARED_ONET / "Alternate Titles.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for title in (row["Alternate Title"], row["Short Title"]):
                for key in name_keys(title):
                    owners.setdefault(key, set()).add(row["O*NET-SOC Code"])
    for entry in catalog["roles"]:
        for alias in entry["aliases"]:
            assert all(owners[key] == {entry["onet_soc_code"]} for key in name_keys(alias))


@needs_shared
def test_real_files_at_scale(tmp_path: Path) -> None:
    """Every occupation of occ_level.csv, with the real alternate titles and technologies."""
    directory = tmp_path / "db_29_2_text"
    directory.mkdir()
    with SHARED_EXPOSURE.open(encoding="utf-8", newline="") as handle:
        rows = [(row["O*NET-SOC Code"], row["Title"], "") for row in csv.DictReader(handle)]
    write_tsv(directory / "Occupation Data.txt", OCC_HEADER, rows)
    for name in ("Alternate Titles.txt", "Technology Skills.txt"):
        shutil.copy(SHARED_ONET / name, directory)
    catalog, report = import_onet(directory, exposure=SHARED_EXPOSURE)
    assert_valid(catalog)
    assert report.occupations > 800
    assert "occ_level.csv" not in report.unknown_codes
    assert all(len(r["aliases"]) <= MAX_ALIASES for r in catalog["roles"])
    assert all(r["summary"] == r["title"] for r in catalog["roles"])  # empty descriptions
    assert sum(bool(r["ai_exposure"]) for r in catalog["roles"]) == report.occupations


# --------------------------------------------------------------------------- property test

CODES = ["11-1011.00", "15-1212.00", "15-1252.00", "15-2051.00", "29-1141.00", "29-1141.01"]
UNKNOWN = "99-9999.00"
NAMES = [
    "Data Scientists",
    "data-scientists",
    "Data Scientist",
    "DATA SCIENTISTS!",
    "Straße Planners",
    "Strasse Planners",
    "ﬁsh Cutters",
    "fish cutters",
    "Инженеры",
    "???",
    "C++",
    "C",
    "C#",
    "Programming",
    "Critical Thinking",
    "critical-thinking-tech",
    "15-2051.00",
    "Data Scientists (15-2051.00)",
    "n/a",
]
ELEMENTS = [*list(BY_ELEMENT_ID)[:6], "2.B.3.e", "2.B.3.z", "2.C.1.a"]

names = st.one_of(
    st.sampled_from(NAMES),
    st.text(alphabet="aAbZß1 -+#(é", min_size=1, max_size=10).filter(str.strip),
)
value = st.floats(0, 7).map(lambda x: f"{x:.2f}")
rating = st.one_of(st.just(""), st.just("1.0000000002"), st.floats(0, 1).map(lambda x: f"{x!r}"))


@st.composite
def release_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A small O*NET-shaped release whose side files mostly name its own occupations."""
    size = draw(st.integers(1, len(CODES)))
    occupations = draw(
        st.lists(
            st.tuples(st.sampled_from(CODES), names, st.sampled_from(["", "Does things."])),
            min_size=size,
            max_size=size,
            unique_by=lambda row: row[0],
        )
    )
    own = [row[0] for row in occupations]
    codes = st.sampled_from([*own, *own, *own, UNKNOWN])
    skills = st.tuples(
        codes,
        st.sampled_from(ELEMENTS),
        names,
        st.sampled_from(["IM", "IM", "LV", "XX"]),
        value,
        st.sampled_from(["N", "N", "N", "Y"]),
        st.sampled_from(["N", "n/a", "Y"]),
    )
    technology = st.tuples(codes, names, st.sampled_from("YN"), st.sampled_from("YN"))
    return {
        "occupations": occupations,
        "skills": draw(st.lists(skills, min_size=2 * size, max_size=40)),
        "alternate": draw(
            st.lists(st.tuples(codes, names, st.one_of(st.just("n/a"), names)), max_size=25)
        ),
        "technology": draw(st.lists(technology, min_size=size, max_size=30)),
        "related": draw(st.lists(st.tuples(codes, codes, st.integers(1, 30)), max_size=20)),
        "exposure": draw(
            st.none()
            | st.lists(st.tuples(codes, *[rating] * 6), max_size=6, unique_by=lambda r: r[0])
        ),
        "min_importance": draw(st.sampled_from([1.0, 3.0, 4.5])),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release_strategy())
def test_any_small_release_gives_a_valid_catalog(release: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        directory = make_release(
            root,
            occupations=release["occupations"],
            skills=[
                (code, element, name, scale, data, "8", "0", "0", "0", suppress, relevant, "", "")
                for code, element, name, scale, data, suppress, relevant in release["skills"]
            ],
            alternate=[(code, title, short, "08") for code, title, short in release["alternate"]],
            technology=[
                tech(code, example, hot, demand)
                for code, example, hot, demand in (release["technology"])
            ],
            related=[
                (code, other, "Primary-Short", index) for code, other, index in (release["related"])
            ],
        )
        exposure = None
        if release["exposure"] is not None:
            exposure = write_exposure(
                root / "occ.csv", [(row[0], "Title", *row[1:]) for row in release["exposure"]]
            )
        try:
            catalog, report = import_onet(
                directory, exposure=exposure, min_importance=release["min_importance"]
            )
        except OnetImportError as exc:  # only when no occupation is left with a skill
            message = str(exc)
            catalog = {}
        if not catalog:
            assert "no occupation has a skill" in message
            event("no occupation with a skill")
            return
        event(f"{len(catalog['roles'])} role(s)")
        assert_valid(catalog)
        assert report.occupations == len(catalog["roles"]) >= 1
        assert report.skills == len(catalog["skills"])
        assert all(len(r["aliases"]) <= MAX_ALIASES for r in catalog["roles"])
        assert all(len(r["related"]) <= MAX_RELATED for r in catalog["roles"])
        again, _ = import_onet(
            directory, exposure=exposure, min_importance=release["min_importance"]
        )
        assert json.dumps(again) == json.dumps(catalog)
