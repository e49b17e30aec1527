"""Opening the store: the validated catalog compiled into SQLite; never stale, never trusted.

:func:`open_store` returns a :class:`~jobcli.store_query.Store` for a catalog
file. The first call on a catalog validates it and compiles it into a SQLite
database in the user's cache folder; later calls open that database read-only
and query it, without reading the catalog, importing pydantic or decoding
roles they do not need.

**Never stale.** A store file is used only when all of these hold:

- its key matches this call's: jobcli's version, the store schema, the catalog
  schema, a hash of the modules whose code decides the stored result, and
  pydantic's version (part of validation);
- the catalog file's stat data — device, inode, size, mtime and ctime in
  nanoseconds — equals what was recorded when its content was last hashed.
  No program can set ctime: any write, ``mv`` over the file, or ``touch -r``
  (which restores mtime) gives it the current time, so an edited or swapped
  file never matches;
- and that record is not *racy* (as git calls it): if the file's mtime or ctime
  was within :data:`RACY_NS` of the moment its content was read, a later edit
  within the same timestamp tick could keep them, so the content is hashed
  again (BLAKE2b) and compared with the stored hash. Likewise whenever the stat
  data differs: an unchanged content (``touch``) is still served, and the record
  refreshed; a changed one is compiled again.

**Never trusted blindly.** The cache folder (``$XDG_CACHE_HOME/jobcli``, else
``~/.cache/jobcli``) is created 0700; one that is a symlink, owned by another
user, or writable by group or others is not used (a note says so, answers come
from memory). Only a regular file of ours, not a symlink, no larger than
:data:`MAX_STORE_BYTES`, with jobcli's application id, schema version and the
size its pages say, is opened — read-only and immutable. Anything else (a FIFO,
a truncated, corrupt or foreign file) is a miss: the catalog is compiled again
into a temporary file, renamed into place (so concurrent first calls all
succeed and agree). A page found damaged during a query is answered from an
in-memory database instead.

**No cache.** ``JOBCLI_NO_CACHE=1``, a read-only or missing home, a file in the
folder's place: the store is built in memory from the validated catalog — the
same answers, more slowly.
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

from . import __version__
from .catalog import (
    MAX_CATALOG_BYTES,
    bundled_catalog_path,
    read_catalog,
    stat_key,
    validated_document,
)
from .catalog_stream import NotStreamable

if TYPE_CHECKING:
    import sqlite3

    from .store_query import Store

#: Version of the store's schema (:mod:`jobcli.store_build`); part of the key. Bump it with
#: any change there.
STORE_SCHEMA = 1
#: ``PRAGMA application_id`` of a jobcli store ("JOBC"): a foreign SQLite file is not ours.
APPLICATION_ID = 0x4A4F4243
#: The catalog schema this jobcli reads (``models.SCHEMA_VERSION``, kept equal by a test:
#: importing models here would import pydantic on every call).
SCHEMA_VERSION = 1
#: Modules whose code decides what a catalog compiles to; their source is part of the key.
_KEY_MODULES = ("catalog.py", "domain.py", "models.py", "names.py", "store.py", "store_build.py")
#: A stat record is trusted only for files last changed this long before their content was read
#: (timestamps are coarse: a jiffy on Linux, 2 s on FAT).
RACY_NS = 2_000_000_000
#: A store file larger than this is not opened: a catalog of 64 MiB compiles to far less.
MAX_STORE_BYTES = 8 * MAX_CATALOG_BYTES
#: How many store files the cache keeps (the most recently built).
KEEP_STORES = 8
#: A temporary file this old was left by a build that crashed, not one under way.
STALE_TEMPORARY_SECONDS = 3600

Note = Callable[[str], None]


def open_store(path: Path | None = None, *, note: Note | None = None) -> Store:
    """The store of the catalog at ``path`` (default: the bundled one).

    Raises :class:`~jobcli.errors.CatalogError` exactly as validating the file does;
    an invalid catalog is never stored. ``note`` receives (at most one) message a
    person should see, such as an unsafe cache folder; the store never prints.
    """
    from .store_query import Store

    source = bundled_catalog_path() if path is None else path
    origin = str(source)
    notes: list[str] = []
    directory = usable_cache_dir(notes.append)
    if note is not None:
        for text in notes:
            note(text)
    slot: Path | None = None
    if directory is not None:
        slot = _slot(directory, source)
        if slot is not None:
            hit = _open_hit(slot, source)
            if hit is not None:
                return Store(
                    hit, origin, persistent=True, notes=notes, recover=_recovery(source, slot)
                )
    checked_ns = time.time_ns()
    raw, info = read_catalog(source)  # raises the CatalogError validation would
    digest = blake2b(raw).hexdigest()
    # A catalog is compiled from its text role by role (catalog_stream), so that a large
    # one is never held whole; the bytes need not outlive decoding.
    content: str | dict[str, Any] | None = _utf8_text(raw)
    if content is None:
        content = validated_document(raw, origin)
    del raw
    while True:
        try:
            if slot is not None and info is not None:
                conn = _build_file(slot, content, _meta(info, digest, checked_ns))
                if conn is not None:
                    return Store(
                        conn, origin, persistent=True, notes=notes, recover=_recovery(source, slot)
                    )
            return Store(_build_memory(content), origin, persistent=False, notes=notes)
        except NotStreamable:
            # Something unusual, maybe invalid: the full check decides and words the problems.
            assert isinstance(content, str)
            content = validated_document(content.encode("utf-8"), origin)


def _utf8_text(raw: bytes) -> str | None:
    """The catalog's text (a BOM dropped), or None if it is not UTF-8 (the full check says)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# the cache folder -----------------------------------------------------------------------------


