"""Installed Argos packages: read, list, route (direct or through English), hash.

The package directory is Argos's own (shared with argospm and LibreTranslate): one
folder per package holding ``metadata.json``, ``model/`` (CTranslate2) and
``sentencepiece.model`` or ``bpe.model``. A broken folder is skipped and reported
(:func:`scan_installed`), never a reason for every pair to fail. Installing and removing
are :mod:`l10n.engine.install`'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from ..errors import PackageError
from .identifiers import (
    check_code,
    check_folder,
    check_type,
    check_version,
    version_key,
)
from .jsondata import read_json

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INSTALL_RECORD",
    "MAX_METADATA_BYTES",
    "Identity",
    "PackageInfo",
    "file_sha256",
    "find_route",
    "identity",
    "identity_of",
    "list_installed",
    "metadata_object",
    "model_digest",
    "read_package",
    "read_record",
    "scan_installed",
    "stream_sha256",
]

DEFAULT_MAX_BYTES = 2 << 30
INSTALL_RECORD = "l10n-install.json"
MAX_METADATA_BYTES = 1 << 20
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
class Identity:
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
    ident = identity(meta, where=where)
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
    record = read_record(package.path)
    if (
        record.get("model_size") == status.st_size
        and record.get("model_mtime_ns") == status.st_mtime_ns
    ):
        digest = record.get("model_sha256")
        if isinstance(digest, str) and len(digest) == 64:
            return digest
    return file_sha256(model)


# -- reading ---------------------------------------------------------------------------


def _read_metadata(path: Path) -> dict[str, object]:
    meta = read_json(path, what="metadata.json", max_bytes=MAX_METADATA_BYTES)
    return metadata_object(meta, where=str(path))


def metadata_object(meta: object, *, where: str) -> dict[str, object]:
    if not isinstance(meta, dict):
        raise PackageError("metadata.json must hold a JSON object", path=where)
    return meta


def identity(meta: dict[str, object], *, where: str) -> Identity:
    return Identity(
        type=check_type(meta.get("type", "translate"), where=where),
        from_code=check_code(meta.get("from_code"), what="from_code", where=where),
        to_code=check_code(meta.get("to_code"), what="to_code", where=where),
        package_version=check_version(
            str(meta.get("package_version", "")), what="package_version", where=where
        ),
    )


def identity_of(info: PackageInfo) -> Identity:
    return Identity(info.type, info.from_code, info.to_code, info.package_version)


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


def read_record(folder: Path) -> dict[str, object]:
    try:
        loaded = read_json(
            folder / INSTALL_RECORD, what=INSTALL_RECORD, max_bytes=_MAX_RECORD_BYTES
        )
    except PackageError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def file_sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return stream_sha256(stream)


def stream_sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


# -- placing ---------------------------------------------------------------------------


