"""The store answers every question as the pure core does on the validated catalog."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import write_json
from test_store import large_catalog

from jobcli import lookup
from jobcli.analysis import match_roles, similar_roles, skill_usage
from jobcli.catalog import load_catalog
from jobcli.domain import Catalog, Role, Skill, role_line
from jobcli.errors import NameLookupError
from jobcli.store import open_store
from jobcli.store.query import Store
from jobcli.store.rows import quote_fts


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Catalog]:
    data = large_catalog(300)
    # A few roles with no skills at all (O*NET occupations without ratings).
    data["roles"].append({"id": "unrated", "title": "Unrated Worker", "summary": "s", "skills": []})
    path = write_json(tmp_path_factory.mktemp("q") / "c.json", data)
    try:
        catalog = load_catalog(path)
    except Exception:  # this models.py still requires a skill per role
        data["roles"].pop()
        path = write_json(path, data)
        catalog = load_catalog(path)
    return open_store(path), catalog


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The pair's catalog in a store too large for dense vectors (as a huge catalog's)."""
    from jobcli.store import build as store_build

    path = write_json(tmp_path_factory.mktemp("sparse") / "c.json", large_catalog(300))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_build, "DENSE_LIMIT", 0)
        store = open_store(path)
    assert store._rows("SELECT count(*) FROM skill_roles WHERE dense IS NOT NULL") == [(0,)]
    return store


@pytest.fixture(scope="module")
def bundled() -> tuple[Store, Catalog]:
    return open_store(None), load_catalog(None)


def test_the_store_holds_the_catalog(pair: tuple[Store, Catalog]) -> None:
    store, catalog = pair
    assert store.catalog() == catalog
    assert store.role_count() == len(catalog.roles)
    assert store.skills() == list(catalog.skills)


def test_every_name_finds_the_same_role(pair: tuple[Store, Catalog]) -> None:
    store, catalog = pair
    for role in catalog.roles[:120]:
        for name in (role.id, role.title, *role.aliases, role.onet_soc_code):
            if name:
                assert store.find_role(name) == lookup.find_role(catalog, name) == role


@pytest.mark.parametrize("query", ["role", "role numb", "alias 3", "zzz", "Role numbr 12", "15"])
def test_misses_and_ambiguities_are_the_same(pair: tuple[Store, Catalog], query: str) -> None:
    store, catalog = pair
    with pytest.raises(NameLookupError) as in_store:
        store.find_role(query)
    with pytest.raises(NameLookupError) as in_memory:
        lookup.find_role(catalog, query)
    a, b = in_store.value, in_memory.value
    assert (a.ambiguous, a.more, str(a)) == (b.ambiguous, b.more, str(b))


@pytest.mark.parametrize(
    ("skills", "limit"),
    [(["skill-3"], 10), (["skill-3", "skill-4", "skill-20"], 10), (["skill-1", "skill-2"], None)],
)
def test_match_is_the_cores_match(
    pair: tuple[Store, Catalog], skills: list[str], limit: int | None
) -> None:
    store, catalog = pair
    result = store.match(skills, limit)
    expected = match_roles(catalog.roles, skills, limit)
    assert result.matches == expected
    assert result.total == sum(any(s.id in skills for s in r.skills) for r in catalog.roles)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(0, 34).map(lambda i: f"skill-{i}"), min_size=1, max_size=5),
    st.none() | st.integers(1, 60),
)
def test_any_match_is_the_cores_match(
    pair: tuple[Store, Catalog], sparse: Store, skills: list[str], limit: int | None
) -> None:
    # The store ranks level by level (uses, then weight) and stops when it has enough,
    # from dense vectors or (a huge catalog) sparse ones: whatever the skills and the
    # limit, the same roles in the same order as the core, and the same total.
    store, catalog = pair
    expected = match_roles(catalog.roles, skills, limit)
    total = sum(any(s.id in skills for s in r.skills) for r in catalog.roles)
    for answer in (store.match(skills, limit), sparse.match(skills, limit)):
        assert answer.matches == expected
        assert answer.total == total


