"""Store files: reading, checking, building, publishing and pruning them (see :mod:`jobcli.store`).

Every store file is written once — compiled into a temporary file, flushed,
renamed into place — and from then on only read (immutable). Nothing here
decides *whether* a folder may be used or *which* key a store needs: the
caller (:func:`jobcli.store.open_store`) does, and passes the key in.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    # hashlib.blake2b without hashlib importing OpenSSL first (2 ms of every call).
    from _blake2 import blake2b
except ImportError:  # not CPython
    from hashlib import blake2b

from ..catalog import (
    MAX_CATALOG_BYTES,
    decompressed,
    read_catalog,
    stat_key,
    validated_document,
)

if TYPE_CHECKING:
    import sqlite3

#: Version of the store's schema (:mod:`jobcli.store.build`); part of the key. Bump it with
#: any change there.
STORE_SCHEMA = 9  # 2: role_totals.importance_counts (match's standing); 3: C++ words;
# 4: role.top_skills, exposure, exposure_source (list's lines); skill_roles.dense;
# 5: role.facts (catalog schema 2), skills' rating and level; 7: role_line.pay, growth, zone
# (list --sort); alternate titles as names (name.how, name_word) and in role_fts;
# fit_weights, role_moves (next, path); 8: fit_vector, fit_posting (the fit on demand);
# 9: role_skill.tool, skill_roles.tools, role_totals' tools and rated_at_most (standing)
#: ``PRAGMA application_id`` of a jobcli store ("JOBC"): a foreign SQLite file is not ours.
APPLICATION_ID = 0x4A4F4243
#: A stat record is trusted only for files last changed this long before their content was read
#: (timestamps are coarse: a jiffy on Linux, 2 s on FAT).
RACY_NS = 2_000_000_000
#: A store file larger than this is not opened: a catalog of 64 MiB compiles to far less.
MAX_STORE_BYTES = 8 * MAX_CATALOG_BYTES
#: How many store files the cache keeps (the most recently built).
KEEP_STORES = 8
#: A temporary file this old was left by a build that crashed, not one under way.
STALE_TEMPORARY_SECONDS = 3600


def meta_for(key: str, info: os.stat_result, digest: str, checked_ns: int) -> dict[str, str]:
    """What a store built from these bytes records about them."""
    return {
        "key": key,
        "catalog_stat": ",".join(map(str, stat_key(info))),
        "catalog_blake2b": digest,
        "checked_ns": str(checked_ns),
    }


# reading -------------------------------------------------------------------------


def connect_ro(slot: Path) -> sqlite3.Connection:
    import sqlite3

    uri = slot.absolute().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def ours(slot: Path) -> os.stat_result | None:
    """The slot's stat data if it is a regular file of ours of a sane size (no symlink)."""
    try:
        info = os.lstat(slot)
    except (OSError, ValueError):
        return None
    uid = getattr(os, "geteuid", None)
    if (
        not stat.S_ISREG(info.st_mode)
        or (uid is not None and info.st_uid != uid())
        or not 0 < info.st_size <= MAX_STORE_BYTES
    ):
        return None
    return info


def open_hit(slot: Path, source: Path, key: str) -> sqlite3.Connection | None:
    """A read-only connection to the slot's store if it serves the catalog as it is now."""
    import sqlite3

    info = ours(slot)
    if info is None:
        return None
    conn: sqlite3.Connection | None = None
    try:
        conn = connect_ro(slot)
        app, version, pages, page_size = conn.execute(
            "SELECT * FROM pragma_application_id(), pragma_user_version(),"
            " pragma_page_count(), pragma_page_size()"
        ).fetchone()
        if (app, version) != (APPLICATION_ID, STORE_SCHEMA) or pages * page_size != info.st_size:
            raise sqlite3.DatabaseError("not a jobcli store, or truncated")
        if not schema_ok(conn):  # a view, a trigger, a changed table: rebuilt
            raise sqlite3.DatabaseError("not the schema a build creates")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("key") != key:
            raise sqlite3.DatabaseError("built for another key")
        if _fresh(source, meta, slot, conn, key):
            return conn
    except (sqlite3.Error, OSError, ValueError, TypeError):
        pass
    if conn is not None:
        conn.close()
    return None


