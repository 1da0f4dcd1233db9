"""Language data: codes, names, plural forms, number symbols, calendar words, direction.

The only part of ``l10n`` that imports Babel (CLDR's data), lazily inside the functions:
importing this package loads no Babel. ``Plural-Forms`` headers do not depend on the
Babel installed (:mod:`l10n.languages.plurals`: GNU msginit's table, else CLDR's rule in
one canonical spelling).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import LanguageError

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "calendar_names",
    "iso_language",
    "language_name",
    "minimal_language",
    "normalize_language",
    "number_symbols",
    "plural_forms",
    "text_direction",
]

_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")


def normalize_language(code: str) -> str:
    """The canonical form of a language code: ``'pt-br'`` -> ``'pt_BR'``.

    LanguageError for a malformed or unknown code, suggesting the nearest known one
    ("unknown language 'ukr': did you mean 'uk'?").
    """
    from babel import Locale, UnknownLocaleError

    text = code.strip()
    if not _LANGUAGE_CODE.fullmatch(text):
        named = _code_named(text)
        if named:
            raise LanguageError(f"unknown language {code!r}: did you mean {named!r}?")
        raise LanguageError(f"malformed language code {code!r}: expected e.g. 'uk' or 'pt_BR'")
    parts = re.split(r"[_-]", text)
    try:
        locale = Locale.parse("_".join(parts))
    except (UnknownLocaleError, ValueError):
        raise LanguageError(_unknown(code, parts)) from None
    if locale.language != parts[0].lower():
        suggestion = "_".join([locale.language, *parts[1:]])
        raise LanguageError(f"unknown language {code!r}: did you mean {suggestion!r}?")
    return str(locale)


def minimal_language(code: str) -> str:
    """The shortest code of the same variety, by CLDR's likely subtags: ``uk_UA`` and
    ``uk-Cyrl-UA`` -> ``uk``, ``en_US`` -> ``en``, ``pt_BR`` -> ``pt``; ``pt_PT``,
    ``en_GB`` and ``sr_Latn`` stay. A language CLDR does not know comes back as given
    (its subtags in ``_`` form)."""
    from babel.core import get_global

    language, *rest = re.split(r"[_-]", code.strip())
    language = language.lower()
    likely = str(get_global("likely_subtags").get(language, "")).split("_")[1:]
    script = next((part.title() for part in rest if len(part) == 4 and part.isalpha()), None)
    region = next((part.upper() for part in rest if len(part) in (2, 3) and part != script),
                  None)  # fmt: skip
    if len(likely) == 2:
        if script == likely[0]:
            script = None
        if region == likely[1] and script is None:
            region = None
    return "_".join(part for part in (language, script, region) if part)


def _code_named(name: str) -> str | None:
    """The code of a language given by its English name ("Ukrainian" -> "uk")."""
    from babel import Locale

    names = {value.lower(): key for key, value in Locale("en").languages.items()}
    return names.get(name.lower())


def _unknown(code: str, parts: list[str]) -> str:
    """The error for a well-formed but unknown code, with the nearest known one."""
    from babel import Locale
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    language = parts[0].lower()
    alias = get_global("language_aliases").get(language) or _code_named(language)
    if alias:
        return f"unknown language {code!r}: did you mean {alias.split('_')[0]!r}?"
    known = locale_identifiers()
    territories = Locale("en").territories
    if len(parts) > 1 and language in known and parts[-1].upper() not in territories:
        close = [language]
    else:
        wanted = "_".join([language, *(p.upper() if len(p) == 2 else p for p in parts[1:])])
        close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.75)
    hint = f": did you mean {close[0]!r}?" if close else ""
    return f"unknown language {code!r}{hint}"


def language_name(code: str) -> str:
    """The English name of a language: ``'pt_BR'`` -> ``'Portuguese (Brazil)'``."""
    from babel import Locale

    name: str = Locale.parse(normalize_language(code)).english_name or code
    return name


def plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header value for a language, the same whatever Babel's version.

    ``msginit``'s value for the languages GNU gettext knows (``uk``: ``nplurals=3;
    plural=(n%10==1 && n%100!=11 ? 0 : ...);``), else Babel's formula from CLDR in
    canonical form (:func:`l10n.languages.plurals.canonical`).
    """
    from babel.messages.plurals import get_plural

    from .plurals import PluralFormsError, canonical, gnu_plural_forms

    normalized = normalize_language(code)
    gnu = gnu_plural_forms(normalized)
    if gnu is not None:
        return gnu
    rule = get_plural(normalized)
    forms = f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"
    try:
        return canonical(forms)
    except PluralFormsError:  # a formula beyond gettext's syntax or size: Babel's own text
        return forms



@lru_cache(maxsize=256)
def iso_language(code: str) -> str | None:
    """The ISO 639-1 code (else 639-3) of a language given by any ISO 639 code or CLDR
    alias (``eng`` -> ``en``, ``ukr`` -> ``uk``, ``ast`` -> ``ast``); None when CLDR knows
    no such language."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    alias = get_global("language_aliases").get(code) or code
    try:
        return str(Locale.parse(alias))
    except (UnknownLocaleError, ValueError):
        return None


def _locale(lang: str) -> Locale | None:
    """Babel's Locale for a code as catalogs write it (``pt_BR``, ``sr@latin``), or None."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(re.sub(r"[@.].*$", "", lang).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@lru_cache(maxsize=64)
def number_symbols(lang: str) -> tuple[str, str] | None:
    """The (group, decimal) symbols of ``lang``'s numbers (CLDR); None when unknown."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _locale(lang)
    if locale is None:
        return None
    return get_group_symbol(locale), get_decimal_symbol(locale)


@lru_cache(maxsize=16)
def calendar_names(lang: str) -> frozenset[str]:
    """Month and day names of ``lang`` (wide and abbreviated, both contexts), lower case."""
    locale = _locale(lang)
    if locale is None:
        return frozenset()
    words: set[str] = set()
    for table in (locale.months, locale.days):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                words.update(name.lower().rstrip(".") for name in table[context][width].values())
    return frozenset(words)


def text_direction(lang: str) -> str:
    """``"rtl"`` or ``"ltr"`` for a language code (CLDR); ``"auto"`` when unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        direction: str = Locale.parse(lang.replace("-", "_")).text_direction
    except (UnknownLocaleError, ValueError, TypeError):
        return "auto"
    return direction
