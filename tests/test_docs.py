"""The README and --help agree with the app: every command documented and helped."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from support import invoke

from jobcli.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)


def test_the_contracts_commands_all_exist() -> None:
    assert {"list", "show", "compare", "skills", "match", "gap", "validate", "schema"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"jobcli {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    r = invoke(command, "--help")
    assert r.exit_code == 0, r.output
    assert "Usage" in r.stdout


def test_readme_has_both_set_up_commands() -> None:
    assert "pip install . && jobcli list" in README
    assert "pip install '.[test]' && pytest" in README


def test_readme_lists_every_exit_code() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"):
        assert code in README


def test_pretty_exceptions_never_show_locals() -> None:
    assert isinstance(app, typer.Typer)
    assert app.pretty_exceptions_show_locals is False
