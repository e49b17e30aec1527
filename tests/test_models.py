"""Every rule of the catalog format: a problem with its location, and exit 3 from the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, write_json

from jobcli.models import problems_in


def test_the_base_catalog_is_valid() -> None:
    assert problems_in(catalog_data()) == []


def test_the_bundled_catalog_is_valid() -> None:
    r = invoke("validate", "--json")
    assert r.exit_code == 0, r.output


def _mutated(change: Any) -> dict[str, Any]:
    data = catalog_data()
    change(data)
    return data


# (name, mutation, expected location, a word the message must hold)
RULES = [
    ("unknown top-level field", lambda d: d.update(extra=1), "extra", "unknown field"),
    (
        "unknown role field",
        lambda d: d["roles"][0].update(salary=1),
        "roles[0].salary",
        "unknown field",
    ),
    (
        "unknown skill field",
        lambda d: d["skills"][1].update(level=3),
        "skills[1].level",
        "unknown field",
    ),
    ("schema version", lambda d: d.update(schema_version=3), "schema_version", "schema_version"),
    ("role id not a slug", lambda d: d["roles"][1].update(id="Dev Ops"), "roles[1].id", "slug"),
    (
        "skill id not a slug",
        lambda d: d["skills"][0].update(id="crit_think"),
        "skills[0].id",
        "slug",
    ),
    (
        "duplicate skill id",
        lambda d: d["skills"][3].update(id="statistics"),
        "skills[3].id",
        "twice",
    ),
    ("duplicate role id", lambda d: d["roles"][2].update(id="developer"), "roles[2].id", "twice"),
    ("unknown kind", lambda d: d["skills"][0].update(kind="soft"), "skills[0].kind", "human"),
    (
        "importance too low",
        lambda d: d["roles"][0]["skills"][0].update(importance=0),
        "roles[0].skills[0].importance",
        "greater than or equal to 1",
    ),
    (
        "importance too high",
        lambda d: d["roles"][0]["skills"][0].update(importance=6),
        "roles[0].skills[0].importance",
        "less than or equal to 5",
    ),
    (
        "importance a string",
        lambda d: d["roles"][0]["skills"][0].update(importance="5"),
        "roles[0].skills[0].importance",
        "integer",
    ),
    (
        "importance a fraction",
        lambda d: d["roles"][0]["skills"][0].update(importance=4.5),
        "roles[0].skills[0].importance",
        "integer",
    ),
    (
        "unknown skill in a role",
        lambda d: d["roles"][1]["skills"][1].update(id="cooking"),
        "roles[1].skills[1].id",
        "cooking",
    ),
    (
        "skill twice in a role",
        lambda d: d["roles"][1]["skills"][1].update(id="programming"),
        "roles[1].skills[1].id",
        "twice",
    ),
    (
        "related unknown",
        lambda d: d["roles"][0].update(related=["astronaut"]),
        "roles[0].related[0]",
        "astronaut",
    ),
    (
        "related to itself",
        lambda d: d["roles"][0].update(related=["analyst"]),
        "roles[0].related[0]",
        "itself",
    ),
    (
        "alias collides with another title",
        lambda d: d["roles"][2].update(aliases=["software developer"]),
        "roles[2].aliases[0]",
        "developer",
    ),
    (
        "title collides with an id, case and punctuation aside",
        lambda d: d["roles"][2].update(title="DEVELOPER!"),
        "roles[2].title",
        "collides",
    ),
    (
        "bad O*NET code",
        lambda d: d["roles"][0].update(onet_soc_code="15-2051"),
        "roles[0].onet_soc_code",
        "NN-NNNN.NN",
    ),
    ("empty title", lambda d: d["roles"][0].update(title=""), "roles[0].title", "at least 1"),
    ("empty summary", lambda d: d["roles"][0].update(summary=""), "roles[0].summary", "at least 1"),
    ("missing summary", lambda d: d["roles"][0].pop("summary"), "roles[0].summary", "missing"),
    (
        "exposure above 1",
        lambda d: d["roles"][0]["ai_exposure"][0].update(value=1.5),
        "roles[0].ai_exposure[0].value",
        "less than or equal to 1",
    ),
    (
        "exposure without source",
        lambda d: d["roles"][0]["ai_exposure"][0].pop("source"),
        "roles[0].ai_exposure[0].source",
        "missing",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "location", "word"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_is_reported_with_its_location(mutation: Any, location: str, word: str) -> None:
    problems = problems_in(_mutated(mutation))
    assert any(p.location == location and word in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("mutation", "location"), [(r[1], r[2]) for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_makes_the_cli_exit_3(tmp_path: Path, mutation: Any, location: str) -> None:
    path = write_json(tmp_path / "bad.json", _mutated(mutation))
    r = invoke("--data", str(path), "list")
    assert r.exit_code == 3
    assert str(path) in r.stderr
    assert location in r.stderr
    assert "Traceback" not in r.output


def test_validate_lists_every_problem_at_once(tmp_path: Path) -> None:
    def three_problems(d: dict[str, Any]) -> None:
        d["roles"][0]["skills"][0]["importance"] = 9
        d["roles"][1]["related"] = ["nobody"]
        d["skills"][2]["kind"] = "vibes"

    path = write_json(tmp_path / "bad.json", _mutated(three_problems))
    r = invoke("validate", str(path), "--json")
    assert r.exit_code == 3
    import json

    doc = json.loads(r.stdout)
    assert doc["valid"] is False
    locations = {p["location"] for p in doc["problems"]}
    assert {"roles[0].skills[0].importance", "skills[2].kind"} <= locations


def test_cross_references_are_all_listed() -> None:
    def two(d: dict[str, Any]) -> None:
        d["roles"][0]["related"] = ["nobody"]
        d["roles"][1]["skills"][0]["id"] = "juggling"

    problems = problems_in(_mutated(two))
    assert {p.location for p in problems} == {"roles[1].skills[0].id", "roles[0].related[0]"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b'{"schema_version": 1,\n "skills": [}', "line 2, column"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"[1, 2]", "valid dictionary"),
        (b'{"schema_version": 1, "schema_version": 1, "skills": [], "roles": []}', "twice"),
        (b"NaN", "NaN"),
    ],
    ids=["empty", "broken-json", "not-utf8", "wrong-shape", "duplicate-key", "nan"],
)
def test_unreadable_catalogs_exit_3_with_the_reason(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(content)
    r = invoke("validate", str(path))
    assert r.exit_code == 3
    assert expected in r.output


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    import json

    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(catalog_data()).encode())
    r = invoke("--data", str(path), "list", "--json")
    assert r.exit_code == 0, r.output


def test_a_directory_is_not_a_catalog(tmp_path: Path) -> None:
    r = invoke("--data", str(tmp_path), "list")
    assert r.exit_code == 3
    assert "directory" in r.stderr


@pytest.mark.parametrize("blank", ["   ", "\t\n"])
def test_a_blank_title_is_as_empty_as_an_empty_one(blank: str) -> None:
    problems = problems_in(_mutated(lambda d: d["roles"][1].update(title=blank)))
    assert [(p.location, p.message) for p in problems] == [("roles[1].title", "must not be blank")]


def test_text_with_letters_around_spaces_is_fine() -> None:
    assert problems_in(_mutated(lambda d: d["roles"][1].update(title="  Dev Ops  "))) == []


def test_names_without_letters_still_collide_and_still_name_their_role(tmp_path: Path) -> None:
    def both_question_marks(d: dict[str, Any]) -> None:
        d["roles"][0]["title"] = "???"
        d["roles"][1]["title"] = "? ? ?"

    problems = problems_in(_mutated(both_question_marks))
    assert [p.location for p in problems] == ["roles[1].title"]
    path = write_json(tmp_path / "c.json", _mutated(lambda d: d["roles"][0].update(title="???")))
    r = invoke("--data", str(path), "show", "???", "--json")
    assert r.exit_code == 0, r.output


def test_an_onet_code_needs_ascii_digits() -> None:
    problems = problems_in(_mutated(lambda d: d["roles"][0].update(onet_soc_code="١٥-٢٠٥١.٠١")))
    assert [p.location for p in problems] == ["roles[0].onet_soc_code"]


def test_a_whole_number_written_with_a_decimal_point_is_an_integer(tmp_path: Path) -> None:
    import json

    data = _mutated(lambda d: d["roles"][0]["skills"][0].update(importance=4.0))
    assert problems_in(data) == []
    path = write_json(tmp_path / "c.json", data)
    role = json.loads(invoke("--data", str(path), "show", "analyst", "--json").stdout)
    assert role["skills"][0]["importance"] == 4
    assert isinstance(role["skills"][0]["importance"], int)


def test_names_that_differ_by_a_vowel_sign_are_two_names() -> None:
    data = catalog_data()
    data["roles"][1]["title"] = "कम"  # "less"
    data["roles"][2]["title"] = "काम"  # "work"
    assert problems_in(data) == []


@pytest.mark.parametrize(
    ("where", "name"),
    [
        ("title", "Dаta Analyst"),  # a Cyrillic а
        ("aliases", "ΑΝΑLYSTS"),  # Greek capitals Alpha and Nu
        ("aliases", "dаtа-аnаlyst"),
    ],
)
def test_a_name_that_only_looks_like_another_roles_name_is_reported(where: str, name: str) -> None:
    data = catalog_data()
    if where == "title":
        data["roles"][1]["title"] = name
        location = "roles[1].title"
    else:
        data["roles"][1]["aliases"] = [name]
        location = "roles[1].aliases[0]"
    problems = problems_in(data)
    assert [p.location for p in problems] == [location], problems
    assert "looks the same as" in problems[0].message
    assert "of role 'analyst'" in problems[0].message


def test_words_of_one_script_are_not_confused_with_each_other() -> None:
    data = catalog_data()
    data["roles"][1]["title"] = "ВАР"  # Cyrillic words whose skeletons meet ("bap")
    data["roles"][2]["title"] = "ЬАР"
    assert problems_in(data) == []


def test_validate_reports_a_look_alike_with_its_location(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][2]["aliases"] = ["Sоftware Developer"]  # a Cyrillic о
    path = write_json(tmp_path / "alike.json", data)
    r = invoke("validate", str(path))
    assert r.exit_code == 3
    assert "roles[2].aliases[0]" in r.output
    assert "looks the same as 'Software Developer'" in r.output