#: BLAKE2b of the store's own schema (:func:`schema_digest` of the rows of ``sqlite_master``
#: for the objects ``store_build.SCHEMA`` creates); a test keeps it equal to a fresh build's.
#: Kept here, not computed, so that a cache hit imports no more than it reads.
SCHEMA_DIGEST = "bb23b0140f617cb898e301076f935518"
#: What SQLite itself adds to that schema: the full-text index's shadow tables, the
#: indexes of UNIQUE and PRIMARY KEY constraints, ANALYZE's statistics.
SQLITE_ADDED = frozenset(
    [("table", f"role_fts_{part}") for part in ("config", "content", "data", "docsize", "idx")]
    + [("index", f"sqlite_autoindex_{table}_1") for table in ("meta", "role", "skill")]
    + [("table", "sqlite_stat1"), ("table", "sqlite_stat4")]
)


def schema_digest(rows: list[tuple[Any, ...]]) -> str:
    """A digest of ``sqlite_master`` rows (type, name, tbl_name, sql), in any order."""
    return blake2b(repr(sorted(rows)).encode(), digest_size=16).hexdigest()


def schema_ok(conn: sqlite3.Connection) -> bool:
    """Whether a store holds exactly what a build creates: its own tables, indexes and
    full-text index, and only SQLite's own additions to them; no view, trigger or table
    of anyone else's (one query; someone who can write the cache could plant them)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    own = [r for r in rows if (r[0], r[1]) not in SQLITE_ADDED]
    for kind, name, table, sql in rows:
        if (kind, name) not in SQLITE_ADDED:
            continue
        if kind == "index" and sql is not None:
            return False
        if kind == "table" and (table != name or not str(sql).startswith("CREATE TABLE")):
            return False
    present = {(r[0], r[1]) for r in rows}
    required = SQLITE_ADDED - {("table", "sqlite_stat1"), ("table", "sqlite_stat4")}
    return required <= present and schema_digest(own) == SCHEMA_DIGEST


def _fresh(
    source: Path, meta: dict[str, Any], slot: Path, conn: sqlite3.Connection, key: str
) -> bool:
    """Whether the catalog file is still the one the store was built from (see above)."""
    try:
        now = os.stat(source)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(now.st_mode):
        return False
    checked_ns = int(meta["checked_ns"])
    recorded = meta["catalog_stat"] == ",".join(map(str, stat_key(now)))
    racy = max(now.st_mtime_ns, now.st_ctime_ns) >= checked_ns - RACY_NS
    if recorded and not racy:
        return True
    # Changed stat data, or a racy record: the content decides.
    started = time.time_ns()
    digest, info = hash_file(source)
    if digest is None or info is None or digest != meta["catalog_blake2b"]:
        return False
    # Record the new stat data, or a check old enough to trust it without hashing: a copy
    # of the store, so only when it saves hashing on later calls.
    if not recorded or max(info.st_mtime_ns, info.st_ctime_ns) < started - RACY_NS:
        _refresh(slot, conn, meta_for(key, info, digest, started))
    return True


def hash_file(path: Path) -> tuple[str | None, os.stat_result | None]:
    """The BLAKE2b of a regular file's bytes and its stat data, if unchanged while read."""
    try:
        with open(path, "rb", buffering=0) as handle:
            before = os.fstat(handle.fileno())
            if not stat.S_ISREG(before.st_mode) or before.st_size > MAX_CATALOG_BYTES:
                return None, None
            digest = blake2b()
            chunk = bytearray(256 * 1024)
            view = memoryview(chunk)
            while count := handle.readinto(chunk):
                digest.update(view[:count])
            after = os.fstat(handle.fileno())
    except (OSError, ValueError):
        return None, None
    if stat_key(before) != stat_key(after):
        return None, None
    return digest.hexdigest(), after


