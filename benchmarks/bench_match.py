"""Quality of ``match`` on the bundled catalogs, as a person changing careers reads it.

For a fixed list of queries, the skills as ``jobcli match`` reads them, the top 5
roles, and the rank of each role a person who names those skills expects to see
among the first (``-`` when the role uses none of them; ``uses x/n`` when it
uses fewer than others do). At the end, over every expected role: the median
rank and how many are in the top 5 and top 10.

    python benchmarks/bench_match.py [--top 5] [--time 25]

``--time N`` adds the median time of ``Store.match(skills, 10)`` (what ``match``
asks for by default), in-process over N calls after one warm-up call.

Run it before and after a change of the ranking (``git stash``, or with another
checkout's ``src`` first on ``PYTHONPATH``): the figures in docs/ARCHITECTURE.md
("Match ranking") come from it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from jobcli.catalog import named_catalog_path
from jobcli.lookup import resolve_skill_words
from jobcli.store import Store, open_store

#: (catalog, the words as typed, the roles a person expects among the first).
QUERIES: list[tuple[str, list[str], list[str]]] = [
    (
        "onet",
        ["python", "sql"],
        [
            "Data Scientists",
            "Database Architects",
            "Computer Programmers",
            "Business Intelligence Analysts",
            "Software Developers",
            "Database Administrators",
            "Data Warehousing Specialists",
        ],
    ),
    (
        "onet",
        ["sql"],
        [
            "Database Architects",
            "Database Administrators",
            "Data Warehousing Specialists",
            "Business Intelligence Analysts",
            "Data Scientists",
            "Computer Programmers",
        ],
    ),
    (
        "onet",
        ["excel"],
        [
            "Accountants and Auditors",
            "Bookkeeping, Accounting, and Auditing Clerks",
            "Budget Analysts",
            "Financial and Investment Analysts",
            "Payroll and Timekeeping Clerks",
            "Office Clerks, General",
        ],
    ),
    (
        "onet",
        ["python"],
        [
            "Data Scientists",
            "Software Developers",
            "Computer Programmers",
            "Bioinformatics Scientists",
            "Statisticians",
        ],
    ),
    (
        "onet",
        ["programming", "mathematics", "critical thinking"],
        ["Computer Programmers", "Statisticians", "Mathematicians", "Biostatisticians"],
    ),
    (
        "onet",
        ["active listening", "speaking"],
        [
            "Mental Health Counselors",
            "Marriage and Family Therapists",
            "Clinical and Counseling Psychologists",
            "Customer Service Representatives",
        ],
    ),
    (
        "onet",
        ["autocad"],
        [
            "Architectural and Civil Drafters",
            "Mechanical Drafters",
            "Electrical and Electronics Drafters",
            "Civil Engineers",
            "Architects, Except Landscape and Naval",
            "Landscape Architects",
        ],
    ),
    (
        # "accounting" alone is ambiguous (economics-and-accounting, accounting-software):
        # match leaves it out with a warning, so the knowledge area is named in full.
        "onet",
        ["microsoft excel", "economics and accounting"],
        [
            "Accountants and Auditors",
            "Bookkeeping, Accounting, and Auditing Clerks",
            "Budget Analysts",
            "Financial Managers",
            "Treasurers and Controllers",
            "Tax Preparers",
        ],
    ),
    (
        "onet",
        ["medicine and dentistry", "psychology", "social perceptiveness"],
        [
            "Registered Nurses",
            "Licensed Practical and Licensed Vocational Nurses",
            "Nurse Practitioners",
            "Psychiatrists",
            "Psychiatric Technicians",
        ],
    ),
    ("seven", ["python", "sql"], ["Data Scientist"]),
]


def median_ms(store: Store, ids: list[str], repeat: int) -> float:
    """The median time of ``store.match(ids, 10)`` in milliseconds, after one warm-up call."""
    store.match(ids, 10)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        store.match(ids, 10)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5, help="how many of the first to print")
    parser.add_argument("--time", type=int, default=0, metavar="N", help="time N calls each")
    args = parser.parse_args(argv)
    stores = {name: open_store(named_catalog_path(name)) for name in {q[0] for q in QUERIES}}
    ranks: list[int] = []
    missing = 0
    for catalog, words, expected in QUERIES:
        store = stores[catalog]
        ids = resolve_skill_words(store, words).skill_ids
        found = store.match(ids, None)
        titles = [m.role.title for m in found.matches]
        uses = {m.role.title: m.uses for m in found.matches}
        print(f"== {catalog}: match {' '.join(repr(w) if ' ' in w else w for w in words)}")
        print(f"   skills: {', '.join(ids)}; {found.total} roles use any")
        if args.time:
            print(f"   Store.match(skills, 10): {median_ms(store, ids, args.time):.2f} ms (median)")
        for i, title in enumerate(titles[: args.top], 1):
            print(f"   {i:3}. {title}")
        for title in expected:
            if title not in uses:
                missing += 1
                print(f"   expected {title}: -")
                continue
            rank = titles.index(title) + 1
            ranks.append(rank)
            short = "" if uses[title] == len(ids) else f" (uses {uses[title]}/{len(ids)})"
            print(f"   expected {title}: {rank}{short}")
    print(
        f"expected roles: {len(ranks) + missing}; median rank {statistics.median(ranks):g}; "
        f"in the top 5: {sum(r <= 5 for r in ranks)}, top 10: {sum(r <= 10 for r in ranks)}"
        + (f"; using none of the skills: {missing}" if missing else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
