"""Hardening: hostile data, pipes, encodings and terminals — nothing crashes, nothing leaks.

Each test runs the installed ``jobcli`` entry point in a subprocess — a real
pipe, a real pseudo-terminal, a real signal — except the few that must provoke
an internal error, which call ``jobcli.cli.main()`` in-process.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hostile import (
    BEL,
    ESC,
    hostile,
    hostile_catalog,
    large_catalog,
    unicode_catalog,
    write_hostile_catalog,
)
from support import Ran, catalog_data, jobcli_command, spawn, spawn_on_terminal, write_json

from jobcli.catalog import MAX_CATALOG_BYTES
from jobcli.safetext import safe

if sys.platform == "win32":  # pseudo-terminals, signals and /dev/full are POSIX
    pytest.skip("POSIX only", allow_module_level=True)

JOBCLI = jobcli_command()

# Variables that change colour, width, encoding or the catalog: each test sets its own.
_SCRUBBED = (
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "TERM",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "JOBCLI_DATA",
    "JOBCLI_DEBUG",
    "JOBCLI_NO_CACHE",
    "XDG_CACHE_HOME",
)


_cache_home: list[str] = []  # set by the autouse fixture below: no test writes to ~/.cache


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    _cache_home[:] = [str(tmp_path_factory.mktemp("cache"))]


def make_env(**extra: str | None) -> dict[str, str]:
    """A clean environment (UTF-8, xterm) with ``extra`` set, or removed where None."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color", JOBCLI_PAGER="")
    if _cache_home:
        env["XDG_CACHE_HOME"] = _cache_home[0]
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


Run = Ran  # the one harness of tests/support.py


def run(*args: str, env: dict[str, str] | None = None, stdin: bytes = b"") -> Run:
    """``jobcli ARGS`` with stdout and stderr on pipes."""
    return spawn(list(args), env=env if env is not None else make_env(), stdin=stdin)


def run_tty(*args: str, env: dict[str, str] | None = None, columns: int = 100) -> Run:
    """``jobcli ARGS`` with stdout and stderr on one pseudo-terminal (``Run.stdout`` holds both)."""
    return spawn_on_terminal(
        list(args), env=env if env is not None else make_env(), columns=columns
    )


# What may reach a terminal: jobcli's own SGR colour sequences, nothing else that controls it.
SGR = re.compile(r"\x1b\[[0-9;]*m")
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def assert_harmless(text: str, *, terminal: bool = False) -> None:
    """No control character, escape sequence or bidi mark — bar SGR colour on a terminal."""
    rest = SGR.sub("", text) if terminal else text.replace("\t", " ")  # a pipe's field separator
    bad = UNSAFE.search(rest)
    where = rest[max(0, bad.start() - 40) : bad.start() + 40] if bad else ""
    assert bad is None, f"raw {bad.group()!r} reached the output: ...{where!r}..."  # type: ignore[union-attr]


def assert_no_traceback(err: str) -> None:
    for leak in ("Traceback", "Exception ignored", "BrokenPipeError", "UnicodeEncodeError"):
        assert leak not in err, err


def colour_codes(text: str) -> list[str]:
    """The SGR parameters in ``text`` that set a colour (not bold, italic, reset, ...)."""
    found = []
    for seq in SGR.findall(text):
        # 30-49 and 90-107 set colours; 1 (bold), 2 (dim), 3 (italic), 4 (underline) do not.
        attributes = [int(p) for p in seq[2:-1].split(";") if p]
        if any(30 <= n <= 49 or 90 <= n <= 107 for n in _leading_parameters(attributes)):
            found.append(seq)
    return found


def _leading_parameters(params: list[int]) -> list[int]:
    """SGR parameters without the arguments of 38/48 (which may look like colours: 38;5;31)."""
    out, i = [], 0
    while i < len(params):
        out.append(params[i])
        if params[i] in (38, 48) and i + 1 < len(params):
            i += 3 if params[i + 1] == 5 else 5
        else:
            i += 1
    return out


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_catalog(tmp_path_factory.mktemp("hostile") / "hostile.json")


