"""The contract every engine must pass: the fake, Argos and Apertium engines alike.

Each engine translates from English into a language it has (Apertium: Spanish, from the
distribution's packages; skipped, saying so, where Apertium is not installed).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n.engine import Engine, EngineSettings, FakeEngine, Provenance, Translation, get_engine
from l10n.errors import ModelMissingError
from tests.apertium_helpers import needs_apertium
from tests.argos_factory import ENGLISH, BuiltPackages

pytest_plugins = ["tests.conftest_engine"]

ARGOS_REMEDY = (
    "no model for fr→uk: run `l10n models install fr uk`, "
    "or `l10n models install --file PATH` offline"
)
APERTIUM_REMEDY = (
    "no model for fr→uk: no Apertium pair is installed, and Debian packages none "
    "(`apt-cache search apertium-` lists them)"
)


@dataclass(frozen=True)
class Subject:
    """An engine under contract, the pair it translates and what a missing pair says."""

    engine: Engine
    target: str
    remedy: str

    @property
    def name(self) -> str:
        return self.engine.name


@pytest.fixture(scope="module")
def packages_dir(
    built_packages: BuiltPackages,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    return built_packages.install(
        tmp_path_factory.mktemp("contract") / "packages", "en_uk", "uk_en"
    )


@pytest.fixture(scope="module")
def apertium() -> Iterator[Engine]:
    """One Apertium engine for the module: its pipeline stays up between tests."""
    needs_apertium("eng-spa")
    engine = get_engine("apertium")
    yield engine
    engine.close()  # type: ignore[attr-defined]


@pytest.fixture(params=["fake", "argos", "apertium"])
def subject(request: pytest.FixtureRequest, packages_dir: Path) -> Subject:
    settings = EngineSettings(compute_type="float32", packages_dir=packages_dir)
    if request.param == "fake":
        pairs = frozenset({("en", "uk"), ("uk", "en")})
        return Subject(FakeEngine(settings=settings, pairs=pairs), "uk", ARGOS_REMEDY)
    if request.param == "apertium":
        return Subject(request.getfixturevalue("apertium"), "es", APERTIUM_REMEDY)
    return Subject(get_engine(request.param, settings), "uk", ARGOS_REMEDY)


def test_same_length_and_order_as_input(subject: Subject) -> None:
    engine, target = subject.engine, subject.target
    texts = [ENGLISH[2], ENGLISH[0], ENGLISH[2], ENGLISH[5]]
    out = engine.translate_batch(texts, source="en", target=target)
    assert len(out) == len(texts)
    assert all(isinstance(item, Translation) for item in out)
    assert out[0] == out[2]
    alone = [engine.translate_batch([text], source="en", target=target)[0] for text in texts]
    assert out == alone


def test_empty_input_gives_empty_output(subject: Subject) -> None:
    assert subject.engine.translate_batch([], source="en", target=subject.target) == []


def test_blank_texts_come_back_unchanged(subject: Subject) -> None:
    out = subject.engine.translate_batch(["", "  ", "\n"], source="en", target=subject.target)
    assert [item.text for item in out] == ["", "  ", "\n"]


def test_surrounding_whitespace_is_kept(subject: Subject) -> None:
    bare, padded = subject.engine.translate_batch(
        [ENGLISH[1], f"  {ENGLISH[1]}\n"], source="en", target=subject.target
    )
    assert padded.text == f"  {bare.text}\n"


def test_progress_rises_to_the_number_of_texts(subject: Subject) -> None:
    seen: list[int] = []
    texts = ENGLISH + ENGLISH[:3]
    subject.engine.translate_batch(texts, source="en", target=subject.target, progress=seen.append)
    assert seen and seen[-1] == len(texts)
    assert seen == sorted(seen)


def test_missing_pair_names_the_remedy(subject: Subject) -> None:
    with pytest.raises(ModelMissingError) as caught:
        subject.engine.translate_batch(["Bonjour."], source="fr", target="uk")
    assert caught.value.message == subject.remedy
    with pytest.raises(ModelMissingError):
        subject.engine.provenance(source="fr", target="uk")


def test_provenance_is_one_parseable_line(subject: Subject) -> None:
    provenance = subject.engine.provenance(source="en", target=subject.target)
    line = str(provenance)
    assert "\n" not in line and line.startswith(f"{subject.name} en→{subject.target} ")
    assert Provenance.parse(line) == provenance
    assert len(provenance.model_sha256) == 12


def test_a_pair_it_has_wants_no_download(subject: Subject) -> None:
    assert subject.engine.wants_download(source="en", target=subject.target) is False
    wants = subject.engine.wants_download(source="fr", target="uk")
    # Argos's index may offer what is missing; the others install nothing themselves
    assert wants is (subject.name == "argos")
