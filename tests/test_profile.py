"""The profile's core (jobcli.profile): levels, the file, atomic writes, reading it
against catalogs that name skills differently, and the questionnaire's flow."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jobcli.domain import Catalog, Skill
from jobcli.profile import (
    BadLevel,
    Profile,
    ProfileError,
    ProfileSkill,
    decode,
    encode,
    held,
    parse_level,
    profile_path,
    read_profile,
    split_level,
    usage,
    write_profile,
)
from jobcli.questionnaire import SKIP, STOP, Question, questions_for, read_answer, run

PROGRAMMING = ProfileSkill("programming", "Programming", 5.0)
WRITING = ProfileSkill("writing", "Writing", None)


# levels -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "level"), [("0", 0.0), ("7", 7.0), ("4.5", 4.5), (" 3 ", 3.0)])
def test_a_level_is_a_number_from_0_to_7(text: str, level: float) -> None:
    assert parse_level(text) == level


@pytest.mark.parametrize("text", ["", "abc", "8", "-1", "7.01", "nan", "inf", "5/7"])
def test_a_level_outside_0_to_7_or_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(BadLevel):
        parse_level(text)


def test_skill_and_level_split_at_the_last_equals_sign() -> None:
    assert split_level("programming=5") == ("programming", 5.0)
    assert split_level("critical thinking=4.5") == ("critical thinking", 4.5)
    assert split_level("writing") == ("writing", None)
    with pytest.raises(BadLevel):
        split_level("=5")
    with pytest.raises(BadLevel):
        split_level("programming=")


# changing a profile -----------------------------------------------------------------------------


def test_adding_without_a_level_keeps_the_level_given_before() -> None:
    profile = Profile((PROGRAMMING,)).with_skills([ProfileSkill("programming", "Programming")])
    assert profile.level_of("programming") == 5.0


def test_adding_with_a_level_replaces_it() -> None:
    profile = Profile((PROGRAMMING,)).with_skills([ProfileSkill("programming", "Programming", 2)])
    assert profile.level_of("programming") == 2


def test_a_past_jobs_levels_keep_the_higher_one() -> None:
    job = [ProfileSkill("programming", "Programming", 3.0), ProfileSkill("writing", "Writing", 4)]
    profile = Profile((PROGRAMMING, WRITING)).with_skills(job, keep_higher=True)
    assert profile.level_of("programming") == 5.0
    assert profile.level_of("writing") == 4


def test_usage_is_the_share_of_what_you_have_that_a_role_uses() -> None:
    have = {"a": 6.0, "b": 2.0, "c": None}
    assert usage(have, ["a", "b", "c", "x"]) == 1.0
    assert usage(have, ["a"]) == pytest.approx(6.0 / 11.5)  # no level weighs 3.5
    assert usage(have, ["x"]) == 0.0
    assert usage({}, ["a"]) == 0.0


def test_level_zero_is_not_a_skill_you_have() -> None:
    assert held({"a": 0.0, "b": None, "c": 2.0}) == ["b", "c"]


# against catalogs -------------------------------------------------------------------------------


def test_a_skill_is_found_by_id_then_by_name_and_the_rest_left_out() -> None:
    profile = Profile(
        (
            PROGRAMMING,
            ProfileSkill("sql", "Structured Query Language (SQL)", 4.0),
            ProfileSkill("empathy", "Empathy", None),
        )
    )
    other_catalog = [
        Skill("programming", "Coding", "technical"),
        Skill("structured-query-language-sql", "structured query language SQL", "technical"),
    ]
    placed = profile.placed(other_catalog)
    assert placed.levels == {"programming": 5.0, "structured-query-language-sql": 4.0}
    assert [s.id for s in placed.left_out] == ["empathy"]
    assert placed.note() is not None
    assert "Empathy" in placed.note()
    assert profile.levels_for(other_catalog) == placed.levels
    assert profile.levels_for(Catalog(2, "", tuple(other_catalog), ())) == placed.levels


def test_found_by_id_wins_over_another_entry_with_the_same_name() -> None:
    profile = Profile((ProfileSkill("coding", "Programming", 2.0), PROGRAMMING))
    levels = profile.levels_for([Skill("programming", "Programming", "technical")])
    assert levels == {"programming": 5.0}


# the file ---------------------------------------------------------------------------------------


def test_the_profile_lives_under_xdg_config_home_else_dot_config() -> None:
    assert profile_path({"XDG_CONFIG_HOME": "/x", "HOME": "/h"}) == Path("/x/jobcli/profile.json")
    assert profile_path({"HOME": "/h"}) == Path("/h/.config/jobcli/profile.json")
    assert profile_path({"XDG_CONFIG_HOME": "rel", "HOME": "/h"}) == Path(
        "/h/.config/jobcli/profile.json"
    )


def test_the_file_is_documented_json_that_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "jobcli" / "profile.json"
    profile = Profile((PROGRAMMING, WRITING, ProfileSkill("r", "R", 4.25)))
    write_profile(path, profile)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["jobcli_profile"] == 1
    assert "O*NET" in data["about"]
    assert data["skills"][0] == {"id": "programming", "name": "Programming", "level": 5}
    assert read_profile(path) == profile


def test_no_file_is_an_empty_profile(tmp_path: Path) -> None:
    assert read_profile(tmp_path / "none.json") == Profile()


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"jobcli_profile": 2, "skills": []}',
        b'{"jobcli_profile": 1, "skills": [{"id": "a", "name": "A", "level": 9}]}',
        b'{"jobcli_profile": 1, "skills": [{"id": "a", "name": "A"}]}',
        b'{"jobcli_profile": 1, "skills": [], "extra": 1}',
        b'{"jobcli_profile": 1, "skills": [], "skills": []}',
        b'{"jobcli_profile": 1, "skills": [{"id": "a", "name": "A", "level": true}]}',
        (
            b'{"jobcli_profile": 1, "skills": [{"id": "a", "name": "A", "level": 1},'
            b' {"id": "a", "name": "B", "level": 2}]}'
        ),
    ],
)
def test_a_damaged_file_is_an_error_naming_it(tmp_path: Path, raw: bytes) -> None:
    with pytest.raises(ProfileError) as caught:
        decode(raw, tmp_path / "profile.json")
    assert str(tmp_path / "profile.json") in str(caught.value)


def test_a_crash_between_write_and_rename_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profile.json"
    write_profile(path, Profile((PROGRAMMING,)))
    before = path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C (or a kill) after the new bytes, before the rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_profile(path, Profile((PROGRAMMING, WRITING)))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["profile.json"]  # no temporary file left behind


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profile.json"
    write_profile(path, Profile((PROGRAMMING,)))
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        write_profile(path, Profile((WRITING,)))
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["profile.json"]


def test_encode_is_one_skill_a_line() -> None:
    text = encode(Profile((PROGRAMMING, WRITING))).decode()
    assert '    {"id": "writing", "name": "Writing", "level": null}' in text.splitlines()


# the questionnaire ------------------------------------------------------------------------------

CATALOG = [
    Skill("writing", "Writing", "human"),
    Skill("programming", "Programming", "technical"),
    Skill("mathematics", "Mathematics", "knowledge"),  # O*NET's skill
    Skill("mathematics-knowledge", "Mathematics (knowledge)", "knowledge"),
    Skill("psychology", "Psychology", "knowledge"),
    Skill("empathy", "Empathy", "human"),  # no O*NET anchors: not asked
]


def test_questions_are_onet_elements_the_catalog_has_with_their_anchors() -> None:
    skills, knowledge = questions_for(CATALOG)
    assert [q.skill.id for q in skills] == ["writing", "mathematics", "programming"]
    assert [q.skill.id for q in knowledge] == ["mathematics-knowledge", "psychology"]
    writing = skills[0]
    assert [level for level, _ in writing.anchors] == [2, 4, 6]
    assert "novel" in writing.anchors[-1][1]  # O*NET's own high anchor for Writing
    assert writing.description.startswith("Communicating effectively in writing")


def test_answers_read_as_level_skip_or_stop() -> None:
    assert read_answer("5") == 5.0
    assert read_answer("") == SKIP
    assert read_answer("q") == STOP
    assert read_answer(None) == STOP  # end of input
    with pytest.raises(BadLevel):
        read_answer("9")


def _sitting(
    questions: list[Question], lines: list[str | None]
) -> tuple[list[tuple[str, float]], list[str], list[str]]:
    saved: list[tuple[str, float]] = []
    prompts: list[str] = []
    said: list[str] = []
    feed = iter(lines)

    def ask(prompt: str) -> str | None:
        prompts.append(prompt)
        return next(feed)

    run(
        questions,
        total=len(questions),
        position={q.skill.id: i for i, q in enumerate(questions, 1)},
        current={},
        ask=ask,
        say=said.append,
        save=lambda q, level: saved.append((q.skill.id, level)),
    )
    return saved, prompts, said


def test_a_sitting_saves_each_answer_skips_on_enter_and_asks_again_after_a_bad_one() -> None:
    skills, _ = questions_for(CATALOG)
    saved, prompts, said = _sitting(skills, ["5\n", "\n", "12\n", "3\n"])
    assert saved == [("writing", 5.0), ("programming", 3.0)]
    assert prompts[0].startswith("[1/3] Writing")
    assert prompts[1].startswith("[2/3] Mathematics")
    assert "0 to 7" in said[0]
    assert not prompts[3].startswith("[")  # asked again: only the prompt line


def test_ctrl_c_keeps_every_answer_before_it() -> None:
    skills, _ = questions_for(CATALOG)
    saved: list[tuple[str, float]] = []
    answers = iter(["4\n"])

    def ask(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    with pytest.raises(KeyboardInterrupt):
        run(
            skills,
            total=3,
            position={q.skill.id: i for i, q in enumerate(skills, 1)},
            current={},
            ask=ask,
            say=lambda text: None,
            save=lambda q, level: saved.append((q.skill.id, level)),
        )
    assert saved == [("writing", 4.0)]
