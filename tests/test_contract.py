"""Acceptance tests of jobcli against its contract (CONTRACT.md), black-box.

Every test runs jobcli from a temporary directory that is not the repository, with
``XDG_CACHE_HOME`` in a temporary directory too, and sees only what a user or a script
sees (exit code, stdout, stderr). Most run it in-process on pipes (``CliRunner``, fast);
the *installed* ``jobcli`` (the console script beside ``sys.executable``) runs in a
subprocess where only a real process tells: the console script and ``python -m``, the
installed version, a terminal (a pseudo-terminal), a deep recursion, and the wiring from
a broken catalog rule to exit 3 (each rule itself is checked in tests/test_models.py).

Each test is named for the sentence of the contract it checks. Where the contract
leaves a detail open (the exact shape of an importance "in each role", which stream
``validate`` writes its report to, ...), the test checks only what the contract says
and the choice is noted beside it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import (
    BUNDLED_VIEWS,
    SEVEN_ROLES,
    catalog_data,
    jobcli_command,
    spawn,
    spawn_on_terminal,
    write_json,
)

JOBCLI = jobcli_command()

BUNDLED_IDS = SEVEN_ROLES

#: The fields of a role in the catalog format (contract, "The catalog file").
ROLE_FIELDS = {
    "id",
    "title",
    "aliases",
    "summary",
    "responsibilities",
    "skills",
    "human_edge",
    "onet_soc_code",
    "ai_exposure",
    "related",
}
SKILL_ENTRY_KEYS = {"id", "name", "kind", "importance"}

#: O*NET's 35 skills (O*NET 29.x content model, element group 2.A / 2.B).
ONET_SKILLS = [
    "Reading Comprehension", "Active Listening", "Writing", "Speaking", "Mathematics",
    "Science", "Critical Thinking", "Active Learning", "Learning Strategies", "Monitoring",
    "Social Perceptiveness", "Coordination", "Persuasion", "Negotiation", "Instructing",
    "Service Orientation", "Complex Problem Solving", "Operations Analysis",
    "Technology Design", "Equipment Selection", "Installation", "Programming",
    "Operations Monitoring", "Operation and Control", "Equipment Maintenance",
    "Troubleshooting", "Repairing", "Quality Control Analysis",
    "Judgment and Decision Making", "Systems Analysis", "Systems Evaluation",
    "Time Management", "Management of Financial Resources",
    "Management of Material Resources", "Management of Personnel Resources",
]  # fmt: skip

ESC = "\x1b"
#: Any C0 control but newline, DEL, any C1 control, bidi overrides and isolates.
# Tab is allowed: piped tables separate their fields with it.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR_RE = re.compile(r"\x1b\[[0-9;]*m")
ANY_ESCAPE_RE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)", re.S)


# --------------------------------------------------------------------------- helpers


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return (
            f"jobcli {' '.join(self.args)} -> exit {self.returncode}\n"
            f"--- stdout ---\n{self.stdout[:3000]}\n--- stderr ---\n{self.stderr[:3000]}"
        )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory that is not the repository: the cwd of every run, and a home for files."""
    path = tmp_path_factory.mktemp("contract")
    (path / "cwd").mkdir()
    (path / "cache").mkdir()
    return path


