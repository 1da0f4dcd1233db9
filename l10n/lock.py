"""One writer at a time: an advisory lock on the project's catalogs.

Every job that writes catalogs holds ``<locales>/.l10n.lock`` (``flock``, so the kernel
releases it when a process dies, even by ``kill -9``: no stale locks). A second process
waits up to ``timeout`` seconds (:data:`DEFAULT_TIMEOUT`, 10 minutes: long enough for a
real model to translate a long article; ``lock_timeout`` in the config, ``inf`` for no
limit), then fails with a :class:`LockError` naming the holder. After a second of waiting
it tells whoever listens through :func:`lock_notices` (the CLI prints "waiting for pid N:
l10n translate -l uk"). The lock file's content (pid and command of the holder) is
informative only.

The lock file is never opened through a symbolic link (``O_NOFOLLOW``). A lock file that
cannot be written (a read-only checkout) is opened read-only: ``flock`` works all the
same, and jobs with nothing to write succeed; in a read-only folder without a lock file
they go on without one (nothing can be written there). Taking the lock also removes the
temporary files of writers that were killed (:func:`l10n.files.remove_orphans`) under the
locked folder and the ``sweep`` folders.
"""

from __future__ import annotations

import errno
import fcntl
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from .errors import LockError

__all__ = [
    "DEFAULT_TIMEOUT",
    "LOCK_NAME",
    "NOTICE_AFTER",
    "LockWait",
    "catalog_lock",
    "describe_timeout",
    "lock_notices",
]

LOCK_NAME = ".l10n.lock"
DEFAULT_TIMEOUT = 600.0  # seconds; a real model on a long article takes minutes
NOTICE_AFTER = 1.0  # seconds of waiting before listeners hear about it
_COMMAND_WIDTH = 100  # characters of the holder's command line kept in the lock file
_held: dict[Path, int] = {}  # re-entrant within one process: folder -> depth


@dataclass(frozen=True)
class LockWait:
    """A job waits for another process: ``holder`` is e.g. ``pid 42: l10n translate -l uk``."""

    path: Path
    holder: str
    timeout: float


_listener: ContextVar[Callable[[LockWait], None] | None] = ContextVar(
    "l10n_lock_listener", default=None
)


@contextmanager
def lock_notices(listener: Callable[[LockWait], None]) -> Iterator[None]:
    """Inside the block, a lock that makes a job wait calls ``listener`` once, after
    :data:`NOTICE_AFTER` seconds."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def describe_timeout(seconds: float) -> str:
    """``30 s``, ``10 min``, ``no limit``: a wait as a person reads it."""
    if math.isinf(seconds):
        return "no limit"
    if seconds < 120:
        return f"{seconds:g} s"
    return f"{seconds / 60:.3g} min"


@contextmanager
def catalog_lock(
    folder: Path, *, timeout: float = DEFAULT_TIMEOUT, sweep: Sequence[Path] = ()
) -> Iterator[None]:
    """Hold the lock on ``folder`` (created if missing) for the ``with`` block.

    When this process takes it (not when it already holds it), the temporary files that
    killed writers left under ``folder`` and the ``sweep`` folders are removed.
    """
    key = folder.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = folder / LOCK_NAME
    fd = _locked_descriptor(folder, path, timeout)
    if fd is None:  # a folder this process cannot write in: it cannot change a catalog there
        yield
        return
    try:
        _write_holder(fd)
        _held[key] = 1
        try:
            from .files import remove_orphans

            remove_orphans(folder, *sweep)
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _locked_descriptor(folder: Path, path: Path, timeout: float) -> int | None:
    """The lock file's descriptor, locked (None: see :func:`_open`).

    A holder that created the folder and wrote nothing removes it, lock file and all, as
    it leaves (l10n.pipeline): a waiter then holds the lock of a file no longer there,
    so it checks that its file is still the one at ``path``, else opens that one anew.
    """
    while True:
        fd = _open(folder, path)
        if fd is None:
            return None
        try:
            _acquire(fd, path, timeout)
            if _is_current(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.lstat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _open(folder: Path, path: Path) -> int | None:
    """The lock file's descriptor: read-write, else read-only; never through a link.

    None when the file is missing and the folder is read-only for this process: every
    write l10n makes there (a temporary file, then a rename) would fail too, so a job
    that needs to write nothing may go on without a lock, and others fail at their write.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LockError(f"cannot create the folder: {error.strerror}", path=folder) from None
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | nofollow, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise LockError(
                "a symbolic link: l10n never opens its lock file through one (remove it)",
                path=path,
            ) from None
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            if not os.path.lexists(path):
                return None
            try:
                return os.open(path, os.O_RDONLY | nofollow)
            except OSError:
                pass
        verb = "open" if os.path.lexists(path) else "create"
        raise LockError(f"cannot {verb} the lock file: {error.strerror}", path=path) from None


def _write_holder(fd: int) -> None:
    """Write this process's pid and command into the lock file, if it can be written."""
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {_command_line()}\n".encode(errors="replace"))
    except OSError:
        pass  # read-only or full: the content is informative only


def _command_line() -> str:
    program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if program in ("", "-c", "__main__.py") or program.startswith("python"):
        program = "l10n"
    line = " ".join([program, *sys.argv[1:]]).replace("\n", " ")
    if len(line) > _COMMAND_WIDTH:
        line = line[: _COMMAND_WIDTH - 3] + "..."
    return line


def _acquire(fd: int, path: Path, timeout: float) -> None:
    started = time.monotonic()
    deadline = started + timeout
    delay = 0.01
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            now = time.monotonic()
            if now >= deadline:
                raise LockError(
                    f"another l10n process ({_holder(fd)}) is working on these catalogs; "
                    f"waited {describe_timeout(timeout)}: try again when it has finished",
                    path=path,
                ) from None
            listener = _listener.get()
            if not told and listener is not None and now - started >= NOTICE_AFTER:
                told = True
                listener(LockWait(path, _holder(fd), timeout))
            time.sleep(min(delay, max(deadline - now, 0.0)))
            delay = min(delay * 2, 0.25)


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", errors="replace").strip()
    except OSError:
        return "unknown"
    pid, _, command = text.partition(" ")
    return f"pid {pid}: {command}" if pid.isdigit() else "unknown"
