"""The issue's "done when", as a user runs it: `l10n run` on the example articles
(examples/page.html, examples/post.md, examples/cms/) with the fake engine and with
Apertium (en->es, where installed).

For each: the catalog's messages are whole sentences (the reviewed golden template of
tests/data/formats) with no attribute, marker or code in them; a run that publishes
nothing (machine output is a draft) builds the source byte for byte; a build with the
drafts parses, keeps every link, image, code block and untranslated field, and sets the
page's language.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from click.testing import Result
from markdown_it import MarkdownIt

from l10n.formats import problems, strip_placeholders
from tests.apertium_helpers import needs_apertium
from tests.conftest import ROOT
from tests.html_helpers import page

Run = Callable[..., Result]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "data" / "formats"
_HIDDEN = ("href", "src=", "class=", "datetime", "<p", "<a ", "](", "**", "`", "curl", "slug")


def html_shape(text: str) -> tuple[object, ...]:
    parsed = page(text)
    assert parsed.nested, text
    return (sorted(parsed.tags.items()), sorted(parsed.code))


def markdown_shape(text: str) -> tuple[object, ...]:
    """Blocks, link and image targets, code, and the front matter's untranslated keys."""
    front: dict[str, Any] = {}
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        front = yaml.safe_load(head)
        for key in ("title", "description", "summary"):
            front.pop(key, None)
    blocks, targets, code = [], [], []
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text):
        blocks.append((token.type, token.tag, token.markup))
        if token.type in ("fence", "code_block", "html_block"):
            code.append(token.content if token.type != "html_block" else "html")
        for child in token.children or []:
            if child.type == "link_open":
                targets.append(str(child.attrs["href"]))
            elif child.type == "image":
                targets.append(str(child.attrs["src"]))
            elif child.type == "code_inline":
                code.append(child.content)
    return (blocks, sorted(targets), sorted(code), front)


_CMS_FIELDS = {"title": None, "standfirst": None, "body": markdown_shape, "text": html_shape}


def json_shape(value: Any, key: str = "") -> Any:
    """The document with each translated field replaced by its shape."""
    if isinstance(value, dict):
        return {k: json_shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [json_shape(v) for v in value]
    if key in _CMS_FIELDS:
        shape = _CMS_FIELDS[key]
        return shape(value) if shape else "text"
    return value


# (example, what `run` is given, golden folder, built article's path under out/LANG, shape)
_HTML = ("page.html", ("page.html", "-d", "page"), "html-page", "page.html", html_shape)
_MD = ("post.md", ("post.md", "-d", "post"), "markdown-post", "post.md", markdown_shape)
_CMS = ("cms", (), "json-article", "article.json", lambda t: json_shape(json.loads(t)))
EXAMPLE_CASES = [_HTML, _MD, _CMS]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    def copy(name: str) -> Path:
        source = EXAMPLES / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
            monkeypatch.chdir(tmp_path / name)
            return tmp_path / name
        shutil.copy(source, tmp_path / name)
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return copy


def _source(name: str, built: str) -> Path:
    path = EXAMPLES / name
    return path / built if path.is_dir() else path


def _catalog(root: Path, lang: str) -> polib.POFile:
    (path,) = (root / "locales" / lang / "LC_MESSAGES").glob("*.po")
    return polib.pofile(str(path))


def _round_trip(
    case: tuple[Any, ...], engine: str, lang: str, project: Callable[[str], Path], run_cli: Run
) -> tuple[str, str, polib.POFile]:
    """`run` (nothing published: the source), then `build --use-fuzzy`; the source, the
    built article and the catalog."""
    name, args, golden, built_name, _shape = case
    root = project(name)
    run_cli("run", *args, "-l", lang, "--engine", engine)
    source_path = _source(name, built_name)
    built_path = root / "out" / lang / built_name
    assert built_path.read_bytes() == source_path.read_bytes()
    run_cli("build", *args[1:], "-l", lang, "--use-fuzzy", *args[:1])
    catalog = _catalog(root, lang)
    expected = [e.msgid for e in polib.pofile(str(GOLDEN / golden / "expected.pot"))]
    assert [entry.msgid for entry in catalog] == expected
    return source_path.read_text("utf-8"), built_path.read_text("utf-8"), catalog


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=[case[0] for case in EXAMPLE_CASES])
def test_run_on_the_example_with_the_fake_engine(
    case: tuple[Any, ...], project: Callable[[str], Path], run_cli: Run
) -> None:
    source, built, catalog = _round_trip(case, "fake", "uk", project, run_cli)
    for entry in catalog:
        assert not any(hidden in entry.msgid for hidden in _HIDDEN), entry.msgid
        assert entry.msgstr.startswith("[uk] ") and problems(entry.msgid, entry.msgstr) == []
    shape = case[4]
    assert shape(built) == shape(source)
    assert built != source
    # every message was published: its words are in the article, its source words are not
    words = strip_placeholders(catalog[0].msgstr)
    assert words in built
    if case is _HTML:
        assert page(built).lang == "uk" and page(source).lang == "en"
        assert re.search(r"<html lang=\"uk\">", built)


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=[case[0] for case in EXAMPLE_CASES])
def test_run_on_the_example_with_apertium(
    case: tuple[Any, ...], project: Callable[[str], Path], run_cli: Run
) -> None:
    needs_apertium("eng-spa")
    source, built, catalog = _round_trip(case, "apertium", "es", project, run_cli)
    shape = case[4]
    assert shape(built) == shape(source)
    translated = [entry for entry in catalog if entry.msgstr and entry.msgstr != entry.msgid]
    assert len(translated) > len(catalog) * 0.8
    for entry in catalog:
        assert problems(entry.msgid, entry.msgstr) == [], entry
    assert "refugios" in built or "refugio" in built
    if case is _HTML:
        assert page(built).lang == "es"
