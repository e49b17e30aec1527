"""search, skill, list --skill/--family and match's forgiving names, through the CLI.

On the bundled catalog and, when the real O*NET release sits in ``../shared``, on it:
the answers a person exploring careers would expect.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from onet_support import SHARED_EXPOSURE, SHARED_ONET
from support import catalog_data, invoke, invoke_as, write_json


def json_of(*args: str) -> Any:
    r = invoke(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# search -----------------------------------------------------------------------------------------


def test_search_ranks_the_role_whose_title_holds_the_words_first() -> None:
    hits = json_of("search", "data", "scientist")
    assert hits[0]["id"] == "data-scientist"
    assert set(hits[0]) >= {"id", "title", "score", "matched"}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "text", ['"', "C++", "AND", "NEAR(", "*", "a OR b", '"unbalanced', "'", "-x", "^"]
)
def test_search_takes_any_text_without_an_error(text: str) -> None:
    r = invoke("search", "--json", "--", text)
    assert r.exit_code in (0, 1), r.output  # found, or found nothing (as grep)
    found = json.loads(r.stdout)
    assert isinstance(found, list)
    assert bool(found) == (r.exit_code == 0)


def test_search_with_no_hit_exits_1_with_an_empty_array_and_a_note() -> None:
    r = invoke("search", "xylophone", "--json")
    assert r.exit_code == 1, r.output
    assert json.loads(r.stdout) == []
    assert "no role matches 'xylophone'" in r.stderr
    r = invoke_as("search", "xylophone", tty=False)
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "xylophone" in r.stderr


def test_search_with_nothing_to_look_for_is_a_usage_error() -> None:
    r = invoke("search", "  ")
    assert r.exit_code == 2
    assert "search" in r.stderr


def test_search_limit_and_all() -> None:
    assert len(json_of("search", "data", "-n", "2")) == 2
    assert len(json_of("search", "the", "--all")) >= len(json_of("search", "the", "-n", "1"))


def test_search_piped_is_one_record_a_line_with_the_id() -> None:
    r = invoke_as("search", "security", tty=False)
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0].split("\t")
    assert first[:2] == ["1", "cybersecurity-expert"]


def test_search_table_shows_ids_and_what_matched() -> None:
    r = invoke_as("search", "security", width=80)
    assert "cybersecurity-expert" in r.stdout
    assert "Search: security" in r.stdout


# skill -----------------------------------------------------------------------------------------


def test_skill_shows_kind_aliases_and_the_roles_that_need_it_most() -> None:
    doc = json_of("skill", "python")
    assert doc["id"] == "python"
    assert doc["kind"] == "technical"
    assert set(doc) >= {"id", "name", "kind", "description", "aliases", "roles"}
    importances = [r["importance"] for r in doc["roles"]]
    assert importances == sorted(importances, reverse=True)
    assert "data-scientist" in [r["id"] for r in doc["roles"]]
    assert all(set(r) == {"id", "title", "importance"} for r in doc["roles"])


def test_skill_by_alias_and_unknown_skill() -> None:
    assert json_of("skill", "sql")["name"] == "Structured query language SQL"
    r = invoke("skill", "xylophone")
    assert r.exit_code == 1
    assert "xylophone" in r.stderr


def test_skill_detail_view_piped_is_plain_text() -> None:
    r = invoke_as("skill", "critical thinking", tty=False)
    assert r.exit_code == 0, r.output
    assert "Critical Thinking (critical-thinking)" in r.stdout
    assert "│" not in r.stdout
    assert "╭" not in r.stdout


# list --skill / --family --------------------------------------------------------------------


def test_list_skill_lists_only_the_roles_that_need_it() -> None:
    roles = json_of("list", "--skill", "figma")
    assert [r["id"] for r in roles] == ["ux-designer"]


def test_list_family_on_a_catalog_without_codes_is_not_found(tmp_path: Path) -> None:
    data = catalog_data()
    for role in data["roles"]:
        role.pop("onet_soc_code", None)
    path = str(write_json(tmp_path / "c.json", data))
    r = invoke("--data", path, "list", "--family", "15")
    assert r.exit_code == 1
    assert "no O*NET-SOC codes" in r.stderr


def test_list_family_of_the_bundled_catalog() -> None:
    roles = json_of("list", "--family", "15")
    assert "data-scientist" in [r["id"] for r in roles]
    assert "ethical-ai-specialist" not in [r["id"] for r in roles]


def test_list_family_keeps_the_roles_of_that_soc_group(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][0]["onet_soc_code"] = "15-2051.00"
    data["roles"][1]["onet_soc_code"] = "27-1021.00"
    path = str(write_json(tmp_path / "c.json", data))
    roles = json_of("--data", path, "list", "--family", "15")
    assert [r["onet_soc_code"] for r in roles] == ["15-2051.00"]
    r = invoke("--data", path, "list", "--family", "99")
    assert r.exit_code == 1
    assert "15 Computer and Mathematical" in r.stderr


# match: forgiving names -------------------------------------------------------------------------


def test_match_reads_unquoted_words_of_one_name_as_that_name() -> None:
    r = invoke("match", "critical", "thinking", "--json")
    assert r.exit_code == 0, r.output
    matches = json.loads(r.stdout)
    assert matches
    assert all("critical-thinking" in [s["id"] for s in m["have"]] for m in matches)


def test_match_strict_makes_a_miss_fatal() -> None:
    r = invoke("match", "python", "xylophone", "--strict", "--json")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "xylophone" in r.stderr


def test_match_words_that_name_nothing_point_to_search() -> None:
    r = invoke("match", "quantum", "gardening")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "jobcli: hint: jobcli search 'quantum gardening' looks for the words" in r.stderr


def test_match_python_sql_ranks_the_data_scientist_first_and_lists_only_users() -> None:
    matches = json_of("match", "python", "sql")
    assert matches[0]["role"] == "data-scientist"
    assert matches[0]["uses"] == 2
    for m in matches:
        assert 0 <= m["score"] <= 1
        assert 0 <= m["coverage"] <= 1
        assert m["have"]


# the real O*NET release ----------------------------------------------------------------------

real = pytest.mark.skipif(
    not (SHARED_ONET / "Occupation Data.txt").is_file(),
    reason=f"the real O*NET files are not in {SHARED_ONET}",
)


@pytest.fixture(scope="module")
def onet(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("onet") / "onet.json"
    args = ["import", "onet", str(SHARED_ONET), "-o", str(out)]
    if SHARED_EXPOSURE.is_file():
        args += ["--exposure", str(SHARED_EXPOSURE)]
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    return str(out)


@real
def test_onet_search_nurse_puts_registered_nurses_near_the_top(onet: str) -> None:
    hits = json_of("--data", onet, "search", "nurse")
    assert "registered-nurses" in [h["id"] for h in hits[:3]]


@real
def test_onet_search_machine_learning_finds_data_and_research_occupations(onet: str) -> None:
    ids = [h["id"] for h in json_of("--data", onet, "search", "machine", "learning", "-n", "3")]
    assert "data-scientists" in ids
    assert "computer-and-information-research-scientists" in ids


@real
def test_onet_match_machine_learning_guesses_no_skill_and_points_to_search(onet: str) -> None:
    # O*NET names no skill "machine learning"; "machine" alone is a word of one skill
    # (LLVM compilers), which a person asking about machine learning does not mean.
    r = invoke("--data", onet, "match", "machine", "learning")
    assert r.exit_code == 1
    assert "read as" not in r.stderr
    assert "jobcli search 'machine learning'" in r.stderr
    r = invoke("--data", onet, "match", "decision", "making", "--json")
    assert r.exit_code == 0, r.output
    assert "read as Judgment and Decision Making" in r.stderr
    assert json.loads(r.stdout)[0]["have"][0]["id"] == "judgment-and-decision-making"


@real
def test_onet_match_python_sql_lists_roles_needing_both_data_scientists_among_them(
    onet: str,
) -> None:
    matches = json_of("--data", onet, "match", "python", "sql", "--all")
    both = [m for m in matches if m["uses"] == 2]
    assert "data-scientists" in [m["role"] for m in both]
    assert matches[: len(both)] == both  # roles using both come first
    for m in both:
        assert {"python", "structured-query-language-sql"} <= {s["id"] for s in m["have"]}


@real
def test_onet_match_ranks_people_who_use_the_skills_above_small_roles(onet: str) -> None:
    top = json_of(
        "--data", onet, "match", "programming", "mathematics", "critical thinking", "-n", "10"
    )
    ids = [m["role"] for m in top]
    assert "reinforcing-iron-and-rebar-workers" not in ids
    # "mathematics" names the skill and the knowledge area: both are used (4 skills).
    assert all(m["uses"] == 4 for m in top)


@real
def test_onet_a_typo_among_good_names_only_warns(onet: str) -> None:
    r = invoke("--data", onet, "match", "python", "sqll", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)
    assert "warning" in r.stderr
    assert "sqll" in r.stderr


@real
def test_onet_skill_python_lists_the_occupations_that_need_it(onet: str) -> None:
    doc = json_of("--data", onet, "skill", "python")
    ids = [r["id"] for r in doc["roles"]]
    assert "data-scientists" in ids
    assert len(ids) > 20


@real
def test_onet_list_family_15_is_computer_and_mathematical(onet: str) -> None:
    roles = json_of("--data", onet, "list", "--family", "15")
    assert roles
    assert all(r["onet_soc_code"].startswith("15-") for r in roles)
    assert "data-scientists" in [r["id"] for r in roles]


def test_gap_to_a_role_without_skills_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][1]["skills"] = []
    path = str(write_json(tmp_path / "c.json", data))
    source, target = data["roles"][0]["id"], data["roles"][1]["id"]
    for fmt in ("table", "text"):
        r = invoke_as("--data", path, "gap", source, target, tty=fmt == "table")
        assert r.exit_code == 0, r.output
        assert "nothing to compare" in r.stdout
        assert "new career" not in r.stdout


def test_list_names_the_skill_and_the_family_it_keeps() -> None:
    r = invoke_as("list", "--family", "15", "--skill", "python", width=160)
    assert r.exit_code == 0, r.output
    assert "that need Python, in SOC major group 15 Computer and Mathematical" in r.stdout


@real
def test_onet_search_for_a_skill_name_puts_the_roles_that_need_it_first(onet: str) -> None:
    # Only technologies In Demand for an occupation are its skills: C++ is one of
    # Software Developers' (21 roles have it; an unrated role ranks last among equals).
    for text, expected in (("python", "computer-programmers"), ("C++", "software-developers")):
        ids = [h["id"] for h in json_of("--data", onet, "search", text, "-n", "30")]
        users = {r["id"] for r in json_of("--data", onet, "skill", text)["roles"]}
        assert expected in users, text
        assert ids[: len(users)] == [i for i in ids if i in users], (text, ids)
        assert expected in ids[: len(users)], (text, ids)


@real
def test_onet_ambiguous_role_names_offer_titles_first(onet: str) -> None:
    r = invoke("--data", onet, "show", "nurse")
    assert r.exit_code == 1
    offered = r.stderr.split("could be ", 1)[1].split(" or ")[0].split(", ")
    assert offered[0] == "registered-nurses"  # the title that ends with the word
    assert all("nurse" in role_id for role_id in offered)  # not childcare workers, farmers
    assert "more" in r.stderr or "roles share" in r.stderr  # more candidates, or a shared title


@real
def test_onet_a_prefix_offers_official_titles_with_a_word_starting_so(onet: str) -> None:
    r = invoke("--data", onet, "show", "dev")
    assert r.exit_code == 1
    offered = r.stderr.split("could be ", 1)[1].split(", ")
    assert offered[:2] == ["software-developers", "web-developers"]


@real
def test_onet_skill_ties_are_broken_by_standing_not_catalog_order(onet: str) -> None:
    roles = json_of("--data", onet, "skill", "sql")["roles"]
    assert roles[0]["id"] != "logistics-analysts"  # the first in catalog order
    assert "database-architects" in [r["id"] for r in roles[:10]]


def test_validate_lists_a_key_given_twice_and_the_other_problems_too(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    text = json.dumps(catalog_data())
    text = text.replace('"schema_version": 1', '"schema_version": 1, "schema_version": 1, "x": 1')
    path.write_text(text, encoding="utf-8")
    r = invoke("validate", str(path), "--json")
    assert r.exit_code == 3
    problems = json.loads(r.stdout)["problems"]
    messages = " | ".join(p["message"] for p in problems)
    assert "given twice" in messages
    assert "unknown field" in messages


# the hint to search: for words that name nothing, not for names of several ---------------------


def test_words_that_each_name_several_skills_list_them_without_the_search_hint() -> None:
    for command in (("match",), ("me", "add")):
        r = invoke(*command, "data", "analysis")
        assert r.exit_code == 1
        assert "'data' is ambiguous: it could be data-privacy or data-visualization" in r.stderr
        assert "'analysis' is ambiguous" in r.stderr
        assert "jobcli search" not in r.stderr, command


def test_a_word_that_names_nothing_still_points_to_search_beside_an_ambiguous_one() -> None:
    # "science" names no skill: the two words are a thing to look for in roles' text.
    for command in (("match",), ("me", "add")):
        r = invoke(*command, "data", "science")
        assert r.exit_code == 1
        assert "'data' is ambiguous" in r.stderr
        assert "jobcli: hint: jobcli search 'data science' looks for the words" in r.stderr


def test_a_role_name_of_several_roles_lists_them_without_the_search_hint() -> None:
    r = invoke("show", "d")
    assert r.exit_code == 1
    assert "could be ux-designer, software-engineer or data-scientist" in r.stderr
    assert "jobcli search" not in r.stderr
    r = invoke("show", "astronaut")  # names nothing: the words may be in what a role does
    assert r.exit_code == 1
    assert "jobcli: hint: jobcli search astronaut" in r.stderr
