"""Set-up shared by every test: jobcli's cache and profile stay out of the real home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Tests run in parallel (pytest-xdist) on machines shared with other work: an example may
# take longer than hypothesis's default 200 ms deadline with nothing wrong (seen: 283 ms).
settings.register_profile("jobcli", deadline=None)
settings.load_profile("jobcli")


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``XDG_CACHE_HOME`` (so the validated-catalog cache) and ``XDG_CONFIG_HOME``
    (so the profile, ``jobcli me``) at temporary directories.

    Session-wide, for in-process runs and subprocesses alike; tests of the cache itself
    set their own directory on top. Under pytest-xdist each worker has its own session,
    so its own directory (``tmp_path_factory`` gives each worker its own base).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
        patch.delenv("JOBCLI_NO_CACHE", raising=False)
        yield


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG_CONFIG_HOME for one test (``jobcli me``); the profile's path in it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "jobcli" / "profile.json"
