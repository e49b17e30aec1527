"""The README and --help agree with the app: every command documented and helped."""

from __future__ import annotations

from pathlib import Path

import pytest
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


# the README's examples are the program's output ---------------------------------------------------

README_PATH = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE_WIDTH = 88
EXAMPLE_LINES = 14  # lines kept of an example that is cut short ("…")


def examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected lines) of each ``$ jobcli`` line in the Five examples section."""
    section = text.split("## Five examples", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in section.split("```console\n")[1:]:
        body = block.split("```", 1)[0].splitlines()
        for i, line in enumerate(body):
            if line.startswith("$ jobcli "):
                rest = body[i + 1 :]
                end = next((j for j, x in enumerate(rest) if x.startswith("$ ")), len(rest))
                found.append((line[2:], rest[:end]))
    return found


def example_output(command: str) -> list[str]:
    """What ``command`` prints: on a terminal of 88 columns, or into ``| cut``/``| head``."""
    import shlex

    from support import invoke_as

    jobcli, _, pipe = command.partition(" | ")
    args = shlex.split(jobcli)[1:]
    if not pipe:
        r = invoke_as(*args, width=EXAMPLE_WIDTH, colour=False)
        assert r.exit_code == 0, r.output
        return [line.rstrip() for line in r.stdout.splitlines()]
    r = invoke_as(*args, tty=False)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    tool = shlex.split(pipe)
    if tool[0] == "cut":
        fields = [int(n) - 1 for n in tool[1].removeprefix("-f").split(",")]
        return ["\t".join(line.split("\t")[f] for f in fields) for line in lines]
    if tool[0] == "head":
        return lines[: int(tool[-1])]
    raise AssertionError(f"an example pipes into {tool[0]}, which this test does not run")


def test_the_readme_has_five_examples() -> None:
    assert len(examples(README)) == 5


@pytest.mark.parametrize(("command", "expected"), examples(README), ids=lambda x: str(x)[:40])
def test_each_readme_example_is_what_the_program_prints(command: str, expected: list[str]) -> None:
    actual = example_output(command)
    if expected and expected[-1] == "…":
        assert actual[: len(expected) - 1] == expected[:-1]
        assert len(actual) > len(expected) - 1
    else:
        assert actual == expected


def regenerate_readme_examples() -> None:
    """Rewrite the Five examples from the program: ``python tests/test_docs.py``."""
    text = README_PATH.read_text(encoding="utf-8")
    head, section = text.split("## Five examples", 1)
    section, tail = section.split("\n## ", 1)
    out = []
    for block in section.split("```console\n"):
        if not out:
            out.append(block)
            continue
        body, after = block.split("```", 1)
        command = body.splitlines()[0][2:]
        lines = example_output(command)
        if len(lines) > EXAMPLE_LINES + 1:
            lines = [*lines[:EXAMPLE_LINES], "…"]
        out.append("\n".join([f"$ {command}", *lines]) + "\n```" + after)
    README_PATH.write_text(
        head + "## Five examples" + "```console\n".join(out) + "\n## " + tail, encoding="utf-8"
    )


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    regenerate_readme_examples()
