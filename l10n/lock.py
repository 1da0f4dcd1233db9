"""One writer at a time: an advisory lock on the project's catalogs.

Every job that writes catalogs holds ``<locales>/.l10n.lock`` (``flock``, so the kernel
releases it when a process dies, even by ``kill -9``: no stale locks). A second process
waits up to ``timeout`` seconds, then fails with a :class:`LockError` naming the holder.
The lock file's content (pid and command of the holder) is informative only.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockError

__all__ = ["DEFAULT_TIMEOUT", "LOCK_NAME", "catalog_lock"]

LOCK_NAME = ".l10n.lock"
DEFAULT_TIMEOUT = 30.0
_held: dict[Path, int] = {}  # re-entrant within one process: folder -> depth


@contextmanager
def catalog_lock(folder: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock on ``folder`` (created if missing) for the ``with`` block."""
    key = folder.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, timeout)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {' '.join(sys.argv[:3])}\n".encode())
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockError(
                    f"another l10n process ({_holder(path)}) is working on these catalogs; "
                    f"waited {timeout:g} s: try again when it has finished",
                    path=path,
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "unknown"
    pid, _, command = text.partition(" ")
    return f"pid {pid}: {command}" if pid.isdigit() else "unknown"
