"""What the last complete ``run`` left behind, so that an identical re-run does nothing.

After a run in which every language succeeded (so nothing is left for the engine), the
pipeline records in ``<locales>/.l10n-run.json`` a key for what was asked (l10n's version,
the project's settings, the languages and publishing options) and the size and SHA-256 of
every file the run read or wrote: config, rules, sources, template, catalogs, ``.mo``
files and built articles. A run with the same key whose files all still match has
nothing to do: it returns the recorded summary without parsing a catalog or segmenting
an article. Any change to any of those files (an edited article, a catalog changed in a
PO editor, a deleted article in ``out/``) makes the run do its work again. Contents are
compared, not times, so a file changed within the same second is never missed. The file
is a cache: deleting it loses nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["STAMP_NAME", "key_of", "read_stamp", "write_stamp"]

STAMP_NAME = ".l10n-run.json"
_FORMAT = 1


def key_of(what: Mapping[str, Any]) -> str:
    """A short digest of ``what`` (anything JSON can hold, paths as strings)."""
    text = json.dumps(what, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint(path: Path) -> list[Any] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return [len(data), hashlib.sha256(data).hexdigest()]


def read_stamp(stamp: Path, key: str) -> list[dict[str, Any]] | None:
    """The summary recorded for ``key`` when every recorded file is as it was; else None."""
    try:
        recorded = json.loads(stamp.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(recorded, dict) or recorded.get("format") != _FORMAT:
        return None
    if recorded.get("key") != key:
        return None
    files, summary = recorded.get("files"), recorded.get("summary")
    if not isinstance(files, dict) or not isinstance(summary, list) or not files:
        return None
    for name, expected in files.items():
        if _fingerprint(Path(name)) != expected:
            return None
    return summary


def write_stamp(
    stamp: Path, key: str, files: Iterable[Path], summary: Sequence[Mapping[str, Any]]
) -> None:
    """Record ``summary`` under ``key`` with the fingerprints of ``files`` (atomically)."""
    from .files import write_bytes_atomic

    prints = {str(path): _fingerprint(path) for path in files}
    record = {"format": _FORMAT, "key": key, "files": prints, "summary": list(summary)}
    data = json.dumps(record, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    write_bytes_atomic(stamp, data + b"\n")
