"""Compiling a validated catalog into the store's SQLite database.

:func:`build` writes the schema below into an empty database and fills it from
a catalog document that :mod:`jobcli.catalog` has validated. Roles are
converted and written one at a time, so a large catalog is never held twice.

Tables (``pos`` is an item's position in the catalog, which orders lists):

- ``meta(key, value)``: what the store was built for (see :mod:`jobcli.store`), and
  ``alternate_titled``: how many roles list alternate titles.
- ``skill``: every skill; ``aliases`` is a JSON array.
- ``role``: every role, its lists as JSON arrays, ``skills`` as ``[[id, importance], ...]``
  in catalog order, its SOC ``family``, and its totals (``skill_count``,
  ``importance_sum``, ``importance_squares``) so that ``match`` and ``similar_roles``
  read no other skill of a role to score it.
- ``role_line``: what ``list`` shows of each role (id, title, summary, ``top_skills``: the
  names of its three most important skills as a JSON array, its headline ``exposure`` and
  ``exposure_source``, its median ``pay``, ``growth`` (projected change, %) and Job
  ``zone``, by which a list sorts) and its ``family``: a narrow table, so that a list
  neither decodes roles nor reads their long rows (a role row fills a page; 2,000 of them are 8 MB).
- ``role_skill(skill, role, importance, tool)``: the role-skill pairs, keyed by skill
  first: ``match`` and ``skill`` read only the pairs of the skills asked about; ``tool``:
  the skill is one of the role's tools (:func:`jobcli.analysis.tools_of`).
- ``skill_roles(skill, roles, importances, dense, tools, tool_sums)``: per skill, the
  positions of the roles that need it (little-endian int32 array) and its importance in
  each (bytes); and, unless the catalog is huge (:data:`DENSE_LIMIT`), the same as one byte
  for every role (its importance, or 0), summed in C (:mod:`jobcli.store.match`);
  ``tools``: the positions of the roles that list it as a tool, and in each
  :func:`jobcli.analysis.tool_sum` (``tool_sums``, float64); both NULL for a skill no role
  lists as a tool. With ``role_totals`` (every role's importance sum
  and sum of squares, its counts of rated skills up to each importance, and how many of
  its tools another role lists: int32 arrays, see :mod:`jobcli.store.vectors`) what
  ``match`` and ``similar_roles`` rank from.
- ``fit_weights``: what :mod:`jobcli.fit` weighs by (each skill's average importance, the
  words' IDF, each role's Job Zone); ``fit_vector`` and ``fit_posting``: each role's word
  and skill vectors and their postings (:mod:`jobcli.fit_index`;
  positions int32, values float32), from which ``next`` and ``path`` compute one role's
  fits to all others on demand.
- ``name(kind, norm, folded, item, how)``: every id, title, alias, O*NET code and skill
  name, normalised (:func:`jobcli.names.normalize`) and plural-folded
  (:func:`jobcli.names.fold`), with the id of its item and what the name is (``how``:
  ``names.HOW_*``; an item's best name first).
- ``role_words(pos, own, alternate)``: a role's names as word lines
  (:func:`jobcli.names.word_line`), one a line, each after a space: ``own`` its id, code,
  title and aliases (each line ends with a tab and its ``how``), ``alternate`` its
  alternate titles (newline-delimited): an alternate title is found by ``instr`` of
  its line, a prefix at a word start by ``instr`` of a space and the prefix. Scanned
  only when a name is no item's own name: a table of rows per word would cost the
  store's build more than the scan costs a lookup.
- ``role_fts``: an FTS5 index (porter stemmer over unicode61) with one column per
  field, so that BM25 can weigh a title above a responsibility.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis import tools_of
from ..domain import Role, Skill, family_of, role_from_dict, role_line, skill_from_dict
from ..name_words import word_lines
from ..names import (
    HOW_ALIAS,
    HOW_ALTERNATE,
    HOW_ID,
    HOW_TITLE,
    fold,
    normalize,
)
from .decode import facts_of
from .file import APPLICATION_ID, STORE_SCHEMA

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE skill (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    kind TEXT NOT NULL, description TEXT NOT NULL, aliases TEXT NOT NULL
);
CREATE TABLE role (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    summary TEXT NOT NULL, skills TEXT NOT NULL, aliases TEXT NOT NULL,
    responsibilities TEXT NOT NULL, human_edge TEXT NOT NULL, onet_soc_code TEXT,
    ai_exposure TEXT NOT NULL, related TEXT NOT NULL, facts TEXT NOT NULL, family TEXT,
    skill_count INTEGER NOT NULL, importance_sum INTEGER NOT NULL,
    importance_squares INTEGER NOT NULL
);
CREATE TABLE role_line (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
    top_skills TEXT NOT NULL, exposure REAL, exposure_source TEXT, family TEXT,
    pay INTEGER, growth REAL, zone INTEGER
);
CREATE INDEX role_family ON role (family, pos);
CREATE TABLE role_skill (
    skill INTEGER NOT NULL, role INTEGER NOT NULL, importance INTEGER NOT NULL,
    tool INTEGER NOT NULL, PRIMARY KEY (skill, role)
) WITHOUT ROWID;
CREATE INDEX role_skill_rank ON role_skill (skill, importance DESC, role);
CREATE TABLE skill_roles (
    skill INTEGER PRIMARY KEY, roles BLOB NOT NULL, importances BLOB NOT NULL, dense BLOB,
    tools BLOB, tool_sums BLOB
);
CREATE TABLE role_totals (
    id INTEGER PRIMARY KEY CHECK (id = 0), importance_sums BLOB NOT NULL,
    importance_squares BLOB NOT NULL, rated_at_most BLOB NOT NULL,
    tools_shared BLOB NOT NULL
);
CREATE TABLE name (
    kind TEXT NOT NULL, norm TEXT NOT NULL, folded TEXT NOT NULL, item TEXT NOT NULL,
    how INTEGER NOT NULL, PRIMARY KEY (kind, norm, item)
) WITHOUT ROWID;
CREATE INDEX name_folded ON name (kind, folded);
CREATE TABLE role_words (pos INTEGER PRIMARY KEY, own TEXT NOT NULL, alternate TEXT NOT NULL);
CREATE TABLE fit_vector (pos INTEGER PRIMARY KEY, words TEXT NOT NULL, skills TEXT NOT NULL);
CREATE TABLE fit_posting (
    kind INTEGER NOT NULL, key TEXT NOT NULL, positions BLOB NOT NULL, vals BLOB NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE fit_weights (
    id INTEGER PRIMARY KEY CHECK (id = 0), average TEXT NOT NULL, total REAL NOT NULL,
    idf TEXT NOT NULL, zones TEXT NOT NULL
);
CREATE VIRTUAL TABLE role_fts USING fts5(
    title, aliases, alternate_titles, summary, responsibilities, skills,
    tokenize = 'porter unicode61'
);
"""


