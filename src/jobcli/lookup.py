"""Which role or skill a person means: lookups over a catalog or a store, and ``match``'s names.

A ROLE is found by id, title, alias or O*NET-SOC code, a SKILL by id, name or
alias; case and punctuation do not count, singular and plural forms are the
same name, and a unique prefix is enough (the rules: :mod:`jobcli.names`).

:func:`resolve_skill_words` reads the words a person gave ``match``
forgivingly and returns what it made of them as values; the shell prints.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation at every start (see jobcli.domain).

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from .domain import Catalog, Role, Skill
from .errors import NameLookupError
from .names import (
    HOW_ALIAS,
    HOW_ALTERNATE,
    HOW_CODE,
    HOW_ID,
    HOW_TITLE,
    NameIndex,
    find_named,
    fold,
    normalize,
    words_of,
)

if TYPE_CHECKING:
    from typing import Protocol

    class SkillNames(Protocol):
        """What :func:`resolve_skill_words` needs: a store, or :class:`CatalogSkills`."""

        def find_skill(self, name: str) -> Skill: ...

        def named_skill(self, name: str) -> Skill | None: ...

        def skills(self) -> list[Skill]: ...


def role_index(catalog: Catalog) -> NameIndex[Role]:
    """Every name of every role (built once per catalog)."""
    index = cast("NameIndex[Role] | None", catalog.memo.get("role_index"))
    if index is None:
        index = NameIndex("role", ((r.id, role_names(r), r) for r in catalog.roles))
        catalog.memo["role_index"] = index
    return index


def role_names(role: Role) -> list[tuple[str, int]]:
    """A role's names with what each is (``names.HOW_*``), its own names first."""
    names = [(role.id, HOW_ID)]
    if role.onet_soc_code:
        names.append((role.onet_soc_code, HOW_CODE))
    names.append((role.title, HOW_TITLE))
    names += [(alias, HOW_ALIAS) for alias in role.aliases]
    names += [(title, HOW_ALTERNATE) for title in role.alternate_titles]
    return names


def skill_names(skill: Skill) -> list[tuple[str, int]]:
    """A skill's names with what each is (``names.HOW_*``)."""
    return [(skill.id, HOW_ID), (skill.name, HOW_TITLE), *((a, HOW_ALIAS) for a in skill.aliases)]


def skill_index(catalog: Catalog) -> NameIndex[Skill]:
    """Every name of every skill (built once per catalog)."""
    index = cast("NameIndex[Skill] | None", catalog.memo.get("skill_index"))
    if index is None:
        index = NameIndex("skill", ((s.id, skill_names(s), s) for s in catalog.skills))
        catalog.memo["skill_index"] = index
    return index


def find_role(catalog: Catalog, name: str) -> Role:
    """The one role ``name`` means, or :class:`~jobcli.errors.NameLookupError`."""
    # An exact id needs no index (names never collide across roles).
    role = catalog.role_by_id.get(name)
    return role if role is not None else role_index(catalog).find(name)


def find_skill(catalog: Catalog, name: str) -> Skill:
    """The one skill ``name`` means, or :class:`~jobcli.errors.NameLookupError`.

    An exact id wins, even where another skill's alias reads the same.
    """
    skill = catalog.skill_by_id.get(name)
    return skill if skill is not None else skill_index(catalog).find(name)


# match's names ----------------------------------------------------------------------------------


