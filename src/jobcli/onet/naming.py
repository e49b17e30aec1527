"""Names: when two names are the same, unique ids and titles, and the names people type.

Two names are "the same" when they agree once lowercased with everything but a-z
and 0-9 dropped, or once normalised as the CLI compares names
(:func:`jobcli.names.normalize`); both are checked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..names import normalize
from .skills import slugify

_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_PUNCTUATION = bytes(c for c in range(128) if not chr(c).isalnum())


def ascii_key(name: str) -> str:
    """``name`` lowercased, with everything but a-z and 0-9 dropped."""
    if name.isascii():  # the same, without a regular expression: tens of thousands of names
        return name.lower().encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    return _NOT_ASCII_ALNUM.sub("", name.lower())


def keys(name: str) -> set[str]:
    """Every normalised form under which ``name`` could collide with another name."""
    key = ascii_key(name)
    if name.isascii() and "+" not in name and "#" not in name:
        return {key} if key else set()  # normalize(name) == key: skip the slow path
    return {k for k in (key, normalize(name)) if k}


def unique_id(base: str, tag: str, taken: set[str]) -> str:
    """``base``, or ``base-tag``, ``base-tag-2``, ...: the first whose key is not taken.

    The one rule for every id the importer makes; ``taken`` (keys, dashes ignored)
    gets the result.
    """
    candidate, number = base, 1
    while ascii_key(candidate) in taken:
        number += 1
        candidate = f"{base}-{tag}" if number == 2 else f"{base}-{tag}-{number - 1}"
    taken.add(ascii_key(candidate))
    return candidate


def unique_titles(titles: dict[str, str]) -> tuple[dict[str, str], int]:
    """code -> title, the code appended to titles that do not name one role alone.

    Returns the titles and how many got their code.
    """
    count: Counter[str] = Counter()
    for code, title in titles.items():
        count.update(keys(title))
        count.update(keys(code))  # lookup takes codes too: a title is no code
    clashing = sorted(
        code
        for code, title in titles.items()
        if not ascii_key(title) or any(count[key] > 1 for key in keys(title))
    )
    out = {code: title for code, title in titles.items() if code not in clashing}
    taken = {key for title in out.values() for key in keys(title)}
    taken |= {key for code in titles for key in keys(code)}
    for code in clashing:
        candidate, number = f"{titles[code]} ({code})", 2
        while keys(candidate) & taken:
            candidate = f"{titles[code]} ({code}) {number}"
            number += 1
        out[code] = candidate
        taken |= keys(candidate)
    return out, len(clashing)


def role_id(title: str, taken: set[str]) -> str:
    """The slug of a (unique) title, kept unique among role ids."""
    return unique_id(slugify(title) or "occupation", "role", taken)


# --------------------------------------------------------------------------- singular titles


def singular(title: str) -> str | None:
    """The title with its nouns made singular, or None when no simple rule applies.

    The nouns are the last word of each item the title lists: before the first ", "
    ("Computer Science Teachers, Postsecondary" -> "Computer Science Teacher,
    Postsecondary"), and around each "and", "or" and "/" there ("Accountants and
    Auditors" -> "Accountant and Auditor"); in a title that is a list ("Plumbers,
    Pipefitters, and Steamfitters") every item. Titles qualified "All Other" are left
    alone. A word ending in -ies becomes -y, -sses/-shes/-ches/-xes/-zes lose -es,
    -wives become -wife, other words ending in -s lose it; words ending in -ss, -us,
    -is or -ics (but Mechanics), "Sales" and "News", and words of fewer than 4
    letters are not plurals.
    """
    head, comma, tail = title.partition(", ")
    if comma and "All Other" in tail:
        return None
    if comma and not tail.startswith("Except ") and _LIST.search(title):
        head, comma, tail = title, "", ""  # the whole title is a list of jobs
    parts = _ITEM_SEPARATORS.split(head)
    for i in range(0, len(parts), 2):  # items, between the separators
        before, space, last = parts[i].rpartition(" ")
        word = _singular_word(last)
        if word is not None:
            parts[i] = f"{before}{space}{word}"
    result = "".join(parts) + comma + tail
    return result if result != title else None


_LIST = re.compile(r", (?:and|or) ")
_ITEM_SEPARATORS = re.compile(r"(,\s+(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|/)")
_NOT_PLURAL = frozenset({"sales", "news"})


def _singular_word(word: str) -> str | None:
    lower = word.lower()
    if len(word) < 4 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return None
    if lower in _NOT_PLURAL or (lower.endswith("ics") and lower != "mechanics"):
        return None
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if lower.endswith("wives"):
        return word[:-3] + ("FE" if word.isupper() else "fe")
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


# --------------------------------------------------------------------------- technology aliases

#: Vendors O*NET puts before a product's name ("Microsoft Excel", "The MathWorks MATLAB").
VENDORS: tuple[str, ...] = (
    "Adobe",
    "Amazon",
    "Apache",
    "Apple",
    "Atlassian",
    "Autodesk",
    "Bentley",
    "Blackbaud",
    "CGTech",
    "Cisco",
    "Corel",
    "Dassault Systemes",
    "ESRI",
    "Google",
    "Guidance Software",
    "Henry Schein",
    "IBM",
    "Intuit",
    "Kronos",
    "MathWorks",
    "McNeel",
    "Microsoft",
    "Mozilla",
    "National Instruments",
    "Oracle",
    "PTC",
    "Portswigger",
    "Red Hat",
    "RockWare",
    "SAP",
    "StataCorp",
    "The MathWorks",
    "Thomson Reuters",
    "Trimble",
    "Unity Technologies",
    "Unreal Technology",
    "Xactware",
)
#: What is left of a vendor's product name that names a kind of thing, not the product.
GENERIC: frozenset[str] = frozenset(
    {"ads", "cloud", "database", "enterprise", "erp", "hris", "middleware", "project", "software"}
)
_ACRONYM = re.compile(r"\(?([A-Z][A-Z0-9]+)\)?")
_SOFTWARE = " software"
_CAMEL = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[^A-Za-z0-9]+")


def short_forms(name: str) -> list[str]:
    """The short forms of a technology's name, by the rules of :func:`technology_aliases`."""
    forms: list[str] = []
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        match = _ACRONYM.fullmatch(word)
        if match is None:
            continue
        acronym = match[1]
        # The initials of the words before it, camelCase parts too ("JavaScript" -> j, s).
        initials = "".join(part[0].lower() for w in words[:i] for part in _CAMEL.findall(w))
        if len(acronym) >= 2 and _subsequence(
            [c for c in acronym.lower() if c.isalpha()], initials
        ):
            forms.append(acronym)
            rest = words[i + 1 :]
            if len(rest) == 1 and rest[0].lower() != "software":
                forms.append(f"{acronym} {rest[0]}")
    if forms:  # the acronym is the short name: "Web Services AWS" would add nothing
        return forms
    for vendor in VENDORS:
        if name.startswith(vendor + " "):
            product = name[len(vendor) + 1 :]
            product = product.removesuffix(_SOFTWARE).strip()
            if product and product.lower() not in GENERIC:
                forms.append(product)
            break
    return forms


def _subsequence(letters: list[str], initials: str) -> bool:
    if not letters:
        return False
    position = 0
    for letter in letters:
        position = initials.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _words(name: str) -> set[str]:
    found = {w for w in re.split(r"[^a-z0-9+#]+", name.lower()) if w}
    return found - {"software"}


def technology_aliases(names: Iterable[str], taken: set[str]) -> dict[str, list[str]]:
    """name -> its aliases: short forms no other skill can claim.

    Rules: (1) the acronym O*NET writes after the words it abbreviates (its letters
    are initials of those words, camelCase parts counted, in order: "Structured query
    language SQL" -> SQL, "Amazon Web Services AWS software" -> AWS, "JavaScript
    Object Notation JSON" -> JSON), and with the one word that follows it ("… AWS
    CloudFormation" -> AWS CloudFormation); (2) for a name without such an acronym,
    the product without its vendor, from :data:`VENDORS`, and
    without a trailing "software" ("Microsoft Excel" -> Excel, "Oracle Java" -> Java,
    "The MathWorks MATLAB" -> MATLAB), unless what is left names a kind of thing
    (:data:`GENERIC`). A short form several names share goes to the general product:
    the name the others extend (its words all appear in each of them, "software"
    aside), else the one "… software" entry; else to none. A short form that is the
    same as any skill's id or name (``taken``, as :func:`keys`) is nobody's alias.
    """
    claims: dict[str, list[tuple[str, str]]] = {}
    for name in names:
        own = keys(name)
        for form in short_forms(name):
            form_keys = keys(form)
            if not form_keys or form_keys & own or form_keys & taken:
                continue
            for key in form_keys:
                entries = claims.setdefault(key, [])
                if all(n != name for n, _ in entries):
                    entries.append((name, form))
    winner: dict[str, str | None] = {}
    for key, entries in claims.items():
        winner[key] = entries[0][0] if len(entries) == 1 else _general(e[0] for e in entries)
    out: dict[str, list[str]] = {}
    for _, entries in sorted(claims.items()):
        for name, form in entries:
            if all(winner.get(k) == name for k in keys(form)):
                aliases = out.setdefault(name, [])
                if form not in aliases:
                    aliases.append(form)
    return {name: sorted(forms, key=lambda f: (len(f), f)) for name, forms in out.items()}


def _general(names: Iterable[str]) -> str | None:
    listed = sorted(set(names))
    bases = [n for n in listed if all(_words(n) <= _words(o) for o in listed)]
    if len(bases) == 1:
        return bases[0]
    software = [n for n in listed if n.lower().endswith(_SOFTWARE)]
    return software[0] if len(software) == 1 else None