#: One encoder for every value: json.dumps with options builds a new one at each call.
_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def build(conn: sqlite3.Connection, document: Mapping[str, Any], meta: Mapping[str, str]) -> None:
    """Create the schema in the empty database ``conn`` and fill it from ``document``.

    ``document`` is a validated catalog (:func:`jobcli.catalog.validated_document`);
    ``meta`` is stored as is in the ``meta`` table.
    """
    build_from_values(
        conn,
        schema_version=int(document["schema_version"]),
        source=str(document.get("source", "")),
        skills=(skill_from_dict(s) for s in document["skills"]),
        roles=(role_from_dict(r) for r in document["roles"]),
        meta=meta,
    )


def build_stream(conn: sqlite3.Connection, text: str, meta: Mapping[str, str]) -> None:
    """As :func:`build`, from a catalog's text, validating it role by role as it goes.

    Raises :class:`~jobcli.catalog_stream.NotStreamable` (the database then holds a part)
    when the text needs the full check: see :mod:`jobcli.catalog_stream`.
    """
    from ..catalog_stream import NotStreamable, RoleStream

    stream = RoleStream(text)
    try:
        build_from_values(
            conn,
            schema_version=int(stream.schema_version),
            source=str(stream.source),
            skills=(skill_from_dict(s) for s in stream.skills),
            roles=(role_from_dict(r) for r in stream.roles()),
            meta=meta,
        )
    except (sqlite3.IntegrityError, KeyError) as exc:
        # An id given twice, an unknown skill: found before the cross-checks at the end.
        raise NotStreamable("the cross-checks will say") from exc


