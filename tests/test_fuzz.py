"""Fuzzing (issue 5, section 6): the PO reader, the segmenter and the renderer.

- PO reader: mutated valid catalogs and random bytes give a catalog or a
  :class:`CatalogError` with path and line, never another exception; whatever loads is
  written back in a form that parses to the same content, and writing is idempotent;
  ``msgfmt --check`` accepts a sample of the catalogs we write.
- Segmenter: any text, for several languages and settings, gives segments that are
  exact, non-empty, trimmed, ordered slices, with only whitespace outside them.
- Renderer: no translations give the text back; translating every segment replaces
  exactly the segments and keeps everything between them.
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n.errors import CatalogError
from l10n.fmt import catalog_content
from l10n.model import Document
from l10n.po import read as pofile
from l10n.render import render
from l10n.segment import Segmenter, SegmentSettings
from tests.po_helpers import msgfmt_check

PATH = "fuzz.po"
VALID = (Path(__file__).parent / "data" / "po" / "gnu_layout.po").read_bytes()
TOKENS = [
    b'"', b"\\", b"\\n", b"\\x", b"\\777", b"msgid ", b"msgstr ", b"msgstr[1] ", b"msgstr[",
    b"msgctxt ", b"msgid_plural ", b"#~ ", b"#| ", b"#, fuzzy", b"#: a:1", b"\n", b"\r",
    b"\r\n", b"\0", b"\xff", b"\xef\xbb\xbf", b"\xd0", b'""', b"charset=latin-1",
    b"charset=nope", b"nplurals=9;", b"\t", b" ", b"\xe2\x80\xa8",
]  # fmt: skip
SMALL = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The valid fixture with a few bytes cut, tokens inserted or spans repeated."""
    data = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "repeat", "byte"]))
        if kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            data = data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
        elif kind == "repeat":
            data = data[:at] + data[at : at + draw(st.integers(1, 80)) * 2] + data[at:]
        else:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


def _load_or_refuse(data: bytes) -> cat.Catalog | None:
    try:
        return cat.parse_catalog(data, path=PATH)
    except CatalogError as error:
        assert error.path == PATH and error.line is not None and error.line >= 1, str(error)
        assert "\n" not in str(error) and str(error).startswith(f"{PATH}:{error.line}: ")
        return None


def _written_back_same(catalog: cat.Catalog) -> None:
    written = cat.format_catalog(catalog)
    again = cat.parse_catalog(written, path=PATH)
    assert catalog_content(again) == catalog_content(catalog)
    assert cat.format_catalog(again) == written


@SMALL
@given(mutated())
def test_mutated_catalogs_load_or_fail_with_a_line(data: bytes) -> None:
    catalog = _load_or_refuse(data)
    if catalog is not None:
        _written_back_same(catalog)


@SMALL
@given(st.binary(max_size=400) | st.lists(st.sampled_from(TOKENS), max_size=30).map(b"".join))
def test_random_bytes_load_or_fail_with_a_line(data: bytes) -> None:
    catalog = _load_or_refuse(data)
    if catalog is not None:
        _written_back_same(catalog)


def _outcome(data: bytes) -> object:
    try:
        catalog = cat.parse_catalog(data, path=PATH)
    except CatalogError as error:
        return str(error)
    return catalog_content(catalog), [entry.linenum for entry in catalog.all_entries()]


@SMALL
@given(mutated() | st.lists(st.sampled_from(TOKENS), max_size=30).map(b"".join))
def test_whole_entry_reader_agrees_with_the_line_parser(data: bytes) -> None:
    # Entries in the usual layout are read at once, for speed; the line parser alone
    # must read the same entries (same lines), or refuse with the same error and line.
    fast = _outcome(data)
    with mock.patch.object(pofile, "_SIMPLE_ENTRY", re.compile("(?!)")):  # never matches
        assert _outcome(data) == fast


# No NUL, and no EOT: gettext's context separator, refused inside msgid and msgctxt.
TEXT = st.text(st.characters(codec="utf-8", blacklist_characters="\0\x04"), max_size=40)
# Comments hold no CR here: the writer turns one into a line break (a file cannot hold a
# CR inside a comment line), so such a comment does not read back equal; test_catalog.py
# pins that behaviour.
COMMENT = st.text(st.characters(codec="utf-8", blacklist_characters="\0\r"), max_size=40).filter(
    lambda text: not any(line.endswith("\\") for line in text.split("\n"))
)  # a line ending in a backslash is refused (test_pofile.py pins it): GNU joins the next
FLAGS = st.lists(st.sampled_from(["fuzzy", "python-format", "c-format", "no-wrap"]), unique=True)


