"""Golden files per format (tests/data/formats, see tests/formats_golden.py), and
properties: generated Markdown and HTML documents rebuild to themselves with no
translations, and to well-formed documents with pseudo-translations."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from l10n.config import FormatSettings
from l10n.document import build_document
from l10n.engine.fake import fake_translate
from l10n.formats import mend, render
from l10n.segment import Segmenter
from tests.formats_golden import (
    built_of,
    cases,
    document_of,
    pseudo,
    source_of,
    template_of,
)

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_template(case: Path) -> None:
    assert template_of(case).decode("utf-8") == (case / "expected.pot").read_text("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_translated_article(case: Path) -> None:
    expected = case / f"expected.uk{source_of(case).suffix}"
    assert built_of(case) == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_identity_build_byte_for_byte(case: Path) -> None:
    document = document_of(case)
    assert render(document.layout, document.text, {}, lang="uk") == document.text
    assert render(document.layout, document.text, {s.text: s.text for s in document.segments}) \
        == document.text


def test_every_format_has_golden_files() -> None:
    assert {case.name.split("-")[0] for case in CASES} == {"html", "markdown", "json"}


# -- properties -----------------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["Kyiv", "mayor", "said", "the", "metro", "stations", "open", "night", "46", "war",
     "Klitschko", "shelter", "cold", "a", "it’s", "“quoted”", "e.g.", "(aside)", "—", "&"]
)  # fmt: skip
_END = st.sampled_from([".", "!", "?", ":", ""])


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=8))
    return " ".join(words) + draw(_END)


@st.composite
def _md_inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(_sentence())
        kind = draw(st.sampled_from(["plain", "em", "strong", "link", "code", "image", "ref"]))
        if kind == "em":
            text = f"*{text.strip() or 'x'}*"
        elif kind == "strong":
            text = f"**{text.strip() or 'x'}**"
        elif kind == "link":
            text = f"[{text}](https://example.org/{len(parts)} \"Title\")"
        elif kind == "code":
            text = f"`code {len(parts)}`"
        elif kind == "image":
            text = f"![{text}](img/{len(parts)}.png)"
        elif kind == "ref":
            text = f"[{text}][r]"
        parts.append(text)
    return draw(st.sampled_from([" ", "\n"])).join(parts)


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    blocks = []
    for index in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "h", "list", "quote", "table", "code", "html"]))
        inline = draw(_md_inline())
        if kind == "h":
            blocks.append("#" * draw(st.integers(1, 3)) + " " + inline.replace("\n", " "))
        elif kind == "list":
            marker = draw(st.sampled_from(["-", "*", "1."]))
            items = [draw(_md_inline()).replace("\n", " ") for _ in range(2)]
            blocks.append("\n".join(f"{marker} {item}" for item in items))
        elif kind == "quote":
            blocks.append("\n".join("> " + line for line in inline.split("\n")))
        elif kind == "table":
            cells = [draw(_sentence()).replace("|", "") or "x" for _ in range(2)]
            blocks.append(f"| A | B |\n|---|---|\n| {cells[0]} | {cells[1]} |")
        elif kind == "code":
            blocks.append(f"```\ncode {index} *not* [text](x)\n```")
        elif kind == "html":
            blocks.append(f"<div>{draw(_sentence())} <b>bold</b></div>")
        else:
            blocks.append(inline)
    front = draw(st.booleans())
    head = "---\ntitle: A title here\nslug: a-slug\n---\n\n" if front else ""
    return head + "\n\n".join(blocks) + "\n\n[r]: https://example.org/ref\n"


def _markdown_shape(text: str) -> tuple[list[str], list[str], list[str]]:
    """Block token types, link and image targets, code contents of a Markdown text."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    blocks, targets, code = [], [], []
    for token in md.parse(text):
        blocks.append(token.type)
        if token.type in ("fence", "code_block"):
            code.append(token.content)
        for child in token.children or []:
            if child.type == "link_open":
                targets.append(str(child.attrs.get("href")))
            elif child.type == "image":
                targets.append(str(child.attrs.get("src")))
            elif child.type == "code_inline":
                code.append(child.content)
    return blocks, sorted(targets), sorted(code)


