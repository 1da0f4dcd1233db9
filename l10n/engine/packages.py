"""Installed Argos packages: list, route, install (safely), remove.

The package directory is Argos's own (shared with argospm and LibreTranslate): one
folder per package holding ``metadata.json``, ``model/`` (CTranslate2) and
``sentencepiece.model`` or ``bpe.model``. Installing unpacks into a staging folder
(in ``cache_dir``, else a hidden folder inside the package directory), checks the
package, records its SHA-256 in ``l10n-install.json`` inside it, and renames it into
place. An install never overwrites a package of another language pair.

Installing a pair that is already installed changes nothing, whether the package comes
from a file or from an index (:func:`serving_package` decides for both, before anything
is downloaded or unpacked): the result says ``changed=False``. With ``upgrade=True`` a
newer version replaces the installed one; the same or an older version changes nothing.

Staging folders are named ``.l10n-staging-<host>-<pid>-<random>``; a process killed while
installing (``kill -9``) leaves one behind, which :func:`sweep_staging` removes once that
process is gone. A live installer's folder is never touched.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, TypeVar

from ..errors import PackageError
from .archive import read_metadata, unpack_package
from .index import IndexEntry
from .jsondata import parse_json, read_json
from .names import (
    check_code,
    check_folder,
    check_type,
    check_version,
    same_version,
    version_key,
)

if TYPE_CHECKING:  # the network stack (urllib, ssl, ~0.1 s) loads when a download starts
    from .download import DownloadProgress

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INSTALL_RECORD",
    "Installed",
    "PackageInfo",
    "find_route",
    "install_from_file",
    "install_from_index",
    "install_from_stream",
    "list_installed",
    "model_digest",
    "read_package",
    "remove",
    "scan_installed",
    "serving_package",
    "sweep_staging",
]

DEFAULT_MAX_BYTES = 2 << 30
INSTALL_RECORD = "l10n-install.json"
_STAGING_PREFIX = ".l10n-staging-"
_STAGING_NAME = re.compile(r"\.l10n-staging-(.+)-(\d+)-[A-Za-z0-9_]+")
_MAX_METADATA_BYTES = 1 << 20
_MAX_RECORD_BYTES = 64 << 10


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """An installed package, read from its folder's ``metadata.json``."""

    path: Path
    code: str
    type: str
    from_code: str
    to_code: str
    package_version: str
    argos_version: str = ""
    from_name: str = ""
    to_name: str = ""
    target_prefix: str = ""
    tokenizer: str = "sentencepiece"

    @property
    def pair(self) -> tuple[str, str]:
        """``(from_code, to_code)``."""
        return (self.from_code, self.to_code)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model folder."""
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        """``sentencepiece.model`` or ``bpe.model``, as the package says."""
        name = "sentencepiece.model" if self.tokenizer == "sentencepiece" else "bpe.model"
        return self.path / name


@dataclass(frozen=True, slots=True)
class Installed:
    """What an install did: ``package`` now serves the pair; ``changed`` is False when an
    installed package already did and nothing was written. ``offered`` is the version the
    archive or index entry held ("" when nobody looked)."""

    package: PackageInfo
    changed: bool
    offered: str = ""


@dataclass(frozen=True, slots=True)
class _Identity:
    """What a package is, from its metadata: type, pair and version."""

    type: str
    from_code: str
    to_code: str
    package_version: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)


def read_package(folder: Path) -> PackageInfo:
    """Read and check one package folder; PackageError when it is not a usable package."""
    where = str(folder / "metadata.json")
    meta = _read_metadata(folder / "metadata.json")
    ident = _identity(meta, where=where)
    kind, source, target = ident.type, ident.from_code, ident.to_code
    code = meta.get("code") or f"{kind}-{source}_{target}"
    return PackageInfo(
        path=folder,
        code=check_folder(code, what="code", where=where),
        type=kind,
        from_code=source,
        to_code=target,
        package_version=ident.package_version,
        argos_version=check_version(
            str(meta.get("argos_version", "")), what="argos_version", where=where
        ),
        from_name=str(meta.get("from_name", "")),
        to_name=str(meta.get("to_name", "")),
        target_prefix=_target_prefix(meta.get("target_prefix", ""), where=where),
        tokenizer=_tokenizer_kind(folder, where=where),
    )


def scan_installed(packages_dir: Path) -> tuple[list[PackageInfo], list[PackageError]]:
    """Installed packages (sorted by pair, then version) and the folders that are broken:
    one PackageError each, naming the folder's ``metadata.json``, for the caller to show."""
    found: list[PackageInfo] = []
    broken: list[PackageError] = []
    for folder in _package_folders(packages_dir):
        try:
            found.append(read_package(folder))
        except PackageError as error:
            broken.append(error)
    found.sort(key=lambda info: (info.pair, version_key(info.package_version), info.path.name))
    return found, broken


def list_installed(packages_dir: Path) -> list[PackageInfo]:
    """The usable installed packages; broken folders are left out (see scan_installed)."""
    return scan_installed(packages_dir)[0]


class _HasPair(Protocol):
    @property
    def from_code(self) -> str: ...

    @property
    def to_code(self) -> str: ...

    @property
    def package_version(self) -> str: ...


P = TypeVar("P", bound=_HasPair)


