"""The store: the validated catalog in SQLite, fast when unchanged, never stale, never in the way.

The property behind every test here: what the store answers is what validating
the current file gives (``catalog.load_catalog``), whatever state the cache is in.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import BASE, BUNDLED_VIEWS, catalog_data, invoke, write_json

from jobcli import store as store_module
from jobcli.catalog import bundled_catalog_path, load_catalog
from jobcli.domain import Catalog
from jobcli.errors import CatalogError
from jobcli.store import file as store_file
from jobcli.store import open_store
from jobcli.store.query import Store


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


def store_files(home: Path) -> list[Path]:
    directory = home / "jobcli"
    if not directory.exists():
        return []
    return sorted(p for p in directory.iterdir() if p.name.endswith(".sqlite3"))


def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every validation and compilation the store does (a hit does none)."""
    calls: list[str] = []
    real = store_file.compile_catalog

    def spy(conn: Any, content: Any, meta: Any) -> None:
        calls.append(str(meta.get("key", "")))
        real(conn, content, meta)

    monkeypatch.setattr(store_file, "compile_catalog", spy)
    return calls


def same_catalog(a: Catalog, b: Catalog) -> None:
    """Equal, and equal in the JSON types too (1 stays an int, 0.1 + 0.2 a float)."""
    assert a == b
    assert repr((a.skills, a.roles)) == repr((b.skills, b.roles))


def served(path: Path | None) -> Catalog:
    return open_store(path).catalog()


def aged(monkeypatch: pytest.MonkeyPatch, seconds: float = 10.0) -> None:
    """Make the next build record its check as if made ``seconds`` after the file's last change.

    A record made right after a change is "racy" (the content is hashed on every call
    until it is old enough); an aged record is trusted on stat data alone.
    """
    real = time.time_ns
    monkeypatch.setattr(store_file.time, "time_ns", lambda: real() + int(seconds * 1e9))


# hits and misses --------------------------------------------------------------------------------


