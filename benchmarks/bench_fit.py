"""Quality of the fit on O*NET, against O*NET's own Related Occupations.

Usage: python benchmarks/bench_fit.py CATALOG.json ONET_DIR

CATALOG.json: an O*NET import made WITHOUT ``Related Occupations.txt`` (copy the
release without it, ``jobcli import onet``), so that the fit cannot have read the
answer. ONET_DIR: the full release, whose ``Related Occupations.txt`` is the answer.

(a) recall@10: of the occupations O*NET calls Primary-Short related to each
    occupation, the share that ``next`` lists among its top 10: over all occupations,
    and over the pairs of occupations with rated skills (the sample the issue measured
    its baselines on: 878 of 29.3's occupations; ``next`` still ranks every role);
(b) AUC: how well the fit of a move, and ``gap``'s "what you bring", tell
    Primary-Short related pairs from pairs related in no tier (both occupations with
    rated skills; all such pairs);
(c) the fit above which 80% of the Primary-Short pairs lie (the viability threshold);
(d) a profile taken from a job (``me from ROLE``: its skills and levels, the job
    remembered), for 150 occupations with rated skills (seed 5): recall@10 of
    ``next --me`` by the person's fit alone and by the fit of a move of yours.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from jobcli.domain import Catalog
from jobcli.fit import catalog_weights, levels_of, person_fit, skill_fit, your_move_fit
from jobcli.fit_index import Index, best, build, index_fits, works_from


def main(catalog_path: str, onet_dir: str) -> None:
    catalog = Catalog.from_dict(json.loads(Path(catalog_path).read_text(encoding="utf-8")))
    roles = catalog.roles
    if any(r.related for r in roles):
        sys.exit("the catalog carries Related Occupations: import it without them")
    at = {r.onet_soc_code: i for i, r in enumerate(roles)}
    short: dict[int, set[int]] = {}
    related: dict[int, set[int]] = {}
    path = Path(onet_dir) / "Related Occupations.txt"
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            a = at.get(row["O*NET-SOC Code"].strip())
            b = at.get(row["Related O*NET-SOC Code"].strip())
            if a is None or b is None:
                continue
            related.setdefault(a, set()).add(b)
            related.setdefault(b, set()).add(a)
            if row["Relatedness Tier"].strip() == "Primary-Short":
                short.setdefault(a, set()).add(b)
    start = time.perf_counter()
    weights = catalog_weights(roles)
    index = build(roles, weights)
    rows = [index_fits(index, s) for s in range(len(roles))]
    seconds = time.perf_counter() - start
    top = {a: {t for t, _ in best(rows[a], 10, skip=a)} for a in short}
    found = sum(len(short[a] & top[a]) for a in short)
    total = sum(len(v) for v in short.values())
    rated = [i for i, r in enumerate(roles) if r.skills_rated and r.skills]
    rated_set = set(rated)
    found_r = sum(len(short[a] & top[a] & rated_set) for a in short if a in rated_set)
    total_r = sum(len(short[a] & rated_set) for a in short if a in rated_set)
    pairs = [(a, b) for a in short for b in short[a] if a in rated_set and b in rated_set]
    unrelated = [(a, b) for a in rated for b in rated if a != b and b not in related.get(a, ())]
    pos = [rows[a][b] for a, b in pairs]
    neg = [rows[a][b] for a, b in unrelated]
    have = [levels_of(r) for r in roles]
    brings = {}
    for a, b in {*pairs, *unrelated[::20]}:
        brings[a, b] = skill_fit(have[a], roles[b], weights) or 0.0
    pos_b = [brings[p] for p in pairs]
    neg_b = [brings[p] for p in unrelated[::20]]
    all_short = sorted(rows[a][b] for a in short for b in short[a])
    print(f"roles: {len(roles)}, rated: {len(rated)}, Primary-Short pairs: {total}")
    print(f"(a) next top-10 recall of Primary-Short: {found / total:.3f} ({found}/{total})")
    print(f"    between rated occupations: {found_r / total_r:.3f} ({found_r}/{total_r})")
    print(
        f"(b) AUC of the move's fit, Primary-Short vs unrelated: {auc(pos, neg):.3f} "
        f"({len(pos)} vs {len(neg)} pairs)"
    )
    print(
        f"    AUC of gap's what-you-bring: {auc(pos_b, neg_b):.3f} "
        f"({len(pos_b)} vs {len(neg_b)} pairs, every 20th unrelated)"
    )
    print(
        "(c) 80% of Primary-Short pairs have a fit of at least "
        f"{all_short[len(all_short) // 5]:.3f}"
    )
    print(f"all-pairs fit computed in {seconds:.1f} s")
    alone, yours = profile_recall(roles, weights, index, short, rated)
    print(
        f"(d) next --me after me from ROLE: your skills alone {alone:.3f}, with the job {yours:.3f}"
    )


def profile_recall(
    roles: Any, weights: Any, index: Index, short: dict[int, set[int]], rated: list[int]
) -> tuple[float, float]:
    """Top-10 recall of Primary-Short for profiles taken from 150 rated occupations."""
    import random

    def postings(kind: int, keys: Any) -> Any:
        return {k: index.word_postings[k] for k in keys if k in index.word_postings}

    rated_set = set(rated)
    sample = random.Random(5).sample(sorted(a for a in short if a in rated_set), 150)
    found = [0, 0]
    total = 0
    for a in sample:
        have = levels_of(roles[a])
        person = [
            person_fit(have, r, weights).value if p in rated_set else 0.0
            for p, r in enumerate(roles)
        ]
        work = works_from(a, list(index.words[a]), postings, len(roles))
        for n, row in enumerate(
            (person, [your_move_fit(w, p) for w, p in zip(work, person, strict=True)])
        ):
            found[n] += len(short[a] & {t for t, _ in best(row, 10, skip=a)})
        total += len(short[a])
    return found[0] / total, found[1] / total


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties: half)."""
    scored = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum = 0.0
    i = 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie group
        rank_sum += mid * sum(1 for k in range(i, j) if scored[k][1])
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
