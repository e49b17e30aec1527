"""``jobcli me``: the profile from the command line, in-process, with the file in a
temporary XDG_CONFIG_HOME; and ``match --me``, ``gap --me TO``, ``me rate``."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from support import catalog_data, invoke, jobcli_command, runner, spawn, write_json

from jobcli.cli import app


@pytest.fixture
def catalog(tmp_path: Path) -> str:
    """The tests' catalog, with O*NET-style levels on the analyst's skills, Writing and
    a knowledge area (both have O*NET anchors)."""
    data = catalog_data(schema_version=2)
    data["skills"] += [
        {"id": "writing", "name": "Writing", "kind": "human"},
        {"id": "psychology", "name": "Psychology", "kind": "knowledge"},
    ]
    analyst = data["roles"][0]
    analyst["skills"][0]["rating"] = {"importance": 4.6, "level": 5.1}
    analyst["skills"][1]["rating"] = {"importance": 4.0, "level": 4.25}
    data["roles"][2]["skills"].append({"id": "writing", "importance": 3})
    return str(write_json(tmp_path / "catalog.json", data))


def me(catalog: str, *args: str) -> Any:
    return invoke("--data", catalog, "me", *args)


def stored(path: Path) -> dict[str, float | None]:
    return {s["id"]: s["level"] for s in json.loads(path.read_text())["skills"]}


# show -------------------------------------------------------------------------------------------


def test_an_empty_profile_says_how_to_fill_it(home: Path, catalog: str) -> None:
    r = me(catalog)
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "jobcli me add" in r.stderr
    assert "jobcli me rate" in r.stderr


def test_me_json_has_the_contracts_shape(home: Path, catalog: str) -> None:
    assert me(catalog, "add", "programming=5", "writing").exit_code == 0
    r = me(catalog, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {
        "skills": [
            {"id": "programming", "name": "Programming", "level": 5},
            {"id": "writing", "name": "Writing", "level": None},
        ],
        "file": str(home),
        "from": [],
    }


def test_me_piped_is_one_skill_a_line_highest_level_first(home: Path, catalog: str) -> None:
    me(catalog, "add", "writing", "programming=3", "statistics=6")
    r = me(catalog)
    assert r.stdout.splitlines() == [
        "statistics\tStatistics\t6",
        "programming\tProgramming\t3",
        "writing\tWriting\thave it",
    ]


# add ----------------------------------------------------------------------------------------------


def test_add_reads_names_as_match_does(home: Path, catalog: str) -> None:
    r = me(catalog, "add", "critical", "thinking=4", "coding=2", "stat")
    assert r.exit_code == 0, r.output
    assert stored(home) == {"critical-thinking": 4, "programming": 2, "statistics": None}


def test_add_stores_id_and_name(home: Path, catalog: str) -> None:
    me(catalog, "add", "reasoning=4.5")
    entry = json.loads(home.read_text())["skills"][0]
    assert entry == {"id": "critical-thinking", "name": "Critical Thinking", "level": 4.5}


def test_an_unknown_skill_changes_nothing(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=5")
    before = home.read_bytes()
    r = me(catalog, "add", "statistics=3", "programing=4")
    assert r.exit_code == 1
    assert "did you mean programming" in r.stderr
    assert home.read_bytes() == before


@pytest.mark.parametrize("bad", ["programming=8", "programming=-1", "programming=high", "=3"])
def test_a_bad_level_is_a_usage_error_and_changes_nothing(
    home: Path, catalog: str, bad: str
) -> None:
    r = me(catalog, "add", "writing", bad)
    assert r.exit_code == 2
    assert "0 to 7" in r.stderr or "names no skill" in r.stderr
    assert not home.exists()


# the file's safety ------------------------------------------------------------------------------


DAMAGED = b'{"jobcli_profile": 1, "skills": [{"id": "programming", "name": "Prog'


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["add", "writing"],
        ["remove", "writing"],
        ["from", "analyst"],
        ["clear"],
    ],
)
def test_a_damaged_profile_is_exit_3_and_never_written_over(
    home: Path, catalog: str, args: list[str]
) -> None:
    home.parent.mkdir(parents=True)
    home.write_bytes(DAMAGED)
    r = me(catalog, *args)
    assert r.exit_code == 3, r.output
    assert str(home) in r.stderr
    assert "not valid JSON" in r.stderr
    assert "me clear --force" in r.stderr
    assert home.read_bytes() == DAMAGED


def test_match_me_on_a_damaged_profile_is_exit_3(home: Path, catalog: str) -> None:
    home.parent.mkdir(parents=True)
    home.write_bytes(DAMAGED)
    r = invoke("--data", catalog, "match", "--me")
    assert r.exit_code == 3
    assert home.read_bytes() == DAMAGED


def test_clear_force_removes_a_damaged_profile(home: Path, catalog: str) -> None:
    home.parent.mkdir(parents=True)
    home.write_bytes(DAMAGED)
    r = me(catalog, "clear", "--force")
    assert r.exit_code == 0, r.output
    assert not home.exists()


def test_clear_empties_the_profile(home: Path, catalog: str) -> None:
    me(catalog, "add", "writing")
    assert me(catalog, "clear").exit_code == 0
    assert json.loads(me(catalog, "--json").stdout)["skills"] == []


def test_a_write_that_fails_keeps_the_old_profile(
    home: Path, catalog: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    me(catalog, "add", "writing")
    before = home.read_bytes()

    def fails(src: str, dst: str) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", fails)
    r = me(catalog, "add", "programming=5")
    assert r.exit_code == 74
    assert "cannot write your profile" in r.stderr
    assert home.read_bytes() == before
    assert sorted(os.listdir(home.parent)) == ["profile.json"]


# remove, from -----------------------------------------------------------------------------------


def test_remove_takes_names_and_refuses_a_skill_not_in_the_profile(
    home: Path, catalog: str
) -> None:
    me(catalog, "add", "writing", "programming=3")
    before = home.read_bytes()
    r = me(catalog, "remove", "coding", "empathy")
    assert r.exit_code == 1
    assert "not in your profile" in r.stderr
    assert home.read_bytes() == before
    assert me(catalog, "remove", "coding").exit_code == 0
    assert stored(home) == {"writing": None}


def test_from_a_role_takes_its_skills_with_their_levels(home: Path, catalog: str) -> None:
    me(catalog, "add", "critical-thinking=6")
    r = me(catalog, "from", "data analyst")
    assert r.exit_code == 0, r.output
    # Statistics at the role's level; Critical Thinking keeps the higher; Programming unrated.
    assert stored(home) == {"critical-thinking": 6, "statistics": 5.1, "programming": None}


def test_from_an_unknown_role_is_exit_1(home: Path, catalog: str) -> None:
    r = me(catalog, "from", "astronaut")
    assert r.exit_code == 1
    assert not home.exists()


# across catalogs --------------------------------------------------------------------------------


def test_skills_another_catalog_lacks_are_left_out_with_a_note(
    home: Path, catalog: str, tmp_path: Path
) -> None:
    me(catalog, "add", "writing=3", "programming=5", "empathy")
    other = catalog_data()
    other["skills"] = [
        {"id": "coding", "name": "programming", "kind": "technical"},  # same name, other id
        {"id": "empathy", "name": "Empathy", "kind": "human"},
    ]
    other["roles"] = [
        {"id": "dev", "title": "Dev", "summary": "s", "skills": [{"id": "coding", "importance": 5}]}
    ]
    path = str(write_json(tmp_path / "other.json", other))
    r = invoke("--data", path, "me", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["skills"] == [
        {"id": "coding", "name": "programming", "level": 5},
        {"id": "empathy", "name": "Empathy", "level": None},
    ]
    assert "not in this catalog" in r.stderr
    assert "Writing" in r.stderr
    assert stored(home) == {"writing": 3, "programming": 5, "empathy": None}  # kept


# match --me, gap --me ---------------------------------------------------------------------------


def test_match_me_ranks_the_roles_by_your_fit(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=5", "critical thinking=4")
    r = invoke("--data", catalog, "match", "--me", "--json")
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    assert [m["role"] for m in found] == ["developer", "analyst"]
    assert found[0]["score"] == 1.0  # you bring all it asks, and it uses all you have
    assert 0 < found[1]["score"] < 1
    assert [s["id"] for s in found[1]["missing"]] == ["statistics"]


def test_match_me_uses_your_levels(home: Path, catalog: str) -> None:
    def analyst_score(level: str) -> float:
        me(catalog, "add", f"statistics={level}")
        found = json.loads(invoke("--data", catalog, "match", "--me", "--json").stdout)
        return float(next(m["score"] for m in found if m["role"] == "analyst"))

    # The analyst needs Statistics at level 5.1: level 2 brings less of it than level 6.
    assert analyst_score("2") < analyst_score("6")


def test_match_me_adds_the_skills_named(home: Path, catalog: str) -> None:
    me(catalog, "add", "empathy")
    r = invoke("--data", catalog, "match", "--me", "statistics", "--json")
    assert sorted(m["role"] for m in json.loads(r.stdout)) == ["analyst", "designer"]


def test_match_me_leaves_out_level_zero(home: Path, catalog: str) -> None:
    me(catalog, "add", "empathy=0", "statistics")
    r = invoke("--data", catalog, "match", "--me", "--json")
    assert [m["role"] for m in json.loads(r.stdout)] == ["analyst"]


def test_match_me_with_an_empty_profile_says_how_to_fill_it(home: Path, catalog: str) -> None:
    r = invoke("--data", catalog, "match", "--me")
    assert r.exit_code == 3
    assert "jobcli me add" in r.stderr


def test_gap_me_is_from_the_profile_with_its_levels(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=4", "statistics=2")
    r = invoke("--data", catalog, "gap", "--me", "analyst", "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert (result["from"], result["to"]) == ("me", "analyst")
    assert [s["id"] for s in result["transferable"]] == ["programming"]
    assert [(s["id"], s["level"]) for s in result["to_improve"]] == [
        ("statistics", {"have": 2, "need": 5.1})
    ]
    assert [s["id"] for s in result["to_learn"]] == ["critical-thinking"]


def test_gap_me_takes_only_to(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming")
    assert invoke("--data", catalog, "gap", "--me", "analyst", "developer").exit_code == 2
    assert invoke("--data", catalog, "gap", "analyst").exit_code == 2


# rate ---------------------------------------------------------------------------------------------


class Keyboard(io.StringIO):
    """A terminal's input: these lines, then Ctrl-C (or the end of input)."""

    def __init__(self, lines: list[str], interrupt: bool = True) -> None:
        super().__init__()
        self.lines = list(lines)
        self.interrupt = interrupt

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.lines:
            return self.lines.pop(0) + "\n"
        if self.interrupt:
            raise KeyboardInterrupt
        return ""


