"""Blocks into sentences: the text a segmenter reads, and the messages it gives.

:func:`plain_text` is a block's text as the segmenter sees it: one line, whitespace
runs collapsed to a space, markup left out. :func:`sentences` turns the segmenter's
spans over that line back into pieces of the block and into messages:

- markup at a sentence's edges stays out of the message when it does not pair with
  something inside (``<p><em>One. Two.</em></p>``: the ``em`` wraps both sentences and
  is kept in place), and a pair around the whole sentence too;
- a pair that a sentence break would cut (``<b>one. Two</b>``) joins the sentences.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools

from .base import CLOSE, OPEN, SPACE, TAGS, TEXT, VOID, Block, Piece, Sentence

__all__ = ["has_letters", "plain_text", "sentences"]


def plain_text(block: Block) -> str:
    """The block's text for the segmenter: no markup, whitespace collapsed, one line."""
    return "".join(_plains(block.pieces))


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _plains(pieces: tuple[Piece, ...] | list[Piece]) -> list[str]:
    out: list[str] = []
    spaced = True  # at the start: leading whitespace goes
    for piece in pieces:
        if piece.kind == SPACE or (piece.kind != TEXT and piece.plain.isspace()):
            out.append("" if spaced else " ")
            spaced = True
        elif piece.kind in TAGS:
            out.append("")
        else:
            out.append(piece.plain)
            spaced = False
    return out


def sentences(block: Block, spans: list[tuple[int, int]]) -> Block:
    """``block`` with its sentences: ``spans`` are the segmenter's sentences, offsets in
    :func:`plain_text`. Pieces are split where a sentence starts or ends inside a word."""
    pieces = _split(block.pieces, spans)
    located = _located(pieces)
    partner = _partners(pieces)
    ranges = [_piece_range(located, start, end) for start, end in spans if end > start]
    found: list[Sentence] = []
    pending: tuple[int, int] | None = None
    for first, last in ranges:
        if pending is not None:
            first = pending[0]
        first, last = _trim(pieces, partner, *_widen(pieces, first, last))
        if first >= last:
            pending = None
            continue
        if not _balanced(partner, first, last):
            pending = (first, last)
            continue
        pending = None
        found.append(_sentence(pieces, partner, first, last))
    if pending is not None:
        first, last = _trim(pieces, partner, *_widen(pieces, *pending))
        if first < last:
            found.append(_sentence(pieces, partner, first, last))
    return dataclasses.replace(block, pieces=tuple(pieces), sentences=tuple(found))


def _split(pieces: tuple[Piece, ...], spans: list[tuple[int, int]]) -> list[Piece]:
    """The pieces, TEXT ones cut where a sentence boundary falls inside them."""
    cuts = sorted({offset for span in spans for offset in span})
    if not cuts:
        return list(pieces)
    out: list[Piece] = []
    position = 0
    plains = _plains(pieces)
    for piece, text in zip(pieces, plains, strict=True):
        end = position + len(text)
        inside = [c - position for c in cuts if position < c < end] if piece.kind == TEXT else []
        if not inside:
            out.append(piece)
        else:
            bounds = [0, *inside, len(text)]
            for a, b in itertools.pairwise(bounds):
                out.append(Piece(TEXT, piece.start + a, piece.start + b, text[a:b]))
        position = end
    return out


def _located(pieces: list[Piece]) -> tuple[list[int], list[int], list[int]]:
    """The pieces that have text for the segmenter: their indexes, plain starts and ends."""
    indexes, starts, ends = [], [], []
    position = 0
    for index, text in enumerate(_plains(pieces)):
        if text and pieces[index].kind not in TAGS:
            indexes.append(index)
            starts.append(position)
            ends.append(position + len(text))
        position += len(text)
    return indexes, starts, ends


def _piece_range(
    located: tuple[list[int], list[int], list[int]], start: int, end: int
) -> tuple[int, int]:
    """Pieces covering plain offsets ``[start, end)``: those with text inside the span."""
    indexes, starts, ends = located
    low = bisect.bisect_right(ends, start)
    high = bisect.bisect_left(starts, end)
    if low >= high:
        return 0, 0
    return indexes[low], indexes[high - 1] + 1


def _partners(pieces: list[Piece]) -> dict[int, int]:
    """OPEN <-> CLOSE piece indexes, matched by element name as a stack would."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.kind == OPEN:
            stack.append(index)
        elif piece.kind == CLOSE:
            for depth in range(len(stack) - 1, -1, -1):
                if pieces[stack[depth]].name == piece.name:
                    partner[stack[depth]] = index
                    partner[index] = stack[depth]
                    del stack[depth:]
                    break
    return partner


def _widen(pieces: list[Piece], first: int, last: int) -> tuple[int, int]:
    """Take in the markup right at the sentence's edges (no space between)."""
    while first > 0 and pieces[first - 1].kind in TAGS:
        first -= 1
    while last < len(pieces) and pieces[last].kind in TAGS:
        last += 1
    return first, last


def _trim(pieces: list[Piece], partner: dict[int, int], first: int, last: int) -> tuple[int, int]:
    """Leave out edge markup that pairs with nothing inside, pairs around the whole
    sentence, and edge whitespace."""
    changed = True
    while changed and first < last:
        changed = False
        head, tail = pieces[first], pieces[last - 1]
        if (
            head.kind == SPACE
            or head.kind == VOID
            or (head.kind in (OPEN, CLOSE) and not first < partner.get(first, -1) < last)
        ):
            first, changed = first + 1, True
        elif (
            tail.kind == SPACE
            or tail.kind == VOID
            or (tail.kind in (OPEN, CLOSE) and not first <= partner.get(last - 1, -1) < last - 1)
        ):
            last, changed = last - 1, True
        elif head.kind == OPEN and partner.get(first) == last - 1:
            first, last, changed = first + 1, last - 1, True
        elif not _has_text(pieces, first, last):
            return first, first
    return first, last


def _has_text(pieces: list[Piece], first: int, last: int) -> bool:
    return any(pieces[i].kind not in TAGS and pieces[i].kind != SPACE for i in range(first, last))


def _balanced(partner: dict[int, int], first: int, last: int) -> bool:
    return all(first <= partner.get(i, first) < last for i in range(first, last) if i in partner)


def _sentence(pieces: list[Piece], partner: dict[int, int], first: int, last: int) -> Sentence:
    words: list[str] = []
    tags: list[int] = []
    closes: list[int] = []
    numbers: dict[int, int] = {}
    spaced = False
    for index in range(first, last):
        piece = pieces[index]
        if piece.kind == SPACE:
            if not spaced:
                words.append(" ")
            spaced = True
            continue
        spaced = False
        if piece.kind == OPEN and index in partner:
            tags.append(index)
            closes.append(partner[index])
            numbers[index] = len(tags)
            words.append(f"<{len(tags)}>")
        elif piece.kind == CLOSE and index in partner:
            words.append(f"</{numbers[partner[index]]}>")
        elif piece.kind in TAGS:
            tags.append(index)
            closes.append(-1)
            words.append(f"<{len(tags)}/>")
        else:
            words.append(piece.plain)
    return Sentence("".join(words), first, last, tuple(tags), tuple(closes))
