"""HTML pages: readable text and attributes, by the standard library's parser.

``html.parser`` reports where each tag, text run and character reference starts, so
every piece is a span of the source and the untouched bytes are never rewritten.

Translated: the text of the body and of the head's ``<title>``; ``alt`` (``img``,
``area``, ``input``) and ``title`` attributes; ``<meta>`` descriptions and titles
(``description``, ``og:title``, ``og:description``, ``twitter:title``,
``twitter:description``). Block elements (``p``, ``h1``, ``li``, ``td``...) end a block;
inline ones (``a``, ``strong``, ``span``...) become placeholder pairs, ``br`` and
``img`` placeholders of their own. Never translated: ``script``, ``style``, ``pre``,
``textarea``, ``svg``, ``math``, ``template``, comments, and elements under
``translate="no"`` or ``class="notranslate"``; inline ``code``, ``kbd``, ``samp`` and
``var`` (and inline elements under ``translate="no"``) are one placeholder, their
content kept.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from .base import (
    ATOM,
    CLOSE,
    OPEN,
    VOID,
    Block,
    HtmlRoot,
    Layout,
    Nested,
    Piece,
    Region,
    text_pieces,
)
from .sentences import has_letters, plain_text

__all__ = ["escape_attribute", "escape_text", "parse", "parse_regions"]

INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "label",
        "mark",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
    ]
)
_VOID_INLINE = frozenset({"br", "img", "wbr", "input"})
_CODE = frozenset({"code", "kbd", "samp", "var"})
_SKIPPED = frozenset({"script", "style", "pre", "textarea", "svg", "math", "template"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_IMPLIED = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
            "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
            "option": {"option"}}  # fmt: skip
_META = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_REFERENCE = re.compile(r"&(?:#[xX]?[0-9a-fA-F]*|[A-Za-z][A-Za-z0-9]*);?")
_TAG_NAME = re.compile(r"</?[^\s/>]*")


def escape_text(text: str, line_start: bool = False) -> str:
    """Translated text as HTML text: ``& < >`` and no-break spaces as references."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\xa0", "&nbsp;")
    )  # fmt: skip


def escape_attribute(text: str, quote: str) -> str:
    """Translated text as an attribute value inside ``quote`` (``"`` or ``'``)."""
    text = escape_text(text)
    return text.replace('"', "&quot;") if quote == '"' else text.replace("'", "&#39;")


def parse(text: str) -> Layout:
    """The layout of an HTML page (or fragment)."""
    parser = _Parser(text, 0, len(text))
    return Layout("html", tuple(parser.finish()), parser.root)


def parse_regions(text: str, start: int, end: int) -> list[Region]:
    """The regions of the HTML in ``text[start:end]`` (raw HTML inside Markdown)."""
    return _Parser(text, start, end).finish()


def _plain(text: str, start: int, end: int, label: str) -> Block:
    return Block(tuple(text_pieces(text, start, end)), label, _identity)


def _identity(text: str, line_start: bool = False) -> str:
    return text


