"""Skill names from the command line and from standard input (``match -``), bounded."""

from __future__ import annotations

import sys

from ..errors import ExitCode
from ..output import fail

#: ``match -`` reads at most this much of stdin, and at most this many names (exit 2 beyond).
MAX_STDIN_BYTES = 1024 * 1024
MAX_NAMES = 10_000


def read_skill_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        out.extend(_split_names(_stdin_text() if name == "-" else name))
        if len(out) > MAX_NAMES:
            fail(f"too many skill names (more than {MAX_NAMES:,})", ExitCode.USAGE)
    return out


def _stdin_text() -> str:
    """Standard input as text, at most 1 MiB; undecodable bytes become U+FFFD, not a crash."""
    stdin = sys.stdin
    if stdin is None or stdin.isatty():
        return ""
    raw = getattr(stdin, "buffer", None)
    try:
        if raw is not None:
            data = raw.read(MAX_STDIN_BYTES + 1)
        else:
            data = stdin.read(MAX_STDIN_BYTES + 1).encode("utf-8", "surrogatepass")
    except (OSError, ValueError):  # closed or unreadable stdin: no names
        return ""
    if len(data) > MAX_STDIN_BYTES:
        fail(
            f"standard input is larger than {MAX_STDIN_BYTES // 2**20} MiB; "
            "give the skill names on the command line or in a smaller file",
            ExitCode.USAGE,
        )
    encoding = getattr(stdin, "encoding", None) or "utf-8"
    try:
        return bytes(data).decode(encoding, errors="replace")
    except LookupError:
        return bytes(data).decode("utf-8", errors="replace")


def _split_names(text: str) -> list[str]:
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]
