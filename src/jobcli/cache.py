"""The validated-catalog cache: validate a catalog once, not on every call.

Validating a catalog (strict JSON parsing, pydantic, the cross-checks) costs
far more than reading it, and most calls read the same, unchanged file. So
the first call stores the validated catalog in a cache file, and later calls
build the catalog from it without importing pydantic.

A cache file is a hit only when its key matches the key of this call:

- the BLAKE2b hash of the catalog file's bytes (not its size or mtime: an edit
  that keeps both must still be seen),
- the jobcli version, the catalog schema version, the cache layout and the
  version of pydantic, which does much of the validating,
- a hash of the modules whose code decides the validated result (parsing,
  validation, the domain classes, this codec), so a development edit to a
  rule cannot be served stale under an unchanged version.

Anything else — a missing, truncated, corrupt, foreign or stale file — is a
miss: the catalog is validated again and the cache rewritten. The file is
JSON (data only: unlike pickle, loading it cannot run code), in a compact
positional layout that parses several times faster than the catalog itself
(and whose roles decode their longer texts only when a command reads them),
and holds a checksum of its body so that a damaged file is never half-read.

Where: ``$XDG_CACHE_HOME/jobcli`` (default ``~/.cache/jobcli``), one file per
catalog path, written atomically (temporary file + rename). Nothing is ever
written beside the catalog. Failing to write the cache is silent: it only
costs speed. ``JOBCLI_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import gc
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

try:
    # What hashlib.blake2b is, without hashlib loading OpenSSL first (2 ms of every call).
    from _blake2 import blake2b
except ImportError:  # not CPython
    from hashlib import blake2b

from . import __version__
from .catalog import (
    MAX_CATALOG_BYTES,
    bundled_catalog_path,
    catalog_from_bytes,
    read_catalog_bytes,
)
from .domain import Catalog, Details, Exposure, Role, RoleSkill, Skill

#: The catalog schema this jobcli reads (``models.SCHEMA_VERSION``; a test keeps them equal,
#: as importing models here would import pydantic on every call).
SCHEMA_VERSION = 1
#: Version of the layout written by :func:`encode_catalog`; bump it when that changes.
CACHE_FORMAT = 3
#: Modules whose code decides what a catalog validates to; their source is part of the key.
_KEY_MODULES = ("cache.py", "catalog.py", "domain.py", "models.py", "names.py")
#: The domain fields the codec below knows. If a domain class changes, the cache stays off
#: (every call validates) until the codec learns the new fields; ``test_cache`` says so.
_CODEC_FIELDS = {
    Catalog: ("memo", "role_by_id", "roles", "schema_version", "skill_by_id", "skills", "source"),
    Skill: ("id", "name", "kind", "description", "aliases"),
    RoleSkill: ("id", "importance"),
    Exposure: ("measure", "value", "source"),
    Details: ("summary", "responsibilities", "human_edge", "ai_exposure", "related"),
    Role: (
        "id",
        "title",
        "summary",
        "skills",
        "aliases",
        "responsibilities",
        "human_edge",
        "onet_soc_code",
        "ai_exposure",
        "related",
    ),
}


def load_catalog_cached(path: Path | None) -> Catalog:
    """The validated catalog at ``path`` (default: the bundled one), from the cache if fresh.

    Raises :class:`~jobcli.errors.CatalogError` exactly as
    :func:`jobcli.catalog.load_catalog` does; an invalid catalog is never cached.
    """
    source = bundled_catalog_path() if path is None else path
    with _no_cyclic_gc():
        slot = cache_file_for(source) if cache_enabled() else None
        # Only a regular file is cached: a pipe (--data <(...)) has a new name every time.
        digest = file_digest(source) if slot is not None else None
        if slot is not None and digest is not None:
            catalog = _read(slot, cache_key(digest))
            if catalog is not None:
                return catalog
        raw = read_catalog_bytes(source)  # raises the CatalogError load_catalog would
        catalog = catalog_from_bytes(raw, str(source))
        if slot is not None and digest is not None:
            # Keyed by the very bytes validated: the file may have changed since it was
            # hashed above, and a newer version must not be stored under the older key.
            _write(slot, cache_key(blake2b(raw).hexdigest()), catalog)
        return catalog


def file_digest(path: Path) -> str | None:
    """The BLAKE2b hash of a regular file's bytes; None if it is anything else or unreadable.

    Read in chunks into one buffer: cheaper than reading the whole file into memory (a
    large catalog is megabytes). On None the caller reads the file the ordinary way,
    uncached: a pipe can be read only once, and an unreadable file gets its error there.
    """
    try:
        with open(path, "rb", buffering=0) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CATALOG_BYTES:
                return None
            digest = blake2b()
            chunk = bytearray(256 * 1024)
            view = memoryview(chunk)
            while count := handle.readinto(chunk):
                digest.update(view[:count])
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


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


def cache_file_for(source: Path) -> Path | None:
    """The cache file of the catalog at ``source``: one per real path, so they stay few."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        real = os.path.realpath(source)
    except (OSError, ValueError):
        return None
    name = blake2b(os.fsencode(real), digest_size=16).hexdigest()
    return directory / f"catalog-{name}.json"