@pytest.fixture(scope="module")
def hostile_invalid_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An invalid catalog whose problems echo hostile text, in a file with a hostile name."""
    data = hostile_catalog()
    data["roles"][0][hostile(0, "field")] = 1  # unknown field, named with markup
    data["roles"][0]["id"] = hostile(3, "Bad Id")  # not a slug: the message quotes it
    data["roles"][1]["related"] = [hostile(4, "ghost")]  # a slug error echoing an OSC
    data["skills"][0]["kind"] = hostile(9, "soft")  # bidi override in a literal
    data["roles"][2]["onet_soc_code"] = ESC + "]8;;x" + ESC + "\\"
    name = "bad" + ESC + "]0;title" + BEL + "\u202e.json"
    path = tmp_path_factory.mktemp("hostile-invalid") / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def unicode_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_json(tmp_path_factory.mktemp("unicode") / "unicode.json", unicode_catalog())


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_json(tmp_path_factory.mktemp("large") / "large.json", large_catalog(600))


# 1. catalog text is data: never markup, never terminal control ----------------------------------

VIEWS: list[tuple[str, ...]] = [
    ("list",),
    ("show", "role-a"),
    ("show", "role-b"),
    ("compare", "role-a", "role-b"),
    ("skills",),
    ("skills", "--matrix"),
    ("match", "skill-a", "skill-b"),
    ("gap", "role-c", "role-a"),
    ("validate",),
]
NOT_FOUND: list[tuple[str, ...]] = [
    ("show", ESC + "[2J" + ESC + "[H"),
    # (Not "pwned": its words start a hostile skill's name, which match now reads, said.)
    ("match", ESC + "]0;nowhere" + BEL),
    ("compare", "role-a", "\u202erole\u202c" + "\x9b2J"),
    ("gap", ESC + "]8;;https://evil.example/" + ESC + "\\x", "role-a"),
]
HOSTILE_RUNS = [pytest.param(args, 0, id=" ".join(args)) for args in VIEWS] + [
    pytest.param(args, 1, id=f"{args[0]}-not-found-{i}") for i, args in enumerate(NOT_FOUND)
]


@pytest.mark.parametrize(("args", "code"), HOSTILE_RUNS)
def test_hostile_text_is_harmless_in_a_pipe(
    hostile_file: Path, args: tuple[str, ...], code: int
) -> None:
    r = run("--data", str(hostile_file), *args)
    assert r.code == code, r.err
    assert_no_traceback(r.err)
    assert "\x1b" not in r.out + r.err
    assert_harmless(r.out + r.err)
    if code:
        assert r.out == ""
        assert "\\x1b" in r.err or "\\u202e" in r.err  # the name is echoed, made visible


@pytest.mark.parametrize(("args", "code"), HOSTILE_RUNS)
def test_hostile_text_is_harmless_on_a_terminal(
    hostile_file: Path, args: tuple[str, ...], code: int
) -> None:
    r = run_tty("--data", str(hostile_file), *args)
    assert r.code == code, r.out
    text = r.out
    assert_no_traceback(text)
    assert "\x1b]" not in text  # no OSC: no title, no hyperlink
    assert_harmless(text, terminal=True)  # the only escapes are jobcli's own SGR colours
    if code == 0:
        assert SGR.search(text), "a terminal should get colour"


def test_every_field_of_a_hostile_role_prints_literally(hostile_file: Path) -> None:
    data = hostile_catalog()
    role = data["roles"][0]
    r = run("--data", str(hostile_file), "show", "role-a", env=make_env(COLUMNS="400"))
    assert r.code == 0, r.err
    skill_names = {s["id"]: s["name"] for s in data["skills"]}
    texts = [
        role["title"],
        role["summary"],
        ", ".join(role["aliases"]),
        *role["responsibilities"],
        *role["human_edge"],
        *(e["measure"] for e in role["ai_exposure"]),
        *(e["source"] for e in role["ai_exposure"]),
        *(skill_names[s["id"]] for s in role["skills"]),
        data["source"],
    ]
    for text in texts:
        assert safe(text) in r.out, text


def test_markup_and_emoji_codes_print_as_written(hostile_file: Path) -> None:
    r = run("--data", str(hostile_file), "list", env=make_env(COLUMNS="400"))
    assert r.code == 0, r.err
    for role in hostile_catalog()["roles"]:
        assert safe(role["title"]) in r.out
    assert "[bold]mike12[/]" in r.out
    assert ":smile: \\[escaped] [red on white]" in r.out


def test_safe_makes_each_kind_of_control_visible() -> None:
    assert safe(ESC + "[2J") == "\\x1b[2J"
    assert safe("a\rb\x00c\x7fd\x9be") == "a\\x0db\\x00c\\x7fd\\x9be"
    assert safe("\u202eevil\u2066") == "\\u202eevil\\u2066"
    assert safe("[bold]x[/] café ✓") == "[bold]x[/] café ✓"


def _roles_text(document: list[dict[str, Any]]) -> list[Any]:
    keys = ("title", "aliases", "summary", "responsibilities", "human_edge", "ai_exposure")
    return [{k: role[k] for k in keys} for role in document]


@pytest.mark.parametrize(
    "where",
    [
        pytest.param({}, id="pipe"),
        pytest.param({"PYTHONIOENCODING": "ascii"}, id="ascii"),
        pytest.param({"PYTHONIOENCODING": "latin-1"}, id="latin-1"),
        pytest.param({"LANG": "C", "LC_ALL": "C"}, id="C-locale"),
        pytest.param(None, id="terminal"),
    ],
)
def test_hostile_text_round_trips_through_json(
    hostile_file: Path, where: dict[str, str] | None
) -> None:
    if where is None:
        r = run_tty("--data", str(hostile_file), "list", "--json")
        assert_harmless(r.out, terminal=True)
    else:
        r = run("--data", str(hostile_file), "list", "--json", env=make_env(**where))
        assert r.err == ""
    assert r.code == 0, r.out
    expected = hostile_catalog()["roles"]
    assert _roles_text(json.loads(r.stdout)) == _roles_text(expected)


def test_hostile_skill_names_round_trip_through_json(hostile_file: Path) -> None:
    r = run("--data", str(hostile_file), "skills", "--json")
    assert r.code == 0, r.err
    names = {s["id"]: s["name"] for s in json.loads(r.out)}
    assert names == {s["id"]: s["name"] for s in hostile_catalog()["skills"]}
    r = run("--data", str(hostile_file), "show", "role-b", "--json")
    assert json.loads(r.out)["title"] == hostile_catalog()["roles"][1]["title"]


@pytest.mark.parametrize(
    "args",
    [("list",), ("validate",), ("validate", "--json"), ("list", "--json")],
    ids=" ".join,
)
def test_problems_that_echo_hostile_text_are_harmless(
    hostile_invalid_file: Path, args: tuple[str, ...]
) -> None:
    if args[0] == "validate":
        r = run("validate", str(hostile_invalid_file), *args[1:])
    else:
        r = run("--data", str(hostile_invalid_file), *args)
    assert r.code == 3
    assert_no_traceback(r.err)
    if args[-1] == "--json":
        if args[0] == "validate":
            document = json.loads(r.out)
            assert document["valid"] is False
            assert len(document["problems"]) >= 5
        else:
            assert r.out == ""
    assert "\x1b" not in r.out + r.err
    assert_harmless(r.out + r.err)
    if args != ("validate", "--json"):  # the JSON document has no place for the file's name
        assert "bad\\x1b]0;title\\x07\\u202e.json" in r.out + r.err  # named, visibly


def test_problems_that_echo_hostile_text_are_harmless_on_a_terminal(
    hostile_invalid_file: Path,
) -> None:
    for args in (("validate", str(hostile_invalid_file)), ("--data", str(hostile_invalid_file))):
        r = run_tty(*args, "list") if args[0] == "--data" else run_tty(*args)
        assert r.code == 3, r.out
        assert "\x1b]" not in r.out
        assert_harmless(r.out, terminal=True)


# 2. a closed pipe ends quietly --------------------------------------------------------------------


def _cut_short(args: tuple[str, ...], keep: int | None) -> tuple[int, bytes, str]:
    """Run ``jobcli ARGS`` and close its stdout after ``keep`` bytes (None: one line)."""
    proc = subprocess.Popen(
        [*JOBCLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=make_env()
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    head = proc.stdout.readline() if keep is None else proc.stdout.read(keep)
    proc.stdout.close()  # the reader goes away, like `head` does
    err = proc.stderr.read().decode("utf-8", "backslashreplace")
    code = proc.wait(timeout=60)
    return code, head, err


@pytest.mark.parametrize(
    ("args", "keep"),
    [
        (("list", "--json"), 10),
        (("skills",), None),
        (("show", "data-scientist", "--json"), 0),
    ],
    ids=["list-json-head-c-10", "skills-head-1", "show-json-closed-at-once"],
)
def test_a_closed_pipe_ends_quietly(args: tuple[str, ...], keep: int | None) -> None:
    code, head, err = _cut_short(args, keep)
    assert code == 0, err
    assert err == ""
    if keep:
        assert len(head) == keep


@pytest.mark.parametrize(
    "args",
    [("list", "--json"), ("list",), ("skills", "--format", "table"), ("skills", "--json")],
    ids=" ".join,
)
def test_a_pipe_closed_midway_through_a_large_output_ends_quietly(
    large_file: Path, args: tuple[str, ...]
) -> None:
    full = run("--data", str(large_file), *args)
    assert full.code == 0, full.err
    assert (
        len(full.stdout) > 128 * 1024
    )  # twice what a pipe holds than a pipe holds: the write really fails
    code, head, err = _cut_short(("--data", str(large_file), *args), 10)
    assert code == 0, err
    assert err == ""
    assert head == full.stdout[:10]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "--json"), ("--help",), ("--version",), ("gap", "--help")],
    ids=" ".join,
)
def test_a_full_disk_is_an_error_not_a_bug(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*JOBCLI, *args], stdout=full, stderr=subprocess.PIPE, env=make_env(), timeout=60
        )
    err = proc.stderr.decode()
    assert proc.returncode == 74, err
    assert_no_traceback(err)
    assert err == "jobcli: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [("list",), ("list", "--json"), ("skills", "--format", "csv")])
def test_output_cut_short_by_a_file_size_limit_exits_74(
    large_file: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Under `ulimit -f` the first write is short and the next fails (EFBIG): the
    # buffered stream used to drop the rest and exit 0 with a truncated file.
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            "bash",
            "-c",
            'ulimit -f 10; exec "$@" > "$OUT"',
            "bash",
            *JOBCLI,
            "--data",
            str(large_file),
            *args,
        ],
        capture_output=True,
        env={**make_env(), "OUT": str(out)},
        timeout=60,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 74, err
    assert_no_traceback(err)
    assert err == "jobcli: error: cannot write the output: File too large\n"
    assert out.stat().st_size == 10 * 1024


@pytest.mark.parametrize(
    "args",
    [
        ("skills",),
        ("show", "ux-designer", "--json"),
        ("--help",),
        ("-V",),
        ("--show-completion",),
        ("list", "--help"),
    ],
    ids=" ".join,
)
def test_a_closed_stdout_is_an_error_not_a_bug(args: tuple[str, ...]) -> None:
    proc = subprocess.run(
        ["bash", "-c", '"$@" >&-', "bash", *JOBCLI, *args],  # bash: --show-completion's shell
        capture_output=True,
        env=make_env(),
        timeout=60,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 74, err
    assert_no_traceback(err)
    assert "cannot write the output" in err


# 3. a terminal that cannot encode a character -------------------------------------------------

ALL_VIEWS: list[tuple[str, ...]] = [
    ("list",),
    ("show", "cafe-analyst"),
    ("compare", "cafe-analyst", "rocket-engineer"),
    ("skills",),
    ("skills", "--matrix"),
    ("match", "resume-writing"),
    ("gap", "cafe-analyst", "rocket-engineer"),
    ("validate",),
]


@pytest.mark.parametrize("args", ALL_VIEWS, ids=" ".join)
def test_an_ascii_terminal_gets_a_readable_fallback(
    unicode_file: Path, args: tuple[str, ...]
) -> None:
    r = run(
        "--data",
        str(unicode_file),
        *args,
        "--format",
        "table",
        env=make_env(PYTHONIOENCODING="ascii"),
    )
    assert r.code == 0, r.err
    assert_no_traceback(r.err)
    r.stdout.decode("ascii")  # every byte is ASCII
    if args[0] in ("list", "show", "compare", "match", "gap"):
        assert "Caf? Analyst" in r.stdout.decode("ascii")


@pytest.mark.parametrize(
    "encoding",
    [{"PYTHONIOENCODING": "latin-1"}, {"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}],
    ids=["latin-1", "C-locale", "ascii"],
)
@pytest.mark.parametrize("args", [("show", "cafe-analyst"), ("skills", "--matrix")], ids=" ".join)
def test_other_encodings_never_crash(
    unicode_file: Path, encoding: dict[str, str], args: tuple[str, ...]
) -> None:
    r = run("--data", str(unicode_file), *args, "--format", "table", env=make_env(**encoding))
    assert r.code == 0, r.err
    assert_no_traceback(r.err)
    assert r.err == ""
    assert b"Caf" in r.stdout


@pytest.mark.parametrize(
    "encoding",
    [{"PYTHONIOENCODING": "latin-1"}, {"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}],
    ids=["latin-1", "C-locale", "ascii"],
)
def test_json_stays_valid_in_every_encoding(unicode_file: Path, encoding: dict[str, str]) -> None:
    utf8 = json.loads(run("--data", str(unicode_file), "list", "--json").out)
    r = run("--data", str(unicode_file), "list", "--json", env=make_env(**encoding))
    assert r.code == 0, r.err
    assert json.loads(r.stdout) == utf8
    assert utf8[0]["title"] == "Café Analyst — 数据 ✓"


@pytest.mark.parametrize(
    "encoding",
    [{"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"}],
    ids=["latin-1", "ascii"],
)
def test_messages_with_unencodable_names_never_crash(encoding: dict[str, str]) -> None:
    r = run("show", "Café ✓ 数据", env=make_env(**encoding))
    assert r.code == 1
    assert_no_traceback(r.err)
    assert "no role matches" in r.err


def test_undecodable_input_on_stdin_never_crashes() -> None:
    r = run("match", "-", stdin=b"critical\xff thinking\n", env=make_env(PYTHONIOENCODING="ascii"))
    assert r.code in (0, 1), r.err
    assert_no_traceback(r.err)


# 4. colour and width --------------------------------------------------------------------------

COLOUR_VIEWS = [("list",), ("show", "data-scientist"), ("skills", "--matrix")]


@pytest.mark.parametrize("args", COLOUR_VIEWS, ids=" ".join)
def test_no_color_removes_every_colour_on_a_terminal(args: tuple[str, ...]) -> None:
    r = run_tty(*args, env=make_env(NO_COLOR="1"))
    assert r.code == 0, r.out
    assert colour_codes(r.out) == []


@pytest.mark.parametrize("args", COLOUR_VIEWS, ids=" ".join)
def test_a_dumb_terminal_gets_no_escape_codes(args: tuple[str, ...]) -> None:
    r = run_tty(*args, env=make_env(TERM="dumb"))
    assert r.code == 0, r.out
    assert "\x1b" not in r.out
    assert_harmless(r.out)


def test_an_empty_no_color_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    # no-color.org: NO_COLOR set to anything but the empty string disables colour.
    from jobcli.output import Environment

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert Environment.from_system({"NO_COLOR": "", "TERM": "xterm"}).colour
    assert not Environment.from_system({"NO_COLOR": "1", "TERM": "xterm"}).colour
    assert Environment.from_system({"NO_COLOR": "", "FORCE_COLOR": "1"}).colour
    r = run_tty("skills", "--matrix", env=make_env(NO_COLOR=""))
    assert r.code == 0, r.out
    assert colour_codes(r.out) != []


def test_a_colour_terminal_gets_colour() -> None:
    r = run_tty("skills", "--matrix")
    assert colour_codes(r.out)


@pytest.mark.parametrize("args", COLOUR_VIEWS, ids=" ".join)
def test_force_color_forces_colour_into_a_pipe(args: tuple[str, ...]) -> None:
    assert colour_codes(run(*args, "--format", "table", env=make_env(FORCE_COLOR="1")).out)


@pytest.mark.parametrize("args", COLOUR_VIEWS, ids=" ".join)
def test_a_pipe_gets_no_escape_codes(args: tuple[str, ...]) -> None:
    r = run(*args, env=make_env(TERM="xterm-256color"))
    assert "\x1b" not in r.out


BUNDLED_VIEWS: list[tuple[str, ...]] = [
    ("list",),
    ("list", "--sort", "exposure"),
    ("show", "data-scientist"),
    ("compare", "data-scientist", "ux-designer"),
    ("skills",),
    ("skills", "--matrix"),
    ("match", "programming", "empathy", "statistics"),
    ("gap", "software-engineer", "ethical-ai-specialist"),
    ("validate",),
]


# Every view at every width is drawn in-process (tests/test_output.py); here, that COLUMNS
# reaches the installed program in a pipe.
@pytest.mark.parametrize(
    ("args", "columns"), [(("list",), 20), (("show", "data-scientist"), 300)], ids=str
)
def test_every_width_works(args: tuple[str, ...], columns: int) -> None:
    from rich.cells import cell_len

    r = run(*args, "--format", "table", env=make_env(COLUMNS=str(columns)))
    assert r.code == 0, r.err
    assert r.err == ""
    assert "\x1b" not in r.out
    too_long = [line for line in r.out.splitlines() if cell_len(line) > columns]
    assert too_long == [], f"{len(too_long)} lines wider than {columns}: {too_long[:3]}"


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "cafe-analyst"), ("compare", "cafe-analyst", "rocket-engineer")],
    ids=" ".join,
)
def test_wide_characters_fit_a_narrow_width(unicode_file: Path, args: tuple[str, ...]) -> None:
    from rich.cells import cell_len

    r = run("--data", str(unicode_file), *args, "--format", "table", env=make_env(COLUMNS="24"))
    assert r.code == 0, r.err
    assert [line for line in r.out.splitlines() if cell_len(line) > 24] == []


# 5. every bad catalog exits 3, names the file and the problem's place ---------------------------


def bad_catalog(path: Path, r: Run, *words: str) -> None:
    """Exit 3, nothing on stdout, the file and every word on stderr, no traceback."""
    assert r.code == 3, (r.code, r.err)
    assert r.out == ""
    assert_no_traceback(r.err)
    assert str(path) in r.err
    for word in words:
        assert word in r.err, (word, r.err)


@pytest.mark.parametrize("case", ["missing", "directory", "broken", "huge"])
def test_validate_names_the_file_and_the_problem(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.json"
    if case == "directory":
        path.mkdir()
    elif case == "broken":
        path.write_text('{"roles": [\n  1,,\n]}')
    elif case == "huge":
        with path.open("wb") as f:
            f.truncate(MAX_CATALOG_BYTES + 1)
    r = run("validate", str(path), env=make_env(COLUMNS="300"))
    assert r.code == 3
    assert_no_traceback(r.err)
    assert str(path) in r.out
    expected = {
        "missing": "no such file",
        "directory": "directory",
        "broken": "line 2, column 5",
        "huge": "MiB",
    }
    assert expected[case] in r.out


def test_a_missing_file_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    bad_catalog(path, run("--data", str(path), "list"), "no such file")


def test_a_directory_exits_3(tmp_path: Path) -> None:
    bad_catalog(tmp_path, run("--data", str(tmp_path), "show", "x"), "directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_exits_3(tmp_path: Path) -> None:
    path = write_json(tmp_path / "secret.json", catalog_data())
    path.chmod(0)
    bad_catalog(path, run("--data", str(path), "list"), "permission denied")


def test_an_unreadable_file_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root bypasses file permissions, so the code path is provoked in-process.
    import builtins

    from jobcli.catalog import read_catalog_bytes
    from jobcli.errors import CatalogError

    path = write_json(tmp_path / "secret.json", catalog_data())
    real_open = builtins.open

    def no_permission(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_permission)
    with pytest.raises(CatalogError) as caught:
        read_catalog_bytes(path)
    assert "permission denied" in str(caught.value)
    assert caught.value.origin == str(path)


@pytest.mark.parametrize("size", [MAX_CATALOG_BYTES + 1, 100 * 2**20], ids=["limit+1", "100MB"])
def test_a_huge_file_is_refused_politely(tmp_path: Path, size: int) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(size)  # sparse: no time spent writing
    r = run("--data", str(path), "list")
    bad_catalog(path, r, f"{MAX_CATALOG_BYTES // 2**20} MiB")


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    data = json.dumps(catalog_data()).encode()
    path = tmp_path / "padded.json"
    path.write_bytes(data + b" " * (1024 * 1024 - len(data)))  # padding is JSON whitespace
    assert run("--data", str(path), "list", "--json").code == 0


def test_validate_json_of_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1,\n  "skills": [,]}')
    r = run("validate", str(path), "--json")
    assert r.code == 3
    document = json.loads(r.out)
    assert document["valid"] is False
    assert document["problems"][0]["location"] == "line 2, column 14"


# 6. Ctrl-C -------------------------------------------------------------------------------------


def _waiting_on_stdin(pid: int, timeout: float = 10.0) -> None:
    """Wait until ``pid`` blocks reading fd 0 (Linux), so that SIGINT reaches jobcli's handler."""
    syscall = Path(f"/proc/{pid}/syscall")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            fields = syscall.read_text().split()
            if len(fields) > 1 and fields[0] == "0" and int(fields[1], 16) == 0:  # read(0, ...)
                return
        if not syscall.exists() and time.monotonic() > deadline - timeout + 2:
            return  # no /proc: the sleep above was the best we could do
        time.sleep(0.02)