@st.composite
def entries(draw: st.DrawFn) -> list[dict[str, object]]:
    found: dict[tuple[str | None, str], dict[str, object]] = {}
    for _ in range(draw(st.integers(0, 6))):
        msgid = draw(TEXT.filter(bool))
        msgctxt = draw(st.none() | TEXT)
        if draw(st.booleans()):
            plural = {"msgid_plural": draw(TEXT.filter(bool)), "msgstr_plural": {0: "", 1: ""}}
            plural["msgstr_plural"] = {0: draw(TEXT), 1: draw(TEXT)}
        else:
            plural = {"msgstr": draw(TEXT)}
        found[(msgctxt, msgid)] = {
            "msgid": msgid, "msgctxt": msgctxt, "flags": draw(FLAGS),
            "tcomment": draw(COMMENT), "comment": draw(COMMENT),
            "occurrences": draw(st.lists(
                st.tuples(st.from_regex(r"[a-z]{1,8}\.txt", fullmatch=True),
                          st.sampled_from(["", "1", "42"])),
                max_size=3, unique=True,
            )),
            "obsolete": draw(st.booleans()), **plural,
        }  # fmt: skip
    return list(found.values())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries())
def test_catalogs_we_write_parse_back_equal(fields: list[dict[str, object]]) -> None:
    catalog = cat.Catalog([cat.make_entry(**f) for f in fields], path=PATH)
    catalog.metadata.update(
        {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=n != 1;"}
    )
    _written_back_same(catalog)


@settings(
    max_examples=15, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries())
def test_msgfmt_accepts_a_sample_of_what_we_write(
    tmp_path: Path, fields: list[dict[str, object]]
) -> None:
    # msgfmt --check judges the text too (same edge newlines in msgid and msgstr, format
    # directives): the sample keeps our layout and escapes, with texts msgfmt agrees to.
    for number, f in enumerate(fields):
        msgid = f"m{number} " + str(f["msgid"]).replace("\n", " ")
        f["msgid"], f["flags"] = msgid, ["fuzzy"] if "fuzzy" in f["flags"] else []  # type: ignore[operator]
        if "msgstr_plural" in f:
            f["msgid_plural"] = msgid + " (plural)"
            f["msgstr_plural"] = {0: msgid, 1: msgid}
        else:
            f["msgstr"] = msgid
    catalog = cat.Catalog([cat.make_entry(**f) for f in fields], path=PATH)
    catalog.metadata.update(
        {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=n != 1;"}
    )
    path = tmp_path / "sample.po"
    path.write_bytes(cat.format_catalog(catalog))
    msgfmt_check(path)


# -- segmenter and renderer ---------------------------------------------------------------

NASTY = st.lists(
    st.sampled_from(list("ab .!?…«»“”\"'()\n\r\t\u2028\u2029\u00a0\x0b\x0c\x85"))
    | st.sampled_from(["Dr.", "U.S.", " A", "1.", "e.g.", " Він", "\r\n"]),
    max_size=60,
).map("".join) | st.text(max_size=60)


@pytest.fixture(scope="module")
def segmenters() -> list[Segmenter]:
    return [
        Segmenter(SegmentSettings(lang=lang, split_quotations=split))
        for lang in ("en", "uk", "de")
        for split in (True, False)
    ]


@SMALL
@given(text=NASTY)
def test_segments_are_exact_ordered_trimmed_slices(segmenters: list[Segmenter], text: str) -> None:
    for segmenter in segmenters:
        segments = segmenter.segment(text)
        position = 0
        for segment in segments:
            assert text[segment.start : segment.end] == segment.text
            assert segment.text and segment.text == segment.text.strip()
            assert segment.start >= position
            position = segment.end
        covered = {i for s in segments for i in range(s.start, s.end)}
        assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@SMALL
@given(text=NASTY, marker=st.sampled_from(["X", "", "«перекладено»"]))
def test_render_replaces_segments_and_keeps_the_rest(
    segmenters: list[Segmenter], text: str, marker: str
) -> None:
    segments = tuple(segmenters[0].segment(text))
    document = Document(path="a.txt", text=text, segments=segments)
    assert render(document, {}) == text
    translations = {s.text: f"[{marker}{s.text}]" for s in segments}
    rendered = render(document, translations)
    expected, position = [], 0
    for segment in segments:
        expected += [text[position : segment.start], translations[segment.text]]
        position = segment.end
    assert rendered == "".join([*expected, text[position:]])
