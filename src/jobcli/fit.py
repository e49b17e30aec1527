"""The fit between what a person brings and what a role needs: pure functions, no I/O.

Two numbers, used by ``gap``, ``next``, ``path`` and ``match --from``/``--me``. See
docs/ARCHITECTURE.md ("Fit") for the formulas and how well they do on O*NET.

- **What you bring** (:func:`skill_fit`, asymmetric; ``gap``'s verdict): each skill of
  the target counts with its *distinctiveness* weight ``w = importance x min(RCA, 3)``,
  where RCA (revealed comparative advantage, Dawson et al. 2021) is the skill's share
  of the role's total importance over its share of the whole catalog's: a skill every
  role needs (Active Listening) weighs less than one that makes the job (Programming).
  A skill held counts as ``min(1, have / need)`` of its level (0-7); a skill without a
  level on either side counts in full ("has it, level unknown" meets the need).
- **The fit of a move** (:attr:`Fit.value`, what ``next`` ranks by): from a role, the
  likeness of the two jobs, ``(work + SKILL_SHARE x skills) / (1 + SKILL_SHARE)``: the
  work is the mean of two cosines of TF-IDF word vectors, of what they are called (title,
  aliases, alternate titles) and of what they do (tasks and summary); the skills, the
  cosine of their distinctiveness x level skill vectors
  (:func:`skill_vector`). Symmetric: a role needing a few low skills is not a move for
  everyone, as it was when the fit was what one brings. From a person (no words): the
  geometric mean of what you bring and how much of what you have the role uses.
- **Preparation**: a move up more than one Job Zone keeps only
  :data:`ZONE_PENALTY` of its fit per zone beyond the first, and is flagged.

Skills are the catalog's skills: the rated ones and the tools in demand for the role
(a tool that is only "hot" is never a skill, so it never counts).
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .domain import Role, RoleSkill

_SQRT2 = math.sqrt(2.0)
#: The most an RCA multiplies a skill's importance by: beyond it a skill rare in the
#: catalog would drown the rest of the role.
RCA_CAP = 3.0
#: Weight of the skills' cosine beside the work's words (1) in a move's fit: tuned on
#: O*NET 29.3's Primary-Short related occupations (docs/ARCHITECTURE.md, "Fit").
SKILL_SHARE = 0.1
#: A word (or skill) weighing less than this in a role's vector (of length 1) is left
#: out of it: such entries are the words and skills found in hundreds of roles, they move
#: a cosine little, and they were more than half of what ``next`` sums (measured: the same
#: recall, 2.2 x fewer sums; docs/ARCHITECTURE.md, "Fit").
WORD_FLOOR = 0.02
SKILL_FLOOR = 0.15
#: Weight of your skills' fit beside the likeness of your job's work (1) in the fit of a
#: move of yours (``next --me`` with the job you have or had): measured on O*NET 29.3
#: (docs/ARCHITECTURE.md, "Fit").
YOUR_SKILLS_SHARE = 0.3
#: A move up more than one Job Zone keeps this share of its fit per zone beyond one.
ZONE_PENALTY = 0.75
#: The fit from which a move is viable (``next`` lists it, ``path`` takes it): measured,
#: the fit above which 80% of O*NET's Primary-Short related pairs lie (ARCHITECTURE.md).
VIABLE = 0.13
#: A role's best moves that are viable whatever their fit: in a small catalog of distinct
#: roles (the seven: every fit under 0.08) nothing would reach VIABLE, and a person would be
#: told there is nowhere to go; on O*NET a role's three best moves pass VIABLE anyway but
#: for a few isolated occupations.
NEAREST = 3


class Weights(NamedTuple):
    """What the fit needs of the whole catalog, computed once per catalog."""

    #: Skill id -> its average importance over all roles (0 where a role lacks it).
    average: Mapping[str, float]
    #: Sum of :attr:`average` (the catalog's mean total importance of a role).
    total: float
    #: Word -> inverse document frequency over the roles' work words.
    idf: Mapping[str, float]


class Fit(NamedTuple):
    """How well what one brings fits a target role, and of what it is made."""

    value: float
    #: What one brings to the target: the share of its weighted skills held, level by
    #: level (None when the target has no skills to compare).
    skills: float | None
    #: The work's words part (None for a person, or a role without words).
    work: float | None
    #: Target Job Zone minus source Job Zone (None when either is unknown).
    zone_step: int | None = None
    #: The cosine of the two roles' skill vectors (None for a person, or without skills).
    likeness: float | None = None

    @property
    def stretch(self) -> bool:
        """A move up more than one Job Zone: much more preparation (flagged)."""
        return self.zone_step is not None and self.zone_step > 1


def importance(skill: RoleSkill) -> float:
    """The precise importance: the source's rating where given, else the 1-5 integer."""
    return skill.rated if skill.rated is not None else float(skill.importance)


