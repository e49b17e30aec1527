"""The facts ``show`` gives of an occupation (catalog schema 2), as plain sections: pay,
outlook, preparation, interests, technologies, and the skills' precise ratings.

No Rich here: the terminal drawing (:mod:`.terminal`) prints the same lines. Every figure
comes with its period and source as the catalog gives them; an unknown one says so, never 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..domain import Catalog, Role, RoleSkill, Technology
from .model import Section

UNRATED = "O*NET rates no skills for this occupation."
NO_BLS_OCCUPATION = "No BLS occupation matches this role, so no pay or outlook figures."
NO_BLS_FIGURES = "Unknown: no BLS pay or outlook figures for this occupation."
NO_BLS_PAY = "Unknown: no BLS annual pay figures for this occupation."
NO_BLS_OUTLOOK = "Unknown: no BLS projection for this occupation."
UNKNOWN = "unknown"
#: The projected change of all occupations in Employment Projections 2024–34 (facts.md).
ALL_OCCUPATIONS_CHANGE = {"2024–34": 3.1}
TECHNOLOGY_NOTE = (
    "In demand: often named in job postings for this occupation. Hot: often named in job "
    "postings across the whole economy (says nothing more about this occupation)."
)


def unrated_note(role: Role) -> str:
    """The note a comparison resting on ``role``'s skills carries when O*NET rates none."""
    return (
        f"O*NET rates no skills for {role.title}: only its in-demand technologies count as "
        "its skills here."
    )


def rating_text(s: RoleSkill) -> str:
    """``importance 4.1, level 4.6/7`` where the source rates the skill, else ""."""
    if s.rated is None:
        return ""
    level = f", level {s.level:.1f}/7" if s.level is not None else ", level unknown"
    return f"importance {s.rated:.1f}{level}"


def _dollars(pay: Mapping[str, Any], key: str) -> str:
    value = pay.get(key)
    if value is None:
        return UNKNOWN
    text = f"${value:,}"
    return f"at least {text}" if key in (pay.get("top_coded") or ()) else text


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else UNKNOWN


def _source(facts: Mapping[str, Any]) -> str:
    source = str(facts.get("source") or UNKNOWN)
    period = str(facts.get("period") or "")
    return f"Source: {source}" + (f" ({period})" if period and period not in source else "")


def _group(facts: Mapping[str, Any]) -> list[str]:
    if not facts.get("group"):
        return []
    title = facts.get("soc_title") or "its SOC group"
    code = f" ({facts['soc']})" if facts.get("soc") else ""
    return [f"Figure for the broader group {title}{code}, not for this occupation alone."]


def pay_lines(pay: Mapping[str, Any]) -> list[str]:
    """Median, 10th-90th percentile, what a top-coded figure means, the group they belong
    to, period and source."""
    low, high = _dollars(pay, "p10"), _dollars(pay, "p90")
    spread = UNKNOWN if low == high == UNKNOWN else f"{low} – {high}"
    return [
        f"Median: {_dollars(pay, 'median')}",
        f"10th–90th percentile: {spread}",
        *_top_code(pay),
        *_group(pay),
        _source(pay),
    ]


def _top_code(pay: Mapping[str, Any]) -> list[str]:
    """Why a figure reads "at least": BLS publishes no wage above its top code."""
    capped = [int(pay[key]) for key in pay.get("top_coded") or () if pay.get(key) is not None]
    if not capped:
        return []
    return [f'BLS publishes no annual wage above ${max(capped):,}, hence "at least".']