def _refresh(slot: Path, conn: sqlite3.Connection, meta: dict[str, str]) -> None:
    """Record new stat data for an unchanged catalog: a copy of the store, renamed in place.

    Store files are never written once in place (they are opened immutable), so the
    record is updated in a copy. Any failure only means the content is hashed next time.
    """
    import sqlite3

    tmp = _temporary(slot.parent)
    if tmp is None:
        return
    try:
        with sqlite3.connect(tmp) as copy:
            conn.backup(copy)
            copy.executemany(
                "UPDATE meta SET value = ? WHERE key = ?", [(v, k) for k, v in meta.items()]
            )
        copy.close()
        _publish(tmp, slot)
    except (sqlite3.Error, OSError):
        unlink(tmp)


# building -------------------------------------------------------------------------------------


def compile_catalog(
    conn: sqlite3.Connection, content: str | dict[str, Any], meta: dict[str, str]
) -> None:
    """Compile a catalog's text (streamed; may raise NotStreamable) or validated document."""
    from .build import build, build_stream

    if isinstance(content, str):
        build_stream(conn, content, meta)
    else:
        build(conn, content, meta)


def build_memory(content: str | dict[str, Any], key: str) -> sqlite3.Connection:
    import sqlite3

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        compile_catalog(conn, content, {"key": key})
    except BaseException:
        conn.close()
        raise
    return conn


def build_file(
    slot: Path, content: str | dict[str, Any], meta: dict[str, str]
) -> sqlite3.Connection | None:
    """Compile into a temporary file, rename it into ``slot``, open it; None if it cannot be
    written. Raises NotStreamable (leaving nothing behind) as :func:`compile_catalog` does."""
    import sqlite3

    tmp = _temporary(slot.parent)
    if tmp is None:
        return None
    published = False
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            compile_catalog(conn, content, meta)
        finally:
            conn.close()
        _publish(tmp, slot)
        published = True
        prune(slot.parent, keep=slot)
        return connect_ro(slot)
    except (sqlite3.Error, OSError):
        return None
    finally:
        if not published:
            unlink(tmp)


def _temporary(directory: Path) -> Path | None:
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=".store-", suffix=".tmp")
        os.close(fd)
    except OSError:
        return None
    return Path(name)


def _publish(tmp: Path, slot: Path) -> None:
    """Flush ``tmp`` to disk and rename it over ``slot`` (atomic: readers see old or new)."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, slot)


def unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def prune(directory: Path, keep: Path) -> None:
    """Keep the :data:`KEEP_STORES` newest store files; sweep what crashed builds left.

    Only files of ours (by name) are removed, never anything else in the folder:
    store files beyond the newest few, temporary files over an hour old, and the
    cache files of jobcli versions before the store (``catalog-*.json``).
    """
    now = time.time()
    stores: list[tuple[float, Path]] = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        try:
            info = entry.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            if name.startswith("catalog-") and name.endswith(".sqlite3"):
                if entry != keep:
                    stores.append((info.st_mtime, entry))
            elif name.startswith((".store-", ".catalog-")) and name.endswith(".tmp"):
                if now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                    entry.unlink()
            elif name.startswith("catalog-") and name.endswith(".json"):
                entry.unlink()
        except OSError:
            continue
    stores.sort(reverse=True)
    for _, old in stores[KEEP_STORES - 1 :]:
        unlink(old)


def recovery(source: Path, slot: Path, key: str) -> Callable[[], sqlite3.Connection]:
    """What a store whose file turns out damaged mid-query answers from instead.

    The damaged file is removed (the next call compiles the catalog again).
    """

    def recover() -> sqlite3.Connection:
        unlink(slot)
        raw, _ = read_catalog(source)
        raw = decompressed(raw, str(source))
        return build_memory(validated_document(raw, str(source)), key)

    return recover
