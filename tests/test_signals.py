"""Ctrl-C after the work is done: one line and exit 130, never "Exception ignored"."""

from __future__ import annotations

import signal
import sys

import pytest

import jobcli.__main__ as entry


def test_after_a_run_ctrl_c_is_handled_as_an_interruption(monkeypatch: pytest.MonkeyPatch) -> None:
    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(sys, "argv", ["jobcli", "--version"])
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
