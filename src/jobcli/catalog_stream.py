"""Validating a large catalog one role at a time, so that it is never held whole.

Parsing a 50 MB catalog into Python objects takes several times its size
(about 330 MB for 20,000 roles), and validating the whole document at once
more. :class:`RoleStream` reads the top-level object itself and parses and
validates each role on its own (the same pydantic model, the same strict JSON
rules), keeping of each role only what the cross-checks between roles need
(ids, names, skill ids, related ids). The roles it yields can be written away
(to the store) at once.

It only ever *accepts* what :func:`jobcli.catalog.validated_document` accepts:
anything unusual — a problem of any kind, roles before skills, a key given
twice, a lone surrogate — raises :class:`NotStreamable`, and the caller
validates the whole document the ordinary way, which reports every problem
with its location exactly as ``jobcli validate`` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .catalog import (
    _ConstantError,
    _DuplicateKeys,
    _reject_constant,
    may_hold_surrogate_escape,
)

_WHITESPACE = " \t\n\r"
#: The fields of a role the cross-checks never read: left out of the kept skeleton.
_TEXT_FIELDS = ("summary", "responsibilities", "human_edge", "ai_exposure")


class NotStreamable(Exception):
    """Validate the whole document instead (it may well be invalid; the full check says)."""


class RoleStream:
    """A catalog's text, read as ``{... "skills": [...], "roles": [role, role, ...] ...}``.

    After construction, ``schema_version``, ``source`` and ``skills`` (validated)
    are known; :meth:`roles` yields each role, validated, and on exhaustion checks
    the whole (cross-checks, the end of the document) or raises :class:`NotStreamable`.
    """

    def __init__(self, text: str) -> None:
        if may_hold_surrogate_escape(text):
            raise NotStreamable("a \\ud800-style escape: the full check words it")
        self._text = text
        self._tracker = _DuplicateKeys()
        self._decoder = json.JSONDecoder(
            object_pairs_hook=self._tracker, parse_constant=_reject_constant
        )
        self._top: dict[str, Any] = {}
        self._at = self._skip(0)
        self._expect("{")
        self._roles_at: int | None = None
        # Read the keys up to "roles"; "skills" must have come before it.
        while True:
            key = self._next_key()
            if key is None:
                raise NotStreamable("no roles")
            if key == "roles":
                if "skills" not in self._top or self._text[self._at : self._at + 1] != "[":
                    raise NotStreamable("roles before skills, or not an array")
                self._roles_at = self._at + 1
                break
            self._top[key] = self._value()
        from .models import CatalogModel

        header = {**self._top, "roles": []}
        try:
            CatalogModel.model_validate(header)
        except Exception as exc:  # pydantic's ValidationError: the full check words it
            raise NotStreamable("header") from exc
        self.schema_version: int = self._top["schema_version"]
        self.source: str = self._top.get("source", "")
        self.skills: list[dict[str, Any]] = self._top["skills"]

    # the scanner ----------------------------------------------------------------------------

    def _skip(self, at: int) -> int:
        text = self._text
        while at < len(text) and text[at] in _WHITESPACE:
            at += 1
        return at

    def _expect(self, char: str) -> None:
        if self._text[self._at : self._at + 1] != char:
            raise NotStreamable(f"expected {char!r}")
        self._at = self._skip(self._at + 1)

    def _value(self) -> Any:
        try:
            value, end = self._decoder.raw_decode(self._text, self._at)
        except (ValueError, RecursionError, _ConstantError) as exc:
            raise NotStreamable("not JSON") from exc
        if self._tracker.found:
            raise NotStreamable("a key given twice")
        self._at = self._skip(end)
        return value

    def _next_key(self) -> str | None:
        """The next key of the top-level object (consuming ``:``), None at its end."""
        if self._text[self._at : self._at + 1] == "}":
            return None
        if self._top or self._roles_at is not None:
            self._expect(",")
        key = self._value()
        if not isinstance(key, str) or key in self._top:
            raise NotStreamable("a key given twice, or not a key")
        self._expect(":")
        return key

    # the roles ------------------------------------------------------------------------------

    def roles(self) -> Iterator[dict[str, Any]]:
        """Each role, validated; then the checks of the whole (or :class:`NotStreamable`)."""
        from pydantic import ValidationError

        from .cross_check import cross_check
        from .models import RoleModel

        assert self._roles_at is not None
        self._at = self._skip(self._roles_at)
        skeleton: list[dict[str, Any]] = []
        shared_refs: dict[str, dict[str, Any]] = {}
        first = True
        while self._text[self._at : self._at + 1] != "]":
            if not first:
                self._expect(",")
            first = False
            role = self._value()
            try:
                RoleModel.model_validate(role)
            except ValidationError as exc:
                raise NotStreamable("a role") from exc
            skeleton.append(_skeleton(role, shared_refs))
            yield role
        self._expect("]")
        # Nothing after the roles but the end of the document (keys there: the full check).
        if self._next_key() is not None:
            raise NotStreamable("keys after the roles")
        self._expect("}")
        if self._at != len(self._text):
            raise NotStreamable("text after the catalog")
        if cross_check({**self._top, "roles": skeleton}):
            raise NotStreamable("cross-checks")


def _skeleton(role: dict[str, Any], shared: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the cross-checks read of a role, small: no long texts, shared skill references."""
    kept = {k: v for k, v in role.items() if k not in _TEXT_FIELDS}
    kept["skills"] = [
        shared.setdefault(s["id"], {"id": s["id"]}) if set(s) == {"id", "importance"} else s
        for s in role["skills"]
    ]
    return kept
