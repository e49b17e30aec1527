"""The fit (pure) and the commands built on it: gap, next, path, match --from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import invoke, invoke_as, write_json

from jobcli.domain import Role, RoleSkill
from jobcli.fit import (
    catalog_weights,
    distinctiveness,
    levels_of,
    person_fit,
    role_fit,
    split_needs,
)
from jobcli.fit_index import build, index_fits
from jobcli.moves import easiest_route

SKILLS = ["common", "code", "care", "math", "law"]


def role(
    rid: str,
    skills: dict[str, tuple[float, float | None]],
    zone: int | None = None,
    words: str = "",
) -> Role:
    return Role(
        rid,
        rid.title(),
        words or f"{rid} work",
        tuple(RoleSkill(k, max(1, min(5, round(i))), i, lv) for k, (i, lv) in skills.items()),
        preparation={"job_zone": zone} if zone else None,
    )


skill_sets = st.dictionaries(
    st.sampled_from(SKILLS),
    st.tuples(st.floats(1, 5), st.one_of(st.none(), st.floats(0, 7))),
    min_size=1,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(skill_sets, min_size=2, max_size=5))
def test_fit_lies_in_0_1_and_a_role_fits_itself(sets: list[Any]) -> None:
    roles = [role(f"r{i}", s) for i, s in enumerate(sets)]
    w = catalog_weights(roles)
    for a in roles:
        assert role_fit(a, a, w).value == 1.0
        assert person_fit(levels_of(a), a, w).value == 1.0
        for b in roles:
            assert 0.0 <= role_fit(a, b, w).value <= 1.0


@settings(max_examples=30, deadline=None)
@given(st.lists(skill_sets, min_size=2, max_size=5))
def test_the_indexed_fits_equal_the_pure_fit(sets: list[Any]) -> None:
    roles = [role(f"r{i}", s, words=f"task {i} {'x' * i}") for i, s in enumerate(sets)]
    w = catalog_weights(roles)
    index = build(roles, w)
    for s, a in enumerate(roles):
        row = index_fits(index, s)
        for t, b in enumerate(roles):
            if s != t:
                assert abs(row[t] - role_fit(a, b, w).value) < 1e-6


def test_the_fit_is_asymmetric_a_senior_brings_more_to_a_junior_than_back() -> None:
    senior = role("senior", {"code": (5, 6.0), "math": (4, 5.0)})
    junior = role("junior", {"code": (5, 3.0), "math": (4, 2.0)})
    w = catalog_weights([senior, junior])
    # What one brings (gap's verdict) is asymmetric; the fit of the move weighs it too.
    assert person_fit(levels_of(senior), junior, w).skills == 1.0
    assert person_fit(levels_of(junior), senior, w).skills < 0.6
    assert person_fit(levels_of(junior), senior, w).value < 1.0


def test_a_skill_every_role_shares_weighs_less_than_a_distinctive_one() -> None:
    coder = role("coder", {"common": (4, None), "code": (4, None)})
    others = [role(f"o{i}", {"common": (4, None), "care": (4, None)}) for i in range(4)]
    w = catalog_weights([coder, *others])
    weight = distinctiveness(coder, w)
    assert weight["code"] > weight["common"]
    only_code = person_fit({"code": None}, coder, w).value
    only_common = person_fit({"common": None}, coder, w).value
    assert only_code > only_common


def test_a_move_up_two_job_zones_is_penalised() -> None:
    nurse = role("nurse", {"care": (5, 5.0)}, zone=3)
    doctor = role("doctor", {"care": (5, 5.0)}, zone=5)
    peer = role("peer", {"care": (5, 5.0)}, zone=4)
    w = catalog_weights([nurse, doctor, peer])
    to_doctor = person_fit(levels_of(nurse), doctor, w, nurse.job_zone())
    to_peer = person_fit(levels_of(nurse), peer, w, nurse.job_zone())
    assert to_doctor.stretch
    assert not to_peer.stretch
    assert to_doctor.value < to_peer.value


def test_split_needs_puts_a_lower_level_in_to_improve() -> None:
    target = role("t", {"code": (5, 6.0), "math": (4, 2.0), "law": (3, 3.0)})
    w = catalog_weights([target])
    transferable, improve, learn = split_needs({"code": 3.0, "math": 4.0}, target, w)
    assert [s.id for s in transferable] == ["math"]
    assert [s.id for s in improve] == ["code"]
    assert [s.id for s in learn] == ["law"]


def test_the_easiest_route_prefers_the_direct_move_when_it_is_best() -> None:
    graph = {0: [(1, 0.9), (2, 0.5)], 1: [(2, 0.9)]}
    assert [s.position for s in easiest_route(0, 2, lambda n: graph.get(n, ()), 3)] == [1, 2]
    graph[0] = [(1, 0.9), (2, 0.85)]
    assert [s.position for s in easiest_route(0, 2, lambda n: graph.get(n, ()), 3)] == [2]
    assert easiest_route(0, 2, lambda n: graph.get(n, ()), 3, viable=0.95) is None


# the commands ----------------------------------------------------------------------------------


def moves_catalog(tmp_path: Path) -> Path:
    def r(
        rid: str,
        skills: dict[str, tuple[float, float]],
        zone: int,
        pay: int,
        exposure: float,
        words: str,
    ) -> dict[str, Any]:
        return {
            "id": rid,
            "title": rid.replace("-", " ").title(),
            "summary": words,
            "responsibilities": [words],
            "skills": [
                {"id": k, "importance": round(i), "rating": {"importance": i, "level": lv}}
                for k, (i, lv) in skills.items()
            ],
            "preparation": {"job_zone": zone},
            "pay": {"median": pay, "period": "May 2024", "source": "test"},
            "ai_exposure": [{"measure": "β, human", "value": exposure, "source": "test"}],
        }

    skills = [{"id": k, "name": k.title(), "kind": "human"} for k in SKILLS]
    roles = [
        r("nurse", {"care": (5, 5), "common": (4, 4)}, 3, 80000, 0.3, "care for patients ward"),
        r(
            "senior-nurse",
            {"care": (5, 6), "common": (4, 4), "law": (3, 3)},
            4,
            95000,
            0.2,
            "care for patients ward lead",
        ),
        r(
            "doctor",
            {"care": (5, 7), "math": (4, 5), "law": (4, 5)},
            5,
            200000,
            0.25,
            "diagnose patients ward care",
        ),
        r("coder", {"code": (5, 6), "math": (4, 5)}, 4, 120000, 0.6, "write software code"),
    ]
    data = {"schema_version": 2, "source": "test", "skills": skills, "roles": roles}
    return write_json(tmp_path / "moves.json", data)


def test_next_lists_moves_best_first_with_the_contract_keys(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    r = invoke("--data", str(path), "next", "nurse", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["from"] == "nurse"
    assert doc["moves"], doc
    first = doc["moves"][0]
    assert set(first) == {
        "role",
        "title",
        "fit",
        "pay_change",
        "exposure_change",
        "job_zone",
        "to_learn",
    }
    assert first["role"] == "senior-nurse"
    assert abs(first["pay_change"] - (95000 - 80000) / 80000) < 1e-3
    fits = [m["fit"] for m in doc["moves"]]
    assert fits == sorted(fits, reverse=True)
    assert "nurse" not in [m["role"] for m in doc["moves"]]


def test_next_filters_keep_only_what_they_say(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    safer = json.loads(invoke("--data", str(path), "next", "nurse", "--safer", "--json").stdout)
    assert all(m["exposure_change"] < 0 for m in safer["moves"])
    zone = json.loads(
        invoke("--data", str(path), "next", "nurse", "--max-zone", "4", "--json").stdout
    )
    assert all(m["job_zone"] <= 4 for m in zone["moves"])
    assert "doctor" not in [m["role"] for m in zone["moves"]]
    bad = invoke("--data", str(path), "next", "nurse", "--max-zone", "9")
    assert bad.exit_code == 2


def test_path_ends_at_the_target_and_fails_with_the_closest_role(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    r = invoke("--data", str(path), "path", "nurse", "senior-nurse", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["from"] == "nurse"
    assert doc["to"] == "senior-nurse"
    assert doc["steps"][-1]["role"] == "senior-nurse"
    assert set(doc["steps"][0]) == {"role", "title", "fit", "to_learn"}
    # Nurse and coder share no skill and no word: no direct move (through the doctor's
    # mathematics there is a route of two).
    none = invoke("--data", str(path), "path", "nurse", "coder", "--max-steps", "1")
    assert none.exit_code == 1
    assert "closest role" in none.stderr or "no viable move" in none.stderr


def test_gap_lists_what_to_improve_with_both_levels(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    r = invoke("--data", str(path), "gap", "nurse", "senior-nurse", "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert set(doc) == {
        "from",
        "to",
        "coverage",
        "brings",
        "transferable",
        "to_improve",
        "to_learn",
    }
    assert 0 < doc["brings"] <= 1
    improve = {e["id"]: e["level"] for e in doc["to_improve"]}
    assert improve == {"care": {"have": 5, "need": 6}}
    assert [e["id"] for e in doc["to_learn"]] == ["law"]
    assert 0 < doc["coverage"] < 1


def test_match_from_a_role_leaves_the_role_out(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    r = invoke("--data", str(path), "match", "--from", "nurse", "--json")
    assert r.exit_code == 0, r.output
    ids = [m["role"] for m in json.loads(r.stdout)]
    assert "nurse" not in ids
    assert ids[0] == "senior-nurse"
    zoned = invoke("--data", str(path), "match", "--from", "nurse", "--max-zone", "4", "--json")
    assert "doctor" not in [m["role"] for m in json.loads(zoned.stdout)]


def test_match_from_a_role_ranks_by_the_fit_next_ranks_by(tmp_path: Path) -> None:
    # A person leaving a job is told the same best moves by both commands (on O*NET a
    # nurse's skills alone put Neurodiagnostic Technologists before Critical Care Nurses).
    path = moves_catalog(tmp_path)
    matched = json.loads(invoke("--data", str(path), "match", "--from", "nurse", "--json").stdout)
    moves = json.loads(invoke("--data", str(path), "next", "nurse", "--json").stdout)["moves"]
    by_match = {m["role"]: m["score"] for m in matched}
    assert [m["role"] for m in moves] == [r for r in by_match if r in {m["role"] for m in moves}]
    for m in moves:
        assert abs(by_match[m["role"]] - m["fit"]) < 1e-3


def test_compare_gives_the_fit_next_ranks_by(tmp_path: Path) -> None:
    path = moves_catalog(tmp_path)
    moves = json.loads(invoke("--data", str(path), "next", "nurse", "--json").stdout)["moves"]
    for move in moves:
        doc = json.loads(
            invoke("--data", str(path), "compare", "nurse", move["role"], "--json").stdout
        )
        assert abs(doc["similarity"]["fit"] - move["fit"]) < 1e-3, move["role"]
    itself = json.loads(invoke("--data", str(path), "compare", "nurse", "nurse", "--json").stdout)
    assert itself["similarity"]["fit"] == 1.0


def test_a_role_needing_few_skills_is_not_everyones_best_move() -> None:
    # The first fit ranked by what one brings: a role asking one low skill fitted everyone.
    nurse = role("nurse", {"care": (5, 5.0), "common": (4, 4.0)}, words="care for patients")
    senior = role("senior", {"care": (5, 6.0), "common": (4, 4.0)}, words="lead care for patients")
    helper = role("helper", {"common": (2, 1.0)}, words="carry boxes")
    w = catalog_weights([nurse, senior, helper])
    assert role_fit(nurse, helper, w).skills == 1.0  # brings all it asks
    assert role_fit(nurse, helper, w).value < role_fit(nurse, senior, w).value
    assert person_fit(levels_of(nurse), helper, w).value < 1.0  # uses little of a nurse


def test_match_from_a_role_counts_what_it_uses_of_all_the_roles_skills() -> None:
    brought = len(json.loads(invoke("show", "software-engineer", "--json").stdout)["skills"])
    lines = invoke("match", "--from", "software-engineer").stdout.splitlines()
    assert lines
    for line in lines:
        uses, wanted = line.split("\t")[3].split("/")
        assert int(wanted) == brought
        assert 0 < int(uses) <= brought


def test_on_the_seven_roles_next_and_path_find_the_nearest_moves() -> None:
    # Every fit among seven distinct roles lies under the viable 13%: a role's three best
    # moves are viable all the same, so a person is never told there is nowhere to go.
    moves = json.loads(invoke("next", "software-engineer", "--json").stdout)["moves"]
    assert len(moves) == 3
    assert [m["fit"] for m in moves] == sorted((m["fit"] for m in moves), reverse=True)
    route = invoke("path", "software-engineer", "data-scientist", "--json")
    assert route.exit_code == 0, route.output
    assert json.loads(route.stdout)["steps"][-1]["role"] == "data-scientist"


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 7), st.integers(0, 7)),
        st.floats(0.05, 1.0),
        max_size=40,
    ),
    st.integers(1, 4),
)
def test_the_last_step_bound_finds_routes_as_easy_as_the_plain_search(
    graph: dict[tuple[int, int], float], max_steps: int
) -> None:
    def edges(node: int) -> list[tuple[int, float]]:
        return [(b, f) for (a, b), f in sorted(graph.items()) if a == node and a != b]

    into_goal = [f for (a, b), f in graph.items() if b == 7 and a != 7]
    floor = max(0.0, 1.0 - max(into_goal, default=1.0))
    plain = easiest_route(0, 7, edges, max_steps, viable=0.0)
    bounded = easiest_route(0, 7, edges, max_steps, viable=0.0, estimate=lambda n: floor)
    assert (plain is None) == (bounded is None)
    if plain is not None and bounded is not None:
        cost = sum(1 - s.fit for s in plain)
        assert abs(cost - sum(1 - s.fit for s in bounded)) < 1e-9


def test_an_all_other_occupation_moves_to_its_field_not_to_other_all_others() -> None:
    # O*NET describes each "All Other" occupation as "All X not listed separately": those
    # words made them one another's best moves (Managers, All Other for computer work).
    r = invoke("-c", "onet", "next", "computer occupations, all other", "--json")
    assert r.exit_code == 0, r.output
    titles = [m["title"] for m in json.loads(r.stdout)["moves"][:5]]
    assert not any("All Other" in t for t in titles), titles
    assert any("Computer" in t for t in titles), titles


@pytest.mark.parametrize("width", [60, 80, 100, 120, 150, 200])
def test_next_drawn_fits_the_screen_and_cuts_no_skill_to_learn(width: int) -> None:
    # Rich let the columns' least widths outgrow a 120-160 column screen and cut the last
    # column: "Sociology and Anthropolo".
    moves = json.loads(invoke("-c", "onet", "next", "registered nurse", "--json").stdout)["moves"]
    r = invoke_as("-c", "onet", "next", "registered nurse", "--no-pager", width=width)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    words = set(r.stdout.split())
    for move in moves:
        for skill in move["to_learn"]:
            assert set(skill["name"].split()) <= words, (width, skill["name"])
