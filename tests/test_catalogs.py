"""Choosing a catalog (``--catalog``/``-c``, ``JOBCLI_CATALOG``), gzip catalogs, and
``jobcli catalogs`` (issue 20)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from support import SEVEN_ROLES, invoke, invoke_as

import jobcli.catalog
from jobcli.catalog_info import release_of

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "catalog-v2.json"
FIXTURE_IDS = ["it-managers", "data-scientists", "web-administrators", "tech-ethicist"]


@pytest.fixture(autouse=True)
def _no_catalog_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOBCLI_CATALOG", raising=False)
    monkeypatch.delenv("JOBCLI_DATA", raising=False)


@pytest.fixture
def onet_gz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The schema-2 fixture, gzipped, installed as the bundled ``onet`` catalog."""
    path = tmp_path / "onet.json.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    real = jobcli.catalog.named_catalog_path
    monkeypatch.setattr(
        jobcli.catalog, "named_catalog_path", lambda name: path if name == "onet" else real(name)
    )
    return path


@pytest.fixture
def no_onet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "missing" / "onet.json.gz"
    real = jobcli.catalog.named_catalog_path
    monkeypatch.setattr(
        jobcli.catalog, "named_catalog_path", lambda name: path if name == "onet" else real(name)
    )
    return path


def ids(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


# choosing -------------------------------------------------------------------------------------


def test_seven_is_the_default_and_can_be_named() -> None:
    assert ids(invoke("list").stdout) == SEVEN_ROLES
    assert ids(invoke("-c", "seven", "list").stdout) == SEVEN_ROLES
    assert ids(invoke("list", "--catalog", "seven").stdout) == SEVEN_ROLES


@pytest.mark.parametrize(
    "args",
    [
        ["-c", "onet", "list"],
        ["--catalog", "onet", "list"],
        ["list", "-c", "onet"],
        ["-conet", "list"],
    ],
)
def test_catalog_onet_reads_the_gzipped_bundled_catalog(onet_gz: Path, args: list[str]) -> None:
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    assert ids(r.stdout) == FIXTURE_IDS


def test_jobcli_catalog_variable_chooses_too(onet_gz: Path) -> None:
    r = invoke("show", "data-scientists", "--json", env={"JOBCLI_CATALOG": "onet"})
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["id"] == "data-scientists"


def test_a_missing_bundled_catalog_is_exit_3_saying_so(no_onet: Path) -> None:
    r = invoke("-c", "onet", "list")
    assert r.exit_code == 3
    assert "onet catalog is not in this installation" in r.stderr
    assert str(no_onet) in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize("where", ["option", "env"])
def test_an_unknown_catalog_is_a_usage_error_naming_the_known_ones(where: str) -> None:
    if where == "option":
        r = invoke("-c", "nine", "list")
    else:
        r = invoke("list", env={"JOBCLI_CATALOG": "nine"})
    assert r.exit_code == 2
    assert "'nine'" in r.stderr
    assert "seven, onet" in r.stderr
    assert ("JOBCLI_CATALOG" in r.stderr) == (where == "env")


@pytest.mark.parametrize(
    "args",
    [
        ["-c", "seven", "--data", str(FIXTURE), "list"],
        ["--data", str(FIXTURE), "list", "-c", "seven"],
        ["list", "-c", "seven", "--data", str(FIXTURE)],
    ],
)
def test_catalog_and_data_both_on_the_command_line_is_a_usage_error(args: list[str]) -> None:
    r = invoke(*args)
    assert r.exit_code == 2
    assert "--catalog or --data, not both" in r.stderr
    assert not r.stdout


def test_both_variables_set_is_a_usage_error() -> None:
    r = invoke("list", env={"JOBCLI_CATALOG": "seven", "JOBCLI_DATA": str(FIXTURE)})
    assert r.exit_code == 2
    assert "JOBCLI_CATALOG and JOBCLI_DATA are both set" in r.stderr


def test_the_command_line_wins_over_the_environment(onet_gz: Path) -> None:
    r = invoke("-c", "seven", "list", env={"JOBCLI_DATA": str(FIXTURE)})
    assert ids(r.stdout) == SEVEN_ROLES
    r = invoke("--data", str(FIXTURE), "list", env={"JOBCLI_CATALOG": "seven"})
    assert ids(r.stdout) == FIXTURE_IDS
    r = invoke("list", "-c", "onet", env={"JOBCLI_CATALOG": "seven", "JOBCLI_DATA": "nowhere"})
    assert ids(r.stdout) == FIXTURE_IDS


def test_validate_checks_the_chosen_catalog(onet_gz: Path) -> None:
    r = invoke("-c", "onet", "validate")
    assert r.exit_code == 0, r.output
    assert str(onet_gz) in r.stdout


# gzip -------------------------------------------------------------------------------------------


def test_a_gzip_catalog_answers_as_its_json_and_a_warm_call_reads_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "c.json"
    shutil.copy(FIXTURE, plain)
    packed = tmp_path / "c.json.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    for path in (plain, packed):
        first = invoke("--data", str(path), "show", "it-managers", "--json")
        assert first.exit_code == 0, first.output
    assert json.loads(first.stdout) == json.loads(
        invoke("--data", str(plain), "show", "it-managers", "--json").stdout
    )
    # Warm: the store answers; the catalog is neither read nor decompressed.
    import os
    import time

    old = time.time_ns() - 10_000_000_000
    os.utime(packed, ns=(old, old))
    invoke("--data", str(packed), "list")  # records the settled stat data

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm call read the catalog")

    monkeypatch.setattr(jobcli.catalog, "decompressed", refuse)
    monkeypatch.setattr("jobcli.store.read_catalog", refuse)
    monkeypatch.setattr("jobcli.store.decompressed", refuse)
    warm = invoke("--data", str(packed), "show", "it-managers", "--json")
    assert warm.exit_code == 0, warm.output
    assert warm.stdout == first.stdout


def test_a_broken_gzip_catalog_is_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "broken.json.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes())[:200])
    r = invoke("--data", str(path), "list")
    assert r.exit_code == 3
    assert "gzip" in r.stderr
    assert "Traceback" not in r.output


# jobcli catalogs --------------------------------------------------------------------------------


def test_catalogs_json_lists_each_bundled_catalog_with_counts(onet_gz: Path) -> None:
    r = invoke("catalogs", "--json")
    assert r.exit_code == 0, r.output
    got = {c["name"]: c for c in json.loads(r.stdout)}
    assert list(got) == ["seven", "onet"]
    for entry in got.values():
        assert {"name", "roles", "skills", "source", "release"} <= set(entry)
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert (got["onet"]["roles"], got["onet"]["skills"]) == (
        len(fixture["roles"]),
        len(fixture["skills"]),
    )
    assert got["seven"]["roles"] == 7
    assert got["onet"]["release"] == (
        "O*NET 29.3; BLS OEWS May 2024; BLS Employment Projections 2024–34"
    )
    assert "BLS OEWS May 2024" in got["seven"]["release"]


def test_catalogs_says_when_onet_is_not_installed(no_onet: Path) -> None:
    r = invoke("catalogs", "--json")
    onet = json.loads(r.stdout)[1]
    assert (onet["name"], onet["roles"], onet["available"]) == ("onet", None, False)
    piped = invoke("catalogs").stdout.splitlines()
    assert piped[0].startswith("seven\t7\t")
    assert piped[1].startswith("onet\t-\t-\tnot in this installation")


def test_catalogs_draws_a_table_on_a_terminal(onet_gz: Path) -> None:
    r = invoke_as("catalogs", width=120)
    assert r.exit_code == 0, r.output
    assert "Roles" in r.stdout
    assert "onet" in r.stdout
    assert "\t" not in r.stdout


def test_release_names_each_source_once() -> None:
    assert release_of("nothing here") is None
    text = "O*NET 29.2 Database … O*NET 29.2 Database … O*NET 29.3 Job Zones"
    assert release_of(text) == "O*NET 29.2, 29.3"


# schema 2: jobcli schema and validate -----------------------------------------------------------


def test_a_schema_2_catalog_validates_and_fits_the_printed_schema() -> None:
    r = invoke("validate", str(FIXTURE), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"valid": True, "problems": []}
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(invoke("schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(document))
    seven = json.loads(jobcli.catalog.bundled_catalog_path().read_text(encoding="utf-8"))
    assert seven["schema_version"] == 2
    assert not list(validator.iter_errors(seven))


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        (("pay", "median"), -5, "roles[0].pay.median"),
        (("pay", "top_coded"), ["p50"], "roles[0].pay.top_coded[0]"),
        (("pay", "period"), None, "roles[0].pay.period"),
        (("interests",), ["Curious"], "roles[0].interests[0]"),
        (("preparation", "job_zone"), 6, "roles[0].preparation.job_zone"),
        (("preparation", "job_zone"), 0, "roles[0].preparation.job_zone"),
        (("outlook", "employment"), -1, "roles[0].outlook.employment"),
    ],
)
def test_validate_reports_bad_facts_with_their_location(
    tmp_path: Path, path: tuple[str, ...], value: object, location: str
) -> None:
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    target = document["roles"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    r = invoke("validate", str(bad), "--json")
    assert r.exit_code == 3
    problems = json.loads(r.stdout)["problems"]
    assert [p["location"] for p in problems] == [location]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(invoke("schema").stdout)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    shown = invoke("--data", str(bad), "list")
    assert shown.exit_code == 3
    assert location in shown.stderr
