"""Pay and outlook from the U.S. Bureau of Labor Statistics' Excel files.

- OEWS national wages (``national_M2024_dl.xlsx``, sheet ``national_M2024_dl``):
  rows of ``O_GROUP`` ``detailed`` (an occupation's own) and ``broad`` (a group of
  them); annual ``A_MEDIAN``, ``A_PCT10``, ``A_PCT90``. ``#`` is top-coded (at least
  :data:`TOP_CODE` dollars: that figure is kept and named in ``top_coded``), ``*`` no
  estimate (null).
- Employment Projections (``ep_2024_34_occupation.xlsx``, sheet ``Table 1.2``: a
  title row, then the header row): ``Line item`` rows are occupations, ``Summary``
  rows groups; employment and openings are in thousands (converted to people).

Both are keyed by 2018 SOC code: O*NET ``15-2051.01`` belongs to SOC ``15-2051``
(:func:`locate`). The Excel reader, python-calamine, is an optional dependency
(``pip install 'jobcli[import]'``) imported only here, inside :func:`_sheet_rows`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tables import MAX_INPUT_BYTES, OnetImportError

#: BLS's top code for annual wages (May 2024): ``#`` means at least this much.
TOP_CODE = 239200
EXCEL_READER_MISSING = (
    "reading Excel files needs python-calamine: pip install 'jobcli[import]' "
    "(or pip install python-calamine)"
)
_OEWS_SHEET = re.compile(r"national_M([0-9]{4})_dl", re.IGNORECASE)
_EP_SHEET = "Table 1.2"
_YEARS = re.compile(r"([0-9]{4})\s*[–-]\s*([0-9]{2,4})")
_MISSING = frozenset({"", "*", "**", "—", "–", "-", "n/a", "na"})
_TOP = "#"
PAY_FIELDS = (("median", "A_MEDIAN"), ("p10", "A_PCT10"), ("p90", "A_PCT90"))


@dataclass(frozen=True)
class BlsRow:
    """One SOC code's row: whether it is an occupation's own (not a group's), its figures."""

    soc: str
    title: str
    own: bool
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BlsTable:
    """A BLS file read: SOC code -> row, the period ("May 2024"), the credit line."""

    rows: dict[str, BlsRow]
    period: str
    source: str


def require_reader(path: Path) -> None:
    """Fail early (before the O*NET files are read) when the Excel reader is missing."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        raise OnetImportError(path, None, EXCEL_READER_MISSING) from None


def _sheet_rows(path: Path, wanted: re.Pattern[str] | str) -> tuple[str, list[list[Any]]]:
    """The name and the cells of the sheet of ``path`` named ``wanted``."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise OnetImportError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_INPUT_BYTES:
        raise OnetImportError(path, None, f"the file is larger than {MAX_INPUT_BYTES >> 20} MiB")
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise OnetImportError(path, None, EXCEL_READER_MISSING) from None
    try:
        book = CalamineWorkbook.from_path(os.fspath(path))
        names = list(book.sheet_names)
        if isinstance(wanted, str):
            name = wanted if wanted in names else None
        else:
            name = next((n for n in names if wanted.fullmatch(n)), None)
        if name is None:
            shown = wanted if isinstance(wanted, str) else "national_MYYYY_dl"
            raise OnetImportError(path, None, f"no sheet {shown!r} (it has {', '.join(names)})")
        rows: list[list[Any]] = book.get_sheet_by_name(name).to_python()
    except OnetImportError:
        raise
    except Exception as exc:  # the reader raises its own, varied errors on a bad file
        raise OnetImportError(path, None, f"cannot read it as an Excel file: {exc}") from None
    return name, rows


def _columns(header: list[Any]) -> dict[str, int]:
    """Column name (spaces collapsed, casefolded) -> index; the first of a name counts."""
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        columns.setdefault(" ".join(str(cell).split()).casefold(), i)
    return columns


def _need(path: Path, columns: dict[str, int], pattern: str, line: int) -> int:
    """The index of the first column whose name matches ``pattern`` (a regex, casefolded)."""
    compiled = re.compile(pattern)
    for name, index in columns.items():
        if compiled.fullmatch(name):
            return index
    raise OnetImportError(path, line, f"the header has no column like {pattern!r}")


def _number(path: Path, cell: Any, line: int, column: str) -> float | str | None:
    """A cell's number; ``"#"`` for BLS's top code; None for no estimate."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    text = str(cell).strip()
    if text.casefold() in _MISSING:
        return None
    if text == _TOP:
        return _TOP
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise OnetImportError(path, line, f"{column} {text[:40]!r} is not a number") from None


def _text(cell: Any) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def read_wages(path: Path) -> BlsTable:
    """The OEWS national file: each detailed and broad SOC row's annual pay."""
    sheet, cells = _sheet_rows(path, _OEWS_SHEET)
    match = _OEWS_SHEET.fullmatch(sheet)
    period = f"May {match[1]}" if match else "period unknown"
    if not cells:
        raise OnetImportError(path, 1, "the sheet is empty: expected a header row")
    columns = _columns(cells[0])
    code_i = _need(path, columns, "occ_code", 1)
    title_i = _need(path, columns, "occ_title", 1)
    group_i = _need(path, columns, "o_group", 1)
    pay_i = [(key, name, _need(path, columns, name.casefold(), 1)) for key, name in PAY_FIELDS]
    rows: dict[str, BlsRow] = {}
    for number, row in enumerate(cells[1:], start=2):
        if len(row) < len(cells[0]):
            continue
        kind = _text(row[group_i]).casefold()
        soc = _text(row[code_i])
        if kind not in ("detailed", "broad") or (soc in rows and rows[soc].own):
            continue
        figures: dict[str, Any] = {}
        top: list[str] = []
        for key, name, index in pay_i:
            value = _number(path, row[index], number, name)
            if value == _TOP:
                figures[key] = TOP_CODE
                top.append(key)
            else:
                figures[key] = None if value is None else round(float(value))
        figures["top_coded"] = top
        rows[soc] = BlsRow(soc, _text(row[title_i]), kind == "detailed", figures)
    source = (
        f"U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, {period}"
    )
    return BlsTable(rows, period, source)


def read_projections(path: Path) -> BlsTable:
    """Employment Projections' Table 1.2: employment, change, openings, entry education."""
    _, cells = _sheet_rows(path, _EP_SHEET)
    title = " ".join(_text(cell) for cell in cells[0]) if cells else ""
    at = next(
        (
            i
            for i, row in enumerate(cells[:10])
            if any("matrix code" in _text(c).casefold() for c in row)
        ),
        None,
    )
    if at is None:
        raise OnetImportError(path, None, f"sheet {_EP_SHEET!r} has no header row with a code")
    years = _YEARS.search(title)
    if years is None or "thousand" not in title.casefold():
        raise OnetImportError(
            path, 1, f"sheet {_EP_SHEET!r}: the title row does not give the years and units"
        )
    period = f"{years[1]}–{years[2][-2:]}"
    line = at + 1
    columns = _columns(cells[at])
    code_i = _need(path, columns, r".*matrix code", line)
    title_i = _need(path, columns, r".*matrix title", line)
    type_i = _need(path, columns, r"occupation type", line)
    employment_i = _need(path, columns, rf"employment, {years[1]}", line)
    change_i = _need(path, columns, r"employment change, percent.*", line)
    openings_i = _need(path, columns, r"occupational openings.*", line)
    education_i = _need(path, columns, r"typical education needed for entry", line)
    rows: dict[str, BlsRow] = {}
    for number, row in enumerate(cells[at + 1 :], start=at + 2):
        soc = _text(row[code_i]) if len(row) > code_i else ""
        if not re.fullmatch(r"[0-9]{2}-[0-9]{4}", soc) or soc in rows:
            continue
        own = _text(row[type_i]).casefold() == "line item"
        employment = _number(path, row[employment_i], number, "Employment")
        change = _number(path, row[change_i], number, "Employment change, percent")
        openings = _number(path, row[openings_i], number, "Occupational openings")
        education = _text(row[education_i])
        figures = {
            "employment": _thousands(employment),
            "change_percent": change if isinstance(change, float) else None,
            "openings_per_year": _thousands(openings),
            "education": education if own and education.casefold() not in _MISSING else None,
        }
        rows[soc] = BlsRow(soc, title_case(_text(row[title_i])), own, figures)
    return BlsTable(
        rows, period, f"U.S. Bureau of Labor Statistics, Employment Projections {period}"
    )


#: The words OEWS leaves in lower case inside a title ("Door-to-Door", "Sales and Related").
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "through", "to"}
)
_WORD = re.compile(r"[^\W\d_][\w']*")


