"""Loading a catalog: read, decode, parse and validate, with every error as a value.

``load_catalog`` returns a :class:`~jobcli.domain.Catalog` or raises
:class:`~jobcli.errors.CatalogError` holding every problem with its location
(a JSON path, or line and column for broken JSON). It only ever reads.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .domain import Catalog
from .errors import CatalogError, Problem, capped, format_location

#: Larger files are refused rather than read: a catalog of 20,000 roles is far below this.
MAX_CATALOG_BYTES = 64 * 1024 * 1024
BUNDLED_NAME = "roles.json"


#: The catalogs jobcli ships, by the name ``--catalog`` takes: the file of each (the first is
#: the default). ``onet`` is generated (gzip of the catalog JSON) from O*NET and BLS files.
BUNDLED_CATALOGS = {"seven": BUNDLED_NAME, "onet": "onet.json.gz"}
DEFAULT_CATALOG = "seven"


def bundled_catalog_path(file_name: str = BUNDLED_NAME) -> Path:
    """A catalog shipped inside the package (``data/roles.json`` in the repository)."""
    # The path importlib.resources.files("jobcli") gives for a package on disk, where a
    # wheel puts the file; importing importlib.resources (and zipfile) would cost every
    # call more time than reading the catalog.
    packaged = Path(__file__).parent / "data" / file_name
    if packaged.is_file():
        return packaged
    # An editable install runs from the source tree, where the file sits at the top.
    return Path(__file__).resolve().parents[2] / "data" / file_name


def named_catalog_path(name: str) -> Path:
    """The file of the bundled catalog ``name`` (a key of :data:`BUNDLED_CATALOGS`)."""
    return bundled_catalog_path(BUNDLED_CATALOGS[name])


def load_catalog(path: Path | None = None) -> Catalog:
    """The validated catalog at ``path`` (default: the bundled one)."""
    path = bundled_catalog_path() if path is None else path
    raw = read_catalog_bytes(path)
    return catalog_from_bytes(raw, str(path))


def read_catalog_bytes(path: Path) -> bytes:
    """The catalog's bytes (decompressed if gzip), or a :class:`CatalogError`."""
    return decompressed(read_catalog(path)[0], str(path))


#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


def decompressed(raw: bytes, origin: str) -> bytes:
    """``raw`` itself, or the catalog a gzip file holds (``onet.json.gz``), at most
    :data:`MAX_CATALOG_BYTES` of it.

    Only a call that compiles the store decompresses (zlib, imported here): a warm call
    checks the file's stat data and never reads it.
    """
    if not raw.startswith(GZIP_MAGIC):
        return raw
    import zlib

    out = bytearray()
    rest = raw
    try:
        while rest:  # a gzip file may hold several members, one after the other
            engine = zlib.decompressobj(wbits=31)
            out += engine.decompress(rest, MAX_CATALOG_BYTES + 1 - len(out))
            if len(out) > MAX_CATALOG_BYTES:
                raise _error(
                    origin,
                    f"the catalog it holds is larger than {MAX_CATALOG_BYTES // 2**20} MiB",
                )
            if not engine.eof:
                raise _error(origin, "not a complete gzip file (cut short?)")
            rest = engine.unused_data
    except zlib.error as exc:
        raise _error(origin, f"not a valid gzip file: {exc}") from None
    return bytes(out)


