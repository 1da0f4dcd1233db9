"""Finding a target term in a translation in any of its forms: the one user of pymorphy3.

Ukrainian and Russian inflect names and nouns (``Зеленський``, ``Зеленського``,
``Зеленському``), so there a term matches when each of its words has a lemma in common
with the word at the same place of the translation, the lemmas given by pymorphy3's
analyser and its OpenCorpora-style dictionaries (``pymorphy3-dicts-uk``,
``pymorphy3-dicts-ru``), loaded on first use (0.3 to 0.8 s here) and once per process.
Words the dictionary lacks get its suffix-based guesses, which serve names well since
surnames inflect like the nouns and adjectives they end as. Other languages, or these
two when the analyser cannot be loaded, match the term's words exactly, ignoring case.
:attr:`Matcher.method` says which matching was used.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import language_base

__all__ = ["MORPH_LANGUAGES", "Matcher", "matcher_for"]

MORPH_LANGUAGES = frozenset({"uk", "ru"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


@functools.cache
def _analyzer(lang: str) -> object | None:
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        analyzer: object = pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError, LookupError):  # no dictionary for the language
        return None
    return analyzer


@dataclass(frozen=True)
class Matcher:
    """Finds a term's words in a text: by lemmas (``analyzer`` given) or exactly."""

    lang: str
    method: str
    analyzer: object | None = None

    def spans(self, text: str, term: str) -> list[tuple[int, int]]:
        """Where ``term`` occurs in ``text``, in any form the matching accepts."""
        if self.analyzer is None:
            words = r"\s+".join(re.escape(word) for word in term.split())
            pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
            return [match.span() for match in pattern.finditer(text)]
        wanted = [self._lemmas(word) for word in _WORD.findall(term)]
        if not wanted:
            return []
        tokens = list(_WORD.finditer(text))
        found = []
        for i in range(len(tokens) - len(wanted) + 1):
            window = tokens[i : i + len(wanted)]
            pairs = zip(window, wanted, strict=True)
            if all(self._lemmas(token.group()) & lemmas for token, lemmas in pairs):
                found.append((window[0].start(), window[-1].end()))
        return found

    def contains(self, text: str, term: str) -> bool:
        return bool(self.spans(text, term))

    def _lemmas(self, word: str) -> frozenset[str]:
        return _lemmas(self.analyzer, word.translate(_APOSTROPHES).lower())


@functools.lru_cache(maxsize=65536)
def _lemmas(analyzer: object, word: str) -> frozenset[str]:
    parses = analyzer.parse(word)  # type: ignore[attr-defined]
    return frozenset({word, *(parse.normal_form for parse in parses)})


def matcher_for(lang: str) -> Matcher:
    """The matcher for target ``lang``: pymorphy3's lemmas for Ukrainian and Russian
    (when it loads), else exact words ignoring case."""
    base = language_base(lang)
    if base in MORPH_LANGUAGES:
        analyzer = _analyzer(base)
        if analyzer is not None:
            return Matcher(lang, f"pymorphy3 {base} lemmas, any inflected form", analyzer)
        return Matcher(lang, f"exact, ignoring case (pymorphy3 for {base} is not installed)")
    return Matcher(lang, "exact, ignoring case")
