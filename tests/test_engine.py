"""The Argos engine on real (tiny, random) packages, the fake engine, the registry."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.engine import EngineSettings, FakeEngine, Provenance, argos, engine_names, get_engine
from l10n.engine.argos import (
    ArgosEngine,
    clear_model_cache,
    resolve_compute_type,
    split_tokens,
    thread_layout,
)
from l10n.engine.guard import decoding_bound
from l10n.errors import EngineError, UsageError
from tests.argos_factory import (
    ENGLISH,
    UKRAINIAN,
    BuiltPackages,
    ModelShape,
    PackageSpec,
    build_package,
)

pytest_plugins = ["tests.conftest_engine"]

ROOT = Path(__file__).resolve().parent.parent
POOL = [*ENGLISH, "Zelenskyy met Starmer.", "Drones, drones and more drones!", "Yes."]


@pytest.fixture(scope="module")
def packages_dir(built_packages: BuiltPackages, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("engine") / "packages"
    return built_packages.install(root, "en_uk", "uk_en", "en_de")


def engine_for(packages_dir: Path, **options: Any) -> ArgosEngine:
    return ArgosEngine(EngineSettings(compute_type="float32", packages_dir=packages_dir, **options))


# -- registry and import cost -----------------------------------------------------------


def test_registry_names_and_kinds() -> None:
    assert engine_names() == ("auto", "argos", "apertium", "fake")
    assert isinstance(get_engine("fake"), FakeEngine)
    assert isinstance(
        get_engine("argos", EngineSettings(packages_dir=Path("/nonexistent"))), ArgosEngine
    )


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(
        UsageError, match=r"unknown engine .deepl.; choose one of auto, argos, apertium, fake"
    ):
        get_engine("deepl")


def test_importing_the_engine_loads_no_model_library_and_creates_nothing(tmp_path: Path) -> None:
    code = (
        "import sys, l10n.engine, l10n.engine.argos, l10n.engine.packages, l10n.engine.index\n"
        "from l10n.engine import get_engine\n"
        "get_engine('argos')\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('ctranslate2', 'sentencepiece', 'argostranslate', 'numpy', 'torch')]\n"
        "print(heavy)\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("XDG_DATA_HOME", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    assert list(tmp_path.iterdir()) == []


def test_cpu_threads_become_parallel_single_thread_workers() -> None:
    assert thread_layout(EngineSettings(threads=3)) == (3, 1)
    assert thread_layout(EngineSettings())[0] >= 1
    assert thread_layout(EngineSettings(device="cuda", threads=4)) == (1, 4)


def test_auto_compute_type_is_int8_on_cpu() -> None:
    assert resolve_compute_type(EngineSettings()) == "int8"
    assert resolve_compute_type(EngineSettings(device="cuda")) == "auto"
    assert resolve_compute_type(EngineSettings(compute_type="float32")) == "float32"


# -- equivalences (float32) --------------------------------------------------------------


@settings(
    max_examples=15, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=12))
def test_batched_equals_each_text_alone(packages_dir: Path, texts: list[str]) -> None:
    engine = engine_for(packages_dir)
    batched = engine.translate_batch(texts, source="en", target="uk")
    alone = [engine.translate_batch([text], source="en", target="uk")[0] for text in texts]
    assert batched == alone


@pytest.mark.parametrize("key", ["en_uk_prefix", "en_uk_bpe"])
def test_batched_equals_alone_for_prefix_and_bpe_packages(
    built_packages: BuiltPackages,
    tmp_path: Path,
    key: str,
) -> None:
    engine = engine_for(built_packages.install(tmp_path / "packages", key))
    batched = engine.translate_batch(POOL, source="en", target="uk")
    assert batched == [engine.translate_batch([text], source="en", target="uk")[0] for text in POOL]


def test_target_prefix_is_passed_and_stripped(
    built_packages: BuiltPackages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = engine_for(built_packages.install(tmp_path / "packages", "en_uk_prefix"))
    seen = spy_batches(monkeypatch)
    out = engine.translate_batch(ENGLISH, source="en", target="uk")
    assert all(call["target_prefix"] == [["__uk__"]] * len(call["source"]) for call in seen)
    assert not any("__uk__" in item.text for item in out)


def test_pivot_equals_the_two_packages_chained(packages_dir: Path) -> None:
    engine = engine_for(packages_dir)
    pivoted = engine.translate_batch(UKRAINIAN, source="uk", target="de")
    english = engine.translate_batch(UKRAINIAN, source="uk", target="en")
    chained = engine.translate_batch([item.text for item in english], source="en", target="de")
    assert [item.text for item in pivoted] == [item.text for item in chained]
    provenance = engine.provenance(source="uk", target="de")
    assert provenance.pivot == ("en",)
    assert str(provenance).startswith(
        "argos uk→en→de translate-uk_en+translate-en_de 1.9+1.0 sha256:"
    )


def test_alternatives_keep_the_best_and_add_others(packages_dir: Path) -> None:
    plain = engine_for(packages_dir).translate_batch(ENGLISH, source="en", target="uk")
    rich = engine_for(packages_dir, alternatives=2).translate_batch(
        ENGLISH, source="en", target="uk"
    )
    assert [item.text for item in rich] == [item.text for item in plain]
    assert all(len(item.alternatives) <= 2 for item in rich)
    assert all(item.text not in item.alternatives for item in rich)
    assert any(item.alternatives for item in rich)


# -- batching, dedupe, loading -----------------------------------------------------------


def spy_batches(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record every ``Translator.translate_batch`` call the engine makes."""
    seen: list[dict[str, Any]] = []
    original = argos._Hop._submit

    def submit(self: Any, batch: list[list[str]], **options: Any) -> list[Any]:
        wrapped = self.translator

        class Recorder:
            def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
                seen.append({"source": source, **kwargs})
                return wrapped.translate_batch(source, **kwargs)

        self.translator = Recorder()
        try:
            return original(self, batch, **options)
        finally:
            self.translator = wrapped

    monkeypatch.setattr(argos._Hop, "_submit", submit)
    return seen


