"""The shortcuts taken for speed give exactly what the slow, obvious code gives.

- Typer coerces jobcli's parameters without pydantic (``jobcli.fastparams``):
  same values, same errors, as Typer's own adapters.
- ``main`` builds only the command a call runs (``cli._app_for``), importing only its
  module (``cli.registry``): same output, same
  exit code and same completions as the whole app.
"""

from __future__ import annotations

import enum
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from jobcli import fastparams
from jobcli.cli import _app_for, app

# parameters ------------------------------------------------------------------------------------


def every_parameter() -> Iterator[tuple[Any, Any]]:
    """(click command, parameter) for every parameter of every jobcli command."""
    stack = [typer.main.get_command(app)]
    while stack:
        command = stack.pop()
        for param in command.params:
            yield command, param
        stack.extend(getattr(command, "commands", {}).values())


def samples(annotation: Any, tmp_path: Path) -> list[Any]:
    """Values a command line, an environment variable or a default can hand a parameter."""
    common: list[Any] = [None, 7, b"bytes", object()]
    if annotation is bool:
        return [True, False, "yes", "0", *common]
    if annotation is str:
        return ["data-scientist", " padded ", "", "ünïcode", "-", "--json", *common]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        members = list(annotation)
        first = members[0]
        return [first, first.value, str(first.value).upper(), "no-such-choice", "", *common]
    if isinstance(annotation, type) and issubclass(annotation, Path):
        existing = tmp_path / "exists.json"
        existing.write_text("{}")
        return [str(existing), str(tmp_path), "missing/file.json", "", ".", existing, *common]
    if annotation is int or annotation is float:
        return ["3", "0", "9", "-1", "2.5", "x", 4, 1.0, *common]
    return [("a", "b"), (), ["x"], "not-a-list", ("a", 1), *common]  # list[str]


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[Any, ...]:
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))


needs_typer_internals = pytest.mark.skipif(
    not fastparams.TYPER_INTERNALS, reason="this Typer coerces without pydantic adapters"
)


@needs_typer_internals
@pytest.mark.parametrize(
    ("command", "param"),
    [pytest.param(c, p, id=f"{c.name}-{p.name}") for c, p in every_parameter()],
)
def test_fast_coercion_matches_typers_own(command: Any, param: Any, tmp_path: Path) -> None:
    from typer import _coercion
    from typer._click import Context

    descriptor = param.type_descriptor
    convert = fastparams.converter_for(descriptor) or fastparams._decline
    fast = fastparams.FastRuntimeParam(descriptor, convert, _coercion.build_runtime_param)
    slow = _coercion.build_runtime_param(descriptor)
    ctx = Context(command, info_name=command.name)
    for value in samples(descriptor.annotation, tmp_path):
        expected = outcome(slow, value, param, ctx)
        assert outcome(fast, value, param, ctx) == expected, (descriptor.annotation, value)


@needs_typer_internals
def test_every_plain_parameter_has_a_fast_converter() -> None:
    # Only numbers (--limit, --min-importance) are left to Typer's adapters: given, not absent.
    for _, param in every_parameter():
        annotation = param.type_descriptor.annotation
        if annotation not in (int, float):
            assert fastparams.converter_for(param.type_descriptor) is not None, param.name


@needs_typer_internals
def test_install_is_idempotent() -> None:
    installed = typer.core.build_runtime_param
    fastparams.install()
    assert typer.core.build_runtime_param is installed


# only the command a call runs -------------------------------------------------------------------

#: Every command and group of the app, so that one added later is checked too.
COMMANDS = [info.name for info in (*app.registered_commands, *app.registered_groups) if info.name]


