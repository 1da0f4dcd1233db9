"""Whole-text checks: untranslated copies, length outliers, leading/trailing whitespace.

- untranslated: the translation is the source, letter for letter, and the source has
  words to translate. Strings of names, codes, numbers and addresses only ("EPA",
  "Chatham House", "https://...") may stay; a leading label makes it text to translate
  ("Photograph: Sergey Dolzhenko/EPA" is "Фото: ..." in Ukrainian).
- length: for sources of 20 characters and more, the ratio of lengths is outside the
  band for the language pair: its usual ratio times or divided by a factor that
  narrows from 2.5 (short sentences vary most) to 1.8 (from 100 characters up). A
  truncated machine translation is the usual finding.
- whitespace: the translation starts or ends with other whitespace than the source.
  Built articles keep the source's spacing between sentences, so extra spaces show.
"""

from __future__ import annotations

import re

from ..model import Issue
from ..patterns import URL
from .base import CheckContext, TextView, strip_codes
from .names import bare_word, name_words

__all__ = ["check_length", "check_untranslated", "check_whitespace", "length_band"]

# Usual length of a translation over its English source, by target language.
_RATIOS = {
    "uk": 1.05, "ru": 1.05, "be": 1.05, "bg": 1.05, "sr": 1.0, "pl": 1.1, "cs": 1.0,
    "de": 1.15, "fr": 1.15, "es": 1.15, "it": 1.1, "pt": 1.1, "nl": 1.1, "sv": 1.0,
    "fi": 1.0, "tr": 1.0, "el": 1.15, "ar": 0.9, "he": 0.85, "hi": 1.05,
    "zh": 0.35, "ja": 0.45, "ko": 0.45, "th": 0.95, "vi": 1.1,
}  # fmt: skip
MIN_LENGTH = 20


def length_band(source_lang: str, lang: str, length: int) -> tuple[float, float]:
    """The (low, high) translation/source length ratios accepted for a source length."""
    known = source_lang == "en" and lang in _RATIOS
    usual = _RATIOS[lang] if known else 1.0
    if source_lang != "en" and lang == "en" and source_lang in _RATIOS:
        usual, known = 1 / _RATIOS[source_lang], True
    spread = 2.5 - 0.7 * min(1.0, max(0, length - MIN_LENGTH) / 80)
    if not known:
        spread = max(spread, 2.9)
    return usual / spread, usual * spread


def check_length(view: TextView, context: CheckContext) -> list[Issue]:
    source = URL.sub("", view.source).strip()
    translation = URL.sub("", view.translation).strip()
    if len(source) < MIN_LENGTH or not translation:
        return []
    low, high = length_band(context.source_base, context.target_base, len(source))
    ratio = len(translation) / len(source)
    if low <= ratio <= high:
        return []
    kind = "shorter" if ratio < low else "longer"
    message = (
        f"the translation is {ratio:.2f} times the source's length, {kind} than the "
        f"{low:.2f}-{high:.2f} usual for {context.source_base}->{context.target_base}: "
        "truncated or padded?"
    )
    return [view.issue(context, "length", "error", message)]


def check_untranslated(view: TextView, context: CheckContext) -> list[Issue]:
    if view.translation.strip() != view.source.strip():
        return []
    text = strip_codes(view.source)
    if not re.search(r"[^\W\d_]{2,}", text) or _only_names(text, context):
        return []
    return [
        view.issue(context, "untranslated", "error", "the translation is the source, untranslated")
    ]


def _only_names(text: str, context: CheckContext) -> bool:
    """Whether every word of ``text`` is a name or a code, and no label leads it."""
    if re.match(r"\s*[^\W\d_]+\s*:", text):
        return False
    words = re.findall(r"[^\W\d_]+(?:[’'][^\W\d_]+)*", text)
    capitalised = {w for w, _ in name_words(text)}
    if any(w not in capitalised or bare_word(w).lower() in context.calendar_words for w in words):
        return False
    initial = [w for w, first in name_words(text) if first]
    # A sentence-initial word is a name when the catalog says so, or when a name follows.
    return all(
        bare_word(w) in context.known_names or w.isupper() or len(words) > 1 for w in initial
    )


def _edge(text: str, leading: bool) -> str:
    match = re.match(r"\s*", text) if leading else re.search(r"\s*$", text)
    return match.group(0) if match else ""


def check_whitespace(view: TextView, context: CheckContext) -> list[Issue]:
    issues = []
    for where, leading in (("leading", True), ("trailing", False)):
        source, target = _edge(view.source, leading), _edge(view.translation, leading)
        if source != target and view.translation.strip():
            message = f"{where} whitespace {target!r} differs from the source's {source!r}"
            issues.append(view.issue(context, "whitespace", "error", message))
    return issues
