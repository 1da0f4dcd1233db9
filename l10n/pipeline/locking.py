"""Jobs hold the project's lock and write only inside the project."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from ..config import Project
from ..files import writes_within
from ..lock import LOCK_NAME, catalog_lock

__all__ = ["locked"]

P = ParamSpec("P")
R = TypeVar("R")


def locked(job: Callable[Concatenate[Project, P], R]) -> Callable[Concatenate[Project, P], R]:
    """``job`` holding ``<locales>/.l10n.lock`` (re-entrant: run calls the others), writing
    only inside the project's folders (no link leads its writes elsewhere)."""

    @functools.wraps(job)
    def wrapper(project: Project, /, *args: P.args, **kwargs: P.kwargs) -> R:
        created = not project.locales.exists()
        with (
            catalog_lock(project.locales, timeout=project.lock_timeout, sweep=(project.out,)),
            writes_within(*project.write_roots),
        ):
            try:
                return job(project, *args, **kwargs)
            finally:
                if created:
                    _remove_if_only_lock(project.locales)

    return wrapper


_CACHES = (".l10n-memory.sqlite", ".l10n-memory.sqlite-journal")  # l10n.memory's index


def _remove_if_only_lock(folder: Path) -> None:
    """Remove a folder a job created and left with nothing but the lock file (and the
    memory's index, a cache) in it (a job that failed, or wrote nothing), so that the
    tree is as the job found it."""
    try:
        names = {path.name for path in folder.iterdir()}
        if LOCK_NAME not in names or not names <= {LOCK_NAME, *_CACHES}:
            return
        for name in names:
            (folder / name).unlink()
        folder.rmdir()
    except OSError:
        pass  # another process is using it: leave it
