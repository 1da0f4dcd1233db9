"""Sentence segmentation: a text becomes paragraphs, a paragraph becomes sentences.

Paragraphs: every line break (``\\n``, ``\\r\\n``, ``\\r``, U+2028, U+2029) ends a
paragraph; blank lines are not paragraphs. A paragraph is never merged with the next
one, so a caption or an unpunctuated line stays a segment of its own.

Sentences: SRX rules (the segmentation standard of CAT tools) say where sentences end
inside a paragraph. Segments are exact slices of the text, trimmed of whitespace, so the
segments and the text between them give the source back byte for byte.

Rules. By default: l10n's own rules (``l10n/data/l10n.srx``) cascaded in front of
LanguageTool's (the copy bundled with choppa-srx), for the language ``lang`` names.
``SegmentSettings.srx`` holds the text of a user SRX file instead; it *replaces* the
built-in rules (its header's ``cascade`` says whether every matching ``<languagemap>``
applies or only the first). Paragraph ends stay forced breaks with any rule set.

Matching follows SRX 2.0: at a candidate position the first rule in document order whose
``beforebreak`` matches just before the position and whose ``afterbreak`` matches just
after it decides. Candidates are the positions where a break rule's ``beforebreak``,
searched forward through the whole text at once, ends and its ``afterbreak`` follows (the
search of Java's segment library and of choppa); one combined pattern then tries every
rule at each candidate, in order. In rules, ``^`` and ``$`` match at paragraph (line)
boundaries; as in LanguageTool, a pattern may look past its paragraph's edges, but a
break only ever falls inside a paragraph.

Quotations. With ``split_quotations=False`` no break falls inside a quotation that opens
and closes in the same paragraph (“” ‘’ «» „“ ‹› ""), so a multi-sentence quotation stays
one segment; by default the rules decide there as anywhere else.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ConfigError, LanguageError
from .model import Segment, Span

__all__ = ["SegmentSettings", "Segmenter", "paragraphs", "segment_text"]

_LINE_SPLIT = re.compile(r"(\r\n|[\n\r\u2028\u2029])")
_TO_NEWLINE = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})*(?:@[A-Za-z0-9]+)?")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<")

_Decide = Callable[[str, int], bool]


@dataclass(frozen=True)
class SegmentSettings:
    """How to segment: the language, the rules and the treatment of quotations.

    ``srx`` is the text of a user SRX file (the caller reads the file) and replaces the
    built-in rules; ``srx_name`` says where it came from, for error messages.
    """

    lang: str = "en"
    srx: str | None = None
    split_quotations: bool = True
    srx_name: str | None = None


class _Rule(NamedTuple):
    """One SRX rule, its patterns already translated from Java's dialect."""

    is_break: bool
    before: str
    after: str
    origin: str


class _Line(NamedTuple):
    """A paragraph: its span without surrounding whitespace and its 1-based line."""

    start: int
    end: int
    line: int


def paragraphs(text: str) -> list[Span]:
    """The paragraph spans of ``text``: one per non-blank line, trimmed of whitespace."""
    return [Span(line.start, line.end) for line in _lines(text)]


def segment_text(text: str, *, lang: str = "en", split_quotations: bool = True) -> list[Segment]:
    """Segment ``text`` with the built-in rules, reusing one compiled segmenter per setting."""
    settings = SegmentSettings(lang=lang, split_quotations=split_quotations)
    return _cached_segmenter(settings).segment(text)


