"""Warm calls on the bundled O*NET catalog (``show``, ``match``, ``search``, ``next``,
``path``) and the 7-role ``show``, against ``import typer``.

Usage: python benchmarks/bench_next.py [RUNS]

Paired runs (each round runs every command once, in turn, each right after a run of
``python -c "import typer"``, so that the load of a shared machine falls on all
alike): the median wall and CPU time (user + system of the child) of each and its
ratio to the floor's median; "paired", the median of the ratios of each command to the
floor run just before it; "best", the ratio of the fastest runs. The store is
compiled first (not timed).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

JOBCLI = shutil.which("jobcli") or "jobcli"
COMMANDS = {
    "import typer": [sys.executable, "-c", "import typer"],
    "7 show --json": [JOBCLI, "show", "data-scientist", "--json"],
    "show": [JOBCLI, "-c", "onet", "show", "registered-nurses"],
    "show --json": [JOBCLI, "-c", "onet", "show", "registered nurse", "--json"],
    "match --json": [JOBCLI, "-c", "onet", "match", "python", "sql", "--json"],
    "search --json": [JOBCLI, "-c", "onet", "search", "data analyst", "--json"],
    "next": [JOBCLI, "-c", "onet", "next", "registered-nurses"],
    "next --safer": [JOBCLI, "-c", "onet", "next", "registered-nurses", "--safer"],
    "path": [JOBCLI, "-c", "onet", "path", "registered-nurses", "health-informatics-specialists"],
}


def timed(argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(runs: int) -> None:
    os.environ.setdefault("NO_COLOR", "1")
    subprocess.run(COMMANDS["next"], stdout=subprocess.DEVNULL, check=False)  # compile
    walls: dict[str, list[float]] = {k: [] for k in COMMANDS}
    cpus: dict[str, list[float]] = {k: [] for k in COMMANDS}
    # Each command right after its own run of the floor: the ratio of the pair moves
    # far less than either time when the machine's load drifts.
    pairs: dict[str, list[float]] = {k: [] for k in COMMANDS}
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            floor, _cpu = timed(COMMANDS["import typer"])
            wall, cpu = timed(argv)
            walls[name].append(wall)
            cpus[name].append(cpu)
            pairs[name].append(wall / floor)
    base_wall = statistics.median(walls["import typer"])
    base_cpu = statistics.median(cpus["import typer"])
    best_floor = min(walls["import typer"])
    print(
        f"{'command':16} {'wall ms':>8} {'x typer':>8} {'cpu ms':>8} {'x typer':>8}"
        f" {'paired':>8} {'best':>8}"
    )
    for name in COMMANDS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"{name:16} {wall * 1000:8.0f} {wall / base_wall:8.2f} "
            f"{cpu * 1000:8.0f} {cpu / base_cpu:8.2f} "
            f"{statistics.median(pairs[name]):8.2f} {min(walls[name]) / best_floor:8.2f}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
