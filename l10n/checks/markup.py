"""Markup: the translation keeps the source's tags, their targets, and their nesting.

Tags are compared by name and by the attributes that must not be translated (``href``,
``src``, ``id``, ``class``, ...); ``title`` and ``alt`` are text and may change. When
the source's tags nest properly, the translation's must too.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Issue
from ..patterns import TAG
from .base import CheckContext, TextView

__all__ = ["check_markup", "find_tags"]

_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_FIXED = frozenset({"href", "src", "id", "class", "name", "target", "rel", "type", "lang", "dir"})
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
)


def find_tags(text: str) -> list[str]:
    """The tags of ``text`` in order, each as name plus its untranslatable attributes."""
    return [_signature(m.group(0)) for m in TAG.finditer(text)]


def _signature(tag: str) -> str:
    match = re.match(r"<(/?)([A-Za-z][\w:.-]*)", tag)
    assert match is not None  # TAG guarantees it
    closing, name = match.groups()
    fixed = sorted(
        f'{a.group(1).lower()}="{a.group(2) or a.group(3) or a.group(4) or ""}"'
        for a in _ATTRIBUTE.finditer(tag[match.end() :])
        if a.group(1).lower() in _FIXED
    )
    end = "/" if tag.endswith("/>") else ""
    return f"<{closing}{' '.join([name.lower(), *fixed])}{end}>"


def _nested(tags: list[str]) -> bool:
    stack: list[str] = []
    for tag in tags:
        name = re.match(r"</?([\w:.-]+)", tag).group(1)  # type: ignore[union-attr]
        if tag.endswith("/>") or name in _VOID:
            continue
        if tag.startswith("</"):
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def check_markup(view: TextView, context: CheckContext) -> list[Issue]:
    if "<" not in view.source and "<" not in view.translation:
        return []
    source, target = find_tags(view.source), find_tags(view.translation)
    issues = [
        view.issue(context, "markup", "error", f"{tag} is missing")
        for tag in (Counter(source) - Counter(target)).elements()
    ]
    issues += [
        view.issue(context, "markup", "error", f"{tag} is not in the source")
        for tag in (Counter(target) - Counter(source)).elements()
    ]
    if not issues and _nested(source) and not _nested(target):
        issues.append(view.issue(context, "markup", "error", "tags are not nested properly"))
    return issues