def test_first_open_validates_and_stores_then_a_hit_serves_the_same_catalog(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = validations(monkeypatch)
    first = open_store(catalog_file)
    assert first.persistent
    assert len(calls) == 1
    assert len(store_files(cache_home)) == 1
    second = open_store(catalog_file)
    assert len(calls) == 1, "the second open must come from the store file"
    assert second.persistent
    same_catalog(first.catalog(), load_catalog(catalog_file))
    same_catalog(second.catalog(), load_catalog(catalog_file))


def test_the_bundled_catalog_is_stored_too(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = validations(monkeypatch)
    open_store(None)
    hit = open_store(None)
    assert len(calls) == 1
    same_catalog(hit.catalog(), load_catalog(None))
    assert hit.source == load_catalog(None).source


def test_a_large_catalog_round_trips_through_the_store(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_json(tmp_path / "large.json", large_catalog(300))
    calls = validations(monkeypatch)
    open_store(path)
    same_catalog(served(path), load_catalog(path))
    assert len(calls) == 1


def large_catalog(n: int) -> dict[str, Any]:
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
            "related": [f"role-{(i + 1) % n}", f"role-{(i + 7) % n}"],
        }
        for i in range(n)
    ]
    return {"schema_version": 1, "skills": skills, "roles": roles}


# never stale ------------------------------------------------------------------------------------


def _rewrite_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    time.sleep(0.02)  # past the file system's timestamp tick: the ctime moves on
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `touch -r` does
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.parametrize("record", ["racy", "aged"])
def test_an_edit_that_keeps_size_and_mtime_is_seen(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, record: str
) -> None:
    with monkeypatch.context() as patch:
        if record == "aged":
            aged(patch)
        open_store(catalog_file)
    _rewrite_keeping_size_and_mtime(catalog_file, '"Data Analyst"', '"Data Anal0st"')
    fresh = open_store(catalog_file)
    assert fresh.role("analyst").title == "Data Anal0st"
    same_catalog(fresh.catalog(), load_catalog(catalog_file))


def test_an_aged_record_is_trusted_on_stat_data_without_reading_the_catalog(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        aged(patch)
        open_store(catalog_file)
    hashed: list[Path] = []
    real = store_file.hash_file
    monkeypatch.setattr(store_file, "hash_file", lambda p: hashed.append(p) or real(p))
    calls = validations(monkeypatch)
    assert open_store(catalog_file).persistent
    assert (hashed, calls) == ([], [])


def test_a_touched_but_unchanged_catalog_is_served_and_its_record_refreshed(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        aged(patch)
        open_store(catalog_file)
    time.sleep(0.02)
    os.utime(catalog_file)  # new mtime and ctime, same bytes
    calls = validations(monkeypatch)
    with monkeypatch.context() as patch:
        aged(patch)
        assert open_store(catalog_file).persistent
    assert calls == [], "same content: no validation"
    hashed: list[Path] = []
    real = store_file.hash_file
    monkeypatch.setattr(store_file, "hash_file", lambda p: hashed.append(p) or real(p))
    open_store(catalog_file)
    assert hashed == [], "the refreshed record is trusted again"
    assert len(store_files(cache_home)) == 1


def test_a_file_swapped_in_with_the_same_size_and_mtime_is_seen(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        aged(patch)
        open_store(catalog_file)
    other = catalog_file.with_name("other.json")
    other.write_text(
        catalog_file.read_text(encoding="utf-8").replace("Data Analyst", "Data Anal0st"),
        encoding="utf-8",
    )
    before = catalog_file.stat()
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, catalog_file)  # `mv other.json mine.json`
    assert open_store(catalog_file).role("analyst").title == "Data Anal0st"


def test_an_edit_that_breaks_the_catalog_is_reported_not_served(
    cache_home: Path, catalog_file: Path
) -> None:
    open_store(catalog_file)
    _rewrite_keeping_size_and_mtime(
        catalog_file, '"id": "empathy", "importance"', '"id": "empathx", "importance"'
    )
    with pytest.raises(CatalogError) as caught:
        open_store(catalog_file)
    with pytest.raises(CatalogError) as expected:
        load_catalog(catalog_file)
    assert caught.value.problems == expected.value.problems
    assert caught.value.origin == expected.value.origin


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("__version__", "99.0.0-upgraded"),
        ("_code_fingerprint", lambda: "a different validator"),
        ("_pydantic_version", lambda: "1.10.0"),
        ("SCHEMA_VERSION", 99),
    ],
)
def test_a_store_built_by_other_code_is_not_used(
    cache_home: Path,
    catalog_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: Any,
) -> None:
    open_store(catalog_file)
    monkeypatch.setattr(store_module, "_key_memo", [])
    monkeypatch.setattr(store_module, name, value)
    calls = validations(monkeypatch)
    same_catalog(served(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1, "a code upgrade compiles the catalog again"
    assert len(store_files(cache_home)) == 2, "one store per key (older ones pruned later)"


def test_editing_any_module_of_the_package_changes_the_key(tmp_path: Path) -> None:
    package = Path(store_module.__file__).parent.parent  # the jobcli package
    copy = tmp_path / "jobcli"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(path.relative_to(copy) for path in copy.rglob("*.py"))
    # Every module, those of subpackages too: store/rows.py's words go into the search index.
    assert Path("store/rows.py") in modules
    assert Path("views", "__init__.py") in modules
    seen = {store_module._code_fingerprint(str(copy))}
    for module in modules:
        path = copy / module
        before = path.stat()
        text = path.read_bytes()
        path.write_bytes(text[:-1] + (b"#" if text[-1:] != b"#" else b" "))  # size kept
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
        key = store_module._code_fingerprint(str(copy))
        assert key not in seen, f"editing {module} leaves the store's key as it was"
        seen.add(key)


def test_the_key_holds_the_installed_pydantic_version() -> None:
    import pydantic

    assert store_module._pydantic_version() == pydantic.VERSION


def test_schema_version_is_the_models() -> None:
    from jobcli.models import SCHEMA_VERSION

    assert store_module.SCHEMA_VERSION == SCHEMA_VERSION


def test_simultaneous_first_calls_compile_once_the_others_wait(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    calls: list[str] = []
    real = store_file.compile_catalog

    def slow(conn: Any, content: Any, meta: Any) -> None:
        calls.append(str(meta.get("key", "")))
        time.sleep(0.5)  # a large catalog: the others arrive while it compiles
        real(conn, content, meta)

    monkeypatch.setattr(store_file, "compile_catalog", slow)
    stores: list[Store] = []
    threads = [
        threading.Thread(target=lambda: stores.append(open_store(catalog_file))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(stores) == 4
    assert len(calls) == 1, "one call compiles; the others wait for its store"
    assert all(store.persistent for store in stores)
    assert len(store_files(cache_home)) == 1


def test_a_call_that_waits_too_long_answers_from_memory(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.3)
    directory = cache_home / "jobcli"
    directory.mkdir(mode=0o700, parents=True)
    held = os.open(directory / ".build.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process compiling, for ever
        started = time.monotonic()
        store = open_store(catalog_file)
        assert time.monotonic() - started >= 0.3
        assert not store.persistent
        same_catalog(store.catalog(), load_catalog(catalog_file))
        assert store_files(cache_home) == []
    finally:
        os.close(held)
    assert open_store(catalog_file).persistent  # the lock released: compiled into the cache


# damaged, foreign or hostile store files ------------------------------------------------------


def _damage_and_reopen(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    open_store(catalog_file)
    [slot] = store_files(cache_home)
    damage(slot)
    calls = validations(monkeypatch)
    same_catalog(served(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1, "a damaged store file is a miss"
    same_catalog(served(catalog_file), load_catalog(catalog_file))
    assert len(calls) == 1, "and the rebuilt one is a hit again"


def _foreign_database(slot: Path) -> None:
    slot.unlink()
    with sqlite3.connect(slot) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('key', 'x')")
    conn.close()


def _forged_application_id(slot: Path) -> None:
    conn = sqlite3.connect(slot)
    conn.execute("PRAGMA application_id = 1")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), id="half"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:100]), id="header only"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_bytes(b"\x00\xff" * 5000), id="binary garbage"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84), id="bad"),
        pytest.param(lambda p: p.write_text('{"roles": []}'), id="the old JSON cache"),
        pytest.param(_foreign_database, id="another program's database"),
        pytest.param(_forged_application_id, id="another application id"),
    ],
)
def test_a_damaged_or_foreign_store_file_is_ignored_and_rebuilt(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    _damage_and_reopen(cache_home, catalog_file, monkeypatch, damage)


def _tamper(sql: str) -> Any:
    def tamper(slot: Path) -> None:
        conn = sqlite3.connect(slot)
        conn.executescript(sql)
        conn.commit()
        conn.close()

    return tamper


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            _tamper(
                "DROP TABLE role_line; CREATE VIEW role_line AS WITH RECURSIVE r(n) AS"
                " (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 3)"
                " SELECT n AS pos, 'x' AS id, 'x' AS title, 'x' AS summary, '[]' AS top_skills,"
                " NULL AS exposure, NULL AS exposure_source, NULL AS family FROM r;"
            ),
            id="a view in place of a table",
        ),
        pytest.param(
            _tamper(
                "CREATE TRIGGER t AFTER UPDATE ON meta BEGIN UPDATE role SET title = 'x'; END;"
            ),
            id="a trigger",
        ),
        pytest.param(_tamper("CREATE TABLE extra (x);"), id="a table of someone else's"),
        pytest.param(_tamper("DROP INDEX role_family;"), id="an index dropped"),
        pytest.param(
            _tamper("ALTER TABLE role ADD COLUMN note TEXT DEFAULT 'x';"), id="a column added"
        ),
    ],
)
def test_a_store_whose_schema_is_not_what_a_build_creates_is_rebuilt(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    _damage_and_reopen(cache_home, catalog_file, monkeypatch, damage)


def test_the_schema_digest_is_what_a_build_creates() -> None:
    from jobcli.store.build import SCHEMA

    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA)
    conn.execute("ANALYZE")
    assert store_file.schema_ok(conn), "store_build.SCHEMA changed: update SCHEMA_DIGEST"
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    own = [r for r in rows if (r[0], r[1]) not in store_file.SQLITE_ADDED]
    assert store_file.schema_digest(own) == store_file.SCHEMA_DIGEST


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE role SET aliases = '{not json' WHERE pos = 0",
        "UPDATE role_line SET top_skills = 'nope' WHERE pos = 0",
        "UPDATE skill SET aliases = '[' WHERE pos = 0",
        "UPDATE role_totals SET importance_sums = x'0102'",
    ],
    ids=["role", "role_line", "skill", "totals"],
)
def test_a_stored_row_that_does_not_decode_is_rebuilt_not_a_crash(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, sql: str
) -> None:
    open_store(catalog_file)
    [slot] = store_files(cache_home)
    _tamper(sql)(slot)
    store = open_store(catalog_file)
    assert store.persistent  # the schema is right: only a row is wrong
    expected = load_catalog(catalog_file)
    same_catalog(store.catalog(), expected)
    assert [line.id for line in store.role_lines()] == [r.id for r in expected.roles]
    assert store.match(["programming"]).matches
    assert not store.persistent
    calls = validations(monkeypatch)
    assert open_store(catalog_file).persistent  # compiled again into the cache
    assert len(calls) == 1
    result = invoke("--data", str(catalog_file), "list", "--json")
    assert result.exit_code == 0