class Segmenter:
    """Splits texts into sentences with one rule set, compiled once (reusable, thread-safe).

    Raises :class:`~l10n.errors.ConfigError` for an unusable SRX text and
    :class:`~l10n.errors.LanguageError` for a malformed language code.
    """

    def __init__(self, settings: SegmentSettings = SegmentSettings()) -> None:
        self.settings = settings
        self._finders, self._decide = _compiled_rules(settings)

    def segment(self, text: str) -> list[Segment]:
        """The sentences of ``text``, in order, as exact slices of it."""
        lines = _lines(text)
        if not lines:
            return []
        norm = _normalise_breaks(text)
        candidates = self._candidates(norm)
        segments: list[Segment] = []
        decide, low = self._decide, 0
        for number, line in enumerate(lines, start=1):
            low = bisect.bisect_right(candidates, line.start, low)
            high = bisect.bisect_left(candidates, line.end, low)
            breaks = [p for p in candidates[low:high] if decide(norm, p)]
            if breaks and not self.settings.split_quotations:
                breaks = _outside_quotations(text, line, breaks)
            segments.extend(_cut(text, line, number, breaks))
        return segments

    def _candidates(self, norm: str) -> list[int]:
        found: set[int] = set()
        for finder in self._finders:
            found.update(match.end() for match in finder.finditer(norm))
        return sorted(found)


@functools.lru_cache(maxsize=16)
def _cached_segmenter(settings: SegmentSettings) -> Segmenter:
    return Segmenter(settings)


@functools.lru_cache(maxsize=16)
def _compiled_rules(settings: SegmentSettings) -> tuple[list[Any], _Decide]:
    """The compiled rules of a setting (language, rules text, ...), compiled once per
    process: a job that segments twice (extract, then build) pays once."""
    rules = _rules_for(settings)
    return _finders(rules, settings.srx_name), _decider(rules, settings.srx_name)


# Paragraphs and segments ---------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        pieces = _LINE_SPLIT.split(text)  # line, break, line, break, ..., line
        separators = [len(separator) for separator in pieces[1::2]]
        chunks = pieces[::2]
    else:
        chunks = text.split("\n")
        separators = [1] * (len(chunks) - 1)
    found: list[_Line] = []
    start = 0
    ends = [*separators, 0]  # the last line has no break after it
    for number, (chunk, separator) in enumerate(zip(chunks, ends, strict=True), start=1):
        stripped = chunk.strip()
        if stripped:
            first = start + len(chunk) - len(chunk.lstrip())
            found.append(_Line(first, first + len(stripped), number))
        start += len(chunk) + separator
    return found


