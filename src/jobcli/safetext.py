"""Make text from a catalog harmless to print on a terminal.

Catalog text is data. Rich markup is avoided by passing it as ``Text``; this
module takes care of what Rich would pass through to the terminal: escape
sequences (CSI, OSC), other C0 and C1 controls, carriage returns that could
forge a line, and bidirectional overrides that reorder what a person sees.
Each becomes a visible escape such as ``\\x1b`` or ``\\u202e``.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: a name never holds them), DEL, C1
# controls, the bidi marks, embeddings, overrides and isolates, the line and
# paragraph separators, and lone surrogates (which no encoder can write).
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# The same, less C0: JSON text already escapes C0 inside strings, and its newlines are layout.
_UNSAFE_IN_JSON = "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` with every control or bidi character shown as a visible escape."""
    if text.isascii() and text.isprintable():  # no control: the common case, at C speed
        return text
    return re.sub(_UNSAFE, _visible, text)  # compiled on first use, then cached by re


def safe_json(document: str) -> str:
    """A JSON text with DEL, C1, bidi and surrogate characters written as ``\\uXXXX`` escapes.

    Inside a JSON string the escape is the same value, so the document parses to
    the same data; outside strings these characters never occur.
    """
    if document.isascii() and "\x7f" not in document:  # nothing to escape
        return document
    return re.sub(_UNSAFE_IN_JSON, lambda m: f"\\u{ord(m.group()):04x}", document)
