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

import functools
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


_Candidates = dict[str, list[Term]]
_FIRST = re.compile(r"\w+|\S")  # what a term is indexed by: its first word, or character
_STARTS = re.compile(r"(?<!\w)\S")  # where a term may start


def _index(terms: tuple[Term, ...]) -> _Candidates:
    """The terms by their first word in lower case (or first character, when that is
    not a word's), each list longest first."""
    table: _Candidates = {}
    for term in sorted(terms, key=lambda t: (-len(t.source), t.source)):
        first = _FIRST.match(term.source)
        key = first.group().lower() if first is not None else term.source
        table.setdefault(key, []).append(term)
    return table


@functools.lru_cache(maxsize=65536)
def _pattern(source: str) -> re.Pattern[str]:
    """A term's pattern, compiled when a text first has its first word."""
    words = r"\s+".join(re.escape(word) for word in source.split())
    flags = 0 if any(c.isupper() for c in source) else re.IGNORECASE
    return re.compile(words + r"(?!\w)", flags)


@dataclass(frozen=True)
class TermList:
    """The terms of one target language, and how to find them in source text.

    Finding is linear in the text: at each place a word may start, only the terms whose
    first word is there are tried, so a glossary of thousands of terms costs about what
    a handful does.
    """

    lang: str
    terms: tuple[Term, ...]
    _index: _Candidates = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _index(self.terms))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def find(self, text: str) -> list[Occurrence]:
        """The terms occurring in ``text``, in order, never overlapping."""
        if not self.terms:
            return []
        found: list[Occurrence] = []
        position = 0
        for start in _STARTS.finditer(text):
            at = start.start()
            if at < position:
                continue
            first = _FIRST.match(text, at)
            key = first.group().lower() if first is not None else ""
            for term in self._index.get(key, ()):
                match = _pattern(term.source).match(text, at)
                if match is not None:
                    found.append(Occurrence(term, at, match.end()))
                    position = match.end()
                    break
        return found


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