def build_from_values(
    conn: sqlite3.Connection,
    *,
    schema_version: int,
    source: str,
    skills: Iterable[Skill],
    roles: Iterable[Role],
    meta: Mapping[str, str],
) -> None:
    """As :func:`build`, from domain values (a :class:`~jobcli.domain.Catalog`'s, in tests)."""
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {STORE_SCHEMA}")
    with conn:
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [*meta.items(), ("schema_version", str(schema_version)), ("source", source)],
        )
        skill_pos: dict[str, int] = {}
        skill_name: dict[str, str] = {}
        skill_rows = []
        name_rows: list[tuple[str, str, int]] = []
        for pos, s in enumerate(skills):
            skill_pos[s.id] = pos
            skill_name[s.id] = s.name
            skill_rows.append((pos, s.id, s.name, s.kind, s.description, _dump(s.aliases)))
            name_rows += [(s.id, s.id, HOW_ID), (s.id, s.name, HOW_TITLE)]
            name_rows += [(s.id, a, HOW_ALIAS) for a in s.aliases]
        conn.executemany("INSERT INTO skill VALUES (?, ?, ?, ?, ?, ?)", skill_rows)
        _insert_names(conn, "skill", name_rows)
        batch: list[Role] = []
        held: list[Role] = []
        start = 0
        for role in roles:
            batch.append(role)
            if len(held) <= MOVES_LIMIT:
                held.append(role)
            if len(batch) == 2000:
                _insert_roles(conn, start, batch, skill_pos, skill_name)
                start += len(batch)
                batch = []
        _insert_roles(conn, start, batch, skill_pos, skill_name)
        from .vectors import insert_vectors

        insert_vectors(conn, len(skill_pos), DENSE_LIMIT, int32_bytes)
        # How many roles list alternate titles: none, and no lookup need look for one.
        conn.execute(
            "INSERT INTO meta VALUES ('alternate_titled',"
            " (SELECT count(*) FROM role_words WHERE length(alternate) > 2))"
        )
        if len(held) <= MOVES_LIMIT:  # the fit's weights and index, for next and path
            from .fits import insert_fit

            insert_fit(conn, held, _dump, int32_bytes)
    # Merge the full-text index's segments into one: fewer b-trees for every query to read.
    conn.execute("INSERT INTO role_fts (role_fts) VALUES ('optimize')")
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()