def test_each_distinct_text_is_translated_once_sorted_by_length(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = spy_batches(monkeypatch)
    texts = ENGLISH * 3 + [f"  {ENGLISH[0]}  "]
    engine_for(packages_dir).translate_batch(texts, source="en", target="uk")
    sources = [tokens for call in seen for tokens in call["source"]]
    assert len(sources) == len(set(ENGLISH))
    assert [len(tokens) for tokens in sources] == sorted(len(tokens) for tokens in sources)
    assert all(call["batch_type"] == "tokens" and call["max_batch_size"] == 1024 for call in seen)
    assert len(seen) == len({decoding_bound(len(tokens)) for tokens in sources})


def test_decoding_length_is_bounded_by_the_source(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = spy_batches(monkeypatch)
    engine_for(packages_dir).translate_batch(ENGLISH, source="en", target="uk")
    for call in seen:
        longest = max(len(tokens) for tokens in call["source"])
        assert 2 * longest + 10 <= call["max_decoding_length"] <= 2 * max(8, 1.5 * longest + 1) + 10


def test_a_model_is_loaded_once_per_process(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    clear_model_cache()
    loads: list[str] = []
    real = ctranslate2.Translator

    def counting(path: str, **kwargs: Any) -> Any:
        loads.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counting)
    for _ in range(2):
        engine_for(packages_dir).translate_batch(ENGLISH[:2], source="en", target="uk")
    assert len(loads) == 1


def test_nothing_to_translate_loads_no_model(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("model loaded")

    monkeypatch.setattr(argos, "_load_translator", refuse)
    clear_model_cache()
    engine = engine_for(packages_dir)
    assert engine.translate_batch([], source="en", target="uk") == []
    assert [item.text for item in engine.translate_batch([" ", ""], source="en", target="uk")] == [
        " ",
        "",
    ]


def test_long_texts_are_cut_below_the_input_limit(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = spy_batches(monkeypatch)
    long_text = " ".join(ENGLISH)
    out = engine_for(packages_dir, max_input_tokens=20).translate_batch(
        [long_text], source="en", target="uk"
    )
    assert len(out) == 1 and out[0].text
    sources = [tokens for call in seen for tokens in call["source"]]
    assert len(sources) > 1 and all(len(tokens) <= 20 for tokens in sources)
    assert all(call["max_input_length"] == 0 for call in seen)


@given(
    st.lists(st.sampled_from(["▁a", "b", "▁c", "d", "e", "▁ff"]), max_size=60),
    st.integers(min_value=1, max_value=12),
)
def test_split_tokens_keeps_every_token_in_order(tokens: list[str], limit: int) -> None:
    pieces = split_tokens(tokens, limit, kind="sentencepiece")
    assert [token for piece in pieces for token in piece] == tokens
    assert all(0 < len(piece) <= limit for piece in pieces) or tokens == []


def test_split_tokens_cuts_at_word_starts_when_it_can() -> None:
    tokens = ["▁The", "▁pres", "id", "ent", "▁said", "▁it", "."]
    pieces = split_tokens(tokens, 4, kind="sentencepiece")
    assert pieces == [["▁The", "▁pres", "id", "ent"], ["▁said", "▁it", "."]]
    bpe = split_tokens(["the", "pres@@", "id@@", "ent", "said", "it"], 3, kind="bpe")
    assert bpe == [["the"], ["pres@@", "id@@", "ent"], ["said", "it"]]


# -- guard -------------------------------------------------------------------------------


def test_a_model_that_never_stops_is_flagged_runaway(tmp_path: Path) -> None:
    spec = PackageSpec("en", "uk", seed=7, shape=ModelShape(eos_bias=-100.0))
    build_package(spec, tmp_path / "packages")
    out = engine_for(tmp_path / "packages").translate_batch(ENGLISH[:4], source="en", target="uk")
    assert [item.warning for item in out] == ["runaway length"] * 4


def test_a_looping_output_is_flagged(packages_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Result:
        hypotheses = (("▁la",) * 6 + (".",),)

        def result(self) -> Any:
            return self

    def looping(self: Any, batch: list[list[str]], **options: Any) -> list[Any]:
        return [Result() for _ in batch]

    monkeypatch.setattr(argos._Hop, "_submit", looping)
    out = engine_for(packages_dir).translate_batch(
        ["Sing a song for me, please."], source="en", target="uk"
    )
    assert out[0].warning == "repetition loop"
    assert out[0].text == "la la la la la la."


# -- errors and provenance ---------------------------------------------------------------


def test_same_source_and_target_is_an_engine_error(packages_dir: Path) -> None:
    with pytest.raises(EngineError, match="both 'en'"):
        engine_for(packages_dir).translate_batch(["x"], source="en", target="en")


def test_base_language_codes_find_the_package(packages_dir: Path) -> None:
    engine = engine_for(packages_dir)
    assert engine.translate_batch(
        ENGLISH[:2], source="en_GB", target="uk_UA"
    ) == engine.translate_batch(ENGLISH[:2], source="en", target="uk")


def test_provenance_hashes_the_model_file(packages_dir: Path) -> None:
    provenance = engine_for(packages_dir).provenance(source="en", target="uk")
    folder = next(packages_dir.glob("translate-en_uk-*"))
    digest = hashlib.sha256((folder / "model" / "model.bin").read_bytes()).hexdigest()
    assert provenance == Provenance("argos", "translate-en_uk", "1.9", digest[:12], (), "en", "uk")
    assert str(provenance) == f"argos en→uk translate-en_uk 1.9 sha256:{digest[:12]}"


def test_a_corrupt_model_is_an_engine_error(built_packages: BuiltPackages, tmp_path: Path) -> None:
    packages = built_packages.install(tmp_path / "packages", "en_uk")
    model = next(packages.glob("*/model/model.bin"))
    model.write_bytes(b"not a model")
    clear_model_cache()
    with pytest.raises(EngineError, match="cannot load model"):
        engine_for(packages).translate_batch(["Hello."], source="en", target="uk")


@given(
    st.from_regex(r"[a-z]{2,3}", fullmatch=True),
    st.lists(st.from_regex(r"[a-z]{2}", fullmatch=True), max_size=2),
    st.from_regex(r"[A-Za-z0-9._-]{1,20}", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,2}){0,2}", fullmatch=True),
    st.from_regex(r"[0-9a-f]{12}", fullmatch=True),
)
def test_provenance_round_trips_through_its_line(
    source: str, pivot: list[str], package: str, version: str, digest: str
) -> None:
    provenance = Provenance("argos", package, version, digest, tuple(pivot), source, "uk")
    assert Provenance.parse(str(provenance)) == provenance


def test_provenance_parse_rejects_other_lines() -> None:
    assert Provenance.parse("fuzzy") is None
    assert Provenance.parse("argos en translate-en_uk 1.9 sha256:abc") is None


# -- fake engine -------------------------------------------------------------------------


def test_fake_engine_reverses_words_and_records_calls() -> None:
    engine = FakeEngine()
    out = engine.translate_batch(
        ["Hello big world", "Hello big world", "x"], source="en", target="uk"
    )
    assert [item.text for item in out] == ["[uk] world big Hello", "[uk] world big Hello", "[uk] x"]
    assert [call.texts for call in engine.calls] == [("Hello big world", "x")]


def test_fake_engine_can_fail_and_warn() -> None:
    with pytest.raises(EngineError, match="after 1 texts"):
        FakeEngine(fail_after=1).translate_batch(["a", "b"], source="en", target="uk")
    with pytest.raises(EngineError, match="boom"):
        FakeEngine(fail_on="boom").translate_batch(["a boom"], source="en", target="uk")
    out = FakeEngine(warn_on="loop").translate_batch(["a loop", "b"], source="en", target="uk")
    assert [item.warning for item in out] == ["repetition loop", None]


def test_fake_engine_alternatives_follow_settings() -> None:
    out = FakeEngine(settings=EngineSettings(alternatives=2)).translate_batch(
        ["a b"], source="en", target="de"
    )
    assert out[0].alternatives == ("[de] b a (1)", "[de] b a (2)")


def test_engine_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        EngineSettings().beam_size = 1  # type: ignore[misc]
    assert EngineSettings().beam_size == 4
