"""Safe writes: atomic, inside the project, never through a link to somewhere else.

:func:`write_bytes_atomic` replaces a file all at once (temporary file in the same folder,
fsync, rename). What it writes stays where the user said l10n may write:

- a generated file (``.mo``, a built article, a report) that is a symbolic link is
  replaced by a regular file: the rename replaces the link itself, never its target;
- a file that people edit through a link (a catalog kept elsewhere in the repository,
  ``follow_link=True``) is written at the link's target, but only when that target lies
  inside the folders of :func:`writes_within`; otherwise it is refused with one line;
- inside :func:`writes_within`, a folder that resolves outside those folders (a link
  in the middle of the path) is refused too.

Temporary files are named ``.<name>.<pid>-<hex>.tmp``. A writer killed mid-write
(``kill -9``, a power cut) leaves its file behind; :func:`remove_orphans` removes those of
processes that no longer exist, and every writing job calls it when it starts (see
:mod:`l10n.lock`).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .errors import L10nError

__all__ = ["remove_orphans", "temp_name", "write_bytes_atomic", "writes_within"]

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp")
_ROOTS: ContextVar[tuple[Path, ...] | None] = ContextVar("l10n_write_roots", default=None)


@contextmanager
def writes_within(*folders: Path) -> Iterator[None]:
    """Inside the block, :func:`write_bytes_atomic` writes only under ``folders``.

    Links are resolved first: a path is inside when its real location is. Nested blocks
    replace the outer one's folders for their duration.
    """
    token = _ROOTS.set(tuple(_real(Path(folder)) for folder in folders))
    try:
        yield
    finally:
        _ROOTS.reset(token)


def temp_name(target: Path) -> Path:
    """A fresh temporary path beside ``target``, naming this process."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def write_bytes_atomic(path: Path, data: bytes, *, follow_link: bool = False) -> None:
    """Replace ``path`` with ``data`` all at once: a reader sees the old file or the new.

    Writes a temporary file in the same folder (creating missing folders), fsyncs it,
    gives it the old file's permission bits (new files get the umask's), renames it over
    the file and fsyncs the folder. A symbolic link at ``path`` is replaced by the new
    file, unless ``follow_link``: then its target is written, if it lies inside the
    folders of :func:`writes_within`. Raises :class:`L10nError` with the path when the
    file cannot (or may not) be written.
    """
    path = Path(path)
    target = path
    try:
        if follow_link and path.is_symlink():
            target = Path(os.path.realpath(path))
            if not _allowed(target):
                raise L10nError(
                    f"a symbolic link to {target}, outside the project: l10n does not write "
                    "through it (replace the link with the file, or work on the file itself)",
                    path=path,
                )
        if not _allowed(target.parent):
            raise L10nError(
                f"its folder is {_real(target.parent)}, outside the project (through a "
                "symbolic link): l10n does not write there",
                path=path,
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        status = os.lstat(target) if os.path.lexists(target) else None
        mode = None
        if status is not None and stat.S_ISREG(status.st_mode):
            mode = stat.S_IMODE(status.st_mode)
        _replace(target, data, mode)
    except OSError as error:
        raise L10nError(f"cannot write: {error.strerror or error}", path=path) from None


def _allowed(path: Path) -> bool:
    roots = _ROOTS.get()
    if roots is None:
        return True
    real = _real(path)
    return any(real == root or root in real.parents for root in roots)


def _real(path: Path) -> Path:
    """Where ``path`` really is: links resolved, missing parts kept as they are."""
    return Path(os.path.realpath(Path(path).absolute()))


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    _remove_orphans_of(target)
    temp = temp_name(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temp, flags | getattr(os, "O_BINARY", 0), 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _remove_orphans_of(target: Path) -> None:
    """Remove the temporary files of ``target`` that dead writers left."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = _TEMP.fullmatch(name)
        if match and match["name"] == target.name:
            _remove_if_orphan(target.parent / name, int(match["pid"]))


def remove_orphans(*folders: Path, depth: int = 2) -> int:
    """Remove temporary files that killed writers left under ``folders``; return how many.

    Looks ``depth`` levels down, as deep as l10n writes (``locales/uk/LC_MESSAGES``,
    ``out/uk``), so a project whose locales are its root is not walked whole. Only the
    files of processes that no longer exist are removed, so a live writer's file is
    never touched. Links are not followed; folders that cannot be read or files that
    cannot be removed (a read-only project) are left as they are.
    """
    removed = 0
    for folder in folders:
        top = len(Path(folder).parts)
        for parent, dirs, names in os.walk(folder, onerror=lambda _error: None):
            deep = len(Path(parent).parts) - top >= depth
            dirs[:] = [] if deep else [
                d for d in dirs if not os.path.islink(os.path.join(parent, d))
            ]
            for name in names:
                match = _TEMP.fullmatch(name)
                if match is not None:
                    removed += _remove_if_orphan(Path(parent) / name, int(match["pid"]))
    return removed


def _remove_if_orphan(temp: Path, pid: int) -> bool:
    if _alive(pid):
        return False
    try:
        temp.unlink()
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as error:  # EPERM: it exists, and belongs to someone else
        return error.errno != errno.ESRCH
    return True


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
