"""Measure how well jobcli finds an occupation by the names people use (issue 21).

On a catalog whose roles carry ``alternate_titles`` (an O*NET import with every
alternate title), a seeded random sample of alternate titles is looked up as a
person would type them, in-process through the store (what ``show`` and
``search`` ask of it):

- ``search TITLE``: is an occupation that lists the title first? among the first 3?
- ``show TITLE``: does it find one that lists it, or name one among its candidates
  (a shared title lists every owner)?
- every official title: does ``show TITLE`` find its occupation?

And the first call's cost: validating and compiling the store, in a child process
with a fresh cache (median of ``--compiles`` runs), and its peak memory.

    .venv/bin/python benchmarks/bench_names.py CATALOG.json [--sample 300] [--seed 21]

Targets: search first >= 90%, show finds or lists >= 95%, every official title 100%,
the compile <= 2 s. Not part of the tests: it needs the O*NET release.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST_OPEN = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
from jobcli.store import open_store
open_store(Path(sys.argv[1])).find_role("roofers")
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def owners_of(document: dict) -> dict[str, set[str]]:
    """Each alternate title (as written) -> the ids of the roles listing it, or a title
    that is the same name (case, punctuation, plural: "Brim Stretching Machine Operator"
    and "Brim-Stretching Machine Operator")."""
    from jobcli.names import word_line, words_of

    by_name: dict[str, set[str]] = {}
    titles: dict[str, str] = {}
    for role in document["roles"]:
        for title in role.get("alternate_titles", ()):
            name = word_line(words_of(title))
            titles[title] = name
            by_name.setdefault(name, set()).add(role["id"])
    return {title: by_name[name] for title, name in titles.items()}


def compile_times(path: Path, runs: int) -> tuple[float, float]:
    """Median seconds and peak MB of the first open (validate + compile) in a fresh cache."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            out = subprocess.run(
                [sys.executable, "-c", FIRST_OPEN, str(path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        times.append(float(out[0]))
        peaks.append(float(out[1]))
    return statistics.median(times), max(peaks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--compiles", type=int, default=3)
    parser.add_argument("--show-misses", action="store_true", help="print every miss")
    args = parser.parse_args(argv)

    from jobcli.errors import NameLookupError
    from jobcli.store import open_store

    document = json.loads(args.catalog.read_text(encoding="utf-8"))
    owners = owners_of(document)
    if not owners:
        print("the catalog has no alternate_titles", file=sys.stderr)
        return 2
    titles = random.Random(args.seed).sample(sorted(owners), min(args.sample, len(owners)))
    store = open_store(args.catalog)

    first = top3 = found = 0
    misses: list[str] = []
    for title in titles:
        wanted = owners[title]
        hits = [h.id for h in store.search(title, limit=3)]
        first += bool(hits) and hits[0] in wanted
        top3 += bool(wanted.intersection(hits))
        try:
            ok = store.find_role(title).id in wanted
        except NameLookupError as error:
            ok = bool(wanted.intersection(error.candidates))
        found += ok
        if args.show_misses and (not ok or not hits or hits[0] not in wanted):
            misses.append(f"  {title!r}: owners {sorted(wanted)}; search {hits}; show ok={ok}")

    official = 0
    for role in document["roles"]:
        try:
            official += store.find_role(role["title"]).id == role["id"]
        except NameLookupError:
            pass

    n = len(titles)
    print(f"catalog: {args.catalog} ({len(document['roles'])} roles, {len(owners)} titles)")
    print(f"sample: {n} alternate titles (seed {args.seed})")
    print(f"search: an owner first {first}/{n} = {first / n:.1%}; top 3 {top3 / n:.1%}")
    print(f"show: finds an owner or lists one {found}/{n} = {found / n:.1%}")
    print(f"official titles found: {official}/{len(document['roles'])}")
    if args.compiles:
        seconds, peak = compile_times(args.catalog, args.compiles)
        print(f"first call (validate + compile, fresh cache): {seconds:.2f} s, peak {peak:.0f} MB")
    for line in misses:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
