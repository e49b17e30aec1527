"""Time the store's API in-process on a large synthetic catalog (no CLI around it).

What each question a command asks costs once the store is built, so that the
figures hold before and after the commands are wired to the store. Medians of
``--repeat`` calls in one process (the first call of each is left out: it
warms SQLite's page cache), and the first open — validating and compiling the
catalog — in a child process, with its peak memory.

    .venv/bin/python benchmarks/bench_store.py [--roles 20000] [--repeat 25]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_catalog import role_title  # noqa: E402  (the sibling script)

from jobcli.onet.skills import slugify  # noqa: E402

FIRST_OPEN = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
from jobcli.store import open_store
open_store(Path(sys.argv[1]))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

WARM_OPEN = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from jobcli.store import open_store
store = open_store(Path(sys.argv[1]))
store.find_role(sys.argv[2])
print(time.perf_counter() - start)
"""


def median_ms(call: Callable[[], Any], repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobcli-bench-store-") as tmp:
        work = Path(tmp)
        path = work / "roles.json"
        subprocess.run(
            [sys.executable, str(HERE / "make_catalog.py"), str(args.roles), str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (work / "cache").mkdir(mode=0o700)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        env.pop("JOBCLI_NO_CACHE", None)
        first = subprocess.run(
            [sys.executable, "-c", FIRST_OPEN, str(path)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        print(
            f"{args.roles} roles, {path.stat().st_size / 2**20:.1f} MiB catalog: first open "
            f"(validate + compile) {float(first[0]):.2f} s, peak RSS {float(first[1]):.0f} MB"
        )
        time.sleep(2.1)  # past the racy window: later opens trust the stat record
        role = slugify(role_title(args.roles // 2))
        title = role_title(args.roles // 2)
        opens = [
            float(
                subprocess.run(
                    [sys.executable, "-c", WARM_OPEN, str(path), title],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(max(5, args.repeat // 3))
        ]
        print(
            "warm, in a fresh process: import + open + find_role by title "
            f"{statistics.median(opens) * 1000:.1f} ms (median)"
        )
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        from jobcli.errors import NameLookupError
        from jobcli.store import open_store

        store = open_store(path)

        def ambiguous() -> None:
            try:
                store.find_role("a")
            except NameLookupError:
                pass

        skills = ["programming", "critical-thinking", "writing"]
        cases: dict[str, Callable[[], Any]] = {
            "role(id)": lambda: store.role(role),
            "find_role(title)": lambda: store.find_role(title),
            "find_role('a'), ambiguous prefix": ambiguous,
            "match, 3 skills, best 10": lambda: store.match(skills, 10),
            "match, 3 skills, all": lambda: store.match(skills, None),
            "search, 2 words, best 10": lambda: store.search("cloud security", 10),
            "complete('role', 12 chars)": lambda: store.complete("role", role[:12]),
            "skill_users(programming)": lambda: store.skill_users("programming"),
            "similar_roles(role)": lambda: store.similar_roles(store.role(role)),
        }
        print(f"{'question':36} {'median ms':>9}")
        for name, call in cases.items():
            print(f"{name:36} {median_ms(call, args.repeat):9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
