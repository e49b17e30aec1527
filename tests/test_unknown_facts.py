"""Facts a source does not give are shown as unknown, never as 0 or left out silently: an
occupation with BLS's education but no O*NET Job Zone (70 "All Other" ones in 29.3), one
with an outlook but no pay (or the other way round); and the outlook's and a top-coded
pay's figures read for what they are."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from support import invoke, invoke_as, write_json

from jobcli.domain import Role
from jobcli.models import problems_in
from jobcli.views.facts import outlook_lines, pay_lines, preparation_lines

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalog-v2.json"
ZONELESS = "web-administrators"
NO_ZONE = {
    "job_zone": None,
    "name": None,
    "education": "Bachelor's degree",
    "source": "BLS Employment Projections 2024–34",
}


def variant(tmp_path: Path, role_id: str, **changes: Any) -> list[str]:
    """``--data`` for the fixture catalog with ``role_id``'s facts changed (None drops one)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    role = next(r for r in data["roles"] if r["id"] == role_id)
    for key, value in changes.items():
        if value is None:
            role.pop(key, None)
        else:
            role[key] = copy.deepcopy(value)
    return ["--data", str(write_json(tmp_path / "catalog.json", data))]


@pytest.fixture
def zoneless(tmp_path: Path) -> list[str]:
    return variant(tmp_path, ZONELESS, preparation=NO_ZONE)


# the core ----------------------------------------------------------------------------------


def test_a_preparation_without_a_job_zone_is_valid_and_the_zone_still_checked() -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["roles"][2]["preparation"] = NO_ZONE
    assert problems_in(data) == []
    data["roles"][2]["preparation"] = {"education": "Bachelor's degree"}  # absent: unknown too
    assert problems_in(data) == []
    data["roles"][2]["preparation"] = {**NO_ZONE, "job_zone": 0}
    assert [p.location for p in problems_in(data)] == ["roles[2].preparation.job_zone"]


@pytest.mark.parametrize(
    ("preparation", "zone"),
    [(None, None), (NO_ZONE, None), ({"education": "x"}, None), ({"job_zone": 4}, 4)],
)
def test_role_job_zone_is_none_when_unknown(
    preparation: dict[str, Any] | None, zone: int | None
) -> None:
    assert Role("r", "R", "s", (), preparation=preparation).job_zone() == zone


def test_preparation_lines_say_the_job_zone_is_unknown_and_keep_the_education() -> None:
    assert preparation_lines(NO_ZONE) == [
        "Job Zone: unknown",
        "Typical education for entry: Bachelor's degree",
        "Source: BLS Employment Projections 2024–34",
    ]
    assert preparation_lines({"job_zone": 2})[0] == "Job Zone 2"


def test_a_top_coded_figure_says_why_it_is_a_floor() -> None:
    pay = {"median": 206420, "p10": 73710, "p90": 239200, "top_coded": ["p90"], "period": "x"}
    lines = pay_lines(pay)
    assert "10th–90th percentile: $73,710 – at least $239,200" in lines
    assert 'BLS publishes no annual wage above $239,200, hence "at least".' in lines
    assert not any("hence" in line for line in pay_lines({**pay, "top_coded": []}))


def test_outlook_names_the_year_of_employment_and_what_openings_count() -> None:
    outlook = {"employment": 245900, "openings_per_year": 23400, "period": "2024–34"}
    lines = outlook_lines(outlook)
    assert lines[0] == "Employment in 2024: 245,900"
    assert lines[2] == (
        "Openings a year: 23,400 (2024–34 average, from growth and replacing those who leave)"
    )
    bare = outlook_lines({"employment": None, "openings_per_year": None, "period": ""})
    assert bare[0] == "Employment: unknown"
    assert bare[2] == "Openings a year: unknown"


# the commands ------------------------------------------------------------------------------


@pytest.mark.parametrize("drawn", [False, True])
def test_show_says_the_job_zone_is_unknown_never_zero(zoneless: list[str], drawn: bool) -> None:
    args = (*zoneless, "show", ZONELESS)
    r = invoke_as(*args, width=100) if drawn else invoke(*args)
    assert r.exit_code == 0, r.output
    assert "Job Zone: unknown" in r.stdout
    assert "Typical education for entry: Bachelor's degree" in r.stdout
    assert "Job Zone 0" not in r.stdout
    assert "None" not in r.stdout


def test_show_json_gives_job_zone_null(zoneless: list[str]) -> None:
    r = invoke(*zoneless, "show", ZONELESS, "--json")
    assert json.loads(r.stdout)["preparation"] == NO_ZONE


@pytest.mark.parametrize("reverse", [[], ["--reverse"]])
def test_list_by_zone_puts_the_unknown_zone_last(zoneless: list[str], reverse: list[str]) -> None:
    r = invoke(*zoneless, "list", "--sort", "zone", *reverse)
    order = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert order[-2:] == [ZONELESS, "tech-ethicist"]  # the two without a Job Zone
    drawn = invoke_as(*zoneless, "list", "--sort", "zone", width=140).stdout
    line = next(x for x in drawn.splitlines() if ZONELESS in x)
    assert line.rstrip().endswith("-")


def test_next_shows_an_unknown_zone_as_unknown(zoneless: list[str]) -> None:
    r = invoke(*zoneless, "next", "it-managers", "--json")
    moves = {m["role"]: m for m in json.loads(r.stdout)["moves"]}
    assert moves[ZONELESS]["job_zone"] is None
    rows = [
        line.split("\t") for line in invoke(*zoneless, "next", "it-managers").stdout.splitlines()
    ]
    assert next(row for row in rows if row[0] == ZONELESS)[5] == "unknown"
    kept = invoke(*zoneless, "next", "it-managers", "--max-zone", "5", "--json").stdout
    assert ZONELESS not in {m["role"] for m in json.loads(kept)["moves"]}


def test_next_from_a_role_without_a_zone_works(zoneless: list[str]) -> None:
    r = invoke(*zoneless, "next", ZONELESS, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["from"] == ZONELESS


@pytest.mark.parametrize(
    ("drop", "said", "kept"),
    [
        ("pay", "Unknown: no BLS annual pay figures for this occupation.", "Employment in 2024"),
        ("outlook", "Unknown: no BLS projection for this occupation.", "Median: $171,200"),
    ],
)
def test_show_says_which_of_pay_and_outlook_is_unknown(
    tmp_path: Path, drop: str, said: str, kept: str
) -> None:
    data = variant(tmp_path, "it-managers", **{drop: None})
    for r in (invoke(*data, "show", "it-managers"), invoke_as(*data, "show", "it-managers")):
        heading = "Pay (US dollars a year)" if drop == "pay" else "Outlook"
        assert heading in r.stdout
        assert said in r.stdout
        assert kept in r.stdout


def test_show_says_when_neither_pay_nor_outlook_is_known(tmp_path: Path) -> None:
    data = variant(tmp_path, "it-managers", pay=None, outlook=None)
    out = invoke(*data, "show", "it-managers").stdout
    assert "Pay and outlook\nUnknown: no BLS pay or outlook figures for this occupation." in out
