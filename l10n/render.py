"""Render a translated document: (document, translations) -> text. Never calls an engine.

Every segment is replaced by its translation when there is one; everything between
segments (spaces, line breaks, skipped boilerplate) is kept exactly, so a render with no
translations gives the source back byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Document, Span

__all__ = ["render"]


def render(
    document: Document,
    translations: Mapping[str, str],
    *,
    drop_skipped: bool = False,
    lang: str | None = None,
) -> str:
    """The text of ``document`` with each segment replaced by ``translations[segment.text]``.

    With ``drop_skipped`` the skipped spans are left out together with the line break
    that ends them, as if those paragraphs had never been there. An HTML, Markdown or
    JSON article is rendered by its format (:func:`l10n.formats.render`), which also
    sets ``lang`` on an HTML page's ``<html>`` element; its skipped blocks stay.
    """
    if document.layout is not None:
        from .formats import render as render_layout

        return render_layout(document.layout, document.text, translations, lang=lang)
    text = document.text
    removed = _dropped(text, document.skipped) if drop_skipped else []
    pieces: list[str] = []
    position = 0
    for start, end in removed:
        pieces.append(_translate_range(document, translations, position, start))
        position = end
    pieces.append(_translate_range(document, translations, position, len(text)))
    return "".join(pieces)


def _translate_range(
    document: Document, translations: Mapping[str, str], start: int, end: int
) -> str:
    text = document.text
    pieces: list[str] = []
    position = start
    for segment in document.segments:
        if segment.start < start or segment.end > end:
            continue
        pieces.append(text[position : segment.start])
        pieces.append(translations.get(segment.text) or segment.text)
        position = segment.end
    pieces.append(text[position:end])
    return "".join(pieces)


def _dropped(text: str, spans: tuple[Span, ...]) -> list[tuple[int, int]]:
    """Ranges to cut for skipped spans: each span plus the line break that ends it."""
    ranges = []
    for span in spans:
        end = span.end
        if text.startswith("\r\n", end):
            end += 2
        elif end < len(text) and text[end] in "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85":
            end += 1
        ranges.append((span.start, end))
    return ranges
