"""Finding a job by the names people use (issue 21): alternate titles, shared titles,
prefixes at word starts, search by title first, and match's words.

The fixture (tests/fixtures/names.json) holds the issue's cases in small: a title
that one occupation lists ("Shingles Roofer"), one that three share ("Inside Sales
Representative"), "nurse" beside nursery workers, "dev" beside developmental aides,
and skills that share words (Mathematics, Accounting, Statistics).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import invoke, invoke_as

from jobcli.domain import Catalog
from jobcli.errors import NameLookupError
from jobcli.lookup import find_role, role_index
from jobcli.store import open_store

NAMES = str(Path(__file__).parent / "fixtures" / "names.json")


def run(*args: str) -> Any:
    return invoke("--data", NAMES, *args)


def json_of(*args: str) -> Any:
    r = run(*args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def offered(stderr: str) -> list[str]:
    """The candidates an ambiguity error names, in its order."""
    listed = stderr.split("could be ", 1)[1].split("\n", 1)[0]
    return [c for part in listed.split(" or ") for c in part.split(", ") if "more" not in c]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_dict(json.loads(Path(NAMES).read_text(encoding="utf-8")))


# show ------------------------------------------------------------------------------------------


def test_an_alternate_title_one_occupation_lists_finds_it() -> None:
    # Not Helpers--Roofers, whose alias merely starts with these words.
    assert json_of("show", "Shingles Roofer")["id"] == "roofers"
    assert json_of("show", "shingles roofers")["id"] == "roofers"  # its plural too


def test_a_shared_alternate_title_lists_every_owner_closest_first_and_says_so() -> None:
    r = run("show", "Inside Sales Representative")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert offered(r.stderr) == [
        "sales-representatives-of-services",  # its title holds two of the words
        "sales-engineers",  # one
        "telemarketers",
    ]
    assert "is a title 3 roles share" in r.stderr


def test_a_shared_title_names_the_role_ending_with_the_word_first() -> None:
    r = run("show", "nurse")
    assert r.exit_code == 1
    assert offered(r.stderr) == ["registered-nurses", "nurse-practitioners"]
    assert "childcare" not in r.stderr
    assert "farmers" not in r.stderr


def test_an_own_name_beats_an_alternate_title_that_reads_the_same() -> None:
    # "Roofer" is an alternate title of Roofers and the plural of its title: one role.
    assert json_of("show", "roofer")["id"] == "roofers"
    assert json_of("show", "Roofing Helper")["id"] == "helpers-roofers"  # an alias


def test_singular_and_plural_of_a_title_are_the_same_name() -> None:
    assert json_of("show", "registered nurse")["id"] == "registered-nurses"
    assert json_of("show", "Registered Nurses")["id"] == "registered-nurses"
    assert json_of("show", "staff nurses")["id"] == "registered-nurses"  # an alternate title


def test_a_prefix_offers_official_titles_with_a_word_starting_so_first() -> None:
    r = run("show", "dev")
    assert r.exit_code == 1
    names = offered(r.stderr)
    assert names[:2] == ["software-developers", "web-developers"]
    assert set(names[2:]) == {"fundraisers", "psychiatric-aides"}


def test_a_prefix_is_only_looked_for_at_word_starts() -> None:
    r = run("show", "eloper")  # inside "developer", at no word's start
    assert r.exit_code == 1
    assert "could be" not in r.stderr


def test_a_unique_word_start_prefix_finds_its_role() -> None:
    assert json_of("show", "psychiatric")["id"] == "psychiatric-aides"
    assert json_of("show", "database admin")["id"] == "database-administrators"


def test_every_official_title_and_id_finds_its_role(catalog: Catalog) -> None:
    store = open_store(Path(NAMES))
    for role in catalog.roles:
        assert store.find_role(role.title).id == role.id
        assert store.find_role(role.id).id == role.id


def test_the_store_and_the_catalog_find_the_same(catalog: Catalog) -> None:
    store = open_store(Path(NAMES))
    queries = ["nurse", "dev", "Inside Sales Representative", "shingles roofer", "data", "x"]
    queries += [t for r in catalog.roles for t in r.alternate_titles]
    for query in queries:
        outcomes = []
        for find in (store.find_role, lambda q: find_role(catalog, q)):
            try:
                outcomes.append(find(query).id)
            except NameLookupError as error:
                outcomes.append((error.candidates, error.more, error.shared))
        assert outcomes[0] == outcomes[1], query


def test_the_core_lists_a_shared_titles_owners(catalog: Catalog) -> None:
    with pytest.raises(NameLookupError) as caught:
        role_index(catalog).find("Developer")
    assert caught.value.shared
    assert caught.value.candidates == ["software-developers", "web-developers"]


# search ----------------------------------------------------------------------------------------


def test_search_puts_the_owners_of_a_title_first_with_the_title_matched() -> None:
    hits = json_of("search", "data", "analyst")
    assert {h["id"] for h in hits[:2]} == {"data-scientists", "database-architects"}
    assert all(h["matched"] == "Data Analyst" for h in hits[:2])
    # A role whose tasks and skills merely hold the words comes after.
    assert hits[2]["id"] == "health-information-technologists"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_for_a_long_alternate_title_finds_its_occupation_first() -> None:
    hits = json_of("search", "Database Management System Specialist (DBMS Specialist)")
    assert hits[0]["id"] == "database-administrators"
    assert hits[0]["matched"] == "Database Management System Specialist (DBMS Specialist)"


def test_search_ranks_a_title_phrase_above_a_summary() -> None:
    hits = json_of("search", "software", "engineer")
    assert hits[0]["id"] == "software-developers"
    assert hits[0]["matched"] == "Software Engineer"


def test_search_counts_a_repeated_word_once() -> None:
    once = json_of("search", "roofer", "roofers")
    thrice = json_of("search", "roofer", "roofers", "ROOFER", "roofer")
    assert [(h["id"], h["score"]) for h in thrice] == [(h["id"], h["score"]) for h in once]


def test_search_reads_a_title_that_repeats_a_word_whole() -> None:
    hits = json_of("search", "Registered Nurse (RN) Registered Nurse")
    assert hits[0]["id"] == "registered-nurses"


def test_search_finding_nothing_exits_1_like_grep() -> None:
    r = run("search", "xylophone")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "no role matches 'xylophone'" in r.stderr
    r = run("search", "xylophone", "--json")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == []


def test_search_table_shows_the_title_that_matched() -> None:
    r = invoke_as("--data", NAMES, "search", "staff", "nurse", tty=False)
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0].split("\t")
    assert first[1] == "registered-nurses"
    assert first[-1] == "Staff Nurse"


# match's words ---------------------------------------------------------------------------------


def test_match_reads_a_word_of_several_skill_names_as_ambiguous_not_one_of_them() -> None:
    r = run("match", "accounting", "sql", "--json")
    assert r.exit_code == 0, r.output
    assert "'accounting' is ambiguous" in r.stderr
    assert "accounting-software" in r.stderr
    assert "economics-and-accounting" in r.stderr
    have = {s["id"] for m in json.loads(r.stdout) for s in m["have"]}
    assert have == {"sql"}


def test_match_says_when_it_reads_a_word_inside_a_longer_name() -> None:
    r = run("match", "spss", "--json")
    assert r.exit_code == 0, r.output
    assert "'spss' read as IBM SPSS Statistics" in r.stderr


def test_match_uses_both_a_skill_and_its_knowledge_twin_and_says_so() -> None:
    r = run("match", "mathematics", "--json")
    assert r.exit_code == 0, r.output
    assert "names two skills" in r.stderr
    top = json.loads(r.stdout)[0]
    assert top["role"] == "data-scientists"
    assert {s["id"] for s in top["have"]} == {"mathematics", "mathematics-knowledge"}


def test_match_takes_only_the_twin_named_exactly() -> None:
    r = run("match", "mathematics (knowledge)", "--json")
    assert r.exit_code == 0, r.output
    assert "names two skills" not in r.stderr
    assert {s["id"] for m in json.loads(r.stdout) for s in m["have"]} == {"mathematics-knowledge"}


def test_words_most_roles_hold_are_found_unranked_in_a_huge_catalog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import jobcli.store.search as store_search

    store = open_store(Path(NAMES))
    ranked = [h.id for h in store.search("and software", limit=5)]
    # As if the fixture were huge: "and" is in at least 2 roles, so it is not ranked.
    monkeypatch.setattr(store_search, "RANKED_ROWS", 2)
    monkeypatch.setattr(type(store), "role_count", lambda self: 20000)
    hits = store.search("and software", limit=5)
    assert hits[0].id == "software-developers"  # ranked by the telling word
    assert ranked[0] == "software-developers"
    everyday = store.search("and the", limit=3)  # every word is everywhere: catalog order
    assert [h.id for h in everyday] == sorted((h.id for h in everyday), key=_catalog_order)
    assert all(h.score > 0 for h in everyday)


def _catalog_order(role_id: str) -> int:
    roles = json.loads(Path(NAMES).read_text(encoding="utf-8"))["roles"]
    return [r["id"] for r in roles].index(role_id)