def title_case(title: str) -> str:
    """Employment Projections' sentence-case title in the title case OEWS and O*NET write:
    "Computer occupations, all other" -> "Computer Occupations, All Other" ("english" ->
    "English" too). Of the 994 SOC codes both May 2024 OEWS and EP 2024-34 publish, it gives
    OEWS's own title for every one."""

    def word(match: re.Match[str]) -> str:
        text, at = match[0], match.start()
        if at and title[at - 1] in " -" and text.casefold() in _MINOR_WORDS:
            return text.lower()
        return text[0].upper() + text[1:]

    return _WORD.sub(word, title)


def _thousands(value: float | str | None) -> int | None:
    return round(value * 1000) if isinstance(value, float) else None


def locate(code: str, table: BlsTable) -> tuple[BlsRow, bool] | None:
    """The row that holds an O*NET occupation's figures, and whether it is a group's.

    The occupation's SOC (its first seven characters) when BLS publishes it as an
    occupation; a group when that SOC is an "All Other" catch-all and the O*NET
    occupation one part of it (``15-1299.05``). Else the SOC's broad group
    (``13-1021`` -> ``13-1020``), which contains it by the SOC's structure. Else None:
    no figure is guessed.
    """
    soc = code[:7]
    row = table.rows.get(soc)
    if row is not None and row.own:
        catch_all = row.title.casefold().rstrip(" .").endswith("all other")
        return row, catch_all and not code.endswith(".00")
    broad = table.rows.get(soc[:6] + "0")
    if broad is not None:
        return broad, True
    return None
