"""The translation-memory jobs: the project's memory opened and up to date, and ``l10n tm``.

:func:`project_memory` gives the memory translation looks sentences up in (see
:mod:`l10n.memory`): its index at ``<locales>/.l10n-memory.sqlite`` brought up to date
from its origins (:func:`memory_origins`) first. ``tm stats``, ``tm export`` and ``tm
import`` are the jobs of the ``l10n tm`` commands.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..config import Project
from ..errors import ConfigError, UsageError
from ..files import write_bytes_atomic
from .locking import locked
from .project import one_line, target_language

if TYPE_CHECKING:
    from ..memory import IndexStats, Memory, MemoryIndex, Origin, RefreshReport

__all__ = [
    "ImportReport",
    "MemoryStats",
    "memory_origins",
    "project_memory",
    "tm_export",
    "tm_import",
    "tm_stats",
]


def _shown(project: Project, path: Path) -> str:
    """A file as provenance names it: relative to the project (``..`` where outside)."""
    relative = os.path.relpath(os.path.abspath(path), project.root)
    return Path(relative).as_posix()


def memory_origins(project: Project) -> list[Origin]:
    """Every file the project's memory reads: the catalogs under ``locales``, the TMX files
    imported into ``<locales>/memory/``, and what ``[memory] paths`` names (folders: their
    catalogs and TMX files, at any depth). A path there that does not exist is a
    :class:`ConfigError`."""
    from ..memory import IMPORTED_FOLDER, Origin, catalog_units, tmx_units

    found: dict[Path, Origin] = {}
    read_po = functools.partial(catalog_units, source_lang=project.source_lang)

    def add(path: Path) -> None:
        key = path.resolve()
        if key in found or path.name.startswith("."):
            return
        reader = read_po if path.suffix == ".po" else tmx_units
        found[key] = Origin(path, _shown(project, path), reader)

    for path in sorted(project.locales.glob("*/LC_MESSAGES/*.po")):
        add(path)
    for path in sorted((project.locales / IMPORTED_FOLDER).glob("*.tmx")):
        add(path)
    for configured in project.memory.paths:
        if configured.is_dir():
            for path in sorted(configured.rglob("*")):
                hidden = any(p.startswith(".") for p in path.relative_to(configured).parts)
                if path.suffix in (".po", ".tmx") and path.is_file() and not hidden:
                    add(path)
        elif configured.is_file() and configured.suffix in (".po", ".tmx"):
            add(configured)
        else:
            what = "no such file or folder" if not configured.exists() else "not a .po or .tmx"
            raise ConfigError(
                f"[memory] paths: {_shown(project, configured)}: {what}",
                path=project.config_path,
            )
    return list(found.values())


def _index(project: Project) -> MemoryIndex:
    from ..memory import INDEX_NAME, MemoryIndex

    return MemoryIndex(project.locales / INDEX_NAME)


@contextlib.contextmanager
def project_memory(project: Project) -> Iterator[Memory | None]:
    """The project's memory, up to date (None when ``[memory] enabled = false``).

    Call it holding the project's lock (the jobs do): the refresh writes the index."""
    from ..memory import INDEX_NAME, Memory

    if not project.memory.enabled:
        yield None
        return
    origins = memory_origins(project)
    if not origins and not (project.locales / INDEX_NAME).exists():
        yield None  # nothing to remember yet: no index made
        return
    with _index(project) as index:
        index.refresh(origins)
        settings = project.memory
        yield Memory(index, threshold=settings.threshold, trust_exact=settings.trust_exact)


@dataclass(frozen=True)
class MemoryStats:
    """What ``tm stats`` shows: the index's counts and what the refresh did."""

    index: IndexStats
    refresh: RefreshReport
    path: Path
    unreadable: tuple[str, ...] = ()  # files the memory could not read, one line each


@locked
def tm_stats(project: Project) -> MemoryStats:
    """The memory brought up to date, and its counts."""
    with _index(project) as index:
        refreshed = index.refresh(memory_origins(project))
        unreadable = tuple(one_line(error, project) for error in refreshed.failed)
        return MemoryStats(index.stats(), refreshed, index.path, unreadable)


@locked
def tm_export(project: Project, lang: str) -> tuple[int, bytes]:
    """The memory's units into ``lang`` as a TMX file (its bytes), and how many there are
    (the caller writes them where the user said); units XML cannot carry are left out."""
    from ..memory import TmxUnit, format_tmx
    from ..memory.tmx import writable

    target = target_language(project, lang)
    with _index(project) as index:
        index.refresh(memory_origins(project))
        found = index.units(source_lang=project.source_lang, target_lang=target)
        units = [
            TmxUnit(u.source, u.target, u.source_lang, u.target_lang, u.day, origin)
            for u, origin in found
        ]
    units = [unit for unit in units if writable(unit)]
    data = format_tmx(units, source_lang=project.source_lang, tool_version=__version__)
    return len(units), data


@dataclass(frozen=True)
class ImportReport:
    path: Path  # where the project keeps it
    units: int
    action: str  # "imported", "unchanged", "replaced"


@locked
def tm_import(project: Project, source: Path, *, replace: bool = False) -> ImportReport:
    """Keep the TMX file ``source`` in ``<locales>/memory/`` (read whole first: a file
    that cannot be read is refused and nothing is written), so that it is memory from
    then on. One of the same name but other content is replaced only with ``replace``."""
    from ..memory import IMPORTED_FOLDER, read_tmx

    try:
        data = source.read_bytes()
    except OSError as error:
        raise UsageError(f"{source}: cannot read: {error.strerror}") from None
    units = sum(1 for _ in read_tmx(source))
    target = project.locales / IMPORTED_FOLDER / source.name
    if target.suffix != ".tmx":
        target = target.with_name(target.name + ".tmx")
    action = "imported"
    if target.exists():
        if target.read_bytes() == data:
            return ImportReport(target, units, "unchanged")
        if not replace:
            raise UsageError(
                f"{project.relative(target)} exists with other units: --replace replaces it"
            )
        action = "replaced"
    write_bytes_atomic(target, data)
    with _index(project) as index:
        index.refresh(memory_origins(project))
    return ImportReport(target, units, action)
