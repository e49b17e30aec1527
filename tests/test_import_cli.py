"""`jobcli import onet` as a user runs it: the catalog it writes, and every way it refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import invoke

RELEASE = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_29_2_text"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    out = tmp_path / "onet.json"
    r = invoke("import", "onet", str(RELEASE), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "wrote" in r.stderr
    return out


def test_the_imported_catalog_validates_and_lists(imported: Path) -> None:
    assert invoke("validate", str(imported)).exit_code == 0
    roles = json.loads(invoke("--data", str(imported), "list", "--json").stdout)
    assert "15-2051.00" in {role["onet_soc_code"] for role in roles}


def test_show_accepts_an_onet_code_and_prints_the_attribution(imported: Path) -> None:
    r = invoke("--data", str(imported), "show", "15-2051.00")
    assert r.exit_code == 0, r.output
    assert "Data Scientists" in r.stdout
    assert "CC BY 4.0" in r.stdout
    assert "USDOL/ETA" in r.stdout


def test_match_and_gap_work_on_the_import(imported: Path) -> None:
    r = invoke("--data", str(imported), "match", "programming", "mathematics", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["coverage"] > 0
    r = invoke("--data", str(imported), "gap", "15-1252.00", "15-2051.00", "--json")
    assert r.exit_code == 0, r.output


def test_an_existing_file_is_kept_without_force(imported: Path) -> None:
    before = imported.read_bytes()
    imported.write_text("mine")
    r = invoke("import", "onet", str(RELEASE), "-o", str(imported))
    assert r.exit_code == 2
    assert "--force" in r.stderr
    assert imported.read_text() == "mine"
    r = invoke("import", "onet", str(RELEASE), "-o", str(imported), "--force")
    assert r.exit_code == 0, r.output
    assert imported.read_bytes() == before  # deterministic: the same bytes again


def test_a_missing_release_folder_exits_3(tmp_path: Path) -> None:
    r = invoke("import", "onet", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 3
    assert "nowhere" in r.stderr
    assert not (tmp_path / "out.json").exists()


def test_a_malformed_line_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(RELEASE, release)
    skills = release / "Skills.txt"
    lines = skills.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("\t", " ", 3)
    skills.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.json"
    r = invoke("import", "onet", str(release), "-o", str(out))
    assert r.exit_code == 3
    assert "Skills.txt" in r.stderr
    assert "line 3" in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release"]


def test_missing_optional_files_are_reported_not_fatal(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    shutil.copy(RELEASE / "Occupation Data.txt", release)
    shutil.copy(RELEASE / "Skills.txt", release)
    r = invoke("import", "onet", str(release), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 0, r.output
    for name in ("Alternate Titles.txt", "Technology Skills.txt", "Related Occupations.txt"):
        assert name in r.stderr


def test_exposure_ratings_are_joined_when_given(tmp_path: Path) -> None:
    exposure = tmp_path / "occ_level.csv"
    exposure.write_text(
        "O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
        "human_rating_alpha,human_rating_beta,human_rating_gamma\n"
        "15-2051.00,Data Scientists,0.5,0.75,1.0,0.25,0.59,0.94\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    r = invoke("import", "onet", str(RELEASE), "-o", str(out), "--exposure", str(exposure))
    assert r.exit_code == 0, r.output
    role = json.loads(invoke("--data", str(out), "show", "15-2051.00", "--json").stdout)
    assert {e["measure"]: e["value"] for e in role["ai_exposure"]}[
        "GPT exposure β, human raters"
    ] == 0.59
    ranked = json.loads(invoke("--data", str(out), "list", "--sort", "exposure", "--json").stdout)
    assert ranked[0]["onet_soc_code"] == "15-2051.00"
