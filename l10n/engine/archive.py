"""Unpack an ``.argosmodel`` archive without trusting it.

Every member is checked before anything is written: no absolute names, no ``..``, no
backslashes or NUL, no links or special files, no encrypted or duplicate members, a
bounded count, exactly one top folder (with a safe name) and a ``metadata.json`` in it.
Files are then written with exclusive creation into a fresh folder that the caller owns,
so nothing can land outside it.

The unpacked size is bounded twice, from the sizes the zip's headers declare before
anything is written and again by counting the bytes written (headers can lie): at most
``max_bytes`` in all, at most each member's declared size, and at most
:data:`MAX_RATIO` times the archive's own size (a zip bomb expands hundreds of times;
Argos's packages, CTranslate2 weights that hardly compress, about 1.1 times), with
:data:`RATIO_FLOOR` bytes allowed whatever the ratio so that small packages pass.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import PackageError
from .identifiers import check_folder

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "RATIO_FLOOR", "read_metadata", "unpack_package"]

MAX_MEMBERS = 10_000
MAX_RATIO = 20
"""The most an archive may expand: unpacked bytes per byte of archive."""
RATIO_FLOOR = 16 << 20
"""Unpacked bytes allowed whatever the ratio (a small package may compress well)."""
_CHUNK = 1 << 16  # as shutil: it stays in the CPU cache from inflating to writing


@dataclass(frozen=True, slots=True)
class _Member:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]
    is_dir: bool


def unpack_package(stream: BinaryIO, dest: Path, *, where: str, max_bytes: int) -> Path:
    """Unpack the archive in ``stream`` into the empty folder ``dest``; return its top folder.

    ``where`` names the archive in errors; ``max_bytes`` bounds the unpacked size.
    """
    limit = _limit(stream, max_bytes)
    with _open_zip(stream, where=where) as archive:
        members = _checked_members(archive, where=where, limit=limit)
        top = _single_top(members, where=where)
        dest.mkdir(parents=True, exist_ok=True)
        written = 0
        for member in members:
            written += _extract(archive, member, dest, where=where, budget=limit.left(written))
    return dest / top


def read_metadata(stream: BinaryIO, *, where: str, max_bytes: int, limit: int) -> bytes:
    """The checked archive's ``<top>/metadata.json`` (at most ``limit`` bytes), unpacking
    nothing: what a package is, before deciding to unpack it."""
    with _open_zip(stream, where=where) as archive:
        members = _checked_members(archive, where=where, limit=_limit(stream, max_bytes))
        top = _single_top(members, where=where)
        info = archive.getinfo(f"{top}/metadata.json")
        if info.file_size > limit:
            raise PackageError(f"{top}/metadata.json is too large", path=where)
        sink = io.BytesIO()
        _copy(archive, info, sink, where=where, budget=limit)
        return sink.getvalue()


@dataclass(frozen=True, slots=True)
class _Limit:
    """What an archive of ``size`` bytes may unpack to."""

    size: int
    max_bytes: int

    @property
    def total(self) -> int:
        return min(self.max_bytes, max(MAX_RATIO * self.size, RATIO_FLOOR))

    def left(self, written: int) -> int:
        return self.total - written

    def reason(self, total: int) -> str:
        if total > self.max_bytes:
            return f"archive unpacks to {total} bytes (limit {self.max_bytes})"
        return (
            f"archive unpacks to {total} bytes, {total // max(self.size, 1)} times its "
            f"{self.size} bytes (limit {MAX_RATIO} times): a zip bomb?"
        )


def _limit(stream: BinaryIO, max_bytes: int) -> _Limit:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return _Limit(size=size, max_bytes=max_bytes)


@contextmanager
def _open_zip(stream: BinaryIO, *, where: str) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
        raise PackageError(f"not a zip archive: {error}", path=where) from error
    with archive:
        yield archive


def _checked_members(archive: zipfile.ZipFile, *, where: str, limit: _Limit) -> list[_Member]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"archive has {len(infos)} members (limit {MAX_MEMBERS})", path=where)
    total = sum(info.file_size for info in infos)
    if total > limit.total:
        raise PackageError(limit.reason(total), path=where)
    members = [_member(info, where=where) for info in infos]
    _refuse_clashes(members, where=where)
    return members


def _member(info: zipfile.ZipInfo, *, where: str) -> _Member:
    name = info.filename
    if "\\" in name or "\0" in name:
        raise PackageError(f"refusing member name {name!r}", path=where)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackageError(f"refusing absolute member name {name!r}", path=where)
    is_dir = name.endswith("/")
    parts = tuple(name.rstrip("/").split("/"))
    if any(part in ("", ".", "..") for part in parts):
        raise PackageError(f"refusing member name {name!r} (empty, '.' or '..' part)", path=where)
    if info.flag_bits & 0x1:
        raise PackageError(f"refusing encrypted member {name!r}", path=where)
    _refuse_special(info, is_dir=is_dir, where=where)
    return _Member(info, parts, is_dir)


def _refuse_special(info: zipfile.ZipInfo, *, is_dir: bool, where: str) -> None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackageError(f"refusing link {info.filename!r}", path=where)
    kind = stat.S_IFMT(mode)
    if kind and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise PackageError(f"refusing special file {info.filename!r}", path=where)
    if stat.S_ISDIR(mode) and not is_dir:
        raise PackageError(f"refusing directory without '/' {info.filename!r}", path=where)


def _refuse_clashes(members: list[_Member], *, where: str) -> None:
    files = [member.parts for member in members if not member.is_dir]
    if len(set(files)) != len(files):
        raise PackageError("refusing archive with duplicate members", path=where)
    folders = {member.parts[:cut] for member in members for cut in range(1, len(member.parts))}
    folders |= {member.parts for member in members if member.is_dir}
    clash = folders.intersection(files)
    if clash:
        raise PackageError(
            f"refusing archive: {'/'.join(min(clash))!r} is file and folder", path=where
        )


def _single_top(members: list[_Member], *, where: str) -> str:
    tops = sorted({member.parts[0] for member in members})
    if len(tops) != 1:
        raise PackageError(
            f"archive must hold exactly one top folder, found {len(tops)}: {tops[:5]}", path=where
        )
    top = tops[0]
    if any(len(member.parts) == 1 and not member.is_dir for member in members):
        raise PackageError(f"archive's top entry {top!r} must be a folder", path=where)
    check_folder(top, what="top folder name", where=where)
    if not any(member.parts == (top, "metadata.json") and not member.is_dir for member in members):
        raise PackageError(f"archive has no {top}/metadata.json", path=where)
    return top


def _extract(
    archive: zipfile.ZipFile, member: _Member, dest: Path, *, where: str, budget: int
) -> int:
    """Write one member under ``dest``; the bytes written (at most ``budget``)."""
    target = dest.joinpath(*member.parts)
    if member.is_dir:
        target.mkdir(parents=True, exist_ok=True)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        sink = open(target, "xb")  # noqa: SIM115 (closed below; opening errors are ours)
    except OSError as error:
        raise PackageError(
            f"cannot unpack {member.info.filename!r}: {error}", path=where
        ) from error
    with sink:
        return _copy(archive, member.info, sink, where=where, budget=budget)


def _copy(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink: BinaryIO, *, where: str, budget: int
) -> int:
    """Copy a member's bytes, refusing more than its header declared or ``budget``."""
    allowed = min(info.file_size, budget)
    written = 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(min(_CHUNK, allowed - written + 1)):
                written += len(chunk)
                if written > allowed:
                    raise PackageError(
                        f"refusing {info.filename!r}: it unpacks to more than the "
                        f"{info.file_size} bytes its header declares",
                        path=where,
                    )
                sink.write(chunk)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as error:
        raise PackageError(f"cannot unpack {info.filename!r}: {error}", path=where) from error
    return written
