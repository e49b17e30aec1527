"""The entry point of ``jobcli`` and ``python -m jobcli``.

Ctrl-C during start-up (while Typer and the app are imported) must end as
quietly as Ctrl-C later on: one line and exit 130, no traceback. So the first
thing done, before any heavy import, is to take over SIGINT; :func:`jobcli.cli.main`
then installs its own handler for the rest of the run.

Once the run is over, the process leaves without the interpreter's teardown
(:func:`_leave`): freeing every module and object of Typer, Click, Rich and
SQLite one by one costs more than jobcli's own work on a small catalog (19 ms a
call, measured in docs/ARCHITECTURE.md), and nothing of jobcli's needs it.
"""

from __future__ import annotations

import os
import signal


def _interrupted_during_start_up(signum: int, frame: object) -> None:
    # Nothing has been read or written yet: leave at once.
    try:
        os.write(2, b"jobcli: interrupted\n")
    finally:
        os._exit(130)


def main() -> None:
    """Run jobcli."""
    try:
        signal.signal(signal.SIGINT, _interrupted_during_start_up)
    except ValueError:  # not in the main thread: leave signals alone
        pass
    from jobcli.cli import main as run

    status: str | int | None = None
    try:
        run()
    except SystemExit as exc:
        status = exc.code
    finally:
        # The work is done; a Ctrl-C while Python shuts down (threading's exit hooks)
        # would otherwise print "Exception ignored in ..." and exit 0.
        try:
            signal.signal(signal.SIGINT, _interrupted_at_exit)
        except ValueError:  # not in the main thread
            pass
    _leave(status)


def _leave(status: str | int | None) -> None:
    """End the process with ``status`` (a ``SystemExit`` code), output flushed.

    When nothing is left for Python's shutdown to do (no exit hook registered, no other
    thread), the process ends at once with :func:`os._exit` after flushing stdout and
    stderr itself; otherwise, or for a status that is not a number, Python's own
    ``sys.exit`` does it all. Either way the exit code and the output are the same.
    """
    import sys

    if isinstance(status, str) or _teardown_has_work():
        sys.exit(status)
    code = status or 0
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:  # as at Python's own exit: a full disk is an error, `| head` not
        from jobcli.output import output_failed

        code = code or output_failed(exc)
    except ValueError:  # closed by someone: nothing left to flush
        pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _teardown_has_work() -> bool:
    """Whether Python's shutdown would run something: an exit hook, another thread."""
    import atexit
    import threading

    count = getattr(atexit, "_ncallbacks", None)  # CPython's; unknown means "maybe"
    return count is None or count() != 0 or threading.active_count() != 1


def _interrupted_at_exit(signum: int, frame: object) -> None:
    import sys

    try:
        sys.stdout.flush()
    except Exception:  # a closed or full stdout: nothing more to write there
        pass
    _interrupted_during_start_up(signum, frame)


if __name__ == "__main__":
    main()
