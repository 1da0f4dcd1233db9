"""Inline markup in messages: numbered placeholders, checked and mended.

A message keeps what readers see and replaces inline markup by numbered placeholders,
numbered from 1 in each message in the order they open:

- ``<1>Vitali Klitschko</1>``: a pair, markup around text (``<strong>``, a link, ``*``);
- ``<2/>``: markup without text of its own (inline code, an image, a line break).

Translators may move a placeholder, never drop, repeat or cross one: :func:`problems`
says what is wrong with a translation (the ``tags`` check), :func:`mend` repairs what an
engine broke where the repair is unambiguous and says what it could not repair.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..patterns import PLACEHOLDER

__all__ = ["Token", "mend", "problems", "strip_placeholders", "tokens"]

_LOOSE = re.compile(r"<\s*(/?)\s*(\d{1,3})\s*(/?)\s*>")
_TRAILING = frozenset(".,;:!?…»”’)\"'")
_LEADING = frozenset("«“‘(\"'")


@dataclass(frozen=True, slots=True)
class Token:
    """A placeholder in a text: ``kind`` is ``"open"``, ``"close"`` or ``"void"``."""

    kind: str
    number: int
    start: int
    end: int

    def __str__(self) -> str:
        if self.kind == "open":
            return f"<{self.number}>"
        return f"</{self.number}>" if self.kind == "close" else f"<{self.number}/>"


def tokens(text: str) -> list[Token]:
    """The placeholders of ``text`` in order."""
    if "<" not in text:
        return []
    found = []
    for match in PLACEHOLDER.finditer(text):
        slash, number, void = match.groups()
        kind = "close" if slash else "void" if void else "open"
        found.append(Token(kind, int(number), match.start(), match.end()))
    return found


def strip_placeholders(text: str) -> str:
    """``text`` without its placeholders (what readers see)."""
    return PLACEHOLDER.sub("", text) if "<" in text else text


def _expected(source: str) -> Counter[tuple[str, int]]:
    return Counter((token.kind, token.number) for token in tokens(source))


def problems(source: str, translation: str) -> list[str]:
    """What is wrong with the placeholders of ``translation``: each of the source's must
    be there once, no other, and pairs must open before they close and nest."""
    expected = _expected(source)
    found = tokens(translation)
    if not expected and not found:
        return []
    seen = Counter((token.kind, token.number) for token in found)
    issues = [f"{_name(key)} is missing" for key in expected if seen[key] == 0]
    issues += [f"{_name(key)} appears {seen[key]} times" for key in expected if seen[key] > 1]
    issues += [f"{_name(key)} is not in the source" for key in seen if key not in expected]
    if not issues:
        issues += _nesting(found)
    return issues


def _name(key: tuple[str, int]) -> str:
    kind, number = key
    return str(Token(kind, number, 0, 0))


def _nesting(found: list[Token]) -> list[str]:
    stack: list[int] = []
    for token in found:
        if token.kind == "open":
            stack.append(token.number)
        elif token.kind == "close":
            if token.number not in stack:
                return [f"</{token.number}> comes before <{token.number}>"]
            if stack[-1] != token.number:
                inner = stack[-1]
                return [f"<{inner}>…</{inner}> and <{token.number}>…</{token.number}> cross"]
            stack.pop()
    return []


def mend(source: str, output: str) -> tuple[str, str | None]:
    """``output`` (an engine's translation of ``source``) with its placeholders repaired,
    and ``None``; or ``output`` as it is and what is wrong, when no repair is certain.

    Repairs: spacing inside a placeholder (``< 1 >``), a placeholder that is not in the
    source (dropped), a placeholder doubled in place (``</1></1>``), a pair whose text
    the engine left as it was but whose placeholders it lost (wrapped again), and a pair
    turned inside out (``b</1> <1>a``, as word reordering leaves it: the pair wraps the
    words its placeholders stick to again, ``<1>b a</1>``).
    """
    expected = _expected(source)
    if not expected and "<" not in output:
        return output, None
    text = _normalized(output, expected)
    text = _drop_doubles(text, expected)
    text = _rewrap_lost(source, text, expected)
    text = _turn_pairs(source, text)
    left = problems(source, text)
    if not left:
        return text, None
    return output, "placeholders: " + "; ".join(problems(source, output))


def _normalized(text: str, expected: Counter[tuple[str, int]]) -> str:
    def fix(match: re.Match[str]) -> str:
        slash, number, void = match.groups()
        kind = "close" if slash else "void" if void else "open"
        if (kind, int(number)) not in expected:
            return "" if match.group() == _name((kind, int(number))) else match.group()
        return _name((kind, int(number)))

    cleaned = _LOOSE.sub(fix, text)
    return re.sub(r"  +", " ", cleaned) if cleaned != text else text


def _drop_doubles(text: str, expected: Counter[tuple[str, int]]) -> str:
    for kind, number in expected:
        mark = _name((kind, number))
        while text.count(mark) > 1 and mark + mark in text:
            text = text.replace(mark + mark, mark, 1)
    return text


def _pairs(source: str) -> list[tuple[int, str]]:
    """The source's pairs as (number, the text inside), innermost first."""
    found = tokens(source)
    opens = {t.number: t for t in found if t.kind == "open"}
    pairs = []
    for token in found:
        if token.kind == "close" and token.number in opens:
            inside = source[opens[token.number].end : token.start]
            pairs.append((token.number, inside))
    return sorted(pairs, key=lambda pair: len(pair[1]))


def _rewrap_lost(source: str, text: str, expected: Counter[tuple[str, int]]) -> str:
    for number, inside in _pairs(source):
        opening, closing = f"<{number}>", f"</{number}>"
        if opening in text or closing in text:
            continue
        words = strip_placeholders(inside).strip()
        if words and text.count(words) == 1 and not _inside_word(text, words):
            at = text.index(words)
            text = f"{text[:at]}{opening}{words}{closing}{text[at + len(words) :]}"
    return text


def _inside_word(text: str, words: str) -> bool:
    at = text.index(words)
    before = text[at - 1] if at else " "
    after = text[at + len(words)] if at + len(words) < len(text) else " "
    return before.isalnum() or after.isalnum()


def _turn_pairs(source: str, text: str) -> str:
    for number, _inside in _pairs(source):
        opening, closing = f"<{number}>", f"</{number}>"
        if text.count(opening) != 1 or text.count(closing) != 1:
            continue
        close_at, open_at = text.index(closing), text.index(opening)
        if close_at > open_at:
            continue
        left = close_at
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = open_at + len(opening)
        while right < len(text) and not text[right].isspace():
            right += 1
        while right > open_at + len(opening) and text[right - 1] in _TRAILING:
            right -= 1  # the sentence's punctuation stays outside the pair
        while left < close_at and text[left] in _LEADING:
            left += 1
        middle = text[left:close_at] + text[close_at + len(closing) : open_at]
        last = text[open_at + len(opening) : right]
        text = f"{text[:left]}{opening}{middle}{last}{closing}{text[right:]}"
    return text
