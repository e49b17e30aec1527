"""Names: exact, singular/plural, unique prefix; errors that name candidates and count the rest;
match's forgiving reading of the words a person typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, write_json

from jobcli import lookup
from jobcli.catalog import load_catalog
from jobcli.domain import Catalog
from jobcli.errors import NameLookupError
from jobcli.lookup import CatalogSkills, resolve_skill_words
from jobcli.names import SHOWN_CANDIDATES, fold, normalize
from jobcli.store import open_store


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("Registered Nurses", "Registered Nurse"),
        ("Data Scientists", "Data Scientist"),
        ("Secretaries", "Secretary"),
        ("Actresses", "Actress"),
        ("Boxes", "Box"),
        ("Coaches", "Coach"),
        ("Statistics", "Statistic"),
    ],
)
def test_plural_and_singular_fold_to_one_key(plural: str, singular: str) -> None:
    assert fold(normalize(plural)) == fold(normalize(singular))


@pytest.mark.parametrize("word", ["Business", "Census", "Analysis", "bus", "ms"])
def test_words_that_only_end_in_s_are_left_alone(word: str) -> None:
    assert fold(normalize(word)) == normalize(word)


@pytest.fixture(params=["catalog", "store"])
def roles_of(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """``find(data, name)``: a role lookup over a catalog in memory, or over its store."""

    def find(data: dict[str, Any], name: str) -> str:
        path = write_json(tmp_path / "c.json", data)
        if request.param == "store":
            return open_store(path).find_role(name).id
        return lookup.find_role(load_catalog(path), name).id

    return find


def test_a_plural_finds_the_singular_title_and_back(roles_of: Any) -> None:
    data = catalog_data()
    data["roles"][2]["title"] = "UX Designers"
    assert roles_of(data, "Software Developers") == "developer"
    assert roles_of(data, "ux designer") == "designer"


def _many(n: int, title: str = "Nurse") -> dict[str, Any]:
    data = catalog_data()
    skill = data["roles"][0]["skills"][0]
    data["roles"] += [
        {
            "id": f"{title.lower()}-{i:03d}",
            "title": f"{title} {i:03d}",
            "summary": "s",
            "skills": [skill],
        }
        for i in range(n)
    ]
    return data


def test_an_ambiguous_prefix_names_the_first_candidates_and_counts_the_rest(
    roles_of: Any,
) -> None:
    with pytest.raises(NameLookupError) as caught:
        roles_of(_many(20), "nur")
    error = caught.value
    assert error.ambiguous
    assert error.candidates == [f"nurse-{i:03d}" for i in range(SHOWN_CANDIDATES)]
    assert error.more == 20 - SHOWN_CANDIDATES
    assert f"or {20 - SHOWN_CANDIDATES} more" in str(error)


def test_a_unique_prefix_finds_its_role(roles_of: Any) -> None:
    assert roles_of(_many(3), "nurse 002") == "nurse-002"
    assert roles_of(catalog_data(), "softw") == "developer"


def test_an_unknown_name_suggests_close_ones_and_is_cut_in_the_message(roles_of: Any) -> None:
    with pytest.raises(NameLookupError) as caught:
        roles_of(catalog_data(), "Data Analist")
    assert "analyst" in caught.value.candidates
    with pytest.raises(NameLookupError) as caught:
        roles_of(catalog_data(), "x" * 100_000)
    assert len(str(caught.value)) < 300


def test_prefix_lookup_on_a_large_catalog_counts_every_candidate(tmp_path: Path) -> None:
    data = _many(6000, "Analyst")
    path = write_json(tmp_path / "big.json", data)
    for find in (open_store(path).find_role, lambda n: lookup.find_role(load_catalog(path), n)):
        with pytest.raises(NameLookupError) as caught:
            find("a")
        # "analyst" (the first role's alias "analysts") and the 6,000 new roles.
        assert caught.value.more + len(caught.value.candidates) == 6001


# match's words ------------------------------------------------------------------------------------


@pytest.fixture
def skills() -> Catalog:
    data = catalog_data()
    data["skills"] += [
        {"id": "machine-learning", "name": "Machine Learning", "kind": "technical"},
        {"id": "active-learning", "name": "Active Learning", "kind": "human"},
        {"id": "sql", "name": "SQL Databases", "kind": "technical"},
    ]
    return Catalog.from_dict(data)


def test_adjacent_words_forming_a_name_are_read_as_that_name(skills: Catalog) -> None:
    result = resolve_skill_words(CatalogSkills(skills), ["machine", "learning", "coding"])
    assert result.skill_ids == ["machine-learning", "programming"]
    assert result.misses == []
    assert result.resolved[0].how == "joined"
    assert "Machine Learning" in result.notes()[0]


def test_a_word_in_exactly_one_skill_name_resolves_to_it_and_says_so(skills: Catalog) -> None:
    result = resolve_skill_words(CatalogSkills(skills), ["databases"])
    assert result.skill_ids == ["sql"]
    assert result.resolved[0].how == "word"
    assert result.notes() == [
        "'databases' read as SQL Databases (the one skill with that word in its name)"
    ]


def test_a_word_in_several_skill_names_is_ambiguous_not_guessed(skills: Catalog) -> None:
    result = resolve_skill_words(CatalogSkills(skills), ["learning", "coding"])
    assert result.skill_ids == ["programming"]
    [miss] = result.misses
    assert miss.typed == "learning"
    assert miss.error.ambiguous
    assert miss.error.candidates == ["active-learning", "machine-learning"]


def test_unknown_names_are_reported_with_suggestions_and_the_rest_goes_on(
    skills: Catalog,
) -> None:
    result = resolve_skill_words(CatalogSkills(skills), ["python", "statistcs", "empathy"])
    assert result.skill_ids == ["empathy"]
    assert [m.typed for m in result.misses] == ["python", "statistcs"]
    assert "statistics" in result.misses[1].error.candidates
    assert not result.misses[0].error.ambiguous


def test_adjacent_unknown_words_of_one_skill_name_are_read_as_that_skill(skills: Catalog) -> None:
    extra = Catalog.from_dict(
        {
            **catalog_data(),
            "skills": [
                *(s._asdict() | {"aliases": list(s.aliases)} for s in skills.skills),
                {"id": "judgment", "name": "Judgment and Decision Making", "kind": "human"},
            ],
        }
    )
    result = resolve_skill_words(CatalogSkills(extra), ["decision", "making", "coding"])
    assert result.skill_ids == ["judgment", "programming"]
    assert result.resolved[0].how == "words"
    assert result.notes() == [
        "'decision making' read as Judgment and Decision Making "
        "(the one skill whose name holds these words)"
    ]


def test_adjacent_unknown_words_are_not_each_guessed_as_a_skill(skills: Catalog) -> None:
    extra = Catalog.from_dict(
        {
            **catalog_data(),
            "skills": [
                *(s._asdict() | {"aliases": list(s.aliases)} for s in skills.skills),
                {"id": "vm", "name": "Virtual Machine Tools", "kind": "technical"},
            ],
        }
    )
    # Alone, "tools" is read as the one skill with that word; after "deep" (no skill),
    # the two words mean one thing that no skill is: both are misses (each with its own
    # suggestions), and the two words together are what to search for.
    alone = resolve_skill_words(CatalogSkills(extra), ["tools"])
    assert (alone.skill_ids, alone.resolved[0].how) == (["vm"], "word")
    result = resolve_skill_words(CatalogSkills(extra), ["deep", "tools", "coding"])
    assert result.skill_ids == ["programming"]
    assert [m.typed for m in result.misses] == ["deep", "tools"]
    assert result.phrases == ("deep tools",)


def test_a_quoted_name_is_one_name_and_repeats_count_once(skills: Catalog) -> None:
    result = resolve_skill_words(
        CatalogSkills(skills), ["critical thinking", "reasoning", "Critical-Thinking"]
    )
    assert result.skill_ids == ["critical-thinking"]
    assert [r.how for r in result.resolved] == ["", "", ""]


def test_a_named_skill_is_an_exact_name_or_its_plural_never_a_prefix(tmp_path: Path) -> None:
    path = write_json(tmp_path / "c.json", catalog_data())
    for source in (open_store(path), CatalogSkills(load_catalog(path))):
        assert source.named_skill("Critical Thinking") == source.find_skill("critical-thinking")
        assert source.named_skill("statistics") is not None
        assert source.named_skill("statistic") is not None  # the singular of a name
        assert source.named_skill("statis") is None  # a prefix: find_skill would take it
        assert source.find_skill("statis") == source.named_skill("statistics")
        assert source.named_skill("no such skill") is None


def test_the_store_reads_words_as_the_catalog_does(tmp_path: Path) -> None:
    data = catalog_data()
    data["skills"].append(
        {"id": "machine-learning", "name": "Machine Learning", "kind": "technical"}
    )
    path = write_json(tmp_path / "c.json", data)
    words = ["machine", "learning", "stats", "coding", "thinking"]
    from_store = resolve_skill_words(open_store(path), words)
    from_catalog = resolve_skill_words(CatalogSkills(load_catalog(path)), words)
    assert from_store.skill_ids == from_catalog.skill_ids
    assert [m.typed for m in from_store.misses] == [m.typed for m in from_catalog.misses]


# names in every script ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Café", "cafe"),  # accents on Latin, Greek and Cyrillic letters are dropped
        ("CAFÉ", "Cafe\u0301"),
        ("Ελληνικά", "ελληνικα"),
        ("Ёлка", "елка"),
    ],
)
def test_accents_on_latin_greek_and_cyrillic_letters_do_not_count(one: str, other: str) -> None:
    assert normalize(one) == normalize(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("कम", "काम"),  # Devanagari: a vowel sign (Mc) makes another word
        ("कि", "क"),  # a vowel sign (Mn)
        ("क्", "क"),  # a virama
        ("กิน", "กน"),  # Thai: a vowel sign above
        ("தமிழ்", "தமிழ"),  # Tamil: a virama
    ],
)
def test_marks_that_carry_meaning_in_other_scripts_are_kept(one: str, other: str) -> None:
    assert normalize(one) != normalize(other)
    assert normalize(one) == normalize(one.upper())


def test_a_word_with_vowel_signs_is_one_word() -> None:
    from jobcli.names import words_of

    assert words_of("काम करने वाला") == [normalize("काम"), normalize("करने"), normalize("वाला")]
    assert normalize("한국어 개발자") == "한국어개발자"  # Hangul recomposed


def test_names_with_vowel_signs_find_their_own_role(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][1]["title"] = "कम"
    data["roles"][2]["title"] = "काम"
    path = write_json(tmp_path / "indic.json", data)
    assert invoke("--data", str(path), "validate").exit_code == 0
    assert invoke("--data", str(path), "show", "काम", "--json").stdout.count('"designer"') >= 1
    shown = invoke("--data", str(path), "show", "कम", "--json")
    assert '"id":"developer"' in shown.stdout.replace(" ", "")
