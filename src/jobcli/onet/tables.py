"""Reading O*NET's tab-separated text files: columns by name, rows checked, errors with lines.

Every file is tab-separated with a header row (the exposure CSV is comma-separated).
Fields may be padded with spaces or wrapped in double quotes; a UTF-8 BOM and CRLF
line endings are tolerated; blank lines are skipped. A file larger than
:data:`MAX_INPUT_BYTES` is refused before it is read.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The largest input file read (the biggest file of a real release is about 6 MiB);
#: the same bound as a catalog's.
MAX_INPUT_BYTES = 64 * 1024 * 1024

_CODE_RE = re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}")


class OnetImportError(Exception):
    """The release cannot be imported: the message names the file and, if any, the line."""

    def __init__(self, file: str | os.PathLike[str], line: int | None, reason: str) -> None:
        self.file = str(file)
        self.line = line
        self.reason = reason
        where = self.file if line is None else f"{self.file}, line {line}"
        super().__init__(f"{where}: {reason}")


def clean(field: str) -> str:
    """A field without padding or one pair of wrapping double quotes ("" inside -> ")."""
    field = field.strip()
    if field[:1] != '"':  # the common case, first
        return field
    if len(field) >= 2 and field[-1] == '"':
        field = field[1:-1].replace('""', '"').strip()
    return field


def _column_key(name: str) -> str:
    return " ".join(clean(name).split()).casefold()


def read_text(path: Path) -> str:
    """The file's text (UTF-8, BOM dropped), at most :data:`MAX_INPUT_BYTES` long."""
    limit = MAX_INPUT_BYTES
    try:
        # Non-blocking: a FIFO put where a file should be cannot hang the import.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise OnetImportError(path, None, "is not a regular file")
            if info.st_size > limit:
                raise OnetImportError(
                    path,
                    None,
                    f"the file is {info.st_size / 2**20:.0f} MiB; jobcli reads O*NET files "
                    f"up to {limit // 2**20} MiB",
                )
            data = handle.read(limit + 1)
    except OSError as exc:
        raise OnetImportError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew while we read it
        raise OnetImportError(path, None, f"the file is larger than {limit // 2**20} MiB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise OnetImportError(path, line, "the text is not valid UTF-8") from None


class Table:
    """A file with a header row: column lookup by name, rows checked for width."""

    def __init__(self, path: Path, *, delimiter: str = "\t") -> None:
        self.path = path
        self.name = path.name
        self._codes: dict[str, str] = {}
        text = read_text(path)
        if delimiter == "\t":
            lines = text.split("\n")
            header_fields = lines[0].split("\t")
            self._raw_rows: Iterator[tuple[int, list[str]]] = (
                (number, line.split("\t"))
                for number, line in enumerate(lines[1:], start=2)
                if line.strip()
            )
        else:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            try:
                header_fields = next(reader)
            except (StopIteration, csv.Error):
                header_fields = []
            self._raw_rows = self._csv_rows(reader)
        self.width = len(header_fields)
        self.columns: dict[str, int] = {}
        for index, name in enumerate(header_fields):
            self.columns.setdefault(_column_key(name), index)
        if not any(self.columns):
            raise OnetImportError(path, 1, "the file is empty: expected a header row")

    def _csv_rows(self, reader: Any) -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on: a quote left open runs on to the end of
        the file, and it is the line where it opened that needs the fix."""
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise OnetImportError(self.path, start, f"bad CSV: {exc}") from None
            if reader.line_num > start and len(row) != self.width:
                raise OnetImportError(
                    self.path,
                    start,
                    f"a quoted field opened on this line runs to line {reader.line_num}: "
                    "is a closing quote missing?",
                )
            if row and any(field.strip() for field in row):
                yield start, row

    def column(self, name: str) -> int | None:
        """The index of the column ``name``, or None when the header lacks it."""
        return self.columns.get(_column_key(name))

    def need(self, name: str) -> int:
        """The index of the column ``name``; an error on line 1 when the header lacks it."""
        index = self.column(name)
        if index is None:
            raise OnetImportError(self.path, 1, f"the header has no column {name!r}")
        return index

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(line number, fields)`` of each data row; a row of the wrong width is an error."""
        width = self.width
        for number, fields in self._raw_rows:
            if len(fields) != width:
                raise OnetImportError(
                    self.path, number, f"expected {width} fields, found {len(fields)}"
                )
            yield number, fields

    def error(self, line: int, reason: str) -> OnetImportError:
        return OnetImportError(self.path, line, reason)

    def code(self, fields: list[str], index: int, line: int, column: str) -> str:
        """The O*NET-SOC code in ``fields[index]``; an error naming the line if it is not one."""
        raw = fields[index]
        code = self._codes.get(raw)  # a code repeats on many lines: check each spelling once
        if code is None:
            code = clean(raw)
            if not _CODE_RE.fullmatch(code):
                raise self.error(line, f"{column} {code!r} is not an O*NET-SOC code (NN-NNNN.NN)")
            self._codes[raw] = code
        return code

    def number(self, fields: list[str], index: int, line: int, column: str) -> float:
        """The finite number in ``fields[index]``; an error naming the line if it is not one."""
        text = clean(fields[index])
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.error(line, f"{column} {text!r} is not a number")
        return value


def flag(fields: list[str], index: int | None) -> bool:
    """Whether the column at ``index`` (if any) says Y."""
    if index is None:
        return False
    value = fields[index].strip()
    return value in ("Y", "y") if len(value) == 1 else clean(value).upper() == "Y"


class LineNotes:
    """Rows a reader set aside, each with its line: summed up in one note, the first few shown."""

    SHOWN = 3

    def __init__(self, file_name: str, what: str) -> None:
        self.file_name = file_name
        self.what = what
        self.items: list[tuple[int, str]] = []

    def add(self, line: int, text: str) -> None:
        self.items.append((line, text))

    def note(self) -> str | None:
        """``"Skills.txt: 2 rows ...: line 5: ...; line 9: ..."``, or None when there were none."""
        if not self.items:
            return None
        shown = "; ".join(f"line {line}: {text}" for line, text in self.items[: self.SHOWN])
        more = len(self.items) - self.SHOWN
        tail = f"; and {more} more" if more > 0 else ""
        return f"{self.file_name}: {len(self.items)} row(s) {self.what}: {shown}{tail}"
