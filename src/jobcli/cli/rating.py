"""``jobcli me rate``'s sitting on a terminal: asks through :mod:`jobcli.questionnaire`,
saves each answer through :mod:`jobcli.cli.me` (imported only when rating)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..errors import ExitCode
from ..output import fail, message
from ..safetext import safe
from .app import session
from .loading import load
from .me import profile_file, read, write

if TYPE_CHECKING:
    from ..profile import Profile
    from ..questionnaire import Question
    from ..store.query import Store


def rate_skills(*, every: bool, knowledge: bool) -> None:
    """Ask the catalog's O*NET skills (and knowledge areas) on the terminal; exit 2
    without one, 130 on Ctrl-C (every answer given is saved)."""
    from ..questionnaire import questions_for
    from .entry import Interrupted

    env = session().env
    if env.stdin is None or not env.stdin_isatty:
        fail(
            "'jobcli me rate' asks questions on a terminal, and standard input is not one; "
            "in a script, use 'jobcli me add SKILL=LEVEL...'",
            ExitCode.USAGE,
        )
    store = load()
    profile = read()
    skills, areas = questions_for(store.skills())
    if not skills and not areas:
        fail(
            "this catalog has none of O*NET's skills to rate; try --catalog onet",
            ExitCode.NOT_FOUND,
        )
    state = _Sitting(profile, store)
    try:
        state.ask(skills, every, "skills")
        if areas and not state.stopped:
            if not knowledge:
                knowledge = state.yes(f"Rate O*NET's {len(areas)} knowledge areas too? [y/N] ")
            if knowledge:
                state.ask(areas, every, "knowledge areas")
    except (KeyboardInterrupt, Interrupted):
        state.stopped = True
        message(
            f"\njobcli: interrupted; your {state.answered} answer(s) are saved in "
            f"{safe(str(profile_file()))}; 'jobcli me rate' goes on where you stopped"
        )
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    message(
        f"jobcli: {state.answered} answer(s) saved in {safe(str(profile_file()))}"
        + ("; 'jobcli me rate' goes on where you stopped" if state.stopped else "")
        + "; see 'jobcli me'"
    )


class _Sitting:
    """One run of the questionnaire: the profile as it grows, answer by answer."""

    def __init__(self, profile: Profile, store: Store) -> None:
        self.profile = profile
        self.levels = profile.placed(store.skills()).levels if profile else {}
        self.answered = 0
        self.stopped = False

    def _line(self, prompt: str) -> str | None:
        env = session().env
        err = env.stderr
        if err is not None:
            err.write(prompt)
            err.flush()
        assert env.stdin is not None
        line = env.stdin.readline()
        return line if line else None

    def _say(self, text: str) -> None:
        message(text)

    def yes(self, prompt: str) -> bool:
        answer = self._line(prompt)
        return answer is not None and answer.strip().lower() in ("y", "yes")

    def _save(self, question: Question, level: float) -> None:
        from ..profile import ProfileSkill

        skill = question.skill
        self.profile = self.profile.with_skills([ProfileSkill(skill.id, skill.name, level)])
        write(self.profile)
        self.levels[skill.id] = level
        self.answered += 1

    def ask(self, questions: list[Question], every: bool, what: str) -> None:
        from ..questionnaire import run

        position = {q.skill.id: at for at, q in enumerate(questions, start=1)}
        pending = [q for q in questions if every or q.skill.id not in self.levels]
        done = len(questions) - len(pending)
        if not pending:
            message(f"jobcli: all {len(questions)} {what} are answered; --all asks them again")
            return
        message(
            f"Rate your {what} on O*NET's level scale, 0 (none) to 7 (expert), beside what "
            f"a level looks like. {done} of {len(questions)} answered; Enter skips, q stops, "
            "each answer is saved at once."
        )
        outcome = run(
            pending,
            total=len(questions),
            position=position,
            current=self.levels,
            ask=self._line,
            say=self._say,
            save=self._save,
        )
        self.stopped = outcome.stopped
