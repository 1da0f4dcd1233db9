"""JSON from a headless CMS: the string fields the project selects, each plain text,
Markdown or HTML (``[formats] json = { "/title" = "text", "/body" = "markdown",
"/blocks/*/text" = "html" }``; ``*`` matches any one key or array index).

The file is read as it is written: each selected string is a span of the source, and a
translated one is written back in its place, escaped as ``json.dumps`` escapes (``\\uXXXX``
kept for a string written that way, ``\\/`` likewise). Every other byte (key order,
spacing, numbers, ids, slugs, fields not selected) stays as it was.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..config import FormatSettings
from ..errors import SourceError
from .base import Block, Layout, Nested, Region

__all__ = ["parse", "string_fields"]

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


def parse(text: str, settings: FormatSettings, *, path: str = "") -> Layout:
    """The layout of a JSON document: one nested region per selected string field."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(f"invalid JSON: {error.msg}", path=path, line=error.lineno) from None
    except RecursionError:
        raise SourceError("invalid JSON: nested too deeply", path=path) from None
    patterns = [(_segments(pointer), kind) for pointer, kind in settings.json]
    regions: list[Region] = []
    for pointer, start, end in string_fields(text):
        kind = next((kind for pattern, kind in patterns if _matches(pattern, pointer)), None)
        if kind is None:
            continue
        raw = text[start:end]
        decoded = json.loads(raw)
        inner = _field_regions(decoded, kind, settings)
        if inner:
            label = "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in pointer)
            regions.append(Nested(start, end, decoded, tuple(inner), _JsonString(raw), label))
    return Layout("json", tuple(regions))


def _field_regions(decoded: str, kind: str, settings: FormatSettings) -> list[Region]:
    if kind == "html":
        from .html import parse_regions as html_regions

        return html_regions(decoded, 0, len(decoded))
    if kind == "markdown":
        from .markdown import parse as parse_markdown

        return list(parse_markdown(decoded, settings).regions)
    from .text import parse_regions

    found = parse_regions(decoded, 0, len(decoded), "line")
    if len(found) == 1 and isinstance(found[0], Block):
        return [Block(found[0].pieces, "", found[0].escape)]
    return found


def string_fields(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    """Every string value of a valid JSON text: (its pointer's keys, start, end)."""
    found: list[tuple[tuple[str, ...], int, int]] = []
    _value(text, _SPACE.match(text, 0).end(), (), found)  # type: ignore[union-attr]
    return found


def _value(text: str, position: int, pointer: tuple[str, ...], found: list[Any]) -> int:
    char = text[position]
    if char == "{":
        position = _skip(text, position + 1)
        while text[position] != "}":
            key = _STRING.match(text, position)
            assert key is not None  # the text is valid JSON
            position = _skip(text, key.end())
            position = _skip(text, position + 1)  # the colon
            name = json.loads(key.group())
            position = _skip(text, _value(text, position, (*pointer, name), found))
            if text[position] == ",":
                position = _skip(text, position + 1)
        return position + 1
    if char == "[":
        position = _skip(text, position + 1)
        index = 0
        while text[position] != "]":
            position = _skip(text, _value(text, position, (*pointer, str(index)), found))
            index += 1
            if text[position] == ",":
                position = _skip(text, position + 1)
        return position + 1
    if char == '"':
        match = _STRING.match(text, position)
        assert match is not None
        found.append((pointer, match.start(), match.end()))
        return match.end()
    scalar = _SCALAR.match(text, position)
    assert scalar is not None
    return scalar.end()


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()  # type: ignore[union-attr]


def _segments(pointer: str) -> tuple[str, ...]:
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:])


def _matches(pattern: tuple[str, ...], pointer: tuple[str, ...]) -> bool:
    return len(pattern) == len(pointer) and all(
        p == "*" or p == q for p, q in zip(pattern, pointer, strict=True)
    )


class _JsonString:
    """Writes a translated string as the source wrote its string (``\\u`` escapes, ``\\/``)."""

    def __init__(self, raw: str) -> None:
        self.ascii = raw.isascii() and "\\u" in raw
        self.slash = "\\/" in raw

    def __call__(self, value: str) -> str:
        out = json.dumps(value, ensure_ascii=self.ascii)
        return out.replace("/", "\\/") if self.slash else out