class CatalogSkills:
    """A :class:`~jobcli.domain.Catalog`'s skills as :class:`SkillNames`."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def find_skill(self, name: str) -> Skill:
        return find_skill(self.catalog, name)

    def named_skill(self, name: str) -> Skill | None:
        return find_named(skill_index(self.catalog), name)

    def skills(self) -> list[Skill]:
        return list(self.catalog.skills)


class Resolved(NamedTuple):
    """A skill found for what a person typed (``typed``: the words as given)."""

    skill: Skill
    typed: str
    #: How it was read when not simply by its name: "joined" (adjacent words form the
    #: name), "word" (the one skill whose name holds this whole word), "words" (the one
    #: skill whose name holds every one of adjacent words that name no skill), "prefix" (the
    #: one skill with a word starting so), "twin" (a skill whose name reads as another's but
    #: for a parenthesis: "Mathematics" and "Mathematics (knowledge)"); "" otherwise.
    how: str = ""
    #: For "twin": the skill named exactly so, which this one accompanies.
    twin_of: str = ""


class Miss(NamedTuple):
    """A name that matched no skill, or several; ``error`` says which and suggests."""

    typed: str
    error: NameLookupError


class Resolution(NamedTuple):
    """What :func:`resolve_skill_words` made of the words: skills (unique, in order), misses."""

    resolved: list[Resolved]
    misses: list[Miss]
    #: Runs of adjacent words that name no skill, nor are all words of one skill's name
    #: ("machine learning"): each word is also a miss; the run is what to search for. Not
    #: a run of words that each name several skills: their candidates are the answer.
    phrases: tuple[str, ...] = ()

    @property
    def skill_ids(self) -> list[str]:
        """The ids of the skills found, each once, in the order given."""
        return list(dict.fromkeys(r.skill.id for r in self.resolved))

    def notes(self) -> list[str]:
        """One line per name read other than literally ("'learning' read as Machine Learning")."""
        from .safetext import safe

        out = []
        for r in self.resolved:
            if r.how == "word":
                out.append(
                    f"{safe(repr(_cut(r.typed)))} read as {safe(r.skill.name)} "
                    "(the one skill with that word in its name)"
                )
            elif r.how == "words":
                out.append(
                    f"{safe(repr(_cut(r.typed)))} read as {safe(r.skill.name)} "
                    "(the one skill whose name holds these words)"
                )
            elif r.how == "prefix":
                out.append(
                    f"{safe(repr(_cut(r.typed)))} read as {safe(r.skill.name)} "
                    "(the one skill with a word starting so)"
                )
            elif r.how == "twin":
                out.append(
                    f"{safe(repr(_cut(r.typed)))} names two skills: {safe(r.twin_of)} and"
                    f" {safe(r.skill.name)}; both are used (name one to use only it)"
                )
            elif r.how == "joined":
                out.append(f"{safe(repr(_cut(r.typed)))} read as one skill: {safe(r.skill.name)}")
        return out


#: The most words joined into one name ("judgment and decision making" is four).
MAX_JOINED_WORDS = 5


def resolve_skill_words(source: "SkillNames", names: Sequence[str]) -> Resolution:
    """Read the skill names a person typed, forgivingly, and say how each was read.

    ``names`` are the arguments as given (one may hold several words if quoted). From
    left to right: adjacent one-word arguments that together form a skill's exact name
    are read as that skill (``machine learning``); else each name is looked up as usual
    (exact, plural, unique prefix); adjacent one-word names that each name no skill are
    read together, as the one skill whose name holds all of those words, if there is one
    (``decision making``); failing that, a single word that appears as a whole word in
    exactly one skill's name is read as that skill. Whatever is left is a :class:`Miss`
    with the lookup's error (candidates, suggestions). Nothing is printed.
    """
    resolved: list[Resolved] = []
    misses: list[Miss] = []
    phrases: list[str] = []
    cache: list[list[tuple[Skill, list[str]]]] = []

    def skill_words() -> list[tuple[Skill, list[str]]]:  # read once, when first needed
        if not cache:
            cache.append([(s, words_of(s.name)) for s in source.skills()])
        return cache[0]

    i = 0
    while i < len(names):
        joined = _joined(source, names, i)
        if joined is not None:
            resolved.append(joined[0])
            i += joined[1]
            continue
        unknown, known, guess = _unknown_words(source, names, i)
        if not unknown and known is not None:  # the common case: a skill's name
            resolved += _read(source, names[i], known, skill_words)
            i += 1
            continue
        if len(unknown) > 1:  # "machine learning": words of one name, not skills each
            i += len(unknown)
            found = _by_words(skill_words(), [typed for typed, _ in unknown])
            if isinstance(found, Resolved):
                resolved.append(found)
            elif found.ambiguous:
                misses.append(Miss(found.query, found))
            else:  # each word's own error (its suggestions); no word guessed on its own
                misses += [Miss(typed, error) for typed, error in unknown]
                if not all(error.ambiguous for _, error in unknown):
                    phrases.append(found.query)
            continue
        typed = names[i]
        i += 1
        if unknown:
            error = unknown[0][1]
            if guess is not None:  # the one skill with a word (starting) so: said
                resolved += _read(source, typed, guess, skill_words)
                continue
        else:  # a quoted name of several words
            try:
                resolved += _read(source, typed, source.find_skill(typed), skill_words)
                continue
            except NameLookupError as exc:
                error = exc
        if not error.ambiguous and len(typed.split()) == 1:
            found = _by_words(skill_words(), [typed])
            if isinstance(found, Resolved):
                resolved.append(found)
                continue
            if found.ambiguous:  # else the lookup's own error, with its suggestions
                error = found
        misses.append(Miss(typed, error))
    return Resolution(resolved, misses, tuple(phrases))


def _read(
    source: "SkillNames",
    typed: str,
    skill: Skill,
    skill_words: "Callable[[], list[tuple[Skill, list[str]]]]",
) -> list[Resolved]:
    """How ``typed``, which the lookup found to be ``skill``, was read: by its name (and
    any twin: a skill named the same but for a parenthesis, used too and said), else by
    a word of its name or a word's start (said)."""
    if source.named_skill(typed) is None:
        wanted = [fold(w) for w in words_of(typed)]
        names = [skill.name, *skill.aliases]
        whole = any(all(w in {fold(x) for x in words_of(name)} for w in wanted) for name in names)
        how = ("word" if len(wanted) == 1 else "words") if whole else "prefix"
        return [Resolved(skill, typed, how)]
    out = [Resolved(skill, typed)]
    bare = _bare(skill.name)
    if normalize(typed) != bare:  # "Mathematics (knowledge)" or an id names one of them
        return out
    for other, _ in skill_words():
        if other.id != skill.id and _bare(other.name) == bare:
            out.append(Resolved(other, typed, "twin", skill.name))
    return out


