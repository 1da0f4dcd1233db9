"""The tables of ``l10n.toml`` beside the project's own settings (see :mod:`l10n.config`):
``[skip]``, ``[check]``, ``[review]``, ``[formats]``, ``[glossary]``, ``[memory]``, each a
frozen dataclass and the function that reads and checks it, and the checks every table
shares (:func:`expect`, :func:`expect_strings`, :func:`known`). A bad value is a
:class:`~l10n.errors.ConfigError` that :mod:`l10n.config` names the file of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = [
    "FIELD_FORMATS",
    "FORMAT_NAMES",
    "CheckSettings",
    "FormatSettings",
    "GlossarySettings",
    "MemorySettings",
    "ReviewSettings",
    "SkipBlock",
    "SkipRules",
    "check_settings",
    "expect",
    "expect_strings",
    "format_settings",
    "glossary_settings",
    "known",
    "memory_settings",
    "skip_rules",
]


@dataclass(frozen=True)
class SkipBlock:
    """Paragraphs from one matching ``start`` to the next matching ``end``, both included.

    Markers are regular expressions matched against the whole paragraph, ignoring case.
    """

    start: str
    end: str


@dataclass(frozen=True)
class SkipRules:
    """Boilerplate that is not extracted for translation."""

    paragraphs: tuple[str, ...] = ()
    blocks: tuple[SkipBlock, ...] = ()
    output: str = "keep"  # "keep" the skipped text verbatim in built articles, or "drop" it

    def __post_init__(self) -> None:
        if self.output not in ("keep", "drop"):
            raise ConfigError(f"skip output must be 'keep' or 'drop', not {self.output!r}")
        for pattern in (*self.paragraphs, *(m for b in self.blocks for m in (b.start, b.end))):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"invalid skip pattern {pattern!r}: {exc}") from None


@dataclass(frozen=True)
class CheckSettings:
    """The ``[check]`` table: checks switched off (names checked by ``l10n.checks``)."""

    disable: tuple[str, ...] = ()


FORMAT_NAMES = ("auto", "text", "markdown", "html", "json")


FIELD_FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class FormatSettings:
    """The ``[formats]`` table: the front matter keys translated in Markdown articles
    (dotted for nested keys: ``seo.title``), and the JSON fields translated, each a JSON
    Pointer where ``*`` matches any one key or index, with the field's format."""

    front_matter: tuple[str, ...] = ("title", "description", "summary")
    json: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GlossarySettings:
    """The ``[glossary]`` table: the glossary file (CSV or TBX), relative to the root."""

    file: Path | None = None


@dataclass(frozen=True)
class MemorySettings:
    """The ``[memory]`` table (see :mod:`l10n.memory`): more memory than the project's
    own catalogs (``paths``: other projects' locales folders, catalogs, TMX files),
    whether exact matches count as reviewed, the near matches' threshold (percent)."""

    enabled: bool = True
    paths: tuple[Path, ...] = ()
    trust_exact: bool = False
    threshold: int = 75


@dataclass(frozen=True)
class ReviewSettings:
    """The ``[review]`` table: who signs reviews (default: git's user, else the login)."""

    reviewer: str | None = None


def known(table: dict[str, Any], name: str, known: set[str]) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown {name} setting {unknown[0]!r} (known: {', '.join(sorted(known))})"
        )


def memory_settings(data: dict[str, Any], root: Path) -> MemorySettings:
    known(data, "memory", {"enabled", "paths", "trust_exact", "threshold"})
    settings = MemorySettings(
        enabled=expect(data, "enabled", bool) if "enabled" in data else True,
        paths=tuple(root / p for p in expect_strings(data, "paths")) if "paths" in data else (),
        trust_exact=expect(data, "trust_exact", bool) if "trust_exact" in data else False,
        threshold=expect(data, "threshold", int) if "threshold" in data else 75,
    )
    if not 50 <= settings.threshold <= 100:
        raise ConfigError(
            f"[memory] threshold must be a percentage from 50 to 100, not {settings.threshold}"
        )
    return settings


def format_settings(data: dict[str, Any]) -> FormatSettings:
    unknown = sorted(set(data) - {"front_matter", "json"})
    if unknown:
        raise ConfigError(f"unknown formats setting {unknown[0]!r} (known: front_matter, json)")
    settings = FormatSettings()
    if "front_matter" in data:
        keys = tuple(expect_strings(data, "front_matter"))
        settings = FormatSettings(front_matter=keys, json=settings.json)
    if "json" in data:
        fields = []
        for pointer, kind in expect(data, "json", dict).items():
            if not pointer.startswith("/") or kind not in FIELD_FORMATS:
                raise ConfigError(
                    f"[formats] json: {pointer!r} = {kind!r}: expected a JSON Pointer "
                    f"('/body', '/blocks/*/text') = one of {', '.join(FIELD_FORMATS)}"
                )
            fields.append((pointer, kind))
        settings = FormatSettings(front_matter=settings.front_matter, json=tuple(fields))
    return settings


def check_settings(data: dict[str, Any]) -> CheckSettings:
    unknown = sorted(set(data) - {"disable"})
    if unknown:
        raise ConfigError(f"unknown check setting {unknown[0]!r} (known: disable)")
    disable = tuple(expect_strings(data, "disable")) if "disable" in data else ()
    return CheckSettings(disable=disable)


def glossary_settings(data: dict[str, Any], root: Path) -> GlossarySettings:
    unknown = sorted(set(data) - {"file"})
    if unknown:
        raise ConfigError(f"unknown glossary setting {unknown[0]!r} (known: file)")
    if "file" not in data:
        return GlossarySettings()
    path = Path(expect(data, "file", str))
    return GlossarySettings(file=path if path.is_absolute() else root / path)


def skip_rules(data: dict[str, Any]) -> SkipRules:
    unknown = sorted(set(data) - {"paragraphs", "blocks", "output"})
    if unknown:
        raise ConfigError(f"unknown skip setting {unknown[0]!r}")
    blocks = []
    listed = data.get("blocks", [])
    if not isinstance(listed, list):
        raise ConfigError("skip 'blocks' must be a list of {start = ..., end = ...} tables")
    for block in listed:
        if (
            not isinstance(block, dict)
            or set(block) != {"start", "end"}
            or not all(isinstance(v, str) for v in block.values())
        ):
            raise ConfigError("each skip block needs exactly 'start' and 'end', both strings")
        blocks.append(SkipBlock(start=block["start"], end=block["end"]))
    return SkipRules(
        paragraphs=tuple(expect_strings(data, "paragraphs")) if "paragraphs" in data else (),
        blocks=tuple(blocks),
        output=expect(data, "output", str) if "output" in data else "keep",
    )


def expect(data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
        name = " or ".join(k.__name__ for k in kinds)
        raise ConfigError(f"setting {key!r} must be a {name}, not {type(value).__name__}")
    return value


def expect_strings(data: dict[str, Any], key: str) -> list[str]:
    value = data[key]
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"setting {key!r} must be a list of strings")
    return value
