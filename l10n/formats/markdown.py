"""Markdown articles: CommonMark with GFM tables and strikethrough, by markdown-it-py.

Translated: headings, paragraphs (also in lists and block quotes), table cells, link
text, image descriptions (alt text), link and image titles and the front matter keys the
project names (:class:`~l10n.config.FormatSettings`; default ``title``, ``description``,
``summary``), in YAML front matter (``---``) or TOML (``+++``, :mod:`.front_toml`).
Kept as they are: block markers and indentation, code (fenced, indented and inline),
link and image targets, autolinks, HTML comments, the rest of the front matter. Raw
HTML blocks go to the HTML format; inline HTML tags become placeholders.

markdown-it-py gives line ranges for blocks but no offsets inside them, so each inline
token is found again in the source: a block whose tokens cannot all be found (tabs
expanded by a container's indentation, say) is left as it is in the source, untranslated.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING, Any

from ..config import FormatSettings
from ..errors import SourceError
from .base import (
    ATOM,
    CLOSE,
    OPEN,
    SPACE,
    VOID,
    Block,
    Layout,
    Nested,
    Piece,
    Region,
    text_pieces,
)
from .front_toml import TOML_CLOSE, TOML_OPEN, toml_front_matter
from .sentences import has_letters, plain_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["escape_cell", "escape_markdown", "parse"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_SOFT = re.compile(r"[ \t]*\n[ \t]*")
_HARD = re.compile(r"(?:\\|[ \t]*)\n[ \t]*")
_ESCAPED = re.compile(r"[\\`*_\[\]<]")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LEADING_MARK = re.compile(r"([#>+=-])(?=\s|$)|(\d+)([.)])(?=\s|$)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_HTML_VOID = frozenset({"br", "img", "wbr", "hr", "input"})
_EMPHASIS = frozenset(f"{n}_{e}" for n in ("em", "strong", "s") for e in ("open", "close"))


class _Misaligned(Exception):
    """An inline token not found where the source should have it."""


def escape_markdown(text: str, line_start: bool = False) -> str:
    """Translated text as Markdown text: what would be markup is backslash-escaped."""
    text = _ENTITY_LIKE.sub("&amp;", _ESCAPED.sub(lambda m: "\\" + m.group(), text))
    if line_start:
        stripped = text.lstrip()
        lead = text[: len(text) - len(stripped)]
        match = _LEADING_MARK.match(stripped)
        if match is not None:
            if match.group(1):
                stripped = "\\" + stripped
            else:
                digits = match.group(2)
                stripped = digits + "\\" + stripped[len(digits) :]
        text = lead + stripped
    return text


def escape_cell(text: str, line_start: bool = False) -> str:
    """Translated text in a table cell: also ``|``."""
    return escape_markdown(text, False).replace("|", "\\|")


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.core.ruler.disable("text_join")  # keep escapes and entities as tokens of their own
    return md


def parse(text: str, settings: FormatSettings, *, path: str = "") -> Layout:
    """The layout of a Markdown article (front matter, then the document)."""
    regions: list[Region] = []
    masked = text
    for opening, closing, front_matter in (
        (_FRONT_OPEN, _FRONT_CLOSE, _front_matter),  # YAML: Jekyll, Hugo, Astro, ...
        (TOML_OPEN, TOML_CLOSE, toml_front_matter),  # TOML: Hugo's +++
    ):
        opened = opening.match(text)
        closed = None if opened is None else closing.search(text, opened.end())
        if opened is not None and closed is not None:
            regions += front_matter(text, opened.end(), closed.start(), settings, path)
            end = closed.end()
            masked = re.sub(r"[^\r\n]", " ", text[:end]) + text[end:]
    regions += _Walker(text, masked).walk()
    return Layout("markdown", tuple(regions))


# -- the document --------------------------------------------------------------------------


class _Walker:
    def __init__(self, text: str, masked: str) -> None:
        self.text = text
        self.masked = masked
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.counts: dict[str, int] = {}
        self.regions: list[Region] = []

    def _numbered(self, name: str) -> str:
        self.counts[name] = self.counts.get(name, 0) + 1
        return f"{name} {self.counts[name]}"

    def _line(self, row: int) -> tuple[int, str]:
        start = self.line_starts[row] if row < len(self.line_starts) else len(self.text)
        end = self.line_starts[row + 1] if row + 1 < len(self.line_starts) else len(self.text)
        return start, self.text[start:end].rstrip("\r\n")

    def walk(self) -> list[Region]:
        tokens = _parser().parse(self.masked)
        containers: list[str] = []
        heading = ""
        row: list[int] | None = None
        cells: list[tuple[int, str]] = []
        for token in tokens:
            kind = token.type
            if kind in ("blockquote_open", "list_item_open"):
                containers.append(kind)
            elif kind in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif kind == "heading_open":
                heading = token.tag
            elif kind == "paragraph_open":
                heading = ""
            elif kind == "tr_open" and token.map:
                row = token.map
                cells = self._cells(row[0])
            elif kind in ("th_open", "td_open"):
                heading = token.tag
            elif kind == "inline":
                if heading in ("th", "td"):
                    if cells:
                        start, raw = cells.pop(0)
                        self._cell(heading, start, raw)
                elif token.map is not None:
                    name = heading or self._paragraph_name(containers)
                    self._inline(token, name)
            elif kind == "html_block" and token.map and not containers:
                from .html import parse_regions

                start, _ = self._line(token.map[0])
                end, _ = self._line(token.map[1])
                self.regions.extend(parse_regions(self.text, start, end))
        return self.regions

    @staticmethod
    def _paragraph_name(containers: list[str]) -> str:
        if "list_item_open" in containers:
            return "li"
        return "blockquote" if containers else "p"

    # -- blocks -------------------------------------------------------------------------

    def _inline(self, token: Token, name: str) -> None:
        content = token.content
        assert token.map is not None
        starts = self._content_map(token.map, content)
        if starts is None:
            return
        breaks = [0] + [m.end() for m in re.finditer("\n", content)]

        def to_file(offset: int) -> int:
            line = bisect.bisect_right(breaks, offset) - 1
            return starts[line] + offset - breaks[line]

        self._block(token.children or [], content, to_file, name, escape_markdown)

    def _cells(self, row: int) -> list[tuple[int, str]]:
        """The raw cells of a table row: (offset, text), pipes and spaces around left out."""
        start, line = self._line(row)
        body = line.strip()
        offset = start + len(line) - len(line.lstrip())
        if body.startswith("|"):
            body, offset = body[1:], offset + 1
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        cells, position = [], 0
        for part in _CELL_SPLIT.split(body):
            lead = len(part) - len(part.lstrip())
            cells.append((offset + position + lead, part.strip()))
            position += len(part) + 1
        return cells

    def _cell(self, name: str, start: int, raw: str) -> None:
        if not raw:
            return
        tokens = _parser().parseInline(raw)
        children = tokens[0].children or [] if tokens else []
        self._block(children, raw, lambda offset: start + offset, name, escape_cell)

    def _block(
        self, children: list[Token], content: str, to_file: Any, name: str, escape: Any
    ) -> None:
        try:
            pieces, inner = _Aligner(content, to_file, self).align(children)
        except _Misaligned:
            return
        if not pieces:
            return
        block = Block(tuple(pieces), "", escape, tuple(inner))
        if has_letters(plain_text(block)):
            self.regions.append(Block(block.pieces, self._numbered(name), escape, block.inner))
        else:
            self.regions.extend(inner)

    def _content_map(self, lines: list[int], content: str) -> list[int] | None:
        """Where each line of an inline token's content starts in the file."""
        starts = []
        for number, piece in enumerate(content.split("\n")):
            row = lines[0] + number
            if row >= lines[1]:
                return None
            start, line = self._line(row)
            stripped = line.rstrip(" \t")
            if line.endswith(piece):
                starts.append(start + len(line) - len(piece))
            elif stripped.endswith(piece):
                starts.append(start + len(stripped) - len(piece))
            elif piece in line:
                starts.append(start + line.index(piece))
            else:
                return None
        return starts


