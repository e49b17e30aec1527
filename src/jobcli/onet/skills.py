"""O*NET's 35 skills: element id, name, and the kind jobcli gives each.

One table serves the bundled catalog and the O*NET importer, so a skill id
(the slug of O*NET's element name) means the same skill in both, and a
person's skills match across catalogs.

Kinds follow O*NET's element groups, with one documented exception:
- 2.A.1 Content: the communication skills (active listening, writing,
  speaking) are ``human``; reading comprehension, mathematics and science are
  ``knowledge``.
- 2.A.2 Process, 2.B.1 Social, 2.B.2 Complex Problem Solving, 2.B.4 Systems
  (judgment, systems analysis and evaluation) and 2.B.5 Resource Management
  are ``human``.
- 2.B.3 Technical is ``technical``.
"""

from __future__ import annotations

#: (O*NET element id, O*NET element name, jobcli kind)
ONET_SKILLS: tuple[tuple[str, str, str], ...] = (
    ("2.A.1.a", "Reading Comprehension", "knowledge"),
    ("2.A.1.b", "Active Listening", "human"),
    ("2.A.1.c", "Writing", "human"),
    ("2.A.1.d", "Speaking", "human"),
    ("2.A.1.e", "Mathematics", "knowledge"),
    ("2.A.1.f", "Science", "knowledge"),
    ("2.A.2.a", "Critical Thinking", "human"),
    ("2.A.2.b", "Active Learning", "human"),
    ("2.A.2.c", "Learning Strategies", "human"),
    ("2.A.2.d", "Monitoring", "human"),
    ("2.B.1.a", "Social Perceptiveness", "human"),
    ("2.B.1.b", "Coordination", "human"),
    ("2.B.1.c", "Persuasion", "human"),
    ("2.B.1.d", "Negotiation", "human"),
    ("2.B.1.e", "Instructing", "human"),
    ("2.B.1.f", "Service Orientation", "human"),
    ("2.B.2.i", "Complex Problem Solving", "human"),
    ("2.B.3.a", "Operations Analysis", "technical"),
    ("2.B.3.b", "Technology Design", "technical"),
    ("2.B.3.c", "Equipment Selection", "technical"),
    ("2.B.3.d", "Installation", "technical"),
    ("2.B.3.e", "Programming", "technical"),
    ("2.B.3.g", "Operations Monitoring", "technical"),
    ("2.B.3.h", "Operation and Control", "technical"),
    ("2.B.3.j", "Equipment Maintenance", "technical"),
    ("2.B.3.k", "Troubleshooting", "technical"),
    ("2.B.3.l", "Repairing", "technical"),
    ("2.B.3.m", "Quality Control Analysis", "technical"),
    ("2.B.4.e", "Judgment and Decision Making", "human"),
    ("2.B.4.g", "Systems Analysis", "human"),
    ("2.B.4.h", "Systems Evaluation", "human"),
    ("2.B.5.a", "Time Management", "human"),
    ("2.B.5.b", "Management of Financial Resources", "human"),
    ("2.B.5.c", "Management of Material Resources", "human"),
    ("2.B.5.d", "Management of Personnel Resources", "human"),
)


def slugify(text: str) -> str:
    """Lowercase slug of ``text``: runs of anything but a-z and 0-9 become one dash."""
    out: list[str] = []
    dash = False
    for ch in text.lower():
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        else:
            dash = True
    return "".join(out)


#: element id -> (skill id, name, kind)
BY_ELEMENT_ID: dict[str, tuple[str, str, str]] = {
    element_id: (slugify(name), name, kind) for element_id, name, kind in ONET_SKILLS
}