def rate(catalog: str, keys: Keyboard | None, *args: str) -> Any:
    from jobcli.output import Environment

    def environment() -> Environment:
        return Environment(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin=keys,
            stdin_isatty=keys is not None,
        )

    return runner.invoke(
        app, ["--data", catalog, "me", "rate", *args], obj=environment, catch_exceptions=False
    )


def test_rate_refuses_without_a_terminal(home: Path, catalog: str) -> None:
    r = rate(catalog, None)
    assert r.exit_code == 2
    assert "terminal" in r.stderr
    assert "me add" in r.stderr
    assert not home.exists()


def test_rate_asks_with_progress_and_anchors_and_skips_on_enter(home: Path, catalog: str) -> None:
    # The catalog's O*NET skills, in O*NET's order: Writing, Critical Thinking, Programming.
    r = rate(catalog, Keyboard(["4", "", "6", "n"], interrupt=False))
    assert r.exit_code == 0, r.output
    assert "[1/3] Writing" in r.stderr
    assert "[3/3] Programming" in r.stderr
    assert "level 6: Write a novel for publication" in r.stderr
    assert stored(home) == {"writing": 4, "programming": 6}


def test_rate_goes_on_where_it_stopped(home: Path, catalog: str) -> None:
    rate(catalog, Keyboard(["4", "q"], interrupt=False))
    r = rate(catalog, Keyboard(["5", "n"], interrupt=False))
    assert "[1/3]" not in r.stderr
    assert "[2/3] Critical Thinking" in r.stderr
    assert stored(home) == {"writing": 4, "critical-thinking": 5}
    again = rate(catalog, Keyboard(["", "", "7", "n"], interrupt=False), "--all")
    assert "[1/3] Writing" in again.stderr
    assert "now 4; Enter keeps it" in again.stderr
    assert stored(home) == {"writing": 4, "critical-thinking": 5, "programming": 7}


