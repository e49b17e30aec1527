"""Time jobcli's commands against the floor of any Typer program, in one run.

The floor is ``python -c "import typer"``. Every command and the floor run as
subprocesses, interleaved round by round (the order rotates each round, so
drift in the machine's load touches them all alike), after a warm-up that
also fills jobcli's cache (in a temporary ``XDG_CACHE_HOME``). The table
gives each command's median wall time; its ratio to the floor's median and to
the median of the command its target is stated against (over the same rounds),
each also as the median of the per-round paired ratios, by which a target is
judged ("paired medians in one run": the machine's load drifts over a run, a
pair is timed side by side); its median CPU time (user + system, steadier than
wall time on a busy machine); and its peak memory (max RSS,
from ``wait4``; this script stays small, and writes the synthetic catalogs
from a subprocess, because a child's max RSS starts at its parent's size).

Before timing, the jobcli package is byte-compiled (as ``pip install`` does),
so that a ``PYTHONDONTWRITEBYTECODE`` environment does not time the compiler.

Targets (issues 10 and 13): the 7-role ``show --json`` within 1.15 x the floor;
on 20,000 roles, ``show --json``, ``match --json`` (3 skills), ``search`` (2 words,
timed once the command exists) and completion each within 1.2 x the 7-role
``show --json``; the first call on 20,000 roles (a fresh cache each run: it
validates and compiles the store) at most 250 MB at its peak, its time shown.

Two cases are context, not targets: "floor + Rich's table" (Typer, Rich's console
and table imported, an empty table printed), which every table view pays before
its first row ("x rich" compares each command with it), and the 7-role ``match``
table, against which the 2,000-role one shows what the roles themselves cost.

Not part of the tests: timings depend on the machine, so nothing here passes
or fails a build. Run it from the repository with the venv's Python:

    .venv/bin/python benchmarks/bench_cli.py [--rounds 21] [--big-rounds 21] [--no-20k]

The store's own API is timed in-process by ``benchmarks/bench_store.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_catalog import role_title  # noqa: E402  (the sibling script)

from jobcli.onet.skills import slugify  # noqa: E402

FLOOR = "floor: python -c 'import typer'"
RICH_FLOOR = "floor + Rich's table"
SHOW7 = "show data-scientist --json"
MATCH7 = "match (table, piped)"


@dataclass
class Case:
    """One command line to time, and the target it is held to."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    #: (the case its median is compared with, or "ms" for milliseconds; the limit), if any
    target: tuple[str, float] | None = None
    #: how a target names this case
    short: str = ""
    big: bool = False
    #: a first call: every run gets an empty cache folder
    cold: bool = False
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)


