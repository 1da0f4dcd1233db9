"""Checks for the names that package metadata and indexes give us.

Language codes, package types, codes, versions and folder names end up in messages,
file names and decisions about what to overwrite, so anything path-like (``/``, ``\\``,
``..``, NUL, a leading dot) is refused before it is used. Versions compare by their
numeric parts, so ``1.9`` and ``1.9.0`` are the same version.
"""

from __future__ import annotations

import re

from ..errors import PackageError

__all__ = [
    "check_code",
    "check_folder",
    "check_type",
    "check_version",
    "same_version",
    "version_key",
]

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*")
_TYPE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,31}")


def check_code(value: object, *, what: str, where: str) -> str:
    """A language code such as ``en``, ``uk`` or ``pt_BR``; PackageError otherwise."""
    return _check(_LANGUAGE, value, what=what, where=where)


def check_type(value: object, *, where: str) -> str:
    """A package type such as ``translate``; PackageError otherwise."""
    return _check(_TYPE, value, what="type", where=where)


def check_folder(value: object, *, what: str, where: str) -> str:
    """A single safe path component (package folder, package code)."""
    text = _check(_FOLDER, value, what=what, where=where)
    if ".." in text:
        raise PackageError(f"refusing path-like {what} {text!r}", path=where)
    return text


def check_version(value: object, *, what: str, where: str) -> str:
    """A version string such as ``1.9``; empty is allowed (Argos's default)."""
    if value == "":
        return ""
    text = _check(_VERSION, value, what=what, where=where)
    if ".." in text:
        raise PackageError(f"refusing path-like {what} {text!r}", path=where)
    return text


def version_key(version: str) -> tuple[int, ...]:
    """Numeric parts of a version, trailing zeros dropped: ``1.9.0`` → ``(1, 9)``."""
    parts = [int(part) if part.isdigit() else 0 for part in re.split(r"[.+_-]", version)]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def same_version(left: str, right: str) -> bool:
    """Whether two versions name the same release (``1.9`` == ``1.9.0``)."""
    return version_key(left) == version_key(right)


def _check(pattern: re.Pattern[str], value: object, *, what: str, where: str) -> str:
    if not isinstance(value, str):
        raise PackageError(f"{what} must be a string, not {type(value).__name__}", path=where)
    if pattern.fullmatch(value) is None:
        kind = "path-like" if _looks_like_path(value) else "malformed"
        raise PackageError(f"refusing {kind} {what} {value!r}", path=where)
    return value


def _looks_like_path(value: str) -> bool:
    return any(mark in value for mark in ("/", "\\", "..", "\0", ":")) or value.startswith(".")