def test_ctrl_c_keeps_the_answers_and_exits_130(home: Path, catalog: str) -> None:
    r = rate(catalog, Keyboard(["3"]))
    assert r.exit_code == 130
    assert "saved" in r.stderr
    assert stored(home) == {"writing": 3}


def test_knowledge_areas_on_request(home: Path, catalog: str) -> None:
    r = rate(catalog, Keyboard(["", "", "", "2"], interrupt=False), "--knowledge")
    assert r.exit_code == 0, r.output
    assert "[1/1] Psychology" in r.stderr
    assert stored(home) == {"psychology": 2}
    asked = rate(catalog, Keyboard(["", "", "", "y"], interrupt=False), "--all")
    assert "knowledge areas too?" in asked.stderr


def test_rate_from_a_pipe_in_a_real_process_is_exit_2(home: Path, catalog: str) -> None:
    ran = spawn(["--data", catalog, "me", "rate"], env=dict(os.environ), stdin=b"5\n")
    assert ran.code == 2, ran.err
    assert "Traceback" not in ran.err
    assert not home.exists()


def test_ctrl_c_on_a_real_terminal_keeps_the_answers(home: Path, catalog: str) -> None:
    """The installed program on a pseudo-terminal: answer one question, then SIGINT."""
    import pty
    import select
    import signal
    import subprocess
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*jobcli_command(), "--data", catalog, "me", "rate"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(os.environ),
        start_new_session=True,
    )
    os.close(slave)
    seen = b""

    def until(text: bytes) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while text not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break

    try:
        until(b"[1/3]")
        os.write(master, b"6\n")
        until(b"[2/3]")
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=60)
        until(b"saved")
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert code == 130, seen.decode(errors="replace")
    assert b"Traceback" not in seen
    assert stored(home) == {"writing": 6}


