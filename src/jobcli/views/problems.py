"""A catalog's problems as a person reads them: in file order, in plain words, with the value.

The validator words some problems as pydantic does ("Input should be 'human',
'technical' or 'knowledge'"); with the file's data at hand, ``validate`` says
"kind 'soft' is not one of human, technical, knowledge" and lists the problems
in the order they occur in the file. No Rich, no pydantic here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import Problem

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
#: "the file's data is not known" (it did not parse)
NO_DATA: Any = object()
_MISSING = NO_DATA


def parse_location(location: str) -> tuple[str | int, ...]:
    """``roles[2].skills[0].importance`` -> ``("roles", 2, "skills", 0, "importance")``."""
    parts: list[str | int] = []
    for index, name in _PART.findall(location):
        parts.append(int(index) if index else name.strip("'\""))
    return tuple(parts)


def _walk(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, (*path, i))


def in_file_order(problems: Sequence[Problem], data: Any) -> list[Problem]:
    """``problems`` in the order their places occur in ``data`` (file-wide ones first)."""
    order = {path: n for n, path in enumerate(_walk(data))}

    def key(problem: Problem) -> int:
        path = parse_location(problem.location)
        while path and path not in order:  # a missing field: where its object is
            path = path[:-1]
        return order.get(path, -1) if problem.location else -1

    return sorted(problems, key=key)  # stable: same place, the validator's order


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
            continue
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            continue
        return _MISSING
    return data


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _choices(text: str) -> str:
    return ", ".join(re.findall(r"'([^']*)'", text))


def plain(problem: Problem, data: Any = _MISSING) -> Problem:
    """``problem`` in plain words, naming the field and, where known, the bad value."""
    path = parse_location(problem.location)
    field = str(path[-1]) if path and isinstance(path[-1], str) else "value"
    value = value_at(data, path) if data is not _MISSING else _MISSING
    has_value = value is not _MISSING and not isinstance(value, (dict, list))
    subject = f"{field} {_shown(value)}" if has_value else field
    text = problem.message
    rules: list[tuple[str, str]] = [
        (r"Input should be ('.*')$", f"{subject} is not one of {{choices}}"),
        (r"Input should be less than or equal to (\S+)$", f"{subject} must be at most {{0}}"),
        (r"Input should be greater than or equal to (\S+)$", f"{subject} must be at least {{0}}"),
        (r"Input should be a valid integer.*", f"{subject} must be a whole number"),
        (r"String should have at least 1 character.*", f"{field} must not be empty"),
        (r"Field required$", f"{field} is missing"),
        (r"Extra inputs are not permitted$", f"unknown field {field!r}"),
        (r"Input should be (.*)$", f"{subject} must be {{0}}"),
    ]
    for pattern, template in rules:
        match = re.match(pattern, text)
        if match:
            groups = match.groups()
            worded = template.format(*groups, choices=_choices(groups[0]) if groups else "")
            return Problem(problem.location, worded)
    return problem


def explained(problems: Sequence[Problem], data: Any = _MISSING) -> list[Problem]:
    """Every problem in plain words; in file order when the file's data is known."""
    worded = [plain(p, data) for p in problems]
    return worded if data is _MISSING else in_file_order(worded, data)
