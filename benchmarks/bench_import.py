"""Time ``jobcli import onet`` on a full O*NET release, against a baseline of the same run.

The release is the real one in ``../shared/data/onet`` (beside the repository) when
present, else a synthetic release of full size generated in a temporary folder
(1,016 occupations; 35 skills and 33 knowledge areas x 2 scales each; ~56,000
alternate titles, some shared; ~33,000 technology rows; ~18,000 tasks; 20 related
occupations each).

Each round times, interleaved: the baseline (reading every file of the release and
splitting every line into its fields: what any importer pays before its first
rule), :func:`jobcli.onet.import_onet`, :func:`jobcli.onet.write_catalog`, and the
whole command (``jobcli import onet DIR -o FILE --force`` in a subprocess). It
prints the median of each, and each as a ratio to the baseline's median.

    python benchmarks/bench_import.py [--rounds 5] [--synthetic] [--seed 29] [--keep DIR]

With ``--keep DIR`` a generated release (``DIR/db_29_2_text``) and the catalog
(``DIR/onet-bench.json``) are kept. Not part of the test run; stdlib only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from jobcli.onet import import_onet, write_catalog
    from jobcli.onet.skills import ONET_SKILLS
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from jobcli.onet import import_onet, write_catalog
    from jobcli.onet.skills import ONET_SKILLS

REAL_RELEASE = Path(__file__).resolve().parents[2] / "shared" / "data" / "onet"
OCCUPATIONS = 1016
ALTERNATE_TITLES = 56_000
TECHNOLOGY_ROWS = 33_000
RELATED_PER_OCCUPATION = 20

_WORDS: tuple[str, ...] = (
    "data",
    "systems",
    "software",
    "network",
    "security",
    "web",
    "digital",
    "interface",
    "clinical",
    "research",
    "financial",
    "marketing",
    "sales",
    "operations",
    "quality",
    "production",
    "maintenance",
    "energy",
    "environmental",
    "medical",
    "legal",
    "education",
    "transportation",
    "logistics",
    "construction",
    "mechanical",
    "electrical",
    "chemical",
    "civil",
    "industrial",
    "agricultural",
    "retail",
    "customer",
    "information",
    "health",
    "safety",
    "design",
    "media",
    "training",
)
_JOBS: tuple[str, ...] = (
    "Analysts",
    "Engineers",
    "Developers",
    "Designers",
    "Managers",
    "Technicians",
    "Specialists",
    "Scientists",
    "Coordinators",
    "Inspectors",
    "Operators",
    "Consultants",
    "Administrators",
    "Officers",
    "Assistants",
)
_VENDORS: tuple[str, ...] = (
    "Microsoft",
    "Oracle",
    "Adobe",
    "SAP",
    "IBM",
    "Apache",
    "Google",
    "Amazon",
    "Autodesk",
    "Salesforce",
)
_PRODUCTS: tuple[str, ...] = (
    "Excel",
    "Access",
    "Studio",
    "Cloud",
    "Server",
    "Analytics",
    "Designer",
    "Manager",
    "Suite",
    "Database",
    "Workbench",
    "Insight",
    "Builder",
    "Portal",
    "Engine",
)
_COMMODITIES = (
    "Spreadsheet software",
    "Data base user interface and query software",
    "Development environment software",
    "Business intelligence and data analysis software",
    "Project management software",
    "Operating system software",
)


_SKILL_HEADER = [
    "O*NET-SOC Code",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
]


def _table(path: Path, header: list[str], rows: list[list[str]]) -> int:
    lines = ["\t".join(header), *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def generate(directory: Path, seed: int) -> dict[str, int]:
    """Write a synthetic release into ``directory``; return the data rows per file."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    codes = sorted(
        {
            f"{rng.randrange(11, 54):02d}-{rng.randrange(1000, 9999):04d}."
            f"{rng.choice(['00', '01', '02'])}"
            for _ in range(OCCUPATIONS * 2)
        }
    )[:OCCUPATIONS]
    while len(codes) < OCCUPATIONS:  # practically never
        codes.append(f"99-{len(codes):04d}.00")
    codes.sort()
    counts: dict[str, int] = {}

    titles: list[str] = []
    for i, _code in enumerate(codes):
        title = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()} {rng.choice(_JOBS)}"
        if i % 97 == 0 and titles:  # a few titles repeat, as the importer must handle
            title = titles[-1]
        titles.append(title)
    occupation_rows = [
        [
            code,
            title,
            f"Synthetic description of {title.lower()}: " + " ".join(rng.choices(_WORDS, k=30)),
        ]
        for code, title in zip(codes, titles, strict=True)
    ]
    counts["Occupation Data.txt"] = _table(
        directory / "Occupation Data.txt",
        ["O*NET-SOC Code", "Title", "Description"],
        occupation_rows,
    )

    skill_rows: list[list[str]] = []
    for code in codes:
        for element, name, _kind in ONET_SKILLS:
            im = rng.uniform(1.0, 5.0)
            lv = rng.uniform(0.0, 7.0)
            suppress = "Y" if rng.random() < 0.01 else "N"
            irrelevant = "Y" if rng.random() < 0.03 else "N"
            common = ["8", "0.2000", "0.0000", "0.0000"]
            skill_rows.append(
                [
                    code,
                    element,
                    name,
                    "IM",
                    f"{im:.2f}",
                    *common,
                    suppress,
                    "n/a",
                    "08/2023",
                    "Analyst",
                ]
            )
            skill_rows.append(
                [
                    code,
                    element,
                    name,
                    "LV",
                    f"{lv:.2f}",
                    *common,
                    "N",
                    irrelevant,
                    "08/2023",
                    "Analyst",
                ]
            )
    counts["Skills.txt"] = _table(directory / "Skills.txt", _SKILL_HEADER, skill_rows)
    knowledge_names = {
        element: f"Knowledge area {i}" for i, (element, _, _) in enumerate(ONET_SKILLS)
    }
    knowledge_rows = [
        [row[0], "2.C.9." + row[1], knowledge_names[row[1]], *row[3:]]
        for row in skill_rows
        if row[1] in dict(list(knowledge_names.items())[:33])
    ]
    counts["Knowledge.txt"] = _table(directory / "Knowledge.txt", _SKILL_HEADER, knowledge_rows)
    task_rows = [
        [
            code,
            str(1000 + i * 20 + j),
            f"Do task {j} of occupation {i}: " + " ".join(rng.choices(_WORDS, k=12)),
            "Core" if j < 12 else "Supplemental",
            "80",
            "08/2023",
            "Incumbent",
        ]
        for i, code in enumerate(codes)
        for j in range(18)
    ]
    counts["Task Statements.txt"] = _table(
        directory / "Task Statements.txt",
        [
            "O*NET-SOC Code",
            "Task ID",
            "Task",
            "Task Type",
            "Incumbents Responding",
            "Date",
            "Domain Source",
        ],
        task_rows,
    )

    shared_pool = [f"{rng.choice(_WORDS).title()} {rng.choice(_JOBS)[:-1]}" for _ in range(3000)]
    alternate_rows: list[list[str]] = []
    per_code = ALTERNATE_TITLES // OCCUPATIONS
    for code, title in zip(codes, titles, strict=True):
        for j in range(per_code):
            if rng.random() < 0.15:
                alt = rng.choice(shared_pool)
            else:
                alt = f"{title[:-1]} {rng.choice(_WORDS).title()} {j}"
            short = "n/a"
            if rng.random() < 0.07:
                short = "".join(word[0] for word in alt.split()[:3]).upper()
            alternate_rows.append([code, alt, short, "08"])
    counts["Alternate Titles.txt"] = _table(
        directory / "Alternate Titles.txt",
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        alternate_rows,
    )

    products = [f"{v} {p}" for v in _VENDORS for p in _PRODUCTS] + ["C", "C++", "C#", "R", "Python"]
    technology_rows: list[list[str]] = []
    per_code = TECHNOLOGY_ROWS // OCCUPATIONS + 1
    for code in codes:
        for example in rng.sample(products, per_code):
            hot = "Y" if rng.random() < 0.35 else "N"
            demand = "Y" if rng.random() < 0.08 else "N"
            technology_rows.append(
                [code, example, "43232306", rng.choice(_COMMODITIES), hot, demand]
            )
    counts["Technology Skills.txt"] = _table(
        directory / "Technology Skills.txt",
        [
            "O*NET-SOC Code",
            "Example",
            "Commodity Code",
            "Commodity Title",
            "Hot Technology",
            "In Demand",
        ],
        technology_rows[:TECHNOLOGY_ROWS],
    )

    related_rows: list[list[str]] = []
    for code in codes:
        others = rng.sample([c for c in codes if c != code], RELATED_PER_OCCUPATION)
        for index, other in enumerate(others, start=1):
            tier = (
                "Primary-Short" if index <= 5 else "Primary-Long" if index <= 10 else "Supplemental"
            )
            related_rows.append([code, other, tier, str(index)])
    counts["Related Occupations.txt"] = _table(
        directory / "Related Occupations.txt",
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        related_rows,
    )
    return counts


