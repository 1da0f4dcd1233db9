"""Writing catalog entries as GNU gettext does (``msgcat``, page width 79), byte for byte.

The layout follows ``write-po.c`` of GNU gettext 0.21: comments in the order ``#``,
``#.``, ``#:``, ``#,``, ``#|``; strings split after each ``\\n`` and wrapped at Unicode
line-break opportunities (:mod:`l10n.po.wrap`), with an empty first line (``msgid ""``)
whenever a string takes more than one line; references packed up to the page width;
flags in GNU's canonical order; obsolete entries behind ``#~`` and dropped when
untranslated. Two deliberate differences keep information GNU would lose: flags GNU does
not know are written after the known ones, and ``#~|`` lines are kept (GNU keeps them;
polib drops them).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from collections.abc import Collection, Iterable

from ..errors import CatalogError
from .directives import FORMATS, directive_spans, format_of
from .entry import CatalogEntry
from .wrap import PROHIBITED, fill, text_width

__all__ = ["format_entries", "format_entry", "format_string", "ordered_flags"]

PAGE_WIDTH = 79

_FORMAT_RANK = {
    f"{prefix}{name}-format": rank
    for rank, name in enumerate(FORMATS)
    for prefix in ("", "no-", "possible-")
}
_NEEDS_ESCAPE = re.compile(r'[\x07-\x0d\\"]')
_ESCAPES = {
    "\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
    "\\": "\\", '"': '"',
}  # fmt: skip


def format_entries(entries: Iterable[CatalogEntry], *, width: int = PAGE_WIDTH) -> str:
    """The text of a PO file holding ``entries`` in the given order ("" when none)."""
    blocks = [block for block in (format_entry(entry, width=width) for entry in entries) if block]
    return "\n".join(blocks)


def format_entry(entry: CatalogEntry, *, width: int = PAGE_WIDTH) -> str:
    """One entry's lines, each ending in ``\\n``; "" for an untranslated obsolete entry."""
    translated = _translated(entry)
    if entry.obsolete and not translated:
        return ""
    if entry.flags:
        resolved = ordered_flags(entry.flags)
        wrap = "no-wrap" not in resolved
        language = format_of(resolved)
        flags = resolved if translated else [flag for flag in resolved if flag != "fuzzy"]
    else:
        wrap, language, flags = True, None, []
    lines = _comment_lines("#", entry.tcomment) if entry.tcomment else []
    if entry.comment:
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences:
        lines += reference_lines(entry.occurrences, width=width)
    if flags:
        lines.append("#, " + ", ".join(flags))
    previous = "#~| " if entry.obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += format_string(
                keyword, value, prefix=previous, width=width, wrap=wrap, language=language
            )
    prefix = "#~ " if entry.obsolete else ""
    for keyword, value in _message_fields(entry):
        lines += format_string(
            keyword, value, prefix=prefix, width=width, wrap=wrap, language=language
        )
    return "\n".join(lines) + "\n"


def _message_fields(entry: CatalogEntry) -> list[tuple[str, str]]:
    fields = [] if entry.msgctxt is None else [("msgctxt", entry.msgctxt)]
    fields.append(("msgid", entry.msgid))
    if not entry.msgid_plural:
        fields.append(("msgstr", entry.msgstr))
        return fields
    fields.append(("msgid_plural", entry.msgid_plural))
    forms = entry.msgstr_plural or {0: ""}
    fields += [(f"msgstr[{index}]", forms[index]) for index in sorted(forms)]
    return fields


