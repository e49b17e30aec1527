"""The importer's facts beyond skills: preparation, interests (O*NET 29.x files), pay and
outlook (BLS Excel files), the 29.3 layout, and the gzip output."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

import pytest
from bls_support import ep_row, oews_row, write_oews, write_projections, write_xlsx
from onet_support import DS, ISA, SWD, assert_valid, make_release, role, write_tsv
from support import invoke

from jobcli.onet import import_onet, write_catalog
from jobcli.onet.bls import read_projections, read_wages, title_case
from jobcli.onet.facts import OccupationFacts, add_facts
from jobcli.onet.occupation_files import education_name

pytest.importorskip("python_calamine")

ALL_OTHER = "15-1299.05"
BUYER = "13-1021.00"
OCCUPATIONS = [
    (DS, "Data Scientists", "Turn data into insight."),
    (ISA, "Information Security Analysts", "Protect systems."),
    (SWD, "Software Developers", "Build software."),
    (ALL_OTHER, "Information Security Engineers", "Engineer security."),
    (BUYER, "Buyers and Purchasing Agents, Farm Products", "Buy farm products."),
]
TITLE_OF = {code: title for code, title, _ in OCCUPATIONS}

# The 29.3 layout: Title and Scale Name columns, numbers written 4.0, blank cells.
SKILLS_29_3 = (
    "O*NET-SOC Code",
    "Title",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Scale Name",
    "Data Value",
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
)
ZONES = ("O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source")
ZONE_REFERENCE = ("Job Zone", "Name", "Experience", "Education")
INTERESTS = (
    "O*NET-SOC Code",
    "Title",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Scale Name",
    "Data Value",
    "Date",
    "Domain Source",
)
ETE = (
    "O*NET-SOC Code",
    "Title",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Scale Name",
    "Category",
    "Data Value",
    "N",
    "Recommend Suppress",
    "Date",
    "Domain Source",
)
ETE_CATEGORIES = (
    "Element ID",
    "Element Name",
    "Scale ID",
    "Scale Name",
    "Category",
    "Category Description",
)


def _high_points(code: str, first: str, second: str, third: str) -> list[tuple[str, ...]]:
    rows = []
    for (element, name), value in zip(
        (
            ("1.B.1.g", "First Interest High-Point"),
            ("1.B.1.h", "Second Interest High-Point"),
            ("1.B.1.i", "Third Interest High-Point"),
        ),
        (first, second, third),
        strict=True,
    ):
        rows.append(
            (code, TITLE_OF[code], element, name, "IH", "High-Point", value, "11/2023", "ML")
        )
    rows.append((code, TITLE_OF[code], "1.B.1.a", "Realistic", "OI", "Interests", "6.5", "", "ML"))
    return rows


def _education(code: str, shares: dict[int, str]) -> list[tuple[str, ...]]:
    head = (code, TITLE_OF[code], "2.D.1", "Required Level of Education", "RL", "RL")
    return [
        (*head, str(cat), share, "28", "N", "08/2023", "Incumbent") for cat, share in shares.items()
    ]


def release_29_3(root: Path, *, read_me: bool = True) -> Path:
    """A small release in the 29.3 layout with every file the importer reads."""
    directory = make_release(root, occupations=OCCUPATIONS, skills=None, name="onet-29.3")
    common = ("8", "0.1", "", "", "", "08/2023", "Analyst")
    head = (DS, "Data Scientists", "2.A.2.a", "Critical Thinking")
    write_tsv(
        directory / "Skills.txt",
        SKILLS_29_3,
        [
            (*head, "IM", "Importance", "4.0", *common[:5], "", *common[5:]),
            (*head, "LV", "Level", "5", *common[:5], "N", *common[5:]),
        ],
    )
    write_tsv(
        directory / "Job Zones.txt",
        ZONES,
        [(DS, "Data Scientists", "4.0", "08/2023", "Analyst"), (ISA, TITLE_OF[ISA], "4", "", "")],
    )
    write_tsv(
        directory / "Job Zone Reference.txt",
        ZONE_REFERENCE,
        [
            ("4", "Job Zone Four: Considerable Preparation Needed", "x", "y"),
            ("5", "Job Zone Five: Extensive Preparation Needed", "x", "y"),
        ],
    )
    write_tsv(
        directory / "Interests.txt",
        INTERESTS,
        [*_high_points(DS, "2.0", "6.0", "0.0"), *_high_points(ISA, "6", "2", "1")],
    )
    write_tsv(
        directory / "Education, Training, and Experience.txt",
        ETE,
        [
            *_education(DS, {6: "40.5", 8: "40.5", 11: "19"}),  # a tie: the lower one
            *_education(ISA, {2: "n/a", 5: "", 6: "70"}),
        ],
    )
    write_tsv(
        directory / "Education, Training, and Experience Categories.txt",
        ETE_CATEGORIES,
        [
            ("2.D.1", "Required Level of Education", "RL", "RL", "6", "Bachelor's Degree"),
            ("2.D.1", "Required Level of Education", "RL", "RL", "8", "Master's Degree"),
            ("2.D.1", "Required Level of Education", "RL", "RL", "2", "High School Diploma - or"),
            ("2.D.1", "Related Work Experience", "RW", "RW", "6", "Over 1 year"),
        ],
    )
    if read_me:
        (directory / "Read Me.txt").write_text("O*NET 29.3 Database\nMay 2025 Release\n")
    return directory


def wages(path: Path) -> Path:
    return write_oews(
        path,
        [
            ("99", "00-0000", "All Occupations", "total", 1.0, 1.0, 1, 1, 1, 1, 1),
            oews_row("15-2051", "Data Scientists", "detailed", 63650, 112590, 194410),
            oews_row("15-1212", "Information Security Analysts", "detailed", 69660, "#", "#"),
            oews_row("15-1299", "Computer Occupations, All Other", "detailed", "*", 108970, "*"),
            oews_row("13-1020", "Buyers and Purchasing Agents", "broad", 46460, 75650, 127520),
        ],
    )


def projections(path: Path) -> Path:
    return write_projections(
        path,
        [
            ep_row("00-0000", "Total, all occupations", "Summary", 169956.1, 3.1, 18863.3, "—"),
            ep_row(
                "15-2051", "Data scientists", "Line item", 245.9, 33.5, 23.4, "Bachelor's degree"
            ),
            ep_row(
                "15-1299", "Computer occupations, all other", "Line item", 472.0, 8.2, 31.3, "X"
            ),
            ep_row("13-1020", "Buyers and purchasing agents", "Summary", 522.2, 5.8, 52.2, "—"),
        ],
    )


@pytest.fixture
def imported(tmp_path: Path) -> tuple[dict[str, Any], Any]:
    return import_onet(
        release_29_3(tmp_path),
        wages=wages(tmp_path / "oews.xlsx"),
        projections=projections(tmp_path / "ep.xlsx"),
    )


def test_the_29_3_layout_reads_with_levels(imported: tuple[dict[str, Any], Any]) -> None:
    catalog, report = imported
    assert_valid(catalog)
    assert "Interests.txt" in report.files_read
    assert {"Job Zones.txt", "Job Zone Reference.txt"} <= set(report.files_read)
    assert role(catalog, DS)["skills"] == [
        {"id": "critical-thinking", "importance": 4, "rating": {"importance": 4.0, "level": 5.0}}
    ]
    assert role(catalog, ISA)["skills_rated"] is False


def test_release_read_from_read_me(imported: tuple[dict[str, Any], Any]) -> None:
    catalog, report = imported
    assert report.release == "29.3"
    assert "O*NET 29.3 Database by the U.S. Department of Labor" in catalog["source"]


def test_job_zone_with_its_name_and_bls_education_first(
    imported: tuple[dict[str, Any], Any],
) -> None:
    catalog, _ = imported
    assert role(catalog, DS)["preparation"] == {
        "job_zone": 4,
        "name": "Considerable Preparation Needed",
        "education": "Bachelor's degree",
        "source": "O*NET 29.3 Job Zones; BLS Employment Projections 2024–34",
    }
    # No BLS row of its own: O*NET's most common required level (blank and n/a skipped).
    assert role(catalog, ISA)["preparation"] == {
        "job_zone": 4,
        "name": "Considerable Preparation Needed",
        "education": "Bachelor's degree",  # O*NET's "Bachelor's Degree", as BLS writes it
        "source": "O*NET 29.3 Job Zones; O*NET 29.3 Education, Training, and Experience",
    }
    assert "preparation" not in role(catalog, SWD)  # neither a Job Zone nor an education


def test_no_job_zone_keeps_the_bls_education_with_the_zone_null(tmp_path: Path) -> None:
    rows = [
        ep_row(
            "15-1252", "Software developers", "Line item", 1693.8, 15.8, 115.2, "Bachelor's degree"
        )
    ]
    catalog, report = import_onet(
        release_29_3(tmp_path), projections=write_projections(tmp_path / "ep.xlsx", rows)
    )
    assert_valid(catalog)
    assert role(catalog, SWD)["preparation"] == {
        "job_zone": None,
        "name": None,
        "education": "Bachelor's degree",
        "source": "BLS Employment Projections 2024–34",
    }
    assert any(
        n.startswith("1 occupation(s) have a typical education but no Job Zone")
        for n in report.notes
    )


def test_no_job_zone_keeps_onets_education_too() -> None:
    facts = OccupationFacts(
        release="O*NET 29.3", education={SWD: 6}, education_names={6: "Bachelor's degree"}
    )
    roles: list[dict[str, Any]] = [{"onet_soc_code": SWD}, {"onet_soc_code": DS}]
    add_facts(roles, facts, [])
    assert roles[0]["preparation"] == {
        "job_zone": None,
        "name": None,
        "education": "Bachelor's degree",
        "source": "O*NET 29.3 Education, Training, and Experience",
    }
    assert "preparation" not in roles[1]


@pytest.mark.parametrize(
    ("description", "name"),
    [
        ("Bachelor's Degree", "Bachelor's degree"),
        (
            "Associate's Degree (or other 2-year degree)",
            "Associate's degree (or other 2-year degree)",
        ),
        ("Post-Doctoral Training", "Post-doctoral training"),
        (
            "High School Diploma - or the equivalent (for example, GED)",
            "High school diploma or the equivalent",
        ),
        (
            "Post-Secondary Certificate - awarded for training completed after high school",
            "Post-secondary certificate",
        ),
        ("GED Or Equivalent", "GED or equivalent"),
    ],
)
def test_onet_education_names_read_in_the_case_bls_writes(description: str, name: str) -> None:
    assert education_name(description) == name


@pytest.mark.parametrize(
    ("title", "cased"),
    [
        ("Data scientists", "Data Scientists"),
        ("Computer occupations, all other", "Computer Occupations, All Other"),
        (
            "Door-to-door sales workers, news and street vendors, and related workers",
            "Door-to-Door Sales Workers, News and Street Vendors, and Related Workers",
        ),
        (
            "First-line supervisors of transportation workers",
            "First-Line Supervisors of Transportation Workers",
        ),
        (
            "Adult basic education, and english as a second language instructors",
            "Adult Basic Education, and English as a Second Language Instructors",
        ),
    ],
)
def test_projections_titles_read_in_title_case(title: str, cased: str) -> None:
    assert title_case(title) == cased


def test_onet_education_tie_takes_the_lower_level(tmp_path: Path) -> None:
    catalog, _ = import_onet(release_29_3(tmp_path))
    assert role(catalog, DS)["preparation"]["education"] == "Bachelor's degree"


def test_interests_are_the_high_points_in_order_zero_is_none(
    imported: tuple[dict[str, Any], Any],
) -> None:
    catalog, _ = imported
    assert role(catalog, DS)["interests"] == ["Investigative", "Conventional"]
    assert role(catalog, ISA)["interests"] == ["Conventional", "Investigative", "Realistic"]
    assert "interests" not in role(catalog, SWD)


def test_pay_of_the_occupations_own_soc(imported: tuple[dict[str, Any], Any]) -> None:
    catalog, _ = imported
    assert role(catalog, DS)["pay"] == {
        "median": 112590,
        "p10": 63650,
        "p90": 194410,
        "top_coded": [],
        "period": "May 2024",
        "soc": "15-2051",
        "soc_title": "Data Scientists",
        "group": False,
        "source": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage "
        "Statistics, May 2024",
    }


def test_top_coded_pay_is_the_floor_and_says_so(imported: tuple[dict[str, Any], Any]) -> None:
    pay = role(imported[0], ISA)["pay"]
    assert (pay["median"], pay["p90"], pay["top_coded"]) == (239200, 239200, ["median", "p90"])
    assert pay["p10"] == 69660


def test_no_estimate_is_null_and_all_other_is_a_group(
    imported: tuple[dict[str, Any], Any],
) -> None:
    pay = role(imported[0], ALL_OTHER)["pay"]
    assert (pay["p10"], pay["median"], pay["p90"]) == (None, 108970, None)
    assert (pay["soc"], pay["soc_title"], pay["group"]) == (
        "15-1299",
        "Computer Occupations, All Other",
        True,
    )


def test_a_soc_published_only_as_a_broad_group_takes_the_groups_figures(
    imported: tuple[dict[str, Any], Any],
) -> None:
    catalog, report = imported
    pay, outlook = role(catalog, BUYER)["pay"], role(catalog, BUYER)["outlook"]
    assert (pay["soc"], pay["median"], pay["group"]) == ("13-1020", 75650, True)
    assert (outlook["soc"], outlook["employment"], outlook["group"]) == ("13-1020", 522200, True)
    # Its education is not taken from a group's row.
    assert "BLS" not in role(catalog, BUYER).get("preparation", {}).get("source", "")
    # Neither its own SOC nor its broad group: no figures, never a guess; the notes count.
    assert "pay" not in role(catalog, SWD)
    assert "outlook" not in role(catalog, ISA)
    wage_note = next(
        n for n in report.notes if n.startswith("U.S. Bureau of Labor Statistics, Occ")
    )
    assert "1 occupation(s) take their broad SOC group's figures" in wage_note
    assert 'and 1 an "All Other" SOC' in wage_note
    assert "1 have no figures there: 15-1252.00" in wage_note


def test_outlook_in_people_not_thousands(imported: tuple[dict[str, Any], Any]) -> None:
    assert role(imported[0], DS)["outlook"] == {
        "employment": 245900,
        "change_percent": 33.5,
        "openings_per_year": 23400,
        "period": "2024–34",
        "soc": "15-2051",
        "soc_title": "Data Scientists",  # EP's "Data scientists", as OEWS writes it
        "group": False,
        "source": "U.S. Bureau of Labor Statistics, Employment Projections 2024–34",
    }


def test_the_credit_names_every_source(imported: tuple[dict[str, Any], Any]) -> None:
    source = imported[0]["source"]
    assert (
        "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2024"
        in source
    )
    assert "U.S. Bureau of Labor Statistics, Employment Projections 2024–34" in source
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications." in source


def test_the_cli_joins_both_files(tmp_path: Path) -> None:
    out = tmp_path / "onet.json"
    r = invoke(
        "import",
        "onet",
        str(release_29_3(tmp_path)),
        "--wages",
        str(wages(tmp_path / "w.xlsx")),
        "--projections",
        str(projections(tmp_path / "p.xlsx")),
        "-o",
        str(out),
    )
    assert r.exit_code == 0, r.output
    assert "take their broad SOC group's figures" in r.stderr
    assert invoke("validate", str(out)).exit_code == 0


def test_without_the_excel_reader_the_import_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    out = tmp_path / "onet.json"
    r = invoke(
        "import",
        "onet",
        str(release_29_3(tmp_path)),
        "--wages",
        str(wages(tmp_path / "w.xlsx")),
        "-o",
        str(out),
    )
    assert r.exit_code == 3
    assert "pip install 'jobcli[import]'" in r.stderr
    assert "Traceback" not in r.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"not a zip at all", "cannot read it as an Excel file"),
        (None, "no sheet 'national_MYYYY_dl'"),
    ],
)
def test_a_bad_wages_file_is_one_line_exit_3(
    tmp_path: Path, content: bytes | None, said: str
) -> None:
    bad = tmp_path / "bad.xlsx"
    if content is None:
        write_xlsx(bad, {"Sheet1": [("a",)]})
    else:
        bad.write_bytes(content)
    r = invoke(
        "import",
        "onet",
        str(release_29_3(tmp_path)),
        "--wages",
        str(bad),
        "-o",
        str(tmp_path / "o.json"),
    )
    assert r.exit_code == 3
    assert said in r.stderr
    assert "Traceback" not in r.output


def test_projections_without_a_header_column_name_it(tmp_path: Path) -> None:
    bad = write_xlsx(
        tmp_path / "ep.xlsx",
        {
            "Table 1.2": [
                ("Table 1.2 2024–2034 (in thousands)",),
                ("2024 National Employment Matrix code",),
            ]
        },
    )
    r = invoke(
        "import",
        "onet",
        str(release_29_3(tmp_path)),
        "--projections",
        str(bad),
        "-o",
        str(tmp_path / "o.json"),
    )
    assert r.exit_code == 3
    assert "the header has no column like" in r.stderr


def test_gz_output_is_deterministic_gzip_of_the_catalog(
    tmp_path: Path, imported: tuple[dict[str, Any], Any]
) -> None:
    catalog, _ = imported
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write_catalog(catalog, first)
    write_catalog(catalog, second)
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    assert data[4:8] == b"\0\0\0\0"  # mtime 0
    assert data[3] & 0x08 == 0  # no file name
    import json

    assert json.loads(gzip.decompress(data)) == catalog


# --------------------------------------------------------------------------- real data

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ONET_29_3 = SHARED_DATA / "onet-29.3"
BLS = SHARED_DATA / "bls"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "onet.json.gz"
needs_shared = pytest.mark.skipif(
    not (ONET_29_3.is_dir() and BLS.is_dir()), reason="../shared/data is not beside the repo"
)


def build_bundled() -> dict[str, Any]:
    """The bundled catalog as its documented command builds it (README, docs/onet.md)."""
    catalog, _ = import_onet(
        ONET_29_3,
        wages=BLS / "national_M2024_dl.xlsx",
        projections=BLS / "ep_2024_34_occupation.xlsx",
        exposure=SHARED_DATA / "gpts-are-gpts" / "occ_level.csv",
    )
    return catalog


@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    return build_bundled()


def by_code(catalog: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in catalog["roles"] if r["onet_soc_code"] == code)


# facts.md, "US Bureau of Labor Statistics": checked figures.
CHECKED = [
    ("15-2051.00", 112590, 63650, 194410, 245900, 33.5, 23400),
    ("15-1212.00", 124910, 69660, 186420, 182800, 28.5, 16000),
    ("15-1252.00", 133080, 79850, 211450, 1693800, 15.8, 115200),
    ("15-1255.00", 98090, 47840, 192180, 128900, 7.0, 9100),
    ("29-1141.00", 93600, 66030, 135320, 3391000, 4.9, 189100),
]


@needs_shared
@pytest.mark.parametrize(("code", "median", "p10", "p90", "jobs", "change", "openings"), CHECKED)
def test_real_pay_and_outlook_are_the_checked_figures(
    real: dict[str, Any],
    code: str,
    median: int,
    p10: int,
    p90: int,
    jobs: int,
    change: float,
    openings: int,
) -> None:
    role_ = by_code(real, code)
    pay, outlook = role_["pay"], role_["outlook"]
    assert (pay["median"], pay["p10"], pay["p90"], pay["group"]) == (median, p10, p90, False)
    assert (outlook["employment"], outlook["change_percent"]) == (jobs, change)
    assert outlook["openings_per_year"] == openings
    assert role_["preparation"]["education"] == "Bachelor's degree"


@needs_shared
def test_real_registered_nurses(real: dict[str, Any]) -> None:
    nurse = by_code(real, "29-1141.00")
    assert nurse["preparation"]["job_zone"] == 4
    assert nurse["interests"] == ["Social", "Investigative", "Conventional"]
    names = {s["id"]: s["name"] for s in real["skills"]}
    skills = {names[s["id"]] for s in nurse["skills"]}
    hot_only = {t["name"] for t in nurse["technologies"] if t["hot"] and not t["in_demand"]}
    assert hot_only  # O*NET lists 16, e.g. Apache Spark
    assert not hot_only & skills
    assert all("rating" in s for s in nurse["skills"])


@needs_shared
def test_real_all_other_occupations_without_a_job_zone_keep_their_education(
    real: dict[str, Any],
) -> None:
    # 70 occupations have BLS's education but no Job Zone in O*NET 29.3's Job Zones.txt.
    zoneless = [
        r for r in real["roles"] if r.get("preparation", {"job_zone": 0})["job_zone"] is None
    ]
    assert len(zoneless) == 70
    assert all(r["preparation"]["education"] for r in zoneless)
    other = by_code(real, "15-1299.00")
    assert other["preparation"]["education"] == "Bachelor's degree"
    # O*NET names no Job Zone for the military occupations, BLS no education: none at all.
    assert "preparation" not in by_code(real, "55-1011.00")


@needs_shared
def test_real_projections_titles_are_oews_titles() -> None:
    wages = read_wages(BLS / "national_M2024_dl.xlsx").rows
    projections = read_projections(BLS / "ep_2024_34_occupation.xlsx").rows
    both = wages.keys() & projections.keys()
    assert len(both) > 900
    assert [s for s in both if wages[s].title != projections[s].title] == []


@needs_shared
def test_real_unrated_occupations_are_marked(real: dict[str, Any]) -> None:
    unrated = [r for r in real["roles"] if r.get("skills_rated") is False]
    assert len(unrated) == 137  # facts.md: 879 of 1,016 have ratings
    assert by_code(real, "15-2051.00") in unrated


@needs_shared
def test_real_credit_carries_every_source(real: dict[str, Any]) -> None:
    source = real["source"]
    assert "O*NET 29.3 Database" in source
    assert "jobcli has modified all or some of this information" in source
    assert "Occupational Employment and Wage Statistics, May 2024" in source
    assert "Employment Projections 2024–34" in source
    assert "GPTs are GPTs" in source
    assert "MIT licence" in source


@needs_shared
@pytest.mark.skipif(not BUNDLED.is_file(), reason="data/onet.json.gz is not built")
def test_the_bundled_onet_catalog_is_a_fresh_build(real: dict[str, Any]) -> None:
    import json

    assert json.loads(gzip.decompress(BUNDLED.read_bytes())) == json.loads(json.dumps(real))
