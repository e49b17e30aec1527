"""The pure core: similarity, compare, match, gap, lookup; properties with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcli.analysis import (
    STANDING_SHARE,
    compare,
    coverage,
    gap,
    jaccard,
    match_role,
    match_roles,
    match_score,
    similar_roles,
    skill_usage,
    tools_of,
    weighted_similarity,
)
from jobcli.catalog import load_catalog
from jobcli.domain import Catalog, Role, RoleSkill, Skill
from jobcli.errors import NameLookupError
from jobcli.lookup import find_role, find_skill
from jobcli.names import normalize

SKILL_IDS = [f"s{i}" for i in range(12)]


def role(role_id: str, **importance: int) -> Role:
    return Role(
        role_id, role_id.title(), "summary", tuple(RoleSkill(k, v) for k, v in importance.items())
    )


skill_sets = st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(1, 5), min_size=1)
roles = st.builds(
    lambda ident, skills: Role(
        ident, ident, "s", tuple(RoleSkill(k, v) for k, v in skills.items())
    ),
    st.sampled_from(["a", "b", "c", "d"]),
    skill_sets,
)


# similarity -------------------------------------------------------------------------------------


def test_a_role_is_fully_similar_to_itself() -> None:
    r = role("x", s1=5, s2=3)
    assert jaccard(r, r) == 1.0
    assert weighted_similarity(r, r) == 1.0


def test_roles_without_shared_skills_have_zero_similarity() -> None:
    a, b = role("a", s1=5), role("b", s2=5)
    assert jaccard(a, b) == 0.0
    assert weighted_similarity(a, b) == 0.0


def test_weighted_similarity_is_the_cosine_of_importances() -> None:
    a, b = role("a", s1=3, s2=4), role("b", s1=4, s2=3)
    assert weighted_similarity(a, b) == pytest.approx(24 / 25)
    assert jaccard(a, b) == 1.0


@given(roles, roles)
def test_similarity_is_symmetric_and_bounded(a: Role, b: Role) -> None:
    for measure in (jaccard, weighted_similarity):
        assert measure(a, b) == pytest.approx(measure(b, a))
        assert 0.0 <= measure(a, b) <= 1.0


@given(roles)
def test_similarity_with_itself_is_one(a: Role) -> None:
    assert jaccard(a, a) == 1.0
    assert weighted_similarity(a, a) == 1.0
    assert compare(a, a).only[a.id] == []


@given(roles, roles)
def test_compare_partitions_the_union_of_skills(a: Role, b: Role) -> None:
    result = compare(a, b)
    shared = {s.id for s in result.shared}
    only_a = {s.id for s in result.only[a.id]}
    assert shared | only_a == {s.id for s in a.skills}
    assert not shared & only_a
    if a.id != b.id:
        only_b = {s.id for s in result.only[b.id]}
        assert shared | only_b == {s.id for s in b.skills}
        assert not only_a & only_b


# match and coverage ------------------------------------------------------------------------------


def test_coverage_weighs_by_importance() -> None:
    r = role("x", s1=5, s2=3, s3=2)
    assert coverage(r, {"s1"}) == 0.5
    assert coverage(r, {"s2", "s3"}) == 0.5
    assert coverage(r, set()) == 0.0


@given(roles, st.sets(st.sampled_from(SKILL_IDS)))
def test_coverage_lies_in_the_unit_interval(r: Role, have: set[str]) -> None:
    assert 0.0 <= coverage(r, have) <= 1.0


@given(roles)
def test_a_roles_own_skills_cover_it_fully(r: Role) -> None:
    [m] = match_roles([r], {s.id for s in r.skills})
    assert m.coverage == 1.0
    assert m.missing == []


@given(roles, st.sets(st.sampled_from(SKILL_IDS)), st.sampled_from(SKILL_IDS))
def test_adding_a_skill_never_lowers_coverage(r: Role, have: set[str], extra: str) -> None:
    assert coverage(r, have | {extra}) >= coverage(r, have)


@given(
    st.lists(roles, min_size=1, max_size=4, unique_by=lambda r: r.id),
    st.sets(st.sampled_from(SKILL_IDS)),
)
def test_match_is_sorted_best_first_and_lists_most_important_first(
    rs: list[Role], have: set[str]
) -> None:
    ranked = match_roles(rs, have)
    keys = [(m.uses, m.weight, 0.9 * m.standing + 0.1 * m.coverage) for m in ranked]
    assert keys == sorted(keys, reverse=True), "more skills used first, then importance, fit"
    scores = [m.score for m in ranked]
    assert scores == sorted(scores, reverse=True), "the score orders as the ranking does"
    assert all(0 < m.score < 1 and 0 < m.coverage <= 1 and 0 <= m.standing < 1 for m in ranked)
    # Roles using none of the skills (and roles with no skills) are not listed.
    assert {m.role.id for m in ranked} == {r.id for r in rs if any(s.id in have for s in r.skills)}
    for m in ranked:
        for listed in (m.have, m.missing):
            assert [s.importance for s in listed] == sorted(
                (s.importance for s in listed), reverse=True
            )


# gap ---------------------------------------------------------------------------------------------


@given(roles, roles)
def test_gap_partitions_the_target_skills(a: Role, b: Role) -> None:
    result = gap(a, b)
    moved = [s.id for s in result.transferable]
    learn = [s.id for s in result.to_learn]
    assert sorted(moved + learn) == sorted(s.id for s in b.skills)
    assert not set(moved) & set(learn)
    assert set(moved) <= {s.id for s in a.skills}
    assert result.coverage == coverage(b, {s.id for s in a.skills})


def test_gap_lists_what_to_learn_most_important_first() -> None:
    result = gap(role("a", s1=5), role("b", s1=2, s2=3, s3=5))
    assert [s.id for s in result.to_learn] == ["s3", "s2"]
    assert [(s.id, s.importance) for s in result.transferable] == [("s1", 2)]


# the bundled catalog ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog()


def test_similar_roles_excludes_the_role_and_is_sorted(bundled: Catalog) -> None:
    ds = bundled.role_by_id["data-scientist"]
    similar = similar_roles(bundled, ds)
    assert len(similar) == 3
    assert all(other.id != "data-scientist" for other, _ in similar)
    scores = [score for _, score in similar]
    assert scores == sorted(scores, reverse=True)


def test_skill_usage_covers_every_role_skill(bundled: Catalog) -> None:
    usage = {u.skill_id: u.roles for u in skill_usage(bundled)}
    for r in bundled.roles:
        for s in r.skills:
            assert (r.id, s.importance) in usage[s.id]


def test_every_bundled_role_has_the_content_the_issue_asks_for(bundled: Catalog) -> None:
    assert len(bundled.roles) == 7
    for r in bundled.roles:
        assert 5 <= len(r.responsibilities) <= 8, r.id
        # O*NET technologies (issue 14) come on top of the role's skills, a handful at most.
        tools = [
            s
            for s in r.skills
            if "O*NET Technology Skills" in bundled.skill_by_id[s.id].description
        ]
        assert 8 <= len(r.skills) - len(tools) <= 14, r.id
        assert len(tools) <= 6, r.id
        assert r.human_edge, r.id
        assert r.summary
    assert "article" in bundled.source.lower()


# lookup ------------------------------------------------------------------------------------------


def test_normalize_ignores_case_and_punctuation() -> None:
    assert normalize("UI/UX Designer") == normalize("ui ux-designer") == "uiuxdesigner"


def test_find_role_by_code_and_prefix(bundled: Catalog) -> None:
    assert find_role(bundled, "15-2051.00").id == "data-scientist"
    assert find_role(bundled, "cyber").id == "cybersecurity-expert"


def test_find_skill_by_alias(bundled: Catalog) -> None:
    assert find_skill(bundled, "coding").id == "programming"


def test_lookup_miss_suggests_close_names(bundled: Catalog) -> None:
    with pytest.raises(NameLookupError) as info:
        find_role(bundled, "sofware engineer")
    assert not info.value.ambiguous
    assert "software-engineer" in info.value.candidates


def test_lookup_ambiguity_lists_candidates() -> None:
    catalog = Catalog(
        1,
        "",
        (Skill("x", "X", "human"),),
        (role("data-analyst", x=1), role("data-engineer", x=1)),
    )
    with pytest.raises(NameLookupError) as info:
        find_role(catalog, "data")
    assert info.value.ambiguous
    assert info.value.candidates == ["data-analyst", "data-engineer"]


def test_plus_and_sharp_keep_c_cpp_and_csharp_apart() -> None:
    assert len({normalize("C"), normalize("C++"), normalize("C#")}) == 3
    assert normalize("C++") == normalize("c-plus-plus")
    assert normalize("C#") == normalize("c-sharp")


def test_an_exact_skill_id_wins_over_another_skills_alias() -> None:
    catalog = Catalog(
        1,
        "",
        (
            Skill("sql", "SQL", "technical"),
            Skill("databases", "Databases", "knowledge", "", ("sql",)),
        ),
        (role("dba", sql=3, databases=5),),
    )
    assert find_skill(catalog, "sql").id == "sql"
    assert find_skill(catalog, "SQL").id == "sql"  # the same, spelled otherwise


def test_headline_exposure_prefers_beta_by_human_raters() -> None:
    from jobcli.domain import Exposure

    rated = Role(
        "x",
        "X",
        "s",
        (RoleSkill("s1", 1),),
        ai_exposure=(
            Exposure("GPT exposure α, human raters", 0.1, "src"),
            Exposure("GPT exposure β, GPT-4 raters", 0.7, "src"),
            Exposure("GPT exposure β, human raters", 0.4, "src"),
        ),
    )
    assert rated.headline_exposure() == 0.4
    assert role("y", s1=1).headline_exposure() is None


@pytest.mark.parametrize("spelling", ["statistics", "Statistics", "STATISTICS", "statistics!"])
def test_an_id_wins_over_an_alias_that_reads_the_same_however_spelled(spelling: str) -> None:
    catalog = Catalog(
        1,
        "",
        (
            Skill("statistics", "Statistics", "knowledge"),
            Skill("empathy", "Empathy", "human", "", ("Statistics",)),
        ),
        (role("x", statistics=3, empathy=5),),
    )
    assert find_skill(catalog, spelling).id == "statistics"


# match ranking (issue 13) -------------------------------------------------------------------------


def test_a_role_using_more_of_the_skills_ranks_first_whatever_their_importance() -> None:
    # "wide" uses two of the skills, each barely; "deep" uses one, essential, and is covered.
    wide = role("wide", s0=1, s1=1, s2=5, s3=5, s4=5)
    deep = role("deep", s0=5)
    ranked = match_roles([deep, wide], {"s0", "s1", "s9"})
    assert [m.role.id for m in ranked] == ["wide", "deep"]
    assert ranked[0].score > ranked[1].score
    assert ranked[1].coverage == 1.0 > ranked[0].coverage


def test_among_equals_importance_then_coverage_decide() -> None:
    light = role("light", s0=2, s1=2)
    heavy = role("heavy", s0=5, s1=5, s2=5, s3=5)
    focused = role("focused", s0=5, s1=5)
    ranked = match_roles([light, heavy, focused], {"s0", "s1"})
    assert [m.role.id for m in ranked] == ["focused", "heavy", "light"]
    assert [m.uses for m in ranked] == [2, 2, 2]
    assert 0 < ranked[-1].score < ranked[0].score < 1


def test_among_equals_a_skill_that_stands_out_beats_a_role_that_needs_little_else() -> None:
    # The same skill, as important in each: where it stands above the rest of the work
    # comes first; a role that needs nothing else no longer wins by its small size.
    standout = role("standout", s0=4, s2=2, s3=2, s4=2)
    tiny = role("tiny", s0=4)
    flat = role("flat", s0=4, s2=4, s3=4)
    ranked = match_roles([tiny, flat, standout], {"s0"})
    assert [m.role.id for m in ranked] == ["standout", "tiny", "flat"]
    assert ranked[0].standing == 0.75
    assert ranked[1].standing == 0.0
    assert ranked[1].coverage == 1.0


def test_roles_with_no_skills_or_none_of_the_given_are_not_listed() -> None:
    empty = Role("empty", "Empty", "no ratings", ())
    other = role("other", s5=3)
    assert match_roles([empty, other], {"s0"}) == []
    assert match_score(0, 0, 0, 3) == (0.0, 0.0, 0.0)
    assert match_role(empty, {"s0"}).coverage == 0.0


# match: like with like (O*NET's unrated tools) ---------------------------------------------------


def rated(role_id: str, tools: tuple[str, ...] = (), **ratings: float) -> Role:
    """A role as O*NET rates it: skills with the source's importance (rounded for the 1-5
    one), and tools in demand, unrated, each given the importance 4."""
    skills = [RoleSkill(k, round(v), v, 3.0) for k, v in ratings.items()]
    skills += [RoleSkill(t, 4) for t in tools]
    return Role(role_id, role_id.title(), "summary", tuple(skills))


def unrated(role_id: str, *tools: str) -> Role:
    """A role whose skills the source rates none of (``skills_rated`` false): its tools only."""
    skills = tuple(RoleSkill(t, 4) for t in tools)
    return Role(role_id, role_id.title(), "summary", skills, skills_rated=False)


def test_a_role_whose_tools_are_all_it_lists_is_not_last_for_exactly_its_tools() -> None:
    # O*NET rates none of Data Scientists' skills: its tools are all importance 4, as in a
    # role that rates its other skills about 3. Compared with those, the tools stood out
    # there, and in the unrated role nothing stood below them: it came last.
    scientist = unrated("scientist", "python", "sql")
    auditor = rated("auditor", ("python", "sql"), s1=3.1, s2=2.9, s3=3.2, s4=2.6)
    analyst = rated("analyst", ("python", "sql"), s1=3.4, s2=4.1, s3=2.2)
    ranked = match_roles([auditor, analyst, scientist], {"python", "sql"})
    assert [m.uses for m in ranked] == [2, 2, 2]
    assert ranked[-1].role.id != "scientist"
    assert ranked[0].role.id == "scientist"  # as well placed, and nothing else to learn


def test_a_tool_stands_out_in_roles_whose_other_tools_go_with_it() -> None:
    # sql in every role, as important (4); the other tools say which roles are about data:
    # spark and hadoop come with sql wherever they are listed, excel and word mostly not.
    catalog = [
        rated("auditor", ("sql", "excel", "word"), s1=3.0, s2=2.5, s3=2.8),
        unrated("scientist", "sql", "spark", "hadoop"),
        rated("dba", ("sql", "spark", "oracle"), s1=3.6, s2=4.2),
        rated("clerk", ("excel", "word"), s1=3.0),
        rated("secretary", ("excel", "word"), s2=3.5),
        unrated("engineer", "spark", "hadoop", "sql"),
    ]
    ranked = [m.role.id for m in match_roles(catalog, {"sql"})]
    assert ranked[-1] == "auditor"
    assert set(ranked[:3]) == {"scientist", "dba", "engineer"}


def test_a_rated_skill_is_compared_with_the_roles_rated_skills_only() -> None:
    # Tools (importance 4) are not below a rated skill of 5, nor above one of 3: the same
    # rated skills stand as far out with or without tools.
    alone = rated("alone", s0=5.0, s1=3.0, s2=2.0, s3=4.6)
    tooled = rated("tooled", ("excel", "word", "outlook"), s0=5.0, s1=3.0, s2=2.0, s3=4.6)
    [a] = match_roles([alone], {"s0"})
    [b] = match_roles([tooled], {"s0"})
    assert a.standing == b.standing == 0.5
    assert tools_of(tooled) == ["excel", "word", "outlook"]


def test_a_catalog_that_rates_nothing_has_no_tools() -> None:
    # The bundled seven roles: importances are the author's own, compared as they are.
    hand_made = role("hand", s0=4, s1=2, s2=2)
    assert tools_of(hand_made) == []
    [m] = match_roles([hand_made], {"s0"})
    assert m.standing == 2 / 3


rated_roles = st.builds(
    lambda ident, skills, tools, rates: Role(
        ident,
        ident,
        "s",
        tuple(
            RoleSkill(k, v, (v - 0.3 if rates else None), None)
            for k, v in skills.items()
            if k not in tools
        )
        + tuple(RoleSkill(t, 4) for t in tools),
        skills_rated=rates or not tools,
    ),
    st.sampled_from(["a", "b", "c", "d", "e"]),
    skill_sets,
    st.sets(st.sampled_from(SKILL_IDS[:6])),
    st.booleans(),
)


@given(
    st.lists(rated_roles, min_size=1, max_size=6, unique_by=lambda r: r.id),
    st.sets(st.sampled_from(SKILL_IDS), min_size=1),
)
def test_match_with_tools_is_sorted_and_bounded(rs: list[Role], have: set[str]) -> None:
    ranked = match_roles(rs, have)
    fit = [STANDING_SHARE * m.standing + (1 - STANDING_SHARE) * m.coverage for m in ranked]
    keys = [(m.uses, m.weight, f) for m, f in zip(ranked, fit, strict=True)]
    assert keys == sorted(keys, reverse=True)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
    assert all(0 < m.score <= 1 and 0 <= m.standing <= 1 for m in ranked)
    assert {m.role.id for m in ranked} == {r.id for r in rs if any(s.id in have for s in r.skills)}
