"""A valid catalog whose every text field is hostile: markup, escape sequences, controls, bidi.

Used by the hardening tests to run every view over text that would break a
terminal or a Rich markup parser if jobcli ever printed it raw. Ids must stay
slugs, and names must not collide once normalised, so each hostile string
carries a distinct plain word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ESC = "\x1b"
BEL = "\x07"

#: One of each kind of hostile text; ``{w}`` is replaced by a distinct word.
PAYLOADS: tuple[str, ...] = (
    "[bold]{w}[/]",  # Rich markup, closed
    "{w} [/] lead",  # a closing tag with nothing open: MarkupError if parsed
    "[link=https://evil.example/]{w}[/link]",  # a Rich hyperlink
    ESC + "[2J" + ESC + "[H{w}",  # CSI: clear the screen, cursor home
    "{w}" + ESC + "]0;pwned title" + BEL,  # OSC: set the window title
    ESC + "]8;;https://evil.example/" + ESC + "\\{w}" + ESC + "]8;;" + ESC + "\\",  # OSC 8 link
    "{w} safe\rFORGED line",  # a carriage return that overwrites what was printed
    "{w}\x00nul\x08bs\x7fdel\x0bvt\x0cff",  # other C0 controls and DEL
    "{w}\x9b31m\x9d0;c1\x9c\x85nel",  # C1 controls: CSI, OSC, ST, NEL
    "{w} \u202eevil\u202c \u2066iso\u2069 \u200frlm",  # bidi override, isolate, mark
    "{w} :smile: \\[escaped] [red on white]",  # emoji code, escaped bracket, a style
    ESC + "[31m{w}" + ESC + "[0m",  # an SGR from the data: still data, not colour
)

_WORDS = (
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
    "amber",
    "birch",
    "cedar",
    "dune",
    "ember",
    "fjord",
    "grove",
    "heath",
    "islet",
    "jade",
    "knoll",
    "larch",
    "moss",
    "nook",
    "opal",
    "pine",
    "quartz",
    "reef",
    "sage",
    "thorn",
    "umber",
    "vale",
    "willow",
    "yarrow",
    "zephyr",
)


def hostile(index: int, word: str) -> str:
    """The ``index``-th payload (cycling) around ``word``."""
    return PAYLOADS[index % len(PAYLOADS)].replace("{w}", word)


def hostile_catalog() -> dict[str, Any]:
    """A valid catalog (3 skills, 3 roles) in which every free-text field is hostile."""
    counter = iter(range(10_000))

    def text() -> str:
        n = next(counter)
        return hostile(n, f"{_WORDS[n % len(_WORDS)]}{n}")

    skills = [
        {
            "id": sid,
            "name": text(),
            "kind": kind,
            "description": text(),
            "aliases": [text(), text()],
        }
        for sid, kind in (("skill-a", "human"), ("skill-b", "technical"), ("skill-c", "knowledge"))
    ]
    roles = []
    for rid, related, skill_ids in (
        ("role-a", ["role-b"], ["skill-a", "skill-b", "skill-c"]),
        ("role-b", ["role-a", "role-c"], ["skill-b", "skill-c"]),
        ("role-c", [], ["skill-a"]),
    ):
        roles.append(
            {
                "id": rid,
                "title": text(),
                "aliases": [text(), text()],
                "summary": text() + ". " + text(),
                "responsibilities": [text(), text()],
                "skills": [{"id": s, "importance": 5 - i} for i, s in enumerate(skill_ids)],
                "human_edge": [text()],
                "onet_soc_code": "15-1252.00",
                "ai_exposure": [{"measure": text(), "value": 0.42, "source": text()}],
                "related": related,
            }
        )
    return {"schema_version": 1, "source": text(), "skills": skills, "roles": roles}


def all_texts(data: Any) -> list[str]:
    """Every string value in ``data`` (keys and slug ids excluded)."""
    out: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("id", "kind", "onet_soc_code", "related"):
                continue
            out.extend(all_texts(value))
    elif isinstance(data, list):
        for value in data:
            out.extend(all_texts(value))
    elif isinstance(data, str):
        out.append(data)
    return out


def write_hostile_catalog(path: Path) -> Path:
    """Write the hostile catalog to ``path`` (as JSON, escapes and all) and return it."""
    path.write_text(json.dumps(hostile_catalog(), indent=1), encoding="utf-8")
    return path


def unicode_catalog() -> dict[str, Any]:
    """A valid catalog full of characters that ASCII and Latin-1 cannot encode."""
    return {
        "schema_version": 1,
        "source": "Écrit pour les tests — «données» ✓",
        "skills": [
            {"id": "resume-writing", "name": "Résumé writing", "kind": "human"},
            {"id": "rocketry", "name": "Rocketry 🚀", "kind": "technical", "aliases": ["火箭"]},
            {"id": "statistics", "name": "Statistics σ²", "kind": "knowledge"},
        ],
        "roles": [
            {
                "id": "cafe-analyst",
                "title": "Café Analyst — 数据 ✓",
                "aliases": ["naïve analyst"],
                "summary": "Turns café data into answers… quickly. Ελληνικά too.",
                "responsibilities": ["Count ☕ cups", "Report → management"],
                "skills": [
                    {"id": "statistics", "importance": 5},
                    {"id": "resume-writing", "importance": 3},
                ],
                "human_edge": ["Knows the regulars’ names."],
                "ai_exposure": [{"measure": "β exposure", "value": 0.5, "source": "Ω study"}],
                "related": ["rocket-engineer"],
            },
            {
                "id": "rocket-engineer",
                "title": "Rocket Engineer 🚀",
                "summary": "Builds rockets — carefully.",
                "skills": [
                    {"id": "rocketry", "importance": 5},
                    {"id": "statistics", "importance": 4},
                ],
            },
        ],
    }


def large_catalog(n_roles: int, n_skills: int = 60) -> dict[str, Any]:
    """A valid catalog big enough that its output overflows any pipe buffer."""
    kinds = ("human", "technical", "knowledge")
    skills = [
        {"id": f"skill-{i}", "name": f"Skill number {i}", "kind": kinds[i % 3]}
        for i in range(n_skills)
    ]
    roles = [
        {
            "id": f"role-{i}",
            "title": f"Role number {i}",
            "summary": f"Role {i} does a great many things, " + "busily, " * 20 + "always. Done.",
            "responsibilities": [f"Task {j} of role {i}" for j in range(5)],
            "skills": [
                {"id": f"skill-{(i + j * 7) % n_skills}", "importance": 1 + (i + j) % 5}
                for j in range(8)
            ],
        }
        for i in range(n_roles)
    ]
    return {"schema_version": 1, "source": "generated", "skills": skills, "roles": roles}
