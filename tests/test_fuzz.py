"""Fuzzing: whatever the bytes, the loader returns a catalog or raises CatalogError.

Mutations of valid catalogs (keys dropped or added, values of the wrong type,
strings full of controls, duplicated entries), mutated bytes and random
bytes all go through :func:`jobcli.catalog.catalog_from_bytes`. Any other
exception is a crash a user would meet. Valid catalogs whose text is random
then go through the views: nothing a terminal would act on comes out.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hostile import PAYLOADS, hostile_catalog, unicode_catalog
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support import catalog_data, invoke

from jobcli.catalog import catalog_from_bytes
from jobcli.domain import Catalog
from jobcli.errors import CatalogError

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

BASES: list[dict[str, Any]] = [catalog_data(), hostile_catalog(), unicode_catalog()]

# Text a valid catalog may hold (not empty, no lone surrogate), hostile as it gets.
VALID_TEXTS = st.one_of(
    st.text(min_size=1, max_size=12),
    st.text(st.characters(max_codepoint=0x20), min_size=1, max_size=4),  # C0 controls
    st.text(st.characters(min_codepoint=0x7F, max_codepoint=0x9F), min_size=1, max_size=4),
    st.sampled_from([p.replace("{w}", "x") for p in PAYLOADS]),
    st.sampled_from(["[/]", "data-analyst", "Data Analyst", "\u202e", "\x1b[2J"]),
).filter(lambda text: not text.isspace())  # blank text is invalid: a title of "  " is empty
TEXTS = VALID_TEXTS | st.sampled_from(["", "\ud800", "a\udfffb"])
NUMBERS = st.sampled_from([0, 1, 5, 6, -1, 4.5, 1.0, 1e308, 10**30, True, False, None, "5"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXTS | NUMBERS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXTS, children, max_size=3),
    max_leaves=8,
)


def _slots(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every ``(container, key)`` in a JSON tree."""
    if isinstance(value, dict):
        for key in list(value):
            out.append((value, key))
            _slots(value[key], out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.append((value, i))
            _slots(item, out)
    return out


@st.composite
def mutated_catalogs(draw: st.DrawFn) -> Any:
    """A valid catalog with one to four random edits anywhere in its tree."""
    data: Any = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data, [])
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["drop", "replace", "text", "number", "extra", "copy", "id"]))
        if op == "drop":
            del container[key]
        elif op == "replace":
            container[key] = draw(JSON_VALUES)
        elif op == "text":
            container[key] = draw(TEXTS)
        elif op == "number":
            container[key] = draw(NUMBERS)
        elif op == "extra" and isinstance(container, dict):
            container[draw(TEXTS)] = draw(JSON_VALUES)
        elif op == "extra":
            container.append(draw(JSON_VALUES))
        elif op == "copy" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))  # duplicate ids, skills, names
        elif op == "id":
            container[key] = draw(st.sampled_from(["role-a", "skill-a", "analyst", "statistics"]))
    if draw(st.integers(0, 9)) == 0:
        data = draw(JSON_VALUES)  # sometimes not a catalog at all
    return data


def _encode(data: Any, ascii_only: bool) -> bytes:
    # Lone surrogates: as "\ud800" escapes in ASCII JSON, as invalid UTF-8 bytes otherwise.
    return json.dumps(data, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def loads_or_fails_cleanly(raw: bytes) -> Catalog | None:
    """The property: a Catalog, or a CatalogError with at least one readable problem."""
    try:
        catalog = catalog_from_bytes(raw, "fuzz.json")
    except CatalogError as exc:
        error = exc
    else:
        assert isinstance(catalog, Catalog)
        event("valid catalog")
        return catalog
    event("CatalogError")
    assert error.origin == "fuzz.json"
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem.location, str)
        assert isinstance(problem.message, str)
        assert problem.message
        str(problem)
    return None


@FUZZ
@given(data=mutated_catalogs(), ascii_only=st.booleans())
def test_mutated_catalogs_load_or_fail_cleanly(data: Any, ascii_only: bool) -> None:
    loads_or_fails_cleanly(_encode(data, ascii_only))


