"""What reaches a built article, what a failure leaves behind, and what the CLI says.

End to end through the CLI on the example project with the fake engine (it "translates"
by reversing the words: ``[uk] …``), and real Argos packages where a real model matters.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n import reviewstate as rs
from l10n.engine.fake import fake_translate
from tests.argos_factory import BuiltPackages
from tests.po_helpers import msgfmt_check
from tests.test_cli import translate_all

pytest_plugins = ["tests.conftest_engine"]

Run = Callable[..., Result]
PO = Path("locales/uk/LC_MESSAGES/article.po")
OUT = Path("out/uk/article.txt")
OLD = "At least 14 people were killed and five civilian apartment blocks badly damaged."
NEW = "At least 16 people were killed and five civilian apartment blocks badly damaged."
FAKE = ("--engine", "fake")


def edit_article(project: Path, old: str, new: str) -> None:
    article = project / "examples/article.txt"
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new), encoding="utf-8")


def reviewed_project(project: Path, run_cli: Run) -> None:
    """The example with every sentence translated and reviewed by a person."""
    run_cli("run", "-l", "uk", *FAKE)
    translate_all(project / PO, lambda s: f"Людина: {s}")
    catalog = cat.load_catalog(project / PO)
    for entry in catalog:
        entry.flags = []
    cat.save_catalog(catalog, project / PO)


# -- nothing stale or unreviewed published by surprise -----------------------------------


def test_an_edited_sentence_never_publishes_its_old_translation(
    example_project: Path, run_cli: Run
) -> None:
    reviewed_project(example_project, run_cli)
    edit_article(example_project, OLD, NEW)
    run_cli("update")  # the old translation becomes a fuzzy match of the new sentence
    entry = cat.load_catalog(example_project / PO).find(NEW)
    assert entry is not None and rs.entry_state(entry) == "stale"
    for drafts in ([], ["--use-fuzzy"]):
        run_cli("build", "-l", "uk", *drafts)
        built = (example_project / OUT).read_text(encoding="utf-8")
        assert f"Людина: {OLD}" not in built and NEW in built  # the source, not the old text
        mo = (example_project / PO).with_suffix(".mo").read_bytes()
        assert f"Людина: {OLD}".encode() not in mo

    # run translates the stale sentence afresh, keeping the old translation for review
    result = run_cli("run", "-l", "uk", *FAKE)
    assert "uk: 1 machine-translated now" in result.stdout
    assert "1 drafts not published" in result.stdout
    entry = cat.load_catalog(example_project / PO).find(NEW)
    assert entry is not None and rs.entry_state(entry) == "machine"
    assert entry.msgstr == fake_translate(NEW, target="uk")
    assert rs.previous_translation(entry) == f"Людина: {OLD}" and entry.previous_msgid == OLD
    built = (example_project / OUT).read_text(encoding="utf-8")
    assert NEW in built and entry.msgstr not in built  # a draft: not published by default
    run_cli("run", "-l", "uk", *FAKE, "--use-fuzzy")
    built = (example_project / OUT).read_text(encoding="utf-8")
    assert entry.msgstr in built and f"Людина: {OLD}" not in built
    msgfmt_check(example_project / PO)


def test_build_and_run_gates_exit_1(example_project: Path, run_cli: Run) -> None:
    result = run_cli("run", "-l", "uk", *FAKE, "--min-translated", "50", expect=1)
    assert "uk: not rendered: 0.0% reviewed, below the minimum of 50%" in result.stderr
    assert not (example_project / OUT).exists()
    run_cli("run", "-l", "uk", *FAKE, "--use-fuzzy", "--min-translated", "50")
    assert (example_project / OUT).exists()
    result = run_cli("build", "-l", "uk", "--min-translated", "1", expect=1)
    assert "not rendered" in result.stderr
    run_cli("build", "-l", "uk", "--min-translated", "100", "--use-fuzzy")


# -- one failure does not stop the rest ----------------------------------------------------


def test_a_language_without_a_model_fails_alone(
    example_project: Path,
    run_cli: Run,
    built_packages: BuiltPackages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packages = example_project.parent / "argos-packages"
    built_packages.install(packages, "en_uk")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    result = run_cli(
        "run", "-l", "fr", "-l", "uk", "--no-install", "--compute-type", "float32", expect=1
    )
    assert "fr: failed: no model for en→fr" in result.stderr
    assert result.stderr.endswith("failed: fr (1 of 2 languages)\n")
    assert "uk: 39 machine-translated now" in result.stdout
    assert not (example_project / "locales/fr").exists()  # nothing written for fr
    assert (example_project / OUT).exists()

    run_cli("init", "-l", "fr")
    result = run_cli("translate", "-l", "fr", "-l", "uk", "--refresh", expect=1)
    assert "fr: failed: no model for en→fr" in result.stderr
    assert "locales/uk/LC_MESSAGES/article.po: 39 machine-translated" in result.stdout

    reports = json.loads(
        run_cli("run", "-l", "uk", "-l", "fr", "--no-install", "--json", expect=1).stdout
    )
    assert [(r["lang"], r["error"] is None) for r in reports] == [("uk", True), ("fr", False)]


def test_a_failed_command_leaves_the_tree_as_it_found_it(
    example_project: Path, run_cli: Run
) -> None:
    (example_project / "empty").mkdir()
    before = sorted(p.name for p in example_project.iterdir())
    result = run_cli("run", "missing.txt", "-l", "uk", *FAKE, expect=1)
    assert result.stderr == "error: missing.txt: no such file\n"
    result = run_cli("extract", "missing.txt", expect=1)
    assert sorted(p.name for p in example_project.iterdir()) == before
    result = run_cli("run", "empty", "-l", "uk", *FAKE, expect=1)  # a folder with no article
    kinds = "*.txt, *.md, *.markdown, *.html, *.htm"
    assert result.stderr == f"error: empty: no source files ({kinds}) in this folder\n"
    result = run_cli("run", "empty/**/*.txt", "-l", "uk", *FAKE, expect=1)
    assert result.stderr == "error: empty/**/*.txt: no source file matches this pattern\n"
    assert sorted(p.name for p in example_project.iterdir()) == before


# -- the CLI says what it does ---------------------------------------------------------------


def test_update_extracts_an_edited_article_first(example_project: Path, run_cli: Run) -> None:
    reviewed_project(example_project, run_cli)
    edit_article(example_project, OLD, NEW)
    result = run_cli("update")
    assert "locales/article.pot: 39 messages (written)" in result.stdout
    assert "locales/uk/LC_MESSAGES/article.po: updated: 38 kept, 1 fuzzy" in result.stdout
    (example_project / "l10n.toml").write_text(
        'domain = "article"\nlanguages = ["uk"]\n', encoding="utf-8"
    )  # no sources known: the template on disk is merged, and the CLI says so
    result = run_cli("update")
    assert "merged as it is (no sources known" in result.stderr
    assert "unchanged" in result.stdout


def test_build_warns_when_an_article_changed_after_the_template(
    example_project: Path, run_cli: Run
) -> None:
    import os

    run_cli("run", "-l", "uk", *FAKE)
    assert "warning" not in run_cli("build", "-l", "uk").stderr
    article = example_project / "examples/article.txt"
    pot = example_project / "locales/article.pot"
    later = pot.stat().st_mtime_ns + 5_000_000_000
    os.utime(article, ns=(later, later))
    result = run_cli("build", "-l", "uk")
    assert (
        "warning: examples/article.txt changed after locales/article.pot: its new sentences "
        "are not in the catalogs until `l10n update`"
    ) in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("init", "-l", "en"), ("run", "-l", "en", *FAKE), ("translate", "-l", "EN", *FAKE),
        ("build", "-l", "en"), ("update", "-l", "en_GB"), ("stats", "-l", "en"),
        ("check", "-l", "en"), ("review", "-l", "en"), ("report", "-l", "en", "--html", "-"),
        ("eval", "-l", "en"),
    ],
)  # fmt: skip
def test_the_source_language_is_refused_everywhere_alike(
    example_project: Path, run_cli: Run, args: tuple[str, ...]
) -> None:
    run_cli("run", "-l", "uk", *FAKE)
    result = run_cli(*args, expect=2)
    assert result.stderr.startswith(f"Usage: cli {args[0]} [OPTIONS]")  # its own usage line
    assert "is the source language of the articles: nothing to translate into" in result.stderr


def test_usage_errors_show_the_commands_usage_line(example_project: Path, run_cli: Run) -> None:
    run_cli("run", "-l", "uk", "-l", "de", *FAKE)
    result = run_cli("review", "-l", "uk", "-l", "de", expect=2)
    assert result.stderr.startswith("Usage: cli review [OPTIONS]")
    assert "review one language at a time" in result.stderr
    help_text = run_cli("review", "--help").stdout
    assert "The language to review, one per session" in help_text


def test_check_says_when_nothing_is_translated(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    result = run_cli("check", "-l", "uk")
    assert "uk: nothing checked: no translated entry among the 39 entries" in result.stderr
    assert "passed" not in result.stderr


def test_report_takes_sources_like_build(example_project: Path, run_cli: Run) -> None:
    run_cli("run", "-l", "uk", *FAKE)
    (example_project / "l10n.toml").write_text(
        'domain = "article"\nlanguages = ["uk"]\n', encoding="utf-8"
    )
    page = run_cli("report", "-l", "uk", "--html", "-").stdout
    assert "catalog order" in run_cli("report", "-l", "uk", "--html", "-").stderr
    with_article = run_cli(
        "report", "-l", "uk", "--html", "-", "examples/article.txt"
    )  # fmt: skip
    assert with_article.stderr == "" and with_article.stdout != page


def test_the_main_job_on_the_reviewed_example_changes_no_byte(
    example_project: Path, run_cli: Run
) -> None:
    """What `make demo` does: the committed catalogs are up to date, so nothing changes."""
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "locales", example_project / "locales")
    before = {p: p.read_bytes() for p in (example_project / "locales").rglob("*.po*")}
    result = run_cli("run", "examples/article.txt", "-l", "uk")
    assert "uk: 0 machine-translated now; 39 reviewed, 0 drafts to review" in result.stdout
    assert {p: p.read_bytes() for p in (example_project / "locales").rglob("*.po*")} == before