def _document(text: str, fmt: str):  # type: ignore[no-untyped-def]
    return build_document(
        text, path="a", segmenter=Segmenter(), format=fmt, formats=FormatSettings()
    )


@settings(max_examples=60)
@given(markdown_documents())
def test_markdown_rebuilds_to_itself_and_to_the_same_shape(text: str) -> None:
    document = _document(text, "markdown")
    assert render(document.layout, text, {}) == text
    translations = {s.text: pseudo(s.text) for s in document.segments}
    built = render(document.layout, text, translations)
    assert _markdown_shape(built) == _markdown_shape(text)
    if document.segments:
        assert built != text


class _Shape(HTMLParser):
    """The tags of a page in order, with their attributes (those readers see left out:
    they are translated), and whether every element closes where it should."""

    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.nested = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + str(sorted((k, v) for k, v in attrs if k not in ("alt", "title"))))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)
        if not self.stack or self.stack.pop() != tag:
            self.nested = False


def _html_text(text: str) -> list[str]:
    """What readers see: the text between tags."""
    shape = _Text()
    shape.feed(text)
    shape.close()
    return shape.text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html_shape(text: str) -> _Shape:
    shape = _Shape()
    shape.feed(text)
    shape.close()
    return shape


@st.composite
def _html_inline(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for index in range(draw(st.integers(1, 4))):
        text = draw(_sentence()).replace("&", "&amp;")
        kind = draw(st.sampled_from(["plain", "b", "a", "code", "img", "br", "span"]))
        if kind in ("b", "span") and depth < 2:
            inner = draw(_html_inline(depth + 1))
            text = f'<{kind} class="c{index}">{inner}</{kind}>'
        elif kind == "a":
            text = f'<a href="/x/{index}" title="Go there">{text}</a>'
        elif kind == "code":
            text = f"<code>x &lt; {index}</code>"
        elif kind == "img":
            text = f'<img src="{index}.png" alt="{draw(_sentence())}">'
        elif kind == "br":
            text = "<br>"
        parts.append(text)
    return draw(st.sampled_from([" ", "\n  "])).join(parts)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(["p", "h2", "li", "td", "blockquote", "pre", "div"]))
        inner = draw(_html_inline())
        blocks.append(f"<{tag}>{inner}</{tag}>")
    head = '<html lang="en"><head><title>A page title</title></head><body>\n'
    return head + "\n".join(blocks) + "\n<!-- end --></body></html>\n"


@settings(max_examples=60)
@given(html_documents())
def test_html_rebuilds_to_itself_and_to_a_well_formed_page(text: str) -> None:
    document = _document(text, "html")
    assert render(document.layout, text, {}, lang="uk") == text
    translations = {s.text: pseudo(s.text) for s in document.segments}
    built = render(document.layout, text, translations, lang="uk")
    before, after = _html_shape(text), _html_shape(built)
    assert before.nested and after.nested
    assert after.tags[0] == "html[('lang', 'uk')]"
    assert after.tags[1:] == before.tags[1:]
    assert _html_text(built) != _html_text(text)


def _engine_output(message: str) -> str:
    """What ``--engine fake`` leaves in a catalog: word order reversed (placeholders
    with their words), then mended; a translation left broken stays unused."""
    return mend(message, fake_translate(message, target="uk"))[0]


@settings(max_examples=60)
@given(markdown_documents())
def test_markdown_with_the_fake_engine_keeps_its_shape(text: str) -> None:
    document = _document(text, "markdown")
    translations = {s.text: _engine_output(s.text) for s in document.segments}
    built = render(document.layout, text, translations)
    assert _markdown_shape(built) == _markdown_shape(text)


@settings(max_examples=60)
@given(html_documents())
def test_html_with_the_fake_engine_is_well_formed(text: str) -> None:
    document = _document(text, "html")
    translations = {s.text: _engine_output(s.text) for s in document.segments}
    built = render(document.layout, text, translations, lang="uk")
    before, after = _html_shape(text), _html_shape(built)
    assert after.nested
    assert sorted(after.tags[1:]) == sorted(before.tags[1:])