def cache_enabled() -> bool:
    """False when ``JOBCLI_NO_CACHE`` is set to anything but ``""`` or ``"0"``."""
    return os.environ.get("JOBCLI_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/jobcli``, else ``~/.cache/jobcli``; None when there is no home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path: it would depend on the working directory.
    if not os.path.isabs(base):
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "jobcli"


def usable_cache_dir(note: Note) -> Path | None:
    """The cache folder, created 0700 if missing, when it is safe to use; else None.

    Silently None when caching is off or the folder cannot be made (read-only home, a
    file in its place). None with a ``note`` when it exists but is not safe: a symlink,
    not a folder, owned by another user, or writable by group or others (anyone who can
    write there could plant a store that answers for a catalog it does not match).
    """
    if not cache_enabled():
        return None
    directory = cache_dir()
    if directory is None:
        return None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(directory)
    except (OSError, ValueError):
        return None
    why = _untrusted(info)
    if why is not None:
        from .safetext import safe

        note(
            f"not using the cache folder {safe(str(directory))}: {why}; "
            "answering from memory (slower)"
        )
        return None
    return directory


def _untrusted(info: os.stat_result) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    uid = getattr(os, "geteuid", None)
    if uid is not None and info.st_uid != uid():
        return "it belongs to another user"
    if info.st_mode & 0o022:
        return "other users can write to it"
    return None


def _slot(directory: Path, source: Path) -> Path | None:
    """The store file of the catalog at ``source`` for this key: one per path and key."""
    try:
        real = os.fsencode(os.path.realpath(source))
    except (OSError, ValueError):
        return None
    name = blake2b(real + b"\0" + _key_text().encode(), digest_size=16).hexdigest()
    return directory / f"catalog-{name}.sqlite3"


# the key --------------------------------------------------------------------------------------

_key_memo: list[str] = []


def _key_text() -> str:
    """What a store must have been built by: versions and the code that compiles it."""
    if not _key_memo:
        _key_memo.append(
            f"jobcli={__version__};store={STORE_SCHEMA};schema={SCHEMA_VERSION};"
            f"code={_code_fingerprint()};pydantic={_pydantic_version()}"
        )
    return _key_memo[0]


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    digest = blake2b(digest_size=16)
    for name in _KEY_MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:  # no source beside us (e.g. a zip): the version alone keys it
            digest.update(b"?")
    return digest.hexdigest()


def _pydantic_version() -> str:
    """The installed pydantic's version, read from its ``version.py``, not imported."""
    import re
    from importlib.util import find_spec

    try:
        spec = find_spec("pydantic")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "?"
        text = Path(origin).with_name("version.py").read_text(encoding="utf-8")
    except (ImportError, ValueError, OSError):
        return "?"
    found = re.search(r"""^VERSION = ['"]([^'"]+)['"]""", text, re.MULTILINE)
    return found.group(1) if found else blake2b(text.encode()).hexdigest()


def _meta(info: os.stat_result, digest: str, checked_ns: int) -> dict[str, str]:
    return {
        "key": _key_text(),
        "catalog_stat": ",".join(map(str, stat_key(info))),
        "catalog_blake2b": digest,
        "checked_ns": str(checked_ns),
    }


# reading a store file -------------------------------------------------------------------------


def _connect_ro(slot: Path) -> sqlite3.Connection:
    import sqlite3

    uri = slot.absolute().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _ours(slot: Path) -> os.stat_result | None:
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


def _open_hit(slot: Path, source: Path) -> sqlite3.Connection | None:
    """A read-only connection to the slot's store if it serves the catalog as it is now."""
    import sqlite3

    info = _ours(slot)
    if info is None:
        return None
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect_ro(slot)
        (app,), (version,), (pages,), (page_size,) = (
            conn.execute(f"PRAGMA {p}").fetchone()
            for p in ("application_id", "user_version", "page_count", "page_size")
        )
        if (app, version) != (APPLICATION_ID, STORE_SCHEMA) or pages * page_size != info.st_size:
            raise sqlite3.DatabaseError("not a jobcli store, or truncated")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("key") != _key_text():
            raise sqlite3.DatabaseError("built for another key")
        if _fresh(source, meta, slot, conn):
            return conn
    except (sqlite3.Error, OSError, ValueError, TypeError):
        pass
    if conn is not None:
        conn.close()
    return None


def _fresh(source: Path, meta: dict[str, Any], slot: Path, conn: sqlite3.Connection) -> bool:
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
    digest, info = _hash_file(source)
    if digest is None or info is None or digest != meta["catalog_blake2b"]:
        return False
    # Record the new stat data, or a check old enough to trust it without hashing: a copy
    # of the store, so only when it saves hashing on later calls.
    if not recorded or max(info.st_mtime_ns, info.st_ctime_ns) < started - RACY_NS:
        _refresh(slot, conn, _meta(info, digest, started))
    return True


def _hash_file(path: Path) -> tuple[str | None, os.stat_result | None]:
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
        _unlink(tmp)


# building -------------------------------------------------------------------------------------


def _compile(conn: sqlite3.Connection, content: str | dict[str, Any], meta: dict[str, str]) -> None:
    """Compile a catalog's text (streamed; may raise NotStreamable) or validated document."""
    from .store_build import build, build_stream

    if isinstance(content, str):
        build_stream(conn, content, meta)
    else:
        build(conn, content, meta)


def _build_memory(content: str | dict[str, Any]) -> sqlite3.Connection:
    import sqlite3

    conn = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        _compile(conn, content, {"key": _key_text()})
    except BaseException:
        conn.close()
        raise
    return conn


def _build_file(
    slot: Path, content: str | dict[str, Any], meta: dict[str, str]
) -> sqlite3.Connection | None:
    """Compile into a temporary file, rename it into ``slot``, open it; None if it cannot be
    written. Raises NotStreamable (leaving nothing behind) as :func:`_compile` does."""
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
            _compile(conn, content, meta)
        finally:
            conn.close()
        _publish(tmp, slot)
        published = True
        _prune(slot.parent, keep=slot)
        return _connect_ro(slot)
    except (sqlite3.Error, OSError):
        return None
    finally:
        if not published:
            _unlink(tmp)


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


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _prune(directory: Path, keep: Path) -> None:
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
        _unlink(old)


def _recovery(source: Path, slot: Path) -> Callable[[], sqlite3.Connection]:
    """What a store whose file turns out damaged mid-query answers from instead.

    The damaged file is removed (the next call compiles the catalog again).
    """

    def recover() -> sqlite3.Connection:
        _unlink(slot)
        raw, _ = read_catalog(source)
        return _build_memory(validated_document(raw, str(source)))

    return recover
