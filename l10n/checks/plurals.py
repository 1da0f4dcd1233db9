"""Plural forms: a plural entry has exactly as many ``msgstr[n]`` as the language needs.

The count comes from the catalog's ``Plural-Forms`` header, else from CLDR for the
catalog's language; Ukrainian needs 3 (one, few, many). A form left empty beside
filled ones is reported too: gettext would show nothing for those numbers.
"""

from __future__ import annotations

from ..model import Issue
from .base import CheckContext, TextView

__all__ = ["check_plurals"]


def check_plurals(view: TextView, context: CheckContext) -> list[Issue]:
    if not view.msgid_plural or not view.first:
        return []
    issues = []
    count = len(view.forms)
    if context.nplurals is not None and count != context.nplurals:
        message = f"{count} plural forms, {context.lang} needs {context.nplurals}"
        issues.append(view.issue_entry(context, "plurals", "error", message))
    empty = [str(n) for n, text in enumerate(view.forms) if not text]
    if empty:
        message = f"msgstr[{', '.join(empty)}] empty beside translated forms"
        issues.append(view.issue_entry(context, "plurals", "error", message))
    return issues
