"""Full-text search over the store: BM25 in tiers, and a search that names a skill.

See docs/ARCHITECTURE.md, "Full-text search". Every function takes the
:class:`~jobcli.store_query.Store` it asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store_query import Store
    from .store_rows import SearchHit


def search(store: Store, text: str, limit: int | None = 10) -> list[SearchHit]:
    """Roles ranked by relevance of the words of ``text``, best first.

    Words are matched stemmed ("nurses" finds "nurse"). Several words rank in tiers:
    roles holding them as a phrase, then near one another (within 5 words of the
    same field), then anywhere, then roles holding any of them; within a tier by
    BM25, titles and aliases weighing most. ``score`` is the BM25 relevance, never
    above the score of a hit ranked before it. Any text is safe: it is quoted word
    by word (:func:`quote_fts`).
    """
    from .store_rows import _fts_tokens

    tokens = _fts_tokens(text)
    if not tokens:
        return []
    named = _skill_named(store, text)
    if named is not None:
        return _search_skill(store, named, tokens, limit)
    tiers = [" ".join(tokens)]
    if len(tokens) > 1:
        tiers = [
            " + ".join(tokens),
            f"NEAR({' '.join(tokens)}, 5)",
            " ".join(tokens),
            " OR ".join(tokens),
        ]
    hits: list[SearchHit] = []
    seen: set[str] = set()
    for query in tiers:
        if limit is not None and len(hits) >= limit:
            break
        for hit in _search(store, query, None if limit is None else limit + len(hits)):
            if hit.id in seen:
                continue
            seen.add(hit.id)
            if hits and hit.score > hits[-1].score:
                hit = hit._replace(score=hits[-1].score)
            hits.append(hit)
    return hits if limit is None else hits[:limit]


def _skill_named(store: Store, text: str) -> str | None:
    """The id of the one skill whose name or alias ``text`` is, exactly; else None."""
    from .names import normalize
    from .store_rows import NameTable

    norm = normalize(text)
    keys = NameTable(store, "skill", store.skill).exact(norm) if norm else []
    return keys[0][0] if len(keys) == 1 else None


def _search_skill(
    store: Store, skill_id: str, tokens: list[str], limit: int | None
) -> list[SearchHit]:
    """A search for a skill's name: the roles that need it, as ``skill`` orders them
    (BM25 over a list of skill names would favour the roles that list the fewest),
    then the other roles whose text holds the words, by relevance."""
    from .store_rows import SearchHit

    text_hits = {hit.id: hit for hit in _search(store, " + ".join(tokens), None)}
    name = store.skill(skill_id).name
    ordered: list[SearchHit] = []
    for user in store.skill_users(skill_id):
        hit = text_hits.pop(user.role_id, None)
        ordered.append(hit or SearchHit(user.role_id, user.title, 0.0, name))
    ordered += sorted(text_hits.values(), key=lambda h: -h.score)
    hits: list[SearchHit] = []
    for hit in ordered if limit is None else ordered[:limit]:
        before = hits[-1].score if hits else None
        if before is not None and (hit.score > before or hit.score <= 0):
            hit = hit._replace(score=before)  # best first: never above the one before
        elif hit.score <= 0:  # the skill's name found by name, not by the text index
            hit = hit._replace(score=1.0)
        hits.append(hit)
    return hits


def _search(store: Store, query: str, limit: int | None) -> list[SearchHit]:
    from .store_rows import FTS_WEIGHTS, SearchHit

    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    # The full-text table alone (rowid = the role's position), then the few titles.
    rows = store._rows(
        f"SELECT rowid, -bm25(role_fts, {weights}),"
        " snippet(role_fts, -1, '', '', '…', 12) FROM role_fts WHERE role_fts MATCH ?"
        f" ORDER BY bm25(role_fts, {weights}), rowid LIMIT ?",
        (query, -1 if limit is None else limit),
    )
    names: dict[int, tuple[str, str]] = {}
    for start in range(0, len(rows), 500):
        chunk = [r[0] for r in rows[start : start + 500]]
        names.update(
            (pos, (rid, title))
            for pos, rid, title in store._rows(
                f"SELECT pos, id, title FROM role WHERE pos IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return [
        SearchHit(*names[pos], score, " ".join(snippet.split())) for pos, score, snippet in rows
    ]
