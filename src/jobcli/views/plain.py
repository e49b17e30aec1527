"""Plain renderings of records and documents: text for a pipe, tsv, csv and markdown.

- ``text`` (a pipe, no ``--format``): one record per line, fields separated by a tab,
  no header, nothing wrapped, cut or padded (as ``gh`` prints when piped, so that
  ``cut``, ``grep`` and ``awk`` see only data). A document prints its title, then
  each section: its heading, then one item per line.
- ``tsv``: the same records with a header line first; ``csv``: the same through
  the csv module; ``markdown``: pipe tables (and headings and lists for a document).

Every field goes through :func:`jobcli.safetext.safe`: a tab, a newline or an escape
in the catalog shows as ``\\x09``, ``\\x0a``, ``\\x1b`` and never splits a record.
Asked for explicitly, ``csv`` and ``tsv`` are for spreadsheets: a cell that would start
a formula is escaped (:func:`spreadsheet_cell`); ``markdown`` escapes what a renderer
would read as markup or HTML (:func:`_cell`). The piped default stays the data as is,
for grep, cut and awk.
"""

from __future__ import annotations

import re

from ..safetext import safe
from .model import Document, Records


def render(view: Records | Document, fmt: str) -> str:
    """``view`` in ``fmt`` (``text``, ``tsv``, ``csv`` or ``markdown``), ending in a newline."""
    if fmt == "text":
        return document_text(view) if isinstance(view, Document) else records_text(view)
    if fmt == "markdown":
        return document_markdown(view) if isinstance(view, Document) else records_markdown(view)
    records = view.records if isinstance(view, Document) else view
    if fmt == "tsv":
        return records_tsv(records)
    if fmt == "csv":
        return records_csv(records)
    raise ValueError(f"not a plain format: {fmt}")


def _field(value: str) -> str:
    if value.isascii() and value.isprintable():  # the common case, without a call
        return value.strip()
    return safe(value).strip()


def _line(fields: list[str]) -> str:
    return "\t".join(_field(f) for f in fields)  # an empty last field keeps its tab


def _join(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def records_text(records: Records) -> str:
    """One record per line, tab-separated, no header."""
    if not records.rows and records.when_empty:
        return _join([_field(records.when_empty)])
    field = _field
    cut = records.text_fields
    if cut is not None:
        return "".join("\t".join([field(f) for f in row[:cut]]) + "\n" for row in records.rows)
    return "".join("\t".join([field(f) for f in row]) + "\n" for row in records.rows)


#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A plain number (a sign, digits, thousands commas, a fraction, an exponent, a per
#: cent sign), or the "-" of an unknown value: data, never a formula, left as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?|-")


def spreadsheet_cell(value: str) -> str:
    """``value`` made safe for a spreadsheet: a cell starting with ``= + - @``, a tab or
    a carriage return, and not a plain number, gets a leading ``'`` (OWASP's rule), so
    that ``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0`` is text, not a formula."""
    if value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _sheet_field(value: str) -> str:
    return spreadsheet_cell(_field(value))


def records_tsv(records: Records) -> str:
    """A header line, then one record per line, tab-separated, formulas escaped."""
    return _join(
        ["\t".join(_sheet_field(f) for f in row) for row in [records.columns, *records.rows]]
    )


def records_csv(records: Records) -> str:
    """A header line, then the records, quoted as the csv module does (RFC 4180),
    formulas escaped."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_sheet_field(c) for c in records.columns])
    writer.writerows([_sheet_field(f) for f in row] for row in records.rows)
    return buffer.getvalue()


#: Characters a Markdown renderer reads as markup, and the HTML it passes through:
#: backslash-escaped (CommonMark escapes any ASCII punctuation) or written as entities.
_MARKDOWN = {
    **{c: "\\" + c for c in "\\`*_[]()|~"},
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
}
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN)
#: What starts a block at the start of a line (heading, list, quote, rule): escaped there.
_BLOCK_START = re.compile(r"([#+=-]|\d+[.)])")


def _cell(value: str) -> str:
    """``value`` as Markdown text that renders literally: no link, image, HTML, code
    or emphasis (a table's cell)."""
    return _field(value).translate(_MARKDOWN_TABLE)


def _block(value: str) -> str:
    """``value`` as :func:`_cell`, and no heading, list or quote where it starts a line
    (a heading's or a list item's text)."""
    text = _cell(value)
    start = _BLOCK_START.match(text)
    if start:
        text = text[: start.end() - 1] + "\\" + text[start.end() - 1 :]
    return text


def _markdown_table(records: Records) -> list[str]:
    lines = [
        "| " + " | ".join(_cell(c) for c in records.columns) + " |",
        "|" + "|".join(" --- " for _ in records.columns) + "|",
    ]
    lines.extend("| " + " | ".join(_cell(f) for f in row) + " |" for row in records.rows)
    return lines


def records_markdown(records: Records) -> str:
    """A pipe table ready to paste into notes, and its notes below it."""
    lines = _markdown_table(records)
    for note in records.notes:
        lines.extend(["", _block(note)])
    return _join(lines)


def document_text(doc: Document) -> str:
    """The title, then each section: a blank line, its heading, one item per line."""
    lines = [_field(doc.title)]
    for section in doc.sections:
        lines.append("")
        if section.heading:
            lines.append(_field(section.heading))
        lines.extend(_field(item) for item in section.lines)
        if section.table is not None:
            lines.extend(_line(row) for row in section.table.rows)
    return _join(lines)


def document_markdown(doc: Document) -> str:
    """``#`` title, ``##`` sections, items as a list, tables as pipe tables."""
    lines = ["# " + _block(doc.title)]
    for section in doc.sections:
        lines.append("")
        if section.heading:
            lines.extend(["## " + _block(section.heading), ""])
        lines.extend("- " + _block(item) for item in section.lines)
        if section.table is not None:
            if section.lines:
                lines.append("")
            lines.extend(_markdown_table(section.table))
    return _join(lines)
