"""Role-by-role validation (catalog_stream) accepts exactly what validating the whole accepts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import catalog_data

from jobcli.catalog import catalog_from_bytes, parse_json
from jobcli.catalog_stream import NotStreamable, RoleStream
from jobcli.domain import role_from_dict
from jobcli.errors import CatalogError
from jobcli.models import problems_in


def streamed(text: str) -> list[dict[str, Any]]:
    """The roles the stream yields, or NotStreamable."""
    return list(RoleStream(text).roles())


def valid_in_full(text: str) -> bool:
    try:
        catalog_from_bytes(text.encode("utf-8", "surrogatepass"), "t")
    except CatalogError:
        return False
    return True


def _mutated(change: Any) -> str:
    data = catalog_data()
    change(data)
    return json.dumps(data)


CASES: dict[str, str] = {
    "valid": json.dumps(catalog_data()),
    "valid, indented": json.dumps(catalog_data(), indent=2),
    "valid, roles first": json.dumps(
        {k: catalog_data()[k] for k in ("roles", "schema_version", "skills")}
    ),
    "valid, a key after the roles": json.dumps(
        {k: catalog_data()[k] for k in ("schema_version", "skills", "roles", "source")}
    ),
    "no roles": json.dumps({"schema_version": 1, "skills": [], "roles": []}),
    "unknown top-level key": _mutated(lambda d: d.update(extra=1)),
    "unknown role key": _mutated(lambda d: d["roles"][0].update(extra=1)),
    "unknown skill": _mutated(
        lambda d: d["roles"][0]["skills"].append({"id": "x", "importance": 1})
    ),
    "unknown related": _mutated(lambda d: d["roles"][0].update(related=["nobody"])),
    "colliding names": _mutated(lambda d: d["roles"][1].update(title="Data Analyst")),
    "bad importance": _mutated(lambda d: d["roles"][1]["skills"][0].update(importance=9)),
    "schema version true": _mutated(lambda d: d.update(schema_version=True)),
    "bad skill kind": _mutated(lambda d: d["skills"][0].update(kind="magic")),
    "roles not a list": _mutated(lambda d: d.update(roles={"a": 1})),
    "a role not an object": _mutated(lambda d: d["roles"].append([1, 2])),
    "duplicate key in a role": json.dumps(catalog_data()).replace(
        '"id": "designer"', '"id": "designer", "id": "designer"'
    ),
    "duplicate top-level key": json.dumps(catalog_data())[:-1] + ', "source": "again"}',
    "NaN": json.dumps(catalog_data()).replace('"importance": 5', '"importance": NaN', 1),
    "text after": json.dumps(catalog_data()) + " []",
    "truncated": json.dumps(catalog_data())[:-30],
    "lone surrogate": json.dumps(catalog_data()).replace("Data Analyst", "Data \\ud800Analyst"),
    "not an object": "[1, 2, 3]",
    "empty": "   ",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_stream_accepts_only_what_the_full_check_accepts(text: str) -> None:
    try:
        roles = streamed(text)
    except NotStreamable:
        return  # the caller validates the whole and reports what it finds
    assert valid_in_full(text)
    data = parse_json(text.encode(), "t")
    assert problems_in(data) == []
    assert [role_from_dict(r) for r in roles] == [role_from_dict(r) for r in data["roles"]]


@pytest.mark.parametrize("name", ["valid", "valid, indented", "no roles"])
def test_a_valid_catalog_in_the_usual_order_is_streamed(name: str) -> None:
    assert len(streamed(CASES[name])) == len(json.loads(CASES[name])["roles"])


def test_an_invalid_catalog_is_never_streamed() -> None:
    for name, text in CASES.items():
        if not valid_in_full(text):
            with pytest.raises(NotStreamable):
                streamed(text)
        else:
            assert name.startswith(("valid", "no roles")), name