def read_catalog(path: Path) -> tuple[bytes, os.stat_result | None]:
    """The file's bytes and its stat data, or a :class:`CatalogError` a person can act on.

    The stat data (None unless a regular file that did not change while read) is taken
    from the open file before and after reading: it describes the very bytes returned.
    """
    origin = str(path)
    try:
        with open(path, "rb") as handle:
            before = os.fstat(handle.fileno())
            size = before.st_size
            if size > MAX_CATALOG_BYTES:
                raise _error(
                    origin,
                    f"the file is {size / 2**20:.0f} MiB; jobcli reads catalogs up to "
                    f"{MAX_CATALOG_BYTES // 2**20} MiB",
                )
            data = handle.read(MAX_CATALOG_BYTES + 1)
            after = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise _error(origin, "no such file") from None
    except IsADirectoryError:
        raise _error(origin, "is a directory, not a catalog file") from None
    except PermissionError:
        raise _error(origin, "permission denied: jobcli cannot read this file") from None
    except OSError as exc:
        raise _error(origin, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_CATALOG_BYTES:  # grew while we read it
        raise _error(origin, f"the file is larger than {MAX_CATALOG_BYTES // 2**20} MiB")
    unchanged = stat_key(before) == stat_key(after) and len(data) == after.st_size
    return data, after if unchanged and stat.S_ISREG(after.st_mode) else None


def stat_key(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """What identifies a file's version without reading it: device, inode, size, mtime, ctime.

    No program can set a file's ctime (``touch -r`` restores mtime, and sets ctime to now),
    so any write, rename over or attribute change gives a new key.
    """
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def catalog_from_bytes(raw: bytes, origin: str) -> Catalog:
    """Parse and validate ``raw``; ``origin`` names it in errors."""
    return Catalog.from_dict(validated_document(raw, origin))


def validated_document(raw: bytes, origin: str) -> dict[str, Any]:
    """The parsed catalog document in ``raw``, checked valid; ``origin`` names it in errors.

    Raises :class:`CatalogError` with the first problems (and the count of the others).
    """
    from .models import problems_in

    try:
        data = parse_json(raw, origin)
    except DuplicateKeysError as exc:
        # Every problem, not only the keys given twice: check what the parser kept too.
        raise capped(origin, [*exc.duplicates, *problems_in(exc.document)]) from None
    problems = problems_in(data)
    if problems:
        raise capped(origin, problems)
    assert isinstance(data, dict)  # a valid catalog is an object
    return data


def parse_json(raw: bytes, origin: str) -> Any:
    """Decode (UTF-8, a BOM allowed) and parse strict JSON: no duplicate keys, no NaN."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise _error(origin, "the file is empty; a catalog is a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw, exc.start)
        raise _error(
            origin, f"not UTF-8 text: byte 0x{raw[exc.start]:02x}", f"line {line}, column {column}"
        ) from None
    tracker = _DuplicateKeys()
    try:
        data = json.loads(text, object_pairs_hook=tracker, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _error(
            origin, f"not valid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except _ConstantError as exc:
        raise _error(origin, f"not valid JSON: {exc} is not a JSON value") from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise _error(origin, "not a catalog: a number in it has thousands of digits") from None
    except RecursionError:
        raise _error(origin, "not a catalog: the JSON is nested too deeply") from None
    if tracker.found:
        raise DuplicateKeysError(origin, _duplicate_problems(data), data)
    # "\ud800" escapes may leave a lone surrogate: not text, and no encoder can write it.
    if may_hold_surrogate_escape(text) and (problems := _surrogate_problems(data)):
        raise capped(origin, problems)
    return data


def may_hold_surrogate_escape(text: str) -> bool:
    """Whether ``text`` writes a ``\\uDxxx`` escape (that may decode to a lone surrogate)."""
    for marker in ("\\ud", "\\uD"):
        at = text.find(marker)
        while at >= 0:
            if text[at + 3 : at + 4] in _SURROGATE_SECOND_DIGITS:
                return True
            at = text.find(marker, at + 3)
    return False


#: The third hex digit of \uD800-\uDFFF (a high or low surrogate); "" never matches.
_SURROGATE_SECOND_DIGITS = frozenset("89abcdefABCDEF")


def _walk(data: Any) -> Iterator[tuple[tuple[int | str, ...], Any]]:
    """Every value of a parsed document with its location, depth first, in document order.

    Iterative: the document may be nested deeper than Python's recursion limit.
    """
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        yield loc, value
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(value))))


def _surrogate_problems(data: Any) -> list[Problem]:
    # Compiled here, for a catalog that writes a \uDxxx escape: at import it costs every call.
    surrogate = re.compile("[\ud800-\udfff]")
    problems: list[Problem] = []
    message = "holds a lone surrogate escape such as \\ud800: not valid text"
    for loc, value in _walk(data):
        if isinstance(value, str):
            if surrogate.search(value):
                problems.append(Problem(format_location(loc), f"the text {message}"))
        elif isinstance(value, dict):
            for key in value:
                if surrogate.search(key):
                    problems.append(Problem(format_location(loc), f"a key {message}"))
    return problems


class DuplicateKeysError(CatalogError):
    """A document that gives a key twice in one object: those problems, and the document
    as parsed (the last value of each key), so that its other problems can be found too."""

    def __init__(self, origin: str, duplicates: list[Problem], document: Any) -> None:
        shown = capped(origin, duplicates)
        super().__init__(origin, shown.problems, more=shown.more)
        self.duplicates = duplicates
        self.document = document


class _ConstantError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _ConstantError(name)


class _DupDict(dict[str, Any]):
    """A parsed object that held a key twice (JSON parsers silently keep the last)."""

    duplicates: list[str]


class _DuplicateKeys:
    """``object_pairs_hook`` that notices keys given twice in one object."""

    def __init__(self) -> None:
        self.found = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        self.found = True
        marked = _DupDict(result)
        seen: set[str] = set()
        marked.duplicates = []
        for key, _ in pairs:
            if key in seen and key not in marked.duplicates:
                marked.duplicates.append(key)
            seen.add(key)
        return marked


def _duplicate_problems(data: Any) -> list[Problem]:
    return [
        Problem(format_location((*loc, key)), f"key {key!r} is given twice in one object")
        for loc, value in _walk(data)
        if isinstance(value, _DupDict)
        for key in value.duplicates
    ]


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _error(origin: str, message: str, location: str = "") -> CatalogError:
    return CatalogError(origin, [Problem(location, message)])