def catalog_weights(
    roles: Sequence[Role], words: Sequence[Mapping[str, int]] | None = None
) -> Weights:
    """The catalog-wide averages the fit weighs skills and words by; ``words``: the
    roles' :func:`~jobcli.work_words.work_words`, when already counted."""
    from .work_words import work_words  # the catalog's words: not when a store has them

    sums: dict[str, float] = {}
    df: Counter[str] = Counter()
    for n, role in enumerate(roles):
        for s in role.skills:
            sums[s.id] = sums.get(s.id, 0.0) + importance(s)
        df.update((work_words(role) if words is None else words[n]).keys())
    n = max(1, len(roles))
    average = {k: v / n for k, v in sums.items()}
    idf = {w: math.log(n / c) for w, c in df.items()}
    return Weights(average, sum(average.values()), idf)


def distinctiveness(role: Role, weights: Weights) -> dict[str, float]:
    """Skill id -> its weight in ``role``: importance x min(RCA, :data:`RCA_CAP`)."""
    own = sum(importance(s) for s in role.skills)
    out = {}
    for s in role.skills:
        imp = importance(s)
        avg = weights.average.get(s.id, 0.0)
        rca = RCA_CAP if avg <= 0 or own <= 0 else (imp / own) / (avg / weights.total)
        out[s.id] = imp * min(rca, RCA_CAP)
    return out


def levels_of(role: Role) -> dict[str, float | None]:
    """A role's skills as a person's: skill id -> level (None when unknown)."""
    return {s.id: s.level for s in role.skills}


def credit(have: float | None, need: float | None) -> float:
    """How much of a needed skill one holding it brings: ``min(1, have / need)`` of the
    level (the need rounded down to a quarter), in full when either level is unknown (None:
    "has it, level unknown")."""
    if have is None or need is None:
        return 1.0
    need = math.floor(need * 4) / 4  # down to a quarter: the bulk fits share credit vectors
    if need <= 0:
        return 1.0
    return min(1.0, max(0.0, have) / need)


def skill_fit(have: Mapping[str, float | None], target: Role, weights: Weights) -> float | None:
    """The share of ``target``'s distinctiveness-weighted skills that ``have`` brings,
    level by level; None when the target has no skills."""
    w = distinctiveness(target, weights)
    total = sum(w.values())
    if total <= 0:
        return None
    got = sum(w[s.id] * credit(have[s.id], s.level) for s in target.skills if s.id in have)
    return min(1.0, got / total)


def work_vector(
    role: Role, weights: Weights, words: Mapping[str, int] | None = None
) -> dict[str, float]:
    """The role's TF-IDF vector of work words: its titles' part and its tasks' part each
    of length 1/sqrt(2), so that the dot product of two roles' vectors is the mean of
    the two parts' cosines (a part a role lacks counts 0; empty without words);
    ``words``: its :func:`~jobcli.work_words.work_words`, when already counted."""
    from .work_words import TITLE, work_words

    counts = work_words(role) if words is None else words
    vec = {w: (1.0 + math.log(n)) * weights.idf.get(w, 0.0) for w, n in counts.items()}
    out: dict[str, float] = {}
    for titles in (True, False):
        part = {w: v for w, v in vec.items() if v > 0 and w.startswith(TITLE) is titles}
        norm = math.sqrt(sum(v * v for v in part.values())) * _SQRT2
        out.update((w, v / norm) for w, v in part.items())
    return _pruned(out, WORD_FLOOR)


def work_similarity(a: Role, b: Role, weights: Weights) -> float | None:
    """Cosine of the two roles' work vectors; None when ``b`` has no words."""
    va, vb = work_vector(a, weights), work_vector(b, weights)
    if not vb:
        return None
    if not va:
        return 0.0
    if len(vb) < len(va):
        va, vb = vb, va
    return min(1.0, sum(v * vb.get(w, 0.0) for w, v in va.items()))


def skill_vector(role: Role, weights: Weights) -> dict[str, float]:
    """The role's skills as a vector of length 1: distinctiveness x level (level 3.5, the
    middle of O*NET's 0-7 scale, where unknown); empty without skills."""
    dist = distinctiveness(role, weights)
    vec = {s.id: dist[s.id] * (3.5 if s.level is None else s.level) for s in role.skills}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return _pruned({k: v / norm for k, v in vec.items() if v > 0}, SKILL_FLOOR) if norm > 0 else {}