class _Parser(HTMLParser):
    def __init__(self, text: str, start: int, end: int) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.base, self.stop = text, start, end
        chunk = text[start:end]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", chunk)]
        self.regions: list[Region] = []
        self.pieces: list[Piece] = []
        self.inner: list[Region] = []
        self.stack: list[str] = []
        self.counts: Counter[str] = Counter()
        self.skipping: list[str] = []  # the element being skipped, once per open one
        self.atomic: tuple[int, str, int] | None = None  # (start, name, depth)
        self.root: HtmlRoot | None = None
        self.label = ""

    def finish(self) -> list[Region]:
        self.feed(self.text[self.base : self.stop])
        self.close()
        self._flush()
        return self.regions

    # -- positions ------------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.base + self.line_starts[line - 1] + column

    def _numbered(self, name: str) -> str:
        self.counts[name] += 1
        return f"{name} {self.counts[name]}"

    # -- runs of text ---------------------------------------------------------------------

    def _flush(self) -> None:
        if self.pieces:
            block = Block(tuple(self.pieces), "", escape_text, tuple(self.inner))
            if has_letters(plain_text(block)):
                where = self.stack[-1] if self.stack else "text"
                label = where if where == "title" else self._numbered(where)
                self.regions.append(Block(block.pieces, label, escape_text, block.inner))
            else:
                self.regions.extend(self.inner)
        self.pieces, self.inner = [], []

    def _piece(self, kind: int, start: int, end: int, name: str = "", plain: str = "") -> None:
        self.pieces.append(Piece(kind, start, end, plain, name))

    # -- the parser's events --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        void = closed or tag in _VOID
        if self.skipping or self.atomic is not None:
            self._nest(tag, +1, void)
            return
        values = dict(attrs)
        untranslated = (values.get("translate") or "").lower() == "no" or "notranslate" in (
            values.get("class") or ""
        ).split()
        if tag == "html":
            self.root = self._root(start, end)
        inline = tag in INLINE or tag in _VOID_INLINE or tag in _CODE
        if tag in _SKIPPED or (untranslated and not inline):
            self._flush()
            if not void:
                self.skipping.append(tag)
            return
        if untranslated or tag in _CODE:
            if void:
                self._piece(VOID, start, end, tag)
            else:
                self.atomic = (start, tag, 1)
            return
        regions = self._attributes(tag, values, start, end)
        if tag in _VOID_INLINE:
            self._piece(VOID, start, end, tag)
            self.inner.extend(regions)
        elif tag in INLINE:
            self._piece(OPEN, start, end, tag)
            self.inner.extend(regions)
        else:
            self._flush()
            self.regions.extend(regions)
            if not void:
                while self.stack and self.stack[-1] in _IMPLIED.get(tag, ()):
                    self.stack.pop()
                self.stack.append(tag)

    def _nest(self, tag: str, step: int, void: bool) -> None:
        """Count the skipped or atomic element's own kind, to know where it ends."""
        if void:
            return
        if self.atomic is not None:
            start, name, depth = self.atomic
            if tag == name:
                depth += step
                if depth == 0:
                    end = self.text.find(">", self._offset()) + 1
                    self.atomic = None
                    self._piece(VOID, start, end, name)
                    return
                self.atomic = (start, name, depth)
        elif tag == self.skipping[-1]:
            if step > 0:
                self.skipping.append(tag)
            else:
                self.skipping.pop()

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        if self.skipping or self.atomic is not None:
            self._nest(tag, -1, False)
            return
        end = self.text.find(">", start) + 1
        if tag in INLINE:
            self._piece(CLOSE, start, end, tag)
        elif tag in _VOID_INLINE:
            self._piece(VOID, start, end, tag)
        else:
            self._flush()
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass

    def handle_data(self, data: str) -> None:
        if self.skipping or self.atomic is not None or not data:
            return
        start = self._offset()
        self.pieces.extend(text_pieces(self.text, start, start + len(data)))

    def _reference(self) -> None:
        if self.skipping or self.atomic is not None:
            return
        start = self._offset()
        match = _REFERENCE.match(self.text, start)
        if match is None:
            return
        self.pieces.append(Piece(ATOM, start, match.end(), html.unescape(match.group())))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def handle_comment(self, data: str) -> None:
        if self.skipping or self.atomic is not None:
            return
        start = self._offset()
        if self.text.startswith("<!--", start):
            close = self.text.find("-->", start + 4)
            end = len(self.text) if close < 0 else close + 3
        else:
            end = self.text.find(">", start) + 1 or len(self.text)
        if self.pieces:
            self._piece(VOID, start, min(end, self.stop), "comment")

    def handle_decl(self, decl: str) -> None:
        self._flush()

    def handle_pi(self, data: str) -> None:
        self._flush()

    def unknown_decl(self, data: str) -> None:
        self._flush()

    # -- attributes -----------------------------------------------------------------------

    def _values(self, start: int, end: int) -> dict[str, tuple[int, int, str]]:
        """Each attribute's value span (quotes excluded) and quote character."""
        found: dict[str, tuple[int, int, str]] = {}
        name = _TAG_NAME.match(self.text, start, end)
        position = name.end() if name else start + 1
        for match in _ATTRIBUTE.finditer(self.text, position, end):
            if match.group(3) is None:
                continue
            value_start, value_end = match.span(3)
            quote = self.text[value_start]
            if quote in "\"'":
                value_start, value_end = value_start + 1, value_end - 1
            else:
                quote = ""
            found.setdefault(match.group(1).lower(), (value_start, value_end, quote))
        return found

    def _attributes(
        self, tag: str, values: dict[str, str | None], start: int, end: int
    ) -> list[Region]:
        wanted = []
        if "title" in values:
            wanted.append(("title", f"{tag} title"))
        if "alt" in values and tag in ("img", "area", "input"):
            wanted.append(("alt", f"{tag} alt"))
        if tag == "meta":
            kind = (values.get("name") or values.get("property") or "").lower()
            if kind in _META and "content" in values:
                wanted.append(("content", f"meta {kind}"))
        if not wanted:
            return []
        spans = self._values(start, end)
        regions: list[Region] = []
        for name, label in wanted:
            if name not in spans:
                continue
            value_start, value_end, quote = spans[name]
            decoded = html.unescape(self.text[value_start:value_end])
            if not has_letters(decoded):
                continue
            shown = label if tag == "meta" else self._numbered(label)
            regions.append(
                Nested(
                    value_start, value_end, decoded, (_plain(decoded, 0, len(decoded), ""),),
                    _attribute_encoder(quote), shown,
                )
            )  # fmt: skip
        regions.sort(key=lambda region: region.start)
        return regions

    def _root(self, start: int, end: int) -> HtmlRoot:
        spans = self._values(start, end)
        lang, direction = spans.get("lang"), spans.get("dir")
        return HtmlRoot(
            start, end,
            None if lang is None else lang[:2], None if direction is None else direction[:2],
            (lang is None or bool(lang[2]), direction is None or bool(direction[2])),
        )  # fmt: skip


def _attribute_encoder(quote: str) -> _Encoder:
    if quote:
        return _Encoder(quote, quote)
    return _Encoder('"', "")


class _Encoder:
    """Writes a translated attribute value in the source's quotes (``"`` when it had none)."""

    def __init__(self, quote: str, inside: str) -> None:
        self.quote, self.inside = quote, inside

    def __call__(self, text: str) -> str:
        value = escape_attribute(text, self.quote)
        return value if self.inside else f"{self.quote}{value}{self.quote}"
