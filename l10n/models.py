"""Model management jobs: where packages live, list, look up, install, remove.

The pipeline-level face of :mod:`l10n.engine.packages` and :mod:`l10n.engine.index`:
it resolves Argos's locations from the project and the environment the caller passes
in, and finds a route (direct, or through English) in the installed packages or the
index. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Project
from .engine.paths import ArgosPaths, argos_paths, index_json_url
from .errors import ModelMissingError, PackageError

if TYPE_CHECKING:  # imported where used: they bring in the network stack (urllib, ~0.1 s)
    from .engine.index import IndexEntry
    from .engine.packages import PackageInfo

__all__ = [
    "ModelPlan",
    "available",
    "install_file",
    "install_pair",
    "installed",
    "locations",
    "plan_install",
    "remove_pair",
    "route_installed",
]


def locations(project: Project, environ: Mapping[str, str]) -> ArgosPaths:
    """Argos's package folder, cache and index URL; the project's settings win."""
    paths = argos_paths(environ)
    settings = project.translate
    return ArgosPaths(
        packages_dir=settings.packages_dir or paths.packages_dir,
        cache_dir=paths.cache_dir,
        index_url=index_json_url(settings.index) if settings.index else paths.index_url,
    )


def installed(paths: ArgosPaths) -> list[PackageInfo]:
    from .engine.packages import list_installed

    return list_installed(paths.packages_dir)


def route_installed(paths: ArgosPaths, source: str, target: str) -> tuple[PackageInfo, ...] | None:
    from .engine.packages import find_route

    return find_route(source, target, installed(paths))


def available(paths: ArgosPaths, *, offline: bool, timeout: float = 15.0) -> list[IndexEntry]:
    from .engine.index import fetch_index

    return fetch_index(paths.index_url, offline=offline, timeout=timeout)


@dataclass(frozen=True)
class ModelPlan:
    """What must be downloaded to translate ``source`` → ``target``."""

    source: str
    target: str
    entries: tuple[IndexEntry, ...]  # empty when everything is installed

    @property
    def size(self) -> int | None:
        sizes = [e.size for e in self.entries]
        return None if any(s is None for s in sizes) else sum(s for s in sizes if s)


def plan_install(
    paths: ArgosPaths, source: str, target: str, *, offline: bool, timeout: float = 15.0
) -> ModelPlan:
    """The index entries to install for the pair: direct, else both hops through English.

    Hops already installed are not downloaded again. Raises ModelMissingError when the
    index offers no route.
    """
    from .engine.packages import find_route

    have = installed(paths)
    if find_route(source, target, have) is not None:
        return ModelPlan(source, target, ())
    index = available(paths, offline=offline, timeout=timeout)
    route = find_route(source, target, index)
    if route is None:
        raise ModelMissingError(
            f"the package index has no model for {source}→{target}, direct or through "
            f"English", path=paths.index_url,
        )
    needed = tuple(e for e in route if find_route(e.from_code, e.to_code, have) is None)
    return ModelPlan(source, target, needed)


def install_pair(
    paths: ArgosPaths,
    plan: ModelPlan,
    *,
    offline: bool,
    upgrade: bool = False,
    timeout: float = 30.0,
    progress: Callable[[IndexEntry], Callable[[int, int | None], None] | None] | None = None,
) -> list[PackageInfo]:
    """Download and install the plan's packages; ``progress(entry)`` gives a callback."""
    from .engine.packages import install_from_index

    done = []
    for entry in plan.entries:
        done.append(
            install_from_index(
                entry,
                packages_dir=paths.packages_dir,
                cache_dir=paths.cache_dir,
                offline=offline,
                timeout=timeout,
                upgrade=upgrade,
                progress=progress(entry) if progress else None,
            )
        )
    return done


def install_file(
    paths: ArgosPaths, path: Path, *, sha256: str | None = None, upgrade: bool = False
) -> PackageInfo:
    from .engine.packages import install_from_file

    if not path.is_file():
        raise PackageError("no such file", path=path)
    return install_from_file(
        path,
        packages_dir=paths.packages_dir,
        cache_dir=paths.cache_dir,
        sha256=sha256,
        upgrade=upgrade,
    )


def remove_pair(paths: ArgosPaths, source: str, target: str) -> list[PackageInfo]:
    from .engine.packages import remove

    gone = remove(source, target, packages_dir=paths.packages_dir)
    if not gone:
        raise PackageError(f"no installed package for {source}→{target}")
    return gone


def index_entries_for(
    entries: Sequence[IndexEntry], source: str | None, target: str | None
) -> list[IndexEntry]:
    return [
        e
        for e in entries
        if (source is None or e.from_code == source) and (target is None or e.to_code == target)
    ]
