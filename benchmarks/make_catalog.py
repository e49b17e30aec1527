"""Write a synthetic, valid jobcli catalog of N roles in O*NET's shape.

O*NET's shape: one vocabulary of O*NET's 35 skills; each role names the
skills it needs (here 8 to 25 of them, importance 1-5), up to 8 aliases, a
description-length summary, an O*NET-SOC code, two AI-exposure ratings and
up to 10 related roles, as ``jobcli import onet`` produces. The content is
random but deterministic (seeded), and every name is unique as the contract
requires, so ``jobcli validate`` accepts the file.

    python benchmarks/make_catalog.py 2000 /tmp/roles-2000.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from jobcli.onet.skills import ONET_SKILLS, slugify

# Words to build titles from, and clauses to build summaries from.
_WORDS_TEXT = (
    "data systems network cloud security platform product research quality field "
    "clinical financial legal design learning robotics energy supply retail media "
    "marine aerospace civil chemical biomedical logistics audit compliance training"
)
_JOBS_TEXT = (
    "analyst engineer specialist technician scientist manager architect designer "
    "coordinator consultant developer administrator planner inspector strategist"
)
_FILLER_TEXT = (
    "Plans, directs and reviews the work of a team; gathers requirements from the people "
    "who use the results; documents decisions; checks quality against standards; explains "
    "findings to colleagues and clients; keeps up with tools and regulations of the field"
)
_WORDS = _WORDS_TEXT.split()
_JOBS = _JOBS_TEXT.split()
_FILLER = _FILLER_TEXT.split("; ")


def role_title(i: int) -> str:
    """A title unique by its number (names must never collide across roles)."""
    rng = random.Random(i)
    return f"{rng.choice(_WORDS).title()} {rng.choice(_JOBS).title()} {i:05d}"


def make_catalog(n_roles: int, seed: int = 7) -> dict[str, Any]:
    """A valid catalog of ``n_roles`` roles over O*NET's 35 skills."""
    rng = random.Random(seed)
    skills = [
        {
            "id": slugify(name),
            "name": name,
            "kind": kind,
            "description": f"O*NET element {element}: {name.lower()}.",
            "aliases": [],
        }
        for element, name, kind in ONET_SKILLS
    ]
    skill_ids = [s["id"] for s in skills]
    ids = [slugify(role_title(i)) for i in range(n_roles)]
    roles = []
    for i in range(n_roles):
        title = role_title(i)
        picked = rng.sample(skill_ids, rng.randint(8, 25))
        others = [j for j in rng.sample(range(n_roles), min(n_roles, 11)) if j != i][:10]
        roles.append(
            {
                "id": ids[i],
                "title": title,
                "aliases": [f"{title} alias {k}" for k in range(rng.randint(0, 8))],
                "summary": " ".join(rng.sample(_FILLER, 4)) + ".",
                "responsibilities": rng.sample(_FILLER, rng.randint(0, 4)),
                "skills": [{"id": s, "importance": rng.randint(1, 5)} for s in picked],
                "human_edge": [],
                # Unique codes: a code is one of a role's names.
                "onet_soc_code": f"{11 + i // 10000:02d}-{i % 10000:04d}.00",
                "ai_exposure": [
                    {
                        "measure": "GPT exposure β, human raters",
                        "value": round(rng.random(), 4),
                        "source": "synthetic",
                    },
                    {
                        "measure": "GPT exposure β, GPT-4 raters",
                        "value": round(rng.random(), 4),
                        "source": "synthetic",
                    },
                ],
                "related": [ids[j] for j in others],
            }
        )
    return {
        "schema_version": 1,
        "source": f"Synthetic catalog of {n_roles} roles for benchmarks (seed {seed}).",
        "skills": skills,
        "roles": roles,
    }


def write_catalog(n_roles: int, path: Path, seed: int = 7) -> Path:
    """Write the catalog of ``n_roles`` roles to ``path`` (indented, as people write them)."""
    path.write_text(
        json.dumps(make_catalog(n_roles, seed), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roles", type=int, help="how many roles")
    parser.add_argument("output", type=Path, help="file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    write_catalog(args.roles, args.output, args.seed)
    print(f"{args.output}: {args.roles} roles, {args.output.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
