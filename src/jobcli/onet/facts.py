"""An occupation's facts beyond its skills: technologies, preparation, pay, outlook, interests.

Pure: the readings in, the role's JSON parts out; what could not be joined goes to
``notes``. Each fact names its source (O*NET release, BLS file and period).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .bls import BlsTable, locate
from .readers import Technology

#: At most this many technologies flagged neither In Demand nor Hot per role (the ones most
#: occupations list first); every In Demand and Hot one is kept.
MAX_OTHER_TECHNOLOGIES = 30


def how_widely(technology: dict[str, dict[str, Technology]]) -> dict[str, int]:
    """example -> how many occupations list it."""
    count: dict[str, int] = {}
    for per_role in technology.values():
        for example in per_role:
            count[example] = count.get(example, 0) + 1
    return count


def role_technologies(
    per_role: dict[str, Technology], widely: dict[str, int]
) -> list[dict[str, Any]]:
    """The role's technologies: In Demand, then Hot, then (at most
    :data:`MAX_OTHER_TECHNOLOGIES`, the most widely listed) the others; each group by name."""
    groups: tuple[list[Technology], list[Technology], list[Technology]] = ([], [], [])
    for tech in per_role.values():
        groups[0 if tech.in_demand else 1 if tech.hot else 2].append(tech)
    others = sorted(groups[2], key=lambda t: (-widely.get(t.example, 0), t.example))
    chosen = [*groups[0], *groups[1], *others[:MAX_OTHER_TECHNOLOGIES]]
    group = {id(t): i for i, g in enumerate(groups) for t in g}
    chosen.sort(key=lambda t: (group[id(t)], t.example.casefold(), t.example))
    return [{"name": t.example, "hot": t.hot, "in_demand": t.in_demand} for t in chosen]


@dataclass
class OccupationFacts:
    """What the preparation, interest and BLS files said; an absent file leaves its part empty."""

    release: str = "O*NET"  # "O*NET 29.3": names the O*NET files in ``preparation.source``
    job_zones: dict[str, int] = field(default_factory=dict)
    zone_names: dict[int, str] = field(default_factory=dict)
    education: dict[str, int] = field(default_factory=dict)
    education_names: dict[int, str] = field(default_factory=dict)
    interests: dict[str, list[str]] = field(default_factory=dict)
    wages: BlsTable | None = None
    projections: BlsTable | None = None


def add_facts(roles: list[dict[str, Any]], facts: OccupationFacts, notes: list[str]) -> None:
    """Give each role (with an ``onet_soc_code``) its preparation, pay, outlook, interests."""
    unplaced: dict[str, list[str]] = {"wages": [], "projections": []}
    grouped = {"wages": [0, 0], "projections": [0, 0]}  # [broad group, "All Other"]
    no_zone_education = hourly = 0
    for role in roles:
        code = role["onet_soc_code"]
        pay = outlook = None
        if facts.wages is not None:
            pay = _pay(code, facts.wages)
            if pay is None and locate(code, facts.wages) is not None:
                hourly += 1
            elif pay is None:
                unplaced["wages"].append(code)
            _count_group(grouped["wages"], code, pay)
        if facts.projections is not None:
            outlook, education = _outlook(code, facts.projections)
            unplaced["projections"] += [] if outlook else [code]
            _count_group(grouped["projections"], code, outlook)
        else:
            education = None
        preparation = _preparation(code, facts, education)
        if preparation is not None:
            role["preparation"] = preparation
            no_zone_education += preparation["job_zone"] is None
        if pay is not None:
            role["pay"] = pay
        if outlook is not None:
            role["outlook"] = outlook
        if facts.interests.get(code):
            role["interests"] = facts.interests[code]
    for key, table in (("wages", facts.wages), ("projections", facts.projections)):
        if table is not None:
            notes.append(_join_note(table, grouped[key], unplaced[key]))
    if hourly:
        notes.append(
            f"{hourly} occupation(s) have no annual pay estimate in the wages file (BLS "
            "publishes only hourly figures for some): imported without pay"
        )
    if no_zone_education:
        notes.append(
            f"{no_zone_education} occupation(s) have a typical education but no Job Zone: "
            "imported with the education and job_zone null"
        )


def _count_group(counts: list[int], code: str, fact: dict[str, Any] | None) -> None:
    if fact is not None and fact["group"]:
        counts[0 if fact["soc"] != code[:7] else 1] += 1


def _pay(code: str, wages: BlsTable) -> dict[str, Any] | None:
    found = locate(code, wages)
    if found is None:
        return None
    row, group = found
    figures = row.figures
    if all(figures[key] is None for key in ("median", "p10", "p90")):
        return None
    return {
        "median": figures["median"],
        "p10": figures["p10"],
        "p90": figures["p90"],
        "top_coded": list(figures["top_coded"]),
        "period": wages.period,
        "soc": row.soc,
        "soc_title": row.title,
        "group": group,
        "source": wages.source,
    }


def _outlook(code: str, projections: BlsTable) -> tuple[dict[str, Any] | None, str | None]:
    """The outlook, and the typical education for entry when the row is the occupation's own."""
    found = locate(code, projections)
    if found is None:
        return None, None
    row, group = found
    figures = row.figures
    outlook = {
        "employment": figures["employment"],
        "change_percent": figures["change_percent"],
        "openings_per_year": figures["openings_per_year"],
        "period": projections.period,
        "soc": row.soc,
        "soc_title": row.title,
        "group": group,
        "source": projections.source,
    }
    return outlook, None if group else figures["education"]


def _preparation(
    code: str, facts: OccupationFacts, bls_education: str | None
) -> dict[str, Any] | None:
    """Job Zone and its name (O*NET); the education typical for entry: BLS's for the
    occupation's own SOC when the projections give it, else O*NET's most common required
    level of education. Either may be unknown (null: O*NET gives no Job Zone for most "All
    Other" occupations); None when both are."""
    zone = facts.job_zones.get(code)
    sources = [f"{facts.release} Job Zones"] if zone is not None else []
    education = None
    if bls_education is not None and facts.projections is not None:
        education = bls_education
        bls = facts.projections.source.removeprefix("U.S. Bureau of Labor Statistics, ")
        sources.append(f"BLS {bls}")
    elif code in facts.education:
        education = facts.education_names.get(facts.education[code])
        if education is not None:
            sources.append(f"{facts.release} Education, Training, and Experience")
    if zone is None and education is None:
        return None
    return {
        "job_zone": zone,
        "name": facts.zone_names.get(zone) if zone is not None else None,
        "education": education,
        "source": "; ".join(sources),
    }


def _join_note(table: BlsTable, grouped: list[int], unplaced: list[str]) -> str:
    shown = ", ".join(unplaced[:5]) + (", ..." if len(unplaced) > 5 else "")
    text = (
        f"{table.source}: {grouped[0]} occupation(s) take their broad SOC group's figures "
        f'(BLS publishes only the group) and {grouped[1]} an "All Other" SOC\'s that they '
        "are one part of; both marked group: true"
    )
    if unplaced:
        text += f"; {len(unplaced)} have no figures there: {shown}"
    return text
