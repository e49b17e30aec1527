"""Warm speed of ``next`` and ``path`` on a catalog, against ``python -c "import typer"``.

Usage: python benchmarks/bench_moves.py CATALOG.json [RUNS]
Prints each command's median wall time and its ratio to importing typer, in the same run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(catalog: str, runs: int) -> None:
    jobcli = [sys.executable, "-m", "jobcli", "--data", catalog]
    subprocess.run([*jobcli, "list"], check=False, stdout=subprocess.DEVNULL)  # warm the store
    base = median_seconds([sys.executable, "-c", "import typer"], runs)
    print(f"python -c 'import typer': {base * 1000:.0f} ms")
    for args in (
        ["show", "registered-nurses", "--json"],
        ["next", "registered-nurses", "--json"],
        ["next", "registered-nurses"],
        ["path", "registered-nurses", "nurse-practitioners", "--json"],
    ):
        t = median_seconds([*jobcli, *args], runs)
        print(f"jobcli {' '.join(args)}: {t * 1000:.0f} ms, {t / base:.2f}x typer")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 9)
