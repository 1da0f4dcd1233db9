"""Language facts the checks need: number symbols, month and day names, plural counts,
quotation marks.

Number symbols and calendar names come from CLDR (:mod:`l10n.languages`). Quotation marks are a
small table of our own: Babel does not expose CLDR's delimiters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import NumberStyle, base_language

__all__ = [
    "DEFAULT_QUOTES",
    "calendar_words",
    "nplurals",
    "number_style",
    "quote_pairs",
]

_SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})

# (opening, closing) pairs per language, the usual one first; single quotes are left
# out everywhere: ’ is also the apostrophe, so counting them would only make noise.
_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("“", "”"),),
    "uk": (("«", "»"), ("„", "“")),
    "ru": (("«", "»"), ("„", "“")),
    "be": (("«", "»"), ("„", "“")),
    "bg": (("„", "“"), ("«", "»")),
    "sr": (("„", "“"), ("»", "«")),
    "mk": (("„", "“"),),
    "de": (("„", "“"), ("»", "«")),
    "cs": (("„", "“"),),
    "sk": (("„", "“"),),
    "pl": (("„", "”"), ("«", "»")),
    "fr": (("«", "»"), ("“", "”")),
    "es": (("«", "»"), ("“", "”")),
    "it": (("«", "»"), ("“", "”")),
    "pt": (("“", "”"), ("«", "»")),
    "nl": (("“", "”"), ("‘", "’")),
    "sv": (("”", "”"),),
    "fi": (("”", "”"),),
    "ja": (("「", "」"), ("『", "』")),
    "zh": (("“", "”"), ("「", "」")),
}
DEFAULT_QUOTES: tuple[tuple[str, str], ...] = (("“", "”"), ("«", "»"), ("„", "“"), ("„", "”"))


def quote_pairs(lang: str) -> tuple[tuple[str, str], ...] | None:
    """The quotation marks ``lang`` uses, usual pair first; None when we do not know."""
    return _QUOTES.get(base_language(lang))


@lru_cache(maxsize=64)
def number_style(lang: str) -> NumberStyle:
    """Group and decimal symbols of ``lang`` (CLDR); a space-like group accepts them all."""
    from ..languages import number_symbols

    symbols = number_symbols(lang)
    if symbols is None:
        return NumberStyle(frozenset({","}), ".")
    group, decimal = symbols
    groups = _SPACES if group in _SPACES else frozenset({group})
    if group == "’":
        groups = frozenset({"’", "'"})
    return NumberStyle(groups, decimal)


def calendar_words(lang: str) -> frozenset[str]:
    """Month and day names of ``lang`` (wide and abbreviated), lower case."""
    from ..languages import calendar_names

    return calendar_names(lang)


def nplurals(lang: str) -> int | None:
    """How many plural forms ``lang`` has (CLDR via Babel); None when unknown."""
    from ..errors import L10nError
    from ..languages import plural_forms

    try:
        forms = plural_forms(lang)
    except (L10nError, ValueError, KeyError):
        return None
    match = re.search(r"nplurals\s*=\s*(\d+)", forms)
    return int(match.group(1)) if match else None
