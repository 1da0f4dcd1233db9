"""Reading articles: strict decoding, skip rules, and rendering them back."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.config import SkipBlock, SkipRules
from l10n.document import build_document, decode_source, skipped_spans
from l10n.errors import ConfigError, SourceError
from l10n.render import render
from l10n.segment import Segmenter

SEGMENTER = Segmenter()


def test_decode_keeps_newlines_and_reports_bom() -> None:
    assert decode_source(b"a\r\nb\rc\n", path="x") == ("a\r\nb\rc\n", False)
    assert decode_source(codecs.BOM_UTF8 + b"hi", path="x") == ("hi", True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "x:1: binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x:2: binary file"),
        (codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "x: the file is UTF-16, expected UTF-8"),
        (b"ok\ncaf\xe9\n", "x:2: invalid UTF-8 at byte 6"),
    ],
)
def test_decode_refuses_what_is_not_utf8_text(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as error:
        decode_source(data, path="x")
    assert str(error.value).startswith(message)


def test_decode_other_encoding_on_request() -> None:
    assert decode_source(b"caf\xe9", path="x", encoding="latin-1") == ("café", False)
    assert decode_source("hi".encode("utf-16"), path="x", encoding="utf-16") == ("hi", False)
    with pytest.raises(SourceError, match="unknown encoding 'klingon'"):
        decode_source(b"x", path="x", encoding="klingon")


ARTICLE = """Intro line.
skip past newsletter promotion
Sign up. It is free.
after newsletter promotion
Photograph: Somebody/EPA
Last words here.
"""
RULES = SkipRules(
    paragraphs=("^Photograph:",),
    blocks=(SkipBlock("skip past newsletter promotion", "after newsletter promotion"),),
)


def test_skip_rules_remove_blocks_and_paragraphs() -> None:
    spans = skipped_spans(ARTICLE, RULES)
    assert [ARTICLE[s.start : s.end] for s in spans] == [
        "skip past newsletter promotion\nSign up. It is free.\nafter newsletter promotion",
        "Photograph: Somebody/EPA",
    ]
    document = build_document(ARTICLE, path="a.txt", segmenter=SEGMENTER, skip=RULES)
    assert [s.text for s in document.segments] == ["Intro line.", "Last words here."]


def test_unclosed_block_runs_to_the_end() -> None:
    text = "One.\nSKIP PAST NEWSLETTER PROMOTION\nTwo.\nThree.\n"
    document = build_document(text, path="a", segmenter=SEGMENTER, skip=RULES)
    assert [s.text for s in document.segments] == ["One."]


def test_render_keeps_or_drops_skipped_text() -> None:
    document = build_document(ARTICLE, path="a.txt", segmenter=SEGMENTER, skip=RULES)
    translations = {"Intro line.": "Вступ.", "Last words here.": "Останні слова."}
    assert render(document, translations) == ARTICLE.replace("Intro line.", "Вступ.").replace(
        "Last words here.", "Останні слова."
    )
    assert render(document, translations, drop_skipped=True) == "Вступ.\nОстанні слова.\n"


def test_bad_skip_pattern_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="invalid skip pattern"):
        SkipRules(paragraphs=("(unclosed",))


texts = st.lists(
    st.sampled_from([*"ab .!?\n\r\t“”«»Mr", "Dr.", " e.g. ", "\u2028", "\r\n"]),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_render_without_translations_is_the_source(text: str) -> None:
    document = build_document(text, path="a", segmenter=SEGMENTER, skip=RULES)
    assert render(document, {}) == text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_render_replaces_exactly_the_segments(text: str) -> None:
    document = build_document(text, path="a", segmenter=SEGMENTER)
    translations = {s.text: f"<{len(s.text)}>" for s in document.segments}
    expected, position = [], 0
    for s in document.segments:
        expected += [text[position : s.start], f"<{len(s.text)}>"]
        position = s.end
    expected.append(text[position:])
    assert render(document, translations) == "".join(expected)
