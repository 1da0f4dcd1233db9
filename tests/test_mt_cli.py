"""End to end: models installed through the real code, then `l10n translate` and `l10n run`
with small real Argos packages (random weights: gibberish output, so the tests assert
equivalences and bookkeeping, never wording). Equivalences run in float32."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.engine import EngineSettings
from l10n.engine.argos import ArgosEngine
from l10n.reviewstate import entry_state, machine_record
from tests.argos_factory import SPECS, BuiltPackages, Loopback, index_entry, serve
from tests.po_helpers import msgfmt_check

pytest_plugins = ["tests.conftest_engine"]

Run = Callable[..., Result]
PO = Path("locales/uk/LC_MESSAGES/article.po")
F32 = ("--compute-type", "float32")


@pytest.fixture
def index(built_packages: BuiltPackages, monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    """An Argos index on 127.0.0.1 offering en→uk, uk→en, en→de and de→en."""
    keys = ("en_uk", "uk_en", "en_de", "de_en")
    routes: dict[str, bytes] = {f"/{k}.argosmodel": built_packages.archives[k].read_bytes()
                                for k in keys}
    with serve(routes) as server:
        entries = [index_entry(SPECS[k], server.url(f"/{k}.argosmodel")) for k in keys]
        server.routes["/index.json"] = json.dumps(entries).encode()
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.url("/"))
        yield server


def test_models_install_from_file_then_run(
    example_project: Path, argos_home: Path, built_packages: BuiltPackages, run_cli: Run
) -> None:
    result = run_cli("models", "install", "--file", str(built_packages.archives["en_uk"]))
    assert result.stdout.startswith("installed translate-en_uk 1.9 (en→uk)")
    assert "translate-en_uk 1.9" in run_cli("models", "list").stdout

    result = run_cli("run", "examples/article.txt", "-l", "uk", *F32)
    assert "uk: 39 machine-translated now; 0 reviewed, 39 drafts to review" in result.stdout
    assert "catalog: locales/uk/LC_MESSAGES/article.po" in result.stdout
    assert "article: out/uk/article.txt (0.0% reviewed)" in result.stdout
    assert "39 drafts not published" in result.stdout
    source = (example_project / "examples/article.txt").read_text(encoding="utf-8")
    unreviewed = (example_project / "out/uk/article.txt").read_text(encoding="utf-8")
    start = source.index("skip past newsletter promotion")
    end = source.index("after newsletter promotion\n") + len("after newsletter promotion\n")
    assert unreviewed == source[:start] + source[end:]  # nothing unreviewed is published
    po = example_project / PO
    msgfmt_check(po)
    catalog = cat.load_catalog(po)
    assert {entry_state(e) for e in catalog} == {"machine"}
    record = machine_record(next(iter(catalog)))
    assert record is not None
    assert record.provenance.startswith("argos en→uk translate-en_uk 1.9 sha256:")

    # The catalog-wide batch equals each sentence translated alone, same settings.
    engine = ArgosEngine(
        EngineSettings(compute_type="float32", packages_dir=argos_home / "packages")
    )
    for entry in catalog:
        (alone,) = engine.translate_batch([entry.msgid], source="en", target="uk")
        assert alone.text == entry.msgstr

    # Asked for drafts, the built article holds the machine output, the rest byte for byte.
    result = run_cli("run", "-l", "uk", "--use-fuzzy", *F32)
    assert "uk: 0 machine-translated now" in result.stdout
    assert "article: out/uk/article.txt (100.0% translated (drafts included))" in result.stdout
    built = (example_project / "out/uk/article.txt").read_text(encoding="utf-8")
    first = catalog.find(
        "Zelenskyy said his main objective was “to save as many lives as possible” and to "
        "“stop Russian terror”."
    )
    assert first is not None and first.msgstr in built
    assert "newsletter" not in built


def test_second_run_translates_nothing_and_keeps_human_work(
    example_project: Path, argos_home: Path, built_packages: BuiltPackages, run_cli: Run
) -> None:
    built_packages.install(argos_home / "packages", "en_uk")
    run_cli("run", "-l", "uk", *F32)
    po = example_project / PO
    catalog = cat.load_catalog(po)
    entries = list(catalog)
    entries[0].msgstr, entries[0].flags = "Перевірено людиною.", []
    entries[1].msgstr = "Виправлено людиною, ще fuzzy."
    cat.save_catalog(catalog, po)
    before = po.read_bytes()

    result = run_cli("translate", "-l", "uk", *F32)
    assert result.stdout.strip() == "locales/uk/LC_MESSAGES/article.po: nothing to translate"
    assert po.read_bytes() == before

    result = run_cli("translate", "-l", "uk", "--refresh", "--beam-size", "1", *F32)
    assert "37 machine-translated" in result.stdout
    after = list(cat.load_catalog(po))
    assert after[0].msgstr == "Перевірено людиною." and "fuzzy" not in after[0].flags
    assert after[1].msgstr == "Виправлено людиною, ще fuzzy."


def test_run_installs_a_missing_model_from_the_index(
    example_project: Path, argos_home: Path, index: Loopback, run_cli: Run
) -> None:
    result = run_cli("run", "examples/article.txt", "-l", "uk", *F32)
    assert "installing translate-en_uk 1.9 (en→uk" in result.stderr
    assert "/en_uk.argosmodel" in index.hits
    assert "uk: 39 machine-translated now" in result.stdout
    msgfmt_check(example_project / PO)
    assert "translate-en_uk 1.9" in run_cli("models", "list").stdout


def test_run_pivots_through_english(
    tmp_path: Path, argos_home: Path, index: Loopback, run_cli: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = tmp_path / "de-project"
    project.mkdir()
    (project / "note.txt").write_text(
        "Guten Morgen. Wie geht es dir heute?\nDas Wetter ist gut.\n", encoding="utf-8"
    )
    (project / "l10n.toml").write_text(
        'source_lang = "de"\ndomain = "note"\nsources = ["note.txt"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = run_cli("run", "-l", "uk", *F32)
    assert "installing translate-de_en 1.0 (de→en" in result.stderr
    assert "installing translate-en_uk 1.9 (en→uk" in result.stderr
    assert {"/de_en.argosmodel", "/en_uk.argosmodel"} <= set(index.hits)
    catalog = cat.load_catalog(project / "locales/uk/LC_MESSAGES/note.po")
    msgids = [e.msgid for e in catalog]
    assert msgids == ["Guten Morgen.", "Wie geht es dir heute?", "Das Wetter ist gut."]
    record = machine_record(next(iter(catalog)))
    assert record is not None
    assert record.provenance.startswith("argos de→en→uk translate-de_en+translate-en_uk 1.0+1.9")

    # The pivot gives what the two packages give one after the other.
    engine = ArgosEngine(
        EngineSettings(compute_type="float32", packages_dir=argos_home / "packages")
    )
    english = engine.translate_batch(msgids, source="de", target="en")
    chained = engine.translate_batch([t.text for t in english], source="en", target="uk")
    assert [e.msgstr for e in catalog] == [t.text for t in chained]


def test_without_a_model_or_network_it_says_how(
    example_project: Path, argos_home: Path, run_cli: Run
) -> None:
    result = run_cli("run", "-l", "uk", "--no-install", expect=1)
    assert result.stderr.startswith("uk: failed: no model for en→uk and --no-install forbids")
    assert "l10n models install en uk" in result.stderr
    assert "--file" in result.stderr
    assert result.stderr.endswith("failed: uk (1 of 1 languages)\n")
    assert sorted(p.name for p in example_project.iterdir()) == ["examples", "l10n.toml"]

    result = run_cli("run", "-l", "uk", expect=1)  # the index is unreachable: fail fast
    assert result.stderr.startswith("uk: failed: ")
    assert "--file" in result.stderr
    assert result.stderr.count("\n") == 2
    assert sorted(p.name for p in example_project.iterdir()) == ["examples", "l10n.toml"]

    run_cli("extract")
    run_cli("init", "-l", "uk")
    before = (example_project / PO).read_bytes()
    result = run_cli("translate", "-l", "uk", expect=1)
    assert "no model for en→uk: run `l10n models install en uk`" in result.stderr
    assert (example_project / PO).read_bytes() == before


def test_offline_never_touches_the_network(
    example_project: Path, argos_home: Path, index: Loopback, run_cli: Run
) -> None:
    result = run_cli("run", "-l", "uk", "--offline", expect=1)
    assert "--offline forbids" in result.stderr
    assert index.hits == []
    result = run_cli("models", "install", "en", "uk", "--offline", expect=1)
    assert index.hits == []