def _normalise_breaks(text: str) -> str:
    """``text`` with every line break character as ``\\n`` (same length), for ``^``/``$``."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_TO_NEWLINE)
    return text


def _cut(text: str, line: _Line, number: int, breaks: Sequence[int]) -> list[Segment]:
    if not breaks:
        return [Segment(text[line.start : line.end], line.start, line.end, number, 1, line.line)]
    cuts = [line.start, *breaks, line.end]
    found: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + len(piece) - len(piece.lstrip())
            segment = Segment(
                stripped, first, first + len(stripped), number, len(found) + 1, line.line
            )
            found.append(segment)
    return found


# Quotations ----------------------------------------------------------------------------

_CLOSER = {"“": "”", "‘": "’", "«": "»", "„": "“", "‹": "›", '"': '"'}
_QUOTE = re.compile(r"[“”‘’«»„‹›\"]")


def _outside_quotations(text: str, line: _Line, breaks: list[int]) -> list[int]:
    spans = _quotations(text, line.start, line.end)
    return [p for p in breaks if not any(start < p < end for start, end in spans)]


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the quotations that open and close within ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE.finditer(text, start, end):
        mark, pos = match.group(), match.start()
        depth = _open_depth(stack, mark, text, pos)
        if depth is not None:
            spans.append((stack[depth][1], pos + 1))
            del stack[depth:]
        elif mark in _CLOSER and _can_open(text, pos, start):
            stack.append((_CLOSER[mark], pos))
    return spans


def _open_depth(stack: list[tuple[str, int]], mark: str, text: str, pos: int) -> int | None:
    """Where in ``stack`` the quotation that ``mark`` closes opened, if it closes one."""
    if mark == "’" and _inside_word(text, pos):
        return None  # an apostrophe: I’m, Russia’s
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == mark:
            return depth
    return None


def _can_open(text: str, pos: int, start: int) -> bool:
    return pos == start or not text[pos - 1].isalnum()


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1].isalnum() and text[pos + 1].isalnum()


# Rules ---------------------------------------------------------------------------------


def _rules_for(settings: SegmentSettings) -> list[_Rule]:
    lang = settings.lang
    if not _LANG_CODE.fullmatch(lang):
        raise LanguageError(f"malformed language code {lang!r} (expected e.g. en, en_GB, uk)")
    if settings.srx is None:
        return _language_rules(_builtin_srx(), lang) + _language_rules(_languagetool_srx(), lang)
    document = _parse_srx(settings.srx, name=settings.srx_name)
    if not document.language_rules(lang):
        message = f"no <languagemap> of the SRX rules matches language {lang!r}"
        raise ConfigError(message, path=settings.srx_name)
    return _language_rules(document, lang)


def _language_rules(document: _SrxDocument, lang: str) -> list[_Rule]:
    rules: list[_Rule] = []
    for language_rule in document.language_rules(lang):
        for number, (is_break, before, after) in enumerate(language_rule.rules, start=1):
            origin = f"rule {number} of <languagerule> {language_rule.name!r}"
            rules.append(_Rule(is_break, _from_java(before), _from_java(after), origin))
    return rules


# Java-only constructs of SRX patterns and their equivalents in the regex module, as
# choppa translates them (choppa.utils.translate_java_regex, MIT): Java's horizontal and
# vertical whitespace classes, and its UNICODE_CHARACTER_CLASS flag (Python's default).
# The \\. alternative consumes any other escape pair first.
_JAVA_CONSTRUCT = re.compile(r"\\h|\\v|\\.|\(\?U\)")
_JAVA_REPLACEMENTS = {r"\h": r"\p{H}", r"\v": r"\p{V}", "(?U)": ""}


def _from_java(pattern: str) -> str:
    return _JAVA_CONSTRUCT.sub(lambda m: _JAVA_REPLACEMENTS.get(m.group(), m.group()), pattern)


@functools.lru_cache(maxsize=1)
def _builtin_srx() -> _SrxDocument:
    source = Path(__file__).with_name("data").joinpath("l10n.srx").read_text(encoding="utf-8")
    return _parse_srx(source, name="l10n/data/l10n.srx")


@functools.lru_cache(maxsize=1)
def _languagetool_srx() -> _SrxDocument:
    """LanguageTool's rules, as choppa-srx bundles them (read without importing choppa,
    whose import takes longer than reading the rules)."""
    from importlib.util import find_spec

    spec = find_spec("choppa")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("LanguageTool's segmentation rules are missing: install choppa-srx")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = folder / "data" / "srx" / "languagetool_segment.srx"
    return _parse_srx(path.read_text(encoding="utf-8"), name=str(path))


class _LanguageRule(NamedTuple):
    """A ``<languagerule>``: its name and its rules as (break, beforebreak, afterbreak)."""

    name: str
    rules: list[tuple[bool, str, str]]


@dataclass
class _SrxDocument:
    """What l10n uses of an SRX file: ``cascade`` and the ``<languagemap>`` list."""

    cascade: bool = True
    maps: list[tuple[Any, _LanguageRule | None]] = field(default_factory=list)

    def language_rules(self, lang: str) -> list[_LanguageRule]:
        """The language rules whose map matches ``lang``: all with ``cascade``, else the first."""
        found = []
        for pattern, language_rule in self.maps:
            if pattern.fullmatch(lang) and language_rule is not None:
                found.append(language_rule)
                if not self.cascade:
                    break
        return found


def _parse_srx(source: str, *, name: str | None) -> _SrxDocument:
    """Read an SRX document as choppa's SAX handler does (no validation), in document
    order: ``<header cascade>``, each ``<languagerule>`` with its ``<rule>`` elements
    (the text of their ``<beforebreak>``/``<afterbreak>``), each ``<languagemap>`` naming
    a language rule defined before it. Element names are matched without namespace."""
    from xml.etree import ElementTree
    from xml.parsers.expat import errors

    import regex

    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as error:
        message = f"malformed SRX: {errors.messages.get(error.code, str(error))}"
        raise ConfigError(message, path=name, line=error.position[0]) from None
    document = _SrxDocument()
    by_name: dict[str, _LanguageRule] = {}
    language_rule: _LanguageRule | None = None
    try:
        for element in root.iter():
            tag = element.tag.rpartition("}")[2]
            if tag == "header":
                document.cascade = element.get("cascade") == "yes"
            elif tag == "languagerule":
                rule_name = element.get("languagerulename")
                language_rule = _LanguageRule(rule_name or "", [])
                by_name[language_rule.name] = language_rule
            elif tag == "languagemap":
                source_pattern = element.get("languagepattern")
                if source_pattern is None:
                    raise ValueError("a <languagemap> without languagepattern")
                pattern = regex.compile(source_pattern)
                document.maps.append((pattern, by_name.get(element.get("languagerulename", ""))))
            elif tag == "rule":
                if language_rule is None:
                    raise ValueError("a <rule> outside a <languagerule>")
                before, after = _text(element, "beforebreak"), _text(element, "afterbreak")
                language_rule.rules.append((element.get("break") != "no", before, after))
    except (regex.error, TypeError, ValueError) as error:
        raise ConfigError(f"invalid SRX: {error}", path=name) from error
    if any(language_rule is None for _, language_rule in document.maps):
        raise ConfigError("a <languagemap> names an undefined <languagerule>", path=name)
    return document


def _text(rule: Any, tag: str) -> str:
    """The text of a rule's ``tag`` elements (before any element inside them), joined."""
    return "".join(
        element.text or "" for element in rule.iter() if element.tag.rpartition("}")[2] == tag
    )


