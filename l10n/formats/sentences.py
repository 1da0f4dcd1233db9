"""Blocks into sentences: the text a segmenter reads, and the messages it gives.

:func:`plain_text` is a block's text as the segmenter sees it: one line, whitespace
runs collapsed to a space, markup left out. :func:`sentences` turns the segmenter's
spans over that line back into pieces of the block and into messages:

- markup at a sentence's edges stays out of the message when it does not pair with
  something inside (``<p><em>One. Two.</em></p>``: the ``em`` wraps both sentences and
  is kept in place), and a pair around the whole sentence too;
- a pair that a sentence break would cut (``<b>one. Two</b>``, ``<b>One. Two</b> three.``)
  joins the sentences.
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
    ranges = [(first, last) for first, last in ranges if first < last]
    kept: list[tuple[int, Sentence]] = []  # (first piece before trimming, sentence)
    pending: int | None = None
    for number, (first, last) in enumerate(ranges):
        final = number == len(ranges) - 1
        pending = _place(pieces, partner, kept, first if pending is None else pending, last, final)
    return dataclasses.replace(
        block, pieces=tuple(pieces), sentences=tuple(sentence for _, sentence in kept)
    )


def _place(
    pieces: list[Piece],
    partner: dict[int, int],
    kept: list[tuple[int, Sentence]],
    first: int,
    last: int,
    final: bool,
) -> int | None:
    """Add the sentence of pieces ``[first, last)`` to ``kept``; ``None``, or where the
    sentence starts when a pair runs on past it (it joins the next one).

    A pair that reaches back into sentences already kept (its opening markup was left at
    the edge of an earlier sentence) joins them; on the last sentence, a pair that runs
    on past it is taken in whole.
    """
    first, last = _widen(pieces, first, last)
    while True:
        start, end = _trim(pieces, partner, first, last)
        if start >= end:
            return None
        ends = [partner[i] for i in range(start, end) if i in partner]
        back, ahead = min(ends, default=start), max(ends, default=end - 1)
        if back < start:
            while kept and kept[-1][1].last > back:
                first = min(first, kept.pop()[0])
            first = min(first, back)
        elif ahead >= end:
            if not final:
                return first
            last = max(last, ahead + 1)
        else:
            kept.append((first, _sentence(pieces, partner, start, end)))
            return None


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