def run_once(case: Case, base_env: dict[str, str], record: bool = True) -> None:
    """Run ``case`` with stdout on a pipe read to the end; record wall time, CPU time, RSS."""
    env = {**base_env, **case.env}
    if case.cold:
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cold-", dir=base_env["XDG_CACHE_HOME"])
    start = time.perf_counter()
    proc = subprocess.Popen(case.argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.stdout, proc.stderr
    assert out is not None
    assert err is not None
    while out.read(1 << 16):  # drained, not kept: this process must stay small (see RSS)
        pass
    message = err.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    err.close()
    if proc.returncode != 0:
        raise SystemExit(f"{case.name}: exit {proc.returncode}\n{message.decode(errors='replace')}")
    if record:
        case.times.append(elapsed)
        case.cpu.append(usage.ru_utime + usage.ru_stime)
        case.rss_kb.append(usage.ru_maxrss)  # KiB on Linux


def completion_env(words: str) -> dict[str, str]:
    """The environment bash's completion function sets to complete the last of ``words``."""
    return {
        "_JOBCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }


#: Import Typer and what Rich needs to print a table, and print an empty one into a pipe.
RICH_TABLE = (
    "import typer; from rich.console import Console; from rich.table import Table; "
    "Console().print(Table('a', 'b'))"
)


def has_command(jobcli: list[str], name: str) -> bool:
    """Whether this jobcli has the command ``name`` (``search`` arrives with the store's shell)."""
    probe = subprocess.run([*jobcli, name, "--help"], capture_output=True, check=False)
    return probe.returncode == 0


def build_cases(jobcli: list[str], work: Path, sizes: list[int]) -> list[Case]:
    """The command lines of the issues' targets, over the bundled and synthetic catalogs."""
    skills = ["programming", "critical-thinking", "writing"]
    search = has_command(jobcli, "search")
    cases = [
        Case(FLOOR, [sys.executable, "-c", "import typer"], short="floor"),
        # What any command that prints a Rich table pays before its first row: not a target,
        # the context for the ones that print tables.
        Case(RICH_FLOOR, [sys.executable, "-c", RICH_TABLE], short="rich"),
        Case("jobcli --help", [*jobcli, "--help"]),
        Case(
            SHOW7,
            [*jobcli, "show", "data-scientist", "--json"],
            target=(FLOOR, 1.15),
            short="show7",
        ),
        Case(MATCH7, [*jobcli, "match", *skills], short="match7"),
        Case("complete role (bash)", jobcli, completion_env("jobcli show data"), (SHOW7, 1.05)),
    ]
    for n in sizes:
        path = work / f"roles-{n}.json"
        subprocess.run(
            [sys.executable, str(HERE / "make_catalog.py"), str(n), str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        data = ["--data", str(path)]
        role = slugify(role_title(n // 2))
        large = n > 2000
        # 20,000 roles: each warm command within 1.2 x the 7-role show --json (issues 10, 13).
        target = (SHOW7, 1.2) if large else (SHOW7, 1.5)
        show = f"[{n}] show ROLE --json"
        cases += [
            Case(
                show,
                [*jobcli, *data, "show", role, "--json"],
                target=target,
                big=large,
                short=f"show{n}",
            ),
            Case(
                f"[{n}] match --json (3 skills)",
                [*jobcli, *data, "match", *skills, "--json"],
                target=target,
                big=large,
            ),
            Case(
                f"[{n}] match (table, piped)",
                [*jobcli, *data, "match", *skills],
                big=large,
            ),
            Case(
                f"[{n}] complete role (bash)",
                jobcli,
                completion_env(f"jobcli --data {path} show {role[:12]}"),
                target=target,
                big=large,
            ),
        ]
        if search:
            cases.append(
                Case(
                    f"[{n}] search (2 words)",
                    [*jobcli, *data, "search", "cloud", "security"],
                    target=target,
                    big=large,
                )
            )
            # Issue 21: whatever the words, also words in (nearly) every role's text.
            cases.append(
                Case(
                    f"[{n}] search (words in every role)",
                    [*jobcli, *data, "search", "plans", "directs", "reviews", "work", "team"],
                    target=target,
                    big=large,
                )
            )
        if large:
            # The first call: validates and compiles the store (a fresh cache each run).
            cases.append(
                Case(
                    f"[{n}] first call (show)",
                    [*jobcli, *data, "show", role, "--json"],
                    target=("MB", 250.0),
                    big=True,
                    cold=True,
                )
            )
        else:
            cases.append(
                Case(
                    f"[{n}] show --json, no cache",
                    [*jobcli, *data, "show", role, "--json"],
                    {"JOBCLI_NO_CACHE": "1"},
                )
            )
    return cases


LIST7 = "list (text, piped)"


def output_cases(jobcli: list[str], work: Path) -> list[Case]:
    """The output issue's targets: piped text without Rich, the drawn table, and scale.

    "On a terminal" is timed as ``--format table`` into the pipe: the same drawing,
    without a pseudo-terminal's own cost (or its pager) in the measure.
    """
    big = work / "roles-2000.json"
    if not big.exists():
        subprocess.run(
            [sys.executable, str(HERE / "make_catalog.py"), "2000", str(big)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return [
        Case(LIST7, [*jobcli, "list"], target=(FLOOR, 1.15), short="list7"),
        Case(
            "list --format table", [*jobcli, "list", "--format", "table"], target=(RICH_FLOOR, 1.10)
        ),
        Case(
            "[2000] list (text, piped)", [*jobcli, "--data", str(big), "list"], target=(LIST7, 1.5)
        ),
        Case("[2000] list --format tsv", [*jobcli, "--data", str(big), "list", "-f", "tsv"]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="rounds for the quick commands")
    parser.add_argument(
        "--big-rounds", type=int, default=21, help="rounds for 20,000 roles (warm: as cheap)"
    )
    parser.add_argument("--cold-rounds", type=int, default=2, help="first calls on 20,000 roles")
    parser.add_argument("--no-20k", action="store_true", help="skip the 20,000-role catalog")
    args = parser.parse_args(argv)

    exe = Path(sys.executable).with_name("jobcli")
    jobcli = [str(exe)] if exe.exists() else [sys.executable, "-m", "jobcli"]
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, jobcli, os; "
            "compileall.compile_dir(os.path.dirname(jobcli.__file__), quiet=1)",
        ],
        check=True,
    )
    with tempfile.TemporaryDirectory(prefix="jobcli-bench-") as tmp:
        work = Path(tmp)
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("JOBCLI_")}
        base_env |= {"XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}
        cases = build_cases(jobcli, work, [2000] if args.no_20k else [2000, 20000])
        (work / "cache").mkdir(mode=0o700)
        cases += output_cases(jobcli, work)
        for case in cases:  # warm-up: fill the cache and the page cache; check exit codes
            for _ in range(0 if case.cold else 1 if case.big else 2):
                run_once(case, base_env, record=False)
        for i in range(args.rounds):
            shift = i % len(cases)
            for case in cases[shift:] + cases[:shift]:
                if not case.big or i < (args.cold_rounds if case.cold else args.big_rounds):
                    run_once(case, base_env)
        report(cases)
    # A child's max RSS starts at this process's size when it forks.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(RSS: a child's peak is at least this script's own, {own:.1f} MB)")
    return 0


def report(cases: list[Case]) -> None:
    """Print the table: medians, ratios to the floor and to each target's base, CPU, memory."""
    by_name = {c.name: c for c in cases}
    floor = by_name[FLOOR]
    med = {c.name: statistics.median(c.times) for c in cases}

    def paired(case: Case, base: Case) -> float:
        # A case with fewer rounds (20,000 roles) ran in the first ones: pairs still match.
        return statistics.median(a / b for a, b in zip(case.times, base.times, strict=False))

    big_rounds = max((len(c.times) for c in cases if c.big), default=0)
    print(
        f"python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"nproc {os.cpu_count()}; {len(floor.times)} rounds ({big_rounds} for 20,000 roles); "
        "paired = median of per-round ratios"
    )
    head = (
        f"{'command':30} {'wall ms':>8} {'x floor':>7} {'paired':>6} {'x rich':>6} {'cpu ms':>7} "
        f"{'RSS MB':>6}  {'target':28} {'value':>6} {'paired':>6}"
    )
    print(head)
    print("-" * len(head))
    for c in cases:
        line = (
            f"{c.name:30} {med[c.name] * 1000:8.1f} {med[c.name] / med[FLOOR]:7.2f} "
            f"{paired(c, floor):6.2f} {med[c.name] / med[RICH_FLOOR]:6.2f} "
            f"{statistics.median(c.cpu) * 1000:7.1f} "
            f"{max(c.rss_kb) / 1024:6.1f}"
        )
        if c.target is not None:
            base, limit = c.target
            if base == "ms":
                value, pair, what = med[c.name] * 1000, med[c.name] * 1000, f"< {limit:g} ms"
            elif base == "MB":
                value = pair = max(c.rss_kb) / 1024
                what = f"peak <= {limit:g} MB"
            else:
                # The base's median over the same rounds (a 20,000-role case runs in the
                # first few only), and the verdict on the paired ratio: the machine's load
                # drifts over a run, and a pair is timed side by side.
                value = med[c.name] / statistics.median(by_name[base].times[: len(c.times)])
                pair = paired(c, by_name[base])
                what = f"<= {limit:g} x {by_name[base].short}"
            verdict = "met" if pair <= limit else "NOT met"
            line += f"  {what + ': ' + verdict:28} {value:6.2f} {pair:6.2f}"
        print(line)
    print(
        "x rich: against the floor plus importing Rich and printing an empty table "
        f"({med[RICH_FLOOR] / med[FLOOR]:.2f} x floor)."
    )
    for name, c in by_name.items():
        if name.endswith("] match (table, piped)"):
            print(
                f"{name} / 7-role {MATCH7}: {med[name] / med[MATCH7]:.2f} "
                f"(paired {paired(c, by_name[MATCH7]):.2f}): what the roles add to the table"
            )


if __name__ == "__main__":
    sys.exit(main())