def _pruned(vec: dict[str, float], floor: float) -> dict[str, float]:
    """``vec`` without its entries under ``floor`` (all of it if none is as large)."""
    kept = {k: v for k, v in vec.items() if v >= floor}
    return kept or vec


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two vectors of length 1."""
    if len(b) < len(a):
        a, b = b, a
    return min(1.0, sum(v * b.get(k, 0.0) for k, v in a.items()))


def combine(likeness: float | None, work: float | None, zone_step: int | None) -> float:
    """A move's fit from its parts: ``(work + SKILL_SHARE x likeness) / (1 + SKILL_SHARE)``
    (the one known, if only one), less the preparation penalty of a move up more than one
    Job Zone."""
    if likeness is None and work is None:
        value = 0.0
    elif likeness is None:
        value = work or 0.0
    elif work is None:
        value = likeness
    else:
        value = (work + SKILL_SHARE * likeness) / (1 + SKILL_SHARE)
    return value * stretch_factor(zone_step)


def stretch_factor(zone_step: int | None) -> float:
    """What a move keeps of its fit for its step in Job Zone (1.0 but for a stretch)."""
    if zone_step is not None and zone_step > 1:
        return float(ZONE_PENALTY ** (zone_step - 1))
    return 1.0


def zone_step(source_zone: int | None, target: Role) -> int | None:
    """Target Job Zone minus the source's, if both are known."""
    to = target.job_zone()
    return to - source_zone if to is not None and source_zone is not None else None


def person_fit(
    have: Mapping[str, float | None],
    target: Role,
    weights: Weights,
    zone: int | None = None,
) -> Fit:
    """How a person's skills (id -> level 0-7, None = level unknown) fit ``target``: the
    geometric mean of what they bring (:func:`skill_fit`) and the share of what they
    have that it uses (:func:`usage`), less a stretch's penalty; ``zone``: the person's
    Job Zone, when known (their current job's)."""
    skills = skill_fit(have, target, weights)
    step = zone_step(zone, target)
    # Rounded: sums of levels in another order must not make a role fit itself 0.9999...
    value = 0.0 if skills is None else round(math.sqrt(skills * usage(have, target)), 9)
    return Fit(value * stretch_factor(step), skills, None, step)


def your_move_fit(work: float, skills: float) -> float:
    """The fit of a move of yours: ``(work + YOUR_SKILLS_SHARE x skills) / (1 +
    YOUR_SKILLS_SHARE)``, ``work`` the likeness of your job's work to the role's,
    ``skills`` your skills' fit to it (:func:`person_fit`)."""
    return (work + YOUR_SKILLS_SHARE * skills) / (1 + YOUR_SKILLS_SHARE)


def usage(have: Mapping[str, float | None], target: Role) -> float:
    """The share of what one has that ``target`` uses (:func:`jobcli.profile.usage`): a
    role that needs one skill of your forty is not a move for you, though you bring all
    it asks."""
    from .profile import usage as share_used

    return share_used(have, (s.id for s in target.skills))


def role_fit(source: Role, target: Role, weights: Weights) -> Fit:
    """How a person in ``source`` fits ``target``: what its skills and levels bring, and
    the move's fit, the likeness of the work and skills less a stretch's penalty (see the
    module's docstring)."""
    if source.id == target.id:
        return Fit(1.0, 1.0, 1.0, 0, 1.0)
    skills = skill_fit(levels_of(source), target, weights) if source.skills else None
    if source.skills == () and target.skills:
        skills = 0.0
    a, b = skill_vector(source, weights), skill_vector(target, weights)
    likeness = cosine(a, b) if a and b else None
    work = work_similarity(source, target, weights)
    step = zone_step(source.job_zone(), target)
    return Fit(combine(likeness, work or 0.0, step), skills, work, step, likeness)


def basis(fit: Fit) -> str:
    """What the fit rests on, in words a person reads."""
    if fit.skills is None and fit.work is None:
        return "nothing to compare"
    if fit.skills is None:
        return "work only (no skills to compare)"
    if fit.work is None:
        return "skills"
    return "skills and work"


def ranked_needs(target: Role, weights: Weights) -> list[RoleSkill]:
    """``target``'s skills most important first (the precise importance), then by the
    level needed, then by weight in the fit; by id only among exact equals."""
    w = distinctiveness(target, weights)
    return sorted(target.skills, key=lambda s: (-importance(s), -(s.level or 0.0), -w[s.id], s.id))


def split_needs(
    have: Mapping[str, float | None], target: Role, weights: Weights
) -> tuple[list[RoleSkill], list[RoleSkill], list[RoleSkill]]:
    """``target``'s skills as (transferable, to improve, to learn), each weightiest first:
    held at the level needed (or unknown), held below it, not held."""
    transferable, improve, learn = [], [], []
    for s in ranked_needs(target, weights):
        if s.id not in have:
            learn.append(s)
        elif credit(have[s.id], s.level) < 1.0:
            improve.append(s)
        else:
            transferable.append(s)
    return transferable, improve, learn


def top_to_learn(
    have: Mapping[str, float | None], target: Role, weights: Weights, limit: int = 3
) -> list[RoleSkill]:
    """The weightiest skills of ``target`` not in ``have``."""
    return [s for s in ranked_needs(target, weights) if s.id not in have][:limit]


def ranked(fits: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """(id, fit) pairs best first, then by id."""
    return sorted(fits, key=lambda p: (-p[1], p[0]))