def tooled_catalog(n: int) -> dict[str, Any]:
    """A schema-2 catalog shaped like an O*NET import: rated skills (``rating``) and tools
    in demand (unrated, importance 4), roles with no rated skill (``skills_rated`` false),
    and roles rated by hand (no rating at all: no tools)."""
    skills = [
        {"id": f"skill-{i}", "name": f"Skill {i}", "kind": ("human", "technical")[i > 14]}
        for i in range(35)
    ]
    roles: list[dict[str, Any]] = []
    for i in range(n):
        tools = [
            {"id": f"skill-{15 + (i * 3 + j * j) % 20}", "importance": 4} for j in range(i % 9)
        ]
        tools = list({t["id"]: t for t in tools}.values())
        rated = [
            {
                "id": f"skill-{(i + j) % 15}",
                "importance": 1 + (i + 2 * j) % 5,
                "rating": {
                    "importance": min(5.0, 1.2 + (i + 2 * j) % 5 + 0.3 * (j % 2)),
                    "level": 3.0,
                },
            }
            for j in range(1 + i % 6)
        ]
        role: dict[str, Any] = {"id": f"role-{i}", "title": f"Role {i}", "summary": "s"}
        if i % 5 == 0 and tools:
            role |= {"skills": tools, "skills_rated": False}
        elif i % 7 == 0:  # by hand: importances without ratings
            role["skills"] = [{"id": s["id"], "importance": s["importance"]} for s in rated]
        else:
            role["skills"] = rated + tools
        roles.append(role)
    return {"schema_version": 2, "source": "s", "skills": skills, "roles": roles}


@pytest.fixture(scope="module")
def tooled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Store, Catalog]:
    """The tooled catalog's store, dense and sparse (as a huge catalog's), and its values."""
    from jobcli.store import build as store_build

    path = write_json(tmp_path_factory.mktemp("tooled") / "c.json", tooled_catalog(240))
    dense = open_store(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_build, "DENSE_LIMIT", 0)
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("sparse-cache")))
        sparse = open_store(path)
    assert sparse._rows("SELECT count(*) FROM skill_roles WHERE dense IS NOT NULL") == [(0,)]
    return dense, sparse, load_catalog(path)


def test_the_tooled_catalog_has_tools_and_unrated_roles(
    tooled: tuple[Store, Store, Catalog],
) -> None:
    from jobcli.analysis import tools_of

    catalog = tooled[2]
    assert sum(not r.skills_rated for r in catalog.roles) >= 30
    assert sum(bool(tools_of(r)) and r.skills_rated for r in catalog.roles) >= 100
    assert any(not tools_of(r) and r.skills for r in catalog.roles)  # rated by hand


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(0, 34).map(lambda i: f"skill-{i}"), min_size=1, max_size=5),
    st.none() | st.integers(1, 60),
)
def test_a_match_of_tools_is_the_cores_match(
    tooled: tuple[Store, Store, Catalog], skills: list[str], limit: int | None
) -> None:
    # A tool's standing reads the other roles (how often its users list each other tool):
    # the store keeps the sums, the core counts them; the same floats come out.
    dense, sparse, catalog = tooled
    expected = match_roles(catalog.roles, skills, limit)
    for answer in (dense.match(skills, limit), sparse.match(skills, limit)):
        assert answer.matches == expected


@pytest.mark.parametrize("skill", ["skill-3", "skill-15", "skill-22", "skill-34"])
def test_skill_users_order_by_importance_then_standing_as_match(
    tooled: tuple[Store, Store, Catalog], skill: str
) -> None:
    dense, _, catalog = tooled
    position = {r.id: i for i, r in enumerate(catalog.roles)}
    by_match = match_roles(catalog.roles, [skill])
    expected = sorted(by_match, key=lambda m: (-m.weight, -m.standing, position[m.role.id]))
    assert [u.role_id for u in dense.skill_users(skill)] == [m.role.id for m in expected]


@settings(max_examples=80)
@given(
    st.integers(1, 40).flatmap(
        lambda roles: st.lists(
            st.lists(st.integers(0, 5), min_size=roles, max_size=roles), min_size=1, max_size=51
        )
    ),
    st.none() | st.integers(1, 50),
)
def test_dense_and_sparse_vectors_rank_alike(vectors: list[list[int]], limit: int | None) -> None:
    # Up to 51 skills of importance 5: every role-by-role sum of the dense bytes is at most
    # 255, so the big-integer lanes never carry into each other.
    from jobcli.store.match import MAX_DENSE_SKILLS, Dense, Sparse, rank

    assert len(vectors) <= MAX_DENSE_SKILLS
    roles = len(vectors[0])
    totals = [sum(v[pos] for v in vectors) + 3 for pos in range(roles)]

    class Standing:  # any standing of a role from its importances, as the store's asks
        def many(
            self, positions: Sequence[int], uses: int, weight: int, of: Callable[[int], Any]
        ) -> list[float]:
            return [
                ((pos * 7 + min(i for i in of(pos) if i) + 3 * of(pos)[0]) % 10) / 10
                for pos in positions
            ]

    standing: Any = Standing()

    dense = Dense([bytes(v) for v in vectors])
    sparse = Sparse([{pos: i for pos, i in enumerate(v) if i} for v in vectors])
    assert dense.total == sparse.total == sum(any(v[pos] for v in vectors) for pos in range(roles))
    assert rank(dense, limit, totals, standing) == rank(sparse, limit, totals, standing)


