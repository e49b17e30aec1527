"""Where a profile's skills came from (``me from ROLE``): remembered in the file, shown by
``me``, and left out of the moves for you (``next --me``, ``match --me``, ``path --me``),
as ``match --from ROLE`` leaves ROLE out. In-process, with the file in a temporary
XDG_CONFIG_HOME; on a small catalog and on the bundled O*NET one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, invoke_as, write_json

from jobcli.profile import Profile, ProfileError, ProfileSkill, decode, encode
from jobcli.profile_roles import ProfileRole

NURSE = ProfileRole("registered-nurses", "Registered Nurses")


@pytest.fixture
def catalog(tmp_path: Path) -> str:
    """The tests' catalog, the analyst's skills rated (levels), as O*NET rates them."""
    data = catalog_data(schema_version=2)
    analyst = data["roles"][0]
    analyst["skills"][0]["rating"] = {"importance": 4.6, "level": 5.1}
    analyst["skills"][1]["rating"] = {"importance": 4.0, "level": 4.25}
    return str(write_json(tmp_path / "catalog.json", data))


def run(catalog: str, *args: str) -> Any:
    r = invoke("--data", catalog, *args)
    assert "Traceback" not in r.output
    return r


def moves(catalog: str, *args: str) -> list[str]:
    r = run(catalog, "next", "--me", *args, "--json")
    assert r.exit_code == 0, r.output
    return [m["role"] for m in json.loads(r.stdout)["moves"]]


def matched(catalog: str) -> list[str]:
    r = run(catalog, "match", "--me", "--json")
    assert r.exit_code == 0, r.output
    return [m["role"] for m in json.loads(r.stdout)]


# the file ---------------------------------------------------------------------------------------


def test_a_profile_file_without_from_still_loads(tmp_path: Path) -> None:
    old = b'{"jobcli_profile": 1, "skills": [{"id": "writing", "name": "Writing", "level": 3}]}'
    profile = decode(old, tmp_path / "p.json")
    assert profile.skills == (ProfileSkill("writing", "Writing", 3.0),)
    assert profile.came_from == ()


def test_from_is_written_only_when_there_is_a_role(tmp_path: Path) -> None:
    skills = Profile((ProfileSkill("writing", "Writing", 3.0),))
    assert "from" not in json.loads(encode(skills))  # the previous version reads this file
    remembered = skills.taken_from(NURSE)
    assert json.loads(encode(remembered))["from"] == [
        {"id": "registered-nurses", "title": "Registered Nurses"}
    ]
    assert decode(encode(remembered), tmp_path / "p.json") == remembered


def test_the_roles_stay_when_skills_change_and_a_role_is_kept_once() -> None:
    profile = Profile().taken_from(NURSE).with_skills([ProfileSkill("writing", "Writing")])
    profile = profile.without(["writing"]).taken_from(NURSE)
    assert profile.came_from == (NURSE,)
    assert not profile  # no skill: empty, however many roles it remembers


@pytest.mark.parametrize(
    "damaged",
    [
        '"registered-nurses"',
        '["registered-nurses"]',
        '[{"id": "registered-nurses"}]',
        '[{"id": "", "title": "Nurses"}]',
        '[{"id": "a", "title": "A"}, {"id": "a", "title": "A"}]',
    ],
)
def test_a_damaged_from_is_a_damaged_profile(tmp_path: Path, damaged: str) -> None:
    raw = f'{{"jobcli_profile": 1, "skills": [], "from": {damaged}}}'.encode()
    with pytest.raises(ProfileError, match="from"):
        decode(raw, tmp_path / "p.json")


def test_a_damaged_from_is_exit_3_and_never_written_over(home: Path, catalog: str) -> None:
    home.parent.mkdir(parents=True)
    home.write_text('{"jobcli_profile": 1, "skills": [], "from": [{"id": "analyst"}]}')
    before = home.read_bytes()
    for args in (("me", "add", "writing"), ("me", "from", "analyst"), ("next", "--me")):
        r = run(catalog, *args)
        assert r.exit_code == 3, args
        assert "from[0]" in r.stderr
    assert home.read_bytes() == before


# the commands -----------------------------------------------------------------------------------


def test_next_me_leaves_out_the_job_the_skills_came_from(home: Path, catalog: str) -> None:
    run(catalog, "me", "add", "statistics=5", "critical-thinking=4", "programming")
    assert moves(catalog)[0] == "analyst"  # the analyst's skills: the analyst fits best
    run(catalog, "me", "clear")
    assert run(catalog, "me", "from", "data analyst").exit_code == 0
    assert "analyst" not in moves(catalog)
    assert moves(catalog) == ["developer"]


def test_the_role_stays_left_out_after_add_and_remove(home: Path, catalog: str) -> None:
    run(catalog, "me", "from", "analyst")
    run(catalog, "me", "add", "empathy=2")
    run(catalog, "me", "remove", "programming")
    assert "analyst" not in moves(catalog)
    assert "analyst" not in matched(catalog)
    r = run(catalog, "me", "--json")
    assert json.loads(r.stdout)["from"] == [{"id": "analyst", "title": "Data Analyst"}]


def test_match_me_leaves_it_out_as_match_from_does(home: Path, catalog: str) -> None:
    run(catalog, "me", "add", "statistics=5", "critical-thinking=4", "programming")
    assert "analyst" in matched(catalog)
    run(catalog, "me", "from", "analyst")
    assert "analyst" not in matched(catalog)
    assert matched(catalog)[0] == "developer"


def test_named_explicitly_it_is_still_a_destination(home: Path, catalog: str) -> None:
    run(catalog, "me", "from", "analyst")
    r = run(catalog, "path", "--me", "analyst", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["steps"][-1]["role"] == "analyst"
    r = run(catalog, "gap", "--me", "analyst", "--json")
    assert (r.exit_code, json.loads(r.stdout)["to"]) == (0, "analyst")


def test_path_me_takes_no_move_of_fit_0_straight_to_to(home: Path, catalog: str) -> None:
    run(catalog, "me", "add", "empathy=5")  # nothing the analyst needs
    assert "analyst" not in moves(catalog)
    r = run(catalog, "path", "--me", "analyst", "--json")
    assert (r.exit_code, r.stdout) == (1, "")
    assert "no route from You to Data Analyst" in r.stderr


def test_clear_forgets_where_the_skills_came_from(home: Path, catalog: str) -> None:
    run(catalog, "me", "from", "analyst")
    r = run(catalog, "me", "clear")
    assert "the 1 role they came from" in r.stderr
    run(catalog, "me", "add", "statistics=5", "critical-thinking=4")
    assert "analyst" in moves(catalog)
    assert json.loads(run(catalog, "me", "--json").stdout)["from"] == []


def test_me_says_where_the_skills_came_from(home: Path, catalog: str) -> None:
    r = run(catalog, "me", "from", "analyst")
    assert "left out of your moves" in r.stderr
    shown = invoke_as("--data", catalog, "me", width=100)
    assert shown.exit_code == 0, shown.output
    assert "Skills taken from Data Analyst (analyst)" in " ".join(shown.stdout.split())
    markdown = run(catalog, "me", "--format", "markdown").stdout
    assert "Data Analyst" in markdown
    assert "analyst\tData Analyst" not in run(catalog, "me").stdout  # a pipe: skills only


def test_another_catalog_finds_the_role_by_its_title(
    home: Path, catalog: str, tmp_path: Path
) -> None:
    run(catalog, "me", "from", "analyst")
    other = catalog_data(schema_version=2)
    other["roles"][0]["id"] = "data-analysts"  # the same job under another id
    other["roles"][0]["title"] = "Data Analysts"
    other["roles"][1]["related"] = []
    other["roles"][0]["related"] = []
    path = str(write_json(tmp_path / "other.json", other))
    assert "data-analysts" not in moves(path)
    r = run(path, "me", "--json")
    assert json.loads(r.stdout)["from"] == [{"id": "data-analysts", "title": "Data Analysts"}]


# on the bundled O*NET catalog -------------------------------------------------------------------


def test_onet_a_nurse_is_not_told_to_become_a_nurse(home: Path) -> None:
    assert invoke("-c", "onet", "me", "from", "registered nurse").exit_code == 0
    r = invoke("-c", "onet", "next", "--me", "--json")
    assert r.exit_code == 0, r.output
    mine = [m["role"] for m in json.loads(r.stdout)["moves"]]
    assert "registered-nurses" not in mine
    nurse = json.loads(invoke("-c", "onet", "next", "registered nurse", "--json").stdout)
    as_nurse = [m["role"] for m in nurse["moves"]]
    assert mine[0] == as_nurse[0]  # the first move a nurse is shown, with or without --me
    shown = invoke_as("-c", "onet", "next", "--me", width=200)
    assert "Left out of your moves: Registered Nurses" in shown.stdout
    assert "next --me ROLE" in shown.stdout  # why pay and exposure are unknown


def test_onet_a_profile_from_a_job_moves_as_the_job_does(home: Path) -> None:
    # Skills alone put Neurodiagnostic Technologists 2nd and Critical Care Nurses 51st; the
    # work of the job the skills came from weighs in, and the nursing specialties lead.
    invoke("-c", "onet", "me", "from", "registered nurse")
    mine = [
        m["role"]
        for m in json.loads(invoke("-c", "onet", "next", "--me", "--json").stdout)["moves"]
    ]
    nurse = json.loads(invoke("-c", "onet", "next", "registered nurse", "--json").stdout)
    as_nurse = [m["role"] for m in nurse["moves"]]
    assert len(set(mine[:10]) & set(as_nurse[:10])) >= 7, (mine[:10], as_nurse[:10])
    assert "critical-care-nurses" in mine[:5]


def test_onet_next_me_role_gives_the_changes_from_the_job_you_have(home: Path) -> None:
    invoke("-c", "onet", "me", "from", "registered nurse")
    r = invoke("-c", "onet", "next", "--me", "registered-nurses", "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert result["from"] == "me"
    assert "registered-nurses" not in [m["role"] for m in result["moves"]]
    assert any(m["pay_change"] is not None for m in result["moves"])
    alone = json.loads(invoke("-c", "onet", "next", "--me", "--json").stdout)
    assert all(m["pay_change"] is None for m in alone["moves"])  # no job of yours to compare


@pytest.mark.parametrize(
    "args", [("next", "--me"), ("match", "--me"), ("path", "--me", "registered-nurses")]
)
def test_me_without_a_profile_says_how_to_fill_it(home: Path, args: tuple[str, ...]) -> None:
    r = invoke("-c", "onet", *args)
    assert r.exit_code == 3
    assert r.stdout == ""
    assert "your profile is empty" in r.stderr
    assert "jobcli me from ROLE" in r.stderr
