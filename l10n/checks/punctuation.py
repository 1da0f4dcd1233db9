"""Punctuation: brackets and quotation marks balanced, and the same end punctuation.

Balance is compared with the source, not demanded absolutely: a quotation that opens in
one sentence and closes in the next leaves one mark open in each side of both entries,
and that is right. Quotation marks are read the language's way (in Ukrainian « » and
„ “ pair up, in English “ ”), with a stack, so “ closes „ but opens ” . A translation
that uses another language's marks is a warning. End punctuation looks through closing
quotes and brackets, so English “….” and Ukrainian «…». both end with a full stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Issue
from .base import CheckContext, TextView, strip_codes
from .locale import DEFAULT_QUOTES, quote_pairs

__all__ = ["check_brackets", "check_end_punctuation", "check_quotes", "end_mark", "scan_pairs"]

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_STRAIGHT = ('"', '"')


@dataclass(frozen=True, slots=True)
class Balance:
    """What a scan left over: marks opened and never closed, closed and never opened."""

    unclosed: tuple[str, ...]
    unopened: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]  # the pairs that matched


@lru_cache(maxsize=32)
def _marks(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """A pattern finding the marks of ``pairs``: the scan skips everything else at once."""
    return re.compile("[" + re.escape("".join(sorted({m for pair in pairs for m in pair}))) + "]")


def scan_pairs(
    text: str, pairs: tuple[tuple[str, str], ...], *, own: tuple[tuple[str, str], ...] = ()
) -> Balance:
    """Match ``pairs`` in ``text`` with a stack; earlier pairs win when marks are shared.

    A mark left open that closes another of the language's ``own`` pairs (Ukrainian “,
    which closes „) counts as a closing mark whose opening is in another entry.
    """
    openers: dict[str, tuple[str, str]] = {}
    for pair in pairs:
        openers.setdefault(pair[0], pair)
    closers = {close for _, close in pairs}
    stack: list[tuple[str, str]] = []
    unopened: list[str] = []
    matched: set[tuple[str, str]] = set()
    for char in _marks(pairs).findall(text):
        if stack and char == stack[-1][1]:
            matched.add(stack.pop())
        elif char in openers:
            stack.append(openers[char])
        elif char in closers:
            unopened.append(char)
    unclosed = []
    for pair in stack:
        if any(pair[0] == close and (start, close) != pair for start, close in own):
            unopened.append(pair[0])
        else:
            unclosed.append(pair[0])
    return Balance(tuple(unclosed), tuple(unopened), frozenset(matched))


def _compare(
    view: TextView, context: CheckContext, check: str, source: Balance, target: Balance
) -> list[Issue]:
    issues = []
    for kind, src, tgt in (
        ("opened but not closed", source.unclosed, target.unclosed),
        ("closed but not opened", source.unopened, target.unopened),
    ):
        if len(tgt) > len(src):
            marks = " ".join(tgt)
            issues.append(view.issue(context, check, "error", f"unbalanced: {marks} {kind}"))
        elif len(tgt) < len(src):
            marks = " ".join(src)
            message = (
                f"the source leaves {marks} {kind} (it goes on in the next entry or came from "
                "the one before); the translation does not"
            )
            issues.append(view.issue(context, check, "warning", message))
    return issues


def check_brackets(view: TextView, context: CheckContext) -> list[Issue]:
    source, target = strip_codes(view.source), strip_codes(view.translation)
    if not any(c in source + target for c in "()[]{}"):
        return []
    source_balance = scan_pairs(source, _BRACKETS)
    return _compare(view, context, "brackets", source_balance, scan_pairs(target, _BRACKETS))


def _pairs_of(lang: str) -> tuple[tuple[str, str], ...]:
    own = quote_pairs(lang) or ()
    return (*own, *(p for p in DEFAULT_QUOTES if p not in own), _STRAIGHT)


def check_quotes(view: TextView, context: CheckContext) -> list[Issue]:
    source_own = quote_pairs(context.source_lang) or ()
    source = scan_pairs(view.source, _pairs_of(context.source_lang), own=source_own)
    own = quote_pairs(context.lang)
    target = scan_pairs(view.translation, _pairs_of(context.lang), own=own or ())
    issues = _compare(view, context, "quotes", source, target)
    foreign = sorted(p for p in target.pairs if own and p not in own and p != _STRAIGHT)
    if foreign:
        usual = own[0] if own else ("", "")
        message = (
            f"{foreign[0][0]}…{foreign[0][1]} is not how {context.target_base} quotes: "
            f"{usual[0]}…{usual[1]}"
        )
        issues.append(view.issue(context, "quotes", "warning", message))
    return issues


_MARKS = {".": ".", "!": "!", "?": "?", "…": "…", ":": ":", ";": ";",
          "。": ".", "！": "!", "？": "?", "：": ":", "；": ";", "؟": "?", "।": "."}  # fmt: skip
_CLOSING = frozenset("”»“’\"')]}›‹«」』》")


def end_mark(text: str) -> str:
    """The punctuation that ends ``text``, looking through closing quotes and brackets.

    ``"fire.”"`` and ``"горіло»."`` both give ``"."``; ``"..."`` gives ``"…"``; ``""``
    when the text ends with none.
    """
    marks = []
    for char in reversed(text.rstrip()):
        if char in _MARKS:
            marks.append(_MARKS[char])
        elif char not in _CLOSING and not char.isspace():
            break
    ending = "".join(reversed(marks))
    if ending.endswith("..."):
        return "…"
    return ending[-1:] if ending else ""


def check_end_punctuation(view: TextView, context: CheckContext) -> list[Issue]:
    source, target = end_mark(view.source), end_mark(view.translation)
    if source == target:
        return []
    if not target:
        message = f"the source ends with {source!r}, the translation does not"
        return [view.issue(context, "end-punctuation", "error", message)]
    if not source:
        message = f"the translation ends with {target!r}, the source does not"
        return [view.issue(context, "end-punctuation", "error", message)]
    message = f"the source ends with {source!r}, the translation with {target!r}"
    return [view.issue(context, "end-punctuation", "warning", message)]