def _insert_roles(
    conn: sqlite3.Connection,
    start: int,
    roles: list[Role],
    skill_pos: Mapping[str, int],
    skill_name: Mapping[str, str],
) -> None:
    role_rows = []
    line_rows = []
    pair_rows = []
    fts_rows = []
    from ..lookup import role_names

    name_rows: list[tuple[str, str, int]] = []
    ends: list[int] = []  # where each role's names end in name_rows
    for pos, r in enumerate(roles, start):
        line = role_line(r, skill_name)
        role_rows.append(
            (
                pos,
                r.id,
                r.title,
                r.summary,
                _dump([list(s) for s in r.skills]),
                _dump(r.aliases),
                _dump(r.responsibilities),
                _dump(r.human_edge),
                r.onet_soc_code,
                _dump([list(e) for e in r.ai_exposure]),
                _dump(r.related),
                _dump(facts_of(r)),
                family_of(r.onet_soc_code),
                len(r.skills),
                sum(s.importance for s in r.skills),
                sum(s.importance * s.importance for s in r.skills),
            )
        )
        line_rows.append(
            (
                pos,
                r.id,
                r.title,
                r.summary,
                _dump(line.top_skills),
                line.exposure,
                line.exposure_source,
                family_of(r.onet_soc_code),
                line.pay,
                line.growth,
                line.zone,
            )
        )
        tools = frozenset(tools_of(r))
        pair_rows += [(skill_pos[s.id], pos, s.importance, s.id in tools) for s in r.skills]
        fts_rows.append(
            (
                pos,
                *(
                    _with_symbol_words(text)
                    for text in (
                        r.title,
                        " ; ".join(r.aliases),
                        " ; ".join(r.alternate_titles),
                        r.summary,
                        " ; ".join(r.responsibilities),
                        " ; ".join(skill_name[s.id] for s in r.skills),
                    )
                ),
            )
        )
        name_rows += [(r.id, n, how) for n, how in role_names(r)]
        ends.append(len(name_rows))
    conn.executemany(f"INSERT INTO role VALUES ({', '.join('?' * 16)})", role_rows)
    conn.executemany("INSERT INTO role_line VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", line_rows)
    conn.executemany("INSERT INTO role_skill VALUES (?, ?, ?, ?)", pair_rows)
    conn.executemany(
        "INSERT INTO role_fts (rowid, title, aliases, alternate_titles, summary,"
        " responsibilities, skills) VALUES (?, ?, ?, ?, ?, ?, ?)",
        fts_rows,
    )
    _insert_names(conn, "role", [row for row in name_rows if row[2] != HOW_ALTERNATE])
    lines = word_lines([name for _, name, _ in name_rows])
    word_rows = []
    begin = 0
    for pos, end in enumerate(ends, start):
        own = [
            f" {lines[i]}\t{name_rows[i][2]}"
            for i in range(begin, end)
            if name_rows[i][2] != HOW_ALTERNATE
        ]
        other = [f" {lines[i]}" for i in range(begin, end) if name_rows[i][2] == HOW_ALTERNATE]
        word_rows.append((pos, "\n" + "\n".join(own) + "\n", "\n" + "\n".join(other) + "\n"))
        begin = end
    conn.executemany("INSERT INTO role_words VALUES (?, ?, ?)", word_rows)


def int32_bytes(values: Iterable[int]) -> bytes:
    """``values`` as a little-endian int32 array (a store file is read on this machine only,
    but a fixed byte order costs nothing)."""
    from array import array

    packed = array("i", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


#: The most bytes of dense vectors (roles x skills) a store holds; a larger catalog's
#: ``match`` ranks from the sparse ones (``jobcli.store.match``).
DENSE_LIMIT = 32 * 1024 * 1024


#: The most roles a catalog may have for the store to index the fit (``next``, ``path``);
#: beyond it those commands compute what they need from the roles.
MOVES_LIMIT = 5000


def _with_symbol_words(text: str) -> str:
    """``text`` and, after it, the words that stand for its C++, C# and .NET (see
    :data:`jobcli.store.rows.SYMBOL_WORDS`): what the tokenizer would otherwise drop."""
    from .rows import symbol_words

    extra = symbol_words(text)
    return f"{text} ; {extra}" if extra else text


def _insert_names(conn: sqlite3.Connection, kind: str, rows: list[tuple[str, str, int]]) -> None:
    """``rows``: (item, name, how), each item's best names first (the first of equal ones
    is kept)."""
    norms = [normalize(name) for _, name, _ in rows]
    conn.executemany(
        "INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?, ?)",
        [
            (kind, norm, fold(norm), item, how)
            for (item, _, how), norm in zip(rows, norms, strict=True)
            if norm
        ],
    )