def test_ctrl_c_exits_130_with_one_short_line() -> None:
    proc = subprocess.Popen(
        [*JOBCLI, "match", "-"],
        stdin=subprocess.PIPE,  # a pipe that never closes: jobcli waits on it
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=make_env(),
    )
    try:
        _waiting_on_stdin(proc.pid)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert out == b""
    lines = err.decode().splitlines()
    assert lines == ["jobcli: interrupted"]


# 7. tracebacks only with JOBCLI_DEBUG --------------------------------------------------------


def _crash(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("provoked internal error")


def _run_main(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    import jobcli.cli

    monkeypatch.setattr(jobcli.cli.commands, "load", _crash)
    monkeypatch.setattr(sys, "argv", ["jobcli", *argv])
    with pytest.raises(SystemExit) as exited:
        jobcli.cli.main()
    return int(exited.value.code or 0)


@pytest.mark.parametrize("debug", [None, "", "0"])
def test_an_internal_error_shows_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], debug: str | None
) -> None:
    if debug is None:
        monkeypatch.delenv("JOBCLI_DEBUG", raising=False)
    else:
        monkeypatch.setenv("JOBCLI_DEBUG", debug)
    code = _run_main(monkeypatch, ["list"])
    captured = capsys.readouterr()
    assert code == 70
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert "internal error" in captured.err
    assert "JOBCLI_DEBUG=1" in captured.err


