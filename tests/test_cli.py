"""The commands, in-process with CliRunner: tables and JSON, on the bundled and a user's catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import SEVEN_ROLES, catalog_data, invoke, write_json

SEVEN = SEVEN_ROLES


@pytest.fixture
def user_catalog(tmp_path: Path) -> Path:
    return write_json(tmp_path / "mine.json", catalog_data())


def test_list_json_has_the_seven_roles_of_the_article() -> None:
    r = invoke("list", "--json")
    assert r.exit_code == 0, r.output
    roles = json.loads(r.stdout)
    assert [role["id"] for role in roles] == SEVEN


def test_list_table_shows_every_title_and_id() -> None:
    r = invoke("list")
    assert r.exit_code == 0, r.output
    for role_id in SEVEN:
        assert role_id in r.stdout
    assert "Data Scientist" in r.stdout
    assert "\x1b[" not in r.stdout  # not a terminal: no colour codes


def test_role_object_expands_skills_with_name_and_kind() -> None:
    r = invoke("show", "data-scientist", "--json")
    role = json.loads(r.stdout)
    assert set(role["skills"][0]) == {"id", "name", "kind", "importance"}
    assert role["onet_soc_code"] == "15-2051.00"
    assert {
        "id",
        "title",
        "aliases",
        "summary",
        "responsibilities",
        "human_edge",
        "related",
    } <= set(role)


def test_show_table_has_every_section() -> None:
    r = invoke("show", "ux", "--format", "table")
    assert r.exit_code == 0, r.output
    for heading in (
        "User Experience (UX) Designer",
        "What the role does",
        "Human skills",
        "Why the source expects this role to stay human",
        "AI exposure",
        "Exposure is not replacement",
        "Related roles",
        "15-1255.00",
    ):
        assert heading in r.stdout


def test_show_role_without_onet_code_says_why_it_has_no_exposure_rating() -> None:
    r = invoke("show", "ethical-ai-specialist")
    assert r.exit_code == 0, r.output
    assert "No matching O*NET occupation, so no research rating" in r.stdout
    assert "GPT exposure" not in r.stdout
    assert "Exposure is not replacement" not in r.stdout
    assert "O*NET-SOC code:" not in r.stdout


@pytest.mark.parametrize(
    "name", ["data-scientist", "Data Scientist", "DATA_SCIENTIST", "data scientists", "data-sci"]
)
def test_show_finds_a_role_by_id_title_alias_or_prefix(name: str) -> None:
    r = invoke("show", name, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["id"] == "data-scientist"


def test_show_unknown_role_exits_1_with_suggestions() -> None:
    r = invoke("show", "data-scientst")
    assert r.exit_code == 1
    assert "did you mean" in r.stderr
    assert "data-scientist" in r.stderr
    assert r.stdout == ""


def test_compare_table_shows_both_titles_and_similarity() -> None:
    r = invoke("compare", "data-scientist", "ai-trainer-explainer")
    assert r.exit_code == 0, r.output
    assert "Data Scientist" in r.stdout
    assert "AI Trainer and Explainer" in r.stdout
    assert "Jaccard" in r.stdout
    assert "shared" in r.stdout


def test_skills_kind_filter(user_catalog: Path) -> None:
    r = invoke("--data", str(user_catalog), "skills", "--kind", "human", "--json")
    assert {s["kind"] for s in json.loads(r.stdout)} == {"human"}


def test_skills_matrix_names_every_role() -> None:
    r = invoke("skills", "--matrix", "--format", "table")
    assert r.exit_code == 0, r.output
    assert "Tech Policy and Regulation Expert" in r.stdout
    assert "Critical Thinking" in r.stdout


def test_match_ranks_roles_using_the_skills_most_and_leaves_out_the_others(
    user_catalog: Path,
) -> None:
    r = invoke("--data", str(user_catalog), "match", "coding", "reasoning", "--json")
    assert r.exit_code == 0, r.output
    ranked = json.loads(r.stdout)
    # Both use both skills; they matter more to the developer (5 + 3) than the analyst (2 + 4).
    # The designer uses neither: not listed.
    assert [m["role"] for m in ranked] == ["developer", "analyst"]
    assert ranked[0]["coverage"] == 1.0
    assert ranked[0]["missing"] == []
    assert ranked[1]["coverage"] == pytest.approx(6 / 11)
    assert [s["id"] for s in ranked[1]["missing"]] == ["statistics"]
    assert ranked[1]["have"][0] == {
        "id": "critical-thinking",
        "name": "Critical Thinking",
        "kind": "human",
        "importance": 4,
    }


def test_match_reads_skills_from_stdin(user_catalog: Path) -> None:
    r = invoke(
        "--data", str(user_catalog), "match", "-", "--json", input="coding\nreasoning, empathy\n"
    )
    assert r.exit_code == 0, r.output
    ranked = json.loads(r.stdout)
    assert [m["role"] for m in ranked] == ["developer", "analyst", "designer"]
    assert [len(m["have"]) for m in ranked] == [2, 2, 1]


def test_match_table_shows_coverage() -> None:
    r = invoke("match", "programming", "critical thinking")
    assert r.exit_code == 0, r.output
    assert "%" in r.stdout
    assert "Software Engineer" in r.stdout


@pytest.mark.parametrize(
    ("a", "b"), [("software-engineer", "data-scientist"), ("ux-designer", "tech-policy-expert")]
)
def test_gap_on_the_bundled_catalog_splits_the_targets_skills_most_important_first(
    a: str, b: str
) -> None:
    doc = json.loads(invoke("gap", a, b, "--json").stdout)
    for part in ("transferable", "to_learn"):
        importances = [e["importance"] for e in doc[part]]
        assert importances == sorted(importances, reverse=True), doc[part]
    target = json.loads(invoke("show", b, "--json").stdout)
    source_ids = {s["id"] for s in json.loads(invoke("show", a, "--json").stdout)["skills"]}
    assert {e["id"] for e in doc["transferable"]} == {
        s["id"] for s in target["skills"] if s["id"] in source_ids
    }
    assert {e["id"] for e in doc["to_learn"]} == {
        s["id"] for s in target["skills"] if s["id"] not in source_ids
    }


def test_gap_splits_target_skills(user_catalog: Path) -> None:
    r = invoke("--data", str(user_catalog), "gap", "developer", "analyst", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["from"] == "developer"
    assert doc["to"] == "analyst"
    assert [s["id"] for s in doc["transferable"]] == ["critical-thinking", "programming"]
    assert [s["id"] for s in doc["to_learn"]] == ["statistics"]
    assert doc["to_learn"][0]["importance"] == 5


def test_gap_table_gives_a_verdict() -> None:
    r = invoke("gap", "software-engineer", "data-scientist")
    assert r.exit_code == 0, r.output
    assert "you bring" in r.stdout
    assert "To learn" in r.stdout


def test_validate_bundled_catalog_is_valid() -> None:
    r = invoke("validate")
    assert r.exit_code == 0, r.output
    assert "valid" in r.stdout


def test_list_sort_by_exposure_puts_rated_roles_first() -> None:
    r = invoke("list", "--sort", "exposure", "--json")
    ids = [role["id"] for role in json.loads(r.stdout)]
    rated = [
        i
        for i in ids
        if i in {"data-scientist", "cybersecurity-expert", "software-engineer", "ux-designer"}
    ]
    assert ids[:4] == rated


def test_skills_matrix_caps_its_columns_and_says_so(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"] = [
        {
            "id": f"role-{i}",
            "title": f"Role {i}",
            "summary": "s",
            "skills": [{"id": "empathy", "importance": 1 + i % 5}],
        }
        for i in range(25)
    ]
    path = write_json(tmp_path / "many.json", data)
    r = invoke("--data", str(path), "skills", "--matrix", "-f", "table", env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "Role 19" in r.stdout
    assert "Role 20" not in r.stdout
    assert "first 20 of 25 roles" in r.stdout


def test_match_shows_the_best_twenty_unless_told_otherwise(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"] = [
        {
            "id": f"role-{i:02}",
            "title": f"Role {i}",
            "summary": "s",
            "skills": [
                {"id": "empathy", "importance": 5},
                {"id": "statistics", "importance": 1 + i % 5},
            ],
        }
        for i in range(25)
    ]
    path = write_json(tmp_path / "many.json", data)
    default = json.loads(invoke("--data", str(path), "match", "empathy", "--json").stdout)
    every = json.loads(invoke("--data", str(path), "match", "empathy", "--json", "--all").stdout)
    three = json.loads(invoke("--data", str(path), "match", "empathy", "--json", "-n", "3").stdout)
    assert len(default) == 20
    assert len(every) == 25
    assert default == every[:20]
    assert three == every[:3]
    scores = [m["score"] for m in every]
    assert scores == sorted(scores, reverse=True)


def test_match_table_says_when_it_shows_only_the_best(tmp_path: Path) -> None:
    data = catalog_data()
    path = str(write_json(tmp_path / "c.json", data))
    r = invoke(
        "--data", path, "match", "empathy", "coding", "reasoning", "-n", "2", "--format", "table"
    )
    assert r.exit_code == 0, r.output
    assert "The best 2 of the 3 roles that use any of your skills" in r.stdout
    r = invoke("--data", path, "match", "empathy", "coding", "reasoning", "--format", "table")
    assert "The best" not in r.stdout
