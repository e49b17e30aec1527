"""Set-up shared by every test: jobcli's cache and profile stay out of the real home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``XDG_CACHE_HOME`` (so the validated-catalog cache) and ``XDG_CONFIG_HOME``
    (so the profile, ``jobcli me``) at temporary directories.

    Session-wide, for in-process runs and subprocesses alike; tests of the cache itself
    set their own directory on top.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
        patch.delenv("JOBCLI_NO_CACHE", raising=False)
        yield