def _bare(name: str) -> str:
    """A name without its parenthesis: "Mathematics (knowledge)" -> "mathematics"."""
    head = name.split("(", 1)[0]
    return normalize(head) or normalize(name)


def _joined(source: "SkillNames", names: Sequence[str], start: int) -> tuple[Resolved, int] | None:
    """The longest run of one-word names from ``start`` that is a skill's exact name."""
    run = 0
    while (
        start + run < len(names) and run < MAX_JOINED_WORDS and len(names[start + run].split()) == 1
    ):
        run += 1
    for length in range(run, 1, -1):
        typed = " ".join(names[start : start + length])
        # Only an exact name (or its plural): a prefix of joined words is too much of a guess.
        skill = source.named_skill(typed)
        if skill is not None:
            return Resolved(skill, typed, "joined"), length
    return None


def _unknown_words(
    source: "SkillNames", names: Sequence[str], start: int
) -> "tuple[list[tuple[str, NameLookupError]], Skill | None, Skill | None]":
    """The run of adjacent one-word names from ``start`` that name no skill (up to
    :data:`MAX_JOINED_WORDS`), each with its lookup's error: a person typing
    ``machine learning`` means one thing, not a skill per word. And the skill that the
    word after the run names, if it was looked up (so that it need not be again); and the
    skill the run's first word would be read as by a word of its name (a guess: the whole
    name beats a word inside a longer one, and adjacent words are read together first)."""
    run: list[tuple[str, NameLookupError]] = []
    guess = None
    for typed in names[start : start + MAX_JOINED_WORDS]:
        if len(typed.split()) != 1:
            break
        try:
            found = source.find_skill(typed)
        except NameLookupError as error:
            run.append((typed, error))
            continue
        if source.named_skill(typed) is not None:
            return run, found, guess
        if not run:
            guess = found
        run.append((typed, NameLookupError("skill", typed, [found.id], ambiguous=False)))
    return run, None, guess


def _by_words(
    words_by_skill: "list[tuple[Skill, list[str]]]", phrase: Sequence[str]
) -> "Resolved | NameLookupError":
    """The one skill whose name holds every word of ``phrase`` as a whole word (``databases``:
    SQL Databases; ``decision making``: Judgment and Decision Making); else the error that
    says none, or which several."""
    typed = " ".join(phrase)
    wanted = [normalize(word) for word in phrase]
    holders = sorted(
        (s for s, words in words_by_skill if all(w and w in words for w in wanted)),
        key=lambda s: s.id,
    )
    if len(holders) == 1:
        return Resolved(holders[0], typed, "word" if len(phrase) == 1 else "words")
    shown = [s.id for s in holders[:8]]
    return NameLookupError(
        "skill", typed, shown, ambiguous=bool(holders), more=max(0, len(holders) - 8)
    )


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
