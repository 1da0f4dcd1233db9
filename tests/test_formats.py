"""The format layer: HTML articles, inline markup as placeholders, checks and repairs."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result

from l10n.config import FormatSettings
from l10n.document import build_document
from l10n.engine.fake import fake_translate
from l10n.formats import format_for, mend, problems, render
from l10n.segment import Segmenter
from tests.apertium_helpers import needs_apertium
from tests.conftest import ROOT
from tests.html_helpers import page

Run = Callable[..., Result]
PAGE = ROOT / "examples" / "page.html"
def doc(text: str, fmt: str = "html", settings: FormatSettings | None = None):  # type: ignore[no-untyped-def]
    return build_document(
        text, path="a." + fmt, segmenter=Segmenter(), format=fmt, formats=settings
    )


def messages(text: str, fmt: str = "html") -> list[str]:
    return [segment.text for segment in doc(text, fmt).segments]


# -- which format -------------------------------------------------------------------------


def test_format_from_the_extension_or_the_setting() -> None:
    assert format_for("a/page.HTML") == "html"
    assert format_for("post.md") == format_for("x.markdown") == "markdown"
    assert format_for("cms.json") == "json"
    assert format_for("article.txt") == format_for("notes") == "text"
    assert format_for("page.html", "text") == "text"


def test_plain_text_is_todays_document() -> None:
    text = "First sentence. Second one.\n\nA <b>tag</b> stays text.\n"
    plain = build_document(text, path="a.txt", segmenter=Segmenter())
    assert plain.layout is None
    assert [s.text for s in plain.segments] == [
        "First sentence.",
        "Second one.",
        "A <b>tag</b> stays text.",
    ]


# -- HTML -----------------------------------------------------------------------------------


def test_html_messages_are_sentences_with_placeholders_not_attributes() -> None:
    page = (
        "<html><head><title>Kyiv &amp; the war</title></head><body>\n"
        '<h1>Mayor <strong class="x">Vitali Klitschko</strong> said.</h1>\n'
        '<p class="byline">By <a href="/authors/x" title="Author page">Jane Doe</a></p>\n'
        "<p>Details are at <a href='https://kyiv.gov.ua'>the city’s website</a>. Run "
        "<code>ls -la</code> now.\n   Another   sentence here!</p>\n"
        '<p translate="no">Not this.</p><pre>nor this</pre><script>x = "<p>no</p>"</script>\n'
        '<p>One <span class="notranslate">Kyiv Post</span> item<!-- c --></p>\n'
        "</body></html>"
    )
    document = doc(page)
    assert [s.text for s in document.segments] == [
        "Kyiv & the war",
        "Mayor <1>Vitali Klitschko</1> said.",
        "By <1>Jane Doe</1>",
        "Author page",
        "Details are at <1>the city’s website</1>.",
        "Run <1/> now.",
        "Another sentence here!",
        "One <1/> item",
    ]
    labels = [s.label for s in document.segments]
    assert labels[:4] == ["title", "h1 1; <1> strong", "p 1; <1> a", "a title 1"]
    assert labels[5] == "p 2, sentence 2; <1/> code"
    assert [s.line for s in document.segments] == [1, 2, 3, 3, 4, 4, 5, 7]


def test_html_renders_the_source_byte_for_byte_without_translations() -> None:
    text = PAGE.read_text(encoding="utf-8")
    document = doc(text)
    assert render(document.layout, text, {}, lang="uk") == text


def test_html_pairs_around_a_whole_sentence_or_across_sentences_stay_in_place() -> None:
    assert messages("<p><em>One here. Two there.</em></p>") == ["One here.", "Two there."]
    assert messages("<p><b>One here.</b> Two there.</p>") == ["One here.", "Two there."]
    # a pair a break would cut joins the sentences
    assert messages("<p>One <b>here. Two</b> there.</p>") == ["One <1>here. Two</1> there."]
    # ... also when the pair opens at the edge of an earlier sentence (found by Hypothesis)
    assert messages("<p><b>Kyiv here. Kyiv:</b> Kyiv.</p>") == ["<1>Kyiv here. Kyiv:</1> Kyiv."]
    assert messages("<p>Alpha here. <b>Beta here. Gamma here. Delta</b> echo. Fox now.</p>") == [
        "Alpha here.", "<1>Beta here. Gamma here. Delta</1> echo.", "Fox now."
    ]  # fmt: skip
    # ... and when it closes past the last sentence's words
    assert messages("<p>Kyiv <b>one</b> <i>two. Three </i></p>") == [
        "Kyiv <1>one</1> <2>two. Three </2>"
    ]


def test_html_entities_decoded_in_messages_and_escaped_back() -> None:
    text = "<p>Fish &amp; chips&nbsp;now. Tom&rsquo;s cafe.</p>"
    document = doc(text)
    assert [s.text for s in document.segments] == ["Fish & chips\xa0now.", "Tom’s cafe."]
    out = render(document.layout, text, {"Fish & chips\xa0now.": "Риба & <чипси>\xa0зараз."})
    assert out == "<p>Риба &amp; &lt;чипси&gt;&nbsp;зараз. Tom&rsquo;s cafe.</p>"


def test_html_lang_set_only_when_something_is_translated() -> None:
    text = '<!DOCTYPE html>\n<html lang="en"><body><p>Hello there.</p></body></html>'
    document = doc(text)
    assert render(document.layout, text, {}, lang="ar") == text
    out = render(document.layout, text, {"Hello there.": "مرحبا."}, lang="ar")
    assert '<html lang="ar" dir="rtl">' in out
    bare = "<html><body><p>Hello there.</p></body></html>"
    out = render(doc(bare).layout, bare, {"Hello there.": "Привіт."}, lang="pt_BR")
    assert out.startswith('<html lang="pt-BR">')


def test_html_translated_attributes_are_quoted_and_escaped() -> None:
    text = "<img alt=Bombed src=a.jpg><img alt='Mayor&#39;s office' src=b.jpg>"
    document = doc(text)
    assert [s.text for s in document.segments] == ["Bombed", "Mayor's office"]
    out = render(document.layout, text, {"Bombed": 'Зруйн "овано"', "Mayor's office": "Мер's"})
    assert out == ("<img alt=\"Зруйн &quot;овано&quot;\" src=a.jpg><img alt='Мер&#39;s' src=b.jpg>")


# -- placeholders ---------------------------------------------------------------------------


def test_problems_name_each_broken_placeholder() -> None:
    source = "Mayor <1>Vitali</1> said <2/>."
    assert problems(source, "Мер <1>Віталій</1> сказав <2/>.") == []
    assert problems(source, "Мер <1>Віталій сказав <2/>.") == ["</1> is missing"]
    assert problems(source, "Мер <1>В</1> <1>і</1> <2/>.") == [
        "<1> appears 2 times",
        "</1> appears 2 times",
    ]
    assert problems(source, "Мер </1>Віталій<1> <2/> <3/>") == ["<3/> is not in the source"]
    assert problems(source, "Мер </1>Віталій<1> <2/>") == ["</1> comes before <1>"]
    assert problems("<1>a <2>b</2></1>", "<1>a <2>b</1></2>") == ["<2>…</2> and <1>…</1> cross"]


@pytest.mark.parametrize(
    ("source", "output", "mended"),
    [
        # word reordering leaves a pair inside out: it wraps its words again
        ("Mayor <1>Vitali Klitschko</1> said.", "said. Klitschko</1> <1>Vitali Mayor",
         "said. <1>Klitschko Vitali</1> Mayor"),
        ("<1>a <2>b c</2> d</1> e", "e d</1> c</2> <2>b <1>a", "e <1>d <2>c b</2> a</1>"),
        # spacing inside placeholders, doubles, a pair lost around words kept as they were
        ("Go <1>home</1> now <2/>.", "Іди < 1 >додому</ 1> зараз <2/>.",
         "Іди <1>додому</1> зараз <2/>."),
        ("Go <1>home</1>.", "Іди <1><1>додому</1>.", "Іди <1>додому</1>."),
        ("Mayor <1>Klitschko</1> said.", "Мер Klitschko сказав.", "Мер <1>Klitschko</1> сказав."),
        ("Go <1>home</1>.", "Іди додому <7/>.", None),
    ],
)  # fmt: skip
def test_mend_repairs_what_is_unambiguous(source: str, output: str, mended: str | None) -> None:
    text, problem = mend(source, output)
    if mended is None:
        assert problem is not None and text == output
    else:
        assert (text, problem) == (mended, None)
        assert problems(source, text) == []


def test_mend_flags_what_it_cannot_repair() -> None:
    text, problem = mend("Go <1>home</1> <2/>.", "Іди додому.")
    assert text == "Іди додому."
    assert problem == "placeholders: <1> is missing; </1> is missing; <2/> is missing"


def test_render_keeps_the_source_sentence_for_a_broken_translation() -> None:
    text = '<p>Go <a href="/x">home</a>. Stay.</p>'
    document = doc(text)
    out = render(document.layout, text, {"Go <1>home</1>.": "Іди додому.", "Stay.": "Стій."})
    assert out == '<p>Go <a href="/x">home</a>. Стій.</p>'


# -- end to end -----------------------------------------------------------------------------


@pytest.fixture
def page_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(PAGE, tmp_path / "page.html")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _msgids(path: Path) -> list[str]:
    return [entry.msgid for entry in polib.pofile(str(path))]


def test_run_html_with_the_fake_engine(page_project: Path, run_cli: Run) -> None:
    run_cli("run", "page.html", "-l", "uk", "-d", "page", "--engine", "fake", "--use-fuzzy")
    ids = _msgids(page_project / "locales" / "page.pot")
    assert (
        "Mayor <1>Vitali Klitschko</1> said on Monday that 46 stations would stay open "
        "overnight." in ids
    )
    assert not any(marker in i for i in ids for marker in ("href", "class=", "<p", "<a ", "src"))
    assert not any("curl" in i or "GET /api" in i or "Ledger Images" in i for i in ids)
    source = PAGE.read_text(encoding="utf-8")
    built = (page_project / "out" / "uk" / "page.html").read_text(encoding="utf-8")
    before, after = page(source), page(built)
    assert after.nested and after.lang == "uk"
    html_tag = next(tag for tag in before.tags if tag.startswith("html "))
    assert after.tags - Counter({html_tag: 1}) == before.tags - Counter({html_tag: 1})
    for kept in (
        "<code>GET /api/shelters?open=true</code>",
        "curl https://kyiv.gov.ua/api",
        'console.log("<p>not text</p>")',
        "<!-- analytics: do not remove -->",
    ):
        assert kept in built
    assert "[uk]" in built
    # nothing published: the page is the source byte for byte
    run_cli("build", "-l", "uk", "-d", "page", "page.html")
    assert (page_project / "out" / "uk" / "page.html").read_bytes() == PAGE.read_bytes()


def test_check_reports_broken_placeholders_with_the_line(page_project: Path, run_cli: Run) -> None:
    run_cli("run", "page.html", "-l", "uk", "-d", "page", "--engine", "fake")
    path = page_project / "locales" / "uk" / "LC_MESSAGES" / "page.po"
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgid.startswith("Details are at"))
    entry.msgstr = "Подробиці на <1>сайті міста."
    catalog.save()
    line = path.read_text(encoding="utf-8").splitlines().index(f'msgid "{entry.msgid}"') + 1
    result = run_cli("check", "-l", "uk", "-d", "page", expect=1)
    assert f"page.po:{line}: error: tags: </1> is missing" in result.stdout
    # and a build with drafts keeps the source sentence instead of broken markup
    run_cli("build", "-l", "uk", "-d", "page", "--use-fuzzy", "page.html")
    built = (page_project / "out" / "uk" / "page.html").read_text(encoding="utf-8")
    assert "Details are at <a href" in built and page(built).nested


def test_run_html_with_apertium(page_project: Path, run_cli: Run) -> None:
    needs_apertium("eng-spa")
    run_cli("run", "page.html", "-l", "es", "-d", "page", "--engine", "apertium", "--use-fuzzy")
    built = (page_project / "out" / "es" / "page.html").read_text(encoding="utf-8")
    source = PAGE.read_text(encoding="utf-8")
    after = page(built)
    assert after.nested and after.lang == "es"
    assert sum(after.tags.values()) == sum(page(source).tags.values())
    assert "refugios" in built and 'href="https://kyiv.gov.ua/shelters"' in built
    catalog = polib.pofile(str(page_project / "locales/es/LC_MESSAGES/page.po"))
    for entry in catalog:
        assert problems(entry.msgid, entry.msgstr) == [], entry


def test_config_format_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_text("<p>Hello <b>there</b>.</p>\n", encoding="utf-8")
    (tmp_path / "l10n.toml").write_text('format = "html"\nsources = ["page.txt"]\n')
    run_cli("extract")
    assert _msgids(tmp_path / "locales" / "page.pot") == ["Hello <1>there</1>."]
    run_cli("extract", "--format", "text")
    assert _msgids(tmp_path / "locales" / "page.pot") == ["<p>Hello <b>there</b>.</p>"]
    (tmp_path / "l10n.toml").write_text('format = "docx"\n')
    result = run_cli("extract", expect=1)
    assert "l10n.toml: setting 'format': unknown format 'docx'" in result.stderr


def test_fake_translation_is_what_the_tests_assume() -> None:
    assert fake_translate("a <1>b c</1>", target="uk") == "[uk] c</1> <1>b a"


# -- review and report show placeholders apart from words -----------------------------------


def test_report_shows_placeholders_as_chips_and_blocks_by_name(
    page_project: Path, run_cli: Run
) -> None:
    run_cli("run", "page.html", "-l", "uk", "-d", "page", "--engine", "fake")
    run_cli("report", "-l", "uk", "-d", "page", "--html", "review.html", "page.html")
    page = (page_project / "review.html").read_text(encoding="utf-8")
    assert (
        'Mayor <span class="ph" title="markup">&lt;1&gt;</span>Vitali Klitschko'
        '<span class="ph" title="markup">&lt;/1&gt;</span> said on Monday' in page
    )
    assert '<th class="para" colspan="5">p 2</th>' in page
    assert '<th class="para" colspan="5">img alt 1</th>' in page


def test_review_sets_placeholders_apart_in_color() -> None:
    import click

    from l10n.cli.review import _styled

    shown = _styled("Go <1>home</1>.", {"fg": "green"})
    assert click.unstyle(shown) == "Go <1>home</1>."
    assert click.style("<1>", fg="green", reverse=True, bold=True) in shown
    assert click.style("home", fg="green") in shown