def test_jobcli_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import jobcli.cli

    monkeypatch.setenv("JOBCLI_DEBUG", "1")
    monkeypatch.setattr(jobcli.cli.commands, "load", _crash)
    monkeypatch.setattr(sys, "argv", ["jobcli", "list"])
    with pytest.raises(RuntimeError, match="provoked internal error"):
        jobcli.cli.main()


@pytest.mark.parametrize("debug", ["1", None])
def test_jobcli_debug_traceback_reaches_stderr(debug: str | None) -> None:
    script = (
        "import sys, jobcli.cli as c\n"
        "def boom(*a, **k):\n"
        "    secret = 'hunter' + '2'  # a local: a traceback never shows its value\n"
        "    raise RuntimeError('provoked internal error')\n"
        "c.commands.load = boom\n"
        "sys.argv = ['jobcli', 'list']\n"
        "c.main()\n"
    )
    env = make_env(JOBCLI_DEBUG=debug)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    if debug:
        assert proc.returncode == 1
        assert "Traceback" in proc.stderr
        assert "RuntimeError: provoked internal error" in proc.stderr
        assert "hunter2" not in proc.stderr
    else:
        assert proc.returncode == 70
        assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args",
    [("show", "nobody"), ("--data", "/nonexistent.json", "list"), ("compare", "x"), ("--nope",)],
    ids=["not-found", "bad-catalog", "usage", "unknown-option"],
)
def test_no_error_shows_a_traceback(args: tuple[str, ...]) -> None:
    r = run(*args)
    assert r.code in (1, 2, 3)
    assert_no_traceback(r.err)
    assert r.err.strip()