def test_me_on_a_terminal_is_a_table_with_levels_and_the_file(home: Path, catalog: str) -> None:
    from support import invoke_as

    me(catalog, "add", "writing", "programming=5")
    r = invoke_as("--data", catalog, "me", width=100)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    programming = next(i for i, line in enumerate(lines) if "Programming" in line)
    writing = next(i for i, line in enumerate(lines) if "Writing" in line)
    assert programming < writing  # rated first
    assert "█████░░" in lines[programming]
    assert "have it" in lines[writing]
    assert str(home) in r.stdout.replace("\n", "")


# next --me, path --me ---------------------------------------------------------------------------


def test_next_me_lists_the_moves_for_you(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=5", "critical thinking=4")
    r = invoke("--data", catalog, "next", "--me", "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert result["from"] == "me"
    assert result["moves"][0]["role"] == "developer"
    assert result["moves"][0]["fit"] == 1.0
    assert "designer" not in [m["role"] for m in result["moves"]]  # nothing of yours


def test_next_me_with_your_job_leaves_it_out(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=5", "critical thinking=4", "statistics=5")
    r = invoke("--data", catalog, "next", "--me", "developer", "--json")
    assert r.exit_code == 0, r.output
    assert [m["role"] for m in json.loads(r.stdout)["moves"]] == ["analyst"]


def test_next_needs_a_role_or_me(home: Path, catalog: str) -> None:
    assert invoke("--data", catalog, "next").exit_code == 2


def test_path_me_ends_at_to(home: Path, catalog: str) -> None:
    me(catalog, "add", "programming=5", "critical thinking=4", "statistics=5")
    r = invoke("--data", catalog, "path", "--me", "analyst", "--json")
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert (result["from"], result["to"]) == ("me", "analyst")
    assert result["steps"][-1]["role"] == "analyst"
    assert invoke("--data", catalog, "path", "--me", "analyst", "developer").exit_code == 2