def outlook_lines(outlook: Mapping[str, Any]) -> list[str]:
    """Employment in the first year, its projected change (with all occupations' for
    context), openings a year (from growth and from replacing those who leave)."""
    period = str(outlook.get("period") or "")
    change = outlook.get("change_percent")
    changed = f"{change:+.1f}%" if change is not None else UNKNOWN
    if change is not None and period in ALL_OCCUPATIONS_CHANGE:
        changed += f" (all occupations: {ALL_OCCUPATIONS_CHANGE[period]:+.1f}%)"
    first = re.match(r"[0-9]{4}\b", period)
    return [
        f"Employment{' in ' + first[0] if first else ''}: {_count(outlook.get('employment'))}",
        f"Projected change{' ' + period if period else ''}: {changed}",
        f"Openings a year: {_openings(outlook.get('openings_per_year'), period)}",
        *_group(outlook),
        _source(outlook),
    ]


def _openings(value: int | None, period: str) -> str:
    if value is None:
        return UNKNOWN
    average = f"{period} average, " if period else ""
    return f"{value:,} ({average}from growth and replacing those who leave)"


def preparation_lines(preparation: Mapping[str, Any]) -> list[str]:
    """The Job Zone and its name ("unknown" when the source gives none: O*NET has no Job
    Zone for most "All Other" occupations), the education for entry, the source."""
    zone = preparation.get("job_zone")
    if zone is None:
        heading = f"Job Zone: {UNKNOWN}"
    else:
        heading = f"Job Zone {zone}"
        if preparation.get("name"):
            heading += f": {preparation['name']}"
    lines = [heading, f"Typical education for entry: {preparation.get('education') or UNKNOWN}"]
    if preparation.get("source"):
        lines.append(f"Source: {preparation['source']}")
    return lines


def technologies_in_order(role: Role) -> list[Technology]:
    """In demand first, then hot, then the others; the catalog's order within each."""
    return sorted(role.technologies, key=lambda t: (not t.in_demand, not t.hot))


def technology_lines(catalog: Catalog, role: Role) -> list[str]:
    """The tools in demand one a line (marked hot, and a skill of the role); the hot ones,
    then the others, each as one line of names: a nurse's 43 tools in two lines."""
    skills = {
        catalog.skill_by_id[s.id].name.casefold()
        for s in role.skills
        if s.id in catalog.skill_by_id
    }
    lines = []
    hot: list[str] = []
    other: list[str] = []
    for t in technologies_in_order(role):
        if not t.in_demand:
            (hot if t.hot else other).append(t.name)
            continue
        marks = ["in demand", *(["hot"] if t.hot else [])]
        if t.name.casefold() in skills:
            marks.append("a skill of this role")
        lines.append(f"{t.name} ({', '.join(marks)})")
    if hot:
        lines.append("Hot across the economy: " + ", ".join(hot))
    if other:
        lines.append(("Also used: " if lines else "Used: ") + ", ".join(other))
    return lines


def key_fact_sections(role: Role) -> list[Section]:
    """Pay, outlook, preparation and interests: what a person asks first, shown first."""
    sections: list[Section] = []
    if role.pay is None and role.outlook is None and not role.onet_soc_code:
        sections.append(Section("Pay and outlook", [NO_BLS_OCCUPATION]))
    else:
        if role.pay is None and role.outlook is None:
            sections.append(Section("Pay and outlook", [NO_BLS_FIGURES]))
        else:
            pay = pay_lines(role.pay) if role.pay is not None else [NO_BLS_PAY]
            sections.append(Section("Pay (US dollars a year)", pay))
            outlook = outlook_lines(role.outlook) if role.outlook is not None else [NO_BLS_OUTLOOK]
            sections.append(Section("Outlook", outlook))
    if role.preparation is not None:
        sections.append(Section("Preparation", preparation_lines(role.preparation)))
    if role.interests:
        shown = ", ".join(role.interests)
        sections.append(Section("Interests (RIASEC, strongest first)", [shown]))
    return sections


def technology_sections(catalog: Catalog, role: Role) -> list[Section]:
    """The role's tools, shown after its skills."""
    if not role.technologies:
        return []
    return [Section("Technologies", [*technology_lines(catalog, role), TECHNOLOGY_NOTE])]
