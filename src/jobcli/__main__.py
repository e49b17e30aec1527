"""The entry point of ``jobcli`` and ``python -m jobcli``.

Ctrl-C during start-up (while Typer and the app are imported) must end as
quietly as Ctrl-C later on: one line and exit 130, no traceback. So the first
thing done, before any heavy import, is to take over SIGINT; :func:`jobcli.cli.main`
then installs its own handler for the rest of the run.
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

    try:
        run()
    finally:
        # The work is done; a Ctrl-C while Python shuts down (threading's exit hooks)
        # would otherwise print "Exception ignored in ..." and exit 0.
        try:
            signal.signal(signal.SIGINT, _interrupted_at_exit)
        except ValueError:  # not in the main thread
            pass


def _interrupted_at_exit(signum: int, frame: object) -> None:
    import sys

    try:
        sys.stdout.flush()
    except Exception:  # a closed or full stdout: nothing more to write there
        pass
    _interrupted_during_start_up(signum, frame)


if __name__ == "__main__":
    main()
