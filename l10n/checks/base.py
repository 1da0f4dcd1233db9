"""What every check sees: one translated text of an entry, and the catalog's context.

A check is a function ``(view, context) -> list[Issue]``. :class:`TextView` is one
translated text of one entry (a singular entry's ``msgstr``, or one ``msgstr[n]`` of a
plural entry) beside the source text it translates; :class:`CheckContext` holds what is
known once per catalog: languages, plural count, number styles, names seen in the
catalog. Both are frozen; checks never change them, never raise, never print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Issue
from ..patterns import BRACE_SEEN, EMAIL, PLACEHOLDER, PRINTF_SEEN, TAG, URL

if TYPE_CHECKING:
    from ..glossary import TermList

__all__ = ["CheckContext", "CheckFunction", "NumberStyle", "TextView", "strip_codes"]


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How a language writes numbers: group separators and the decimal sign."""

    groups: frozenset[str]
    decimal: str


@dataclass(frozen=True, slots=True)
class TextView:
    """One translated text of one entry, with the source text it translates.

    ``form`` is ``None`` for a singular entry, else the plural index ``n`` of
    ``msgstr[n]``; ``source`` is ``msgid`` (form 0) or ``msgid_plural`` (other forms).
    ``forms`` holds every ``msgstr[n]`` of a plural entry in index order (empty for a
    singular one); ``first`` is true for the first view of an entry, so that checks of
    the whole entry report once. ``unknown`` holds the words the engine marked as beyond
    it (``@word``, ``#word``), as the catalog records them.
    """

    source: str
    translation: str
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str = ""
    form: int | None = None
    forms: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    line: int | None = None
    first: bool = True
    unknown: tuple[str, ...] = ()

    def issue(self, context: CheckContext, check: str, severity: str, message: str) -> Issue:
        """An issue of this text; a plural form is named in the message."""
        if self.form is not None:
            message = f"msgstr[{self.form}]: {message}"
        return self.issue_entry(context, check, severity, message)

    def issue_entry(
        self, context: CheckContext, check: str, severity: str, message: str
    ) -> Issue:
        """An issue of the entry as a whole."""
        return Issue(
            check=check,
            severity=severity,
            message=message,
            msgid=self.msgid,
            msgctxt=self.msgctxt,
            lang=context.lang,
            path=context.path,
            line=self.line,
        )


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks know about the whole catalog, computed once.

    ``known_names`` are capitalised words the catalog's sources use in the middle of a
    sentence (so a sentence-initial ``Zelenskyy`` is a name, ``Earlier`` is not);
    ``calendar_words`` are the source language's month and day names, lower case;
    ``glossary`` the terms of the project's glossary for ``lang`` (None: no glossary).
    """

    lang: str
    source_lang: str
    path: str = ""
    nplurals: int | None = None
    source_numbers: NumberStyle = NumberStyle(frozenset({","}), ".")
    target_numbers: NumberStyle = NumberStyle(frozenset({","}), ".")
    known_names: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()
    glossary: TermList | None = None

    @property
    def target_base(self) -> str:
        """The target's base language: ``pt_BR`` -> ``pt``."""
        return base_language(self.lang)

    @property
    def source_base(self) -> str:
        return base_language(self.source_lang)


CheckFunction = Callable[[TextView, CheckContext], list[Issue]]


def base_language(code: str) -> str:
    return re.split(r"[_@.-]", code, maxsplit=1)[0].lower()


_CODES = ((("://", "www."), URL), (("@",), EMAIL), (("<",), TAG), (("<",), PLACEHOLDER),
          (("%",), PRINTF_SEEN), (("{",), BRACE_SEEN))  # fmt: skip


def strip_codes(text: str) -> str:
    """``text`` with URLs, e-mail addresses, markup tags and placeholders (printf, brace,
    inline markup's numbered ones) blanked out."""
    lowered = text.lower()
    for hints, pattern in _CODES:
        if any(hint in lowered for hint in hints):
            text = pattern.sub(" ", text)
    return text
