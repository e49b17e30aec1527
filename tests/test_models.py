"""Every rule of the catalog format: a problem with its location, and exit 3 from the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, invoke_as, write_json

from jobcli.models import problems_in


def test_the_base_catalog_is_valid() -> None:
    assert problems_in(catalog_data()) == []


def _mutated(change: Any) -> dict[str, Any]:
    data = catalog_data()
    change(data)
    return data


def _role(data: dict[str, Any], i: int) -> dict[str, Any]:
    role: dict[str, Any] = data["roles"][i]
    return role


def _skill_of(data: dict[str, Any], role: int, i: int = 0) -> dict[str, Any]:
    skill: dict[str, Any] = data["roles"][role]["skills"][i]
    return skill


def _exposure(data: dict[str, Any]) -> dict[str, Any]:
    exposure: dict[str, Any] = data["roles"][0]["ai_exposure"][0]
    return exposure


# Every rule of the catalog format, once: (name, mutation of catalog_data(), the location the
# problem is reported at, words the message holds). The CLI reports these same problems
# (catalog.load calls problems_in); tests/test_contract.py checks that wiring in a subprocess.
_COLLIDES = "collides with {!r} of role {!r} ({}); a name must mean one role"
RULES: list[tuple[str, Any, str, str]] = [
    ("unknown-field-top", lambda d: d.update(extra=1), "extra", "unknown field"),
    ("unknown-field-skill", lambda d: d["skills"][1].update(level=3), "skills[1].level",
     "unknown field"),
    ("unknown-field-role", lambda d: _role(d, 0).update(salary=1), "roles[0].salary",
     "unknown field"),
    ("unknown-field-role-skill", lambda d: _skill_of(d, 0).update(level=3),
     "roles[0].skills[0].level", "unknown field"),
    ("unknown-field-exposure", lambda d: _exposure(d).update(year=2023),
     "roles[0].ai_exposure[0].year", "unknown field"),
    ("schema-version-3", lambda d: d.update(schema_version=3), "schema_version",
     "unsupported schema_version: the number 3; this jobcli reads versions 1 and 2"),
    ("schema-version-true", lambda d: d.update(schema_version=True), "schema_version",
     "unsupported schema_version: true"),
    ("schema-version-float", lambda d: d.update(schema_version=1.0), "schema_version",
     "unsupported schema_version: the number 1.0"),
    ("no-roles", lambda d: d.pop("roles"), "roles", "required field is missing"),
    ("role-not-an-object", lambda d: d["roles"].append("x"), "roles[3]", "JSON object"),
    ("role-id-not-a-slug", lambda d: _role(d, 0).update(id="Data_Analyst"), "roles[0].id",
     "'Data_Analyst' is not a lowercase slug"),
    ("skill-id-not-a-slug", lambda d: d["skills"].append({"id": "bad--id", "name": "Bad",
     "kind": "human"}), "skills[4].id", "'bad--id' is not a lowercase slug"),
    ("skill-id-twice", lambda d: d["skills"][3].update(id="statistics"), "skills[3].id",
     "skill id 'statistics' is given twice"),
    ("role-id-twice", lambda d: _role(d, 2).update(id="developer"), "roles[2].id",
     "role id 'developer' is given twice"),
    ("kind-unknown", lambda d: d["skills"][0].update(kind="soft"), "skills[0].kind",
     "'human', 'technical' or 'knowledge'"),
    ("importance-0", lambda d: _skill_of(d, 0).update(importance=0),
     "roles[0].skills[0].importance", "greater than or equal to 1"),
    ("importance-6", lambda d: _skill_of(d, 0).update(importance=6),
     "roles[0].skills[0].importance", "less than or equal to 5"),
    ("importance-string", lambda d: _skill_of(d, 0).update(importance="5"),
     "roles[0].skills[0].importance", "valid integer"),
    ("importance-fraction", lambda d: _skill_of(d, 0).update(importance=4.5),
     "roles[0].skills[0].importance", "valid integer"),
    ("importance-bool", lambda d: _skill_of(d, 0).update(importance=True),
     "roles[0].skills[0].importance", "valid integer"),
    ("role-names-unknown-skill", lambda d: _skill_of(d, 1, 1).update(id="cooking"),
     "roles[1].skills[1].id", "unknown skill 'cooking'"),
    ("skill-twice-in-a-role", lambda d: _skill_of(d, 1, 1).update(id="programming"),
     "roles[1].skills[1].id", "skill 'programming' appears twice in the role"),
    ("related-unknown-role", lambda d: _role(d, 0).update(related=["astronaut"]),
     "roles[0].related[0]", "unknown role 'astronaut'"),
    ("related-itself", lambda d: _role(d, 0).update(related=["analyst"]), "roles[0].related[0]",
     "role 'analyst' lists itself as related"),
    ("alias-collides-with-other-title-case-aside",
     lambda d: _role(d, 1)["aliases"].append("DATA ANALYST"), "roles[1].aliases[2]",
     _COLLIDES.format("Data Analyst", "analyst", "roles[0]")),
    ("alias-collides-with-other-title-punctuation-aside",
     lambda d: _role(d, 2).update(aliases=["Software-Developer!"]), "roles[2].aliases[0]",
     _COLLIDES.format("Software Developer", "developer", "roles[1]")),
    ("alias-collides-with-other-id", lambda d: _role(d, 1).update(aliases=["ANALYST"]),
     "roles[1].aliases[0]", _COLLIDES.format("analyst", "analyst", "roles[0]")),
    ("alias-collides-with-other-alias", lambda d: _role(d, 2).update(aliases=["PROGRAMMER"]),
     "roles[2].aliases[0]", _COLLIDES.format("programmer", "developer", "roles[1]")),
    ("title-collides-with-other-title", lambda d: _role(d, 2).update(title="data analyst"),
     "roles[2].title", _COLLIDES.format("Data Analyst", "analyst", "roles[0]")),
    ("title-collides-with-an-id-case-and-punctuation-aside",
     lambda d: _role(d, 2).update(title="DEVELOPER!"), "roles[2].title",
     _COLLIDES.format("developer", "developer", "roles[1]")),
    ("alias-identical-on-two-roles-without-letters",
     lambda d: (_role(d, 0)["aliases"].append("!!!"), _role(d, 1)["aliases"].append("!!!")),
     "roles[1].aliases[2]", _COLLIDES.format("!!!", "analyst", "roles[0]")),
    ("onet-code-malformed", lambda d: _role(d, 0).update(onet_soc_code="15-2051"),
     "roles[0].onet_soc_code", "'15-2051' is not an O*NET-SOC code (NN-NNNN.NN)"),
    ("onet-code-non-ascii-digits", lambda d: _role(d, 0).update(onet_soc_code="١٥-٢٠٥١.٠١"),
     "roles[0].onet_soc_code", "is not an O*NET-SOC code (NN-NNNN.NN)"),
    ("title-empty", lambda d: _role(d, 0).update(title=""), "roles[0].title", "at least 1"),
    ("summary-empty", lambda d: _role(d, 0).update(summary=""), "roles[0].summary",
     "at least 1"),
    ("summary-missing", lambda d: _role(d, 2).pop("summary"), "roles[2].summary",
     "required field is missing"),
    ("title-missing", lambda d: _role(d, 2).pop("title"), "roles[2].title",
     "required field is missing"),
    ("exposure-above-1", lambda d: _exposure(d).update(value=1.5),
     "roles[0].ai_exposure[0].value", "less than or equal to 1"),
    ("exposure-below-0", lambda d: _exposure(d).update(value=-0.1),
     "roles[0].ai_exposure[0].value", "greater than or equal to 0"),
    ("exposure-string", lambda d: _exposure(d).update(value="0.5"),
     "roles[0].ai_exposure[0].value", "valid number"),
    ("exposure-without-source", lambda d: _exposure(d).pop("source"),
     "roles[0].ai_exposure[0].source", "required field is missing"),
    ("exposure-without-measure", lambda d: _exposure(d).pop("measure"),
     "roles[0].ai_exposure[0].measure", "required field is missing"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutation", "location", "words"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_is_reported_with_its_location(mutation: Any, location: str, words: str) -> None:
    problems = problems_in(_mutated(mutation))
    assert any(p.location == location and words in p.message for p in problems), problems


def test_validate_lists_every_problem_at_once(tmp_path: Path) -> None:
    def three_problems(d: dict[str, Any]) -> None:
        d["roles"][0]["skills"][0]["importance"] = 6  # the format
        d["roles"][1]["related"] = ["ghost"]  # a reference
        d["roles"][2]["title"] = "DATA ANALYST"  # a name collision

    path = write_json(tmp_path / "three.json", _mutated(three_problems))
    expected = ["roles[0].skills[0].importance", "roles[1].related[0]", "roles[2].title"]
    r = invoke("validate", str(path), "--json")
    assert r.exit_code == 3, r.output
    doc = json.loads(r.stdout)
    assert doc["valid"] is False
    assert sorted(p["location"] for p in doc["problems"]) == expected
    assert all(p["message"] for p in doc["problems"])
    # Piped: one problem a line, naming the file; as a table: the count.
    r = invoke_as("validate", str(path), tty=False, width=300)
    assert r.exit_code == 3
    assert len(r.stdout.splitlines()) == 3
    assert all(where in r.stdout for where in expected)
    assert str(path) in r.stdout
    r = invoke_as("validate", str(path), "-f", "table", tty=False, width=300)
    assert "3 problems" in r.stdout
    # Any command reading the catalog names every problem on stderr, nothing on stdout.
    r = invoke("--data", str(path), "list")
    assert r.exit_code == 3
    assert r.stdout == ""
    assert str(path) in r.stderr
    assert "3 problems" in r.stderr
    assert all(where in r.stderr for where in expected)


def test_cross_references_are_all_listed() -> None:
    def two(d: dict[str, Any]) -> None:
        d["roles"][0]["related"] = ["nobody"]
        d["roles"][1]["skills"][0]["id"] = "juggling"

    problems = problems_in(_mutated(two))
    assert {p.location for p in problems} == {"roles[1].skills[0].id", "roles[0].related[0]"}


# Files that are not a catalog at all: exit 3, the file's name and the problem's place.
BAD_FILES: list[tuple[str, bytes, list[str]]] = [
    ("empty", b"", ["empty"]),
    ("blank", b"  \n\t\n", ["empty"]),
    ("broken", b'{\n  "schema_version": 1,\n  "skills": [}\n', ["line 3, column 14"]),
    ("truncated", b'{"schema_version": 1, "skills": [', ["line 1, column 34", "JSON"]),
    ("latin-1", b'{"source": "caf\xe9"}', ["not UTF-8", "line 1, column 16"]),
    ("utf-16", '{"schema_version": 1}'.encode("utf-16"), ["not UTF-8"]),
    ("array", b"[]", ["JSON object"]),
    ("string", b'"roles"', ["JSON object"]),
    ("number", b"42", ["JSON object"]),
    ("null", b"null", ["JSON object"]),
    ("nan", b'{"schema_version": NaN}', ["NaN"]),
    ("deep-arrays", b"[" * 100_000, ["nested too deeply"]),
    ("deep-objects", b'{"a":' * 100_000, ["nested too deeply"]),
    ("huge-number", b'{"schema_version": ' + b"9" * 5000 + b"}", ["number"]),
    ("wrong-types", b'{"schema_version": 1, "skills": {}, "roles": "x"}', ["skills", "roles"]),
    (
        "deep-but-parseable",
        b'{"schema_version": 1, "skills": ' + b"[" * 500 + b"]" * 500 + b', "roles": []}',
        ["skills[0]", "JSON object"],
    ),
    (
        "duplicate-key",
        b'{"schema_version": 1, "skills": [], "roles": [], "skills": []}',
        ["skills", "twice"],
    ),
    (
        "duplicate-nested-key",
        b'{"schema_version": 1, "skills": [{"id": "a", "id": "b"}], "roles": []}',
        ["skills[0].id", "twice"],
    ),
    (
        "lone-surrogate",
        b'{"schema_version": 1, "source": "\\ud800"}',
        ["source", "surrogate", "not valid text"],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "words"), [pytest.param(*case, id=case[0]) for case in BAD_FILES]
)
def test_a_bad_file_exits_3_with_its_name_and_place(
    tmp_path: Path, name: str, content: bytes, words: list[str]
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    r = invoke("--data", str(path), "list")
    assert r.exit_code == 3, r.output
    assert r.stdout == ""
    assert str(path) in r.stderr
    for word in words:
        assert word in r.stderr, (word, r.stderr)


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(catalog_data()).encode())
    r = invoke("--data", str(path), "list", "--json")
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)) == 3
    assert invoke("validate", str(path)).exit_code == 0


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


def test_a_whole_number_written_with_a_decimal_point_is_an_integer(tmp_path: Path) -> None:
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
