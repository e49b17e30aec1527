"""What ``next``, ``path``, ``gap`` and ``match --from`` read of the store: the fit's
weights and each role's best moves (see :mod:`jobcli.store_build`)."""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .domain import Role
from .fit import Weights

if TYPE_CHECKING:
    from .store_query import Store


def fit_weights(store: Store) -> Weights:
    """The catalog's fit weights (computed from its roles when the store has none)."""
    rows = store._rows("SELECT average, total, idf FROM fit_weights")
    if rows:
        average, total, idf = rows[0]
        return Weights(json.loads(average), float(total), json.loads(idf))
    from .fit import catalog_weights

    return catalog_weights(list(store.roles()))


def _decode(targets: bytes, fits: bytes) -> list[tuple[int, float]]:
    positions = array("i")
    positions.frombytes(targets)
    values = array("H")
    values.frombytes(fits)
    if sys.byteorder == "big":
        positions.byteswap()
        values.byteswap()
    return [(p, v / 65535) for p, v in zip(positions, values, strict=True)]


def position_of(store: Store, role_id: str) -> int:
    """The catalog position of a role."""
    return int(store._rows("SELECT pos FROM role WHERE id = ?", (role_id,))[0][0])


def moves_from(store: Store, role_id: str) -> list[tuple[int, float]] | None:
    """The role's best moves (position, fit), best first; None when the store has none."""
    rows = store._rows(
        "SELECT m.targets, m.fits FROM role_moves m JOIN role r ON r.pos = m.role WHERE r.id = ?",
        (role_id,),
    )
    return _decode(*rows[0]) if rows else None


def all_moves(store: Store) -> dict[int, list[tuple[int, float]]]:
    """Every role's best moves, by position."""
    rows = store._rows("SELECT role, targets, fits FROM role_moves")
    return {pos: _decode(t, f) for pos, t, f in rows}


def roles_at(store: Store, positions: Sequence[int]) -> dict[int, Role]:
    """The roles at these catalog positions, decoded."""
    return store._roles_at(positions)
