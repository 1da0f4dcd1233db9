"""Unknown words: what the engine marked as beyond it and left in the translation.

Apertium marks ``@word`` (the word is not in its bilingual dictionary: the source
word stands in the translation) and ``#word`` (it could not inflect the word: its
dictionary form stands there); ``l10n translate`` records them on the entry. Each one
still in the translation is a warning: a person should translate it. Apertium's ``*``
(not in the source dictionary) is not recorded: it is mostly names, rightly kept.
"""

from __future__ import annotations

import re

from ..model import Issue
from .base import CheckContext, TextView

__all__ = ["check_unknown_words"]

_WHY = {
    "@": "not in the engine's bilingual dictionary: left untranslated",
    "#": "the engine could not inflect it: its dictionary form stands there",
}


def check_unknown_words(view: TextView, context: CheckContext) -> list[Issue]:
    issues = []
    for marked in dict.fromkeys(view.unknown):
        mark, word = marked[:1], marked[1:]
        if mark not in _WHY or not word:
            continue
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", view.translation) is None:
            continue  # someone has translated it since
        issues.append(view.issue(context, "unknown-words", "warning", f"{word!r}: {_WHY[mark]}"))
    return issues
