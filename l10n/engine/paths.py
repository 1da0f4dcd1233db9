"""Where Argos Translate keeps packages, downloads and its index, computed explicitly.

Argos reads ``ARGOS_PACKAGES_DIR`` and ``ARGOS_PACKAGE_INDEX`` from the environment (then
from ``~/.config/argos-translate/settings.json``) when ``argostranslate.settings`` is
imported, and creates directories as it does. Here the caller passes the environment
in (the CLI passes ``os.environ``), nothing is created, and the index URL works with or
without a trailing slash, so argospm, LibreTranslate and ``l10n`` share one package
directory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import PackageError
from .jsondata import read_json

__all__ = [
    "DEFAULT_INDEX_URL",
    "ArgosPaths",
    "argos_paths",
    "default_packages_dir",
    "index_json_url",
]

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
_MAX_SETTINGS_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class ArgosPaths:
    """Argos's package directory, a cache directory for staging, and the index URL."""

    packages_dir: Path
    cache_dir: Path
    index_url: str


def argos_paths(environ: Mapping[str, str], *, home: Path | None = None) -> ArgosPaths:
    """Resolve Argos's locations as ``argostranslate.settings`` would, without side effects.

    Order: the environment, then Argos's ``settings.json``, then the XDG defaults.
    """
    home = Path.home() if home is None else home
    data = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate"
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate"
    cache = Path(environ.get("XDG_CACHE_HOME") or home / ".local" / "cache") / "argos-translate"
    stored = _read_settings_file(config / "settings.json")
    packages = environ.get("ARGOS_PACKAGES_DIR") or stored.get("ARGOS_PACKAGES_DIR")
    index = environ.get("ARGOS_PACKAGE_INDEX") or stored.get("ARGOS_PACKAGE_INDEX")
    return ArgosPaths(
        packages_dir=Path(packages) if packages else data / "packages",
        cache_dir=cache,
        index_url=index_json_url(index or DEFAULT_INDEX_URL),
    )


def default_packages_dir(*, home: Path | None = None) -> Path:
    """Argos's default package directory for this user, ignoring the environment."""
    home = Path.home() if home is None else home
    return home / ".local" / "share" / "argos-translate" / "packages"


def index_json_url(base: str) -> str:
    """The URL of ``index.json`` for an ``ARGOS_PACKAGE_INDEX`` value, slash or not."""
    base = base.strip()
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/index.json"


def _read_settings_file(path: Path) -> dict[str, str]:
    """The string values of Argos's settings.json; an unreadable, malformed, too large or
    too deeply nested file counts as empty."""
    try:
        loaded = read_json(path, what="settings.json", max_bytes=_MAX_SETTINGS_BYTES)
    except PackageError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {key: value for key, value in loaded.items() if isinstance(value, str)}
