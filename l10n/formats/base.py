"""The format layer's values: a file as regions to translate, everything else verbatim.

A format parses a file's text into :data:`Region` values, in order, never overlapping:

- a :class:`Block` is a run of readable text (a paragraph, a heading, a table cell, an
  ``alt`` attribute) cut into :class:`Piece` values, each a span of the source: words
  (``TEXT``, verbatim), whitespace (``SPACE``), decoded characters (``ATOM``: an entity,
  an escape) and inline markup (``OPEN``/``CLOSE`` pairs, ``VOID`` for a tag without
  content, inline code, an image). Readers see the text; the markup becomes numbered
  placeholders in the messages (:mod:`.inline`) and is written back from the source;
- a :class:`Nested` region is text stored encoded inside the file (a JSON string, a YAML
  scalar, an attribute value): its decoded text has regions of its own, and it is
  re-encoded only when something inside it was translated.

Whatever lies between regions is never looked at again: a render with no translations
gives the source back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "ATOM",
    "CLOSE",
    "OPEN",
    "SPACE",
    "TAGS",
    "TEXT",
    "VOID",
    "Block",
    "Escape",
    "HtmlRoot",
    "Layout",
    "Nested",
    "Piece",
    "Region",
    "Sentence",
    "iter_blocks",
    "text_pieces",
]

TEXT, SPACE, ATOM, OPEN, CLOSE, VOID = range(6)
TAGS = frozenset({OPEN, CLOSE, VOID})

Escape = Callable[[str, bool], str]
"""Text of a translation -> source text (``&`` -> ``&amp;``); the flag says the text
starts a line, where Markdown must escape list and heading markers."""

# Whitespace that separates words in HTML and Markdown (not NBSP, which is a character).
_SPACE = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A span ``[start, end)`` of the source and what it is.

    ``plain``: the piece's text in the message (TEXT: the source slice; SPACE: one
    space; ATOM: the decoded character). ``name``: a tag's element name (pairs match by
    it; comments name it). ``emit``: what a re-rendered sentence writes for the tag
    instead of its source (a Markdown shortcut reference made explicit).
    """

    kind: int
    start: int
    end: int
    plain: str = ""
    name: str = ""
    emit: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One message of a block: pieces ``[first, last)`` and the message's text.

    ``tags[n - 1]`` is the piece of placeholder ``n`` (an OPEN or a VOID piece);
    ``closes[n - 1]`` the CLOSE piece of a pair (-1 for a VOID one).
    """

    message: str
    first: int
    last: int
    tags: tuple[int, ...] = ()
    closes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """Readable text: its pieces, a label saying where it is (``p 3``, ``img alt``),
    how translated text is escaped, and regions nested in its tags (attribute values).

    ``sentences`` are set when the block has been segmented (:mod:`.sentences`).
    """

    pieces: tuple[Piece, ...]
    label: str
    escape: Escape
    inner: tuple[Region, ...] = ()
    sentences: tuple[Sentence, ...] = ()

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


@dataclass(frozen=True, slots=True)
class Nested:
    """Encoded text: ``decoded`` is what the source span ``[start, end)`` stands for, and
    ``regions`` are regions of ``decoded``; ``encode`` writes a changed ``decoded`` back
    as source text (quoted and escaped as the surrounding syntax needs)."""

    start: int
    end: int
    decoded: str
    regions: tuple[Region, ...]
    encode: Callable[[str], str]
    label: str = ""


Region = Block | Nested


@dataclass(frozen=True, slots=True)
class HtmlRoot:
    """Where a page's ``<html>`` start tag is, for setting ``lang`` (and ``dir``)."""

    start: int
    end: int
    lang: tuple[int, int] | None = None  # the value's span, quotes excluded
    dir: tuple[int, int] | None = None
    quoted: tuple[bool, bool] = (True, True)


@dataclass(frozen=True, slots=True)
class Layout:
    """A parsed file: its regions in order, and the page's ``<html>`` tag if it has one."""

    format: str
    regions: tuple[Region, ...]
    root: HtmlRoot | None = None
    notes: tuple[str, ...] = field(default=())


def iter_blocks(
    regions: tuple[Region, ...], anchor: int | None = None, prefix: str = ""
) -> Iterator[tuple[Block, int | None, str]]:
    """Every block in document order with the file offset that locates a block in
    decoded text (``None``: the block's own offsets are the file's) and its label."""
    for region in regions:
        if isinstance(region, Block):
            yield region, anchor, _joined(prefix, region.label)
            yield from iter_blocks(region.inner, anchor, prefix)
        else:
            where = region.start if anchor is None else anchor
            yield from iter_blocks(region.regions, where, _joined(prefix, region.label))


def _joined(prefix: str, label: str) -> str:
    return f"{prefix}: {label}" if prefix and label else prefix or label


def text_pieces(text: str, start: int, end: int) -> list[Piece]:
    """``text[start:end]`` as TEXT pieces (words) and SPACE pieces (whitespace runs)."""
    pieces: list[Piece] = []
    position = start
    for match in _SPACE.finditer(text, start, end):
        if match.start() > position:
            pieces.append(Piece(TEXT, position, match.start(), text[position : match.start()]))
        pieces.append(Piece(SPACE, match.start(), match.end(), " "))
        position = match.end()
    if position < end:
        pieces.append(Piece(TEXT, position, end, text[position:end]))
    return pieces
