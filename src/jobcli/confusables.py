"""Names that look alike: UTS #39 confusable skeletons of normalised names.

Imported only by validation (:func:`jobcli.models.cross_check`), and only for a
name that is not ASCII: the lookup of a name never pays for it.

The table maps each Latin, Greek and Cyrillic letter (upper or lower case, without
accents: a name is decomposed first) that Unicode's confusables.txt (UTS #39, "Unicode
Security Mechanisms") lists as confusable with an ASCII letter or digit to the first
such one. It was generated from the copy of confusables.txt bundled, as
``confusables.json``, with the ``confusable-homoglyphs`` package (3.3.1), which is not a
dependency. Other scripts have no such letters there; NFKC (in ``normalize``) already
folds the fullwidth and mathematical forms.
"""

from __future__ import annotations

import unicodedata

_SOURCE = (
    "ıſƄƍƖƦƧƷƼƽǀȜȢȣɑɡɣɩɪɯʋʏͺͿΑΒΕΖΗΙΚΜΝΟΡΤΥΧαγ"
    "ινορσυϒϜϱϲϳϹϺЅІЈАВЕЗКМНОРСТУХЬабгеорсухѕ"
    "іјѡѴѵҮүһҽӀӏӠԁԌԛԜԝᴄᴏᴑᴜᴠᴡᴢᴦᶃᶌẝỿꙄꙇꜱꝚꝪꝮꞘꞙꞟꞫꞲ"
    "ꞳꞴꬲꬵꬽꭇꭈꭎꭒꭚ𝈆𝈍𝈒𝈓𝈖𝈪"
)
_TARGET = (
    "ifbglR235sl388agyiiwuyiJABEZHlKMNOPTYXay"
    "ivopouYFpcjCMSlJABE3KMHOPCTYXba6reopcyxs"
    "ijwVvYyheli3dGqWwcoouvwzrgyfy2is239Ffu3J"
    "XBeforruuy3V7FRL"
)
_SKELETON = str.maketrans(_SOURCE, _TARGET)


def skeleton(name: str) -> str:
    """The normalised skeleton of a name: decomposed, each homoglyph written as the ASCII
    letter it imitates, then :func:`jobcli.names.normalize`d ("Dаta" with a Cyrillic а
    and "DATA" are both "data")."""
    from .names import normalize

    if name.isascii():
        return normalize(name)
    return normalize(unicodedata.normalize("NFD", name).translate(_SKELETON))


def single_script(key: str) -> str | None:
    """ "Greek" or "Cyrillic" when every letter of ``key`` is of that one script (so
    that two such names are words of one language, not a disguise); else None."""
    scripts = set()
    for ch in key:
        code = ord(ch)
        if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
            scripts.add("Greek")
        elif 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
            scripts.add("Cyrillic")
        elif ch.isalpha():
            return None
    return scripts.pop() if len(scripts) == 1 else None