def cache_key(catalog_digest: str) -> dict[str, Any]:
    """What a cache file must have been written for, to serve a catalog of this digest."""
    return {
        "format": CACHE_FORMAT,
        "jobcli": __version__,
        "schema": SCHEMA_VERSION,
        "code": _code_fingerprint(),
        "pydantic": _pydantic_version(),
        "catalog_blake2b": catalog_digest,
    }


def _code_fingerprint() -> str:
    here = Path(__file__).parent
    digest = blake2b()
    for name in _KEY_MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:  # no source beside us (e.g. a zip): the version alone keys it
            digest.update(b"?")
    digest.update(repr([(c.__name__, _fields(c)) for c in _CODEC_FIELDS]).encode())
    return digest.hexdigest()


def _pydantic_version() -> str:
    """The installed pydantic's version: validation is its code as much as ours.

    Read from its ``version.py``, not imported: importing pydantic is what the cache
    saves. If that file cannot be found or read, "?" (the rest of the key still holds).
    """
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


def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a named tuple or a Role; the attributes (slots) of Catalog."""
    fields: tuple[str, ...] = getattr(cls, "_fields", None) or tuple(
        sorted(getattr(cls, "__slots__", ()))
    )
    return fields


def _codec_matches_domain() -> bool:
    return all(_fields(cls) == known for cls, known in _CODEC_FIELDS.items())


# reading and writing ----------------------------------------------------------------------------


def _read(slot: Path, key: dict[str, Any]) -> Catalog | None:
    """The catalog stored in ``slot`` for ``key``, or None for any kind of miss."""
    if not _codec_matches_domain():
        return None
    try:
        with open(slot, "rb") as handle:
            blob = handle.read()
    except (OSError, ValueError):
        return None
    head, newline, body = blob.partition(b"\n")
    try:
        stored = json.loads(head)
        if not newline or not isinstance(stored, dict):
            return None
        written_for = {k: v for k, v in stored.items() if k != "body_crc32"}
        # The checksum guards against damage (a torn or bit-flipped file), not forgery:
        # whoever can write to the user's cache directory can already act as the user.
        if written_for != key or stored.get("body_crc32") != zlib.crc32(body):
            return None
        return decode_catalog(body)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        # Not JSON, or not our layout: a file from elsewhere, or damaged past the checksum.
        return None


def _write(slot: Path, key: dict[str, Any], catalog: Catalog) -> None:
    """Store ``catalog`` under ``key`` atomically; any failure only means no cache."""
    if not _codec_matches_domain():
        return
    import tempfile  # only a miss writes

    tmp: str | None = None
    try:
        data = encode_catalog(catalog)
        head = dict(key, body_crc32=zlib.crc32(data))
        slot.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=slot.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(head, separators=(",", ":")).encode("ascii") + b"\n")
            handle.write(data)
        os.replace(tmp, slot)
        tmp = None
        _sweep_stale_temporaries(slot.parent)
    except Exception:  # full disk, read-only home, a bug in the codec: never the user's problem
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


#: A temporary file this old was left by a write that crashed, not one under way.
STALE_TEMPORARY_SECONDS = 3600


def _sweep_stale_temporaries(directory: Path) -> None:
    """Remove what writes killed mid-way (power cut, SIGKILL) left behind; only on a miss."""
    import time

    now = time.time()
    for leftover in directory.glob(".catalog-*.tmp"):
        try:
            if now - leftover.lstat().st_mtime > STALE_TEMPORARY_SECONDS:
                leftover.unlink()
        except OSError:
            pass


# the compact layout -----------------------------------------------------------------------------
#
# The body is two parts, split at the first newline (JSON text holds none of its own):
#
# 1. The index, one JSON document: what every command reads of every role.
#    [schema_version, source, skills, pairs, texts, roles, ends]
#      skill: [id, name, kind, description, aliases]
#      pairs: flat [skill position, importance, ...]: each distinct skill-and-importance once
#      texts: the distinct exposure measures and sources
#      role:  [id, title, skills, aliases, onet_soc_code]
#        skills: positions in pairs
#      ends:  where each role's details end in part 2 (byte offsets)
# 2. The details of every role, one JSON array after another, not separated:
#      [summary, responsibilities, human_edge, ai_exposure, related]
#        ai_exposure: flat [measure position in texts, value, source position in texts, ...]
#        related: positions in roles
#
# Lists instead of objects, numbers instead of repeated strings: parsing is about half as
# costly, and the decoded catalog shares its repeated values (an O*NET catalog has at most
# 35 x 5 distinct role skills). Part 2 is decoded a role at a time, when a command reads
# one of that role's longer texts (Role.deferred): most of a large catalog's text is in
# part 2, and a lookup, `match` or `show` reads it for a few roles only.


def encode_catalog(catalog: Catalog) -> bytes:
    """The catalog in the cache's compact layout (the body of a cache file)."""
    skill_at = {s.id: i for i, s in enumerate(catalog.skills)}
    role_at = {r.id: i for i, r in enumerate(catalog.roles)}
    pairs: dict[tuple[int, int], int] = {}
    texts: dict[str, int] = {}
    roles = []
    details = bytearray()
    ends = []
    for r in catalog.roles:
        needs = [pairs.setdefault((skill_at[s.id], s.importance), len(pairs)) for s in r.skills]
        exposure = [
            n
            for e in r.ai_exposure
            for n in (
                texts.setdefault(e.measure, len(texts)),
                e.value,
                texts.setdefault(e.source, len(texts)),
            )
        ]
        roles.append(
            [
                r.id,
                r.title,
                needs,
                r.aliases,
                r.onet_soc_code,
            ]
        )
        related = [role_at[other] for other in r.related]
        details += _dump([r.summary, r.responsibilities, r.human_edge, exposure, related])
        ends.append(len(details))
    index = [
        catalog.schema_version,
        catalog.source,
        [[s.id, s.name, s.kind, s.description, s.aliases] for s in catalog.skills],
        [n for pair in pairs for n in pair],
        list(texts),
        roles,
        ends,
    ]
    return _dump(index) + b"\n" + details