def find_route(
    source: str, target: str, packages: Sequence[P], *, pivots: Sequence[str] = ("en",)
) -> tuple[P, ...] | None:
    """The packages to chain for ``source`` → ``target``: direct, else through a pivot.

    Works on installed packages and on index entries alike; the newest version of a
    pair wins. Codes match exactly first, then by base language (``uk_UA`` → ``uk``).
    """
    direct = _best(packages, source, target)
    if direct is not None:
        return (direct,)
    for pivot in pivots:
        first, second = _best(packages, source, pivot), _best(packages, pivot, target)
        if first is not None and second is not None and pivot not in (source, target):
            return (first, second)
    return None


def model_digest(package: PackageInfo) -> str:
    """SHA-256 (hex) of the package's ``model/model.bin``, from the install record if current."""
    model = package.model_dir / "model.bin"
    try:
        status = model.stat()
    except OSError as error:
        raise PackageError(f"cannot read model: {error}", path=model) from error
    record = _read_record(package.path)
    if (
        record.get("model_size") == status.st_size
        and record.get("model_mtime_ns") == status.st_mtime_ns
    ):
        digest = record.get("model_sha256")
        if isinstance(digest, str) and len(digest) == 64:
            return digest
    return _file_sha256(model)


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
    packages_dir: Path, offered: _Identity | IndexEntry, *, upgrade: bool
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
        digest = _stream_sha256(stream)
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
        if _identity_of(info) != ident:
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


# -- reading ---------------------------------------------------------------------------


@contextmanager
def _open_archive(path: Path) -> Iterator[BinaryIO]:
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below; only opening errors are ours)
    except OSError as error:
        raise PackageError(f"cannot read package: {error.strerror}", path=path) from error
    with stream:
        yield stream


def _read_metadata(path: Path) -> dict[str, object]:
    meta = read_json(path, what="metadata.json", max_bytes=_MAX_METADATA_BYTES)
    return _metadata_object(meta, where=str(path))


def _metadata_object(meta: object, *, where: str) -> dict[str, object]:
    if not isinstance(meta, dict):
        raise PackageError("metadata.json must hold a JSON object", path=where)
    return meta


def _identity(meta: dict[str, object], *, where: str) -> _Identity:
    return _Identity(
        type=check_type(meta.get("type", "translate"), where=where),
        from_code=check_code(meta.get("from_code"), what="from_code", where=where),
        to_code=check_code(meta.get("to_code"), what="to_code", where=where),
        package_version=check_version(
            str(meta.get("package_version", "")), what="package_version", where=where
        ),
    )


def _identity_of(info: PackageInfo) -> _Identity:
    return _Identity(info.type, info.from_code, info.to_code, info.package_version)


def _archive_identity(stream: BinaryIO, *, where: str, max_bytes: int) -> _Identity:
    """What the archive holds, from its metadata.json, without unpacking it."""
    raw = read_metadata(stream, where=where, max_bytes=max_bytes, limit=_MAX_METADATA_BYTES)
    meta = parse_json(raw, what="metadata.json", where=where, max_bytes=_MAX_METADATA_BYTES)
    return _identity(_metadata_object(meta, where=where), where=where)


def _target_prefix(value: object, *, where: str) -> str:
    if not isinstance(value, str) or len(value) > 64 or any(c.isspace() for c in value):
        raise PackageError(f"malformed target_prefix {value!r}", path=where)
    return value


def _tokenizer_kind(folder: Path, *, where: str) -> str:
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError("package has no model/model.bin", path=where)
    if (folder / "sentencepiece.model").is_file():
        return "sentencepiece"
    if (folder / "bpe.model").is_file():
        return "bpe"
    raise PackageError("package has neither sentencepiece.model nor bpe.model", path=where)


def _package_folders(packages_dir: Path) -> list[Path]:
    try:
        children = sorted(packages_dir.iterdir())
    except FileNotFoundError:
        return []
    except OSError as error:
        raise PackageError(f"cannot list packages: {error.strerror}", path=packages_dir) from error
    return [child for child in children if child.is_dir() and not child.name.startswith(".")]


def _best(packages: Sequence[P], source: str, target: str) -> P | None:
    for want_source, want_target in _code_variants(source, target):
        matches = [p for p in packages if (p.from_code, p.to_code) == (want_source, want_target)]
        if matches:
            return max(matches, key=lambda p: version_key(p.package_version))
    return None


def _code_variants(source: str, target: str) -> list[tuple[str, str]]:
    def base(code: str) -> str:
        return code.replace("-", "_").split("_")[0].lower()

    variants = [(source, target), (source.lower(), target.lower()), (base(source), base(target))]
    return list(dict.fromkeys(variants))


# -- install record and hashes ---------------------------------------------------------


def _read_record(folder: Path) -> dict[str, object]:
    try:
        loaded = read_json(
            folder / INSTALL_RECORD, what=INSTALL_RECORD, max_bytes=_MAX_RECORD_BYTES
        )
    except PackageError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_record(info: PackageInfo, *, archive_sha256: str, source: str) -> None:
    model = info.model_dir / "model.bin"
    status = model.stat()
    record = {
        "archive_sha256": archive_sha256,
        "model_sha256": _file_sha256(model),
        "model_size": status.st_size,
        "model_mtime_ns": status.st_mtime_ns,
        "source": source,
    }
    (info.path / INSTALL_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _file_sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return _stream_sha256(stream)


def _stream_sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def _check_sha256(actual: str, expected: str | None, *, where: str) -> None:
    if expected is not None and actual != expected.strip().lower():
        raise PackageError(f"sha256 mismatch: expected {expected}, got {actual}", path=where)


def _check_matches_index(info: _Identity, entry: IndexEntry, *, where: str) -> None:
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


# -- placing ---------------------------------------------------------------------------


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
