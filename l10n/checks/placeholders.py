"""Placeholders: printf (``%s %d %(name)s %1$s``), Python and brace (``{name} {0}``) fields.

An entry flagged ``c-format``, ``python-format`` or ``python-brace-format`` is read with
that syntax in full; without a flag, placeholders are recognised only in their
unmistakable forms (``%s``, ``%(name)d``, ``{name}``), so "50% of" is text, not a
directive. ``no-c-format`` (and the like) switch a syntax off. The translation must
keep the source's placeholders: the same set for named or numbered ones, the same
order for anonymous printf ones (``%s %d``), whose order is their meaning.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Issue
from ..patterns import BRACE_SEEN, PRINTF_SEEN
from .base import CheckContext, TextView

__all__ = ["check_placeholders", "find_placeholders"]

_C_FORMAT = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]"
)
_PYTHON_FORMAT = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]"
)
_BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{[^{}]*\}")

_SYNTAXES = {
    "c-format": _C_FORMAT,
    "python-format": _PYTHON_FORMAT,
    "python-brace-format": _BRACE_FORMAT,
}


def _patterns(flags: tuple[str, ...]) -> list[re.Pattern[str]]:
    flagged = [pattern for flag, pattern in _SYNTAXES.items() if flag in flags]
    if flagged:
        return flagged
    seen = []
    if not {"no-c-format", "no-python-format"} & set(flags):
        seen.append(PRINTF_SEEN)
    if "no-python-brace-format" not in flags:
        seen.append(BRACE_SEEN)
    return seen


def find_placeholders(text: str, flags: tuple[str, ...] = ()) -> list[str]:
    """The placeholders of ``text`` in order (escapes such as ``%%`` and ``{{`` left out)."""
    found = []
    for pattern in _patterns(flags):
        for match in pattern.finditer(text):
            token = match.group(0)
            if token not in ("%%", "{{", "}}"):
                found.append((match.start(), token))
    return [token for _, token in sorted(found)]


def _anonymous(token: str) -> bool:
    return token.startswith("%") and not re.match(r"%(?:\(|\d+\$)", token)


def check_placeholders(view: TextView, context: CheckContext) -> list[Issue]:
    # Every form of a plural entry may use the plural's placeholders; form 0 may
    # leave out those the singular msgid does without ("One file" / "%d files").
    source = find_placeholders(view.msgid_plural or view.source, view.flags)
    target = find_placeholders(view.translation, view.flags)
    if source == target:
        return []
    issues = []
    missing = Counter(source) - Counter(target)
    if view.form == 0 and view.msgid_plural:
        missing -= Counter(source) - Counter(find_placeholders(view.msgid, view.flags))
    for token in missing.elements():
        issues.append(view.issue(context, "placeholders", "error", f"{token!r} is missing"))
    for token in (Counter(target) - Counter(source)).elements():
        issues.append(
            view.issue(context, "placeholders", "error", f"{token!r} is not in the source")
        )
    anonymous = ([t for t in source if _anonymous(t)], [t for t in target if _anonymous(t)])
    if Counter(source) == Counter(target) and anonymous[0] != anonymous[1]:
        order = " ".join(anonymous[0])
        message = f"placeholders out of order: {order!r} must stay in that order"
        issues.append(view.issue(context, "placeholders", "error", message))
    return issues
