"""fastparams is fenced: Typer internals that change make a call slower, never broken."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from support import invoke

from jobcli import fastparams
from jobcli.cli import app

needs_typer_internals = pytest.mark.skipif(
    not fastparams.TYPER_INTERNALS, reason="this Typer has no internals to fence"
)


def a_descriptor() -> Any:
    command = typer.main.get_command(app)
    show = command.commands["list"]  # type: ignore[attr-defined]
    return next(p for p in show.params if p.name == "sort").type_descriptor


def answers() -> list[tuple[int, str]]:
    """What a few commands with str, Path, bool, list and Enum parameters print."""
    runs = [
        invoke("list", "--sort", "title", "--json"),
        invoke("list", "--sort", "bogus"),
        invoke("match", "programming", "statistics", "--json"),
        invoke("show", "data-scientist", "--json"),
    ]
    return [(r.exit_code, r.stdout) for r in runs]


@needs_typer_internals
def test_an_abstract_method_added_to_typers_runtime_param_falls_back_to_typer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = answers()
    # As if Typer's RuntimeParam grew an abstract method that FastRuntimeParam lacks.
    monkeypatch.setattr(fastparams.FastRuntimeParam, "__abstractmethods__", frozenset({"new_hook"}))
    with pytest.raises(TypeError):
        fastparams.FastRuntimeParam(a_descriptor(), fastparams._decline, lambda d: d)
    built = typer.core.build_runtime_param(a_descriptor())
    assert not isinstance(built, fastparams.FastRuntimeParam), "Typer's own was built"
    assert answers() == expected


@needs_typer_internals
@pytest.mark.parametrize("helper", ["coerce_cli_choice", "coerce_cli_path"])
def test_a_typer_helper_whose_signature_changed_falls_back_to_typer(
    monkeypatch: pytest.MonkeyPatch, helper: str
) -> None:
    expected = answers()
    refused = invoke("list", "--sort", "bogus").stderr

    def changed(value: Any) -> Any:  # one positional parameter now: our call raises
        raise AssertionError("never reached")

    monkeypatch.setattr(fastparams, helper, changed)
    assert answers() == expected
    r = invoke("list", "--sort", "bogus")
    assert r.exit_code == 2
    assert r.stderr == refused, "the same usage error, worded the same"


@needs_typer_internals
def test_a_converter_that_fails_to_build_falls_back_to_typer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = answers()

    def broken(descriptor: Any) -> Any:
        raise AttributeError("parameter_info has no attribute 'parser'")

    monkeypatch.setattr(fastparams, "converter_for", broken)
    assert answers() == expected


def test_the_answers_are_right_in_the_first_place() -> None:
    [(code, out), (bad, _), (matched, _), (shown, one)] = answers()
    assert (code, bad, matched, shown) == (0, 2, 0, 0)
    titles = [r["title"] for r in json.loads(out)]
    assert titles == sorted(titles, key=str.casefold)
    assert json.loads(one)["id"] == "data-scientist"
