"""Tests of the O*NET importer's core (``jobcli.onet``) on small releases and fixtures."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from onet_support import (
    DS,
    EXPECTED,
    ISA,
    RELEASE,
    SWD,
    WEB,
    assert_valid,
    make_release,
    role,
    role_skills,
    skill,
    skill_by_id,
    task,
    tech,
    write_exposure,
)

from jobcli.catalog import catalog_from_bytes
from jobcli.lookup import find_role, find_skill
from jobcli.onet import (
    MAX_ALIASES,
    MAX_OTHER_TECHNOLOGIES,
    MAX_RELATED,
    MAX_RESPONSIBILITIES,
    OnetImportError,
    import_onet,
    write_catalog,
)
from jobcli.onet.naming import singular, technology_aliases
from jobcli.onet.skills import BY_ELEMENT_ID


def load(catalog: dict[str, Any]) -> Any:
    """The catalog as jobcli loads it (validated), for name lookups."""
    return catalog_from_bytes(json.dumps(catalog).encode(), "imported")


# --------------------------------------------------------------------------- the fixture release


def test_fixture_release_is_a_valid_catalog_with_every_occupation() -> None:
    catalog, report = import_onet(RELEASE)
    assert_valid(catalog)
    codes = [r["onet_soc_code"] for r in catalog["roles"]]
    assert codes == ["11-9199.00", ISA, SWD, WEB, DS]
    assert role(catalog, "11-9199.00")["skills"] == []  # no rating: a role all the same
    assert role(catalog, DS)["responsibilities"]
    assert report.without_skills == 1
    # An older release: the preparation and interest files are not there, facts left out.
    assert report.files_missing == [
        "Job Zones.txt",
        "Job Zone Reference.txt",
        "Education, Training, and Experience.txt",
        "Education, Training, and Experience Categories.txt",
        "Interests.txt",
    ]
    assert not any({"preparation", "interests"} & set(r) for r in catalog["roles"])
    assert "Knowledge.txt" in report.files_read
    assert "Task Statements.txt" in report.files_read


def test_fixture_release_matches_expected_catalog(tmp_path: Path) -> None:
    catalog, _ = import_onet(RELEASE)
    out = tmp_path / "onet.json"
    write_catalog(catalog, out)
    assert out.read_bytes() == EXPECTED.read_bytes()


def test_fixture_data_scientists_keep_their_in_demand_languages() -> None:
    catalog, _ = import_onet(RELEASE)
    have = role_skills(catalog, DS)
    assert have["python"] == 4
    assert have["r"] == 4
    assert have["structured-query-language-sql"] == 4
    assert have["mathematics"] == 5  # IM 4.50 rounds half up


def test_fixture_knowledge_is_its_own_kind() -> None:
    catalog, _ = import_onet(RELEASE)
    computers = skill_by_id(catalog, "computers-and-electronics")
    assert computers["kind"] == "knowledge"
    assert "computers-and-electronics" in role_skills(catalog, ISA)


# --------------------------------------------------------------------------- occupations


def test_occupation_without_any_rating_is_a_role_without_skills(tmp_path: Path) -> None:
    release = make_release(tmp_path, skills=[*skill(DS, "2.A.2.a", "4.00")])
    catalog, report = import_onet(release)
    assert_valid(catalog)
    assert len(catalog["roles"]) == 3
    assert role(catalog, SWD)["skills"] == []
    assert report.without_skills == 2
    assert any(SWD in note for note in report.notes)


def test_a_release_with_occupations_only_imports(tmp_path: Path) -> None:
    catalog, report = import_onet(make_release(tmp_path, skills=None))
    assert_valid(catalog)
    assert catalog["skills"] == []
    assert len(catalog["roles"]) == 3
    assert "Skills.txt" in report.files_missing


def test_missing_occupation_data_says_what_it_is_and_where_to_get_it(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    (release / "Occupation Data.txt").unlink()
    with pytest.raises(OnetImportError) as caught:
        import_onet(release)
    text = str(caught.value)
    assert "Occupation Data.txt" in text
    assert "no such file" in text
    assert "occupations" in text
    assert "text format" in text
    assert "onetcenter.org" in text


def test_titles_that_collide_get_their_code(tmp_path: Path) -> None:
    release = make_release(
        tmp_path, occupations=[(DS, "Analysts", "a"), (ISA, "analysts", "b"), (SWD, "Other", "")]
    )
    catalog, _ = import_onet(release)
    assert_valid(catalog)
    assert role(catalog, DS)["title"] == f"Analysts ({DS})"
    assert role(catalog, SWD)["summary"] == "Other"  # an empty description: the title


def test_duplicate_code_is_an_error_naming_the_line(tmp_path: Path) -> None:
    release = make_release(tmp_path, occupations=[(DS, "A", "a"), (DS, "B", "b")])
    with pytest.raises(OnetImportError, match=r"line 3: occupation 15-2051\.00 is listed twice"):
        import_onet(release)


# --------------------------------------------------------------------------- ratings


@pytest.mark.parametrize(
    ("im", "kept"), [("2.99", None), ("3.00", 3), ("3.49", 3), ("3.50", 4), ("4.50", 5)]
)
def test_importance_threshold_and_half_up_rounding(
    tmp_path: Path, im: str, kept: int | None
) -> None:
    catalog, _ = import_onet(make_release(tmp_path, skills=skill(DS, "2.A.2.a", im)))
    assert role_skills(catalog, DS).get("critical-thinking") == kept


def test_not_relevant_and_suppressed_are_left_out(tmp_path: Path) -> None:
    rows = [
        *skill(DS, "2.A.2.a", "4.00", not_relevant="Y"),
        *skill(DS, "2.A.1.b", "4.00", suppress_im="Y"),
        *skill(DS, "2.B.3.e", "4.00"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, skills=rows))
    assert role_skills(catalog, DS) == {"programming": 4}


def test_a_rated_skill_keeps_importance_and_level_unrounded(tmp_path: Path) -> None:
    rows = [*skill(DS, "2.A.2.a", "4.12", lv="4.62"), *skill(DS, "2.B.3.e", "4.12", lv="5.5")]
    catalog, _ = import_onet(make_release(tmp_path, skills=rows))
    skills = role(catalog, DS)["skills"]
    # Equal importance: the higher level first, not the alphabetical order of ids.
    assert skills == [
        {"id": "programming", "importance": 4, "rating": {"importance": 4.12, "level": 5.5}},
        {"id": "critical-thinking", "importance": 4, "rating": {"importance": 4.12, "level": 4.62}},
    ]
    assert "skills_rated" not in role(catalog, DS)


def test_a_suppressed_level_keeps_the_skill_with_its_level_unknown(tmp_path: Path) -> None:
    catalog, _ = import_onet(
        make_release(tmp_path, skills=skill(DS, "2.A.2.a", "3.80", suppress_lv="Y"))
    )
    assert role(catalog, DS)["skills"] == [
        {"id": "critical-thinking", "importance": 4, "rating": {"importance": 3.8, "level": None}}
    ]


def test_an_occupation_the_files_do_not_rate_is_marked_unrated(tmp_path: Path) -> None:
    rows = [*skill(DS, "2.A.2.a", "2.00"), tech(ISA, "Python", "N", "Y")]
    release = make_release(tmp_path, skills=rows[:2], technology=[rows[2]])
    catalog, _ = import_onet(release)
    # Rated, if below the threshold: still rated; no rating at all: unrated.
    assert "skills_rated" not in role(catalog, DS)
    assert role(catalog, ISA)["skills_rated"] is False
    assert role(catalog, ISA)["skills"] == [{"id": "python", "importance": 4}]


def test_a_repeated_rating_row_is_a_note_naming_file_and_line(tmp_path: Path) -> None:
    rows = [*skill(DS, "2.A.2.a", "4.00"), skill(DS, "2.A.2.a", "1.00")[0]]
    catalog, report = import_onet(make_release(tmp_path, skills=rows))
    assert role_skills(catalog, DS)["critical-thinking"] == 4  # the first row counts
    notes = [n for n in report.notes if "repeating" in n]
    assert len(notes) == 1
    assert notes[0].startswith("Skills.txt: 1 row(s)")
    assert "line 4" in notes[0]
    assert "first on line 2" in notes[0]


def test_a_value_outside_its_scale_is_a_note_not_clamped(tmp_path: Path) -> None:
    rows = [*skill(DS, "2.A.2.a", "99"), *skill(DS, "2.B.3.e", "4.00", lv="8.50")]
    catalog, report = import_onet(make_release(tmp_path, skills=rows))
    assert "critical-thinking" not in role_skills(catalog, DS)
    notes = [n for n in report.notes if "outside its scale" in n]
    assert len(notes) == 1
    assert "line 2" in notes[0]
    assert "99" in notes[0]
    assert "line 5" in notes[0]


def test_many_bad_rows_make_one_short_note(tmp_path: Path) -> None:
    rows = [row for i in range(50) for row in skill(DS, f"2.X.{i}", "99")]
    _, report = import_onet(make_release(tmp_path, skills=rows))
    (note,) = [n for n in report.notes if "outside its scale" in n]
    assert "and 47 more" in note
    assert len(note) < 400


def test_skill_and_knowledge_of_one_name_stay_two_findable_skills(tmp_path: Path) -> None:
    knowledge = [
        *skill(DS, "2.C.4.a", "4.00", name="Mathematics"),
        *skill(DS, "2.C.3.a", "3.00", name="Computers and Electronics"),
    ]
    release = make_release(tmp_path, skills=skill(DS, "2.A.1.e", "4.00"), knowledge=knowledge)
    catalog, _ = import_onet(release)
    assert_valid(catalog)
    assert role_skills(catalog, DS) == {
        "mathematics": 4,
        "mathematics-knowledge": 4,
        "computers-and-electronics": 3,
    }
    assert skill_by_id(catalog, "mathematics-knowledge")["name"] == "Mathematics (knowledge)"
    assert skill_by_id(catalog, "computers-and-electronics")["name"] == "Computers and Electronics"
    loaded = load(catalog)
    assert find_skill(loaded, "Mathematics").id == "mathematics"
    assert find_skill(loaded, "mathematics (knowledge)").id == "mathematics-knowledge"


def test_unknown_skill_elements_are_named_by_their_element_name(tmp_path: Path) -> None:
    rows = skill(DS, "2.B.3.z", "4.00", name="Critical Thinking")  # a name already taken
    catalog, report = import_onet(make_release(tmp_path, skills=rows))
    (skill_id,) = role_skills(catalog, DS)
    assert skill_id == "critical-thinking-2-b-3-z"
    assert any("2.B.3.z" in note for note in report.notes)


# --------------------------------------------------------------------------- technologies


def test_only_in_demand_technologies_are_skills_every_one_is_listed(tmp_path: Path) -> None:
    rows = [tech(DS, f"Tool {chr(65 + i)}", "Y", "N") for i in range(20)]
    rows += [tech(DS, "Zeta", "N", "Y"), tech(DS, "Ordinary", "N", "N"), tech(DS, "Both", "Y", "Y")]
    catalog, _ = import_onet(make_release(tmp_path, skills=None, technology=rows))
    assert role_skills(catalog, DS) == {"zeta": 4, "both": 4}
    listed = role(catalog, DS)["technologies"]
    assert [t["name"] for t in listed[:2]] == ["Both", "Zeta"]  # In Demand first
    assert listed[2] == {"name": "Tool A", "hot": True, "in_demand": False}
    assert listed[-1] == {"name": "Ordinary", "hot": False, "in_demand": False}
    assert len(listed) == 23
    assert "tool-a" not in {s["id"] for s in catalog["skills"]}


def test_other_technologies_are_capped_the_most_widely_listed_kept(tmp_path: Path) -> None:
    rows = [tech(DS, f"Other {i:02}", "N", "N") for i in range(MAX_OTHER_TECHNOLOGIES + 5)]
    rows += [tech(ISA, "Other 34", "N", "N"), tech(DS, "Hot one", "Y", "N")]
    catalog, _ = import_onet(make_release(tmp_path, skills=None, technology=rows))
    names = [t["name"] for t in role(catalog, DS)["technologies"]]
    assert len(names) == MAX_OTHER_TECHNOLOGIES + 1
    assert names[0] == "Hot one"
    assert "Other 34" in names  # listed by two occupations: kept before the rest
    assert "Other 33" not in names


def test_c_cplusplus_and_csharp_stay_three_skills(tmp_path: Path) -> None:
    rows = [tech(DS, name, "Y", "Y") for name in ("C", "C++", "C#")]
    catalog, _ = import_onet(make_release(tmp_path, skills=None, technology=rows))
    assert set(role_skills(catalog, DS)) == {"c", "c-plus-plus", "c-sharp"}


def test_a_technology_named_like_an_onet_skill_gets_a_suffix(tmp_path: Path) -> None:
    rows = [tech(DS, "Programming", "N", "Y")]
    release = make_release(tmp_path, skills=skill(DS, "2.B.3.e", "4.00"), technology=rows)
    catalog, _ = import_onet(release)
    assert role_skills(catalog, DS) == {"programming": 4, "programming-tech": 4}
    assert skill_by_id(catalog, "programming-tech")["name"] == "Programming (technology)"
    loaded = load(catalog)
    assert find_skill(loaded, "programming").id == "programming"
    assert find_skill(loaded, "Programming (technology)").id == "programming-tech"


TECH_NAMES = [
    "Structured query language SQL",
    "Amazon Web Services AWS software",
    "Amazon Web Services AWS CloudFormation",
    "Microsoft Excel",
    "Oracle Java",
    "JavaScript",
    "The MathWorks MATLAB",
    "Python",
    "Adobe Analytics",
    "Google Analytics",
    "Microsoft SQL Server",
    "Oracle Database",
    "Linux",
    "Red Hat Enterprise Linux",
]


def test_technology_alias_rules() -> None:
    aliases = technology_aliases(TECH_NAMES, taken={"linux"})
    assert aliases["Structured query language SQL"] == ["SQL"]
    assert aliases["Amazon Web Services AWS software"] == ["AWS"]  # the general product
    assert aliases["Amazon Web Services AWS CloudFormation"] == ["AWS CloudFormation"]
    assert aliases["Microsoft Excel"] == ["Excel"]
    assert aliases["Oracle Java"] == ["Java"]
    assert aliases["The MathWorks MATLAB"] == ["MATLAB"]
    assert aliases["Microsoft SQL Server"] == ["SQL Server"]
    assert aliases["Red Hat Enterprise Linux"] == ["Enterprise Linux"]
    # Shared with no general product: nobody's. A kind of thing: nobody's.
    assert "Adobe Analytics" not in aliases
    assert "Google Analytics" not in aliases
    assert "Oracle Database" not in aliases
    assert "Python" not in aliases


def test_typed_names_find_one_technology(tmp_path: Path) -> None:
    rows = [tech(DS, name, "Y", "Y") for name in TECH_NAMES]
    catalog, _ = import_onet(make_release(tmp_path, skills=None, technology=rows))
    assert_valid(catalog)
    loaded = load(catalog)
    found = {
        typed: find_skill(loaded, typed).name
        for typed in ("aws", "sql", "excel", "java", "matlab", "python")
    }
    assert found == {
        "aws": "Amazon Web Services AWS software",
        "sql": "Structured query language SQL",
        "excel": "Microsoft Excel",
        "java": "Oracle Java",
        "matlab": "The MathWorks MATLAB",
        "python": "Python",
    }


# --------------------------------------------------------------------------- role names


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Registered Nurses", "Registered Nurse"),
        ("Data Scientists", "Data Scientist"),
        ("Secretaries", "Secretary"),
        ("Hosts and Hostesses", "Host and Hostess"),
        ("Coaches and Scouts", "Coach and Scout"),
        ("Nurse Midwives", "Nurse Midwife"),
        ("Computer Science Teachers, Postsecondary", "Computer Science Teacher, Postsecondary"),
        ("Managers, All Other", None),
        ("Judges, Magistrate Judges, and Magistrates", "Judge, Magistrate Judge, and Magistrate"),
        ("Electrical and Electronics Repairers", "Electrical and Electronics Repairer"),
        ("Police", None),
        ("Chief Executives", "Chief Executive"),
        ("Bus", None),
    ],
)
def test_singular_of_a_title(title: str, expected: str | None) -> None:
    assert singular(title) == expected


def test_singular_and_plural_titles_find_the_same_role(tmp_path: Path) -> None:
    catalog, _ = import_onet(make_release(tmp_path))
    loaded = load(catalog)
    assert find_role(loaded, "data scientist").onet_soc_code == DS
    assert find_role(loaded, "Data Scientists").onet_soc_code == DS
    assert find_role(loaded, "software developer").onet_soc_code == SWD


def test_alternate_titles_become_aliases_unless_ambiguous(tmp_path: Path) -> None:
    alternate = [
        (DS, "Machine Learning Scientist", "n/a", "02,04,06"),
        (DS, "Quant", "n/a", "08"),
        (DS, "Analyst", "n/a", "08"),
        (ISA, "Analyst", "n/a", "08"),  # listed by two occupations: nobody's
        (ISA, SWD, "n/a", "08"),  # reads as another occupation's code
        (ISA, "Software Developer", "n/a", "08"),  # another role's singular title
        (ISA, "Security Analyst (SA)", "SA", "10"),
    ]
    catalog, report = import_onet(make_release(tmp_path, alternate=alternate))
    assert_valid(catalog)
    assert role(catalog, DS)["aliases"] == ["Data Scientist", "Machine Learning Scientist", "Quant"]
    assert role(catalog, ISA)["aliases"] == [
        "Information Security Analyst",
        "Security Analyst (SA)",
        "SA",
    ]
    assert any("shared by several" in note for note in report.notes)
    assert any("O*NET-SOC code" in note for note in report.notes)


def test_every_alternate_title_is_kept_shared_ones_too(tmp_path: Path) -> None:
    alternate = [
        (DS, "Analyst", "n/a", "08"),
        (DS, "Machine Learning Scientist", "MLS", "02,04,06"),
        (DS, "machine learning  scientist", "n/a", "08"),  # the same title again
        (DS, "Data Scientists", "n/a", "08"),  # the O*NET title itself
        (ISA, "Analyst", "n/a", "08"),
        (ISA, SWD, "n/a", "08"),
    ]
    catalog, _ = import_onet(make_release(tmp_path, alternate=alternate))
    assert_valid(catalog)
    assert role(catalog, DS)["alternate_titles"] == ["Machine Learning Scientist", "Analyst"]
    assert role(catalog, ISA)["alternate_titles"] == ["Analyst"]
    assert "alternate_titles" not in role(catalog, SWD)


def test_most_common_alternate_titles_first_up_to_the_cap(tmp_path: Path) -> None:
    alternate = [(DS, f"Title {i:02d}", "n/a", ",".join(["08"] * (i % 3 + 1))) for i in range(30)]
    catalog, _ = import_onet(make_release(tmp_path, alternate=alternate))
    aliases = role(catalog, DS)["aliases"][1:]  # after the singular title
    assert len(aliases) == MAX_ALIASES
    assert aliases[:3] == ["Title 02", "Title 05", "Title 08"]  # three sources each


# --------------------------------------------------------------------------- tasks and related


def test_tasks_core_first_in_file_order_capped(tmp_path: Path) -> None:
    rows = [task(DS, "Supplemental one.", "Supplemental"), task(DS, "Core one.")]
    rows += [task(DS, f"Core {i}.") for i in range(2, 12)]
    rows += [task(DS, "Core one.")]  # the same text again
    catalog, _ = import_onet(make_release(tmp_path, tasks=rows))
    done = role(catalog, DS)["responsibilities"]
    assert len(done) == MAX_RESPONSIBILITIES
    assert done[:3] == ["Core one.", "Core 2.", "Core 3."]
    assert "Supplemental one." not in done


def test_related_in_index_order_known_only(tmp_path: Path) -> None:
    related = [
        (DS, SWD, "Primary-Short", "2"),
        (DS, ISA, "Primary-Short", "1"),
        (DS, "15-9999.00", "Supplemental", "3"),
    ]
    catalog, report = import_onet(make_release(tmp_path, related=related))
    assert role(catalog, DS)["related"] == ["information-security-analysts", "software-developers"]
    assert report.unknown_codes == {"Related Occupations.txt": 1}


# --------------------------------------------------------------------------- credit


def test_credit_names_what_was_imported_and_the_release(tmp_path: Path) -> None:
    catalog, report = import_onet(make_release(tmp_path))
    source = catalog["source"]
    assert "O*NET 29.2 Database" in source
    assert report.release == "29.2"
    assert "occupations and skills." in source  # nothing else was there to import
    assert "CC BY 4.0" in source
    assert "has not approved, endorsed, or tested" in source


def test_release_from_the_option_or_unknown(tmp_path: Path) -> None:
    release = make_release(tmp_path, name="onet")
    catalog, report = import_onet(release)
    assert "O*NET Database (release unknown)" in catalog["source"]
    assert report.release is None
    assert any("--release" in note for note in report.notes)
    catalog, _ = import_onet(release, release="29.0")
    assert "O*NET 29.0 Database" in catalog["source"]
    with pytest.raises(ValueError, match=r"29\.2"):
        import_onet(release, release="latest")


# --------------------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("file", "line", "reason"),
    [
        (
            "Skills.txt",
            "15-2051.00\t2.A.2.a\tx\tIM\tmany\t8\t0\t0\t0\tN\tN\t08/2023\tA",
            "not a number",
        ),
        (
            "Skills.txt",
            "15-2051\t2.A.2.a\tx\tIM\t4\t8\t0\t0\t0\tN\tN\t08/2023\tA",
            "O*NET-SOC code",
        ),
        ("Skills.txt", "15-2051.00\t2.A.2.a", "expected 13 fields"),
    ],
)
def test_malformed_line_names_file_and_line(
    tmp_path: Path, file: str, line: str, reason: str
) -> None:
    release = make_release(tmp_path)
    path = release / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(OnetImportError) as caught:
        import_onet(release)
    assert caught.value.file.endswith(file)
    assert caught.value.line == 8
    assert reason in caught.value.reason


def test_an_input_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jobcli.onet.tables.MAX_INPUT_BYTES", 100)
    release = make_release(tmp_path)
    with pytest.raises(OnetImportError, match=r"up to 0 MiB|larger than"):
        import_onet(release)


def test_padding_quotes_bom_and_crlf_change_nothing(tmp_path: Path) -> None:
    plain, _ = import_onet(make_release(tmp_path / "a"))
    release = make_release(tmp_path / "b")
    for path in release.iterdir():
        lines = path.read_text(encoding="utf-8").splitlines()
        padded = ["\t".join(f' "{f}" ' for f in line.split("\t")) for line in lines]
        path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(padded).encode() + b"\r\n")
    assert import_onet(release)[0] == plain


# --------------------------------------------------------------------------- exposure and progress


def test_exposure_join(tmp_path: Path) -> None:
    exposure = write_exposure(
        tmp_path / "occ.csv", [(DS, "Data Scientists", 0.5, 0.75, 1, 0.25, 0.59, 0.94)]
    )
    catalog, _ = import_onet(make_release(tmp_path), exposure=exposure)
    values = {e["measure"]: e["value"] for e in role(catalog, DS)["ai_exposure"]}
    assert values["GPT exposure β, human raters"] == 0.59
    assert role(catalog, SWD)["ai_exposure"] == []
    assert "GPTs are GPTs" in catalog["source"]


def test_an_unclosed_quote_is_reported_on_the_line_it_opened(tmp_path: Path) -> None:
    rows = "".join(f"15-{1000 + i}.00,T{i},0.5,0.5,0.5,0.5,0.5,0.5\n" for i in range(23))
    exposure = tmp_path / "occ.csv"
    header = "O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
    header += "human_rating_alpha,human_rating_beta,human_rating_gamma\n"
    broken = f'{DS},"Data Scientists,0.5,0.75,1,0.25,0.59,0.94\n'
    exposure.write_text(header + broken + rows, encoding="utf-8")
    with pytest.raises(OnetImportError, match=r"occ\.csv.*line 2\b.*closing quote") as caught:
        import_onet(make_release(tmp_path), exposure=exposure)
    assert "runs to line 25" in str(caught.value)  # the end, named as such


@pytest.mark.parametrize("kind", ["fifo", "symlink loop", "folder"])
def test_a_release_file_that_cannot_be_read_is_an_error_not_missing(
    tmp_path: Path, kind: str
) -> None:
    import os

    release = make_release(tmp_path)
    skills = release / "Skills.txt"
    skills.unlink()
    if kind == "fifo":
        os.mkfifo(skills)
    elif kind == "symlink loop":
        skills.symlink_to(skills)
    else:
        skills.mkdir()
    with pytest.raises(OnetImportError, match=r"Skills\.txt") as caught:
        import_onet(release)
    assert "not found" not in str(caught.value)


def test_progress_is_called_per_stage(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    import_onet(make_release(tmp_path), progress=lambda *a: calls.append(a))
    assert calls[0] == ("Occupation Data.txt", 0, 13)
    assert calls[-1] == ("done", 13, 13)


def test_same_input_gives_the_same_catalog(tmp_path: Path) -> None:
    release = make_release(tmp_path, technology=[tech(DS, n, "Y", "Y") for n in TECH_NAMES])
    first: dict[str, Any] = import_onet(release)[0]
    assert json.dumps(import_onet(release)[0]) == json.dumps(first)


# --------------------------------------------------------------------------- the real release

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "onet"
needs_real = pytest.mark.skipif(
    not (REAL / "Occupation Data.txt").is_file(), reason="../shared/data/onet is absent"
)


@pytest.fixture(scope="module")
def real() -> tuple[dict[str, Any], Any]:
    """The shared release, imported once for this module."""
    return import_onet(REAL, release="29.2")


@pytest.fixture(scope="module")
def real_loaded(real: tuple[dict[str, Any], Any]) -> Any:
    return load(real[0])


@needs_real
def test_real_release_every_occupation_is_a_role(real: tuple[dict[str, Any], Any]) -> None:
    catalog, report = real
    assert_valid(catalog)
    assert len(catalog["roles"]) == 1016
    # An older release: the preparation and interest files are not there, facts left out.
    assert report.files_missing == [
        "Job Zones.txt",
        "Job Zone Reference.txt",
        "Education, Training, and Experience.txt",
        "Education, Training, and Experience Categories.txt",
        "Interests.txt",
    ]
    assert not any({"preparation", "interests"} & set(r) for r in catalog["roles"])
    assert role(catalog, "15-1299.00")["skills"] == []  # Computer Occupations, All Other
    assert report.without_skills == sum(1 for r in catalog["roles"] if not r["skills"])


@needs_real
def test_real_data_scientists_keep_python_r_and_sql(real: tuple[dict[str, Any], Any]) -> None:
    have = role_skills(real[0], DS)
    assert {"python", "r", "structured-query-language-sql", "pandas", "tableau"} <= set(have)


@needs_real
def test_real_in_demand_tools_are_skills_hot_only_ones_listed_only(
    real: tuple[dict[str, Any], Any],
) -> None:
    catalog, _ = real
    in_demand, hot_only = set(), set()
    with (REAL / "Technology Skills.txt").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            code, example, _, _, hot, demand = line.rstrip("\n").split("\t")
            if code == DS and demand == "Y":
                in_demand.add(example)
            elif code == DS and hot == "Y":
                hot_only.add(example)
    names = {s["id"]: s["name"] for s in catalog["skills"]}
    skills = {names[sid] for sid in role_skills(catalog, DS)}
    assert skills == in_demand
    listed = {t["name"] for t in role(catalog, DS)["technologies"]}
    assert in_demand | hot_only <= listed
    assert not hot_only & skills


@needs_real
@pytest.mark.parametrize(
    ("typed", "skill_id"),
    [
        ("aws", "amazon-web-services-aws-software"),
        ("sql", "structured-query-language-sql"),
        ("excel", "microsoft-excel"),
        ("java", "oracle-java"),
        ("matlab", "the-mathworks-matlab"),
        ("python", "python"),
        ("JavaScript", "javascript"),
        ("mathematics", "mathematics"),
        ("Mathematics (knowledge)", "mathematics-knowledge"),
    ],
)
def test_real_names_people_type_find_one_skill(real_loaded: Any, typed: str, skill_id: str) -> None:
    assert find_skill(real_loaded, typed).id == skill_id


@needs_real
def test_real_skill_names_never_collide(real: tuple[dict[str, Any], Any]) -> None:
    from jobcli.names import normalize

    owner: dict[str, str] = {}
    for entry in real[0]["skills"]:
        for name in {entry["id"], entry["name"], *entry["aliases"]}:
            assert owner.setdefault(normalize(name), entry["id"]) == entry["id"], name


@needs_real
@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("registered nurse", "29-1141.00"),
        ("Registered Nurses", "29-1141.00"),
        ("data scientist", DS),
        ("software developer", SWD),
        ("15-1299.00", "15-1299.00"),
        ("RN", "29-1141.00"),
    ],
)
def test_real_role_names_find_the_occupation(real_loaded: Any, typed: str, code: str) -> None:
    assert find_role(real_loaded, typed).onet_soc_code == code


@needs_real
def test_real_tasks_and_knowledge(real: tuple[dict[str, Any], Any]) -> None:
    catalog, _ = real
    nurses = role(catalog, "29-1141.00")
    assert 0 < len(nurses["responsibilities"]) <= MAX_RESPONSIBILITIES
    assert len(role(catalog, DS)["responsibilities"]) == MAX_RESPONSIBILITIES
    kinds = {s["id"]: s["kind"] for s in catalog["skills"]}
    assert kinds["medicine-and-dentistry"] == "knowledge"
    assert "medicine-and-dentistry" in role_skills(catalog, "29-1141.00")


@needs_real
def test_real_credit_line(real: tuple[dict[str, Any], Any]) -> None:
    source = real[0]["source"]
    assert (
        "occupations, skills, knowledge, technologies, tasks, alternate titles and related"
        in source
    )
    assert "This includes information from the O*NET 29.2 Database" in source
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications." in source


def test_validation_rejects_an_alias_that_is_another_roles_code() -> None:
    from jobcli.models import problems_in

    catalog, _ = import_onet(RELEASE)
    role(catalog, DS)["aliases"].append(ISA)
    problems = [str(p) for p in problems_in(catalog)]
    assert len(problems) == 1
    assert "onet_soc_code" in problems[0]
    assert ISA in problems[0]


# --------------------------------------------------------------------------- any small release

CODES = ["11-1011.00", "15-1212.00", "15-1252.00", "15-2051.00", "29-1141.00", "29-1141.01"]
UNKNOWN = "99-9999.00"
NAMES = [
    "Data Scientists",
    "data-scientists",
    "Data Scientist",
    "DATA SCIENTISTS!",
    "Straße Planners",
    "Strasse Planners",
    "ﬁsh Cutters",
    "fish cutters",
    "Инженеры",
    "???",
    "C++",
    "C",
    "C#",
    "Programming",
    "Critical Thinking",
    "critical-thinking-tech",
    "15-2051.00",
    "Data Scientists (15-2051.00)",
    "n/a",
    "Mathematics",
    "Registered Nurse",
    "Microsoft Excel",
    "Excel",
    "Amazon Web Services AWS software",
    "AWS",
    "Oracle Java",
]
ELEMENTS = [*list(BY_ELEMENT_ID)[:6], "2.B.3.e", "2.B.3.z", "2.C.1.a", "2.C.4.a"]

names = st.one_of(
    st.sampled_from(NAMES),
    st.text(alphabet="aAbZß1 -+#(é", min_size=1, max_size=10).filter(str.strip),
)
value = st.floats(0, 7).map(lambda x: f"{x:.2f}")
rating = st.one_of(st.just(""), st.just("1.0000000002"), st.floats(0, 1).map(lambda x: f"{x!r}"))


@st.composite
def release_strategy(draw: st.DrawFn) -> dict[str, Any]:
    """A small O*NET-shaped release whose side files mostly name its own occupations."""
    size = draw(st.integers(1, len(CODES)))
    occupations = draw(
        st.lists(
            st.tuples(st.sampled_from(CODES), names, st.sampled_from(["", "Does things."])),
            min_size=size,
            max_size=size,
            unique_by=lambda row: row[0],
        )
    )
    own = [row[0] for row in occupations]
    codes = st.sampled_from([*own, *own, *own, UNKNOWN])
    skills = st.tuples(
        codes,
        st.sampled_from(ELEMENTS),
        names,
        st.sampled_from(["IM", "IM", "LV", "XX"]),
        value,
        st.sampled_from(["N", "N", "N", "Y"]),
        st.sampled_from(["N", "n/a", "Y"]),
    )
    technology = st.tuples(codes, names, st.sampled_from("YN"), st.sampled_from("YN"))
    return {
        "occupations": occupations,
        "skills": draw(st.lists(skills, min_size=2 * size, max_size=40)),
        "alternate": draw(
            st.lists(st.tuples(codes, names, st.one_of(st.just("n/a"), names)), max_size=25)
        ),
        "technology": draw(st.lists(technology, min_size=size, max_size=30)),
        "knowledge": draw(st.lists(skills, max_size=20)),
        "tasks": draw(
            st.lists(st.tuples(codes, names, st.sampled_from(["Core", "n/a"])), max_size=20)
        ),
        "related": draw(st.lists(st.tuples(codes, codes, st.integers(1, 30)), max_size=20)),
        "exposure": draw(
            st.none()
            | st.lists(st.tuples(codes, *[rating] * 6), max_size=6, unique_by=lambda r: r[0])
        ),
        "min_importance": draw(st.sampled_from([1.0, 3.0, 4.5])),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release_strategy())
def test_any_small_release_gives_a_valid_catalog(release: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        directory = make_release(
            root,
            occupations=release["occupations"],
            skills=[
                (code, element, name, scale, data, "8", "0", "0", "0", suppress, relevant, "", "")
                for code, element, name, scale, data, suppress, relevant in release["skills"]
            ],
            alternate=[(code, title, short, "08") for code, title, short in release["alternate"]],
            technology=[
                tech(code, example, hot, demand)
                for code, example, hot, demand in (release["technology"])
            ],
            knowledge=[
                (code, element, name, scale, data, "8", "0", "0", "0", suppress, relevant, "", "")
                for code, element, name, scale, data, suppress, relevant in release["knowledge"]
            ],
            tasks=[task(code, text, kind) for code, text, kind in release["tasks"]],
            related=[
                (code, other, "Primary-Short", index) for code, other, index in (release["related"])
            ],
        )
        exposure = None
        if release["exposure"] is not None:
            exposure = write_exposure(
                root / "occ.csv", [(row[0], "Title", *row[1:]) for row in release["exposure"]]
            )
        catalog, report = import_onet(
            directory, exposure=exposure, min_importance=release["min_importance"]
        )
        event(f"{len(catalog['roles'])} role(s)")
        assert_valid(catalog)
        assert report.occupations == len(catalog["roles"]) == len(release["occupations"])
        assert report.skills == len(catalog["skills"])
        assert all(len(r["aliases"]) <= MAX_ALIASES + 1 for r in catalog["roles"])
        loaded = load(catalog)  # every alias of every skill finds that skill
        for entry in catalog["skills"]:
            for name in (entry["name"], *entry["aliases"]):
                assert find_skill(loaded, name).id == entry["id"]
        for entry in catalog["roles"]:
            for name in (entry["title"], entry["onet_soc_code"], *entry["aliases"]):
                assert find_role(loaded, name).id == entry["id"]
        assert all(len(r["related"]) <= MAX_RELATED for r in catalog["roles"])
        again, _ = import_onet(
            directory, exposure=exposure, min_importance=release["min_importance"]
        )
        assert json.dumps(again) == json.dumps(catalog)


@needs_real
def test_real_every_name_finds_its_own_role_or_skill(
    real: tuple[dict[str, Any], Any], real_loaded: Any
) -> None:
    catalog, _ = real
    for entry in catalog["roles"]:
        for name in (entry["title"], entry["onet_soc_code"], *entry["aliases"]):
            assert find_role(real_loaded, name).id == entry["id"], name
    for entry in catalog["skills"]:
        for name in (entry["name"], *entry["aliases"]):
            assert find_skill(real_loaded, name).id == entry["id"], name


# --------------------------------------------------------------------------- files and writing


def test_file_names_are_found_case_insensitively(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    (release / "Skills.txt").rename(release / "SKILLS.TXT")
    _, report = import_onet(release)
    assert "SKILLS.TXT" in report.files_read


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (b"", 1, "empty"),
        (b"O*NET-SOC Code\tTitle\n15-2051.00\tx\n", 1, "no column 'Description'"),
        (b"O*NET-SOC Code\tTitle\tDescription\n15-2051.00\t\xff\tx\n", 2, "not valid UTF-8"),
    ],
)
def test_unreadable_occupation_data_names_the_line(
    tmp_path: Path, content: bytes, line: int, reason: str
) -> None:
    release = make_release(tmp_path)
    (release / "Occupation Data.txt").write_bytes(content)
    with pytest.raises(OnetImportError) as caught:
        import_onet(release)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_exposure_out_of_range_is_malformed(tmp_path: Path) -> None:
    exposure = write_exposure(tmp_path / "occ.csv", [(DS, "x", 1.5, "", "", "", "", "")])
    with pytest.raises(OnetImportError, match=r"line 2: dv_rating_alpha '1\.5'"):
        import_onet(make_release(tmp_path), exposure=exposure)
    with pytest.raises(OnetImportError, match="no such file"):
        import_onet(make_release(tmp_path), exposure=tmp_path / "missing.csv")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("old")

    def broken(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", broken)
    with pytest.raises(KeyboardInterrupt):
        write_catalog({"schema_version": 1}, out, force=True)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_knowledge_never_takes_a_skill_name_even_without_skills(tmp_path: Path) -> None:
    knowledge = skill(DS, "2.C.4.a", "4.00", name="Mathematics")
    catalog, _ = import_onet(make_release(tmp_path, skills=None, knowledge=knowledge))
    assert skill_by_id(catalog, "mathematics-knowledge")["name"] == "Mathematics (knowledge)"


# ------------------------------------------------------------------- limits where data enters


@pytest.mark.parametrize(
    ("field", "release"),
    [
        ("Title", {"occupations": [(DS, "T" * 100_000, "d")]}),
        ("Description", {"occupations": [(DS, "Data Scientists", "d" * 100_000)]}),
        ("Task", {"tasks": [task(DS, "t" * 100_000)]}),
        ("Alternate Title", {"alternate": [(DS, "a" * 100_000, "n/a", "1")]}),
        ("Example", {"technology": [tech(DS, "x" * 100_000, "Y", "Y")]}),
    ],
)
def test_a_field_too_long_is_an_error_naming_file_and_line(
    tmp_path: Path, field: str, release: dict[str, Any]
) -> None:
    # A 12 MB title became a 113 MiB catalog --data refuses: the limit is where it enters.
    with pytest.raises(OnetImportError, match=rf"line 2: the {field} is 100,000 characters long"):
        import_onet(make_release(tmp_path, **release))
