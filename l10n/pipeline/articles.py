"""Many articles: sources given as files, folders and globs; a catalog per article or one.

**Sources** (``sources`` in the config, or a command's arguments) are files, folders and
glob patterns (``articles/**/*.txt``: ``**`` spans folders, ``*`` and ``?`` and ``[...]``
match within a name). A folder stands for every source file under it at any depth,
exactly as the glob ``folder/**/*`` limited to :data:`SOURCE_SUFFIXES` would: so
``l10n run articles/`` and ``sources = ["articles/**/*.txt"]`` give the same catalogs.
Hidden files and folders (``.name``) under a folder or glob, and anything in the
project's ``locales`` and ``out`` folders, are never sources. Within a folder or glob
the files come in path order; a file named twice counts once.

**Built articles** go to ``<out>/<lang>/<name>``: a file's own name, or, for a file
found under a folder or glob, its path below that folder (the glob's part before its
first wildcard): ``articles/world/story.txt`` of ``articles/`` is built as
``out/uk/world/story.txt``. Two sources built to the same name are refused.

**Catalogs** (the ``catalog`` setting, see :data:`l10n.config.CATALOG_MODES`): ``shared``
keeps one catalog, named ``domain``, for every source; ``article`` gives each source its
own, its domain derived from its path relative to the project (:func:`article_domain`):
``world/story.txt`` is ``world.story`` and ``uk/story.txt`` is ``uk.story``. Each catalog
is then an ordinary one-catalog project (:class:`Unit`) that the jobs handle in turn.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Project, plain_name_problem
from ..errors import SourceError, UsageError
from ..formats import EXTENSIONS

__all__ = [
    "SOURCE_SUFFIXES",
    "Source",
    "Unit",
    "article_domain",
    "catalog_units",
    "expand_sources",
    "output_names",
]

SOURCE_SUFFIXES: tuple[str, ...] = tuple(EXTENSIONS)
"""The files a folder given as a source stands for (lower-case suffixes): every format's."""

def folder_suffixes(project: Project) -> tuple[str, ...]:
    """What a folder given as a source stands for: every format's files, JSON only when
    the project selects JSON fields (``[formats] json``): else a JSON file in a folder
    of articles is data, not an article."""
    if project.formats.json:
        return SOURCE_SUFFIXES
    return tuple(suffix for suffix in SOURCE_SUFFIXES if suffix != ".json")


_MAGIC = re.compile(r"[*?[]")
_NOT_IN_DOMAIN = re.compile(r"[^A-Za-z0-9_-]")
_MAX_DOMAIN = 100


@dataclass(frozen=True, slots=True)
class Source:
    """One source file and the name it is built as under ``<out>/<lang>/``."""

    path: Path
    name: str


@dataclass(frozen=True)
class Unit:
    """One catalog and its sources: a one-catalog project, and where its articles go.

    ``names`` maps each source's path as catalogs write it (relative to the project) to
    its built name under ``<out>/<lang>/``.
    """

    project: Project
    names: Mapping[str, str]


def expand_sources(project: Project, specs: Sequence[Path]) -> list[Source]:
    """The source files ``specs`` (files, folders, globs) stand for, in order, each once.

    A file is taken as named (a missing one is reported when it is read); a folder or
    glob that gives no file is a :class:`SourceError`.
    """
    found: dict[Path, Source] = {}
    for spec in specs:
        for source in _expand(project, Path(os.path.abspath(spec))):
            found.setdefault(source.path, source)
    return list(found.values())


def _expand(project: Project, spec: Path) -> list[Source]:
    text = spec.as_posix()
    if _MAGIC.search(text):
        parts = spec.parts
        plain = next(i for i, part in enumerate(parts) if _MAGIC.search(part))
        base = Path(*parts[:plain])
        pattern = "/".join(parts[plain:])
        files = _files(project, base, base.glob(pattern), suffixes=None)
        if not files:
            raise SourceError("no source file matches this pattern", path=project.relative(spec))
    elif spec.is_dir():
        base = spec
        suffixes = folder_suffixes(project)
        files = _files(project, base, base.rglob("*"), suffixes=suffixes)
        if not files:
            kinds = ", ".join(f"*{suffix}" for suffix in suffixes)
            shown = project.relative(spec)
            raise SourceError(f"no source files ({kinds}) in this folder", path=shown)
    else:
        return [Source(spec, spec.name)]
    return [Source(path, path.relative_to(base).as_posix()) for path in files]


