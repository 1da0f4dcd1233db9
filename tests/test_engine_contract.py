"""The contract every engine must pass: the fake engine and the Argos engine alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.engine import Engine, EngineSettings, FakeEngine, Provenance, Translation, get_engine
from l10n.errors import ModelMissingError
from tests.argos_factory import ENGLISH, BuiltPackages

pytest_plugins = ["tests.conftest_engine"]


@pytest.fixture(scope="module")
def packages_dir(
    built_packages: BuiltPackages,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    return built_packages.install(
        tmp_path_factory.mktemp("contract") / "packages", "en_uk", "uk_en"
    )


@pytest.fixture(params=["fake", "argos"])
def engine(request: pytest.FixtureRequest, packages_dir: Path) -> Engine:
    settings = EngineSettings(compute_type="float32", packages_dir=packages_dir)
    if request.param == "fake":
        return FakeEngine(settings=settings, pairs=frozenset({("en", "uk"), ("uk", "en")}))
    return get_engine(request.param, settings)


def test_same_length_and_order_as_input(engine: Engine) -> None:
    texts = [ENGLISH[2], ENGLISH[0], ENGLISH[2], ENGLISH[5]]
    out = engine.translate_batch(texts, source="en", target="uk")
    assert len(out) == len(texts)
    assert all(isinstance(item, Translation) for item in out)
    assert out[0] == out[2]
    alone = [engine.translate_batch([text], source="en", target="uk")[0] for text in texts]
    assert out == alone


def test_empty_input_gives_empty_output(engine: Engine) -> None:
    assert engine.translate_batch([], source="en", target="uk") == []


def test_blank_texts_come_back_unchanged(engine: Engine) -> None:
    out = engine.translate_batch(["", "  ", "\n"], source="en", target="uk")
    assert [item.text for item in out] == ["", "  ", "\n"]


def test_surrounding_whitespace_is_kept(engine: Engine) -> None:
    bare, padded = engine.translate_batch(
        [ENGLISH[1], f"  {ENGLISH[1]}\n"], source="en", target="uk"
    )
    assert padded.text == f"  {bare.text}\n"


def test_progress_rises_to_the_number_of_texts(engine: Engine) -> None:
    seen: list[int] = []
    texts = ENGLISH + ENGLISH[:3]
    engine.translate_batch(texts, source="en", target="uk", progress=seen.append)
    assert seen and seen[-1] == len(texts)
    assert seen == sorted(seen)


def test_missing_pair_names_the_remedy(engine: Engine) -> None:
    expected = (
        "no model for fr→uk: run `l10n models install fr uk`, "
        "or `l10n models install --file PATH` offline"
    )
    with pytest.raises(ModelMissingError) as caught:
        engine.translate_batch(["Bonjour."], source="fr", target="uk")
    assert caught.value.message == expected
    with pytest.raises(ModelMissingError):
        engine.provenance(source="fr", target="uk")


def test_provenance_is_one_parseable_line(engine: Engine) -> None:
    provenance = engine.provenance(source="en", target="uk")
    line = str(provenance)
    assert "\n" not in line and line.startswith(f"{engine.name} en→uk ")
    assert Provenance.parse(line) == provenance
    assert len(provenance.model_sha256) == 12
