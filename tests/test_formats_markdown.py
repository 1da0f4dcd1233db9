"""Markdown (with front matter) and CMS JSON articles, extracted and rebuilt."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result
from markdown_it import MarkdownIt

from l10n.config import FormatSettings
from l10n.document import build_document
from l10n.errors import SourceError
from l10n.formats import render
from l10n.segment import Segmenter
from tests.apertium_helpers import needs_apertium
from tests.conftest import ROOT

Run = Callable[..., Result]
POST = ROOT / "examples" / "post.md"
CMS = ROOT / "examples" / "cms"


def doc(text: str, fmt: str = "markdown", settings: FormatSettings | None = None):  # type: ignore[no-untyped-def]
    return build_document(
        text, path="a." + fmt, segmenter=Segmenter(), format=fmt, formats=settings
    )


def messages(text: str, fmt: str = "markdown", settings: FormatSettings | None = None) -> list[str]:
    return [segment.text for segment in doc(text, fmt, settings).segments]


def rebuilt(text: str, translations: dict[str, str], fmt: str = "markdown") -> str:
    return render(doc(text, fmt).layout, text, translations, lang="uk")


def links(text: str) -> list[str]:
    """The targets of every link and image of a Markdown text, in order."""
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
            elif child.type == "image":
                found.append(str(child.attrs["src"]))
    return sorted(found)


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_blocks_become_sentences_without_markers() -> None:
    text = (
        "# Kyiv *reopens* stations #\n\n"
        "Mayor **Vitali Klitschko** said on Monday that 46 stations\n"
        'would stay open. Details at [the site](https://kyiv.gov.ua "Map").\n\n'
        "> Nobody should be cold.\n> Stay safe.\n\n"
        "- A warm `blanket` &amp; a bag.\n  1. Nested \\*item\\*.\n\n"
        "| Line | Opens |\n|---|---|\n| Red \\| line | 10pm |\n\n"
        "```\ncode block\n```\n\n    indented code\n\n"
        "<!-- note -->\n\n![A bombed building](a.jpg) See <https://x.org> and [Kyiv].\n\n"
        "[Kyiv]: https://kyiv.gov.ua\n"
    )
    document = doc(text)
    assert [s.text for s in document.segments] == [
        "Kyiv <1>reopens</1> stations",
        "Mayor <1>Vitali Klitschko</1> said on Monday that 46 stations would stay open.",
        "Details at <1>the site</1>.",
        "Map",  # the link's title, a message of its own
        "Nobody should be cold.",
        "Stay safe.",
        "A warm <1/> & a bag.",
        "Nested *item*.",
        "Line",
        "Opens",
        "Red | line",
        "10pm",
        "See <1/> and <2>Kyiv</2>.",
        "A bombed building",
    ]
    assert [s.label for s in document.segments][:3] == [
        "h1 1; <1> em",
        "p 1, sentence 1; <1> strong",
        "p 1, sentence 2; <1> a",
    ]
    assert document.segments[-1].label == "img alt 1"
    assert document.segments[3].label == "link title 1"
    assert render(document.layout, text, {}) == text


def test_link_and_image_titles_are_translated_in_their_quotes() -> None:
    text = (
        '[a](/u "Shelter map") [b](/v \'It is here\') [c](/w (Paren title)) '
        '![Alt text](/i.jpg "Zoloti Vorota station") [d](/x "Escaped \\" quote").\n'
    )
    assert messages(text)[1:] == [
        "Shelter map", "It is here", "Paren title", "Alt text", "Zoloti Vorota station",
    ]  # fmt: skip  (a title with escapes or entities stays as written)
    out = rebuilt(text, {
        "Shelter map": 'Мапа "укриттів"', "It is here": "Це тут, п'ять",
        "Paren title": "Назва (в дужках)", "Zoloti Vorota station": "Станція",
    })  # fmt: skip
    titles = []
    for token in MarkdownIt("commonmark").parse(out)[1].children or []:
        if token.type in ("link_open", "image"):
            titles.append(token.attrs.get("title"))
    assert titles == [
        'Мапа "укриттів"', "Це тут, п'ять", "Назва (в дужках)", "Станція", 'Escaped " quote',
    ]  # fmt: skip


def test_markdown_renders_translations_in_place_with_escapes() -> None:
    text = (
        '- Go *home* now.\n- Next [item](/x "t") and [Kyiv].\n\n| a |\n|---|\n| cell |\n\n'
        "[Kyiv]: https://kyiv.gov.ua\n"
    )
    out = rebuilt(text, {
        "Go <1>home</1> now.": "- Іди *<1>додому</1>* зараз.",
        "Next <1>item</1> and <2>Kyiv</2>.": "Далі <1>пункт</1> і <2>Київ</2>.",
        "cell": "клітинка | два",
    })  # fmt: skip
    assert out == (
        "- \\- Іди \\*<em>додому</em>\\* зараз.\n".replace("<em>", "*").replace("</em>", "*")
        + '- Далі [пункт](/x "t") і [Київ][Kyiv].\n\n| a |\n|---|\n| клітинка \\| два |\n\n'
        "[Kyiv]: https://kyiv.gov.ua\n"
    )
    assert links(out) == links(text)


def test_markdown_soft_breaks_between_sentences_stay() -> None:
    text = "> First line here.\n> Second line here.\n"
    out = rebuilt(text, {"Second line here.": "Другий рядок."})
    assert out == "> First line here.\n> Другий рядок.\n"


def test_front_matter_only_the_configured_keys() -> None:
    text = (
        "---\ntitle: Kyiv shelters\nslug: kyiv-shelters\ndescription: 'It''s cold. Go in.'\n"
        'summary: >\n  Night shelters\n  in 46 stations.\nseo:\n  title: "SEO: title"\n'
        "tags: [a, b]\n---\n\nBody text.\n"
    )
    assert messages(text) == [
        "Kyiv shelters",
        "It's cold.",
        "Go in.",
        "Night shelters in 46 stations.",
        "Body text.",
    ]
    settings = FormatSettings(front_matter=("seo.title", "slug"))
    assert messages(text, settings=settings) == ["kyiv-shelters", "SEO: title", "Body text."]
    document = doc(text)
    assert [s.label for s in document.segments][:2] == [
        "front matter: title",
        "front matter: description, sentence 1",
    ]
    out = render(document.layout, text, {
        "Kyiv shelters": "Укриття: Київ", "It's cold.": "Холодно, ми's.",
        "Night shelters in 46 stations.": "Нічні укриття.",
    })  # fmt: skip
    assert out == (
        "---\ntitle: \"Укриття: Київ\"\nslug: kyiv-shelters\ndescription: 'Холодно, ми''s. Go in.'"
        '\nsummary: >\n  Нічні укриття.\nseo:\n  title: "SEO: title"\ntags: [a, b]\n---\n\n'
        "Body text.\n"
    )


def test_front_matter_that_is_not_yaml_is_one_line_naming_the_file() -> None:
    with pytest.raises(SourceError) as caught:
        doc("---\ntitle: [unclosed\n---\n\nText.\n")
    assert str(caught.value).startswith("a.markdown:")
    assert "front matter is not valid YAML" in str(caught.value)


# -- JSON -----------------------------------------------------------------------------------


def test_json_selected_fields_each_in_its_format() -> None:
    settings = FormatSettings(json=(("/title", "text"), ("/body", "markdown"),
                                    ("/blocks/*/text", "html")))  # fmt: skip
    text = (
        '{"id": 7, "slug": "kyiv", "title": "Kyiv \\u0026 shelters", "body": "Go *home*.\\n\\n'
        'Stay.", "blocks": [{"text": "<p>A <b>b</b>.</p>", "n": "x"}, {"text": "<p>C.</p>"}],'
        ' "other": "Not this."}'
    )
    document = doc(text, "json", settings)
    assert [s.text for s in document.segments] == [
        "Kyiv & shelters",
        "Go <1>home</1>.",
        "Stay.",
        "A <1>b</1>.",
        "C.",
    ]
    assert [s.label for s in document.segments] == [
        "/title",
        "/body: p 1; <1> em",
        "/body: p 2",
        "/blocks/0/text: p 1; <1> b",
        "/blocks/1/text: p 1",
    ]
    assert render(document.layout, text, {}) == text
    out = render(document.layout, text, {
        "Kyiv & shelters": "Київ & укриття", "Go <1>home</1>.": "Іди \"<1>додому</1>\".",
        "C.": "Ц.",
    })  # fmt: skip
    assert json.loads(out) == {
        **json.loads(text),
        "title": "Київ & укриття",
        "body": 'Іди "*додому*".\n\nStay.',
        "blocks": [{"text": "<p>A <b>b</b>.</p>", "n": "x"}, {"text": "<p>Ц.</p>"}],
    }
    assert '"title": "\\u041a\\u0438\\u0457\\u0432 & ' in out  # written as the source was
    assert out.startswith('{"id": 7, "slug": "kyiv", ')


def test_invalid_json_is_one_line_with_the_line() -> None:
    with pytest.raises(SourceError) as caught:
        doc('{\n  "title": "x",\n}', "json")
    assert str(caught.value).startswith("a.json:3: invalid JSON")


# -- end to end -----------------------------------------------------------------------------


@pytest.fixture
def post_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(POST, tmp_path / "post.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_run_markdown_with_the_fake_engine(post_project: Path, run_cli: Run) -> None:
    run_cli("run", "post.md", "-l", "uk", "-d", "post", "--engine", "fake", "--use-fuzzy")
    ids = [e.msgid for e in polib.pofile(str(post_project / "locales" / "post.pot"))]
    assert "Kyiv reopens its metro stations as night shelters" in ids
    assert not any(m in i for i in ids for m in ("](", "**", "slug", "curl", "# ", "olena"))
    source = POST.read_text(encoding="utf-8")
    built = (post_project / "out" / "uk" / "post.md").read_text(encoding="utf-8")
    assert links(built) == links(source)
    assert 'curl "https://kyiv.gov.ua/api/shelters?open=true"' in built
    assert "`GET /api/shelters?open=true`" in built
    assert "slug: kyiv-metro-night-shelters\n" in built
    assert "[map]: https://kyiv.gov.ua/map" in built
    assert "<!-- editor: keep the API example up to date -->" in built
    # soft breaks inside translated sentences go (3), as does the folded summary's second line
    assert built.count("\n") == source.count("\n") - 4
    run_cli("build", "-l", "uk", "-d", "post", "post.md")
    assert (post_project / "out" / "uk" / "post.md").read_bytes() == POST.read_bytes()


def test_run_markdown_with_apertium(post_project: Path, run_cli: Run) -> None:
    needs_apertium("eng-spa")
    run_cli("run", "post.md", "-l", "es", "-d", "post", "--engine", "apertium", "--use-fuzzy")
    built = (post_project / "out" / "es" / "post.md").read_text(encoding="utf-8")
    assert links(built) == links(POST.read_text(encoding="utf-8"))
    assert "refugios" in built and "**Vitali Klitschko**" in built


def test_run_cms_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run) -> None:
    shutil.copytree(CMS, tmp_path / "cms")
    monkeypatch.chdir(tmp_path / "cms")
    run_cli("run", "--engine", "fake", "--use-fuzzy")
    source = json.loads((CMS / "article.json").read_text(encoding="utf-8"))
    built = json.loads((tmp_path / "cms/out/uk/article.json").read_text(encoding="utf-8"))
    for key in ("id", "slug", "published", "author", "tags", "word_count"):
        assert built[key] == source[key]
    assert built["title"].startswith("[uk] ") and "](https://kyiv.gov.ua/shelters)" in built["body"]
    assert [b["type"] for b in built["blocks"]] == ["quote", "image"]
    run_cli("build", "-l", "uk")
    built_bytes = (tmp_path / "cms/out/uk/article.json").read_bytes()
    assert built_bytes == (CMS / "article.json").read_bytes()


HUGO = (
    '+++\ntitle = "Kyiv shelters"\nslug = "kyiv-shelters"\n'
    "description = \"It's cold. Go in.\"\nsummary = 'Night shelters in 46 stations.'\n"
    'date = 2025-06-24T10:00:00Z\ntags = ["a", "b"]  # kept\n'
    '[params]\ntitle = "Params title."\nsubtitle = """\nNot this: a multi-line string.\n"""\n'
    '[[resources]]\ntitle = "Not a field."\n+++\n\nBody text.\n'
)


def test_toml_front_matter_only_the_configured_keys() -> None:
    """Hugo's +++ front matter: the configured one-line strings, nothing else."""
    assert messages(HUGO) == [
        "Kyiv shelters", "It's cold.", "Go in.", "Night shelters in 46 stations.", "Body text.",
    ]  # fmt: skip
    settings = FormatSettings(front_matter=("params.title", "params.subtitle", "slug"))
    assert messages(HUGO, settings=settings) == ["kyiv-shelters", "Params title.", "Body text."]
    assert rebuilt(HUGO, {}) == HUGO  # nothing translated: the source, byte for byte
    out = rebuilt(HUGO, {
        "Kyiv shelters": 'Укриття "Київ"', "Night shelters in 46 stations.": "Нічні укриття.",
        "Body text.": "Текст.",
    })  # fmt: skip
    data = tomllib.loads(out.split("+++")[1])
    assert data["title"] == 'Укриття "Київ"' and data["summary"] == "Нічні укриття."
    assert "summary = 'Нічні укриття.'" in out  # in its own quotes
    assert data["slug"] == "kyiv-shelters" and data["tags"] == ["a", "b"]
    assert data["params"]["subtitle"] == "Not this: a multi-line string.\n"
    assert data["resources"] == [{"title": "Not a field."}]
    assert out.endswith("+++\n\nТекст.\n")


def test_toml_front_matter_that_is_not_toml_is_one_line_naming_the_file() -> None:
    with pytest.raises(SourceError) as caught:
        doc('+++\ntitle = "Kyiv\ndate = 2025\n+++\n\nText.\n')
    assert str(caught.value).startswith("a.markdown:2: front matter is not valid TOML")