class _Aligner:
    """Finds each inline token in the content again, giving pieces in file offsets."""

    def __init__(self, content: str, to_file: Any, walker: _Walker) -> None:
        self.content = content
        self.to_file = to_file
        self.walker = walker
        self.pieces: list[Piece] = []
        self.inner: list[Region] = []

    def _add(self, kind: int, start: int, end: int, plain: str = "", name: str = "",
             emit: str | None = None) -> None:  # fmt: skip
        self.pieces.append(Piece(kind, self.to_file(start), self.to_file(end), plain, name, emit))

    def align(self, children: list[Token], position: int = 0) -> tuple[list[Piece], list[Region]]:
        end = self._run(children, position)
        if self.content[end:].strip():
            raise _Misaligned
        return self.pieces, self.inner

    def _run(self, children: list[Token], position: int) -> int:
        content = self.content
        links: list[int] = []
        index = 0
        while index < len(children):
            token = children[index]
            kind = token.type
            if kind == "text":
                if token.content and not content.startswith(token.content, position):
                    raise _Misaligned
                end = position + len(token.content)
                for piece in text_pieces(content, position, end):
                    self._add(piece.kind, piece.start, piece.end, piece.plain)
                position = end
            elif kind == "text_special":
                if not content.startswith(token.markup, position):
                    raise _Misaligned
                end = position + len(token.markup)
                self._add(ATOM, position, end, token.content)
                position = end
            elif kind in ("softbreak", "hardbreak"):
                found = (_SOFT if kind == "softbreak" else _HARD).match(content, position)
                if found is None:
                    raise _Misaligned
                if kind == "softbreak":
                    self._add(SPACE, position, found.end(), " ")
                else:
                    self._add(VOID, position, found.end(), name="br")
                position = found.end()
            elif kind in _EMPHASIS:
                if not token.markup or not content.startswith(token.markup, position):
                    raise _Misaligned
                name = kind.rsplit("_", 1)[0]
                end = position + len(token.markup)
                self._add(OPEN if kind.endswith("_open") else CLOSE, position, end, name=name)
                position = end
            elif kind == "link_open" and token.markup == "autolink":
                end = content.find(">", position) + 1
                if not content.startswith("<", position) or end <= 0:
                    raise _Misaligned
                self._add(VOID, position, end, name="a")
                position = end
                while index < len(children) and children[index].type != "link_close":
                    index += 1
            elif kind == "link_open":
                if not content.startswith("[", position):
                    raise _Misaligned
                links.append(position + 1)
                self._add(OPEN, position, position + 1, name="a")
                position += 1
            elif kind == "link_close":
                if not links or not content.startswith("]", position):
                    raise _Misaligned
                label = content[links.pop() : position]
                end, form, title = _tail_and_title(content, position)
                emit = f"][{label}]" if form in ("collapsed", "shortcut") else None
                self._add(CLOSE, position, end, name="a", emit=emit)
                self._title(title, "link title")
                position = end
            elif kind == "image":
                position = self._image(token, position)
            elif kind == "code_inline":
                position = self._code(token, position)
            elif kind == "html_inline":
                position = self._html(token, position)
            else:
                raise _Misaligned
            index += 1
        return position

    def _image(self, token: Token, position: int) -> int:
        content = self.content
        if not content.startswith("![", position):
            raise _Misaligned
        alt = _Aligner(content, self.to_file, self.walker)
        close = alt._run(token.children or [], position + 2)
        if not content.startswith("]", close):
            raise _Misaligned
        end, form, title = _tail_and_title(content, close)
        self._add(VOID, position, end, name="img")
        if form in ("inline", "full") and alt.pieces:
            block = Block(tuple(alt.pieces), "", escape_markdown, tuple(alt.inner))
            if has_letters(plain_text(block)):
                label = self.walker._numbered("img alt")
                self.inner.append(Block(block.pieces, label, escape_markdown, block.inner))
        self._title(title, "img title")  # after the alt text: inner regions in source order
        return end

    def _title(self, span: tuple[int, int] | None, name: str) -> None:
        """A link's or image's title (``"Shelter map"``), a message of its own: one line,
        without backslash escapes or entities (those are kept as written)."""
        if span is None:
            return
        raw = self.content[span[0] + 1 : span[1] - 1]
        if not has_letters(raw) or any(c in raw for c in "\\&\n\r"):
            return
        start = self.to_file(span[0] + 1)
        pieces = text_pieces(self.walker.text, start, start + len(raw))
        if pieces:
            ends = {"(": ")"}.get(self.content[span[0]], self.content[span[0]])
            label = self.walker._numbered(name)
            self.inner.append(Block(tuple(pieces), label, functools.partial(_title_escape, ends)))

    def _code(self, token: Token, position: int) -> int:
        ticks = token.markup
        if not ticks or not self.content.startswith(ticks, position):
            raise _Misaligned
        closing = re.compile(rf"(?<!`){re.escape(ticks)}(?!`)")
        found = closing.search(self.content, position + len(ticks))
        if found is None:
            raise _Misaligned
        self._add(VOID, position, found.end(), name="code")
        return found.end()

    def _html(self, token: Token, position: int) -> int:
        raw = token.content
        if not self.content.startswith(raw, position):
            raise _Misaligned
        end = position + len(raw)
        tag = _HTML_TAG.match(raw)
        if tag is None or raw.endswith("/>") or tag.group(2).lower() in _HTML_VOID:
            self._add(VOID, position, end, name=tag.group(2).lower() if tag else "html")
        else:
            kind = CLOSE if tag.group(1) else OPEN
            self._add(kind, position, end, name=tag.group(2).lower())
        return end


