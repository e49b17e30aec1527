"""Builders shared by the tests: small valid catalogs to mutate, and a CLI runner."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jobcli.cli import app

BASE: dict[str, Any] = {
    "schema_version": 1,
    "source": "Test catalog written for jobcli's tests.",
    "skills": [
        {
            "id": "critical-thinking",
            "name": "Critical Thinking",
            "kind": "human",
            "description": "Reasoning about alternatives.",
            "aliases": ["reasoning"],
        },
        {"id": "programming", "name": "Programming", "kind": "technical", "aliases": ["coding"]},
        {"id": "statistics", "name": "Statistics", "kind": "knowledge"},
        {"id": "empathy", "name": "Empathy", "kind": "human"},
    ],
    "roles": [
        {
            "id": "analyst",
            "title": "Data Analyst",
            "aliases": ["analysts"],
            "summary": "Turns data into answers.",
            "responsibilities": ["Query data", "Report findings"],
            "skills": [
                {"id": "statistics", "importance": 5},
                {"id": "critical-thinking", "importance": 4},
                {"id": "programming", "importance": 2},
            ],
            "human_edge": ["Knows which question matters."],
            "onet_soc_code": "15-2051.01",
            "ai_exposure": [{"measure": "m", "value": 0.5, "source": "s"}],
            "related": ["developer"],
        },
        {
            "id": "developer",
            "title": "Software Developer",
            "aliases": ["dev", "programmer"],
            "summary": "Builds software.",
            "skills": [
                {"id": "programming", "importance": 5},
                {"id": "critical-thinking", "importance": 3},
            ],
        },
        {
            "id": "designer",
            "title": "UX Designer",
            "summary": "Designs for people.",
            "skills": [{"id": "empathy", "importance": 5}],
        },
    ],
}


def catalog_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of the base catalog with top-level keys replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
    """Run the app in-process; never catch exceptions (a traceback is a failure)."""
    return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)


def invoke_as(
    *args: str,
    tty: bool = True,
    width: int | None = 100,
    height: int | None = None,
    pager: str | None = None,
    colour: bool = False,
    env: dict[str, str] | None = None,
    input: str | None = None,
) -> Any:
    """Run the app in-process with an output environment of the test's choosing:
    "as a terminal" of ``width`` × ``height`` (the default) or "as a pipe" (``tty=False``)."""
    import sys

    from jobcli.output import Environment

    def environment() -> Environment:  # made once the runner has set up its streams
        return Environment(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_isatty=tty,
            width=width,
            height=height,
            encoding="utf-8",
            colour=colour,
            pager=pager,
        )

    return runner.invoke(
        app, list(args), env=env, input=input, obj=environment, catch_exceptions=False
    )


def jobcli_command() -> list[str]:
    """The installed entry point: the ``jobcli`` script beside this Python, else ``-m jobcli``."""
    import shutil
    import sys

    script = Path(sys.executable).with_name("jobcli")
    if script.exists():
        return [str(script)]
    found = shutil.which("jobcli")
    return [found] if found else [sys.executable, "-m", "jobcli"]


#: The seven roles of the source article, in its order, as the bundled catalog names them.
SEVEN_ROLES = [
    "data-scientist",
    "ethical-ai-specialist",
    "cybersecurity-expert",
    "ux-designer",
    "software-engineer",
    "ai-trainer-explainer",
    "tech-policy-expert",
]

#: A view of every command that reads the catalog, with arguments valid in the bundled one.
BUNDLED_VIEWS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "data-scientist"],
    "compare": ["compare", "ux-designer", "software-engineer"],
    "skills": ["skills"],
    "match": ["match", "programming", "critical thinking", "statistics"],
    "gap": ["gap", "software-engineer", "data-scientist"],
    "validate": ["validate"],
}


# the installed program, on pipes or on a pseudo-terminal ----------------------------------------


class Ran:
    """What a run of the installed ``jobcli`` gave: exit code and raw output."""

    def __init__(self, args: list[str], code: int, stdout: bytes, stderr: bytes) -> None:
        self.args = args
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "backslashreplace")


def spawn(
    args: list[str],
    *,
    env: dict[str, str],
    cwd: Path | None = None,
    stdin: bytes = b"",
    timeout: float = 60,
) -> Ran:
    """``jobcli ARGS`` with stdin, stdout and stderr on pipes."""
    import subprocess

    proc = subprocess.run(
        [*jobcli_command(), *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
    return Ran(list(args), proc.returncode, proc.stdout, proc.stderr)


def spawn_on_terminal(
    args: list[str],
    *,
    env: dict[str, str],
    cwd: Path | None = None,
    columns: int = 100,
    rows: int = 40,
    stderr_too: bool = True,
    raw: bool = True,
    timeout: float = 60,
) -> Ran:
    """``jobcli ARGS`` with stdout (and stderr, if ``stderr_too``) on a pseudo-terminal of
    ``columns`` × ``rows``; stdin is /dev/null. ``raw``: no "\n" -> "\r\n" translation,
    what arrives is what jobcli wrote. The terminal's output is ``Ran.stdout``."""
    import fcntl  # POSIX only, like pseudo-terminals
    import os
    import pty
    import struct
    import subprocess
    import termios
    import tty

    master, slave = pty.openpty()
    if raw:
        tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    try:
        proc = subprocess.Popen(
            [*jobcli_command(), *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=slave if stderr_too else subprocess.PIPE,
            env=env,
            cwd=cwd,
            # No controlling terminal: a default pager (less) could never be quit from
            # here, so jobcli uses none; a pager the test names is still used.
            start_new_session=True,
        )
    finally:
        os.close(slave)
    output = read_terminal(master, proc, timeout)
    err = b"" if stderr_too or proc.stderr is None else proc.stderr.read()
    code = proc.wait(timeout=timeout)
    return Ran(list(args), code, output, err)


def read_terminal(master: int, proc: Any, timeout: float = 60) -> bytes:
    """Everything a child wrote to the pseudo-terminal ``master`` until it closed it.

    Closes ``master``. The caller has closed its copy of the other end, so the read
    ends with EOF or EIO once the child is gone; ``timeout`` bounds a hung child.
    """
    import os
    import select
    import time

    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    return b"".join(chunks)
