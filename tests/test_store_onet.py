"""The store on the real O*NET release: answers a person exploring careers would find sensible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobcli.lookup import resolve_skill_words
from jobcli.store import open_store
from jobcli.store.query import Store

SHARED_ONET = Path(__file__).resolve().parents[2] / "shared" / "data" / "onet"

pytestmark = pytest.mark.skipif(
    not (SHARED_ONET / "Occupation Data.txt").is_file(),
    reason=f"the real O*NET files are not in {SHARED_ONET}",
)


@pytest.fixture(scope="module")
def onet(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from jobcli.onet import import_onet

    catalog, _ = import_onet(SHARED_ONET)
    path = tmp_path_factory.mktemp("onet") / "onet.json"
    path.write_text(json.dumps(catalog), encoding="utf-8")
    return open_store(path)


def test_search_nurse_puts_registered_nurses_near_the_top(onet: Store) -> None:
    hits = [h.id for h in onet.search("nurse", 10)]
    assert "registered-nurses" in hits[:6], hits
    assert all("nurs" in h for h in hits[:6]), hits


def test_search_machine_learning_finds_data_scientists_first(onet: Store) -> None:
    hits = onet.search("machine learning", 10)
    assert hits[0].id == "data-scientists"
    assert "machine learning" in hits[0].matched.lower()


def test_search_takes_any_text(onet: Store) -> None:
    for text in ["C++", '"AND"', "NEAR(", "*", "'", "nurse)"]:
        for hit in onet.search(text):  # an FTS5 syntax error would raise here
            assert hit.score > 0


def test_match_ranks_roles_that_use_all_the_skills_and_need_them_most(onet: Store) -> None:
    words = ["programming", "mathematics", "critical", "thinking"]
    result = resolve_skill_words(onet, words)
    # "mathematics" names the skill and the knowledge area: both are used, said.
    assert len(result.skill_ids) == 4
    assert any(r.how == "twin" for r in result.resolved)
    assert result.misses == []
    best = onet.match(result.skill_ids, 10).matches
    titles = [m.role.title for m in best]
    assert "Reinforcing Iron and Rebar Workers" not in titles
    assert {"Computer Programmers", "Statisticians"} <= set(titles), titles
    assert all(m.uses == 4 for m in best)


def test_skill_python_lists_the_occupations_that_need_it(onet: Store) -> None:
    python = onet.find_skill("python")
    users = onet.skill_users(python.id)
    assert len(users) > 10
    titles = {u.title for u in users}
    assert titles & {
        "Data Scientists",
        "Computer Programmers",
        "Software Developers",
        "Statisticians",
        "Bioinformatics Scientists",
    }, sorted(titles)[:20]


def test_families_are_the_soc_major_groups(onet: Store) -> None:
    families = {f.code: f for f in onet.families()}
    assert families["15"].name == "Computer and Mathematical"
    assert families["29"].name == "Healthcare Practitioners and Technical"
    assert all(
        r.onet_soc_code and r.onet_soc_code.startswith("29-") for r in onet.roles(family="29")
    )


def test_plural_and_singular_titles_find_the_same_occupation(onet: Store) -> None:
    assert onet.find_role("Registered Nurse").id == onet.find_role("registered nurses").id


def test_match_python_sql_lists_roles_that_need_both_data_scientists_among_them(
    onet: Store,
) -> None:
    result = resolve_skill_words(onet, ["python", "sql"])
    assert result.misses == []
    assert len(result.skill_ids) == 2
    matches = onet.match(result.skill_ids, None).matches
    both = [m.role.id for m in matches if m.uses == 2]
    assert [m.role.id for m in matches[: len(both)]] == both, "roles needing both come first"
    assert "data-scientists" in both


def test_search_machine_learning_finds_research_occupations_too(onet: Store) -> None:
    ids = [h.id for h in onet.search("machine learning", 5)]
    assert "computer-and-information-research-scientists" in ids
