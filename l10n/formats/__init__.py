"""Formats: how an article file becomes blocks of text to translate, and back.

``text`` (``.txt`` and anything unknown), ``markdown`` (``.md``, ``.markdown``), ``html``
(``.html``, ``.htm``) and ``json`` (``.json``): :func:`format_for` picks one from the
file name unless the project names one (``format`` in ``l10n.toml``, ``--format``).
:func:`parse` turns a file's text into a :class:`Layout` of regions (see :mod:`.base`);
:func:`sentences` (in :mod:`.sentences`) cuts its blocks into messages and
:func:`render` writes translations back. Plain text keeps the path of
:mod:`l10n.document`, unchanged; the other formats come here.
"""

from __future__ import annotations

from pathlib import PurePath

from ..config import FormatSettings
from ..errors import UsageError
from .base import Block, Layout, Nested, Piece, Region, Sentence, iter_blocks
from .inline import mend, problems, strip_placeholders, tokens
from .render import html_lang, render
from .sentences import has_letters, plain_text, sentences

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Block",
    "Layout",
    "Nested",
    "Piece",
    "Region",
    "Sentence",
    "format_for",
    "has_letters",
    "html_lang",
    "iter_blocks",
    "mend",
    "parse",
    "plain_text",
    "problems",
    "render",
    "sentences",
    "strip_placeholders",
    "tokens",
]

FORMATS = ("text", "markdown", "html", "json")
EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def format_for(path: str | PurePath, configured: str = "auto") -> str:
    """The format of the file at ``path``: ``configured`` unless it is ``auto``, else by
    the file's extension (``text`` for an unknown one)."""
    if configured != "auto":
        if configured not in FORMATS:
            raise UsageError(f"unknown format {configured!r} (known: auto, {', '.join(FORMATS)})")
        return configured
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def parse(text: str, format: str, settings: FormatSettings, *, path: str = "") -> Layout:
    """The layout of ``text`` in ``format`` (not ``text``: plain articles keep their path).

    Raises :class:`~l10n.errors.SourceError` for a file the format cannot read (JSON
    that does not parse, say), naming ``path``.
    """
    if format == "html":
        from .html import parse as parse_html

        return parse_html(text)
    if format == "markdown":
        from .markdown import parse as parse_markdown

        return parse_markdown(text, settings, path=path)
    if format == "json":
        from .json import parse as parse_json

        return parse_json(text, settings, path=path)
    if format == "text":
        from .text import parse_regions

        return Layout("text", tuple(parse_regions(text, 0, len(text), "paragraph")))
    raise UsageError(f"unknown format {format!r} (known: {', '.join(FORMATS)})")
