"""Model management jobs: where packages live, list, look up, install, remove.

The pipeline-level face of :mod:`l10n.engine.packages` and :mod:`l10n.engine.index`:
it resolves Argos's locations from the project and the environment the caller passes
in, and finds a route (direct, or through English) in the installed packages or the
index. Nothing here prints: problems to show come back with the results.

Installing an installed pair changes nothing and is no error, from a file or from the
index alike (both decide with :func:`l10n.engine.packages.serving_package`); ``upgrade``
replaces it with a newer version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Project
from .engine.index import IndexEntry, fetch_index
from .engine.packages import (
    Installed,
    PackageInfo,
    find_route,
    install_from_file,
    install_from_index,
    list_installed,
    remove,
    scan_installed,
    serving_package,
    sweep_staging,
)
from .engine.paths import ArgosPaths, argos_paths, index_json_url

if TYPE_CHECKING:
    from .engine.apertium.modes import InstalledPair
from .errors import ModelMissingError, PackageError

__all__ = [
    "Installed",
    "ModelPlan",
    "apertium_pairs",
    "available",
    "install_file",
    "install_pair",
    "installed",
    "locations",
    "plan_install",
    "remove_pair",
    "route_installed",
    "scan",
    "sweep",
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
    return list_installed(paths.packages_dir)


def scan(paths: ArgosPaths) -> tuple[list[PackageInfo], list[PackageError]]:
    """The usable installed packages, and one error per broken package folder (skipped)."""
    return scan_installed(paths.packages_dir)


def sweep(paths: ArgosPaths) -> list[Path]:
    """Remove what installers killed mid-way left behind (never a live one's); see
    :func:`l10n.engine.packages.sweep_staging`. Run at the start of every model command
    and translation."""
    return sweep_staging(paths.cache_dir, paths.packages_dir)


def route_installed(paths: ArgosPaths, source: str, target: str) -> tuple[PackageInfo, ...] | None:
    return find_route(source, target, installed(paths))


def available(paths: ArgosPaths, *, offline: bool, timeout: float = 15.0) -> list[IndexEntry]:
    return fetch_index(paths.index_url, offline=offline, timeout=timeout)


@dataclass(frozen=True)
class ModelPlan:
    """What must be downloaded to translate ``source`` → ``target``, and what is there."""

    source: str
    target: str
    entries: tuple[IndexEntry, ...]  # to download; empty when everything is installed
    current: tuple[Installed, ...] = ()  # installed packages that serve the other hops

    @property
    def size(self) -> int | None:
        sizes = [e.size for e in self.entries]
        return None if any(s is None for s in sizes) else sum(s for s in sizes if s)


def plan_install(
    paths: ArgosPaths,
    source: str,
    target: str,
    *,
    offline: bool,
    upgrade: bool = False,
    timeout: float = 15.0,
) -> ModelPlan:
    """The index entries to install for the pair: direct, else both hops through English.

    An installed route needs nothing (and no index) unless ``upgrade``; then the hops
    whose installed version is older than the index's are downloaded. Raises
    ModelMissingError when nothing is installed and the index offers no route.
    """
    have = installed(paths)
    route = find_route(source, target, have)
    if route is not None and not upgrade:
        return ModelPlan(source, target, (), tuple(Installed(p, changed=False) for p in route))
    index = available(paths, offline=offline, timeout=timeout)
    offered = find_route(source, target, index)
    if offered is None:
        if route is not None:
            return ModelPlan(source, target, (), tuple(Installed(p, changed=False) for p in route))
        raise ModelMissingError(
            f"the package index has no model for {source}→{target}, direct or through "
            f"English", path=paths.index_url,
        )
    needed: list[IndexEntry] = []
    current: list[Installed] = []
    for entry in offered:
        serving = serving_package(
            have, pair=entry.pair, kind=entry.type, version=entry.package_version, upgrade=upgrade
        )
        if serving is None:
            needed.append(entry)
        else:
            current.append(Installed(serving, changed=False, offered=entry.package_version))
    return ModelPlan(source, target, tuple(needed), tuple(current))


def install_pair(
    paths: ArgosPaths,
    plan: ModelPlan,
    *,
    offline: bool,
    upgrade: bool = False,
    timeout: float = 30.0,
    deadline: float | None = None,
    progress: Callable[[IndexEntry], Callable[[int, int | None], None] | None] | None = None,
) -> list[Installed]:
    """Download and install the plan's packages; ``progress(entry)`` gives a callback.

    ``deadline`` bounds each package's download, in seconds (default:
    :data:`l10n.engine.download.PACKAGE_DEADLINE`).
    """
    done = []
    for entry in plan.entries:
        done.append(
            install_from_index(
                entry,
                packages_dir=paths.packages_dir,
                cache_dir=paths.cache_dir,
                offline=offline,
                timeout=timeout,
                deadline=deadline,
                upgrade=upgrade,
                progress=progress(entry) if progress else None,
            )
        )
    return done


def install_file(
    paths: ArgosPaths, path: Path, *, sha256: str | None = None, upgrade: bool = False
) -> Installed:
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
    gone = remove(source, target, packages_dir=paths.packages_dir)
    if not gone:
        raise PackageError(f"no installed package for {source}→{target}")
    return gone


def apertium_pairs() -> list[InstalledPair]:
    """The installed Apertium pairs (none without Apertium); nothing is started."""
    from .engine.apertium.modes import installed_pairs

    return installed_pairs()


def index_entries_for(
    entries: Sequence[IndexEntry], source: str | None, target: str | None
) -> list[IndexEntry]:
    return [
        e
        for e in entries
        if (source is None or e.from_code == source) and (target is None or e.to_code == target)
    ]