def test_match_of_unknown_skill_ids_is_empty(pair: tuple[Store, Catalog]) -> None:
    assert pair[0].match(["no-such-skill"], 5).matches == []


def test_similar_roles_and_skill_usage_are_the_cores(
    pair: tuple[Store, Catalog], sparse: Store
) -> None:
    # From the dense vectors (summed in C) and from the sparse ones alike.
    store, catalog = pair
    unrated = [r for r in catalog.roles if not r.skills]
    assert unrated, "the pair's catalog has a role without skills"
    assert similar_roles(catalog, unrated[0]) == store.similar_roles(unrated[0]) == []
    for role in catalog.roles[:25]:
        expected = similar_roles(catalog, role)
        assert store.similar_roles(role) == expected
        assert sparse.similar_roles(role) == expected
        # More roles with equal vectors than spare candidates: ties still go by id.
        eight = similar_roles(catalog, role, limit=8)
        assert store.similar_roles(role, limit=8) == sparse.similar_roles(role, limit=8) == eight
    assert store.skill_usage() == skill_usage(catalog)


@settings(max_examples=80)
@given(
    st.integers(1, 30).flatmap(
        lambda roles: st.lists(
            st.tuples(
                st.lists(st.integers(0, 5), min_size=roles, max_size=roles), st.integers(1, 5)
            ),
            max_size=40,
        )
    )
)
def test_weighted_sums_add_role_by_role(vectors: list[tuple[list[int], int]]) -> None:
    from jobcli.store.match import weighted_sums

    sums = weighted_sums([bytes(v) for v, _ in vectors], [w for _, w in vectors])
    if not vectors:
        assert sums is None
        return
    assert sums is not None
    roles = len(vectors[0][0])
    assert list(sums) == [sum(v[pos] * w for v, w in vectors) for pos in range(roles)]


def test_weighted_sums_refuse_what_could_overflow_a_lane() -> None:
    from jobcli.store.match import weighted_sums

    # 5 x the weights is the most a lane can reach: 65,535 fits, 65,540 might not.
    assert weighted_sums([b"\5"] * 13107, [1] * 13107) == __import__("array").array("H", [65535])
    assert weighted_sums([b"\5"] * 13108, [1] * 13108) is None


def test_skill_users_lists_the_roles_that_need_it_most_important_first(
    pair: tuple[Store, Catalog],
) -> None:
    store, catalog = pair
    users = store.skill_users("skill-7")
    expected = [
        (r.id, r.title, s.importance) for r in catalog.roles for s in r.skills if s.id == "skill-7"
    ]
    assert sorted(users, key=lambda u: u.role_id) == sorted(expected)
    assert [u.importance for u in users] == sorted((u.importance for u in users), reverse=True)
    assert [r.id for r in store.roles(skill="skill-7")] == [u.role_id for u in users]


@pytest.mark.parametrize(
    "selection",
    [{}, {"skill": "skill-7"}, {"skill": "skill-0"}, {"family": "15"}, {"family": "29"}],
)
def test_list_lines_are_what_the_roles_show(
    pair: tuple[Store, Catalog], selection: dict[str, str]
) -> None:
    store, catalog = pair
    names = {s.id: s.name for s in catalog.skills}
    expected = [role_line(r, names) for r in store.roles(**selection)]
    assert store.role_lines(**selection) == expected
    assert expected or selection == {"family": "29"}


def test_a_list_line_names_the_most_important_skills_and_the_headline_rating(
    bundled: tuple[Store, Catalog],
) -> None:
    store, catalog = bundled
    lines = {line.id: line for line in store.role_lines()}
    assert list(lines) == [r.id for r in catalog.roles]
    role = catalog.role_by_id["data-scientist"]
    line = lines["data-scientist"]
    top = sorted(role.skills, key=lambda s: (-s.importance, s.id))[:3]
    assert line.top_skills == tuple(catalog.skill_by_id[s.id].name for s in top)
    beta = [e for e in role.ai_exposure if "β, human" in e.measure]
    assert beta, "the bundled data scientist has a β rating by human raters"
    assert (line.exposure, line.exposure_source) == (beta[0].value, beta[0].source)


def test_roles_by_family_and_the_families(bundled: tuple[Store, Catalog]) -> None:
    store, catalog = bundled
    families = store.families()
    assert [(f.code, f.name) for f in families] == [("15", "Computer and Mathematical")]
    assert families[0].roles == sum(1 for r in catalog.roles if r.onet_soc_code)
    assert [r.id for r in store.roles(family="15")] == [
        r.id for r in catalog.roles if (r.onet_soc_code or "").startswith("15-")
    ]
    assert list(store.roles(family="29")) == []
    assert [r.id for r in store.roles(ids=["ux-designer", "nobody", "data-scientist"])] == [
        "ux-designer",
        "data-scientist",
    ]


