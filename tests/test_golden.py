"""Golden output of the views a person reads, on the bundled catalog at 100 columns:
drawn (``--format table``, as on a terminal) and piped (line-oriented text).

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


@pytest.mark.parametrize("piped", [False, True], ids=["drawn", "piped"])
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_matches_its_golden_output(name: str, piped: bool) -> None:
    args = VIEWS[name] if piped else [*VIEWS[name], "--format", "table"]
    r = invoke(*args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    # The validate view names the file, which differs between checkouts and installs.
    text = r.stdout if piped else "\n".join(line.rstrip() for line in r.stdout.splitlines()) + "\n"
    if name == "validate":
        text = text.split(": ", 1)[1]
    path = GOLDEN / f"{name}{'.piped' if piped else ''}.txt"
    if os.environ.get("JOBCLI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
