"""Full-text search over the store: BM25 in tiers, and a search that names a skill.

See docs/ARCHITECTURE.md, "Full-text search". Every function takes the
:class:`~jobcli.store.query.Store` it asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .query import Store
    from .rows import SearchHit


def search(store: Store, text: str, limit: int | None = 10) -> list[SearchHit]:
    """Roles ranked by relevance of the words of ``text``, best first.

    Words are matched stemmed ("nurses" finds "nurse"); a word given twice counts once.
    First the roles ``text`` names (a title, alias or alternate title: every owner of a
    shared one), then roles whose title, aliases or alternate titles hold the words as a
    phrase, with the title that matched as ``matched``; then, for several words, roles
    holding them as a phrase anywhere, then near one another (within 5 words of the same
    field), then anywhere, then roles holding any of them; within a tier by BM25, titles
    weighing most, then summaries and tasks, then skill names. ``score`` is the BM25
    relevance, never above the score of a hit ranked before it. Any text is safe: it is
    quoted word by word (:func:`quote_fts`).
    """
    from .rows import _fts_tokens

    # A word given twice counts once, its case aside (a title may repeat one: "Fire Alarm
    # Tech (Fire Alarm Technician)" is still read whole as a name).
    tokens = list(dict.fromkeys(t.lower() for t in _fts_tokens(text)))
    if not tokens:
        return []
    named = _skill_named(store, text)
    if named is not None:
        return _search_skill(store, named, tokens, limit)
    telling = _telling(store, tokens) if limit is not None and len(tokens) > 1 else tokens
    phrase = " + ".join(telling)
    titles = f"{{title aliases alternate_titles}} : ({phrase})"
    tiers = [titles, " ".join(telling)]
    if not telling:  # every word is in most roles: the first that hold them all, unranked
        tiers = [" ".join(tokens)]
    elif len(telling) > 1:
        tokens = telling
        tiers = [
            titles,
            phrase,
            f"NEAR({' '.join(tokens)}, 5)",
            " ".join(tokens),
            " OR ".join(tokens),
        ]
    hits = _named_hits(store, text, " OR ".join(tokens))
    seen = {hit.id for hit in hits}
    for query in tiers:
        if limit is not None and len(hits) >= limit:
            break
        found = _search(
            store, query, None if limit is None else limit + len(hits), ranked=bool(telling)
        )
        if query == titles:
            found = _with_titles(store, found, query)
        for hit in found:
            if hit.id in seen:
                continue
            seen.add(hit.id)
            if hits and hit.score > hits[-1].score:
                hit = hit._replace(score=hits[-1].score)
            hits.append(hit)
    return hits if limit is None else hits[:limit]


def _telling(store: Store, tokens: list[str]) -> list[str]:
    """``tokens`` without the words most roles of a huge catalog hold ("the", "and"):
    BM25 weighs them near 0, and phrases of them would cost the search a scan of
    their every place. Empty when every word is such."""
    if store.role_count() < RANKED_ROWS:
        return tokens
    count = "(SELECT count(*) FROM (SELECT 1 FROM role_fts WHERE role_fts MATCH ?"
    count += f" LIMIT {RANKED_ROWS}))"
    counts = store._rows(f"SELECT {', '.join([count] * len(tokens))}", tokens)[0]
    return [token for token, n in zip(tokens, counts, strict=True) if n < RANKED_ROWS]


def _named_hits(store: Store, text: str, any_word: str) -> list[SearchHit]:
    """The roles ``text`` names exactly (or as its plural): the role whose own name it is,
    else every role listing it as an alternate title, by relevance; ``matched`` the name."""
    from ..names import fold, normalize, word_line, words_of
    from .decode import ROLE_COLUMNS, role_from_row
    from .rows import NameTable

    norm = normalize(text)
    if not norm:
        return []
    table = NameTable(store, "role", store.role)
    named = table.exact(norm) or (table.folded(fold(norm)) if len(norm) >= 4 else [])
    own = list(dict.fromkeys(key for key, _ in named))
    line = word_line(words_of(text))
    keys = own[:1] if len(own) == 1 else table.alternates(line)
    if not keys:
        return []
    from ..lookup import role_names

    marks = ", ".join("?" * len(keys))
    rows = store._rows(f"SELECT pos, {ROLE_COLUMNS} FROM role WHERE id IN ({marks})", keys)
    roles = {pos: role_from_row(row) for pos, *row in rows}
    from .rows import FTS_WEIGHTS, SearchHit

    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    scores = dict(
        store._rows(
            f"SELECT rowid, -bm25(role_fts, {weights}) FROM role_fts WHERE role_fts MATCH ?"
            f" AND rowid IN ({', '.join('?' * len(roles))})",
            (any_word, *roles),
        )
    )
    hits = []
    for pos, role in roles.items():
        names = [name for name, _ in role_names(role)]
        said = next((n for n in names if normalize(n) == norm), None)
        said = said or next((n for n in names if word_line(words_of(n)) == line), role.title)
        hits.append(SearchHit(role.id, role.title, float(scores.get(pos, 0.0)), said))
    hits.sort(key=lambda h: (-h.score, h.id))
    top = max((h.score for h in hits), default=0.0)
    # Best first: a named role's score is at least any other hit's (1.0 if none found).
    return [h._replace(score=max(h.score, top, 1.0)) if i == 0 else h for i, h in enumerate(hits)]


def _with_titles(store: Store, hits: list[SearchHit], query: str) -> list[SearchHit]:
    """``hits`` (of the titles' tier) with ``matched`` the title, alias or alternate title
    that holds the words."""
    if not hits:
        return hits
    positions = _positions(store, [h.id for h in hits])
    marks = ", ".join("?" * len(positions))
    rows = store._rows(
        "SELECT rowid, highlight(role_fts, 0, char(2), char(3)),"
        " highlight(role_fts, 1, char(2), char(3)), highlight(role_fts, 2, char(2), char(3))"
        f" FROM role_fts WHERE role_fts MATCH ? AND rowid IN ({marks})",
        (query, *positions),
    )
    said: dict[int, str] = {}
    for pos, *columns in rows:
        names = [n for column in columns for n in column.split(" ; ")]
        best = max(names, key=lambda n: n.count("\x02"), default="")
        if "\x02" in best:
            said[pos] = best.replace("\x02", "").replace("\x03", "")
    by_id = dict(zip([h.id for h in hits], positions, strict=True))
    return [h._replace(matched=said.get(by_id[h.id], h.matched)) for h in hits]


def _positions(store: Store, ids: list[str]) -> list[int]:
    rows = dict(
        store._rows(f"SELECT id, pos FROM role WHERE id IN ({', '.join('?' * len(ids))})", ids)
    )
    return [rows[i] for i in ids]


def _skill_named(store: Store, text: str) -> str | None:
    """The id of the one skill whose name or alias ``text`` is, exactly; else None."""
    from ..names import normalize
    from .rows import NameTable

    norm = normalize(text)
    keys = NameTable(store, "skill", store.skill).exact(norm) if norm else []
    return keys[0][0] if len(keys) == 1 else None


def _search_skill(
    store: Store, skill_id: str, tokens: list[str], limit: int | None
) -> list[SearchHit]:
    """A search for a skill's name: the roles that need it, as ``skill`` orders them
    (BM25 over a list of skill names would favour the roles that list the fewest),
    then the other roles whose text holds the words, by relevance."""
    from .rows import SearchHit

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


#: A search tier matching this many roles or more is not ranked (see :func:`_search`).
RANKED_ROWS = 5000
#: The score of a hit found unranked: FTS5's floor for a word's weight in BM25.
UNRANKED_SCORE = 1e-06


def _search(store: Store, query: str, limit: int | None, *, ranked: bool = True) -> list[SearchHit]:
    from .rows import FTS_WEIGHTS, SearchHit

    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    order = f"bm25(role_fts, {weights}), rowid" if ranked else "rowid"
    if limit is not None and ranked:
        # Words in most roles say little of any (BM25 weighs them near 0), and ranking
        # every role that holds them would cost a huge catalog's search most of its time:
        # past RANKED_ROWS matches, the first roles in catalog order (counted, not ranked).
        many = store._rows(
            "SELECT count(*) FROM (SELECT 1 FROM role_fts WHERE role_fts MATCH ? LIMIT ?)",
            (query, RANKED_ROWS),
        )[0][0]
        if not many:
            return []
        if many >= RANKED_ROWS:
            order, ranked = "rowid", False
    # The full-text table alone (rowid = the role's position), then the few titles.
    # Unranked, no BM25 at all (its first call reads every place of every word): the
    # weight BM25 gives a word most roles hold.
    score = f"-bm25(role_fts, {weights})" if ranked else str(UNRANKED_SCORE)
    rows = store._rows(
        f"SELECT rowid, {score},"
        " snippet(role_fts, -1, '', '', '…', 12) FROM role_fts WHERE role_fts MATCH ?"
        f" ORDER BY {order} LIMIT ?",
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