def test_a_store_damaged_under_an_open_store_answers_from_memory(
    cache_home: Path, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "large.json", large_catalog(400))
    with pytest.MonkeyPatch.context() as patch:
        aged(patch)
        open_store(path)
    store = open_store(path)
    assert store.persistent
    [slot] = store_files(cache_home)
    with open(slot, "r+b") as handle:  # damage every page after the first, in place
        handle.seek(4096)
        handle.write(b"\xa5" * (slot.stat().st_size - 4096))
    expected = load_catalog(path)
    same_catalog(store.catalog(), expected)
    assert not store.persistent
    assert [h.id for h in store.search("duty")]  # and every later question too


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "symlink", "directory"])
def test_a_slot_that_is_not_a_regular_file_is_never_opened(
    cache_home: Path, catalog_file: Path, tmp_path: Path, kind: str
) -> None:
    open_store(catalog_file)
    [slot] = store_files(cache_home)
    slot.unlink()
    if kind == "fifo":
        os.mkfifo(slot)
    elif kind == "symlink to /dev/zero":
        slot.symlink_to("/dev/zero")
    elif kind == "symlink":
        target = tmp_path / "elsewhere.sqlite3"
        write_json(target, {})
        slot.symlink_to(target)
    else:
        slot.mkdir()
    # In a child with a time limit: a FIFO opened for reading would block forever.
    probe = (
        "import sys, json; from pathlib import Path; from jobcli.store import open_store;"
        "s = open_store(Path(sys.argv[1])); print(json.dumps(s.role('analyst').title))"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe, str(catalog_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == "Data Analyst"
    if kind != "directory":
        assert stat.S_ISREG(os.lstat(slot).st_mode), "replaced by a store of ours"
    if kind == "symlink":
        assert json.loads((tmp_path / "elsewhere.sqlite3").read_text()) == {}, "target untouched"


def test_a_store_file_over_the_size_bound_is_not_opened(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(catalog_file)
    monkeypatch.setattr(store_file, "MAX_STORE_BYTES", 1024)
    calls = validations(monkeypatch)
    assert served(catalog_file) == load_catalog(catalog_file)
    assert len(calls) == 1


# the cache folder ---------------------------------------------------------------------------------


def _notes(path: Path) -> tuple[Store, list[str]]:
    notes: list[str] = []
    return open_store(path, note=notes.append), notes


def test_the_cache_folder_is_created_private_and_files_are_private(
    cache_home: Path, catalog_file: Path
) -> None:
    _store, notes = _notes(catalog_file)
    assert notes == []
    assert stat.S_IMODE((cache_home / "jobcli").stat().st_mode) == 0o700
    [slot] = store_files(cache_home)
    assert stat.S_IMODE(slot.stat().st_mode) == 0o600
    assert slot.name.startswith("catalog-")
    names = sorted(p.name for p in (cache_home / "jobcli").iterdir())
    assert names == [".build.lock", slot.name], "no temporaries (the build lock stays)"
    assert stat.S_IMODE((cache_home / "jobcli" / ".build.lock").stat().st_mode) == 0o600


@pytest.mark.parametrize("unsafe", ["world-writable", "group-writable", "foreign owner", "symlink"])
def test_an_unsafe_cache_folder_is_not_used_and_says_so_once(
    cache_home: Path, catalog_file: Path, tmp_path: Path, unsafe: str
) -> None:
    directory = cache_home / "jobcli"
    if unsafe == "symlink":
        real = tmp_path / "real-cache"
        real.mkdir(mode=0o700)
        cache_home.mkdir()
        directory.symlink_to(real)
    else:
        directory.mkdir(parents=True, mode=0o700)
    # A forged store for this very catalog path, as an attacker would plant it.
    forged = catalog_data()
    forged["roles"][0]["title"] = "Forged Scientist"
    forged_file = write_json(tmp_path / "forged.json", forged)
    slot = store_module._slot(directory, catalog_file)
    assert slot is not None
    store_file.build_file(slot, forged, {"key": "x"})
    if unsafe == "world-writable":
        directory.chmod(0o777)
    elif unsafe == "group-writable":
        directory.chmod(0o770)
    elif unsafe == "foreign owner":
        if os.geteuid() != 0:
            pytest.skip("needs root to give the folder to another user")
        os.chown(directory, 65534, 65534)
    store, notes = _notes(catalog_file)
    assert store.role("analyst").title == "Data Analyst"
    assert not store.persistent
    assert len(notes) == 1
    assert "not using the cache folder" in notes[0]
    del forged_file


def test_jobcli_no_cache_neither_reads_nor_writes_the_store(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBCLI_NO_CACHE", "1")
    calls = validations(monkeypatch)
    monkeypatch.setattr(store_file, "open_hit", lambda *_: pytest.fail("a store was read"))
    for _ in range(2):
        store = open_store(catalog_file)
        assert not store.persistent
        same_catalog(store.catalog(), load_catalog(catalog_file))
    assert len(calls) == 2
    assert not (cache_home / "jobcli").exists()


@pytest.mark.parametrize("value", ["", "0"])
def test_jobcli_no_cache_empty_or_zero_keeps_the_store_on(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("JOBCLI_NO_CACHE", value)
    open_store(catalog_file)
    assert len(store_files(cache_home)) == 1


@pytest.mark.parametrize("place", ["a file", "/dev/null", "relative"])
def test_an_unusable_cache_home_gives_the_same_answers_from_memory(
    tmp_path: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    if place == "a file":
        blocker = tmp_path / "a-file"
        blocker.write_text("not a directory")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    elif place == "/dev/null":
        monkeypatch.setenv("XDG_CACHE_HOME", "/dev/null")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
        monkeypatch.setenv("HOME", str(tmp_path / "a-file"))
        (tmp_path / "a-file").write_text("no home")
    for _ in range(2):
        store, notes = _notes(catalog_file)
        assert notes == []
        assert not store.persistent
        same_catalog(store.catalog(), load_catalog(catalog_file))
    if place == "a file":
        assert (tmp_path / "a-file").read_text() == "not a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_gives_the_same_answers_from_memory(
    cache_home: Path, catalog_file: Path
) -> None:
    directory = cache_home / "jobcli"
    directory.mkdir(parents=True)
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        same_catalog(served(catalog_file), load_catalog(catalog_file))
        assert list(directory.iterdir()) == []
    finally:
        directory.chmod(stat.S_IRWXU)


def test_a_failing_write_is_silent_and_leaves_no_temporary_file(
    cache_home: Path, catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "read-only file system")

    monkeypatch.setattr(store_file.os, "replace", refuse)
    store, notes = _notes(catalog_file)
    same_catalog(store.catalog(), load_catalog(catalog_file))
    assert notes == []
    assert [p.name for p in (cache_home / "jobcli").iterdir()] == [".build.lock"]


def test_old_stores_are_pruned_and_nothing_else_is_touched(
    cache_home: Path, catalog_file: Path
) -> None:
    directory = cache_home / "jobcli"
    directory.mkdir(parents=True, mode=0o700)
    long_ago = time.time() - 7200
    for i in range(12):
        old = directory / f"catalog-{i:032x}.sqlite3"
        old.write_bytes(b"an old store")
        os.utime(old, (long_ago + i, long_ago + i))
    leftovers = [directory / ".store-crashed.tmp", directory / "catalog-oldcache.json"]
    for leftover in leftovers:
        leftover.write_text("left by an older or crashed jobcli")
        os.utime(leftover, (long_ago, long_ago))
    fresh_tmp = directory / ".store-writing.tmp"
    fresh_tmp.write_text("another call is writing this")
    mine = directory / "notes.txt"
    mine.write_text("not jobcli's")
    open_store(catalog_file)
    stores = store_files(cache_home)
    assert len(stores) == store_file.KEEP_STORES
    assert directory / f"catalog-{11:032x}.sqlite3" in stores, "the newest are kept"
    assert not any(p.exists() for p in leftovers)
    assert fresh_tmp.exists()
    assert mine.exists()


def test_nothing_is_written_beside_the_catalog(cache_home: Path, catalog_file: Path) -> None:
    before = sorted(catalog_file.parent.iterdir())
    open_store(catalog_file)
    open_store(catalog_file)
    assert sorted(catalog_file.parent.iterdir()) == before


def test_cache_dir_follows_xdg_and_ignores_a_relative_xdg_cache_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store_module.cache_dir() == tmp_path / "xdg" / "jobcli"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for relative in ("", "relative/dir"):
        monkeypatch.setenv("XDG_CACHE_HOME", relative)
        assert store_module.cache_dir() == tmp_path / "home" / ".cache" / "jobcli"


def test_one_store_per_catalog_path(cache_home: Path, tmp_path: Path) -> None:
    a = write_json(tmp_path / "a.json", catalog_data())
    b = write_json(tmp_path / "b.json", catalog_data(source="another"))
    for path in (a, b, a, b):
        open_store(path)
    assert len(store_files(cache_home)) == 2
    assert open_store(b).source == "another"
    assert open_store(a).source == BASE["source"]


def test_a_catalog_read_from_a_pipe_is_not_stored(cache_home: Path) -> None:
    bash = "/bin/bash"
    if not os.path.exists(bash):
        pytest.skip("needs bash for <(...)")
    script = '"$0" -m jobcli --data <(cat "$1") show data-scientist --json'
    for _ in range(2):
        r = subprocess.run(
            [bash, "-c", script, sys.executable, str(bundled_catalog_path())],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["id"] == "data-scientist"
    assert store_files(cache_home) == []


def test_concurrent_first_calls_all_succeed_and_agree(cache_home: Path, tmp_path: Path) -> None:
    path = write_json(tmp_path / "large.json", large_catalog(600))
    probe = (
        "import sys, json; from pathlib import Path; from jobcli.store import open_store;"
        "s = open_store(Path(sys.argv[1]));"
        "print(json.dumps([s.role_count(), s.role('role-599').title,"
        " [m.role.id for m in s.match(['skill-3', 'skill-4'], 5).matches],"
        " [h.id for h in s.search('duty 2', 5)]]))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", probe, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    answers = {out for out, _ in outputs}
    assert len(answers) == 1
    assert json.loads(answers.pop())[:2] == [600, "Role number 599"]
    assert len(store_files(cache_home)) == 1
    assert not [p for p in (cache_home / "jobcli").iterdir() if p.name.endswith(".tmp")]


# errors exactly as load_catalog's ---------------------------------------------------------------


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mutated(folder: Path, change: Any) -> Path:
    data = catalog_data()
    change(data)
    return write_json(folder / "bad.json", data)


def _skill_twice(d: dict[str, Any]) -> None:
    d["skills"].append(dict(d["skills"][0]))


def _role_twice(d: dict[str, Any]) -> None:
    d["roles"].append({**d["roles"][2], "title": "Another", "aliases": []})


def _unknown_skill(d: dict[str, Any]) -> None:
    d["roles"][1]["skills"].append({"id": "juggling", "importance": 2})


def _skill_twice_in_role(d: dict[str, Any]) -> None:
    d["roles"][1]["skills"].append(dict(d["roles"][1]["skills"][0]))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: d / "missing.json", id="missing"),
        pytest.param(lambda d: d, id="a directory"),
        pytest.param(lambda d: _write(d / "e.json", b""), id="empty"),
        pytest.param(lambda d: _write(d / "b.json", b'{"schema_version": 1,'), id="broken JSON"),
        pytest.param(lambda d: _write(d / "i.json", b'{"schema_version": 2}'), id="invalid"),
        pytest.param(lambda d: _mutated(d, _skill_twice), id="a skill id twice"),
        pytest.param(lambda d: _mutated(d, _role_twice), id="a role id twice"),
        pytest.param(lambda d: _mutated(d, _unknown_skill), id="an unknown skill in a role"),
        pytest.param(lambda d: _mutated(d, _skill_twice_in_role), id="a skill twice in a role"),
    ],
)
def test_errors_are_those_of_load_catalog(cache_home: Path, tmp_path: Path, make: Any) -> None:
    path = make(tmp_path)
    for _ in range(2):  # and the second time too: a bad catalog is never stored
        with pytest.raises(CatalogError) as caught:
            open_store(path)
        with pytest.raises(CatalogError) as expected:
            load_catalog(path)
        assert (caught.value.origin, caught.value.problems) == (
            expected.value.origin,
            expected.value.problems,
        )
    assert store_files(cache_home) == []


def test_an_invalid_catalog_reports_its_first_problems_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    data = catalog_data()
    data["roles"][0]["skills"] = [{"id": f"nope-{i}", "importance": 3} for i in range(5000)]
    with pytest.raises(CatalogError) as caught:
        open_store(write_json(tmp_path / "bad.json", data))
    from jobcli.errors import MAX_REPORTED_PROBLEMS

    assert len(caught.value.problems) == MAX_REPORTED_PROBLEMS
    assert caught.value.more == 5000 - MAX_REPORTED_PROBLEMS
    assert caught.value.problems[0].location == "roles[0].skills[0].id"
    assert f"and {5000 - MAX_REPORTED_PROBLEMS} more problems" in str(caught.value)


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
def test_every_view_from_a_hit_is_the_view_from_memory(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    invoke("list", "--json")  # a miss: validates and fills the store
    assert store_files(cache_home)
    hit = invoke(*args)
    monkeypatch.setenv("JOBCLI_NO_CACHE", "1")
    from_memory = invoke(*args)
    assert (hit.exit_code, hit.stdout) == (from_memory.exit_code, from_memory.stdout)
    assert hit.exit_code == 0, hit.output


def test_a_hit_imports_neither_pydantic_nor_rich(cache_home: Path, catalog_file: Path) -> None:
    probe = (
        "import sys; from pathlib import Path; from jobcli.store import open_store; "
        "s = open_store(Path(sys.argv[1])); s.find_role('analyst'); s.search('data');"
        "s.match(['programming']); print('pydantic' in sys.modules, 'rich' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(catalog_file)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True False", "False False"], "the miss validates with pydantic"
