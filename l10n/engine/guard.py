"""Guard against degenerate machine translation: runaway length and repetition loops.

Neural models sometimes never emit the end token, or loop on a word or phrase. The
engine bounds the decoding length by the source length, and :func:`degenerate` names
what went wrong in an output so the entry can be flagged for review.

CTranslate2 takes one ``max_decoding_length`` per call, so the engine sends one call per
bound. The bound is a step function of the source length, so that a sentence gets the
same bound whether it is translated alone or in a batch (batched and single
translations stay identical), with steps growing by half (8, 12, 18, 27, ... tokens) so
that a catalog needs only a handful of calls, each a large batch. The cap is therefore
up to 1.5x looser than :func:`nominal_bound`; the runaway warning uses the nominal
bound itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = [
    "BUCKET",
    "GROWTH",
    "LENGTH_RATIO",
    "LENGTH_SLACK",
    "decoding_bound",
    "degenerate",
    "length_step",
    "longest_repeat",
    "nominal_bound",
]

LENGTH_RATIO = 2
LENGTH_SLACK = 10
BUCKET = 8
GROWTH = 1.5
MAX_PERIOD = 6
_MIN_REPEATS = {1: 4}
_DEFAULT_MIN_REPEATS = 3


def nominal_bound(source_length: int) -> int:
    """The most tokens a sane translation of ``source_length`` tokens needs."""
    return LENGTH_RATIO * source_length + LENGTH_SLACK


def decoding_bound(source_length: int) -> int:
    """``max_decoding_length`` for a source of this many tokens (≥ the nominal bound)."""
    return nominal_bound(length_step(source_length))


def length_step(source_length: int) -> int:
    """The smallest step of 8, 12, 18, 27, 40, ... tokens that holds ``source_length``."""
    step = BUCKET
    while step < source_length:
        step = math.ceil(step * GROWTH)
    return step


def longest_repeat(tokens: Sequence[str], period: int) -> int:
    """How many times in a row the most-repeated run of ``period`` tokens occurs."""
    best = 1 if len(tokens) >= period else 0
    for start in range(period):
        run = 1
        for at in range(start + period, len(tokens) - period + 1, period):
            same = tokens[at : at + period] == tokens[at - period : at]
            run = run + 1 if same else 1
            best = max(best, run)
    return best


def degenerate(source: Sequence[str], output: Sequence[str], *, bound: int) -> str | None:
    """``"runaway length"``, ``"repetition loop"`` or ``None`` for a token output.

    Runaway: the output reached the decoding bound or exceeds the nominal bound for the
    source. Loop: a run of 1 to 6 tokens repeats (4 times for one token, 3 for longer
    runs) more often than anything repeats in the source.
    """
    if len(output) >= bound or len(output) > nominal_bound(len(source)):
        return "runaway length"
    for period in range(1, MAX_PERIOD + 1):
        repeats = longest_repeat(output, period)
        needed = _MIN_REPEATS.get(period, _DEFAULT_MIN_REPEATS)
        if repeats >= needed and repeats > longest_repeat(source, period):
            return "repetition loop"
    return None