def _translated(entry: CatalogEntry) -> bool:
    """What GNU tests before writing ``fuzzy`` or an obsolete entry: a non-empty msgstr[0]."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0) if entry.msgstr_plural else entry.msgstr)
    return bool(entry.msgstr)


def _comment_lines(mark: str, text: str) -> list[str]:
    # A bare CR would end the comment line for every reader: treat it as a line break.
    if not text:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(line.endswith("\\") for line in lines):
        from .read import CONTINUED_COMMENT

        raise CatalogError(CONTINUED_COMMENT)
    return [f"{mark} {line}" if line else mark for line in lines]


def ordered_flags(flags: Collection[str], *, translated: bool = True) -> list[str]:
    """Flags as GNU writes them: ``fuzzy`` (only on a translated entry), format flags in
    GNU's order, ``range:``, ``no-wrap``; then flags GNU does not know, in their order.
    Of contradicting flags (``c-format``, ``no-c-format``; ``wrap``, ``no-wrap``) the last
    one counts, as in GNU."""
    if len(flags) == 1:  # the usual case, e.g. ["fuzzy"]
        (flag,) = flags
        flag = flag.strip()
        if not flag or flag == "wrap" or (flag == "fuzzy" and not translated):
            return []
        return [flag]
    unique = list(dict.fromkeys(flag.strip() for flag in flags if flag.strip()))
    fuzzy = ["fuzzy"] if translated and "fuzzy" in unique else []
    last_format: dict[int, str] = {}
    for flag in unique:
        if flag in _FORMAT_RANK:
            last_format[_FORMAT_RANK[flag]] = flag
    formats = [last_format[rank] for rank in sorted(last_format)]
    ranges = [flag for flag in unique if flag.startswith("range:")][-1:]
    wrapping = [flag for flag in unique if flag in ("wrap", "no-wrap")][-1:]
    wrap = ["no-wrap"] if wrapping == ["no-wrap"] else []
    others = [
        flag
        for flag in unique
        if flag not in _FORMAT_RANK
        and flag not in ("fuzzy", "wrap", "no-wrap")
        and not flag.startswith("range:")
    ]
    return fuzzy + formats + ranges + wrap + others


def reference_lines(
    occurrences: Iterable[tuple[str, str]], *, width: int = PAGE_WIDTH
) -> list[str]:
    """``#:`` lines, packed as GNU packs them (it counts bytes, not characters)."""
    lines: list[str] = []
    current = "#:"
    column = 2
    for name, line in dict.fromkeys(occurrences):
        name = name.removeprefix("./")
        if " " in name or "\t" in name:
            name = f"\u2068{name}\u2069"
        token = f"{name}:{line}" if line else name
        size = len(token.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + token
        column += size
    if column > 2:
        lines.append(current)
    return lines


def format_string(
    keyword: str,
    value: str,
    *,
    prefix: str = "",
    width: int = PAGE_WIDTH,
    wrap: bool = True,
    language: str | None = None,
) -> list[str]:
    """``keyword "value"`` as GNU writes it: split after each ``\\n``, wrapped to ``width``,
    never inside a directive of the format ``language`` (``"python"``, ``"c"``, ...)."""
    indent = len(prefix) + 1  # where text starts on a continuation line: after prefix + quote
    limit = (width if wrap else sys.maxsize) - 1 - indent
    if "\n" not in value and _NEEDS_ESCAPE.search(value) is None:
        # The usual string: one line, nothing to escape (a directive needs no protection
        # on a line that is not broken).
        start = len(keyword) + 1
        narrow = value.isascii() and value.isprintable()
        if start + (len(value) if narrow else text_width(value)) <= limit:
            return [f'{prefix}{keyword} "{value}"']
    lines: list[str] = []
    first = True
    portions = _portions(value)
    inside = sorted(_inside_directives(value, language, msgstr=keyword.startswith("msgstr")))
    offset = 0
    local: Collection[int] = ()
    for number, portion in enumerate(portions):
        if inside:
            low = bisect.bisect_left(inside, offset)
            high = bisect.bisect_left(inside, offset + len(portion), low)
            local = [k - offset for k in inside[low:high]]
        offset += len(portion)
        text, overrides = _escape(portion, local)
        more = number < len(portions) - 1
        breaks = fill(text, width=limit, start_column=0, overrides=overrides)
        if first and text:
            # GNU starts with `keyword ""` when the string takes more than one line:
            # several portions, or breaks when filled from after the keyword. Breaks
            # from column 0 imply breaks from any later column: only without them is
            # that fill needed.
            start = len(keyword) + 1
            if (
                more
                or start > limit
                or breaks
                or fill(text, width=limit, start_column=start, overrides=overrides)
            ):
                lines.append(f'{prefix}{keyword} ""')
                first = False
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        if not breaks:
            lines.append(f'{head}"{text}"')
            continue
        lines.append(f'{head}"{text[: breaks[0]]}"')
        edges = [*breaks, len(text)]
        lines += [f'{prefix}"{text[a:b]}"' for a, b in itertools.pairwise(edges)]
    return lines


def _portions(value: str) -> list[str]:
    """``value`` cut after each ``\\n`` (a trailing ``\\n`` ends the last portion)."""
    if "\n" not in value:
        return [value]
    parts = value.split("\n")
    portions = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        portions.append(parts[-1])
    return portions


def _inside_directives(value: str, language: str | None, *, msgstr: bool) -> set[int]:
    """Positions of ``value`` inside a format directive (after its first character)."""
    if language is None or not value:
        return set()
    spans = directive_spans(language, value, msgstr=msgstr)
    return {position for first, last in spans for position in range(first + 1, last + 1)}


def _escape(portion: str, protected: Collection[int]) -> tuple[str, dict[int, int]]:
    """C-escape a portion; no line break inside an escape, before a final ``\\n``, or
    before the ``protected`` characters (those inside format directives)."""
    if _NEEDS_ESCAPE.search(portion) is None:
        return portion, dict.fromkeys(protected, PROHIBITED)
    pieces: list[str] = []
    overrides: dict[int, int] = {}
    escaped: list[int] = []  # positions in ``portion`` of the escaped characters
    last = 0
    for match in _NEEDS_ESCAPE.finditer(portion):
        at = match.start()
        pieces += (portion[last:at], "\\", _ESCAPES[portion[at]])
        overrides[at + len(escaped) + 1] = PROHIBITED  # between backslash and letter
        escaped.append(at)
        last = at + 1
    pieces.append(portion[last:])
    text = "".join(pieces)
    for position in protected:  # each escape before it moved it one character on
        overrides[position + bisect.bisect_left(escaped, position)] = PROHIBITED
    if portion.endswith("\n"):
        overrides[len(text) - 2] = PROHIBITED
    return text, overrides