# Matching ------------------------------------------------------------------------------


def _compile(pattern: str, rule: _Rule, name: str | None) -> Any:
    import regex

    try:
        return regex.compile(pattern, regex.V1 | regex.MULTILINE)
    except regex.error as error:
        raise ConfigError(f"bad pattern in {rule.origin}: {error}", path=name) from error


def _finders(rules: Sequence[_Rule], name: str | None) -> list[Any]:
    """One forward-search pattern per break rule; a match's end is a candidate."""
    return [_compile(f"(?:{r.before})(?={r.after})", r, name) for r in rules if r.is_break]


def _probe(rule: _Rule) -> str:
    """A zero-width pattern that matches where ``rule`` applies; of its two tests the one
    with the shorter pattern goes first, as it is usually the cheaper one to fail."""
    after = f"(?={rule.after})" if rule.after else ""
    before = f"(?<={rule.before})" if rule.before else ""
    return after + before if len(after) <= len(before) else before + after


def _decider(rules: Sequence[_Rule], name: str | None) -> _Decide:
    """A function telling whether the first rule that applies at a position breaks."""
    import regex

    if not any(_BACKREFERENCE.search(r.before + r.after) for r in rules):
        try:
            return _combined_decider(rules)
        except regex.error:
            pass  # _sequential_decider names the rule at fault, if one is
    return _sequential_decider(rules, name)


def _combined_decider(rules: Sequence[_Rule]) -> _Decide:
    import regex

    alternatives = [f"{_probe(rule)}(?P<_l10n_rule{i}>)" for i, rule in enumerate(rules)]
    pattern = regex.compile("|".join(alternatives), regex.V1 | regex.MULTILINE)
    verdicts = {pattern.groupindex[f"_l10n_rule{i}"]: r.is_break for i, r in enumerate(rules)}
    match = pattern.match

    def decide(text: str, pos: int) -> bool:
        found = match(text, pos)
        return True if found is None else verdicts.get(found.lastindex, True)

    return decide


def _sequential_decider(rules: Sequence[_Rule], name: str | None) -> _Decide:
    probes = [(_compile(_probe(rule), rule, name).match, rule.is_break) for rule in rules]

    def decide(text: str, pos: int) -> bool:
        for match, is_break in probes:
            if match(text, pos) is not None:
                return is_break
        return True

    return decide
