"""Quality checks made for machine translation: small functions that return issues.

Every check is a function ``(view, context) -> list[Issue]`` (see :mod:`.base`): it
looks at one translated text beside its source and returns what is wrong, never
raising or printing. Severity is data: each issue says ``error`` (blocks publishing)
or ``warning`` (worth a look); :data:`CHECKS` lists the checks in the order they run,
each with the severity of its main finding. :func:`run_checks` runs the enabled ones
over every translated entry of a catalog, each ``msgstr[n]`` of a plural entry apart.

Checks, by module: ``numbers``; ``placeholders``; ``urls`` and ``emails`` (links);
``markup``; ``tags`` (placeholders of inline markup); ``brackets``, ``quotes`` and
``end-punctuation`` (punctuation);
``untranslated``, ``length`` and ``whitespace`` (text); ``repetition``; ``plurals``;
``names``; ``unknown-words``; ``glossary`` (the project's glossary, when it has one).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Issue
from ..reviewstate import unknown_words
from . import (
    glossary,
    links,
    markup,
    names,
    numbers,
    placeholders,
    plurals,
    punctuation,
    repetition,
    tags,
    text,
    unknown,
)
from .base import CheckContext, CheckFunction, TextView

if TYPE_CHECKING:
    from ..glossary import TermList
    from ..po import Catalog, CatalogEntry

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "TextView",
    "all_check_names",
    "entry_checker",
    "entry_views",
    "make_context",
    "run_checks",
    "validate_check_names",
]


@dataclass(frozen=True, slots=True)
class Check:
    """One registered check: its name, function, main severity and a one-line summary."""

    name: str
    function: CheckFunction
    severity: str
    summary: str


CHECKS: tuple[Check, ...] = (
    Check("numbers", numbers.check_numbers, "error",
          "digits survive, written the target language's way (1,000 -> 1 000)"),
    Check("placeholders", placeholders.check_placeholders, "error",
          "printf, Python and brace placeholders kept (as flagged and as seen)"),
    Check("urls", links.check_urls, "error", "URLs kept unchanged"),
    Check("emails", links.check_emails, "error", "e-mail addresses kept unchanged"),
    Check("markup", markup.check_markup, "error", "tags and their targets kept, nested"),
    Check("tags", tags.check_tags, "error",
          "inline-markup placeholders <1>…</1> <2/> each kept once, nested"),
    Check("brackets", punctuation.check_brackets, "error", "brackets balanced as in the source"),
    Check("quotes", punctuation.check_quotes, "error",
          "quotation marks balanced as in the source, in the language's style"),
    Check("end-punctuation", punctuation.check_end_punctuation, "error",
          "ends with . ! ? … : when the source does, and not otherwise"),
    Check("untranslated", text.check_untranslated, "error",
          "not a copy of the source (names and codes may stay)"),
    Check("length", text.check_length, "error",
          "length ratio within the language pair's band (truncation)"),
    Check("repetition", repetition.check_repetition, "error",
          "no loops (pre-pre- pre- pre-) or doubled words the source lacks"),
    Check("whitespace", text.check_whitespace, "error",
          "same leading and trailing whitespace as the source"),
    Check("plurals", plurals.check_plurals, "error", "as many plural forms as the language has"),
    Check("names", names.check_names, "warning",
          "capitalised names of the source found in the translation"),
    Check("unknown-words", unknown.check_unknown_words, "warning",
          "words the engine left untranslated (Apertium's @ and # marks)"),
    Check("glossary", glossary.check_glossary, "error",
          "glossary terms: kept ones verbatim, forced ones in any form (warning)"),
)  # fmt: skip


def all_check_names() -> tuple[str, ...]:
    """The names of every check, in the order they run."""
    return tuple(check.name for check in CHECKS)


def validate_check_names(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` if each names a check; UsageError naming the first that does not."""
    known = all_check_names()
    chosen = tuple(names)
    for name in chosen:
        if name not in known:
            raise UsageError(f"unknown check {name!r} (known: {', '.join(known)})")
    return chosen


def make_context(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    path: str = "",
    glossary: TermList | None = None,
) -> CheckContext:
    """What the checks need to know about ``catalog``, computed once (``glossary``: the
    terms of ``lang`` in the project's glossary, if it has one)."""
    from .locale import calendar_words, nplurals, number_style

    calendar = calendar_words(source_lang)
    return CheckContext(
        lang=lang,
        source_lang=source_lang,
        path=path,
        nplurals=catalog.nplurals or nplurals(lang),
        source_numbers=number_style(source_lang),
        target_numbers=number_style(lang),
        known_names=names.known_names(
            [t for e in catalog for t in (e.msgid, e.msgid_plural) if t], calendar
        ),
        calendar_words=calendar,
        glossary=glossary,
    )


def entry_views(entry: CatalogEntry) -> list[TextView]:
    """The translated texts of ``entry``, one view each (none when untranslated)."""
    flags = tuple(entry.flags)
    line = entry.linenum
    if not entry.msgid_plural:
        if not entry.msgstr:
            return []
        return [
            TextView(
                entry.msgid, entry.msgstr, entry.msgid, entry.msgctxt, flags=flags, line=line,
                unknown=tuple(unknown_words(entry)),
            )
        ]  # fmt: skip
    forms = tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
    views: list[TextView] = []
    for n, translation in enumerate(forms):
        if translation:
            views.append(
                TextView(
                    entry.msgid if n == 0 else entry.msgid_plural,
                    translation,
                    entry.msgid,
                    entry.msgctxt,
                    msgid_plural=entry.msgid_plural,
                    form=n,
                    forms=forms,
                    flags=flags,
                    line=line,
                    first=not views,
                )
            )
    return views


def entry_checker(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    path: str = "",
    disable: Collection[str] = (),
    glossary: TermList | None = None,
) -> Callable[[CatalogEntry], list[Issue]]:
    """A function giving the issues of one entry of ``catalog``: the enabled checks over
    each of its translated texts, with the catalog's context computed once."""
    skipped = set(validate_check_names(disable))
    enabled = [check for check in CHECKS if check.name not in skipped]
    context = make_context(
        catalog, lang=lang, source_lang=source_lang, path=path, glossary=glossary
    )

    def issues_of(entry: CatalogEntry) -> list[Issue]:
        return [
            issue
            for view in entry_views(entry)
            for check in enabled
            for issue in check.function(view, context)
        ]

    return issues_of


def run_checks(
    catalog: Catalog,
    *,
    lang: str,
    source_lang: str,
    include_fuzzy: bool = True,
    path: str = "",
    disable: Collection[str] = (),
    glossary: TermList | None = None,
) -> list[Issue]:
    """The issues of every translated entry of ``catalog``, in entry and check order.

    ``lang`` is the catalog's language, ``source_lang`` its sources'; fuzzy entries
    (machine output is fuzzy) are checked unless ``include_fuzzy`` is false; ``disable``
    names checks to skip (UsageError for an unknown name); ``path`` goes into issues.
    """
    issues_of = entry_checker(
        catalog, lang=lang, source_lang=source_lang, path=path, disable=disable,
        glossary=glossary,
    )  # fmt: skip
    issues: list[Issue] = []
    for entry in catalog:
        if entry.msgid and (include_fuzzy or not entry.fuzzy):
            issues.extend(issues_of(entry))
    return issues
