"""One exception tree for everything ``l10n`` reports to its user.

::

    L10nError                 base: message + optional path/line, one printable line
    ├── UsageError            a bad option value or combination (CLI exit 2)
    ├── ConfigError           l10n.toml / [tool.l10n] is malformed
    ├── SourceError           an article cannot be read: missing, binary, wrong encoding
    ├── CatalogError          a PO/POT file is malformed or cannot be written
    ├── LanguageError         an unknown or malformed language code
    ├── EngineError           machine translation failed
    │   └── ModelMissingError no installed package for a language pair
    ├── PackageError          a model package or index is unusable or hostile
    ├── NetworkError          a download failed or the network is forbidden (--offline)
    └── LockError             another l10n process holds the catalogs

The library raises these and never prints or exits; the CLI catches ``L10nError``
once and prints ``str(error)``: ``path:line: message``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CatalogError",
    "ConfigError",
    "EngineError",
    "L10nError",
    "LanguageError",
    "LockError",
    "ModelMissingError",
    "NetworkError",
    "PackageError",
    "SourceError",
    "UsageError",
    "read_failure",
]


class L10nError(Exception):
    """Base of every error ``l10n`` reports; renders as one line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        msgid: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.msgid = msgid

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class UsageError(L10nError):
    """A bad option value or combination of options."""


class ConfigError(L10nError):
    """The configuration file is malformed or names something invalid."""


class SourceError(L10nError):
    """A source article cannot be read: missing, binary, not in the expected encoding."""


class CatalogError(L10nError):
    """A PO/POT catalog is malformed, or cannot be written."""


class LanguageError(L10nError):
    """An unknown or malformed language code."""


class EngineError(L10nError):
    """Machine translation failed."""


class ModelMissingError(EngineError):
    """No installed model package translates this language pair."""


class PackageError(L10nError):
    """A model package, archive or index is unusable or unsafe."""


class NetworkError(L10nError):
    """A download failed, timed out, or the network is forbidden."""


class LockError(L10nError):
    """Another l10n process is working on the same catalogs."""


def read_failure(error: OSError, *, directory: str) -> str:
    """The one-line reason a file could not be read; ``directory`` says what was expected."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return directory
    return f"cannot read: {error.strerror}"
