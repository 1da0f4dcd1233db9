"""URLs and e-mail addresses: each one in the source is in the translation, unchanged.

A changed address is reported once, as what it became, when the translation has
exactly one address the source does not.
"""

from __future__ import annotations

from collections import Counter

from ..model import Issue
from ..patterns import EMAIL, URL, strip_url_tail
from .base import CheckContext, TextView

__all__ = ["check_emails", "check_urls", "find_emails", "find_urls"]


def find_urls(text: str) -> list[str]:
    """The URLs of ``text``, without the punctuation that ends a sentence after them."""
    return [strip_url_tail(m.group(0)) for m in URL.finditer(text)]


def find_emails(text: str) -> list[str]:
    """The e-mail addresses of ``text`` (not those inside a URL)."""
    return [m.group(0) for m in EMAIL.finditer(URL.sub(" ", text))]


def _compare(
    view: TextView, context: CheckContext, check: str, source: list[str], target: list[str]
) -> list[Issue]:
    missing = list((Counter(source) - Counter(target)).elements())
    extra = list((Counter(target) - Counter(source)).elements())
    if len(missing) == 1 and len(extra) == 1:
        message = f"{missing[0]!r} became {extra[0]!r}"
        return [view.issue(context, check, "error", message)]
    issues = [view.issue(context, check, "error", f"{text!r} is missing") for text in missing]
    issues += [
        view.issue(context, check, "warning", f"{text!r} is not in the source") for text in extra
    ]
    return issues


def check_urls(view: TextView, context: CheckContext) -> list[Issue]:
    both = (view.source + view.translation).lower()
    if "://" not in both and "www." not in both:
        return []
    return _compare(view, context, "urls", find_urls(view.source), find_urls(view.translation))


def check_emails(view: TextView, context: CheckContext) -> list[Issue]:
    if "@" not in view.source + view.translation:
        return []
    return _compare(
        view, context, "emails", find_emails(view.source), find_emails(view.translation)
    )
