"""Golden output of the views a person reads, on the bundled catalog at 100 columns.

A change to a view shows here as a diff to read. To accept one, regenerate the
files with ``JOBCLI_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review
``git diff tests/golden``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import BUNDLED_VIEWS, invoke

GOLDEN = Path(__file__).resolve().parent / "golden"
VIEWS = {**BUNDLED_VIEWS, "skills-matrix": ["skills", "--matrix"]}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_matches_its_golden_output(name: str) -> None:
    r = invoke(*VIEWS[name], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    # The validate view names the file, which differs between checkouts and installs.
    text = "\n".join(line.rstrip() for line in r.stdout.splitlines()) + "\n"
    if name == "validate":
        text = text.split(": ", 1)[1]
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("JOBCLI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