def test_completion_gives_ids_with_the_prefix(bundled: tuple[Store, Catalog]) -> None:
    store, _ = bundled
    assert store.complete("role", "d") == ["data-scientist"]
    assert store.complete("skill", "prog") == ["programming"]
    assert store.complete("role", "zz") == []
    assert store.complete("role", "") == sorted(store.complete("role", ""))


# search ------------------------------------------------------------------------------------------


def test_search_finds_titles_first(bundled: tuple[Store, Catalog]) -> None:
    store, _ = bundled
    hits = store.search("data scientist")
    assert hits[0].id == "data-scientist"
    assert all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert store.search("machine learning")[0].id == "data-scientist"


def test_search_words_are_stemmed_and_fall_back_to_any_word(
    bundled: tuple[Store, Catalog],
) -> None:
    store, _ = bundled
    assert "ux-designer" in [h.id for h in store.search("designers")]
    # No role holds both words: roles holding either are found.
    assert store.search("designer xylophone")


HOSTILE = [
    '"',
    '""',
    "*",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b",
    "C++",
    "c#",
    "a:b",
    "title:x",
    "^data",
    "-x",
    "(",
    ")",
    "{a}",
    "'",
    "\\",
    "data*",
    '"data',
    "a AND",
    "\x00",
    "\u202e",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_text_is_only_text(bundled: tuple[Store, Catalog], text: str) -> None:
    for hit in bundled[0].search(text):  # an FTS5 syntax error would raise here
        assert hit.score > 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(string.printable))
def test_any_search_text_is_harmless(bundled: tuple[Store, Catalog], text: str) -> None:
    for hit in bundled[0].search(text):
        assert hit.score > 0


def test_quote_fts_quotes_every_token() -> None:
    assert quote_fts('Go "AND" NEAR(') == '"Go" """AND""" "NEAR("'
    # C++ and C# are searched as the words the store indexes for them.
    assert quote_fts("C++ c#") == '"cplusplus" "csharp"'
    assert quote_fts("   ") == ""


def test_quote_fts_keeps_each_word_once() -> None:
    # Repeats cost a tier each, in every tier: quadratic in the query's length.
    assert quote_fts("and AND and, (and) and") == '"and"'
    assert quote_fts("Data data-science DATA science") == '"Data" "data-science" "science"'
    assert quote_fts("C++ c++ cplusplus") == '"cplusplus"'


def test_search_of_a_word_repeated_is_the_search_of_the_word(
    bundled: tuple[Store, Catalog],
) -> None:
    store, _ = bundled
    assert store.search(" ".join(["and"] * 249)) == store.search("and")
    # Not a name as typed, so not found as one ("matched" differs), but the same roles in order.
    ids = [h.id for h in store.search("Data data DATA scientist")]
    assert ids == [h.id for h in store.search("data scientist")]


def test_a_store_from_memory_answers_as_a_store_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_disk = open_store(None)
    monkeypatch.setenv("JOBCLI_NO_CACHE", "1")
    in_memory = open_store(None)
    assert not in_memory.persistent
    for text in ("data", "policy", "security expert"):
        assert in_memory.search(text) == on_disk.search(text)
    assert in_memory.match(["programming"]) == on_disk.match(["programming"])


def test_skills_by_ids_are_in_catalog_order(pair: tuple[Store, Catalog]) -> None:
    store, catalog = pair
    ids = ["skill-9", "nope", "skill-2", "skill-9"]
    assert store.skills(ids) == [s for s in catalog.skills if s.id in ids]
    many = [s.id for s in reversed(catalog.skills)] * 20
    assert store.skills(many) == list(catalog.skills)


@pytest.mark.parametrize("text", ["\udced", "data \udc80scientist", "prog\udcff"])
def test_undecodable_command_line_bytes_are_never_an_error(
    bundled: tuple[Store, Catalog], text: str
) -> None:
    # Python hands undecodable bytes of argv over as lone surrogates; SQLite takes UTF-8 only.
    store, _ = bundled
    as_spaces = re.sub("[\ud800-\udfff]", " ", text)  # a lone surrogate reads as a space
    assert store.search(text) == store.search(as_spaces)
    assert store.complete("role", text) == store.complete("role", as_spaces)
    for find in (store.find_role, store.find_skill):
        try:
            found = find(text)
        except NameLookupError as exc:
            found = exc
        assert isinstance(found, (Role, Skill, NameLookupError))
