"""Writing the catalog file: atomically, only over a regular file, keeping its mode.

Rules for the output path (``-o FILE``):

- a new file is created in an existing folder; a missing folder, an empty name or a
  name ending in ``/`` is refused (:class:`OutputError`);
- an existing regular file is replaced only with ``force`` (else
  :class:`FileExistsError`), and keeps its permission bits (and owner, where the
  system allows);
- a symbolic link is followed: when it leads to a regular file, that file is replaced
  (the link stays a link); a dangling link or a loop is refused;
- a folder, device, FIFO or socket is refused, with or without ``force``.

A name ending in ``.gz`` gets the JSON without indentation, gzip-compressed
deterministically (level 9, no file name, modification time 0): the same catalog
gives the same bytes.

The text goes to a temporary file ``.NAME.PID-XXXXXXXX.tmp`` beside the target, which
then replaces it; on any error the temporary file is removed and the target is
untouched. Temporary files of ours that a killed import left behind (same prefix, a
process that no longer runs, or the pre-PID form ``.NAME.XXXXXXXX.tmp``) are swept
before writing; nothing else in the folder is touched.
"""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import re
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any


class OutputError(Exception):
    """The output file cannot be written there (exit 74): ``path`` and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def catalog_text(catalog: dict[str, Any], *, compact: bool = False) -> str:
    """The catalog as UTF-8 JSON text: 2-space indent (or none: ``compact``), a final newline."""
    if compact:  # no indent: json's C encoder, three times as fast, a smaller file
        return json.dumps(catalog, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"


def _exists_error(out: str) -> FileExistsError:
    return FileExistsError(errno.EEXIST, "the file already exists (use --force to replace it)", out)


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def output_target(
    out: str | os.PathLike[str], *, force: bool
) -> tuple[Path, os.stat_result | None]:
    """The file to write for ``-o out`` and its current status (None when new).

    Raises :class:`OutputError` when ``out`` cannot be a catalog file and
    :class:`FileExistsError` when it exists and ``force`` is false.
    """
    text = os.fspath(out)
    if not text:
        raise OutputError("", "the output file name is empty; give one, such as onet.json")
    if text.endswith(("/", os.sep)):
        raise OutputError(
            text, "names a folder (it ends with '/'); add a file name, such as onet.json"
        )
    path = Path(text)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(text, f"the folder {str(parent)!r} does not exist") from None
        return path, None
    except OSError as exc:
        raise OutputError(text, exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise OutputError(text, "is a symbolic link to a file that does not exist") from None
        except OSError as exc:
            raise OutputError(
                text, f"is a symbolic link jobcli cannot follow: {exc.strerror}"
            ) from None
        path = Path(os.path.realpath(path))
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(text, "is a folder; give a file name inside it, such as onet.json")
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise OutputError(text, f"is {kind}, not a regular file; jobcli writes only files")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(text, "is not a regular file")
    if not force:
        raise _exists_error(text)
    return path, info


def write_catalog(
    catalog: dict[str, Any], out: str | os.PathLike[str], *, force: bool = False
) -> Path:
    """Write ``catalog`` to ``out`` atomically, by the rules above; the path written."""
    compressed = os.fspath(out).endswith(".gz")
    data = catalog_text(catalog, compact=compressed).encode("utf-8")
    if compressed:
        data = gzip_bytes(data)
    target, info = output_target(out, force=force)
    sweep_leftovers(target)
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(temp, info)
        if info is not None:
            os.replace(temp, target)
        else:
            _link_no_clobber(temp, target, os.fspath(out))
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    return target


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzip-compressed the same way every time: level 9, no name, mtime 0."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()


def _give_mode(path: Path, info: os.stat_result | None) -> None:
    """The replaced file's mode (and owner, if allowed); else the mode a new file gets."""
    if os.name != "posix":
        return
    if info is not None:
        os.chmod(path, stat.S_IMODE(info.st_mode))
        if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            with suppress(OSError):  # only root may give a file away
                os.chown(path, info.st_uid, info.st_gid)
        return
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _link_no_clobber(temp: Path, target: Path, shown: str) -> None:
    """Move ``temp`` to ``target`` unless ``target`` appeared meanwhile (FileExistsError)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise _exists_error(shown) from None
    except OSError:
        # No hard links here (some file systems): check, then replace.
        if os.path.lexists(target):
            raise _exists_error(shown) from None
        os.replace(temp, target)
        return
    temp.unlink()


def sweep_leftovers(target: Path) -> list[str]:
    """Remove the temporary files a killed write of ``target`` left; the names removed."""
    name = re.escape(target.name)
    ours = re.compile(rf"\.{name}\.(?:(?P<pid>[0-9]+)-)?[A-Za-z0-9_]{{8}}\.tmp")
    removed: list[str] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = ours.fullmatch(entry.name)
        if match is None:
            continue
        pid = match["pid"]
        if pid is not None and _running(int(pid)):
            continue  # another import is writing it now
        with suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # signal 0 is not a probe elsewhere
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
