"""Ctrl-C after the work is done: one line and exit 130, never "Exception ignored"."""

from __future__ import annotations

import signal
import sys

import pytest

import jobcli.__main__ as entry


def test_after_a_run_ctrl_c_is_handled_as_an_interruption(monkeypatch: pytest.MonkeyPatch) -> None:
    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(sys, "argv", ["jobcli", "--version"])
    monkeypatch.setattr(entry, "_leave", sys.exit)  # not os._exit: this is pytest's process
    try:
        with pytest.raises(SystemExit):
            entry.main()
        # Python's shutdown (threading's exit hooks) runs after main returns: a Ctrl-C
        # there must end as "jobcli: interrupted" with 130, not as a traceback and 0.
        assert signal.getsignal(signal.SIGINT) is entry._interrupted_at_exit
    finally:
        signal.signal(signal.SIGINT, before)


def test_the_handler_says_interrupted_and_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[bytes] = []
    exits: list[int] = []

    def fake_exit(code: int) -> None:
        exits.append(code)

    monkeypatch.setattr(entry.os, "write", lambda fd, data: written.append(data) or len(data))
    monkeypatch.setattr(entry.os, "_exit", fake_exit)
    entry._interrupted_at_exit(signal.SIGINT, None)
    assert written == [b"jobcli: interrupted\n"]
    assert exits == [130]


# Leaving without the interpreter's teardown: the same exit code and output as sys.exit.


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _fake_os_exit(code: int) -> None:
    raise _Exited(code)


class _Stdout:
    """A stdout whose flush writes what was buffered, or fails like a real stream."""

    def __init__(self, error: OSError | None = None) -> None:
        self.error = error
        self.buffered = ""
        self.written = ""

    def write(self, text: str) -> int:
        self.buffered += text
        return len(text)

    def flush(self) -> None:
        if self.error is not None:
            raise self.error
        self.written += self.buffered
        self.buffered = ""

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize(("status", "code"), [(None, 0), (0, 0), (1, 1), (3, 3)])
def test_leaving_flushes_stdout_and_keeps_the_exit_code(
    monkeypatch: pytest.MonkeyPatch, status: int | None, code: int
) -> None:
    out = _Stdout()
    out.write("the last line\n")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(entry.os, "_exit", _fake_os_exit)
    monkeypatch.setattr(entry, "_teardown_has_work", lambda: False)  # pytest has hooks
    with pytest.raises(_Exited) as left:
        entry._leave(status)
    assert left.value.code == code
    assert out.written == "the last line\n"


def test_a_reader_that_left_is_not_an_error_when_leaving(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _Stdout(BrokenPipeError(32, "Broken pipe")))
    monkeypatch.setattr(entry.os, "_exit", _fake_os_exit)
    monkeypatch.setattr(entry, "_teardown_has_work", lambda: False)  # pytest has hooks
    with pytest.raises(_Exited) as left:
        entry._leave(0)
    assert left.value.code == 0
    assert capsys.readouterr().err == ""


def test_a_full_disk_met_when_leaving_is_exit_74_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    monkeypatch.setattr(sys, "stdout", _Stdout(OSError(errno.ENOSPC, "No space left on device")))
    monkeypatch.setattr(entry.os, "_exit", _fake_os_exit)
    monkeypatch.setattr(entry, "_teardown_has_work", lambda: False)  # pytest has hooks
    with pytest.raises(_Exited) as left:
        entry._leave(0)
    assert left.value.code == 74
    assert "cannot write the output: No space left on device" in capsys.readouterr().err


def test_with_exit_hooks_registered_python_exits_as_usual(monkeypatch: pytest.MonkeyPatch) -> None:
    import atexit

    monkeypatch.setattr(entry.os, "_exit", _fake_os_exit)
    hook = lambda: None  # noqa: E731
    atexit.register(hook)
    try:
        assert entry._teardown_has_work()
        with pytest.raises(SystemExit) as left:
            entry._leave(2)
    finally:
        atexit.unregister(hook)
    assert left.value.code == 2


def test_the_installed_command_has_nothing_for_python_to_tear_down() -> None:
    import subprocess

    code = (
        "import sys; sys.argv = ['jobcli', 'show', 'data-scientist', '--json'];"
        "import jobcli.__main__ as entry;"
        "entry._leave = lambda status: print(entry._teardown_has_work(), file=sys.stderr);"
        "entry.main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def test_a_message_as_status_is_left_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entry.os, "_exit", _fake_os_exit)
    with pytest.raises(SystemExit) as left:
        entry._leave("jobcli: something")
    assert left.value.code == "jobcli: something"
