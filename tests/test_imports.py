"""What a call imports: Rich only to draw tables, pydantic only to validate a catalog.

Each check runs jobcli in a fresh interpreter and reads ``sys.modules`` at exit:
Rich and pydantic are the heaviest imports jobcli has, and a script or a TAB
press should pay for neither. (Timings are in ``benchmarks/``, not here.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# python_calamine reads the BLS Excel files of an import only: no catalog command loads it.
HEAVY = ("rich", "pydantic", "pydantic_core", "python_calamine")

# Runs jobcli's console-script entry point, then records which heavy packages were loaded.
PROBE = """
import atexit, json, os, sys

def record():
    heavy = set(json.loads(os.environ["HEAVY"]))
    loaded = sorted({name.split(".")[0] for name in sys.modules} & heavy)
    with open(os.environ["PROBE_OUT"], "w") as out:
        json.dump(loaded, out)

atexit.register(record)
sys.argv = ["jobcli", *sys.argv[1:]]
from jobcli.cli import main
main()
"""


def heavy_imports(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> set[str]:
    """The heavy packages ``jobcli ARGS`` imports (it must exit 0)."""
    out = tmp_path / "probe.json"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("JOBCLI_")}
    full_env |= {"PROBE_OUT": str(out), "HEAVY": json.dumps(HEAVY), **(env or {})}
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    return set(json.loads(out.read_text()))


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose cache already holds the bundled catalog (as after a first call)."""
    home = tmp_path_factory.mktemp("warm-cache")
    env = {"XDG_CACHE_HOME": str(home)}
    heavy_imports(home, "list", "--json", env=env)
    return env


@pytest.mark.parametrize(
    "args", [["--help"], ["show", "--help"], ["match", "--help"], ["--version"]]
)
def test_help_imports_neither_pydantic_nor_rich(tmp_path: Path, args: list[str]) -> None:
    assert heavy_imports(tmp_path, *args) == set()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "data-scientist", "--json"],
        ["list", "--json"],
        ["compare", "data-scientist", "ux-designer", "--json"],
        ["skills", "--json"],
        ["match", "programming", "critical-thinking", "--json"],
        ["gap", "data-scientist", "ux-designer", "--json"],
        ["validate", "--json"],
        ["schema"],
    ],
)
def test_the_json_path_never_imports_rich(tmp_path: Path, args: list[str]) -> None:
    assert "rich" not in heavy_imports(tmp_path, *args)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "data-scientist", "--json"],
        ["list", "--json"],
        ["match", "programming", "critical-thinking", "--json"],
        ["gap", "data-scientist", "ux-designer", "--json"],
    ],
)
def test_json_from_a_cached_catalog_imports_neither_pydantic_nor_rich(
    tmp_path: Path, warm_cache: dict[str, str], args: list[str]
) -> None:
    assert heavy_imports(tmp_path, *args, env=warm_cache) == set()


def test_completing_a_role_name_imports_neither_pydantic_nor_rich(
    tmp_path: Path, warm_cache: dict[str, str]
) -> None:
    env = {
        **warm_cache,
        "_JOBCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "jobcli show data",
        "COMP_CWORD": "2",
    }
    assert heavy_imports(tmp_path, env=env) == set()


def test_tables_do_import_rich(tmp_path: Path, warm_cache: dict[str, str]) -> None:
    # The probe itself works: a table is drawn by Rich.
    assert heavy_imports(tmp_path, "list", "--format", "table", env=warm_cache) == {"rich"}


@pytest.mark.parametrize("args", [["list"], ["show", "data-scientist"], ["match", "programming"]])
def test_piped_text_imports_neither_pydantic_nor_rich(
    tmp_path: Path, warm_cache: dict[str, str], args: list[str]
) -> None:
    assert heavy_imports(tmp_path, *args, env=warm_cache) == set()


def test_only_an_import_with_bls_files_loads_the_excel_reader(tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    from bls_support import oews_row, write_oews

    release = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_29_2_text"
    wages = write_oews(
        tmp_path / "w.xlsx", [oews_row("15-2051", "Data Scientists", "detailed", 1, 2, 3)]
    )
    out = str(tmp_path / "o.json")
    plain = heavy_imports(tmp_path, "import", "onet", str(release), "-o", out)
    assert "python_calamine" not in plain
    joined = heavy_imports(
        tmp_path, "import", "onet", str(release), "--wages", str(wages), "-o", out, "--force"
    )
    assert "python_calamine" in joined
