"""The layer rules of docs/ARCHITECTURE.md, read from every module's import statements.

A static scan (``ast``), so that an import inside a function or under ``TYPE_CHECKING``
counts as much as one at the top: a layer that names another depends on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jobcli

PACKAGE = Path(jobcli.__file__).parent

#: The core: the catalog's format, its values, and the pure questions asked of them.
CORE = ("models", "domain", "analysis", "names", "errors", "catalog")
STORE = ("jobcli.store",)  # the store/ package
SHELL = ("typer", "click", "jobcli.cli", "jobcli.cli.importer")

#: (the modules a rule is about, the imports they may not make)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "core": (
        tuple(f"jobcli.{name}" for name in CORE),
        (*SHELL, "rich", "jobcli.views", "jobcli.output", "jobcli.pager", *STORE),
    ),
    "views": (("jobcli.views",), (*SHELL, "jobcli.output", "jobcli.pager", *STORE)),
    "importer": (("jobcli.onet",), (*SHELL, "rich", "jobcli.views", "jobcli.output", *STORE)),
}


def module_name(path: Path) -> str:
    parts = ["jobcli", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, as an absolute name (``from . import x`` resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                parent = ".".join([*base, node.module] if node.module else base)
            else:
                parent = node.module or ""
            found.add(parent)
            found.update(f"{parent}.{alias.name}" for alias in node.names)
    return found


def is_under(name: str, prefixes: tuple[str, ...]) -> bool:
    """``name`` is one of ``prefixes`` or inside one; a prefix ending in ``_`` is a stem."""
    return any(
        name.startswith(p) if p.endswith("_") else name == p or name.startswith(p + ".")
        for p in prefixes
    )


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_scan_sees_every_kind_of_import() -> None:
    # The scan itself works: views import the domain, the store imports its rows.
    assert "jobcli.domain" in imports_of(PACKAGE / "views" / "build.py")
    assert "jobcli.store.rows" in imports_of(PACKAGE / "store" / "query.py")
    assert is_under("jobcli.store.rows", STORE)
    assert is_under("jobcli.store", STORE)
    assert not is_under("jobcli.storey", STORE[:1])


@pytest.mark.parametrize("layer", sorted(RULES))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    modules, forbidden = RULES[layer]
    checked = [path for path in MODULES if is_under(module_name(path), modules)]
    assert checked, f"no module of the {layer} found"
    broken = {
        module_name(path): sorted(name for name in imports_of(path) if is_under(name, forbidden))
        for path in checked
    }
    assert {k: v for k, v in broken.items() if v} == {}