SNIPPETS = [
    b'"id": "x", ',  # a key given twice, when inserted after "{"
    b'"schema_version": 1, ',
    b"[",
    b"}",
    b"\xff",  # not UTF-8
    b"\x00",
    b"\xef\xbb\xbf",  # a BOM in the middle
    b"\\ud800",  # a lone surrogate escape, inside a string
]


@FUZZ
@given(base=st.sampled_from(BASES), data=st.data())
def test_mutated_bytes_load_or_fail_cleanly(base: dict[str, Any], data: st.DataObject) -> None:
    raw = bytearray(json.dumps(base).encode())
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw)))
        op = data.draw(st.sampled_from(["delete", "insert", "flip", "cut", "digits"]))
        if op == "delete":
            del raw[at : at + data.draw(st.integers(1, 8))]
        elif op == "insert":
            raw[at:at] = data.draw(st.sampled_from(SNIPPETS) | st.binary(min_size=1, max_size=4))
        elif op == "flip" and at < len(raw):
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del raw[at:]
        elif op == "digits":  # lengthen a number past what Python converts
            digits = [i for i, b in enumerate(raw) if 0x30 <= b <= 0x39]
            if digits:
                raw[digits[at % len(digits)] + 1 : digits[at % len(digits)] + 1] = b"0" * 5000
    loads_or_fails_cleanly(bytes(raw))


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=300), bom=st.booleans())
def test_random_bytes_load_or_fail_cleanly(raw: bytes, bom: bool) -> None:
    loads_or_fails_cleanly((b"\xef\xbb\xbf" if bom else b"") + raw)


# random text through the views --------------------------------------------------------------------

UNSAFE = re.compile(  # tab separates a pipe's fields
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
VIEWS = [
    ["list"],
    ["show", "role-a"],
    ["compare", "role-a", "role-b"],
    ["skills"],
    ["skills", "--matrix"],
    ["match", "skill-a", "skill-c"],
    ["gap", "role-b", "role-a"],
    ["validate"],
]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(VALID_TEXTS, min_size=60, max_size=60), view=st.sampled_from(VIEWS))
def test_random_text_renders_harmlessly(fuzz_dir: Path, texts: list[str], view: list[str]) -> None:
    data = hostile_catalog()
    pool = iter(texts)
    for container, key in _slots(data, []):
        if isinstance(container[key], str) and key not in ("id", "kind", "onet_soc_code"):
            container[key] = next(pool)
    for n, role in enumerate(data["roles"]):
        role["related"] = [r for r in ("role-a", "role-b", "role-c") if r != role["id"]][:1]
        # A role's names must not collide: a tag ending each (r<digits>z) keeps them apart.
        role["title"] += f" r{n}z"
        role["aliases"] = [f"{alias} r{n}{j}z" for j, alias in enumerate(role["aliases"])]
    raw = _encode(data, ascii_only=True)
    assert loads_or_fails_cleanly(raw) is not None
    path = fuzz_dir / "catalog.json"
    path.write_bytes(raw)
    env = {"JOBCLI_NO_CACHE": "1", "COLUMNS": "100", "NO_COLOR": "1"}
    r = invoke("--data", str(path), *view, env=env)
    assert r.exit_code == 0, r.output
    bad = UNSAFE.search(r.stdout)
    assert bad is None, (bad, r.stdout)
    r = invoke("--data", str(path), "list", "--json", env=env)
    assert [role["title"] for role in json.loads(r.stdout)] == [
        role["title"] for role in data["roles"]
    ]


def test_only_surrogate_escapes_count_as_such() -> None:
    from jobcli.catalog import may_hold_surrogate_escape

    assert may_hold_surrogate_escape(r'"\ud800"')
    assert may_hold_surrogate_escape(r'"\uDFFF"')
    assert may_hold_surrogate_escape(r'"\ud55c and \udc00"')
    assert not may_hold_surrogate_escape(r'"\ud55c"')  # 한: a letter, not a surrogate
    assert not may_hold_surrogate_escape(r'"\ud"')
    assert not may_hold_surrogate_escape("plain")
