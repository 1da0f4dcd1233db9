"""Glossary terms kept out of the engine's way: placeholders in, terms out.

Before a sentence goes to the engine, each occurrence of a do-not-translate term becomes
a void placeholder of inline markup (``<3/>``, numbered after the message's own
placeholders), which every engine here passes through as one unit: the fake engine
moves it as one word, Apertium keeps it as a superblank, like the placeholders of
inline markup (:mod:`l10n.formats.inline`). After the engine each placeholder becomes
the term again, exactly as the source wrote it, so a multi-word term comes back whole
and in its order. A placeholder the engine lost (or repeated) is reported, and the
caller flags the entry (``# l10n-warning: glossary: ...``) for review.

Forced terms (``Downing Street`` -> ``Даунінг-стріт``) go the same way, the target term
put in, where that is right: in languages whose nouns do not change with their role in
the sentence. In languages with grammatical case (:data:`CASE_LANGUAGES`: Ukrainian,
Russian, Polish, German...) a term put in by substitution would be in the wrong case
half the time (``з Зеленський`` for ``з Зеленським``), and no engine here can be
constrained to a lemma (neither Apertium nor Argos/CTranslate2 offer constrained
decoding of an inflected word), so there the engine translates the term and the
``glossary`` check verifies that the target term is there, in any of its forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..patterns import PLACEHOLDER
from .model import Term, TermList, language_base

__all__ = ["CASE_LANGUAGES", "Protected", "protect", "restore", "substitutes"]

CASE_LANGUAGES = frozenset({
    "be", "bg", "bs", "cs", "de", "et", "fi", "hr", "hu", "hy", "is", "ka", "kk", "lt",
    "lv", "pl", "ro", "ru", "sk", "sl", "sq", "sr", "tr", "uk",
})  # fmt: skip
"""Languages whose nouns inflect for case (German and Romanian in part): forced terms
are checked there, not substituted."""


def substitutes(lang: str) -> bool:
    """Whether forced terms are substituted (not only checked) in target ``lang``."""
    return language_base(lang) not in CASE_LANGUAGES


@dataclass(frozen=True, slots=True)
class Protected:
    """A text as the engine gets it, and what each of its glossary placeholders stands
    for: (number, term, text to put back)."""

    text: str
    slots: tuple[tuple[int, Term, str], ...] = ()


def protect(text: str, terms: TermList) -> Protected:
    """``text`` with the glossary's terms replaced by placeholders, where they apply."""
    occurrences = terms.find(text) if terms else []
    if not occurrences:
        return Protected(text)
    numbers = [int(m.group(2)) for m in PLACEHOLDER.finditer(text)] if "<" in text else []
    number = max(numbers, default=0)
    forced = substitutes(terms.lang)
    out: list[str] = []
    slots: list[tuple[int, Term, str]] = []
    position = 0
    for found in occurrences:
        if not found.term.keep and not forced:
            continue
        if number >= 999:
            break  # placeholders have at most three digits; the rest are only checked
        number += 1
        put = text[found.start : found.end] if found.term.keep else found.term.target
        out += [text[position : found.start], f"<{number}/>"]
        slots.append((number, found.term, put))
        position = found.end
    out.append(text[position:])
    return Protected("".join(out), tuple(slots))


def restore(protected: Protected, output: str) -> tuple[str, list[str]]:
    """The engine's ``output`` for ``protected.text`` with each placeholder of a term
    replaced by the term; and what went wrong (a term lost or repeated by the engine)."""
    problems = []
    for number, term, put in protected.slots:
        loose = re.compile(rf"<\s*{number}\s*/\s*>")
        output, count = loose.subn(put.replace("\\", "\\\\"), output)
        if count == 0:
            problems.append(f"glossary: {term.describe()} was lost by the engine")
        elif count > 1:
            problems.append(f"glossary: {term.describe()} came back {count} times")
    return output, problems
