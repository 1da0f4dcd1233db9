"""End-to-end tests of the spine through the real CLI on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from tests.po_helpers import msgfmt_check

Run = Callable[..., Result]
POT = Path("locales/article.pot")
PO = Path("locales/uk/LC_MESSAGES/article.po")


def translate_all(path: Path, fn: Callable[[str], str], *, fuzzy: bool = False) -> None:
    catalog = cat.load_catalog(path)
    for entry in catalog:
        entry.msgstr = fn(entry.msgid)
        if fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    cat.save_catalog(catalog, path)


def test_segment_prints_sentences_and_json(example_project: Path, run_cli: Run) -> None:
    lines = run_cli("segment", "examples/article.txt").stdout.splitlines()
    assert lines[0].startswith("Ukraine and the UK are to deepen")
    assert "Photograph: Sergey Dolzhenko/EPA" in lines
    data = json.loads(run_cli("segment", "--json", "examples/article.txt").stdout)
    text = (example_project / "examples/article.txt").read_text(encoding="utf-8")
    assert len(data) == len(lines)
    for item in data:
        assert text[item["start"] : item["end"]] == item["text"]
        assert {"paragraph", "index", "line", "id"} <= set(item)
    assert data[5]["id"] == "p4s1"


def test_segment_reads_stdin(run_cli: Run) -> None:
    result = run_cli("segment", "-", input="Dr. Smith came home. He sat down.\nNext line")
    assert result.stdout.splitlines() == ["Dr. Smith came home.", "He sat down.", "Next line"]


def test_main_job_extract_init_build(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    pot = example_project / POT
    msgfmt_check(pot)
    text = pot.read_text(encoding="utf-8")
    assert "#: examples/article.txt:1\n#. paragraph 1, sentence 1\n" in text or (
        "#. paragraph 1, sentence 1\n#: examples/article.txt:1\n" in text
    )
    assert "newsletter" not in text.lower()
    before = pot.read_bytes()
    assert "unchanged" in run_cli("extract").stdout
    assert pot.read_bytes() == before

    run_cli("init", "-l", "uk")
    po = example_project / PO
    msgfmt_check(po)
    catalog = cat.load_catalog(po)
    assert catalog.language == "uk"
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert "exists" in run_cli("init", "-l", "uk").stdout

    # No translations: the build gives the source back, less the dropped boilerplate.
    run_cli("build", "-l", "uk")
    source = (example_project / "examples/article.txt").read_text(encoding="utf-8")
    built = (example_project / "out/uk/article.txt").read_text(encoding="utf-8")
    start = source.index("skip past newsletter promotion")
    end = source.index("after newsletter promotion\n") + len("after newsletter promotion\n")
    assert built == source[:start] + source[end:]
    assert (example_project / "locales/uk/LC_MESSAGES/article.mo").is_file()


def test_build_without_translations_equals_source_byte_for_byte(
    example_project: Path, run_cli: Run
) -> None:
    config = example_project / "l10n.toml"
    config.write_text(config.read_text().replace('output = "drop"', 'output = "keep"'))
    run_cli("extract")
    run_cli("init", "-l", "uk", "-l", "de")
    run_cli("build")
    source = (example_project / "examples/article.txt").read_bytes()
    assert (example_project / "out/uk/article.txt").read_bytes() == source
    assert (example_project / "out/de/article.txt").read_bytes() == source


def test_build_uses_translations_and_fuzzy_only_on_request(
    example_project: Path, run_cli: Run
) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = example_project / PO
    translate_all(po, lambda s: s.upper(), fuzzy=True)
    msgfmt_check(po)
    run_cli("build", "-l", "uk")
    built = example_project / "out/uk/article.txt"
    assert "UKRAINE AND THE UK" not in built.read_text(encoding="utf-8")
    run_cli("build", "-l", "uk", "--use-fuzzy")
    text = built.read_text(encoding="utf-8")
    assert text.startswith("UKRAINE AND THE UK ARE TO DEEPEN")
    assert "PHOTOGRAPH: SERGEY DOLZHENKO/EPA\n" in text
    assert text.count("\n") == (example_project / "examples/article.txt").read_text().count(
        "\n"
    ) - 4


def test_min_translated_skips_a_language(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    result = run_cli("build", "-l", "uk", "--min-translated", "50", "--json", expect=1)
    report = json.loads(result.stdout)
    assert report[0]["skipped"].startswith("0.0% reviewed, below the minimum of 50%")
    assert report[0]["outputs"] == []
    assert not (example_project / "out/uk/article.txt").exists()


def test_update_keeps_fuzzy_matches_and_revives(example_project: Path, run_cli: Run) -> None:
    article = example_project / "examples/article.txt"
    original = article.read_text(encoding="utf-8")
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = example_project / PO
    translate_all(po, lambda s: "UK: " + s)

    old = "At least 14 people were killed and five civilian apartment blocks badly damaged."
    new = "At least 15 people were killed and five civilian apartment blocks badly damaged."
    removed = "As well as talks with Starmer, he met King Charles at Windsor Castle."
    article.write_text(original.replace(old, new).replace(removed + "\n", "\n"), encoding="utf-8")
    run_cli("extract")
    run_cli("update", "-l", "uk")
    msgfmt_check(po)
    catalog = cat.load_catalog(po)
    edited = catalog.find(new)
    assert edited is not None and "fuzzy" in edited.flags
    assert edited.msgstr == "UK: " + old and edited.previous_msgid == old
    assert catalog.find(removed) is None
    assert [e.msgstr for e in catalog.obsolete_entries() if e.msgid == removed] == [
        "UK: " + removed
    ]
    kept = catalog.find("Photograph: Sergey Dolzhenko/EPA")
    assert kept is not None and kept.msgstr == "UK: Photograph: Sergey Dolzhenko/EPA"
    assert "fuzzy" not in kept.flags

    article.write_text(original, encoding="utf-8")
    run_cli("extract")
    run_cli("update", "-l", "uk", "--no-fuzzy-matching")
    catalog = cat.load_catalog(po)
    back = catalog.find(removed)
    assert back is not None and back.msgstr == "UK: " + removed and "fuzzy" not in back.flags
    before = po.read_bytes()
    assert "unchanged" in run_cli("update", "-l", "uk").stdout
    assert po.read_bytes() == before


def test_stats_json(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    (row,) = json.loads(run_cli("stats", "--json").stdout)
    assert row["lang"] == "uk" and row["translated"] == 0
    assert row["entries"] == row["untranslated"] > 30
    assert row["percent"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["segment", "nope.txt"], "error: nope.txt: no such file\n"),
        (["extract", "nope.txt"], "error: nope.txt: no such file\n"),
        (["init", "-l", "ukr"], "error: unknown language 'ukr'"),
        (["init", "-l", "xx-!!"], "error: "),
        (["build", "-l", "fr"], "error: locales/fr/LC_MESSAGES/article.po: no catalog for fr"),
    ],
)
def test_errors_are_one_line_exit_1(
    example_project: Path, run_cli: Run, args: list[str], message: str
) -> None:
    run_cli("extract")
    result = run_cli(*args, expect=1)
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_binary_and_latin1_sources(example_project: Path, run_cli: Run) -> None:
    (example_project / "bin.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    (example_project / "latin.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    assert "bin.txt:1: binary file" in run_cli("extract", "bin.txt", expect=1).stderr
    assert "latin.txt:1: invalid UTF-8" in run_cli("extract", "latin.txt", expect=1).stderr
    assert not (example_project / POT).exists()
    result = run_cli("segment", "--encoding", "latin-1", "latin.txt")
    assert result.stdout == "Café au lait.\n"


def test_malformed_catalog_is_reported_with_line(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "uk")
    po = example_project / PO
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith('msgstr ""') and i > 20)
    lines[number] = 'msgstr "Hello\n'
    po.write_text("".join(lines), encoding="utf-8")
    before = po.read_bytes()
    result = run_cli("update", expect=1)
    assert result.stderr.startswith(f"error: locales/uk/LC_MESSAGES/article.po:{number + 1}: ")
    assert po.read_bytes() == before


def test_usage_errors_exit_2(example_project: Path, run_cli: Run) -> None:
    assert run_cli("build", "--min-translated", "120", expect=2).exit_code == 2
    assert run_cli("frobnicate", expect=2).exit_code == 2


def test_options_override_config(example_project: Path, run_cli: Run) -> None:
    run_cli("extract", "--domain", "news", "--locales", "cat")
    assert (example_project / "cat/news.pot").is_file()
    run_cli("init", "-l", "de", "--domain", "news", "--locales", "cat")
    assert (example_project / "cat/de/LC_MESSAGES/news.po").is_file()


def test_pyproject_config(tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("One sentence. Two sentences.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.l10n]\ndomain = "site"\nsources = ["a.txt"]\n'
        'languages = ["de"]\n',
        encoding="utf-8",
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    run_cli("extract")
    run_cli("init")
    run_cli("build")
    assert (tmp_path / "locales/site.pot").is_file()
    assert (
        (tmp_path / "out/de/a.txt").read_text(encoding="utf-8") == "One sentence. Two sentences.\n"
    )


def test_config_errors(tmp_path: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text("domain = [1]\n", encoding="utf-8")
    assert "l10n.toml: setting 'domain' must be a str" in run_cli("extract", expect=1).stderr
    (tmp_path / "l10n.toml").write_text("colour = 'red'\n", encoding="utf-8")
    assert "unknown setting 'colour'" in run_cli("extract", expect=1).stderr
    (tmp_path / "l10n.toml").write_text("domain = \n", encoding="utf-8")
    assert "l10n.toml: invalid TOML" in run_cli("extract", expect=1).stderr


def test_every_command_has_help_with_examples(run_cli: Run) -> None:
    from l10n.cli import cli

    for name in cli.commands:
        text = run_cli(name, "--help").stdout
        assert "Examples:" in text, name


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from l10n.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'polib', 'babel', 'argostranslate', 'ctranslate2', 'sentencepiece', 'regex',"
        " 'rapidfuzz', 'choppa', 'pymorphy3', 'markdown_it', 'yaml', 'sqlite3', 'translate'}"
        " & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_example_catalogs_are_in_step_with_the_article(
    example_project: Path, run_cli: Run
) -> None:
    """The committed template and Ukrainian reference match what extract makes now."""
    from tests.conftest import ROOT

    committed_pot = cat.load_catalog(ROOT / "locales/article.pot")
    run_cli("extract")
    assert cat.same_messages(cat.load_catalog(example_project / POT), committed_pot)
    reference = cat.load_catalog(ROOT / "locales/uk/LC_MESSAGES/article.po")
    msgfmt_check(ROOT / "locales/uk/LC_MESSAGES/article.po")
    msgfmt_check(ROOT / "locales/article.pot")
    assert [e.msgid for e in reference] == [e.msgid for e in committed_pot]
    stats = reference.stats()
    assert stats.translated == stats.entries == 39 and stats.fuzzy == 0
    text = "".join(e.msgstr for e in reference)
    assert "“" not in text and "\"" not in text and "«" in text


def test_empty_article_and_other_encodings(example_project: Path, run_cli: Run) -> None:
    (example_project / "empty.txt").write_bytes(b" \n\n")
    result = run_cli("extract", "empty.txt", expect=1)
    assert result.stderr == "error: empty.txt: the file is empty: nothing to translate\n"
    (example_project / "latin.txt").write_bytes("Café au lait. Très bien.\n".encode("latin-1"))
    run_cli("extract", "latin.txt", "--encoding", "latin-1", "--domain", "latin")
    run_cli("init", "-l", "fr", "--domain", "latin")
    run_cli("build", "latin.txt", "--encoding", "latin-1", "--domain", "latin")
    assert (example_project / "out/fr/latin.txt").read_bytes() == (
        "Café au lait. Très bien.\n".encode("latin-1")
    )
    (example_project / "utf16.txt").write_bytes("Hi there.".encode("utf-16"))
    result = run_cli("extract", "utf16.txt", expect=1)
    assert (
        "the file is UTF-16, expected UTF-8" in result.stderr
        and "--encoding utf-16" in result.stderr
    )


def test_every_command_is_in_the_readme() -> None:
    from l10n.cli import cli
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"l10n {name}" in readme, name
        for sub in getattr(command, "commands", {}):
            assert f"l10n {name} {sub}" in readme, (name, sub)
    assert readme.count("```sh\nmake demo") == 1  # the two commands for a fresh machine
