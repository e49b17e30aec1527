"""Opening the store: the validated catalog compiled into SQLite; never stale, never trusted.

:func:`open_store` returns a :class:`~jobcli.store.query.Store` for a catalog
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

from .. import __version__
from ..catalog import bundled_catalog_path, decompressed, read_catalog, validated_document
from . import file as files
from .file import STORE_SCHEMA

if TYPE_CHECKING:
    import sqlite3

    from .query import Store

#: The catalog schema this jobcli reads (``models.SCHEMA_VERSION``, kept equal by a test:
#: importing models here would import pydantic on every call).
SCHEMA_VERSION = 2
Note = Callable[[str], None]


def open_store(path: Path | None = None, *, note: Note | None = None) -> Store:
    """The store of the catalog at ``path`` (default: the bundled one).

    Raises :class:`~jobcli.errors.CatalogError` exactly as validating the file does;
    an invalid catalog is never stored. ``note`` receives (at most one) message a
    person should see, such as an unsafe cache folder; the store never prints.
    """
    from .query import Store

    source = bundled_catalog_path() if path is None else path
    origin = str(source)
    notes: list[str] = []
    directory = usable_cache_dir(notes.append)
    if note is not None:
        for text in notes:
            note(text)

    def stored(conn: sqlite3.Connection, file: Path) -> Store:  # a store file of the cache
        recover = files.recovery(source, file, _key_text())
        return Store(conn, origin, persistent=True, notes=notes, recover=recover)

    slot: Path | None = None
    lock: int | None = None
    if directory is not None:
        slot = _slot(directory, source)
        if slot is not None:
            hit = files.open_hit(slot, source, _key_text())
            if hit is not None:
                return stored(hit, slot)
            # One process compiles, the others wait for its store (or answer from memory).
            lock, waited = _build_lock(directory)
            hit = files.open_hit(slot, source, _key_text()) if waited else None
            if hit is not None:
                _unlock(lock)
                return stored(hit, slot)
            if lock is None and waited:  # waited too long: compile in memory, as without cache
                slot = None
    try:
        return _compile(source, origin, slot, notes, stored)
    finally:
        _unlock(lock)


def _compile(
    source: Path,
    origin: str,
    slot: Path | None,
    notes: list[str],
    stored: Callable[[sqlite3.Connection, Path], Store],
) -> Store:
    """Validate and compile the catalog: into ``slot`` when it can, else in memory."""
    from .query import Store

    checked_ns = time.time_ns()
    raw, info = read_catalog(source)  # raises the CatalogError validation would
    # The digest is of the file as it is (as a later call hashes it); a .gz is compiled
    # from what it holds.
    digest = blake2b(raw).hexdigest()
    raw = decompressed(raw, origin)
    # A catalog is compiled from its text role by role (catalog_stream), so that a large
    # one is never held whole; the bytes need not outlive decoding.
    content: str | dict[str, Any] | None = _utf8_text(raw)
    if content is None:
        content = validated_document(raw, origin)
    del raw
    from ..catalog_stream import NotStreamable

    while True:
        try:
            if slot is not None and info is not None:
                meta = files.meta_for(_key_text(), info, digest, checked_ns)
                conn = files.build_file(slot, content, meta)
                if conn is not None:
                    return stored(conn, slot)
            memory = files.build_memory(content, _key_text())
            return Store(memory, origin, persistent=False, notes=notes)
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


# the build lock -------------------------------------------------------------------------------

#: How long a call waits for another one compiling a catalog before compiling in memory.
LOCK_WAIT_SECONDS = 120.0


def _build_lock(directory: Path) -> tuple[int | None, bool]:
    """The cache folder's build lock (``fcntl.flock`` on ``.build.lock``): the descriptor
    holding it (None when it is not held) and whether another process held it first.

    A first call on a large catalog compiles for a long while; ten such calls at once
    would each compile it. The first takes the lock; the others wait, then find its
    store; after :data:`LOCK_WAIT_SECONDS` they answer from memory instead. Where
    there is no ``fcntl`` (Windows) or no lock file can be made, nobody waits.
    """
    try:
        import fcntl
    except ImportError:
        return None, False
    try:
        fd = os.open(directory / ".build.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None, False
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    waited = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd, waited
        except BlockingIOError:
            waited = True
            if time.monotonic() >= deadline:
                os.close(fd)
                return None, True
            time.sleep(0.05)
        except OSError:  # a file system without locks: nobody waits
            os.close(fd)
            return None, False


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the lock


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
        from ..safetext import safe

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


def _code_fingerprint(package: str = os.path.dirname(os.path.dirname(__file__))) -> str:
    """The name, size and mtime of every module of the package, subpackages too.

    Every module, not a list of the ones thought to matter: a list goes stale (it
    once left out the module whose words go into the search index). Stat data, not
    content: any edit of a module gives it a new mtime, and a stat costs a fraction
    of a read (this runs on every call). Installed releases are told apart by the
    version anyway.
    """
    parts: list[str] = []
    skip = len(package) + 1  # the path below the package
    folders = [package]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        parts.append(f"{entry.path[skip:]}:{info.st_size}:{info.st_mtime_ns}")
                    elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
        except OSError:  # no source beside us (e.g. a zip): the version alone keys it
            parts.append(f"{folder[skip:]}:?")
    parts.sort()
    return blake2b(",".join(parts).encode(), digest_size=16).hexdigest()


def _pydantic_version() -> str:
    """The installed pydantic's version, read from its ``version.py``, not imported."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pydantic")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "?"
        text = Path(origin).with_name("version.py").read_text(encoding="utf-8")
    except (ImportError, ValueError, OSError):
        return "?"
    for line in text.splitlines():  # VERSION = '2.11.4'
        name, _, value = line.partition("=")
        if name.strip() == "VERSION" and value.strip()[:1] in ("'", '"'):
            return value.strip().strip("'\"")
    return blake2b(text.encode()).hexdigest()


def __getattr__(name: str) -> Any:
    """``jobcli.store.Store``, imported when asked for: opening a store needs no queries."""
    if name == "Store":
        from .query import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
