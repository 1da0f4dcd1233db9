"""Apertium's stream format for one text: what goes into a pair's pipeline, what comes out.

A text is written as ``apertium-destxt`` would write it, with more kept out of the
translation's way: the characters Apertium reads as syntax (``\\ [ ] ^ $ @ { } < > /``)
are backslashed; whitespace runs other than one space, ``~``, ``*``, ``#`` and ``@``, URLs,
e-mail addresses, markup tags, numbered placeholders of inline markup (``<1>``,
``</1>``, ``<2/>``), printf/brace placeholders, @mentions and #hashtags become superblanks
(``[...]``), which every stage passes through untouched. Each text ends with
:data:`TERMINATOR` (a full stop and an empty and a line-break superblank, what
``apertium-destxt`` puts at a paragraph's end) and a NUL, on which every stage of a
``-z`` pipeline flushes: so one record comes back per text, ending the same way.

Because every ``*``, ``#`` and ``@`` of the source is in a superblank, one in the
output outside superblanks is one of Apertium's marks (``@`` comes backslashed):
``*word`` not in the source dictionary, ``@word`` not in the bilingual dictionary,
``#word`` that cannot be generated. :func:`decode` removes the marks (giving what
``apertium -u`` prints) and returns the marked words as data.

:func:`decode` also tidies what the engine broke, and only that: spaces it doubled or
left at either end or inside quotation marks (a dropped pronoun, a vanished
possessive) or lost before a marked word (``цій#тиждень``), and typographic
apostrophes and quotation marks it turned into ASCII ones when the source had only
typographic ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "MARKS",
    "TERMINATOR",
    "Decoded",
    "RecordError",
    "decode",
    "encode",
    "protected_spans",
]

TERMINATOR = ".[][\n]"
"""What ends every text: ``apertium-destxt``'s paragraph end (its full stop included)."""
_END = "[][\n]"
MARKS = {"*": "unknown", "@": "not in the bilingual dictionary", "#": "cannot be generated"}

_SYNTAX = frozenset("\\[]^$@{}<>/")
# whitespace runs but a lone space; the characters kept as superblanks; syntax characters
_PLAIN_PIECE = re.compile(r"( \s+|[^\S ]\s*)|([*#~@])|([\\\[\]^${}<>/])")
_WORD = re.compile(r"[\w’'-]")
_OPENING = frozenset("“„‘([¿¡")
_SPACE_AFTER_OPENING = re.compile(r"[“„‘(\[¿¡]\s")
_SPACE_BEFORE_STOP = re.compile(r"\s[,.]")

# kinds of output characters
_PLAIN, _ESCAPED, _BLANK = 0, 1, 2


class RecordError(ValueError):
    """A record that is not the translation of one text (the pipeline went wrong)."""


_HANDLE = re.compile(r"(?<![\w@#])[@#]\w+")  # @mentions and #hashtags: names, not words


@functools.cache
def _protected_patterns() -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """(hints, pattern): the pattern can match only where one of the hints is in the
    text (lower-cased). :mod:`l10n.patterns`, which the checks use too: what the engine
    protects is what they verify."""
    from ...patterns import BRACE_SEEN, EMAIL, PLACEHOLDER, PRINTF_SEEN, TAG, URL

    return (
        (("://", "www."), URL), (("@",), EMAIL), (("<",), TAG), (("<",), PLACEHOLDER),
        (("%",), PRINTF_SEEN), (("{",), BRACE_SEEN), (("@", "#"), _HANDLE),
    )  # fmt: skip


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the URLs, e-mail addresses, tags, placeholders, @mentions and
    #hashtags of ``text``, in order, never overlapping (the earliest, then the longest,
    wins)."""
    from ...patterns import URL, strip_url_tail

    found: list[tuple[int, int]] = []
    lowered = text.lower()
    for hints, pattern in _protected_patterns():
        if not any(hint in lowered for hint in hints):
            continue
        for match in pattern.finditer(text):
            end = match.end()
            if pattern is URL:
                end = match.start() + len(strip_url_tail(match.group()))
            if end > match.start():
                found.append((match.start(), end))
    found.sort(key=lambda span: (span[0], -span[1]))
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _blank(text: str) -> str:
    """``text`` as a superblank: kept as it is, syntax characters backslashed."""
    return "[" + "".join("\\" + c if c in _SYNTAX else c for c in text) + "]"


def _plain(text: str) -> str:
    def piece(match: re.Match[str]) -> str:
        space, blank, syntax = match.groups()
        if space is not None:
            return _blank(space)
        if blank is not None:
            return _blank(blank)
        return "\\" + syntax

    return _PLAIN_PIECE.sub(piece, text)


def encode(text: str) -> str:
    """One text as a record of Apertium's stream, :data:`TERMINATOR` included (the
    caller adds the NUL). ValueError for a NUL in ``text`` (it would end the record)."""
    if "\0" in text:
        raise ValueError("a NUL character cannot be translated")
    out: list[str] = []
    position = 0
    for start, end in protected_spans(text):
        out.append(_plain(text[position:start]))
        out.append(_blank(text[start:end]))
        position = end
    out.append(_plain(text[position:]))
    out.append(TERMINATOR)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A translated text and the words Apertium marked in it, e.g. ``("*Zelenskyy",
    "@thinktank")`` (mark + word, in order)."""

    text: str
    marked: tuple[str, ...] = ()