def baseline(release: Path) -> int:
    """Read every file of the release and split every line into fields; the rows read."""
    rows = 0
    for path in sorted(release.glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line in handle:
                line.rstrip("\r\n").split("\t")
                rows += 1
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument(
        "--synthetic", action="store_true", help="generate a release, even if the real one is there"
    )
    parser.add_argument("--seed", type=int, default=29, help="random seed (default 29)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep release and catalog here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="jobcli-bench-") as temp:
        base = args.keep if args.keep is not None else Path(temp)
        base.mkdir(parents=True, exist_ok=True)
        out = base / "onet-bench.json"
        if (REAL_RELEASE / "Occupation Data.txt").is_file() and not args.synthetic:
            release = REAL_RELEASE
            print(f"release: {release} (real)")
        else:
            release = base / "db_29_2_text"
            counts = generate(release, args.seed)
            print(f"release: {release} (synthetic, seed {args.seed})")
            for name, rows in counts.items():
                print(f"  {name:<26} {rows:>7,} rows")
        command = [
            sys.executable,
            "-m",
            "jobcli",
            "import",
            "onet",
            str(release),
            "-o",
            str(out),
            "--force",
        ]

        times: dict[str, list[float]] = {
            "baseline": [],
            "import_onet": [],
            "write_catalog": [],
            "command": [],
        }
        rows = baseline(release)  # warm the page cache
        for _ in range(max(1, args.rounds)):
            started = time.perf_counter()
            baseline(release)
            times["baseline"].append(time.perf_counter() - started)
            started = time.perf_counter()
            catalog, report = import_onet(release, release="29.2")
            middle = time.perf_counter()
            write_catalog(catalog, out, force=True)
            ended = time.perf_counter()
            times["import_onet"].append(middle - started)
            times["write_catalog"].append(ended - middle)
            started = time.perf_counter()
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
            times["command"].append(time.perf_counter() - started)
        print(
            f"{rows:,} lines read; catalog: {report.occupations:,} roles "
            f"({report.without_skills} without skills), {report.skills:,} skills, "
            f"{out.stat().st_size / 2**20:.1f} MiB; {args.rounds} rounds"
        )
        floor = statistics.median(times["baseline"])
        print(f"{'step':<40} {'median s':>9} {'x baseline':>10}")
        for name, label in (
            ("baseline", "baseline: read and split every line"),
            ("import_onet", "import_onet"),
            ("write_catalog", "write_catalog"),
            ("command", "jobcli import onet (whole command)"),
        ):
            median = statistics.median(times[name])
            print(f"{label:<40} {median:9.3f} {median / floor:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