def base_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("JOBCLI_")
        and k not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES"}
    }
    env.update(
        XDG_CACHE_HOME=str(home / "cache"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def run(
    home: Path,
    *args: str,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float = 30,
    installed: bool = False,
) -> Result:
    """Run jobcli on pipes from ``home/cwd``; no run may ever print a traceback.

    In-process (``CliRunner``, stdout and stderr not a terminal) unless ``installed``:
    then the installed ``jobcli`` in a subprocess, for what only a real process shows
    (the console script, a deep recursion, the wiring from a broken rule to exit 3).
    """
    if installed:
        ran = spawn(
            list(args),
            cwd=home / "cwd",
            env=base_env(home, **(env or {})),
            stdin=(input or "").encode("utf-8"),
            timeout=timeout,
        )
        code, out, err = ran.code, ran.stdout, ran.stderr
    else:
        from support import runner

        from jobcli.cli import app

        wanted = base_env(home, **(env or {}))
        changes: dict[str, str | None] = {k: None for k in os.environ if k not in wanted}
        changes.update(wanted)
        before = os.getcwd()
        os.chdir(home / "cwd")
        try:
            r = runner.invoke(app, list(args), env=changes, input=input, catch_exceptions=False)
        finally:
            os.chdir(before)
        code, out, err = r.exit_code, r.stdout_bytes, r.stderr_bytes
    result = Result(
        list(args),
        code,
        out.decode("utf-8", "surrogateescape"),
        err.decode("utf-8", "surrogateescape"),
    )
    assert "Traceback (most recent call last)" not in result.stderr, str(result)
    assert "Traceback (most recent call last)" not in result.stdout, str(result)
    return result


def run_pty(home: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run jobcli with stdout on a pseudo-terminal (stderr piped)."""
    ran = spawn_on_terminal(
        list(args),
        cwd=home / "cwd",
        env=base_env(home, COLUMNS="100", LINES="50", **(env or {})),
        stderr_too=False,
        raw=False,
        timeout=30,
    )
    out = ran.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    result = Result(list(args), ran.code, out, ran.stderr.decode("utf-8", "replace"))
    assert "Traceback (most recent call last)" not in result.stderr, str(result)
    return result


def catalog_file(home: Path, name: str, data: Any) -> Path:
    return write_json(home / name, data)


@pytest.fixture(scope="module")
def base_path(home: Path) -> Path:
    """The small valid catalog of tests/support.py, as a file."""
    return catalog_file(home, "base.json", catalog_data())


def assert_one_json_document(result: Result) -> Any:
    """stdout holds exactly one JSON document and a newline, nothing else."""
    out = result.stdout
    assert out.endswith("\n"), str(result)
    assert not out.endswith("\n\n"), str(result)
    assert not out.startswith((" ", "\n")), str(result)
    assert ESC not in out, str(result)
    return json.loads(out)  # json.loads refuses anything after the one document


def assert_skill_entry(entry: dict[str, Any]) -> None:
    assert set(entry) >= SKILL_ENTRY_KEYS, entry
    assert isinstance(entry["id"], str)
    assert isinstance(entry["name"], str)
    assert entry["kind"] in {"human", "technical", "knowledge"}
    assert isinstance(entry["importance"], int)
    assert 1 <= entry["importance"] <= 5


def assert_most_important_first(entries: list[dict[str, Any]]) -> None:
    importances = [e["importance"] for e in entries]
    assert importances == sorted(importances, reverse=True), entries


def skill_names(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in data["skills"]}


# --------------------------------------------------------------------------- layout


def test_python_dash_m_jobcli_is_the_same_program(home: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "jobcli", "list", "--json"],
        cwd=home / "cwd",
        env=base_env(home),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["id"] for r in json.loads(proc.stdout)) == sorted(BUNDLED_IDS)


def test_requires_python_3_10_and_runtime_deps_are_typer_rich_pydantic(home: Path) -> None:
    code = (
        "import importlib.metadata as m, json; md = m.metadata('jobcli');"
        "print(json.dumps([md['Requires-Python'], m.requires('jobcli')]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=home / "cwd", capture_output=True, text=True, check=True
    )
    requires_python, requires = json.loads(proc.stdout)
    assert requires_python.replace(" ", "") == ">=3.10"
    runtime = {
        re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in requires if "extra ==" not in r
    }
    assert runtime == {"typer", "rich", "pydantic"}


# --------------------------------------------------------------------------- global options


def test_version_prints_the_installed_version_and_exits_0(home: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import importlib.metadata as m; print(m.version('jobcli'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    version = proc.stdout.strip()
    result = run(home, "--version", installed=True)
    assert result.returncode == 0, str(result)
    assert result.stdout == f"jobcli {version}\n"


def test_version_does_not_need_a_readable_catalog(home: Path) -> None:
    result = run(home, "--version", env={"JOBCLI_DATA": str(home / "no-such.json")})
    assert result.returncode == 0, str(result)


def test_global_data_option_before_the_command_reads_that_catalog(
    home: Path, base_path: Path
) -> None:
    result = run(home, "--data", str(base_path), "list", "--json")
    assert result.returncode == 0, str(result)
    assert [r["id"] for r in result.json()] == ["analyst", "developer", "designer"]


def test_env_jobcli_data_reads_that_catalog(home: Path, base_path: Path) -> None:
    result = run(home, "list", "--json", env={"JOBCLI_DATA": str(base_path)})
    assert result.returncode == 0, str(result)
    assert [r["id"] for r in result.json()] == ["analyst", "developer", "designer"]


def test_data_option_beats_env_jobcli_data(home: Path, base_path: Path) -> None:
    result = run(
        home,
        "--data",
        str(base_path),
        "list",
        "--json",
        env={"JOBCLI_DATA": str(home / "no-such.json")},
    )
    assert result.returncode == 0, str(result)
    assert len(result.json()) == 3


def test_relative_data_path_is_read_from_the_current_directory(home: Path) -> None:
    write_json(home / "cwd" / "mine.json", catalog_data())
    result = run(home, "--data", "mine.json", "list", "--json")
    assert result.returncode == 0, str(result)
    assert len(result.json()) == 3


# --------------------------------------------------------------------------- commands and --json

#: Every command that reads the catalog, with arguments valid in the bundled catalog.
CATALOG_COMMANDS = BUNDLED_VIEWS


@pytest.mark.parametrize("command", sorted(CATALOG_COMMANDS))
def test_every_catalog_command_takes_json_and_prints_one_json_document(
    home: Path, command: str
) -> None:
    result = run(home, *CATALOG_COMMANDS[command], "--json")
    assert result.returncode == 0, str(result)
    assert_one_json_document(result)


def test_schema_prints_one_json_document(home: Path) -> None:
    result = run(home, "schema")
    assert result.returncode == 0, str(result)
    assert_one_json_document(result)


@pytest.mark.parametrize(
    "command", ["list", "show", "compare", "match", "gap", "skills", "validate"]
)
def test_every_command_listed_exists_with_help(home: Path, command: str) -> None:
    result = run(home, command, "--help")
    assert result.returncode == 0, str(result)
    assert "--json" in result.stdout


def test_json_on_a_terminal_is_still_exactly_one_json_document(home: Path) -> None:
    result = run_pty(home, "show", "data-scientist", "--json")
    assert result.returncode == 0, str(result)
    assert ESC not in result.stdout, repr(result.stdout[:200])
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    assert json.loads(result.stdout)["id"] == "data-scientist"


# --------------------------------------------------------------------------- bundled catalog


def test_bundled_catalog_holds_the_seven_roles_of_the_article_from_any_directory(
    home: Path,
) -> None:
    result = run(home, "list", "--json")
    assert result.returncode == 0, str(result)
    ids = [r["id"] for r in result.json()]
    assert sorted(ids) == sorted(BUNDLED_IDS)
    assert len(ids) == 7


@pytest.mark.parametrize(
    ("heading", "role_id"),
    [
        ("Data Scientists", "data-scientist"),
        ("Ethical AI Specialists", "ethical-ai-specialist"),
        ("Cybersecurity Experts", "cybersecurity-expert"),
        ("User Experience (UX) Designers", "ux-designer"),
        ("Software Engineers and Developers", "software-engineer"),
        ("AI Trainers and Explainers", "ai-trainer-explainer"),
        ("Tech Policy and Regulation Experts", "tech-policy-expert"),
    ],
)
def test_bundled_role_is_found_by_the_articles_own_heading(
    home: Path, heading: str, role_id: str
) -> None:
    """The seven roles "of the source article": each is found by the name the article uses.

    (The contract's own example gives the article's plural heading, "data scientists",
    as an alias.)
    """
    result = run(home, "show", heading, "--json")
    assert result.returncode == 0, str(result)
    assert result.json()["id"] == role_id


def test_bundled_roles_say_why_ai_wont_replace_them(home: Path) -> None:
    for role in run(home, "list", "--json").json():
        assert role["summary"].strip(), role["id"]
        assert role["responsibilities"], role["id"]
        assert role["human_edge"], role["id"]
        assert role["skills"], role["id"]


def test_bundled_skills_use_onet_names_where_one_fits(home: Path) -> None:
    """Where an O*NET skill fits, the bundled catalog uses its name (and so its id)."""
    skills = run(home, "skills", "--json").json()
    onet = {re.sub(r"[^a-z0-9]", "", n.lower()): n for n in ONET_SKILLS}
    names = {s["name"] for s in skills}
    # The O*NET names the contract cites as examples and the article's text calls for.
    for expected in ["Critical Thinking", "Programming", "Judgment and Decision Making"]:
        assert expected in names
    for skill in skills:
        key = re.sub(r"[^a-z0-9]", "", skill["name"].lower())
        if key in onet:
            assert skill["name"] == onet[key]
            assert skill["id"] == re.sub(r"[^a-z0-9]+", "-", onet[key].lower()).strip("-")


def test_bundled_exposure_ratings_are_in_0_1_with_measure_and_source(home: Path) -> None:
    for role in run(home, "list", "--json").json():
        for rating in role["ai_exposure"]:
            assert rating["measure"].strip()
            assert rating["source"].strip()
            assert 0 <= rating["value"] <= 1


def test_views_that_show_exposure_say_exposure_is_not_replacement(home: Path) -> None:
    not_replacement = re.compile(r"not (a )?replacement|not whether the job", re.I)
    show = run(home, "show", "data-scientist", env={"COLUMNS": "200"})
    assert show.returncode == 0, str(show)
    assert "0.59" in show.stdout  # the exposure is shown ...
    assert not_replacement.search(show.stdout)  # ... and says what it is not
    match = run(home, "match", "programming", env={"COLUMNS": "200"})
    assert match.returncode == 0, str(match)
    if "0.59" in match.stdout or re.search(r"exposure|AI exp", match.stdout, re.I):
        assert not_replacement.search(match.stdout)


# --------------------------------------------------------------------------- names

NAMES_CATALOG = catalog_data()
NAMES_CATALOG["roles"].append(
    {
        "id": "devops",
        "title": "DevOps Engineer",
        "summary": "Runs the systems.",
        "skills": [{"id": "programming", "importance": 4}],
    }
)


@pytest.fixture(scope="module")
def names_path(home: Path) -> Path:
    return catalog_file(home, "names.json", NAMES_CATALOG)


@pytest.mark.parametrize(
    ("query", "role_id"),
    [
        ("developer", "developer"),  # id
        ("Software Developer", "developer"),  # title
        ("programmer", "developer"),  # alias
        ("SOFTWARE_developer!!", "developer"),  # case and punctuation
        ("data-analyst", "analyst"),  # punctuation in place of a space
        ("  Data   Analyst ", "analyst"),  # spacing
        ("soft", "developer"),  # unique prefix of a title
        ("prog", "developer"),  # unique prefix of an alias
        ("analys", "analyst"),  # a prefix of several names of one role is unique
        ("ux", "designer"),  # unique prefix, case-insensitive
        ("dev", "developer"),  # exact alias beats a prefix of "devops" / "DevOps Engineer"
        ("DEVOPS", "devops"),  # exact id beats being a prefix of "DevOps Engineer"
    ],
)
def test_role_name_resolution(home: Path, names_path: Path, query: str, role_id: str) -> None:
    result = run(home, "--data", str(names_path), "show", query, "--json")
    assert result.returncode == 0, str(result)
    assert result.json()["id"] == role_id


@pytest.mark.parametrize(
    ("query", "skill_id"),
    [
        ("statistics", "statistics"),  # id
        ("Critical Thinking", "critical-thinking"),  # name
        ("coding", "programming"),  # alias
        ("REASONING", "critical-thinking"),  # alias, case
        ("critical_thinking!", "critical-thinking"),  # punctuation
        ("stat", "statistics"),  # unique prefix
        ("emp", "empathy"),  # unique prefix
    ],
)
def test_skill_name_resolution(home: Path, names_path: Path, query: str, skill_id: str) -> None:
    result = run(home, "--data", str(names_path), "match", query, "--json")
    assert result.returncode == 0, str(result)
    have = {e["id"] for m in result.json() for e in m["have"]}
    assert have == {skill_id}


def test_ambiguous_role_prefix_exits_1_naming_the_candidates(home: Path, names_path: Path) -> None:
    result = run(home, "--data", str(names_path), "show", "d", "--json")
    assert result.returncode == 1, str(result)
    assert result.stdout == ""
    for candidate in ["analyst", "developer", "designer", "devops"]:
        assert candidate in result.stderr


def test_ambiguous_skill_prefix_exits_1_naming_the_candidates(home: Path, names_path: Path) -> None:
    # "c" starts "critical thinking" and "coding" (programming).
    result = run(home, "--data", str(names_path), "match", "c", "--json")
    assert result.returncode == 1, str(result)
    assert result.stdout == ""
    assert "critical-thinking" in result.stderr or "Critical Thinking" in result.stderr
    assert "programming" in result.stderr or "Programming" in result.stderr


def test_misspelt_skill_exits_1_with_did_you_mean(home: Path, names_path: Path) -> None:
    result = run(home, "--data", str(names_path), "match", "statistcs", "--json")
    assert result.returncode == 1, str(result)
    assert result.stdout == ""
    assert "did you mean" in result.stderr.lower()
    assert "statistics" in result.stderr.lower()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "xylophone"],
        ["compare", "analyst", "xylophone"],
        ["gap", "xylophone", "analyst"],
        ["gap", "analyst", "xylophone"],
        ["match", "xylophone"],
        ["match", "statistics", "xylophone", "--strict"],
    ],
)
def test_unknown_name_exits_1_with_nothing_on_stdout(
    home: Path, names_path: Path, args: list[str]
) -> None:
    for extra in ([], ["--json"]):
        result = run(home, "--data", str(names_path), *args, *extra)
        assert result.returncode == 1, str(result)
        assert result.stdout == ""
        assert "xylophone" in result.stderr


def test_match_warns_of_an_unknown_name_and_goes_on(home: Path, names_path: Path) -> None:
    result = run(home, "--data", str(names_path), "match", "statistics", "xylophone", "--json")
    assert result.returncode == 0, str(result)
    matches = assert_one_json_document(result)
    assert matches
    assert all("statistics" in [s["id"] for s in m["have"]] for m in matches)
    assert "warning" in result.stderr
    assert "xylophone" in result.stderr


# --------------------------------------------------------------------------- JSON shapes


@pytest.fixture(scope="module")
def base_list(home: Path, base_path: Path) -> list[dict[str, Any]]:
    result = run(home, "--data", str(base_path), "list", "--json")
    assert result.returncode == 0, str(result)
    return assert_one_json_document(result)  # type: ignore[no-any-return]


def test_list_json_is_an_array_of_role_objects(base_list: list[dict[str, Any]]) -> None:
    assert isinstance(base_list, list)
    assert len(base_list) == 3
    for role in base_list:
        assert set(role) >= ROLE_FIELDS, sorted(role)
        for entry in role["skills"]:
            assert_skill_entry(entry)


def test_role_object_skills_are_expanded_with_name_kind_importance(
    base_list: list[dict[str, Any]],
) -> None:
    catalog = catalog_data()
    skills = skill_names(catalog)
    for given, role in zip(catalog["roles"], base_list, strict=True):
        expected = [
            {
                "id": s["id"],
                "name": skills[s["id"]]["name"],
                "kind": skills[s["id"]]["kind"],
                "importance": s["importance"],
            }
            for s in given["skills"]
        ]
        got = [{k: e[k] for k in SKILL_ENTRY_KEYS} for e in role["skills"]]
        assert sorted(got, key=lambda e: e["id"]) == sorted(expected, key=lambda e: e["id"])


def test_list_json_round_trips_the_users_catalog(base_list: list[dict[str, Any]]) -> None:
    """Every field the catalog gives comes back unchanged; absent optional ones are empty."""
    catalog = catalog_data()
    assert [r["id"] for r in base_list] == [r["id"] for r in catalog["roles"]]
    for given, role in zip(catalog["roles"], base_list, strict=True):
        for field in ROLE_FIELDS - {"skills"}:
            if field in given:
                assert role[field] == given[field], field
            else:
                assert role[field] in (None, []), (field, role[field])


def test_json_round_trips_text_with_markup_and_controls_exactly(home: Path) -> None:
    data = catalog_data()
    data["roles"][0]["title"] = "[bold]x[/] \x1b[2J \u202e é 😀"
    data["roles"][0]["summary"] = 'line\r\nbreak \x07 \x9b31m \\ " tab\t'
    path = catalog_file(home, "roundtrip.json", data)
    result = run(home, "--data", str(path), "list", "--json")
    assert result.returncode == 0, str(result)
    role = assert_one_json_document(result)[0]
    assert role["title"] == data["roles"][0]["title"]
    assert role["summary"] == data["roles"][0]["summary"]


def test_show_json_is_one_role_object(
    home: Path, base_path: Path, base_list: list[dict[str, Any]]
) -> None:
    result = run(home, "--data", str(base_path), "show", "analyst", "--json")
    assert result.returncode == 0, str(result)
    role = assert_one_json_document(result)
    assert isinstance(role, dict)
    assert set(role) >= ROLE_FIELDS
    assert role == base_list[0]


def test_compare_json_shape_and_content(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "compare", "analyst", "dev", "--json")
    assert result.returncode == 0, str(result)
    doc = assert_one_json_document(result)
    assert {"roles", "shared", "only", "similarity"} <= set(doc)
    assert doc["roles"] == ["analyst", "developer"]
    assert set(doc["only"]) == {"analyst", "developer"}
    assert {"jaccard", "weighted"} <= set(doc["similarity"])
    shared = {e["id"]: e for e in doc["shared"]}
    assert set(shared) == {"critical-thinking", "programming"}
    # "each skill entry carries id, name and the importance in each role that has it":
    # jobcli words this as importance = {role_id: n}; the contract leaves the shape open.
    assert shared["critical-thinking"]["name"] == "Critical Thinking"
    assert shared["critical-thinking"]["importance"] == {"analyst": 4, "developer": 3}
    assert shared["programming"]["importance"] == {"analyst": 2, "developer": 5}
    assert [e["id"] for e in doc["only"]["analyst"]] == ["statistics"]
    assert doc["only"]["analyst"][0]["name"] == "Statistics"
    assert doc["only"]["analyst"][0]["importance"] == {"analyst": 5}
    assert doc["only"]["developer"] == []
    for value in doc["similarity"].values():
        assert 0 <= value <= 1
    assert doc["similarity"]["jaccard"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("role", ["analyst", "developer", "designer"])
def test_compare_a_role_with_itself_has_similarity_1(
    home: Path, base_path: Path, role: str
) -> None:
    result = run(home, "--data", str(base_path), "compare", role, role, "--json")
    assert result.returncode == 0, str(result)
    doc = assert_one_json_document(result)
    assert doc["similarity"]["jaccard"] == pytest.approx(1)
    assert doc["similarity"]["weighted"] == pytest.approx(1)
    assert all(v == [] for v in doc["only"].values())


def test_skills_json_lists_every_skill_with_the_roles_that_need_it(home: Path) -> None:
    data = catalog_data()
    data["skills"].append({"id": "negotiation", "name": "Negotiation", "kind": "human"})
    path = catalog_file(home, "skills.json", data)
    result = run(home, "--data", str(path), "skills", "--json")
    assert result.returncode == 0, str(result)
    doc = assert_one_json_document(result)
    assert isinstance(doc, list)
    by_id = {s["id"]: s for s in doc}
    assert set(by_id) == {s["id"] for s in data["skills"]}
    for skill in data["skills"]:
        entry = by_id[skill["id"]]
        assert {"id", "name", "kind", "roles"} <= set(entry)
        assert entry["name"] == skill["name"]
        assert entry["kind"] == skill["kind"]
        expected = {
            r["id"]: s["importance"]
            for r in data["roles"]
            for s in r["skills"]
            if s["id"] == skill["id"]
        }
        for role in entry["roles"]:
            assert {"id", "importance"} <= set(role)
        assert {r["id"]: r["importance"] for r in entry["roles"]} == expected
        assert_most_important_first(entry["roles"])


def test_match_json_shape_best_first_with_have_and_missing(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "match", "coding", "reasoning", "--json")
    assert result.returncode == 0, str(result)
    doc = assert_one_json_document(result)
    assert isinstance(doc, list)
    assert doc
    catalog = catalog_data()
    roles = {r["id"]: r for r in catalog["roles"]}
    coverages = [m["coverage"] for m in doc]
    assert coverages == sorted(coverages, reverse=True)
    for m in doc:
        assert {"role", "coverage", "have", "missing"} <= set(m)
        assert 0 <= m["coverage"] <= 1
        for entry in m["have"] + m["missing"]:
            assert_skill_entry(entry)
        assert_most_important_first(m["have"])
        assert_most_important_first(m["missing"])
        needs = {s["id"]: s["importance"] for s in roles[m["role"]]["skills"]}
        given = {"programming", "critical-thinking"}
        assert {e["id"]: e["importance"] for e in m["have"]} == {
            k: v for k, v in needs.items() if k in given
        }
        assert {e["id"]: e["importance"] for e in m["missing"]} == {
            k: v for k, v in needs.items() if k not in given
        }
    assert doc[0]["role"] == "developer"
    assert doc[0]["coverage"] == pytest.approx(1)
    # Roles holding none of the skills (the designer) are not listed.
    assert [m["role"] for m in doc] == ["developer", "analyst"]


def test_match_json_on_the_bundled_catalog_is_best_first(home: Path) -> None:
    result = run(home, "match", "coding", "critical thinking", "statistics", "--json")
    doc = assert_one_json_document(result)
    assert {m["role"] for m in doc} <= set(BUNDLED_IDS)
    scores = [m["score"] for m in doc]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= m["coverage"] <= 1 and 0 <= m["score"] <= 1 for m in doc)
    assert doc[0]["role"] == "data-scientist"


def test_gap_json_shape_and_content(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "gap", "dev", "analyst", "--json")
    assert result.returncode == 0, str(result)
    doc = assert_one_json_document(result)
    assert {"from", "to", "transferable", "to_learn"} <= set(doc)
    assert doc["from"] == "developer"
    assert doc["to"] == "analyst"
    for entry in doc["transferable"] + doc["to_learn"]:
        assert_skill_entry(entry)
    # importance in the role that needs it: the target
    assert [(e["id"], e["importance"]) for e in doc["transferable"]] == [
        ("critical-thinking", 4),
        ("programming", 2),
    ]
    assert [(e["id"], e["importance"]) for e in doc["to_learn"]] == [("statistics", 5)]


def test_validate_json_shape_for_a_valid_catalog(home: Path, base_path: Path) -> None:
    result = run(home, "validate", str(base_path), "--json")
    assert result.returncode == 0, str(result)
    assert assert_one_json_document(result) == {"valid": True, "problems": []}


# --------------------------------------------------------------------------- schema


@pytest.fixture(scope="module")
def schema(home: Path) -> dict[str, Any]:
    result = run(home, "schema")
    assert result.returncode == 0, str(result)
    return assert_one_json_document(result)  # type: ignore[no-any-return]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema.get("$defs", schema.get("definitions", {}))[name]
    return node


def test_schema_is_a_json_schema_of_the_catalog(schema: dict[str, Any]) -> None:
    assert "json-schema.org" in schema.get("$schema", "")
    assert schema["type"] == "object"
    assert {"schema_version", "source", "skills", "roles"} <= set(schema["properties"])
    assert {"schema_version", "skills", "roles"} <= set(schema["required"])


def test_schema_states_the_catalog_rules(schema: dict[str, Any]) -> None:
    skill = _resolve(schema, schema["properties"]["skills"]["items"])
    role = _resolve(schema, schema["properties"]["roles"]["items"])
    slug = "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert skill["properties"]["id"]["pattern"] == slug
    assert role["properties"]["id"]["pattern"] == slug
    kind = _resolve(schema, skill["properties"]["kind"])
    kinds = kind.get("enum") or [kind.get("const")]
    assert set(kinds) == {"human", "technical", "knowledge"}
    role_skill = _resolve(schema, role["properties"]["skills"]["items"])
    importance = role_skill["properties"]["importance"]
    assert importance["type"] == "integer"
    assert importance["minimum"] == 1
    assert importance["maximum"] == 5
    assert set(role["properties"]) >= ROLE_FIELDS
    assert {"id", "title", "summary", "skills"} <= set(role["required"])


def test_schema_forbids_unknown_fields_in_every_object(schema: dict[str, Any]) -> None:
    objects = [schema, *schema.get("$defs", {}).values()]
    for node in objects:
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, node.get("title")


# --------------------------------------------------------------------------- catalog rules


def _mutate(change: Any) -> Any:
    data = catalog_data()
    change(data)
    return data


#: Each rule of the catalog format is tested in-process (tests/test_models.py); here, that a
#: broken rule reaches the user: (name, mutation, the location the problem is reported at).
RULES: list[tuple[str, Any, str]] = [
    (
        "importance-6",
        lambda d: d["roles"][0]["skills"][0].update(importance=6),
        "roles[0].skills[0].importance",
    ),
    (
        "alias-collides-with-other-title",
        lambda d: d["roles"][1]["aliases"].append("DATA ANALYST"),
        "roles[1].aliases[2]",
    ),
]


@pytest.mark.parametrize(("name", "change", "location"), RULES, ids=[r[0] for r in RULES])
def test_catalog_rule_broken_exits_3_naming_file_and_location(
    home: Path, name: str, change: Any, location: str
) -> None:
    path = catalog_file(home, f"rule-{name}.json", _mutate(change))
    # Any command that reads the catalog: exit 3, stderr names the file and the location.
    result = run(home, "--data", str(path), "list", "--json", installed=True)
    assert result.returncode == 3, str(result)
    assert result.stdout == ""
    assert path.name in result.stderr, str(result)
    assert location in result.stderr, str(result)
    # validate --json: the same problem, as {location, message}.
    result = run(home, "validate", str(path), "--json", installed=True)
    assert result.returncode == 3, str(result)
    doc = assert_one_json_document(result)
    assert doc["valid"] is False
    assert doc["problems"], doc
    for problem in doc["problems"]:
        assert {"location", "message"} <= set(problem)
        assert isinstance(problem["message"], str)
        assert problem["message"]
    assert any(p["location"] == location for p in doc["problems"]), doc


def _raw_with_duplicate_key(where: str) -> str:
    text = json.dumps(catalog_data())
    if where == "top":
        return text.replace('"schema_version": 1', '"schema_version": 1, "schema_version": 1', 1)
    if where == "role":
        return text.replace('"title": "UX Designer"', '"title": "UX Designer", "title": "UX"', 1)
    # nested two levels down: a role's skill entry
    return text.replace('{"id": "empathy", "importance": 5}', '{"id": "empathy", '
                        '"importance": 5, "importance": 4}', 1)  # fmt: skip


@pytest.mark.parametrize(
    ("where", "location"),
    [("top", "schema_version"), ("role", "roles[2]"), ("role-skill", "roles[2].skills[0]")],
)
def test_key_given_twice_in_one_object_is_an_error(home: Path, where: str, location: str) -> None:
    text = _raw_with_duplicate_key(where)
    assert text != json.dumps(catalog_data())
    path = home / f"dupkey-{where}.json"
    path.write_text(text, encoding="utf-8")
    result = run(home, "--data", str(path), "list", "--json")
    assert result.returncode == 3, str(result)
    assert result.stdout == ""
    assert path.name in result.stderr
    assert location in result.stderr
    result = run(home, "validate", str(path), "--json")
    assert result.returncode == 3, str(result)
    problems = result.json()["problems"]
    assert any(p["location"].startswith(location) for p in problems), problems


def test_validate_path_checks_that_file(home: Path, base_path: Path) -> None:
    result = run(home, "validate", str(base_path))
    assert result.returncode == 0, str(result)
    bad = catalog_file(home, "bad-for-validate.json", {"schema_version": 1})
    result = run(home, "validate", str(bad))
    assert result.returncode == 3, str(result)


def test_broken_json_is_reported_with_line_and_column(home: Path) -> None:
    lines = json.dumps(catalog_data(), indent=2).splitlines()
    # line 4 (1-based) gets a stray comma after its text
    lines[3] = lines[3] + " ,"
    column = len(lines[3])  # 1-based column of the stray comma
    path = home / "broken.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(home, "--data", str(path), "list")
    assert result.returncode == 3, str(result)
    assert result.stdout == ""
    assert path.name in result.stderr
    assert re.search(r"\bline 4\b", result.stderr), str(result)
    assert re.search(rf"\bcolumn {column}\b", result.stderr), (column, str(result))
    result = run(home, "validate", str(path), "--json")
    assert result.returncode == 3
    problem = result.json()["problems"][0]
    assert "4" in problem["location"] + problem["message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing", None),
        ("directory", "DIR"),
        ("deep-nesting", b"[" * 100_000),
        ("truncated", json.dumps(catalog_data())[:200].encode()),
    ],
)  # fmt: skip
def test_missing_unreadable_or_invalid_catalog_exits_3_naming_the_file(
    home: Path, name: str, content: bytes | str | None
) -> None:
    path = home / f"bad-{name}.json"
    if content == "DIR":
        path.mkdir(exist_ok=True)
    elif content is not None:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    for env, args in (
        ({}, ["--data", str(path), "show", "analyst"]),
        ({"JOBCLI_DATA": str(path)}, ["list", "--json"]),
    ):
        result = run(home, *args, env=env, installed=True)
        assert result.returncode == 3, str(result)
        assert result.stdout == ""
        assert path.name in result.stderr, str(result)
        assert len(result.stderr.strip().splitlines()) <= 12  # short sentences


# --------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--no-such-option"],
        ["show"],
        ["compare", "ux-designer"],
        ["gap", "ux-designer"],
        ["match"],
        ["no-such-command"],
        ["--data"],
        ["show", "ux-designer", "extra-argument"],
        ["--no-such-global", "list"],
    ],
)
def test_usage_errors_exit_2(home: Path, args: list[str]) -> None:
    result = run(home, *args)
    assert result.returncode == 2, str(result)
    assert result.stdout == ""
    assert result.stderr.strip()


# --------------------------------------------------------------------------- output


TEXT_VIEWS = BUNDLED_VIEWS


@pytest.mark.parametrize("view", sorted(TEXT_VIEWS))
def test_piped_output_has_no_colour_or_control_codes(home: Path, view: str) -> None:
    # TERM and COLORTERM claim a colour terminal: only the pipe says otherwise.
    result = run(home, *TEXT_VIEWS[view])
    assert result.returncode == 0, str(result)
    assert result.stdout.strip()
    assert ESC not in result.stdout, repr(result.stdout[:300])
    assert not CONTROL_RE.search(result.stdout), repr(CONTROL_RE.search(result.stdout))


def test_list_table_shows_title_id_summary_and_top_skills(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "list", env={"COLUMNS": "200"})
    assert result.returncode == 0, str(result)
    for role in catalog_data()["roles"]:
        assert role["title"] in result.stdout
        assert role["id"] in result.stdout
        assert role["summary"] in result.stdout
    assert "Statistics" in result.stdout  # analyst's top skill


def test_show_text_has_every_part_the_contract_lists(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "show", "analyst", env={"COLUMNS": "200"})
    assert result.returncode == 0, str(result)
    out = result.stdout
    role = catalog_data()["roles"][0]
    assert role["summary"] in out
    for text in role["responsibilities"] + role["human_edge"]:
        assert text in out
    for name in ["Statistics", "Critical Thinking", "Programming"]:
        assert name in out
    assert re.search(r"\bhuman\b", out, re.I)
    assert re.search(r"technical", out, re.I)
    assert re.search(r"knowledge", out, re.I)
    assert "Software Developer" in out or "developer" in out  # related role
    assert "15-2051.01" in out  # O*NET code


def test_compare_text_shows_shared_only_and_similarity(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "compare", "analyst", "dev",
                 env={"COLUMNS": "200"})  # fmt: skip
    assert result.returncode == 0, str(result)
    out = result.stdout
    assert re.search(r"shared", out, re.I)
    assert re.search(r"only", out, re.I)
    assert re.search(r"similar|jaccard", out, re.I)
    for name in ["Critical Thinking", "Programming", "Statistics"]:
        assert name in out


def _pty_colours(text: str) -> set[str]:
    """SGR parameters that set a colour (foreground or background)."""
    colours = set()
    for seq in SGR_RE.findall(text):
        params = seq[2:-1].split(";")
        i = 0
        while i < len(params):
            p = params[i]
            if p in {"38", "48"}:
                colours.add(
                    ";".join(params[i : i + 3 if params[i + 1 : i + 2] == ["5"] else i + 5])
                )
                i += 3 if params[i + 1 : i + 2] == ["5"] else 5
                continue
            if p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 107):
                colours.add(p)
            i += 1
    return colours


@pytest.mark.parametrize("view", ["list", "show"])
def test_terminal_gets_rich_tables_with_colour(home: Path, view: str) -> None:
    result = run_pty(home, *TEXT_VIEWS[view])
    assert result.returncode == 0, str(result)
    assert _pty_colours(result.stdout), repr(result.stdout[:300])
    assert re.search("[━─│╭╰]", result.stdout)


@pytest.mark.parametrize("view", ["list", "show", "compare", "match", "gap"])
def test_no_color_is_honoured_on_a_terminal(home: Path, view: str) -> None:
    result = run_pty(home, *TEXT_VIEWS[view], env={"NO_COLOR": "1"})
    assert result.returncode == 0, str(result)
    assert not _pty_colours(result.stdout), sorted(_pty_colours(result.stdout))


HOSTILE_TITLE = "[bold]x[/]"
HOSTILE_SUMMARY = "Clear \x1b[2J screen \x1b]0;pwned\x07 \x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\ \x9b31m c1 \u202e bidi \r over [link=http://e.x]l[/link]"  # noqa: E501
HOSTILE_SKILL = "[red]Crit[/red] :smile: \x1b[31m"


@pytest.fixture(scope="module")
def hostile_path(home: Path) -> Path:
    data = catalog_data()
    data["roles"][0]["title"] = HOSTILE_TITLE
    data["roles"][0]["summary"] = HOSTILE_SUMMARY
    data["roles"][0]["responsibilities"] = ["[blink]do[/blink] \x1b[5m"]
    data["roles"][0]["aliases"] = ["\x1b[2Jalias"]
    data["skills"][0]["name"] = HOSTILE_SKILL
    return catalog_file(home, "hostile.json", data)


HOSTILE_VIEWS = {
    "list": ["list"],
    "show": ["show", "analyst"],
    "compare": ["compare", "analyst", "developer"],
    "skills": ["skills"],
    "match": ["match", "reasoning", "statistics"],
    "gap": ["gap", "developer", "analyst"],
}


@pytest.mark.parametrize("view", sorted(HOSTILE_VIEWS))
def test_catalog_text_prints_literally_and_harmlessly_piped(
    home: Path, hostile_path: Path, view: str
) -> None:
    result = run(home, "--data", str(hostile_path), *HOSTILE_VIEWS[view], env={"COLUMNS": "250"})
    assert result.returncode == 0, str(result)
    out = result.stdout
    assert ESC not in out, repr(out[:500])
    assert not CONTROL_RE.search(out), repr(CONTROL_RE.search(out))
    if view in {"list", "show", "compare", "gap"}:
        assert HOSTILE_TITLE in out  # markup printed as the text it is
    if view in {"show", "compare", "skills", "match", "gap"}:
        assert "[red]Crit[/red] :smile:" in out


@pytest.mark.parametrize("view", ["list", "show", "skills"])
def test_catalog_text_on_a_terminal_writes_only_colour_escapes(
    home: Path, hostile_path: Path, view: str
) -> None:
    result = run_pty(home, "--data", str(hostile_path), *HOSTILE_VIEWS[view])
    assert result.returncode == 0, str(result)
    stripped = SGR_RE.sub("", result.stdout)
    assert ESC not in stripped, repr(ANY_ESCAPE_RE.findall(stripped)[:5])
    assert not CONTROL_RE.search(stripped.replace("\r", "")), repr(CONTROL_RE.search(stripped))
    if view in {"list", "show"}:
        assert HOSTILE_TITLE in stripped


def test_names_echoed_in_errors_are_harmless(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "show", "\x1b[2J[bold]zz\u202e")
    assert result.returncode == 1, str(result)
    assert ESC not in result.stderr
    assert "\u202e" not in result.stderr
    assert "[bold]zz" in result.stderr


def test_catalog_text_in_validation_problems_is_harmless(home: Path) -> None:
    data = catalog_data()
    data["roles"][0]["id"] = "[bold]Bad[/]\x1b[2J"
    path = catalog_file(home, "hostile-invalid.json", data)
    result = run(home, "validate", str(path), env={"COLUMNS": "200"})
    assert result.returncode == 3, str(result)
    both = result.stdout + result.stderr
    assert ESC not in both
    result = run(home, "--data", str(path), "list")
    assert result.returncode == 3
    assert ESC not in result.stderr


def _big_catalog(n: int) -> dict[str, Any]:
    data = catalog_data()
    base = data["roles"][0]
    data["roles"] = []
    for i in range(n):
        role = copy.deepcopy(base)
        role.update(id=f"role-{i}", title=f"Role number {i}", aliases=[f"alias {i}"], related=[])
        role["summary"] = "A long summary of the role. " * 10
        data["roles"].append(role)
    return data


@pytest.fixture(scope="module")
def big_path(home: Path) -> Path:
    return catalog_file(home, "big.json", _big_catalog(1000))


def test_a_thousand_role_catalog_works(home: Path, big_path: Path) -> None:
    result = run(home, "--data", str(big_path), "show", "role 999", "--json")
    assert result.returncode == 0, str(result)
    assert result.json()["id"] == "role-999"
    result = run(home, "--data", str(big_path), "list", "--json")
    assert len(result.json()) == 1000


def test_errors_are_short_sentences_on_stderr(home: Path) -> None:
    result = run(home, "--data", str(home / "nowhere.json"), "list")
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "nowhere.json" in lines[0]


def test_skill_lookup_does_not_depend_on_case_when_a_name_reads_as_another_skills_id(
    home: Path,
) -> None:
    """A SKILL matches case- and punctuation-insensitively: the answer cannot depend on case.

    The contract forbids colliding names only among roles, so a catalog may give one
    skill an alias that reads as another skill's id; whatever jobcli then answers for
    that name (one skill, or "ambiguous"), it must answer the same for every spelling.
    """
    data = catalog_data()
    data["skills"][3]["aliases"] = ["Statistics"]  # empathy, aliased like the statistics id
    path = catalog_file(home, "skill-alias-reads-as-id.json", data)
    outcomes = {}
    for query in ["statistics", "Statistics", "STATISTICS", "statistics!"]:
        result = run(home, "--data", str(path), "match", query, "--json")
        outcomes[query] = (result.returncode, result.stdout)
    assert len(set(outcomes.values())) == 1, {q: rc for q, (rc, _) in outcomes.items()}


def test_an_edited_catalog_is_read_again_even_with_the_same_size_and_mtime(home: Path) -> None:
    """--data PATH reads the catalog at PATH: a cache may not serve what the file no longer says."""
    path = catalog_file(home, "edited.json", catalog_data())
    first = run(home, "--data", str(path), "show", "analyst", "--json")
    assert first.json()["title"] == "Data Analyst"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Data Analyst", "Data Analyzt"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    second = run(home, "--data", str(path), "show", "analyst", "--json")
    assert second.json()["title"] == "Data Analyzt"
    # and a valid catalog made invalid is refused, however it was read before
    path.write_text(text.replace('"importance": 5', '"importance": 9', 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    third = run(home, "--data", str(path), "show", "analyst", "--json")
    assert third.returncode == 3, str(third)


def test_schema_accepts_the_bundled_catalog_and_rejects_broken_rules(home: Path) -> None:
    """The JSON Schema describes the catalog: the bundled one passes, single-object rules fail."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = run(home, "schema").json()
    validator = jsonschema.Draft202012Validator(schema)
    # The bundled catalog as the installed program finds it.
    proc = subprocess.run(
        [sys.executable, "-c", "from jobcli.catalog import bundled_catalog_path as p; "
         "print(p().read_text('utf-8'))"],
        cwd=home / "cwd", capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert not list(validator.iter_errors(json.loads(proc.stdout)))
    assert not list(validator.iter_errors(catalog_data()))
    for name, change, _ in RULES:
        if name.startswith(
            (
                "importance-",
                "kind-",
                "unknown-field",
                "exposure-",
                "title-empty",
                "summary-",
                "onet-code-malformed",
                "role-id-not",
                "skill-id-not",
            )
        ):
            assert list(validator.iter_errors(_mutate(change))), name


def test_skills_text_shows_every_skill_its_kind_and_roles(home: Path, base_path: Path) -> None:
    result = run(home, "--data", str(base_path), "skills", env={"COLUMNS": "200"})
    assert result.returncode == 0, str(result)
    for skill in catalog_data()["skills"]:
        assert skill["name"] in result.stdout
        assert skill["kind"] in result.stdout
    for role_id in ["analyst", "developer", "designer"]:
        assert role_id in result.stdout


def test_match_and_gap_text_show_ranking_missing_and_what_to_learn(
    home: Path, base_path: Path
) -> None:
    match = run(home, "--data", str(base_path), "match", "coding", env={"COLUMNS": "200"})
    assert match.returncode == 0, str(match)
    assert match.stdout.index("Software Developer") < match.stdout.index("Data Analyst")
    assert "Critical Thinking" in match.stdout  # missing for the developer
    gap = run(home, "--data", str(base_path), "gap", "developer", "analyst",
              env={"COLUMNS": "200"})  # fmt: skip
    assert gap.returncode == 0, str(gap)
    out = gap.stdout
    for name in ["Critical Thinking", "Programming", "Statistics"]:
        assert name in out
    assert re.search(r"learn", out, re.I)