def _characters(record: str) -> Iterator[tuple[str, int]]:
    """(character, kind) of a record: plain, backslashed, or inside a superblank."""
    index, size = 0, len(record)
    while index < size:
        char = record[index]
        if char == "\\" and index + 1 < size:
            yield record[index + 1], _ESCAPED
            index += 2
        elif char == "[":
            wordbound = record.startswith("[[", index)
            index += 2 if wordbound else 1
            while index < size and record[index] != "]":
                if record[index] == "\\" and index + 1 < size:
                    index += 1
                if not wordbound:  # [[...]] is format data of word-bound blanks: dropped
                    yield record[index], _BLANK
                index += 1
            if index >= size:
                raise RecordError("a superblank is not closed")
            index += 2 if wordbound and record.startswith("]]", index) else 1
        else:
            yield char, _PLAIN
            index += 1


def _strip_end(record: str) -> str:
    """The record without its terminator; RecordError when it does not end with one."""
    if not record.endswith(_END):
        raise RecordError("the record does not end as the text did")
    return record[: -len(_END)]


def decode(record: str, *, source: str) -> Decoded:
    """The text of one output record of the translation of ``source``, marks removed
    and recorded, tidied (see the module docstring). RecordError for a record that
    does not end with the terminator or whose translation is empty."""
    body = _strip_end(record)
    if "\\" in body or "[" in body:
        chars = list(_characters(body))
    else:  # the common case, no escape and no superblank: every character is plain
        chars = [(char, _PLAIN) for char in body]
    if chars and chars[-1] == (".", _PLAIN):
        chars.pop()
    chars, marked = _take_marks(chars)
    chars = _tidy_spaces(chars, source)
    text = "".join(char for char, _ in chars)
    if not text.strip() and source.strip():
        raise RecordError("the translation is empty")
    text = _typographic(text, chars, source)
    return Decoded(text, tuple(marked))


def _take_marks(chars: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], list[str]]:
    kept: list[tuple[str, int]] = []
    marked: list[str] = []
    size = len(chars)
    for index, (char, kind) in enumerate(chars):
        if kind != _BLANK and char in MARKS and index + 1 < size and chars[index + 1][0].isalnum():
            end = index + 1
            while end < size and _WORD.match(chars[end][0]):
                end += 1
            marked.append(char + "".join(c for c, _ in chars[index + 1 : end]).rstrip("-'’"))
            if kept and kept[-1][0].isalnum():
                kept.append((" ", _PLAIN))  # "цій#тиждень": the engine glued two words
            continue
        kept.append((char, kind))
    return kept, marked


def _tidy_spaces(chars: list[tuple[str, int]], source: str) -> list[tuple[str, int]]:
    """The engine's spaces (plain ones: the source's runs are superblanks) where a word
    vanished go: doubled, at either end, after an opening quotation mark or bracket and
    before a comma or full stop, the last two only when the source has none there."""
    after_opening = _SPACE_AFTER_OPENING.search(source) is None
    before_stop = _SPACE_BEFORE_STOP.search(source) is None
    kept: list[tuple[str, int]] = []
    for char, kind in chars:
        if kind == _PLAIN and char == " ":
            if not kept or kept[-1] == (" ", _PLAIN):
                continue
            if after_opening and kept[-1][0] in _OPENING:
                continue
        elif kind == _PLAIN and char in ",." and before_stop and kept[-1:] == [(" ", _PLAIN)]:
            kept.pop()
        kept.append((char, kind))
    while kept and kept[-1] == (" ", _PLAIN):
        kept.pop()
    return kept


def _typographic(text: str, chars: list[tuple[str, int]], source: str) -> str:
    """ASCII apostrophes and double quotes the engine made, typographic again when the
    source had typographic ones and no ASCII ones."""
    apostrophe = "’" in source and "'" not in source
    quotes = ("“" in source or "”" in source) and '"' not in source
    if not (apostrophe and "'" in text) and not (quotes and '"' in text):
        return text
    out: list[str] = []
    opened = False
    for char, kind in chars:
        if kind == _PLAIN and apostrophe and char == "'":
            char = "’"
        elif kind == _PLAIN and quotes and char == '"':
            char = "”" if opened else "“"
        if char in "“”":
            opened = char == "“"
        out.append(char)
    return "".join(out)
