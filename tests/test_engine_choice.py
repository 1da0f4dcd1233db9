"""Engine choice per language: ``auto`` (installed Argos, else installed Apertium, else an
Argos download) and ``[translate] engines = { es = "apertium" }``.

Apertium is a stand-in here (a data folder with an ``eng-spa`` mode whose pipeline is
``tests/apertium_fake_stage.py``), so these run where Apertium is not installed; Argos
packages are the small real ones of ``tests/argos_factory.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.engine import EngineSettings, get_engine
from l10n.engine.apertium import modes as m
from l10n.engine.apertium.engine import BATCH
from l10n.engine.auto import AutoEngine
from l10n.errors import ModelMissingError
from l10n.reviewstate import machine_record
from tests.argos_factory import BuiltPackages

pytest_plugins = ["tests.conftest_engine"]

Run = Callable[..., Result]
STAGE = Path(__file__).resolve().parent / "apertium_fake_stage.py"


@pytest.fixture
def apertium_es(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in Apertium with one pair, en→es, that answers in capitals."""
    datadir = tmp_path / "apertium"
    (datadir / "modes").mkdir(parents=True)
    (datadir / "modes" / "eng-spa.mode").write_text("lt-proc x | lt-proc $1 y\n")
    monkeypatch.setenv("APERTIUM_DATADIR", str(datadir))
    commands = [[sys.executable, str(STAGE)], [sys.executable, str(STAGE)]]
    monkeypatch.setattr(m, "stages", lambda mode, environ=None: [list(c) for c in commands])
    return datadir


@pytest.fixture
def argos_uk(argos_home: Path, built_packages: BuiltPackages) -> Path:
    """Argos's en→uk package installed."""
    return built_packages.install(argos_home / "packages", "en_uk")


def auto(argos_home: Path, **pins: str) -> AutoEngine:
    settings = EngineSettings(
        compute_type="float32", packages_dir=argos_home / "packages", engines=tuple(pins.items())
    )
    engine = get_engine("auto", settings)
    assert isinstance(engine, AutoEngine)
    return engine


def test_auto_takes_argos_where_installed_else_apertium(
    argos_home: Path, argos_uk: Path, apertium_es: Path
) -> None:
    engine = auto(argos_home)
    assert engine.provenance(source="en", target="uk").engine == "argos"
    assert engine.provenance(source="en", target="es").engine == "apertium"
    out = engine.translate_batch(["UPPER hello.", "UPPER hello."], source="en", target="es")
    assert [t.text for t in out] == ["UPPER HELLO.", "UPPER HELLO."]
    assert not engine.wants_download(source="en", target="es")
    assert not engine.wants_download(source="en", target="uk")
    # each chosen engine's batch: Apertium's is large (l10n translate saves per batch)
    assert engine.preferred_batch("en", "es") == BATCH
    assert engine.preferred_batch("en", "uk") is None  # Argos has no preference: CHUNK_SIZE
    assert engine.wants_download(source="en", target="de")
    with pytest.raises(ModelMissingError) as caught:
        engine.provenance(source="en", target="de")
    assert caught.value.message == (
        "no model for en→de: run `l10n models install en de`, "
        "or `l10n models install --file PATH` offline"
    )
    remedy = "or install Apertium's pair: `sudo apt-get install apertium apertium-en-gl`"
    with pytest.raises(ModelMissingError, match=remedy):
        engine.provenance(source="en", target="gl")
    engine.close()


def test_a_pinned_engine_is_the_only_one_tried(
    argos_home: Path, argos_uk: Path, apertium_es: Path
) -> None:
    engine = auto(argos_home, es="argos", uk="apertium")
    with pytest.raises(ModelMissingError, match="run `l10n models install en es`"):
        engine.provenance(source="en", target="es")
    assert engine.wants_download(source="en", target="es")  # Argos pinned: download it
    with pytest.raises(ModelMissingError, match="no Apertium pair is installed"):
        engine.provenance(source="en", target="uk")
    # Apertium pinned: nothing to download
    assert not engine.wants_download(source="en", target="uk")


def test_a_model_installed_after_a_miss_is_found(
    argos_home: Path, built_packages: BuiltPackages
) -> None:
    engine = auto(argos_home)
    with pytest.raises(ModelMissingError):
        engine.provenance(source="en", target="uk")
    built_packages.install(argos_home / "packages", "en_uk")
    assert engine.provenance(source="en", target="uk").engine == "argos"


def test_run_translates_each_language_with_the_engine_it_has(
    example_project: Path, argos_home: Path, argos_uk: Path, apertium_es: Path, run_cli: Run
) -> None:
    # no index is reachable: a download attempt would fail the language
    result = run_cli("run", "-l", "uk", "-l", "es", "--compute-type", "float32")
    assert "uk: 39 machine-translated now" in result.stdout
    assert "es: 39 machine-translated now" in result.stdout
    for lang, engine in (("uk", "argos"), ("es", "apertium")):
        catalog = cat.load_catalog(example_project / f"locales/{lang}/LC_MESSAGES/article.po")
        records = {machine_record(e).provenance.split()[0] for e in catalog if machine_record(e)}
        assert records == {engine}, lang
    listed = json.loads(run_cli("models", "list", "--json").stdout)
    assert [(p["engine"], p["from"], p["to"]) for p in listed] == [
        ("argos", "en", "uk"), ("apertium", "en", "es")
    ]
    text = run_cli("models", "list").stdout
    assert "en→es  apertium eng-spa (apertium-eng-spa " in text


def test_a_pin_in_the_config_wins_and_fails_with_the_apt_remedy(
    example_project: Path, argos_home: Path, argos_uk: Path, apertium_es: Path, run_cli: Run
) -> None:
    config = example_project / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "[skip]", '[translate]\nengines = { uk = "apertium" }\n\n[skip]'
        ),
        encoding="utf-8",
    )
    result = run_cli("run", "-l", "uk", expect=1)
    assert "uk: failed: no model for en→uk: no Apertium pair is installed" in result.stderr
    result = run_cli("run", "-l", "uk", "--engine", "argos", "--compute-type", "float32")
    assert "uk: 39 machine-translated now" in result.stdout
