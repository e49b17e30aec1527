"""The validated-catalog cache (placeholder: validates on every call for now)."""

from __future__ import annotations

from pathlib import Path

from .catalog import load_catalog
from .domain import Catalog


def load_catalog_cached(path: Path | None) -> Catalog:
    """The catalog at ``path`` (default: bundled)."""
    return load_catalog(path)