def _title_escape(quote: str, text: str, line_start: bool) -> str:
    """A translated title as its quotes need it: the closing quote (and ``(`` in a
    parenthesized title) and backslashes escaped, on one line."""
    text = " ".join(text.split()).replace("\\", "\\\\").replace(quote, "\\" + quote)
    return text.replace("(", "\\(") if quote == ")" else text


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n":
        position += 1
    return position


def _tail(content: str, close: int) -> tuple[int, str]:
    """Where a link's or image's target ends after its ``]`` at ``close``, and its form:
    ``inline`` ``(url "title")``, ``full`` ``[ref]``, ``collapsed`` ``[]``, ``shortcut``."""
    end, form, _title = _tail_and_title(content, close)
    return end, form


def _tail_and_title(content: str, close: int) -> tuple[int, str, tuple[int, int] | None]:
    """:func:`_tail`, and the span of an inline target's title, its quotes included."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    after = close + 1
    if content.startswith("(", after):
        position = _skip_space(content, after + 1)
        span = None
        if position < len(content) and content[position] != ")":
            destination = parseLinkDestination(content, position, len(content))
            if destination.ok:
                position = _skip_space(content, destination.pos)
                if position != destination.pos and position < len(content):
                    title = parseLinkTitle(content, position, len(content))
                    if title.ok:
                        span = (position, title.pos)
                        position = _skip_space(content, title.pos)
        if content.startswith(")", position):
            return position + 1, "inline", span
    if content.startswith("[]", after):
        return after + 2, "collapsed", None
    if content.startswith("[", after):
        end = content.find("]", after + 1)
        if end > 0:
            return end + 1, "full", None
    return after, "shortcut", None


# -- front matter --------------------------------------------------------------------------


def _front_matter(
    text: str, start: int, end: int, settings: FormatSettings, path: str
) -> list[Region]:
    """The configured keys of the YAML front matter ``text[start:end]``, as regions."""
    import yaml

    try:
        root = yaml.compose(text[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = None if mark is None else text.count("\n", 0, start) + mark.line + 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            f"front matter is not valid YAML: {problem}", path=path, line=line
        ) from None
    regions: list[Region] = []
    for key in settings.front_matter:
        node = _find(root, key.split("."))
        if node is None:
            continue
        first, last = start + node.start_mark.index, start + node.end_mark.index
        decoded = node.value
        if not has_letters(decoded):
            continue
        from .text import parse_regions

        inner = parse_regions(decoded, 0, len(decoded), "line")
        if len(inner) == 1:
            inner = [Block(b.pieces, "", b.escape) for b in inner if isinstance(b, Block)]
        encode = _YamlScalar(node.style, text[first:last])
        regions.append(Nested(first, last, decoded, tuple(inner), encode, f"front matter: {key}"))
    regions.sort(key=lambda region: region.start)
    return regions


def _find(node: Any, keys: list[str]) -> Any:
    import yaml

    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
        if not found:
            return None
        node = found[0]
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return node
    return None


class _YamlScalar:
    """Writes a translated value in the scalar's own style where YAML allows it."""

    def __init__(self, style: str | None, raw: str) -> None:
        self.style, self.raw = style, raw

    def __call__(self, value: str) -> str:
        import json

        if self.style in ("|", ">"):
            header, _, rest = self.raw.partition("\n")
            indent = re.match(r"[ \t]*", rest)
            pad = indent.group() if indent else "  "
            body = value.rstrip("\n").split("\n")
            tail = self.raw[len(self.raw.rstrip("\n")) :] or "\n"
            return header + "\n" + "\n".join(pad + line if line else "" for line in body) + tail
        if "\n" not in value:
            if self.style == "'":
                return "'" + value.replace("'", "''") + "'"
            if self.style is None and _plain_ok(value):
                return value
        return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str) -> bool:
    import yaml

    if not value or value != value.strip() or value[0] in "!&*-?:,[]{}#|>@`'\"%":
        return False
    try:
        return bool(yaml.safe_load(f"k: {value}") == {"k": value})
    except yaml.YAMLError:
        return False
