"""Where format directives are in a string, as GNU gettext's format parsers see them.

GNU never breaks a line inside a valid format directive of an entry flagged with a
format (``c-format``, ``python-format``, ...): ``"% 12.5%"`` is one Python directive
(space flag, width 12, precision 5, conversion ``%``). To wrap such entries as ``msgcat``
does, :func:`directive_spans` finds the directives the way GNU's parsers do for the
formats that matter in practice, C and Python. Like GNU, a parser stops at the first
invalid directive; directives before it count, those after it do not. Other formats get
no spans and wrap as plain text; for Python brace that is what GNU 0.21 itself does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["FORMATS", "directive_spans", "format_of"]

Spans = list[tuple[int, int]]  # (first, last) character positions of each directive

# GNU gettext 0.21's format languages, in its order (flags are "<language>-format").
FORMATS = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip

_C = re.compile(
    r"%(?P<number>[0-9]+\$)?"
    r"(?P<flags>[-+ #0']*)"
    r"(?P<width>\*(?:[0-9]+\$)?|[0-9]+)?"
    r"(?:\.(?P<precision>\*(?:[0-9]+\$)?|[0-9]+)?)?"
    r"[hlLqjzZt]*"
    r"(?P<conversion>.?)",
    re.DOTALL,
)
_C_CONVERSIONS = set("csCSdiouxXeEfFgGaApn%")
_PYTHON = re.compile(
    r"%(?:\((?P<name>[^()]*(?:\([^()]*\)[^()]*)*)\))?"
    r"[-+ #0]*"
    r"(?P<width>\*|[0-9]+)?"
    r"(?:\.(?:\*|[0-9]+)?)?"
    r"[hlL]?"
    r"(?P<conversion>.?)",
    re.DOTALL,
)
_PYTHON_CONVERSIONS = set("%csrdiuoxXeEfFgGa")


def format_of(flags: list[str]) -> str | None:
    """The format language whose directives GNU protects: the first flagged, in GNU's order."""
    flagged = {
        flag.removeprefix("possible-")[: -len("-format")]
        for flag in flags
        if flag.endswith("-format") and not flag.startswith("no-")
    }
    return next((language for language in FORMATS if language in flagged), None)


def directive_spans(language: str, text: str, *, msgstr: bool = False) -> Spans:
    """The valid directives of ``text`` in the given format language (empty when unknown)."""
    parser = _PARSERS.get(language)
    return [] if parser is None or not text else parser(text, msgstr)


def _c(text: str, msgstr: bool) -> Spans:
    spans: Spans = []
    numbered = unnumbered = False
    position = text.find("%")
    while position >= 0:
        match = _C.match(text, position)
        assert match is not None  # the pattern matches any "%..."
        flags = match.group("flags")
        end = match.end()
        if msgstr and text.startswith("I", match.start("flags") + len(flags)):
            break  # the glibc 'I' flag: too rare to follow further
        conversion = match.group("conversion")
        if conversion not in _C_CONVERSIONS or not conversion:
            break
        if conversion == "%":
            if end - position != 2:
                break  # GNU refuses "%2%" as a C directive
        else:
            arguments = [
                match.group("number"),
                *(
                    g
                    for g in (match.group("width"), match.group("precision"))
                    if g and g.startswith("*")
                ),
            ]
            for argument in arguments:
                if argument is None or argument == "*":
                    unnumbered = True
                else:
                    if int(argument.strip("*$")) == 0:
                        return spans
                    numbered = True
            if numbered and unnumbered:
                break
        spans.append((position, end - 1))
        position = text.find("%", end)
    return spans


def _python(text: str, msgstr: bool) -> Spans:
    spans: Spans = []
    named = unnamed = False
    position = text.find("%")
    while position >= 0:
        match = _PYTHON.match(text, position)
        if match is None:
            break  # an unterminated "%(name"
        conversion = match.group("conversion")
        if conversion not in _PYTHON_CONVERSIONS or not conversion:
            break
        if conversion != "%" or match.group("name") is not None:
            if match.group("name") is not None:
                named = True
                if match.group("width") == "*":
                    break
            else:
                unnamed = True
            if named and unnamed:
                break
        spans.append((position, match.end() - 1))
        position = text.find("%", match.end())
    return spans


_PARSERS: dict[str, Callable[[str, bool], Spans]] = {
    "c": _c,
    "objc": _c,
    "python": _python,
}
