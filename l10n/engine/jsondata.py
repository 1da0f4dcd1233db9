"""JSON from packages and indexes, bounded: size, nesting, one PackageError on failure.

``json.loads`` recurses once per nesting level, so ``[[[[...]]]]`` a few thousand deep is
a RecursionError, and data nested just below the interpreter's limit breaks whatever
walks it next (``repr`` included). Package metadata, Argos indexes, install records and
settings are flat: a few levels at most, so anything nested deeper than
:data:`MAX_DEPTH` is refused, as are texts larger than the caller's bound.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import PackageError

__all__ = ["MAX_DEPTH", "parse_json", "read_json"]

MAX_DEPTH = 32


def parse_json(data: bytes | str, *, what: str, where: str, max_bytes: int) -> object:
    """The value of the JSON text ``data``; PackageError naming ``where`` when it is larger
    than ``max_bytes`` (characters, for a str), not UTF-8, not JSON or nested deeper than
    :data:`MAX_DEPTH`."""
    if len(data) > max_bytes:
        raise PackageError(f"{what} is too large (more than {max_bytes} bytes)", path=where)
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise PackageError(f"{what} is not UTF-8: {error}", path=where) from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise PackageError(_too_deep(what), path=where) from None
    except ValueError as error:
        raise PackageError(f"{what} is not valid JSON: {error}", path=where) from None
    if _deeper_than(value, MAX_DEPTH):
        raise PackageError(_too_deep(what), path=where)
    return value


def read_json(path: Path, *, what: str, max_bytes: int) -> object:
    """:func:`parse_json` of the file at ``path``, reading at most ``max_bytes + 1`` bytes."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise PackageError(f"cannot read {what}: {error.strerror}", path=path) from None
    return parse_json(data, what=what, where=str(path), max_bytes=max_bytes)


def _too_deep(what: str) -> str:
    return f"{what} is nested deeper than {MAX_DEPTH} levels"


def _deeper_than(value: object, limit: int) -> bool:
    """Whether ``value`` nests lists and objects more than ``limit`` deep (no recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if not isinstance(item, list):
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in item)
    return False
