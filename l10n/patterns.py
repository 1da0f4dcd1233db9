"""Text that must come through translation unchanged: URLs, e-mail addresses, markup
tags, numbered placeholders of inline markup, printf and brace placeholders.

The checks verify that they are kept (:mod:`l10n.checks`) and skip them when they look
at words; engines that can protect spans from translation protect these (e.g. Apertium's
superblanks), so what the engine protects is exactly what the checks verify.
"""

from __future__ import annotations

import re

__all__ = [
    "BRACE_SEEN",
    "EMAIL",
    "PLACEHOLDER",
    "PRINTF_SEEN",
    "TAG",
    "URL",
    "strip_url_tail",
]

URL = re.compile(
    r"""\b(?:https?|ftp)://[^\s<>"«»“”„]+|\bwww\.[A-Za-z0-9-]+\.[^\s<>"«»“”„]+""", re.IGNORECASE
)
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*?)?/?>")
# Inline markup in messages of HTML, Markdown and JSON articles: <1>...</1>, <2/>
# (l10n.formats.inline).
PLACEHOLDER = re.compile(r"<(/?)(\d{1,3})(/?)>")
PRINTF_SEEN = re.compile(
    r"(?<![\w%])%(?:\([A-Za-z_]\w*\)|\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXeEgGcr](?![A-Za-z])"
)
BRACE_SEEN = re.compile(
    r"(?<!\{)\{(?:[A-Za-z_]\w*|\d+)?(?:\.\w+|\[\w+\])*(?:![rsa])?(?::[^{}]*)?\}(?!\})"
)


def strip_url_tail(url: str) -> str:
    """A URL found in running text without the punctuation that ends the sentence."""
    url = url.rstrip(".,;:!?’'…")
    while (
        url
        and url[-1] in ")]}"
        and url.count({")": "(", "]": "[", "}": "{"}[url[-1]]) < url.count(url[-1])
    ):
        url = url[:-1].rstrip(".,;:!?’'…")
    return url