def run(the_app: typer.Typer, args: list[str], env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(the_app, args, env=env, prog_name="jobcli")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        *[[name, "--help"] for name in COMMANDS],
        *[[name] for name in COMMANDS],
        ["list"],
        ["show", "data-scientist", "--json"],
        ["show", "no-such-role"],
        ["list", "--bogus"],
        ["--data", "missing.json", "list"],
        ["--data=missing.json", "show", "x"],
        ["--no-pager", "show", "data-scientist"],
        ["show", "data-scientist", "--data", "missing.json"],
        ["-c", "seven", "show", "data-scientist", "--json"],
        ["--catalog", "seven", "list"],
        ["--catalog=seven", "list"],
        ["-cseven", "list"],
        ["-c", "nosuch", "list"],
        ["-c", "seven", "--data", "missing.json", "list"],
        ["list", "-c", "seven"],
        ["match", "programming", "-n", "0"],
        ["import", "onet", "--help"],
    ],
)
def test_the_pruned_app_answers_as_the_whole_app(args: list[str]) -> None:
    only = _app_for(args)
    assert only is not app, "a call that names a command builds only that command"
    assert run(only, args) == run(app, args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["--version"],
        ["lst"],
        ["--data"],
        ["--data", "x"],
        ["-h", "list"],
        ["-c"],
        ["--catalog", "seven"],
    ],
)
def test_help_version_and_unknown_commands_get_the_whole_app(args: list[str]) -> None:
    assert _app_for(args) is app


def bash(line: str) -> dict[str, str]:
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    return {"_JOBCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}


def zsh(line: str) -> dict[str, str]:
    return {"_JOBCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}


@pytest.mark.parametrize("shell", [bash, zsh])
@pytest.mark.parametrize(
    "line",
    [
        "jobcli ",
        "jobcli sh",
        "jobcli show",
        "jobcli show ",
        "jobcli show da",
        "jobcli --data x show da",
        "jobcli -c seven show da",
        "jobcli --catalog ",
        "jobcli compare data-scientist u",
        "jobcli match prog",
        "jobcli import ",
        "jobcli import o",
        "jobcli show --js",
    ],
)
def test_completion_is_the_same_with_the_pruned_app(
    shell: Any, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = shell(line)
    for key, value in env.items():
        monkeypatch.setenv(key, value)  # _app_for reads the process's environment
    expected = run(app, [], env)
    assert expected[1], "the case completes something"
    assert run(_app_for([]), [], env) == expected


@pytest.mark.parametrize(
    ("env", "pruned"),
    [
        (bash("jobcli show da"), True),
        (zsh("jobcli --data x show da"), True),
        (bash("jobcli sh"), False),
        (zsh("jobcli show"), False),  # "show" may yet become "showcase": all commands
        ({"_JOBCLI_COMPLETE": "source_bash"}, False),
    ],
)
def test_completion_prunes_only_once_the_command_is_typed(
    env: dict[str, str], pruned: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert (_app_for([]) is not app) == pruned


def test_the_command_table_names_every_command_and_its_module() -> None:
    from jobcli.cli.registry import COMMAND_MODULES

    listed = [*(c.name for c in app.registered_commands), *(g.name for g in app.registered_groups)]
    assert sorted(listed) == sorted(COMMAND_MODULES)
    for info in app.registered_commands:
        assert info.callback.__module__ == f"jobcli.cli.{COMMAND_MODULES[info.name]}", info.name
    # --help lists them in the table's order, whatever order they were imported in.
    assert [c.name for c in app.registered_commands] == [
        n for n in COMMAND_MODULES if n in {c.name for c in app.registered_commands}
    ]


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["-c", "onet", "next", "x"], "jobcli.cli.moves"),
        (["show", "x"], "jobcli.cli.commands"),
        (["me", "add", "x"], "jobcli.cli.me"),
        (["import", "onet", "d"], "jobcli.cli.catalogs"),
    ],
)
def test_a_call_imports_only_the_module_of_its_command(args: list[str], module: str) -> None:
    # A fresh interpreter: this one has imported every command already.
    code = (
        "import sys\n"
        "from jobcli.cli.entry import _app_for\n"
        f"only = _app_for({args!r})\n"
        "print(*sorted(m for m in sys.modules if m.startswith('jobcli.cli.')))\n"
        "print(*(c.name for c in only.registered_commands),\n"
        "      *(g.name for g in only.registered_groups))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    from jobcli.cli.registry import COMMAND_MODULES

    loaded = set(out[0].split())
    command_modules = {f"jobcli.cli.{m}" for m in COMMAND_MODULES.values()}
    assert loaded & command_modules == {module}
    assert out[1].split() == [args[2] if args[0] == "-c" else args[0]]
