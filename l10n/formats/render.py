"""Translations back into a file: (layout, source text, translations) -> text.

A sentence with a translation is written from it: its text escaped as the format needs,
each placeholder replaced by the source's markup for it (attributes, link targets,
inline code come from the source, never from the catalog). A translation whose
placeholders are not those of the message (missing, repeated, crossed) is not used: the
sentence stays as in the source, so no broken markup is ever written. Everything else
is copied from the source: with no translations the source comes back byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping

from .base import Block, HtmlRoot, Layout, Nested, Region, Sentence
from .inline import problems, tokens

__all__ = ["html_lang", "render"]

_RTL = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug",
                  "ur", "yi"})  # fmt: skip


def render(
    layout: Layout, text: str, translations: Mapping[str, str], *, lang: str | None = None
) -> str:
    """``text`` (the source ``layout`` was parsed from) with the translated sentences.

    ``lang``: the target language, set on the page's ``<html>`` element (``lang``, and
    ``dir`` for a right-to-left language) when anything was translated.
    """
    out = _span(text, 0, len(text), layout.regions, translations)
    if lang and layout.root is not None and out != text:
        out = _set_lang(out, text, layout.root, lang)
    return out


def _span(
    text: str, start: int, end: int, regions: tuple[Region, ...], translations: Mapping[str, str]
) -> str:
    out: list[str] = []
    position = start
    for region in regions:
        if region.start < start or region.end > end:
            continue
        out.append(text[position : region.start])
        out.append(_region(text, region, translations))
        position = region.end
    out.append(text[position:end])
    return "".join(out)


def _region(text: str, region: Region, translations: Mapping[str, str]) -> str:
    if isinstance(region, Nested):
        inner = _span(region.decoded, 0, len(region.decoded), region.regions, translations)
        return text[region.start : region.end] if inner == region.decoded else region.encode(inner)
    return _block(text, region, translations)


def _block(text: str, block: Block, translations: Mapping[str, str]) -> str:
    out: list[str] = []
    position = block.start
    for sentence in block.sentences:
        translated = translations.get(sentence.message)
        if not translated or translated == sentence.message:
            continue
        filled = _fill(text, block, sentence, translated, translations)
        if filled is None:
            continue
        start = block.pieces[sentence.first].start
        out.append(_span(text, position, start, block.inner, translations))
        out.append(filled)
        position = block.pieces[sentence.last - 1].end
    out.append(_span(text, position, block.end, block.inner, translations))
    return "".join(out)


def _fill(
    text: str, block: Block, sentence: Sentence, translated: str, translations: Mapping[str, str]
) -> str | None:
    """The source text of ``translated``, or None when its placeholders are wrong."""
    if problems(sentence.message, translated):
        return None
    start = block.pieces[sentence.first].start
    line_start = sentence.first == 0 or start == 0 or text[start - 1] in "\n\r"
    out: list[str] = []
    position = 0
    for token in tokens(translated):
        if token.start > position:
            out.append(block.escape(translated[position : token.start], line_start and not out))
        index = sentence.tags[token.number - 1]
        if token.kind == "close":
            index = sentence.closes[token.number - 1]
        piece = block.pieces[index]
        if piece.emit is not None:
            out.append(piece.emit)
        else:
            out.append(_span(text, piece.start, piece.end, block.inner, translations))
        position = token.end
    if position < len(translated):
        out.append(block.escape(translated[position:], line_start and not out))
    return "".join(out)


def html_lang(lang: str) -> str:
    """A gettext language code as HTML writes it (BCP 47): ``pt_BR`` -> ``pt-BR``,
    ``sr@latin`` -> ``sr-Latn``."""
    code, _, modifier = lang.partition("@")
    script = {"latin": "Latn", "cyrillic": "Cyrl"}.get(modifier.lower(), "")
    return "-".join(part for part in (*code.split("_"), script) if part)


def _set_lang(out: str, source: str, root: HtmlRoot, lang: str) -> str:
    if out[: root.end] != source[: root.end]:
        return out  # something before the tag changed: never guess where it went
    base = lang.replace("-", "_").split("_")[0].lower()
    edits: list[tuple[int, int, str]] = []
    for span, name, value, quoted in (
        (root.lang, "lang", html_lang(lang), root.quoted[0]),
        (root.dir, "dir", "rtl" if base in _RTL else "ltr", root.quoted[1]),
    ):
        if span is not None:
            edits.append((*span, value if quoted else f'"{value}"'))
        elif name == "lang" or base in _RTL:
            end = root.end - (2 if out[root.start : root.end].endswith("/>") else 1)
            edits.append((end, end, f' {name}="{value}"'))
    for start, end, value in sorted(edits, reverse=True):
        out = out[:start] + value + out[end:]
    return out
