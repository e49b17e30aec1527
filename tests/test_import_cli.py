"""`jobcli import onet` as a user runs it: the catalog it writes, and every way it refuses."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from onet_support import SKILL_HEADER, make_release, skill, write_tsv
from support import invoke

RELEASE = Path(__file__).resolve().parent / "fixtures" / "onet" / "db_29_2_text"
ESC = "\x1b]0;PWNED\x07\x1b[2J"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    out = tmp_path / "onet.json"
    r = invoke("import", "onet", str(RELEASE), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "wrote 5 roles (1 without skills)" in r.stderr
    return out


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_imported_catalog_validates_and_lists(imported: Path) -> None:
    assert invoke("validate", str(imported)).exit_code == 0
    roles = json.loads(invoke("--data", str(imported), "list", "--json").stdout)
    assert {"15-2051.00", "11-9199.00"} <= {role["onet_soc_code"] for role in roles}


def test_show_accepts_an_onet_code_and_prints_the_attribution(imported: Path) -> None:
    r = invoke("--data", str(imported), "show", "15-2051.00")
    assert r.exit_code == 0, r.output
    assert "Data Scientists" in r.stdout
    assert "CC BY 4.0" in words(r.stdout)
    assert "modified by jobcli (not endorsed by USDOL/ETA)" in words(r.stdout)
    # show keeps the credit to one line and points to the full one, which validate prints.
    full = invoke("--data", str(imported), "validate", "--format", "table")
    assert "USDOL/ETA has not approved" in words(full.stdout)


def test_a_role_without_skills_shows(imported: Path) -> None:
    r = invoke("--data", str(imported), "show", "11-9199.00", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["skills"] == []


def test_match_and_gap_work_on_the_import(imported: Path) -> None:
    r = invoke("--data", str(imported), "match", "python", "sql", "--json")
    assert r.exit_code == 0, r.output
    matches = json.loads(r.stdout)
    both = [m["role"] for m in matches if m["uses"] == 2]
    assert "data-scientists" in both
    assert [m["role"] for m in matches[: len(both)]] == both  # roles using both come first
    r = invoke("--data", str(imported), "gap", "15-1252.00", "15-2051.00", "--json")
    assert r.exit_code == 0, r.output


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(imported: Path) -> None:
    before = imported.read_bytes()
    imported.write_text("mine")
    os.chmod(imported, 0o600)
    r = invoke("import", "onet", str(RELEASE), "-o", str(imported))
    assert r.exit_code == 74  # output that cannot be written (without --force)
    assert "--force" in r.stderr
    assert imported.read_text() == "mine"
    r = invoke("import", "onet", str(RELEASE), "-o", str(imported), "--force")
    assert r.exit_code == 0, r.output
    assert imported.read_bytes() == before  # deterministic: the same bytes again
    assert stat.S_IMODE(imported.stat().st_mode) == 0o600  # the file's mode is kept


def test_a_symlink_to_a_file_replaces_the_file_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = invoke("import", "onet", str(RELEASE), "-o", str(link), "--force")
    assert r.exit_code == 0, r.output
    assert link.is_symlink()
    assert json.loads(target.read_text())["schema_version"] == 2


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_folder_is_refused_with_74(tmp_path: Path, force: list[str]) -> None:
    r = invoke("import", "onet", str(RELEASE), "-o", str(tmp_path), *force)
    assert r.exit_code == 74
    assert "is a folder" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_and_kept(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    r = invoke("import", "onet", str(RELEASE), "-o", str(fifo), "--force")
    assert r.exit_code == 74
    assert "FIFO" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    r = invoke("import", "onet", str(RELEASE), "-o", "/dev/null", "--force")
    assert r.exit_code == 74
    assert "device" in r.stderr


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("missing/out.json", "does not exist"),
        ("newdir/", "ends with '/'"),
        ("", "empty"),
    ],
)
def test_output_names_that_cannot_be_written_exit_74(tmp_path: Path, out: str, said: str) -> None:
    name = f"{tmp_path}/{out}" if out else ""
    r = invoke("import", "onet", str(RELEASE), "-o", name)
    assert r.exit_code == 74
    assert said in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_dash_writes_the_catalog_to_stdout(tmp_path: Path) -> None:
    r = invoke("import", "onet", str(RELEASE), "-o", "-")
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["roles"]) == 5
    assert "standard output" in r.stderr
    assert not (Path.cwd() / "-").exists()


def test_leftover_temporary_files_of_ours_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    dead = tmp_path / ".out.json.999999999-abcd1234.tmp"  # no such process
    other = tmp_path / ".other.json.abcd1234.tmp"
    mine = tmp_path / "notes.tmp"
    legacy = tmp_path / ".out.json.abcd1234.tmp"  # the form without a process id
    for path in (dead, legacy, other, mine):
        path.write_text("x")
    r = invoke("import", "onet", str(RELEASE), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert not dead.exists()
    assert not legacy.exists()
    assert other.exists()
    assert mine.exists()


def test_a_missing_release_folder_exits_3(tmp_path: Path) -> None:
    r = invoke("import", "onet", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 3
    assert "nowhere" in r.stderr
    assert not (tmp_path / "out.json").exists()


def test_missing_occupation_data_says_where_to_get_the_release(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    r = invoke("import", "onet", str(release), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 3
    assert "Occupation Data.txt" in r.stderr
    assert "text format" in r.stderr


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


def test_escapes_in_a_folder_name_never_reach_the_terminal(tmp_path: Path) -> None:
    release = tmp_path / f"dir{ESC}"
    release.mkdir()
    r = invoke("import", "onet", str(release), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 3
    assert "\x1b" not in r.stderr
    assert "\x07" not in r.stderr
    assert "\\x1b" in r.stderr


def test_escapes_in_data_never_reach_the_terminal(tmp_path: Path) -> None:
    release = make_release(tmp_path)
    rows = [*skill("15-2051.00", "2.A.2.a", "4.00"), *skill("15-2051.00", f"2.X{ESC}", "99")]
    write_tsv(release / "Skills.txt", SKILL_HEADER, rows)
    r = invoke("import", "onet", str(release), "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 0, r.output
    assert "outside its scale" in r.stderr
    assert "\x1b" not in r.stderr


def test_escapes_in_the_exposure_file_name_never_reach_the_terminal(tmp_path: Path) -> None:
    exposure = tmp_path / f"[bold red]x{ESC}.csv"
    exposure.write_text("O*NET-SOC Code,dv_rating_beta\n99-9999.00,0.5\n", encoding="utf-8")
    r = invoke(
        "import", "onet", str(RELEASE), "-o", str(tmp_path / "o.json"), "--exposure", str(exposure)
    )
    assert r.exit_code == 0, r.output
    assert "[bold red]x" in r.stderr  # printed as text
    assert "\x1b" not in r.stderr


def test_the_progress_bar_runs_no_thread_and_reads_no_markup(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jobcli.cli import importer as importer_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    before = threading.active_count()
    with importer_cli._progress() as update:
        assert update is not None
        update("[link=https://evil.example]x.csv", 1, 3)
        assert threading.active_count() == before  # nothing for a Ctrl-C to catch halfway
    assert "\x1b]8;" not in capsys.readouterr().err


def test_missing_optional_files_are_reported_not_fatal(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    shutil.copy(RELEASE / "Occupation Data.txt", release)
    shutil.copy(RELEASE / "Skills.txt", release)
    out = tmp_path / "out.json"
    r = invoke("import", "onet", str(release), "-o", str(out))
    assert r.exit_code == 0, r.output
    for name in ("Knowledge.txt", "Task Statements.txt", "Technology Skills.txt"):
        assert name in r.stderr
    source = json.loads(out.read_text())["source"]
    assert "occupations and skills." in source  # only what was imported


def test_release_option_names_the_release(tmp_path: Path) -> None:
    release = tmp_path / "onet"
    shutil.copytree(RELEASE, release)
    out = tmp_path / "out.json"
    r = invoke("import", "onet", str(release), "-o", str(out), "--release", "29.1")
    assert r.exit_code == 0, r.output
    assert "O*NET 29.1 Database" in json.loads(out.read_text())["source"]
    r = invoke("import", "onet", str(release), "-o", str(tmp_path / "x.json"), "--release", "x")
    assert r.exit_code == 2


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
    measures = {e["measure"]: e["value"] for e in role["ai_exposure"]}
    assert measures["GPT exposure β, human raters"] == 0.59


REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "onet"


@pytest.mark.skipif(not (REAL / "Occupation Data.txt").is_file(), reason="no shared release")
def test_dash_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "jobcli", "import", "onet", str(REAL), "-o", "-"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(10)
        process.stdout.close()  # a reader that leaves, as `| head -c 10` does
        err = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in err
    assert "wrote" not in err  # the catalog was not all written: no claim that it was


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_dash_into_a_full_disk_exits_74() -> None:
    command = [sys.executable, "-m", "jobcli", "import", "onet", str(RELEASE), "-o", "-"]
    with open("/dev/full", "w") as full:
        r = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert r.returncode == 74
    assert "cannot write the output" in r.stderr


def test_a_title_too_long_exits_3_naming_file_and_line(tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(RELEASE, release)
    occupations = release / "Occupation Data.txt"
    lines = occupations.read_text(encoding="utf-8").splitlines(keepends=True)
    code, _title, rest = lines[1].split("\t", 2)
    lines[1] = "\t".join([code, "T" * 1_000_000, rest])
    occupations.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.json"
    r = invoke("import", "onet", str(release), "-o", str(out))
    assert r.exit_code == 3, r.output
    assert "Occupation Data.txt" in r.stderr
    assert "line 2" in r.stderr
    assert "Title is 1,000,000 characters long" in words(r.stderr)
    assert not out.exists()
