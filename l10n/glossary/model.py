"""Glossary terms, and where they occur in a source text.

A :class:`Term` is one row of the glossary: a source term, its target (empty: do not
translate), the target language it is for (empty: all) and a note. :class:`Glossary`
holds them all; :meth:`Glossary.for_language` gives the :class:`TermList` of one target
language, where a term given for that language replaces the same term given for all.

A term occurs in a text as whole words (``House`` is not in ``Houses`` nor in
``Whitehouse``), its words separated by any whitespace. A term with a capital letter is
matched as written (``Apple`` the company is not ``apple``); a lower-case term ignores
case (``shelter`` also matches a sentence's first word, ``Shelter``). Occurrences never
overlap: at each place the longest term wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Glossary", "Occurrence", "Term", "TermList", "language_base"]


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry; ``target`` empty: do not translate; ``lang`` empty: all."""

    source: str
    target: str = ""
    lang: str = ""
    note: str = ""
    line: int | None = None

    @property
    def keep(self) -> bool:
        """Whether the term is kept as it is (do not translate)."""
        return not self.target or self.target == self.source

    def describe(self) -> str:
        """``'Chatham House' (do not translate)`` or ``'Zelenskyy' -> 'Зеленський'``."""
        if self.keep:
            return f"{self.source!r} (do not translate)"
        return f"{self.source!r} -> {self.target!r}"


@dataclass(frozen=True, slots=True)
class Occurrence:
    term: Term
    start: int
    end: int


def language_base(code: str) -> str:
    """``pt_BR`` -> ``pt``."""
    return re.split(r"[_@.-]", code, maxsplit=1)[0].lower()


def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    ordered = sorted(terms, key=lambda t: (-len(t.source), t.source))
    parts = []
    for term in ordered:
        words = r"\s+".join(re.escape(word) for word in term.source.split())
        parts.append(words if any(c.isupper() for c in term.source) else f"(?i:{words})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@dataclass(frozen=True)
class TermList:
    """The terms of one target language, and how to find them in source text."""

    lang: str
    terms: tuple[Term, ...]
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _by_key: dict[str, Term] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pattern", _pattern(self.terms))
        by_key: dict[str, Term] = {}
        for term in self.terms:
            by_key.setdefault(_key(term.source), term)
        for term in self.terms:
            if not any(c.isupper() for c in term.source):
                by_key.setdefault(_key(term.source).lower(), term)
        object.__setattr__(self, "_by_key", by_key)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def find(self, text: str) -> list[Occurrence]:
        """The terms occurring in ``text``, in order, never overlapping."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            key = _key(match.group())
            term = self._by_key.get(key) or self._by_key.get(key.lower())  # Shelter: shelter
            if term is not None:
                found.append(Occurrence(term, match.start(), match.end()))
        return found


def _key(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Glossary:
    """Every term of the project's glossary file (``path`` as the project shows it)."""

    terms: tuple[Term, ...]
    path: str = ""

    def for_language(self, lang: str) -> TermList:
        """The terms that apply to target language ``lang`` (a term given for ``lang``, or
        for its base language, replaces the same term given for all languages)."""
        base = language_base(lang)
        chosen: dict[str, Term] = {}
        rank: dict[str, int] = {}
        for term in self.terms:
            if term.lang and term.lang not in (lang, base):
                continue  # another language's (and uk_UA's term is not uk's)
            level = 2 if term.lang == lang else 1 if term.lang else 0
            if level >= rank.get(term.source, -1):
                chosen[term.source], rank[term.source] = term, level
        return TermList(lang, tuple(chosen.values()))
