"""The glossary end to end: `l10n run` keeps do-not-translate terms through the fake
engine and Apertium, `l10n check` checks forced terms in any inflected form, malformed
glossaries are one line, and terms next to inline markup of HTML and Markdown."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po

from .apertium_helpers import needs_apertium

Run = Callable[..., Result]

STORY = (
    "The meeting at Chatham House ended late. Zelenskyy met the prime minister in "
    "Downing Street.\n\nAnalysts at Chatham House said the talks went well.\n"
)
GLOSSARY = (
    "source,target,lang,note\n"
    "Chatham House,,,a think tank: never translated\n"
    "Zelenskyy,Зеленський,uk,\n"
    "Downing Street,Даунінг-стріт,uk,\n"
    "Downing Street,,es,\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["uk"]\ndomain = "story"\nsources = ["story.txt"]\n'
        '\n[glossary]\nfile = "glossary.csv"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def translations(project: Path, lang: str, domain: str = "story") -> dict[str, str]:
    catalog = po.load_catalog(project / "locales" / lang / "LC_MESSAGES" / f"{domain}.po")
    return {entry.msgid: entry.msgstr for entry in catalog}


def test_the_fake_engine_keeps_chatham_house_verbatim_and_in_order(
    project: Path, run_cli: Run
) -> None:
    run_cli("run", "-l", "uk", "--engine", "fake", "--use-fuzzy")
    done = translations(project, "uk")
    assert done["The meeting at Chatham House ended late."] == (
        "[uk] late. ended Chatham House at meeting The"
    )
    assert done["Analysts at Chatham House said the talks went well."].count("Chatham House") == 1
    assert "Chatham House" in (project / "out" / "uk" / "story.txt").read_text(encoding="utf-8")
    # forced terms are not substituted in Ukrainian (it inflects): the engine's words stay
    assert "Zelenskyy" in done["Zelenskyy met the prime minister in Downing Street."]


def test_without_the_glossary_the_fake_engine_reverses_the_term(
    project: Path, run_cli: Run
) -> None:
    (project / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["uk"]\ndomain = "story"\nsources = ["story.txt"]\n',
        encoding="utf-8",
    )
    run_cli("run", "-l", "uk", "--engine", "fake")
    done = translations(project, "uk")
    assert "House Chatham" in done["The meeting at Chatham House ended late."]


def test_apertium_keeps_the_terms_it_would_translate(project: Path, run_cli: Run) -> None:
    needs_apertium("eng-spa")
    run_cli("run", "-l", "es", "--engine", "apertium")
    done = translations(project, "es")
    first = done["The meeting at Chatham House ended late."]
    assert "Chatham House" in first and "casa" not in first.lower()  # not "Chatham la casa"
    assert "Downing Street" in done["Zelenskyy met the prime minister in Downing Street."]
    assert "Calle" not in done["Zelenskyy met the prime minister in Downing Street."]
    result = run_cli("check", "-l", "es", "--json", "--disable", "names", expect=None)
    assert [i for i in json.loads(result.stdout) if i["check"] == "glossary"] == []


def review(project: Path, texts: dict[str, str]) -> None:
    """Write ``texts`` into the uk catalog as reviewed translations."""
    path = project / "locales" / "uk" / "LC_MESSAGES" / "story.po"
    catalog = po.load_catalog(path)
    for entry in catalog:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save_catalog(catalog, path)


MET = "Zelenskyy met the prime minister in Downing Street."


def glossary_issues(run_cli: Run, expect: int) -> list[dict[str, object]]:
    result = run_cli("check", "-l", "uk", "--json", expect=expect)
    return [issue for issue in json.loads(result.stdout) if issue["check"] == "glossary"]


@pytest.mark.parametrize(
    "translation",
    [
        "Зеленський зустрівся з прем'єр-міністром на Даунінг-стріт.",
        "Прем'єр-міністр приймав Зеленського на Даунінг-стріт.",
        "Зеленському показали Даунінг-стріт.",
    ],
)
def test_check_accepts_the_forced_term_in_any_case(
    project: Path, run_cli: Run, translation: str
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    review(project, {MET: translation})
    assert glossary_issues(run_cli, expect=0) == []


@pytest.mark.parametrize(
    "translation",
    [
        "Зеленскі зустрівся з прем'єр-міністром на Даунінг-стріт.",
        "Президент зустрівся з прем'єр-міністром на Даунінг-стріт.",
    ],
)
def test_check_flags_a_missing_zelenskyy_and_says_how_it_matched(
    project: Path, run_cli: Run, translation: str
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    review(project, {MET: translation})
    issues = glossary_issues(run_cli, expect=0)  # a warning: the gate passes
    assert [(i["severity"], i["message"]) for i in issues] == [
        (
            "warning",
            "'Zelenskyy' -> 'Зеленський': 'Зеленський' not found "
            "(matching: pymorphy3 uk lemmas, any inflected form)",
        )
    ]


def test_check_errors_when_a_do_not_translate_term_changed(project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    changed = "Зустріч у Четем-гаузі скінчилася."
    review(project, {"The meeting at Chatham House ended late.": changed})
    result = run_cli("check", "-l", "uk", expect=1)
    assert (
        "locales/uk/LC_MESSAGES/story.po:26: error: glossary: 'Chatham House' "
        "(do not translate) is missing or changed (matching: exact)"
    ) in result.stdout.splitlines()
    run_cli("check", "-l", "uk", "--disable", "glossary")


def test_the_html_report_shows_glossary_findings(project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    review(project, {MET: "Президент зустрівся з прем'єр-міністром."})
    run_cli("report", "-l", "uk", "--html", "report.html")
    page = (project / "report.html").read_text(encoding="utf-8")
    assert "glossary: &#x27;Zelenskyy&#x27; -&gt; &#x27;Зеленський&#x27;" in page
    assert "pymorphy3 uk lemmas" in page


def test_review_lists_the_entrys_terms(project: Path, run_cli: Run) -> None:
    run_cli("run", "-l", "uk", "--engine", "fake")
    shown = run_cli("review", "-l", "uk", input="q\n").stdout
    assert "glossary    Chatham House (keep as it is)\n" in shown


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("source,taget\nA,B\n", "glossary.csv:1: unknown column 'taget'"),
        ("source,target,lang\nA,B,uk\nC,D,uk,extra\n", "glossary.csv:3: 4 fields"),
        ('source,target\n"A,B\n', "glossary.csv:2: malformed CSV"),
    ],
)
def test_a_malformed_glossary_is_one_line_and_nothing_is_written(
    project: Path, run_cli: Run, text: str, line: str
) -> None:
    (project / "glossary.csv").write_text(text, encoding="utf-8")
    for command in (("run", "-l", "uk", "--engine", "fake"), ("check", "-l", "uk")):
        result = run_cli(*command, expect=1)
        assert result.stderr.startswith(f"error: {line}") or result.stderr.startswith(line), (
            result.stderr
        )
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    assert not (project / "locales").exists() or not list((project / "locales").rglob("*.po"))


def test_a_missing_glossary_file_is_named(project: Path, run_cli: Run) -> None:
    (project / "glossary.csv").unlink()
    result = run_cli("run", "-l", "uk", "--engine", "fake", expect=1)
    assert "glossary.csv: no such glossary file" in result.stderr


HTML = (
    "<html><body><p>Experts at <b>Chatham House</b> met <a href='/z'>Zelenskyy</a> "
    "near Chatham House.</p></body></html>\n"
)
MARKDOWN = "Experts at **Chatham House** met [Zelenskyy](/z) near Chatham House.\n"


@pytest.mark.parametrize(("name", "text"), [("page.html", HTML), ("post.md", MARKDOWN)])
def test_terms_are_kept_beside_inline_markup(
    project: Path, run_cli: Run, name: str, text: str
) -> None:
    (project / name).write_text(text, encoding="utf-8")
    run_cli("run", name, "-d", "page", "-l", "uk", "--engine", "fake", "--use-fuzzy")
    done = translations(project, "uk", "page")
    source = "Experts at <1>Chatham House</1> met <2>Zelenskyy</2> near Chatham House."
    assert done[source] == (
        "[uk] Chatham House. near <2>Zelenskyy</2> met <1>Chatham House</1> at Experts"
    )
    catalog = po.load_catalog(project / "locales" / "uk" / "LC_MESSAGES" / "page.po")
    assert not any("l10n-warning" in entry.tcomment for entry in catalog)
    built = (project / "out" / "uk" / name).read_text(encoding="utf-8")
    assert built.count("Chatham House") == 2
    assert ("<b>Chatham House</b>" if name.endswith("html") else "**Chatham House**") in built


ROOT = Path(__file__).resolve().parent.parent


def example_with_glossary(example_project: Path) -> None:
    shutil.copytree(ROOT / "locales", example_project / "locales")
    shutil.copy(ROOT / "examples" / "glossary.csv", example_project / "examples")
    with (example_project / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('\n[glossary]\nfile = "examples/glossary.csv"\n')


def test_the_reviewed_example_passes_the_example_glossary(
    example_project: Path, run_cli: Run
) -> None:
    """Precision: a reviewed translation that inflects Зеленський, Стармер and Трамп and
    keeps Chatham House gives no glossary issue at all."""
    example_with_glossary(example_project)
    result = run_cli("check", "-l", "uk", "--json")
    assert json.loads(result.stdout) == []


def test_the_example_glossary_keeps_apertiums_hands_off_names(
    example_project: Path, run_cli: Run
) -> None:
    needs_apertium("eng-spa")
    example_with_glossary(example_project)
    run_cli("run", "-l", "es", "--engine", "apertium")
    done = "\n".join(translations(example_project, "es", "article").values())
    assert "Triunfo" not in done and "Calle" not in done
    assert done.count("Downing Street") == 2 and "Chatham House" in done


def test_the_glossary_option_stands_in_for_the_config(project: Path, run_cli: Run) -> None:
    (project / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["uk"]\ndomain = "story"\nsources = ["story.txt"]\n',
        encoding="utf-8",
    )
    run_cli("run", "-l", "uk", "--engine", "fake", "--glossary", "glossary.csv")
    done = translations(project, "uk")
    assert done["The meeting at Chatham House ended late."] == (
        "[uk] late. ended Chatham House at meeting The"
    )
    def glossary_findings(*args: str) -> list[str]:
        found = json.loads(run_cli("check", "-l", "uk", "--json", *args, expect=None).stdout)
        return [issue["message"] for issue in found if issue["check"] == "glossary"]

    assert glossary_findings() == []  # no glossary in the config: no glossary check
    assert any("Зеленський" in message for message in glossary_findings("--glossary",
                                                                         "glossary.csv"))
    result = run_cli("run", "-l", "uk", "--engine", "fake", "--glossary", "nope.csv", expect=2)
    assert "nope.csv" in result.stderr and "does not exist" in result.stderr
