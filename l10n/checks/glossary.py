"""Glossary: the project's terms kept as the glossary says (see :mod:`l10n.glossary`).

For each term of the glossary in the source: a do-not-translate term must be in the
translation exactly as written, as often as in the source (an error: it blocks
publishing); a forced term's target must be in the translation (a warning), in any
inflected form for Ukrainian and Russian (pymorphy3's lemmas), else as written, ignoring
case. Each message says which matching was used.
"""

from __future__ import annotations

import re

from ..formats import strip_placeholders
from ..model import Issue
from .base import CheckContext, TextView

__all__ = ["check_glossary"]


def check_glossary(view: TextView, context: CheckContext) -> list[Issue]:
    terms = context.glossary
    if not terms:
        return []
    found = terms.find(view.source)
    if not found:
        return []
    translation = strip_placeholders(view.translation)
    issues = []
    done = set()
    for occurrence in found:
        term = occurrence.term
        if term.source in done:
            continue
        done.add(term.source)
        if term.keep:
            need = sum(1 for o in found if o.term.source == term.source)
            have = len(_verbatim(term.source).findall(translation))
            if have < need:
                how = "missing or changed" if have == 0 else f"there {have} of {need} times"
                issues.append(view.issue(
                    context, "glossary", "error",
                    f"{term.describe()} is {how} (matching: exact)",
                ))  # fmt: skip
            continue
        from ..glossary.morph import matcher_for

        matcher = matcher_for(context.lang)
        if not matcher.contains(translation, term.target):
            issues.append(view.issue(
                context, "glossary", "warning",
                f"{term.describe()}: {term.target!r} not found (matching: {matcher.method})",
            ))  # fmt: skip
    return issues


def _verbatim(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    flags = 0 if any(c.isupper() for c in term) else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)
