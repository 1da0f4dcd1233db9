"""Installing and removing model packages: Argos packages from a file or an index.

A pair is installed through its route (direct, else through English): :func:`plan_install`
says what the index offers that is not installed, :func:`install_pair` downloads and
installs it. Installing unpacks into a staging folder (in ``cache_dir``, else a hidden
folder inside the package directory), checks the package, records its SHA-256 in
``l10n-install.json`` inside it, and renames it into place. An install never overwrites a
package of another language pair.

Installing a pair that is already installed changes nothing, whether the package comes
from a file or from an index (:func:`serving_package` decides for both, before anything
is downloaded or unpacked): the result says ``changed=False``. With ``upgrade=True`` a
newer version replaces the installed one; the same or an older version changes nothing.

Staging folders are named ``.l10n-staging-<host>-<pid>-<random>``; a process killed while
installing (``kill -9``) leaves one behind, which :func:`sweep_staging` removes once that
process is gone. A live installer's folder is never touched. Nothing here prints:
problems to show come back with the results.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import ModelMissingError, PackageError
from .archive import read_metadata, unpack_package
from .identifiers import same_version, version_key
from .index import IndexEntry, fetch_index
from .jsondata import parse_json
from .packages import (
    DEFAULT_MAX_BYTES,
    INSTALL_RECORD,
    MAX_METADATA_BYTES,
    Identity,
    PackageInfo,
    file_sha256,
    find_route,
    identity,
    identity_of,
    list_installed,
    metadata_object,
    read_package,
    scan_installed,
    stream_sha256,
)
from .paths import ArgosPaths

if TYPE_CHECKING:  # the network stack (urllib, ssl, ~0.1 s) loads when a download starts
    from .apertium.modes import InstalledPair
    from .download import DownloadProgress

__all__ = [
    "Installed",
    "ModelPlan",
    "apertium_pairs",
    "available",
    "install_file",
    "install_from_file",
    "install_from_index",
    "install_from_stream",
    "install_pair",
    "plan_install",
    "remove",
    "remove_pair",
    "scan",
    "serving_package",
    "sweep",
    "sweep_staging",
]

_STAGING_PREFIX = ".l10n-staging-"
_STAGING_NAME = re.compile(r"\.l10n-staging-(.+)-(\d+)-[A-Za-z0-9_]+")


def scan(paths: ArgosPaths) -> tuple[list[PackageInfo], list[PackageError]]:
    """The usable installed packages, and one error per broken package folder (skipped)."""
    return scan_installed(paths.packages_dir)


def sweep(paths: ArgosPaths) -> list[Path]:
    """Remove what installers killed mid-way left behind (never a live one's); see
    :func:`sweep_staging`. Run at the start of every model command and translation."""
    return sweep_staging(paths.cache_dir, paths.packages_dir)


@dataclass(frozen=True, slots=True)
class Installed:
    """What an install did: ``package`` now serves the pair; ``changed`` is False when an
    installed package already did and nothing was written. ``offered`` is the version the
    archive or index entry held ("" when nobody looked)."""

    package: PackageInfo
    changed: bool
    offered: str = ""


def serving_package(
    installed: Sequence[PackageInfo],
    *,
    pair: tuple[str, str],
    kind: str,
    version: str,
    upgrade: bool,
) -> PackageInfo | None:
    """The installed package that makes installing ``version`` of ``pair`` unnecessary.

    Without ``upgrade``, any installed package of the pair (the newest); with it, only one
    of the same version or a newer one. None: install it. Files and indexes both decide
    here.
    """
    same = [p for p in installed if (p.pair, p.type) == (pair, kind)]
    if upgrade:
        same = [p for p in same if version_key(p.package_version) >= version_key(version)]
    return max(same, key=lambda p: version_key(p.package_version), default=None)


def _already_served(
    packages_dir: Path, offered: Identity | IndexEntry, *, upgrade: bool
) -> Installed | None:
    """What installing ``offered`` comes to when an installed package serves it already."""
    serving = serving_package(
        list_installed(packages_dir),
        pair=offered.pair,
        kind=offered.type,
        version=offered.package_version,
        upgrade=upgrade,
    )
    if serving is None:
        return None
    return Installed(serving, changed=False, offered=offered.package_version)


def install_from_file(
    path: Path,
    *,
    packages_dir: Path,
    cache_dir: Path | None = None,
    sha256: str | None = None,
    upgrade: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Installed:
    """Install the ``.argosmodel`` at ``path``; check its SHA-256 when one is given."""
    with _open_archive(path) as stream:
        digest = stream_sha256(stream)
        _check_sha256(digest, sha256, where=str(path))
        stream.seek(0)
        return install_from_stream(
            stream,
            packages_dir=packages_dir,
            cache_dir=cache_dir,
            where=str(path),
            archive_sha256=digest,
            upgrade=upgrade,
            max_bytes=max_bytes,
        )


def install_from_index(
    entry: IndexEntry,
    *,
    packages_dir: Path,
    cache_dir: Path | None = None,
    offline: bool,
    timeout: float = 30.0,
    deadline: float | None = None,
    sha256: str | None = None,
    upgrade: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: DownloadProgress | None = None,
) -> Installed:
    """Download ``entry`` (size-limited, SHA-256 checked when known, within ``deadline``
    seconds: by default :data:`l10n.engine.download.PACKAGE_DEADLINE`) and install it;
    nothing is downloaded when an installed package already serves it."""
    from .download import PACKAGE_DEADLINE, download

    served = _already_served(packages_dir, entry, upgrade=upgrade)
    if served is not None:
        return served
    if entry.size is not None and entry.size > max_bytes:
        raise PackageError(f"{entry.code} is {entry.size} bytes (limit {max_bytes})")
    expected = sha256 or entry.sha256
    with (
        _staging(packages_dir, cache_dir) as staging,
        open(staging / "download.zip", "w+b") as sink,
    ):
        got = download(
            entry.links,
            sink,
            offline=offline,
            timeout=timeout,
            deadline=PACKAGE_DEADLINE if deadline is None else deadline,
            max_bytes=max_bytes,
            progress=progress,
        )
        _check_sha256(got.sha256, expected, where=got.url)
        sink.seek(0)
        return install_from_stream(
            sink,
            packages_dir=packages_dir,
            cache_dir=cache_dir,
            where=got.url,
            archive_sha256=got.sha256,
            upgrade=upgrade,
            max_bytes=max_bytes,
            expect=entry,
        )


def install_from_stream(
    stream: BinaryIO,
    *,
    packages_dir: Path,
    cache_dir: Path | None = None,
    where: str,
    archive_sha256: str,
    upgrade: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    expect: IndexEntry | None = None,
) -> Installed:
    """Check the archive read from ``stream``; unless an installed package already serves
    it (:func:`serving_package`), unpack it, check it and move it into place."""
    ident = _archive_identity(stream, where=where, max_bytes=max_bytes)
    if expect is not None:
        _check_matches_index(ident, expect, where=where)
    served = _already_served(packages_dir, ident, upgrade=upgrade)
    if served is not None:
        return served
    stream.seek(0)
    with _staging(packages_dir, cache_dir) as staging:
        unpacked = unpack_package(stream, staging / "unpacked", where=where, max_bytes=max_bytes)
        try:
            info = read_package(unpacked)
        except PackageError as error:
            raise PackageError(error.message, path=where) from error
        if identity_of(info) != ident:
            raise PackageError("metadata.json changed while unpacking", path=where)
        _write_record(info, archive_sha256=archive_sha256, source=where)
        return _place(info, packages_dir=packages_dir, upgrade=upgrade)


def sweep_staging(*folders: Path) -> list[Path]:
    """Remove the staging folders in ``folders`` that dead installers on this machine left
    (``kill -9``, power loss); the folders removed. Never raises: a folder that cannot be
    listed or removed is left for a later sweep."""
    removed = []
    for folder in folders:
        try:
            children = [child for child in folder.iterdir() if _left_by_the_dead(child.name)]
        except OSError:
            continue
        for child in children:
            try:
                if child.is_symlink() or not child.is_dir():
                    continue
                shutil.rmtree(child, ignore_errors=True)
                if not _exists(child):
                    removed.append(child)
            except OSError:
                continue
    return removed


def remove(source: str, target: str, *, packages_dir: Path) -> list[PackageInfo]:
    """Remove every installed package for ``source`` → ``target``; PackageError if none."""
    doomed = [info for info in list_installed(packages_dir) if info.pair == (source, target)]
    if not doomed:
        raise PackageError(f"no installed package for {source}→{target}", path=packages_dir)
    for info in doomed:
        _discard(info.path, packages_dir=packages_dir)
    return doomed


@contextmanager
def _open_archive(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below; only opening errors are ours)
    except OSError as error:
        raise PackageError(f"cannot read package: {error.strerror}", path=path) from error
    with stream:
        yield stream


def _archive_identity(stream: BinaryIO, *, where: str, max_bytes: int) -> Identity:
    """What the archive holds, from its metadata.json, without unpacking it."""
    raw = read_metadata(stream, where=where, max_bytes=max_bytes, limit=MAX_METADATA_BYTES)
    meta = parse_json(raw, what="metadata.json", where=where, max_bytes=MAX_METADATA_BYTES)
    return identity(metadata_object(meta, where=where), where=where)


def _write_record(info: PackageInfo, *, archive_sha256: str, source: str) -> None:
    model = info.model_dir / "model.bin"
    status = model.stat()
    record = {
        "archive_sha256": archive_sha256,
        "model_sha256": file_sha256(model),
        "model_size": status.st_size,
        "model_mtime_ns": status.st_mtime_ns,
        "source": source,
    }
    (info.path / INSTALL_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _check_sha256(actual: str, expected: str | None, *, where: str) -> None:
    if expected is not None and actual != expected.strip().lower():
        raise PackageError(f"sha256 mismatch: expected {expected}, got {actual}", path=where)


def _check_matches_index(info: Identity, entry: IndexEntry, *, where: str) -> None:
    if info.pair != entry.pair:
        raise PackageError(
            f"archive is for {info.from_code}→{info.to_code}, "
            f"the index said {entry.from_code}→{entry.to_code}",
            path=where,
        )
    if entry.package_version and not same_version(info.package_version, entry.package_version):
        raise PackageError(
            f"archive is version {info.package_version!r}, "
            f"the index said {entry.package_version!r}",
            path=where,
        )


def _place(info: PackageInfo, *, packages_dir: Path, upgrade: bool) -> Installed:
    installed = list_installed(packages_dir)
    serving = serving_package(
        installed, pair=info.pair, kind=info.type, version=info.package_version, upgrade=upgrade
    )
    if serving is not None:  # another process installed it meanwhile
        return Installed(serving, changed=False, offered=info.package_version)
    dest = packages_dir / info.path.name
    _refuse_foreign(dest, info)
    if _exists(dest) and not upgrade:
        raise PackageError(
            f"{dest.name} is in the way: not a usable package; use upgrade (`--upgrade`) to "
            f"replace it with {info.code} {info.package_version}",
            path=packages_dir,
        )
    if _exists(dest):
        _discard(dest, packages_dir=packages_dir)
    _move(info.path, dest, packages_dir=packages_dir)
    for old in installed:
        if (old.pair, old.type) == (info.pair, info.type) and old.path.name != dest.name:
            _discard(old.path, packages_dir=packages_dir)
    return Installed(read_package(dest), changed=True, offered=info.package_version)


def _refuse_foreign(dest: Path, info: PackageInfo) -> None:
    """Refuse to replace a folder that holds a package of another language pair."""
    if not _exists(dest):
        return
    try:
        current = read_package(dest)
    except PackageError:
        return
    if current.pair != info.pair:
        raise PackageError(
            f"refusing to overwrite {dest.name} ({current.from_code}→{current.to_code}) "
            f"with a package for {info.from_code}→{info.to_code}",
            path=dest,
        )


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _move(source: Path, dest: Path, *, packages_dir: Path) -> None:
    """Rename into place; across file systems, copy into the package dir first."""
    try:
        source.rename(dest)
        return
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise PackageError(f"cannot install: {error.strerror}", path=dest) from error
    with _staging(packages_dir, None) as near:
        copied = near / source.name
        shutil.copytree(source, copied, symlinks=True)
        copied.rename(dest)


def _discard(path: Path, *, packages_dir: Path) -> None:
    """Move ``path`` out of sight atomically, then delete it (a link: just the link)."""
    if path.is_symlink():
        path.unlink()
        return
    with _staging(packages_dir, None) as trash:
        try:
            path.rename(trash / path.name)
        except OSError as error:
            raise PackageError(f"cannot remove: {error.strerror}", path=path) from error


@contextmanager
def _staging(packages_dir: Path, cache_dir: Path | None) -> Iterator[Path]:
    """A fresh private folder for unpacking, removed afterwards whatever happens; its name
    says which process on which machine owns it (see :func:`sweep_staging`)."""
    parent = cache_dir if cache_dir is not None else packages_dir
    prefix = f"{_STAGING_PREFIX}{_host()}-{os.getpid()}-"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        packages_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as error:
        raise PackageError(
            f"cannot create a staging folder: {error.strerror}", path=parent
        ) from error
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _host() -> str:
    """This machine's name as it may appear in a folder name."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"


def _left_by_the_dead(name: str) -> bool:
    """Whether ``name`` is a staging folder of a process of this machine that is gone."""
    match = _STAGING_NAME.fullmatch(name)
    if match is None or match.group(1) != _host():
        return False
    return not _alive(int(match.group(2)))


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (anything but a clear no counts as yes)."""
    if os.name != "posix" or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


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
    have = list_installed(paths.packages_dir)
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
    from .apertium.modes import installed_pairs

    return installed_pairs()