def _dump(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def _load(data: bytes) -> Any:
    return json.loads(data.decode("utf-8", "surrogatepass"))


def decode_catalog(body: bytes) -> Catalog:
    """The catalog from :func:`encode_catalog`'s layout; roles read their details lazily.

    Raises ValueError (or TypeError, KeyError, IndexError) for a body of another layout.
    """
    index, newline, details = body.partition(b"\n")
    if not newline:
        raise ValueError("no details part")
    schema_version, source, raw_skills, flat_pairs, texts, raw_roles, ends = _load(index)
    if len(ends) != len(raw_roles) or (ends[-1] if ends else 0) != len(details):
        raise ValueError("the details part does not match the index")
    skills = tuple(Skill(i, n, k, d, tuple(a)) for i, n, k, d, a in raw_skills)
    pair = [
        RoleSkill(skills[flat_pairs[at]].id, flat_pairs[at + 1])
        for at in range(0, len(flat_pairs), 2)
    ]
    reader = _DetailsReader(details, ends, texts, [r[0] for r in raw_roles])
    roles = tuple(
        Role.deferred(
            rid,
            title,
            tuple(map(pair.__getitem__, needs)),
            tuple(aliases),
            soc,
            partial(reader.details, at),
        )
        for at, (rid, title, needs, aliases, soc) in enumerate(raw_roles)
    )
    return Catalog(schema_version, source, skills, roles)


class _DetailsReader:
    """Decodes one role's details from part 2 of a cache body."""

    __slots__ = ("data", "ends", "ids", "texts")

    def __init__(self, data: bytes, ends: list[int], texts: list[str], ids: list[str]) -> None:
        self.data = data
        self.ends = ends
        self.texts = texts
        self.ids = ids

    def details(self, at: int) -> Details:
        start = self.ends[at - 1] if at else 0
        summary, duties, edge, ex, related = _load(self.data[start : self.ends[at]])
        texts = self.texts
        exposure = tuple(
            Exposure(texts[ex[i]], ex[i + 1], texts[ex[i + 2]]) for i in range(0, len(ex), 3)
        )
        return Details(
            summary, tuple(duties), tuple(edge), exposure, tuple(map(self.ids.__getitem__, related))
        )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # Loading allocates hundreds of thousands of objects and no garbage cycles; the cyclic
    # collector would rescan them again and again (half the time of a 20,000-role load),
    # and once more at exit. So it is off while loading, and what is alive afterwards is
    # frozen (gc.freeze): never scanned again, though reference counting still frees it
    # (only a garbage cycle pending right then would outlive its use). jobcli is a
    # short-lived command; this saves a 2,000-role call about 10 ms.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
