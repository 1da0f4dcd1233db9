"""Repetition: the degenerate loops of neural MT, and doubled words.

A loop is a word or phrase repeated back to back (``пре-пре- пре- пре- пре-``: words
are split at hyphens too): three times or more for phrases of up to three words, twice
for longer ones, or one character six times or more. A doubled word (``що що``) is a
warning. Either counts only when the source has no such repetition itself.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Issue
from .base import CheckContext, TextView

__all__ = ["check_repetition", "longest_repeat"]

_MAX_N = 6


def longest_repeat(words: list[str], n: int) -> tuple[int, int]:
    """The most back-to-back repeats of an ``n``-word phrase, and where the run starts."""
    best, where = 1, 0
    for start in range(n):
        run = 1
        for i in range(start + n, len(words) - n + 1, n):
            if words[i : i + n] == words[i - n : i]:
                run += 1
                if run > best:
                    best, where = run, i - (run - 1) * n
            else:
                run = 1
    return best, where


def _loop(words: list[str]) -> tuple[str, int] | None:
    """The first loop in ``words``: the repeated phrase and how many times."""
    for n in range(1, _MAX_N + 1):
        times, where = longest_repeat(words, n)
        if times >= (3 if n <= 3 else 2):
            return " ".join(words[where : where + n]), times
    return None


def _char_run(text: str) -> str | None:
    match = re.search(r"(\S)\1{5,}", text)
    return str(match.group(0)) if match else None


def _doubled(text: str) -> str | None:
    words: list[str] = re.findall(r"[^\W\d_]{2,}(?:[’'-][^\W\d_]+)*|\S+", text.lower())
    for previous, word in pairwise(words):
        if previous == word and re.match(r"[^\W\d_]", word):
            return word
    return None


def check_repetition(view: TextView, context: CheckContext) -> list[Issue]:
    target_words = re.findall(r"\w+", view.translation.lower())
    loop = _loop(target_words)
    if loop and not _loop(re.findall(r"\w+", view.source.lower())):
        message = f"repetition loop: {loop[0]!r} {loop[1]} times in a row"
        return [view.issue(context, "repetition", "error", message)]
    run = _char_run(view.translation)
    if run and run[0] * 6 not in view.source:
        message = f"repetition loop: {run[0]!r} {len(run)} times in a row"
        return [view.issue(context, "repetition", "error", message)]
    doubled = _doubled(view.translation)
    if doubled and not _doubled(view.source):
        message = f"{doubled!r} twice in a row"
        return [view.issue(context, "repetition", "warning", message)]
    return []
