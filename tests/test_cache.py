"""The validated-catalog cache: fast when the catalog is unchanged, never stale, never in the way.

The property behind every test here: what ``load_catalog_cached`` returns is
what validating the current file returns (``catalog.load_catalog``), whatever
state the cache is in.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import BASE, BUNDLED_VIEWS, catalog_data, invoke, write_json

from jobcli import cache
from jobcli.catalog import bundled_catalog_path, load_catalog
from jobcli.domain import Catalog, Details, Exposure, Role, RoleSkill, Skill
from jobcli.errors import CatalogError


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache home for this test; the cache switched on."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("JOBCLI_NO_CACHE", raising=False)
    return home


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    """A user's catalog in a folder of its own, with exposure values of both JSON types."""
    data = catalog_data()
    data["roles"][0]["ai_exposure"] = [
        {"measure": "integer value", "value": 1, "source": "s"},
        {"measure": "β, human raters — ünïcode", "value": 0.1 + 0.2, "source": "s2"},
    ]
    folder = tmp_path / "data"
    folder.mkdir()
    return write_json(folder / "mine.json", data)


def cache_files(home: Path) -> list[Path]:
    directory = home / "jobcli"
    return sorted(directory.iterdir()) if directory.exists() else []


def validated_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every validation the cache module does (a hit does none)."""
    calls: list[str] = []
    real = cache.catalog_from_bytes

    def spy(raw: bytes, origin: str) -> Catalog:
        calls.append(origin)
        return real(raw, origin)

    monkeypatch.setattr(cache, "catalog_from_bytes", spy)
    return calls


def same_catalog(a: Catalog, b: Catalog) -> None:
    """Equal, and equal in the JSON types too (1 stays an int, 0.1 + 0.2 a float)."""
    assert a == b
    assert repr((a.skills, a.roles)) == repr((b.skills, b.roles))


# hits and misses --------------------------------------------------------------------------------


def test_first_load_validates_and_caches_then_a_hit_serves_the_same_catalog(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = validated_only(monkeypatch)
    first = cache.load_catalog_cached(catalog_file)
    assert calls == [str(catalog_file)]
    assert len(cache_files(cache_home)) == 1
    second = cache.load_catalog_cached(catalog_file)
    assert calls == [str(catalog_file)], "the second load must come from the cache"
    same_catalog(first, load_catalog(catalog_file))
    same_catalog(second, load_catalog(catalog_file))


def test_the_bundled_catalog_is_cached_too(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = validated_only(monkeypatch)
    cache.load_catalog_cached(None)
    hit = cache.load_catalog_cached(None)
    assert len(calls) == 1
    same_catalog(hit, load_catalog(None))


def test_a_large_catalog_round_trips_through_the_cache(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    skills = [
        {"id": f"skill-{i}", "name": f"Skill {i}", "kind": ("human", "technical")[i % 2]}
        for i in range(35)
    ]
    roles = [
        {
            "id": f"role-{i}",
            "title": f"Role number {i}",
            "aliases": [f"alias {i} {j}" for j in range(i % 4)],
            "summary": f'Summary {i} with ünïcode, "quotes" and a \\ backslash.',
            "responsibilities": [f"duty {j}" for j in range(i % 3)],
            "skills": [{"id": f"skill-{(i + j) % 35}", "importance": 1 + j % 5} for j in range(9)],
            "human_edge": ["edge"] if i % 2 else [],
            **({"onet_soc_code": f"15-{i:04d}.00"} if i % 3 else {}),
            "ai_exposure": [{"measure": "m", "value": (i % 10) / 10, "source": "s"}]
            if i % 2
            else [],
            "related": [f"role-{(i + 1) % 300}", f"role-{(i + 7) % 300}"],
        }
        for i in range(300)
    ]
    path = write_json(
        tmp_path / "large.json", {"schema_version": 1, "skills": skills, "roles": roles}
    )
    calls = validated_only(monkeypatch)
    cache.load_catalog_cached(path)
    same_catalog(cache.load_catalog_cached(path), load_catalog(path))
    assert len(calls) == 1


def test_encode_and_decode_are_inverse_on_the_bundled_catalog() -> None:
    catalog = load_catalog(None)
    same_catalog(cache.decode_catalog(cache.encode_catalog(catalog)), catalog)


# never stale ------------------------------------------------------------------------------------


def _rewrite_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_size_and_mtime_is_seen(cache_home: Path, catalog_file: Path) -> None:
    cache.load_catalog_cached(catalog_file)
    _rewrite_keeping_size_and_mtime(catalog_file, '"Data Analyst"', '"Data Anal0st"')
    fresh = cache.load_catalog_cached(catalog_file)
    assert fresh.role_by_id["analyst"].title == "Data Anal0st"
    same_catalog(fresh, load_catalog(catalog_file))


def test_an_edit_that_breaks_the_catalog_is_reported_not_served_from_the_cache(
    cache_home: Path, catalog_file: Path
) -> None:
    cache.load_catalog_cached(catalog_file)
    # Same size, same mtime, and now an unknown skill.
    _rewrite_keeping_size_and_mtime(
        catalog_file, '"id": "empathy", "importance"', '"id": "empathx", "importance"'
    )
    with pytest.raises(CatalogError) as caught:
        cache.load_catalog_cached(catalog_file)
    with pytest.raises(CatalogError) as expected:
        load_catalog(catalog_file)
    assert caught.value.problems == expected.value.problems
    assert caught.value.origin == expected.value.origin


def test_a_cache_written_for_other_code_is_not_used(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load_catalog_cached(catalog_file)
    calls = validated_only(monkeypatch)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "a different validator")
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", -1),
        ("jobcli", "0.0.0-other"),
        ("schema", 99),
        ("pydantic", "1.10.0"),
        ("catalog_blake2b", "0" * 128),
    ],
)
def test_a_cache_file_of_another_version_or_catalog_is_rebuilt(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, field: str, value: Any
) -> None:
    cache.load_catalog_cached(catalog_file)
    [slot] = cache_files(cache_home)
    head, _, body = slot.read_bytes().partition(b"\n")
    header = json.loads(head)
    header[field] = value
    slot.write_bytes(json.dumps(header).encode() + b"\n" + body)
    calls = validated_only(monkeypatch)
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1
    assert json.loads(slot.read_bytes().partition(b"\n")[0])[field] != value, "rewritten"


# damaged or foreign cache files ----------------------------------------------------------------


def _damage_and_reload(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    cache.load_catalog_cached(catalog_file)
    [slot] = cache_files(cache_home)
    slot.write_bytes(damage(slot.read_bytes()))
    calls = validated_only(monkeypatch)
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1, "a damaged cache file is a miss"
    # ... and the rebuilt one is a hit again.
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda blob: blob[: len(blob) // 2], id="truncated"),
        pytest.param(lambda blob: blob[: blob.index(b"\n")], id="header only"),
        pytest.param(lambda blob: b"", id="empty"),
        pytest.param(lambda blob: b"\x00\xff" * 100, id="binary garbage"),
        pytest.param(lambda blob: blob.replace(b"Data Analyst", b"Data Analyzt"), id="bit rot"),
        pytest.param(lambda blob: b"[1, 2, 3]\n{}", id="foreign JSON"),
        pytest.param(lambda blob: b"not json\n" + blob.partition(b"\n")[2], id="bad header"),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    _damage_and_reload(cache_home, catalog_file, monkeypatch, damage)


def test_a_cache_body_of_the_wrong_shape_with_a_valid_checksum_is_ignored(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zlib

    def reshape(blob: bytes) -> bytes:
        head, _, _ = blob.partition(b"\n")
        header = json.loads(head)
        body = json.dumps({"roles": "not the layout"}).encode()
        header["body_crc32"] = zlib.crc32(body)
        return json.dumps(header).encode() + b"\n" + body

    _damage_and_reload(cache_home, catalog_file, monkeypatch, reshape)


def test_a_directory_in_place_of_the_cache_file_is_a_miss(
    cache_home: Path, catalog_file: Path
) -> None:
    slot = cache.cache_file_for(catalog_file)
    assert slot is not None
    slot.mkdir(parents=True)
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))


# switched off, unwritable, misplaced ------------------------------------------------------------


def test_jobcli_no_cache_neither_reads_nor_writes_the_cache(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBCLI_NO_CACHE", "1")
    calls = validated_only(monkeypatch)
    monkeypatch.setattr(cache, "_read", lambda *_: pytest.fail("the cache was read"))
    cache.load_catalog_cached(catalog_file)
    cache.load_catalog_cached(catalog_file)
    assert len(calls) == 2
    assert cache_files(cache_home) == []


@pytest.mark.parametrize("value", ["", "0"])
def test_jobcli_no_cache_empty_or_zero_keeps_the_cache_on(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("JOBCLI_NO_CACHE", value)
    cache.load_catalog_cached(catalog_file)
    assert len(cache_files(cache_home)) == 1


def test_a_cache_home_that_cannot_be_created_is_silently_skipped(
    tmp_path: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert blocker.read_text() == "not a directory"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_dir_is_silently_skipped(cache_home: Path, catalog_file: Path) -> None:
    directory = cache_home / "jobcli"
    directory.mkdir(parents=True)
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
        assert list(directory.iterdir()) == []
    finally:
        directory.chmod(stat.S_IRWXU)


def test_a_failing_write_is_silent_and_leaves_no_temporary_file(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "read-only file system")

    monkeypatch.setattr(cache.os, "replace", refuse)
    same_catalog(cache.load_catalog_cached(catalog_file), load_catalog(catalog_file))
    assert cache_files(cache_home) == []


def test_the_cache_file_is_private_and_no_temporary_file_is_left(
    cache_home: Path, catalog_file: Path
) -> None:
    cache.load_catalog_cached(catalog_file)
    [slot] = cache_files(cache_home)
    assert stat.S_IMODE(slot.stat().st_mode) == 0o600
    assert slot.name.startswith("catalog-")
    assert slot.suffix == ".json"


def test_a_miss_removes_temporary_files_that_crashed_writes_left(
    cache_home: Path, catalog_file: Path
) -> None:
    directory = cache_home / "jobcli"
    directory.mkdir(parents=True)
    stale, fresh = directory / ".catalog-old.tmp", directory / ".catalog-new.tmp"
    for leftover in (stale, fresh):
        leftover.write_text("half a cache file")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    cache.load_catalog_cached(catalog_file)  # a miss: validates and writes
    assert not stale.exists()
    assert fresh.exists(), "another call may be writing it right now"


def test_nothing_is_written_beside_the_catalog(cache_home: Path, catalog_file: Path) -> None:
    before = sorted(catalog_file.parent.iterdir())
    cache.load_catalog_cached(catalog_file)
    cache.load_catalog_cached(catalog_file)
    assert sorted(catalog_file.parent.iterdir()) == before
    assert len(cache_files(cache_home)) == 1


def test_cache_dir_follows_xdg_and_ignores_a_relative_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "jobcli"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for relative in ("", "relative/dir"):
        monkeypatch.setenv("XDG_CACHE_HOME", relative)
        assert cache.cache_dir() == tmp_path / "home" / ".cache" / "jobcli"


def test_one_cache_file_per_catalog_path(cache_home: Path, tmp_path: Path) -> None:
    a = write_json(tmp_path / "a.json", catalog_data())
    b = write_json(tmp_path / "b.json", catalog_data(source="another"))
    for path in (a, b, a, b):
        cache.load_catalog_cached(path)
    assert len(cache_files(cache_home)) == 2
    assert cache.load_catalog_cached(b).source == "another"
    assert cache.load_catalog_cached(a).source == BASE["source"]


def test_a_catalog_read_from_a_pipe_is_not_cached(cache_home: Path) -> None:
    bash = "/bin/bash"
    if not os.path.exists(bash):
        pytest.skip("needs bash for <(...)")
    catalog = bundled_catalog_path()
    script = '"$0" -m jobcli --data <(cat "$1") show data-scientist --json'
    for _ in range(2):
        r = subprocess.run(
            [bash, "-c", script, sys.executable, str(catalog)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["id"] == "data-scientist"
    assert cache_files(cache_home) == []


# errors exactly as load_catalog's ---------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: d / "missing.json", id="missing"),
        pytest.param(lambda d: d, id="a directory"),
        pytest.param(lambda d: _write(d / "e.json", b""), id="empty"),
        pytest.param(lambda d: _write(d / "b.json", b'{"schema_version": 1,'), id="broken JSON"),
        pytest.param(lambda d: _write(d / "i.json", b'{"schema_version": 2}'), id="invalid"),
    ],
)
def test_errors_are_those_of_load_catalog(cache_home: Path, tmp_path: Path, make: Any) -> None:
    path = make(tmp_path)
    for _ in range(2):  # and the second time too: a bad catalog is never cached
        with pytest.raises(CatalogError) as caught:
            cache.load_catalog_cached(path)
        with pytest.raises(CatalogError) as expected:
            load_catalog(path)
        assert (caught.value.origin, caught.value.problems) == (
            expected.value.origin,
            expected.value.problems,
        )
    assert cache_files(cache_home) == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# through the CLI --------------------------------------------------------------------------------


def test_the_cli_serves_an_edited_catalog_at_once(cache_home: Path, catalog_file: Path) -> None:
    r = invoke("--data", str(catalog_file), "show", "analyst", "--json")
    assert r.exit_code == 0, r.output
    _rewrite_keeping_size_and_mtime(catalog_file, '"Data Analyst"', '"Data Anal0st"')
    r = invoke("--data", str(catalog_file), "show", "analyst", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["title"] == "Data Anal0st"


@pytest.mark.parametrize(
    "args",
    [
        *BUNDLED_VIEWS.values(),
        *([*args, "--json"] for args in BUNDLED_VIEWS.values()),
        ["list", "--sort", "exposure"],
        ["skills", "--matrix"],
    ],
    ids=" ".join,
)
def test_every_view_from_a_hit_is_the_view_from_validation(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # Roles read from the cache decode their longer texts lazily: every view reads them.
    invoke("list", "--json")  # a miss: validates and fills the cache
    assert cache_files(cache_home)
    hit = invoke(*args)
    monkeypatch.setenv("JOBCLI_NO_CACHE", "1")
    validated = invoke(*args)
    assert (hit.exit_code, hit.stdout) == (validated.exit_code, validated.stdout)
    assert hit.exit_code == 0, hit.output


def test_a_hit_does_not_import_pydantic(cache_home: Path, catalog_file: Path) -> None:
    probe = (
        "import sys; from pathlib import Path; from jobcli.cache import load_catalog_cached; "
        "load_catalog_cached(Path(sys.argv[1])); print('pydantic' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(catalog_file)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"], "the miss validates with pydantic, the hit does not"


# the cache keeps up with the code ---------------------------------------------------------------


def test_the_key_holds_the_installed_pydantic_version() -> None:
    import pydantic

    assert cache.cache_key("x")["pydantic"] == pydantic.VERSION


def test_schema_version_is_the_models() -> None:
    from jobcli.models import SCHEMA_VERSION

    assert cache.SCHEMA_VERSION == SCHEMA_VERSION


def test_the_codec_knows_every_field_of_the_domain() -> None:
    # A field added to a domain class must be added to encode_catalog and decode_catalog
    # (then to _CODEC_FIELDS, and CACHE_FORMAT bumped). Until then the cache stays off.
    for cls in (Catalog, Skill, RoleSkill, Exposure, Details, Role):
        names = getattr(cls, "_fields", None) or tuple(sorted(cls.__slots__))
        assert cache._CODEC_FIELDS[cls] == names, cls.__name__