def _files(
    project: Project, base: Path, candidates: Iterable[Path], *, suffixes: tuple[str, ...] | None
) -> list[Path]:
    outside = [Path(os.path.abspath(folder)) for folder in (project.locales, project.out)]
    files = []
    for path in candidates:
        below = path.relative_to(base).parts
        if any(part.startswith(".") for part in below) or not path.is_file():
            continue
        if suffixes is not None and path.suffix.lower() not in suffixes:
            continue
        if any(folder == path or folder in path.parents for folder in outside):
            continue
        files.append(path)
    return sorted(files)


def output_names(project: Project, sources: Sequence[Source]) -> dict[str, str]:
    """Each source's path as catalogs write it -> its built name; two sources built to
    the same name are a :class:`UsageError`."""
    names: dict[str, str] = {}
    owners: dict[str, Path] = {}
    for source in sources:
        other = owners.setdefault(source.name, source.path)
        if other != source.path:
            raise UsageError(
                f"two sources would be built as {source.name!r}: {project.relative(other)} "
                f"and {project.relative(source.path)} (name their folder instead, e.g. "
                "`l10n run articles/`, to keep their paths)"
            )
        names[project.relative(source.path)] = source.name
    return names


def article_domain(project: Project, path: Path) -> str:
    """The domain of the article at ``path``: its path relative to the project without
    the suffix, folders joined by ``.`` (``world/story.txt`` -> ``world.story``).

    Characters a domain may not hold (see :func:`l10n.config.check_domain`) become
    ``_``; a name that lost characters that way, lies outside the project or runs past
    100 characters ends in ``-`` and 8 hex digits of its path's hash, so that two paths
    never share a domain and a domain never changes when other articles come and go.
    """
    absolute = Path(os.path.abspath(path))
    try:
        relative, outside = absolute.relative_to(project.root), False
    except ValueError:
        relative, outside = Path(absolute.name), True
    lossy = outside
    parts = list(relative.parts)
    parts[-1] = Path(parts[-1]).stem if Path(parts[-1]).suffix else parts[-1]
    clean = [_NOT_IN_DOMAIN.sub("_", part) or "_" for part in parts]
    lossy = lossy or clean != parts
    name = ".".join(clean)
    if not re.match(r"[A-Za-z0-9_]", name):
        name, lossy = "_" + name, True
    if lossy or len(name) > _MAX_DOMAIN:
        named = (absolute if outside else relative).as_posix()  # moving the project: same
        digest = hashlib.sha256(named.encode("utf-8", "surrogateescape"))
        name = f"{name[: _MAX_DOMAIN - 9]}-{digest.hexdigest()[:8]}"
    assert plain_name_problem(name) is None, name
    return name


def catalog_units(project: Project, sources: Sequence[Path] | None = None) -> list[Unit]:
    """The catalogs a job works on, each with its sources.

    With sources (``sources``, else the project's): ``shared`` gives one unit holding
    them all; ``article`` one per source. Without any: the shared catalog, or, per
    article, every catalog found in ``locales`` (templates and language catalogs), or
    the default domain's when there is none (its job then says what is missing).
    """
    specs = project.sources if sources is None else tuple(sources)
    if not specs:
        if project.catalog == "shared":
            return [Unit(project, {})]
        return _units_on_disk(project)
    expanded = expand_sources(project, specs)
    names = output_names(project, expanded)
    if project.catalog == "shared":
        paths = tuple(source.path for source in expanded)
        return [Unit(dataclasses.replace(project, sources=paths), names)]
    units: list[Unit] = []
    owners: dict[str, Path] = {}
    for source in expanded:
        domain = article_domain(project, source.path)
        other = owners.setdefault(domain, source.path)
        if other != source.path:
            raise UsageError(
                f"two sources would share the catalog {domain!r}: {project.relative(other)} "
                f"and {project.relative(source.path)}: rename one, or set catalog = 'shared'"
            )
        shown = project.relative(source.path)
        unit = dataclasses.replace(
            project, catalog="shared", domain=domain, sources=(source.path,)
        )
        units.append(Unit(unit, {shown: names[shown]}))
    return units


def _units_on_disk(project: Project) -> list[Unit]:
    found = {path.stem for path in project.locales.glob("*.pot")}
    found |= {path.stem for path in project.locales.glob("*/LC_MESSAGES/*.po")}
    domains = sorted(name for name in found if plain_name_problem(name) is None)
    if not domains:
        return [Unit(dataclasses.replace(project, catalog="shared"), {})]
    return [
        Unit(dataclasses.replace(project, catalog="shared", domain=domain), {})
        for domain in domains
    ]
