"""Tags: the numbered placeholders of inline markup (``<1>…</1>``, ``<2/>``), each of
the source's present once in the translation, none other, pairs opened before they
close and properly nested (see :mod:`l10n.formats.inline`). A translation that fails
is never published: the built article keeps the source sentence."""

from __future__ import annotations

from ..formats import problems
from ..model import Issue
from .base import CheckContext, TextView

__all__ = ["check_tags"]


def check_tags(view: TextView, context: CheckContext) -> list[Issue]:
    if "<" not in view.source and "<" not in view.translation:
        return []
    return [
        view.issue(context, "tags", "error", problem)
        for problem in problems(view.msgid_plural or view.source, view.translation)
    ]
