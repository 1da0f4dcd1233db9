"""The domain's values: frozen dataclasses, no I/O.

A :class:`Document` is a source text cut into :class:`Segment` slices. Offsets are
character offsets into ``Document.text``; ``text[seg.start:seg.end] == seg.text`` always,
so the segments and the text between them give the source back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Document", "Issue", "Message", "Segment", "Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence: an exact slice of its document.

    ``paragraph`` counts the document's paragraphs from 1 (skipped ones included, so
    numbers stay stable when a skip rule changes); ``index`` counts sentences within
    the paragraph from 1; ``line`` is the 1-based line where the sentence starts.

    In HTML, Markdown and JSON articles (see :mod:`l10n.formats`) a paragraph is a block
    (``p 3``, ``img alt 1``, named by ``label``), ``text`` is the message, its inline
    markup as numbered placeholders, and ``start``/``end`` are offsets in the block's
    text: the slice property holds for plain text only.
    """

    text: str
    start: int
    end: int
    paragraph: int
    index: int
    line: int = 1
    label: str = ""

    @property
    def id(self) -> str:
        """A stable, human-readable position id such as ``p3s2``."""
        return f"p{self.paragraph}s{self.index}"


@dataclass(frozen=True, slots=True)
class Document:
    """A source text and its translatable segments.

    ``skipped`` lists the spans that skip rules removed from translation (boilerplate);
    they hold no segments and a build keeps or drops them verbatim. ``layout`` is the
    parsed structure of an HTML, Markdown or JSON article (an :class:`l10n.formats.Layout`
    whose blocks carry their sentences), ``None`` for plain text.
    """

    path: str
    text: str
    segments: tuple[Segment, ...]
    skipped: tuple[Span, ...] = field(default=())
    layout: Any = None


@dataclass(frozen=True, slots=True)
class Message:
    """One template entry: a distinct sentence and where it occurs.

    ``locations`` are ``(path, line)`` pairs (gettext ``#:`` references); ``comments``
    are extracted comments (``#.``), e.g. ``paragraph 3, sentence 2``.
    """

    msgid: str
    locations: tuple[tuple[str, int], ...] = ()
    comments: tuple[str, ...] = ()
    msgctxt: str | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem a check found in one catalog entry; severity is data.

    ``severity`` is ``"error"`` (blocks publishing) or ``"warning"`` (worth a look).
    ``path``/``line`` locate the entry's catalog and the line where the entry starts.
    """

    check: str
    severity: str
    message: str
    msgid: str
    msgctxt: str | None = None
    lang: str = ""
    path: str = ""
    line: int | None = None
