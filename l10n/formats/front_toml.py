"""TOML front matter (Hugo's ``+++`` fences): the keys the project names, translated.

``tomllib`` gives values without their places in the file, so the front matter is read
twice: ``tomllib`` checks it is TOML, and a scan of its lines finds each named key's
value (top-level keys, and keys of ``[table]`` sections as ``table.key``). A value is
translated when it is a one-line string, basic (``"..."``) or literal (``'...'``); a
multi-line string, an array or anything else stays as written. A translation is written
back in the value's own quotes where TOML allows it, else as a basic string.
"""

from __future__ import annotations

import json
import re
import tomllib

from ..config import FormatSettings
from ..errors import SourceError
from .base import Block, Nested, Region
from .sentences import has_letters

__all__ = ["TOML_CLOSE", "TOML_OPEN", "toml_front_matter"]

TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)

_KEY = r'(?:[A-Za-z0-9_-]+|"[^"\\\n]*"|\'[^\'\n]*\')'
_TABLE = re.compile(rf"[ \t]*\[[ \t]*({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*\][ \t]*(?:#.*)?")
_ARRAY_TABLE = re.compile(r"[ \t]*\[\[")
_PAIR = re.compile(
    rf"[ \t]*(?P<key>{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*=[ \t]*"
    r"(?P<value>\"(?:[^\"\\\n]|\\.)*\"(?!\")|'[^'\n]*'(?!'))[ \t]*(?:#.*)?"
)
_DOT = re.compile(r"[ \t]*\.[ \t]*")


def toml_front_matter(
    text: str, start: int, end: int, settings: FormatSettings, path: str
) -> list[Region]:
    """The configured keys of the TOML front matter ``text[start:end]``, as regions."""
    try:
        tomllib.loads(text[start:end])
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        line = None if found is None else text.count("\n", 0, start) + int(found.group(1))
        problem = re.sub(r"\s*\(at line.*", "", str(error))
        raise SourceError(
            f"front matter is not valid TOML: {problem}", path=path, line=line
        ) from None
    from .text import parse_regions

    wanted = set(settings.front_matter)
    regions: list[Region] = []
    table: str | None = ""
    position = start
    for row in text[start:end].splitlines(keepends=True):
        body = row.rstrip("\r\n")
        if _ARRAY_TABLE.match(body):
            table = None  # an array of tables: its keys are not the article's fields
        elif header := _TABLE.fullmatch(body):
            table = ".".join(_names(header.group(1)))
        elif table is not None and (pair := _PAIR.fullmatch(body)):
            key = ".".join([table, *_names(pair["key"])] if table else _names(pair["key"]))
            raw = pair["value"]
            decoded = tomllib.loads(f"v = {raw}")["v"] if key in wanted else ""
            if has_letters(decoded):
                first = position + pair.start("value")
                inner = parse_regions(decoded, 0, len(decoded), "line")
                if len(inner) == 1:
                    inner = [Block(b.pieces, "", b.escape) for b in inner if isinstance(b, Block)]
                regions.append(Nested(first, first + len(raw), decoded, tuple(inner),
                                      _TomlString(raw[0]), f"front matter: {key}"))  # fmt: skip
        position += len(row)
    return regions


def _names(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _DOT.split(dotted.strip())]


class _TomlString:
    """Writes a translated value in the string's own quotes where TOML allows it."""

    def __init__(self, quote: str) -> None:
        self.quote = quote

    def __call__(self, value: str) -> str:
        literal_ok = "'" not in value and not any(c < " " or c == "\x7f" for c in value)
        if self.quote == "'" and literal_ok:
            return f"'{value}'"
        quoted = json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's
        return quoted.replace("\x7f", "\\u007f")  # which TOML also wants escaped
