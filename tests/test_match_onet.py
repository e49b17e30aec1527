"""``match`` on the bundled O*NET catalog, as a person changing careers reads it.

O*NET rates no skill of 137 occupations (Data Scientists, Software Developers) and gives
every tool in demand the same importance: the roles a person expects for a few tools
must still come first (``benchmarks/bench_match.py`` prints the whole picture).
"""

from __future__ import annotations

import json
from typing import Any

from support import invoke


def ranked(*words: str) -> list[str]:
    r = invoke("-c", "onet", "match", *words, "--all", "--json")
    assert r.exit_code == 0, r.output
    out: list[dict[str, Any]] = json.loads(r.stdout)
    return [m["role"] for m in out]


def test_python_and_sql_put_data_scientists_among_the_first() -> None:
    roles = ranked("python", "sql")
    assert "data-scientists" in roles[:5], roles[:10]
    assert {"software-developers", "database-administrators"} <= set(roles[:10]), roles[:10]
    # Before: Energy Auditors first (its tools stood above its own low ratings).
    assert "energy-auditors" not in roles[:10]


def test_sql_alone_opens_with_roles_that_work_with_data() -> None:
    roles = ranked("sql")
    assert {"data-scientists", "database-administrators", "database-architects"} <= set(
        roles[:10]
    ), roles[:10]
    assert "energy-auditors" not in roles[:10]


def test_autocad_opens_with_drafters_and_architects() -> None:
    roles = ranked("autocad")
    assert roles[:2] == ["architectural-and-civil-drafters", "mechanical-drafters"], roles[:5]
    assert "architects-except-landscape-and-naval" in roles[:5]


def test_excel_no_longer_opens_with_outdoor_work() -> None:
    roles = ranked("excel")
    assert "payroll-and-timekeeping-clerks" in roles[:5], roles[:5]
    assert "accountants-and-auditors" in roles[:10], roles[:10]
    assert "forest-and-conservation-workers" not in roles[:10]


def test_human_skills_still_rank_by_their_ratings() -> None:
    # Rated skills only: compared with the role's other rated skills, as before.
    assert "mental-health-counselors" in ranked("active listening", "speaking")[:10]
    nurse = ranked("medicine and dentistry", "psychology", "social perceptiveness")
    assert nurse[0] == "psychiatrists"
    assert "registered-nurses" in nurse[:15]
