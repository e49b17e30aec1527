"""Catalog schema 2: the facts O*NET and BLS give of an occupation load, survive the store
and come back in ``show --json`` as the catalog has them; schema 1 still loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, write_json

from jobcli.models import problems_in

PAY = {
    "median": 239200,
    "p10": 63650,
    "p90": 239200,
    "top_coded": ["median", "p90"],
    "period": "May 2024",
    "soc": "15-2051",
    "soc_title": "Data Scientists",
    "group": False,
    "source": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
}
OUTLOOK = {
    "employment": 245900,
    "change_percent": 33.5,
    "openings_per_year": 23400,
    "period": "2024–34",
    "soc": "15-2051",
    "soc_title": "Data Scientists",
    "group": False,
    "source": "U.S. Bureau of Labor Statistics, Employment Projections 2024–34",
}
PREPARATION = {
    "job_zone": 4,
    "name": "Considerable Preparation Needed",
    "education": "Bachelor's degree",
    "source": "O*NET Job Zones",
}


def _schema2(**role_changes: Any) -> dict[str, Any]:
    data = catalog_data(schema_version=2)
    role = data["roles"][0]
    role["skills"][0]["rating"] = {"importance": 4.62, "level": 5.12}
    role["skills"][1]["rating"] = {"importance": 4.12, "level": None}
    role.update(
        technologies=[
            {"name": "Python", "hot": True, "in_demand": True},
            {"name": "Apache Spark", "hot": True, "in_demand": False},
        ],
        preparation=PREPARATION,
        pay=PAY,
        outlook=OUTLOOK,
        interests=["Investigative", "Conventional"],
        alternate_titles=["Data Analytics Scientist", "Shared Title"],
    )
    data["roles"][1]["alternate_titles"] = ["Shared Title"]
    data["roles"][2]["skills_rated"] = False
    role.update(role_changes)
    return data


def test_a_schema_2_catalog_with_every_fact_is_valid() -> None:
    assert problems_in(_schema2()) == []


def test_every_fact_survives_the_store_as_the_catalog_has_it(tmp_path: Path) -> None:
    data = _schema2()
    path = write_json(tmp_path / "c.json", data)
    for _ in range(2):  # compiled, then read from the store
        result = invoke("--data", str(path), "show", "analyst", "--json")
        assert result.exit_code == 0, result.output
        shown = json.loads(result.stdout)
        role = data["roles"][0]
        for key in ("technologies", "preparation", "pay", "outlook", "interests"):
            assert shown[key] == role[key], key
        assert shown["alternate_titles"] == role["alternate_titles"]
        assert shown["skills_rated"] is True
        assert shown["skills"][0]["rating"] == {"importance": 4.62, "level": 5.12}
    unrated = json.loads(invoke("--data", str(path), "show", "designer", "--json").stdout)
    assert unrated["skills_rated"] is False
    assert unrated["pay"] is None
    assert unrated["outlook"] is None
    assert unrated["interests"] == []


def test_skills_are_ordered_by_the_precise_importance_not_by_name(tmp_path: Path) -> None:
    data = _schema2()
    data["roles"][0]["skills"] = [
        {"id": "critical-thinking", "importance": 4, "rating": {"importance": 3.6, "level": 3.0}},
        {"id": "programming", "importance": 4, "rating": {"importance": 4.4, "level": 4.0}},
        {"id": "empathy", "importance": 4, "rating": {"importance": 4.1, "level": 2.0}},
    ]
    path = write_json(tmp_path / "c.json", data)
    lines = invoke("--data", str(path), "show", "analyst").stdout.splitlines()
    order = [line.split("\t")[1] for line in lines if line.startswith("human\t")]
    assert order == ["empathy", "critical-thinking"]  # 4.1 before 3.6, though both are 4


@pytest.mark.parametrize(
    ("change", "location"),
    [
        ({"preparation": {**PREPARATION, "job_zone": 6}}, "roles[0].preparation.job_zone"),
        ({"pay": {**PAY, "median": -1}}, "roles[0].pay.median"),
        ({"pay": {**PAY, "top_coded": ["mean"]}}, "roles[0].pay.top_coded[0]"),
        ({"interests": ["Curious"]}, "roles[0].interests[0]"),
        ({"technologies": [{"name": "x", "hot": "yes"}]}, "roles[0].technologies[0].hot"),
        ({"outlook": {"employment": 1, "source": "s"}}, "roles[0].outlook.period"),
    ],
)
def test_a_bad_fact_is_reported_with_its_location(change: dict[str, Any], location: str) -> None:
    problems = problems_in(_schema2(**change))
    assert [p.location for p in problems] == [location], problems


def test_a_level_outside_o_nets_scale_is_reported() -> None:
    data = _schema2()
    data["roles"][0]["skills"][0]["rating"] = {"importance": 4.0, "level": 7.5}
    assert [p.location for p in problems_in(data)] == ["roles[0].skills[0].rating.level"]


def test_a_schema_1_catalog_still_loads_and_shows_no_facts(tmp_path: Path) -> None:
    path = write_json(tmp_path / "c.json", catalog_data())
    shown = json.loads(invoke("--data", str(path), "show", "analyst", "--json").stdout)
    assert shown["pay"] is None
    assert shown["technologies"] == []
    assert "rating" not in shown["skills"][0]
