"""Unpack an ``.argosmodel`` archive without trusting it.

Every member is checked before anything is written: no absolute names, no ``..``, no
backslashes or NUL, no links or special files, no encrypted or duplicate members, a
bounded count and total size, exactly one top folder (with a safe name) and a
``metadata.json`` in it. Files are then written with exclusive creation into a fresh
folder that the caller owns, so nothing can land outside it.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from l10n.engine.names import check_folder
from l10n.errors import PackageError

__all__ = ["MAX_MEMBERS", "unpack_package"]

MAX_MEMBERS = 10_000
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class _Member:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]
    is_dir: bool


def unpack_package(stream: BinaryIO, dest: Path, *, where: str, max_bytes: int) -> Path:
    """Unpack the archive in ``stream`` into the empty folder ``dest``; return its top folder.

    ``where`` names the archive in errors; ``max_bytes`` bounds the unpacked size.
    """
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
        raise PackageError(f"not a zip archive: {error}", path=where) from error
    dest.mkdir(parents=True, exist_ok=True)
    with archive:
        members = _checked_members(archive, where=where, max_bytes=max_bytes)
        top = _single_top(members, where=where)
        for member in members:
            _extract(archive, member, dest, where=where)
    return dest / top


def _checked_members(archive: zipfile.ZipFile, *, where: str, max_bytes: int) -> list[_Member]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackageError(f"archive has {len(infos)} members (limit {MAX_MEMBERS})", path=where)
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        raise PackageError(f"archive unpacks to {total} bytes (limit {max_bytes})", path=where)
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


def _extract(archive: zipfile.ZipFile, member: _Member, dest: Path, *, where: str) -> None:
    target = dest.joinpath(*member.parts)
    if member.is_dir:
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(member.info) as source, open(target, "xb") as sink:
            while chunk := source.read(_CHUNK):
                sink.write(chunk)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as error:
        raise PackageError(
            f"cannot unpack {member.info.filename!r}: {error}", path=where
        ) from error
