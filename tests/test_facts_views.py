"""What a person sees of an occupation's facts (catalog schema 2, issue 20): ``list --sort``
by a figure, ``show``'s pay, outlook, preparation, interests, technologies and ratings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import SEVEN_ROLES, invoke, invoke_as

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalog-v2.json"
DATA = ["--data", str(FIXTURE)]
WITH_FIGURES = {"data-scientist", "cybersecurity-expert", "software-engineer", "ux-designer"}


def ids(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


def show(role: str, *args: str) -> str:
    r = invoke(*DATA, "show", role, *args)
    assert r.exit_code == 0, r.output
    return r.stdout


def pay_of(role: str) -> int | None:
    r = invoke("show", role, "--json")
    pay = json.loads(r.stdout)["pay"]
    return pay["median"] if pay else None


# list --sort ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reverse", [False, True])
def test_list_by_pay_orders_by_the_median_with_unknown_last_either_way(reverse: bool) -> None:
    r = invoke("list", "--sort", "pay", *(["--reverse"] if reverse else []))
    order = ids(r.stdout)
    known = [i for i in order if pay_of(i) is not None]
    assert set(known) == WITH_FIGURES
    assert order[: len(known)] == known, "roles without pay come last"
    medians = [pay_of(i) for i in known]
    assert medians == sorted(medians, reverse=not reverse)  # type: ignore[type-var]


def test_list_by_growth_and_zone_on_a_catalog_with_them() -> None:
    growth = ids(invoke(*DATA, "list", "--sort", "growth").stdout)
    assert growth == ["data-scientists", "it-managers", "web-administrators", "tech-ethicist"]
    zone = ids(invoke(*DATA, "list", "--sort", "zone").stdout)
    assert zone == ["web-administrators", "it-managers", "data-scientists", "tech-ethicist"]
    back = ids(invoke(*DATA, "list", "--sort", "zone", "--reverse").stdout)
    assert back == ["data-scientists", "it-managers", "web-administrators", "tech-ethicist"]


def test_list_reverse_reverses_the_catalog_and_title_orders() -> None:
    assert ids(invoke("list", "--reverse").stdout) == SEVEN_ROLES[::-1]
    titles = ids(invoke("list", "--sort", "title").stdout)
    assert ids(invoke("list", "--sort", "title", "--reverse").stdout) == titles[::-1]


@pytest.mark.parametrize("sort", ["catalog", "title", "id", "exposure", "pay", "growth", "zone"])
def test_piped_list_has_the_same_four_fields_whatever_the_sort(sort: str) -> None:
    r = invoke("list", "--sort", sort)
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    assert {len(row) for row in rows} == {4}
    titles = {row[0]: row[1] for row in rows}
    assert titles["data-scientist"] == "Data Scientist"
    header = invoke("list", "--sort", sort, "--format", "tsv").stdout.splitlines()[0]
    assert header.split("\t") == ["id", "title", "summary", "top skills"]


def test_list_json_sorted_by_pay_agrees_with_the_lines() -> None:
    r = invoke("list", "--sort", "pay", "--json")
    assert [role["id"] for role in json.loads(r.stdout)] == ids(
        invoke("list", "--sort", "pay").stdout
    )


def test_a_list_sorted_by_a_figure_shows_it_on_a_terminal_unknown_as_a_dash() -> None:
    r = invoke_as("list", "--sort", "pay", width=140)
    assert "Median pay" in r.stdout
    assert "$133,080" in r.stdout
    line = next(x for x in r.stdout.splitlines() if "tech-policy-expert" in x)
    assert line.rstrip().endswith("-")
    assert "$0" not in r.stdout


# show ---------------------------------------------------------------------------------------


def test_show_gives_pay_with_percentiles_period_and_source() -> None:
    out = invoke("show", "data-scientist").stdout
    assert "Median: $112,590" in out
    assert "10th–90th percentile: $63,650 – $194,410" in out
    assert (
        "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, "
        "May 2024" in out
    )


def test_show_says_a_top_coded_figure_is_a_floor() -> None:
    assert "10th–90th percentile: $104,450 – at least $239,200" in show("it-managers")


def test_show_says_when_a_figure_is_the_broader_groups() -> None:
    out = show("web-administrators")
    assert "Figure for the broader group Computer Occupations, All Other (15-1299)" in out
    assert "Openings a year: unknown" in out
    assert "10th–90th percentile: unknown" in out


def test_show_gives_outlook_with_all_occupations_for_context() -> None:
    out = invoke("show", "software-engineer").stdout
    assert "Employment in 2024: 1,693,800" in out
    assert "Projected change 2024–34: +15.8% (all occupations: +3.1%)" in out
    assert "Openings a year: 115,200" in out


def test_show_gives_preparation_and_interests_strongest_first() -> None:
    out = show("it-managers")
    assert "Job Zone 4: Considerable Preparation Needed" in out
    assert "Typical education for entry: Bachelor's degree" in out
    interests = out.split("Interests (RIASEC, strongest first)\n", 1)[1].splitlines()[0]
    assert interests == "Enterprising, Conventional, Investigative"


def test_show_lists_technologies_in_demand_first_marking_hot_and_skills() -> None:
    section = show("it-managers").split("Technologies\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert lines[0] == "Python (in demand, hot, a skill of this role)"
    assert lines[1] == "Hot across the economy: Microsoft Excel"
    assert lines[2] == "Also used: SAP software"


def test_show_gives_importance_and_level_ordered_by_the_precise_values() -> None:
    out = show("it-managers")
    rows = [line.split("\t") for line in out.splitlines() if line.startswith("human\t")]
    # Both rated 4; Critical Thinking 4.38 before Active Listening 4.12.
    assert [r[1] for r in rows] == ["critical-thinking", "active-listening"]
    assert rows[1][4] == "importance 4.1, level 4.6/7"
    drawn = invoke_as(*DATA, "show", "it-managers", width=100).stdout
    assert "importance 4.1, level 4.6/7" in drawn
    assert drawn.index("Critical Thinking") < drawn.index("Active Listening")


@pytest.mark.parametrize("piped", [True, False])
def test_show_says_when_onet_rates_no_skills(piped: bool) -> None:
    args = (*DATA, "show", "data-scientists")
    out = invoke(*args).stdout if piped else invoke_as(*args, width=100).stdout
    assert "O*NET rates no skills for this occupation." in out


def test_roles_without_an_occupation_say_no_bls_occupation_matches() -> None:
    for role in ("ethical-ai-specialist", "ai-trainer-explainer", "tech-policy-expert"):
        out = invoke("show", role).stdout
        assert "No BLS occupation matches this role" in out, role
        assert "Median" not in out
    drawn = invoke_as("show", "tech-policy-expert", width=100).stdout
    assert "No BLS occupation matches this role" in drawn


def test_show_markdown_carries_the_facts() -> None:
    # What a Markdown renderer shows: backslash escapes undone.
    out = re.sub(r"\\(.)", r"\1", invoke("show", "ux-designer", "--format", "markdown").stdout)
    assert "## Pay (US dollars a year)" in out
    assert "- Median: $98,090" in out
    assert "## Preparation" in out


def test_unknown_is_never_shown_as_zero() -> None:
    out = show("web-administrators")
    assert "$0" not in out
    assert "Openings a year: 0" not in out


# match, compare, gap ----------------------------------------------------------------------------


def test_match_json_carries_job_zone_pay_and_exposure_null_when_unknown() -> None:
    r = invoke(*DATA, "match", "python", "critical thinking", "--json")
    assert r.exit_code == 0, r.output
    by_id = {m["role"]: m for m in json.loads(r.stdout)}
    managers = by_id["it-managers"]
    assert (managers["job_zone"], managers["pay_median"], managers["ai_exposure"]) == (
        4,
        171200,
        0.4,
    )
    ethicist = by_id["tech-ethicist"]
    assert (ethicist["job_zone"], ethicist["pay_median"], ethicist["ai_exposure"]) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_match_records_carry_the_exposure_the_table_shows(fmt: str) -> None:
    import csv

    r = invoke("match", "programming", "statistics", "--format", fmt)
    lines = list(csv.reader(r.stdout.splitlines(), delimiter="," if fmt == "csv" else "\t"))
    assert lines[0][-1] == "AI exposure (β, human raters; not replacement)"
    last = {row[1]: row[-1] for row in lines[1:]}
    assert last["data-scientist"] == "0.59"
    assert last["ai-trainer-explainer"] == "-"


def test_piped_match_without_a_header_leaves_the_bare_exposure_out() -> None:
    rows = [line.split("\t") for line in invoke("match", "programming").stdout.splitlines()]
    assert {len(row) for row in rows} == {7}
    assert "0.59" not in invoke("match", "programming").stdout


def test_coverage_counts_skills_not_technologies() -> None:
    # it-managers lists three technologies; only Python (in demand) is one of its 4 skills.
    r = invoke(*DATA, "match", "python", "--json")
    managers = next(m for m in json.loads(r.stdout) if m["role"] == "it-managers")
    assert len(managers["have"]) + len(managers["missing"]) == 4
    gap = json.loads(invoke(*DATA, "gap", "data-scientists", "it-managers", "--json").stdout)
    names = {s["name"] for s in gap["transferable"] + gap["to_learn"]}
    assert "Microsoft Excel" not in names
    assert "SAP software" not in names


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "data-scientists", "it-managers"],
        ["gap", "it-managers", "data-scientists"],
        ["match", "python"],
    ],
)
@pytest.mark.parametrize("drawn", [False, True])
def test_a_comparison_resting_on_an_unrated_role_says_so(args: list[str], drawn: bool) -> None:
    if drawn:
        out = invoke_as(*DATA, *args, width=200).stdout
    else:
        out = invoke(*DATA, *args, *(["--format", "markdown"] if args[0] == "match" else [])).stdout
        out = re.sub(r"\\(.)", r"\1", out)  # Markdown's escapes, as a renderer reads them
    assert "O*NET rates no skills for Data Scientists" in " ".join(out.split())


def test_no_note_when_every_role_is_rated() -> None:
    out = invoke(*DATA, "compare", "it-managers", "web-administrators").stdout
    assert "rates no skills" not in out
