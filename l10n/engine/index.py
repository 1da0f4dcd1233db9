"""Argos package indexes: fetch, parse, validate.

The index is Argos's ``index.json``: a list of objects with ``from_code``, ``to_code``,
``package_version``, ``argos_version``, ``links`` and optionally ``code``, ``type``,
``from_name``, ``to_name``. ``l10n`` also reads ``sha256`` and ``size`` when an index
provides them. An index with a path-like type, code or language code in any entry is
refused as a whole: it is hostile, and the rest of it cannot be trusted either.
Entries of other types than ``translate`` are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import PackageError
from .identifiers import check_code, check_folder, check_type, check_version
from .jsondata import parse_json

__all__ = ["MAX_INDEX_BYTES", "IndexEntry", "fetch_index", "parse_index"]

MAX_INDEX_BYTES = 16 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One downloadable package as an index describes it."""

    from_code: str
    to_code: str
    package_version: str
    links: tuple[str, ...]
    code: str
    type: str = "translate"
    argos_version: str = ""
    from_name: str = ""
    to_name: str = ""
    sha256: str | None = None
    size: int | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """``(from_code, to_code)``."""
        return (self.from_code, self.to_code)


def fetch_index(
    url: str, *, offline: bool, timeout: float = 15.0, deadline: float | None = None
) -> list[IndexEntry]:
    """Download and parse the index at ``url``; NetworkError/PackageError on failure."""
    from .download import INDEX_DEADLINE, fetch_bytes  # the network stack

    within = INDEX_DEADLINE if deadline is None else deadline
    body = fetch_bytes(
        url, offline=offline, timeout=timeout, deadline=within, max_bytes=MAX_INDEX_BYTES
    )
    return parse_index(body, url=url)


def parse_index(text: str | bytes, *, url: str) -> list[IndexEntry]:
    """The translate entries of an index's JSON text (``url`` names it in errors); at most
    :data:`MAX_INDEX_BYTES`, nested no deeper than JSON from packages may be."""
    loaded = parse_json(text, what="index", where=url, max_bytes=MAX_INDEX_BYTES)
    if not isinstance(loaded, list):
        raise PackageError("index must be a JSON list of packages", path=url)
    entries = [_entry(item, where=f"{url} entry {number}") for number, item in enumerate(loaded, 1)]
    return [entry for entry in entries if entry is not None]


def _entry(item: object, *, where: str) -> IndexEntry | None:
    if not isinstance(item, Mapping):
        raise PackageError("index entry must be an object", path=where)
    kind = check_type(item.get("type", "translate"), where=where)
    if "code" in item:
        check_folder(item["code"], what="code", where=where)
    if kind != "translate":
        return None
    source = check_code(item.get("from_code"), what="from_code", where=where)
    target = check_code(item.get("to_code"), what="to_code", where=where)
    return IndexEntry(
        from_code=source,
        to_code=target,
        package_version=check_version(
            item.get("package_version", ""), what="package_version", where=where
        ),
        links=_links(item.get("links", []), where=where),
        code=str(item.get("code") or f"{kind}-{source}_{target}"),
        type=kind,
        argos_version=check_version(
            item.get("argos_version", ""), what="argos_version", where=where
        ),
        from_name=_text(item.get("from_name", ""), where=where),
        to_name=_text(item.get("to_name", ""), where=where),
        sha256=_sha256(item.get("sha256"), where=where),
        size=_size(item.get("size"), where=where),
    )


def _links(value: object, *, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(link, str) for link in value):
        raise PackageError("links must be a list of strings", path=where)
    return tuple(value)


def _text(value: object, *, where: str) -> str:
    if not isinstance(value, str) or len(value) > 200 or any(ord(c) < 32 for c in value):
        raise PackageError(f"malformed language name {value!r}", path=where)
    return value


def _sha256(value: object, *, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or _SHA256.fullmatch(value.lower()) is None:
        raise PackageError(f"malformed sha256 {value!r}", path=where)
    return value.lower()


def _size(value: object, *, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PackageError(f"malformed size {value!r}", path=where)
    return value
