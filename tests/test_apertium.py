"""The Apertium engine: its stream format, pair discovery and pipelines.

Most of it runs everywhere: pipelines of stand-in stages (``tests/apertium_fake_stage.py``)
exercise batching, restarts, stalls and crashes, and a fake data folder the discovery.
The tests on real output skip, saying what to install, where Apertium is missing.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.engine import EngineSettings, Provenance, get_engine
from l10n.engine.apertium import ApertiumEngine
from l10n.engine.apertium import modes as m
from l10n.engine.apertium.engine import engine_variants
from l10n.engine.apertium.process import Pipeline
from l10n.engine.apertium.stream import RecordError, decode, encode, protected_spans
from l10n.errors import EngineError, ModelMissingError
from tests.apertium_helpers import needs_apertium

ROOT = Path(__file__).resolve().parent.parent
STAGE = Path(__file__).resolve().parent / "apertium_fake_stage.py"


# -- the stream format --------------------------------------------------------------------


def test_text_is_escaped_as_destxt_does_with_more_protected() -> None:
    assert encode("a  b\tc") == "a[  ]b[\t]c.[][\n]"
    assert encode("x ^y$ < z > /w [v] \\u") == "x \\^y\\$ \\< z \\> \\/w \\[v\\] \\\\u.[][\n]"
    assert encode("5*3 # tag @ ~") == "5[*]3 [#] tag [\\@] [~].[][\n]"
    assert encode("#tag @who") == "[#tag] [\\@who].[][\n]"
    assert encode("Hi {name}, see https://x.org/a_b.") == (
        "Hi [\\{name\\}], see [https:\\/\\/x.org\\/a_b]..[][\n]"
    )


def test_protected_spans_cover_codes_and_leave_sentence_punctuation() -> None:
    text = "Mail me@x.org or see <b>www.x.org/a</b>, %(count)d and {0}. #Kyiv @ap_news"
    found = [text[start:end] for start, end in protected_spans(text)]
    assert found == [
        "me@x.org", "<b>", "www.x.org/a", "</b>", "%(count)d", "{0}", "#Kyiv", "@ap_news"
    ]


def test_nul_cannot_be_encoded() -> None:
    with pytest.raises(ValueError, match="NUL"):
        encode("a\0b")


@given(st.text(alphabet=st.characters(exclude_characters="\0", exclude_categories=("Cs",))))
def test_an_echoed_record_decodes_to_the_text(text: str) -> None:
    core = text.strip()
    if not core:
        return
    assert decode(encode(core), source=core).text == core


def test_marks_become_data_and_leave_the_text() -> None:
    record = "El *Zelenskyy dijo en \\@1990s cinco-*storey #cantar [@]who [*]x esta#semana..[][\n]"
    source = "Zelenskyy said in 1990s five-storey sing @who *x this week."
    decoded = decode(record, source=source)
    assert decoded.text == "El Zelenskyy dijo en 1990s cinco-storey cantar @who *x esta semana."
    assert decoded.marked == ("*Zelenskyy", "@1990s", "*storey", "#cantar", "#semana")


def test_tidy_mends_only_what_the_engine_broke() -> None:
    source = "“We will do it,” he said, thanking the UK’s people."
    record = ' “   Lo haremos  ,"  dijo, dando las gracias a la gente del Reino Unido\'s ..[][\n]'
    assert decode(record, source=source).text == (
        "“Lo haremos,” dijo, dando las gracias a la gente del Reino Unido’s."
    )
    # the source's own spacing and ASCII marks are the source's: left alone
    kept = 'He said " so " , it\'s  odd.'
    assert decode(encode(kept), source=kept).text == kept


def test_a_record_without_its_ending_or_empty_is_refused() -> None:
    with pytest.raises(RecordError, match="does not end"):
        decode("Hola", source="Hello")
    with pytest.raises(RecordError, match="empty"):
        decode(" .[][\n]", source="Hello")
    with pytest.raises(RecordError, match="not closed"):
        decode("[abc\\][][\n]", source="Hello")


# -- modes -----------------------------------------------------------------------------------


MODE_TEXT = (
    "lt-proc -z '/d/apertium-x-y/x-y.automorf.bin' | cg-proc -z -w '/d/x-y.rlx.bin' | "
    "apertium-tagger -z -g $2 '/d/x-y.prob' | lt-proc -z $1 '/d/x-y.autogen.bin'"
)


def test_a_mode_pipeline_becomes_stages_and_the_tagger_can_be_replaced() -> None:
    commands = m.parse_pipeline(MODE_TEXT)
    assert commands == [
        ["lt-proc", "-z", "/d/apertium-x-y/x-y.automorf.bin"],
        ["cg-proc", "-z", "-w", "/d/x-y.rlx.bin"],
        ["apertium-tagger", "-z", "-g", "/d/x-y.prob"],
        ["lt-proc", "-z", "-g", "/d/x-y.autogen.bin"],
    ]
    assert m.adapt_tagger(commands) == [
        ["lt-proc", "-z", "/d/apertium-x-y/x-y.automorf.bin"],
        ["cg-proc", "-1", "-n", "-z", "-w", "/d/x-y.rlx.bin"],
        ["lt-proc", "-z", "-g", "/d/x-y.autogen.bin"],
    ]
    assert m.adapt_tagger([commands[0], commands[3]]) is None


@pytest.mark.parametrize("text", ["a | b; rm -rf x", "a | $(b)", "a || b", "a 'unclosed"])
def test_a_mode_that_is_no_plain_pipeline_is_refused(text: str) -> None:
    with pytest.raises(EngineError):
        m.parse_pipeline(text)


def test_codes_map_to_iso_639_1_and_non_languages_go() -> None:
    assert [m.iso_code(c) for c in ("eng", "spa", "cat", "rus", "ukr", "en", "gl")] == [
        "en", "es", "ca", "ru", "uk", "en", "gl"
    ]
    assert m.iso_code("zlm") == "ms"
    assert m.iso_code("ast") == "ast"
    assert m.iso_code("qqq") is None


def _datadir(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "apertium" / "modes"
    folder.mkdir(parents=True)
    for name in names:
        (folder / f"{name}.mode").write_text(MODE_TEXT, encoding="utf-8")
    return folder.parent


def test_discovery_reads_modes_with_variants(tmp_path: Path) -> None:
    datadir = _datadir(
        tmp_path, "eng-spa", "en-gl", "eng-cat", "eng-cat_valencia", "spa-eng_US", "spa-eng",
        "Cyrl-Latn", "eng-spa-anmor", "qqq-eng",
    )
    found = {(mode.name, mode.source, mode.target_code) for mode in m.installed_modes(datadir)}
    assert found == {
        ("eng-spa", "en", "es"), ("en-gl", "en", "gl"), ("eng-cat", "en", "ca"),
        ("eng-cat_valencia", "en", "ca_valencia"), ("spa-eng_US", "es", "en_US"),
        ("spa-eng", "es", "en"),
    }
    modes = m.installed_modes(datadir)

    def name(source: str, target: str, variant: str | None = None) -> str | None:
        mode = m.find_mode(modes, source=source, target=target, variant=variant)
        return None if mode is None else mode.name

    assert name("en", "ca") == "eng-cat"
    assert name("en", "ca_valencia") == name("en", "ca", "valencia") == "eng-cat_valencia"
    assert name("en", "ca", "balear") == "eng-cat"  # not installed: the plain pair
    assert name("es", "en_US") == "spa-eng_US" and name("es", "en_GB") == "spa-eng"
    assert name("en", "fr") is None


def test_a_missing_pair_names_the_debian_package() -> None:
    assert m.missing_pair_message("en", "gl") == (
        "no model for en→gl: no Apertium pair is installed; "
        "run `sudo apt-get install apertium apertium-en-gl`"
    )
    assert "apertium-eng-spa" in m.missing_pair_message("es", "en")
    assert "apertium-rus-ukr" in m.missing_pair_message("uk", "ru")
    assert "Debian packages none" in m.missing_pair_message("fr", "uk")


def test_variants_come_from_the_engines_table() -> None:
    settings = EngineSettings(engines=(("ca", "apertium:valencia"), ("es", "apertium")))
    assert engine_variants(settings) == {"ca": "valencia"}


def test_creating_the_engine_runs_nothing(tmp_path: Path) -> None:
    code = (
        "import sys, l10n.engine\n"
        "from l10n.engine import get_engine\n"
        "engine = get_engine('apertium')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('subprocess', 'babel'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "babel" not in done.stdout


def test_without_apertium_every_pair_is_missing_with_the_remedy(tmp_path: Path) -> None:
    engine = ApertiumEngine(datadir=tmp_path / "nothing")
    with pytest.raises(ModelMissingError, match="apt-get install apertium apertium-eng-spa"):
        engine.provenance(source="en", target="es")


# -- pipelines of stand-in stages --------------------------------------------------------------


def stage(*args: str) -> list[str]:
    return [sys.executable, str(STAGE), *args]


def fake_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commands: list[list[str]], **kw: Any
) -> ApertiumEngine:
    """An engine whose en→es pair runs ``commands``."""
    monkeypatch.setattr(m, "stages", lambda mode, environ=None: [list(c) for c in commands])
    return ApertiumEngine(datadir=_datadir(tmp_path, "eng-spa"), **kw)


def test_a_batch_streams_distinct_texts_through_one_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log"
    engine = fake_engine(tmp_path, monkeypatch, [stage("--log", str(log)), stage()])
    texts = ["UPPER one.", "two", "UPPER one.", "  two\n", ""]
    out = engine.translate_batch(texts, source="en", target="es")
    assert [t.text for t in out] == ["UPPER ONE.", "two", "UPPER ONE.", "  two\n", ""]
    assert log.read_text(encoding="utf-8").splitlines() == [
        "UPPER one..[][\\n]", "two.[][\\n]"
    ]
    first = engine._pairs["eng-spa"].pipeline
    engine.translate_batch(["three"], source="en", target="es")
    assert engine._pairs["eng-spa"].pipeline is first and first is not None and first.alive
    provenance = engine.provenance(source="en", target="es")
    assert str(provenance).startswith("apertium en→es apertium-eng-spa ")
    assert Provenance.parse(str(provenance)) == provenance
    engine.close()
    assert not first.alive


@pytest.mark.parametrize(
    ("trouble", "why"),
    [
        ("CRASH", "apertium_fake_stage.py|python"),  # the stage's name, killed by signal 11
        ("SPLIT", "more than one text|does not end"),
        ("EMPTY", "does not end"),
    ],
)
def test_a_text_that_breaks_the_pipeline_is_named_and_the_others_are_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str, why: str
) -> None:
    engine = fake_engine(tmp_path, monkeypatch, [stage(), stage()])
    texts = [f"text {n}" for n in range(50)]
    out = engine.translate_batch(texts, source="en", target="es")  # healthy first
    bad = [*texts[:20], f"a {trouble} here", *texts[20:]]
    with pytest.raises(EngineError, match=f"failed on 'a {trouble} here': .*({why})"):
        engine.translate_batch(bad, source="en", target="es")
    again = engine.translate_batch(texts, source="en", target="es")  # a new pipeline
    assert again == out


def test_a_crash_names_the_stage_and_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = fake_engine(tmp_path, monkeypatch, [stage(), stage()])
    with pytest.raises(EngineError, match="killed by signal 11"):
        engine.translate_batch(["CRASH"], source="en", target="es")


def test_a_stalled_pipeline_is_killed_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = fake_engine(tmp_path, monkeypatch, [stage()], stall=3)
    with pytest.raises(EngineError, match="'STALL': no answer for 3 s"):
        engine.translate_batch(["fine", "STALL", "fine too"], source="en", target="es")
    assert [t.text for t in engine.translate_batch(["fine"], source="en", target="es")] == ["fine"]


def test_pipeline_exchange_reports_what_came_back(tmp_path: Path) -> None:
    pipeline = Pipeline([stage()], stall=30)
    done = pipeline.exchange([b"a", b"b"])
    assert done.records == [b"a", b"b"] and done.failure is None
    done = pipeline.exchange([b"c", b"CRASH", b"d"])
    assert done.records == [b"c"] and done.failure is not None
    assert not pipeline.alive


def _tools(tmp_path: Path) -> Path:
    """``cg-proc`` and ``apertium-tagger`` stand-ins; the tagger crashes on Cyrillic Э."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, extra in (("cg-proc", ""), ("apertium-tagger", "--crash-on Э")):
        path = folder / name
        path.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STAGE}" {extra} "$@"\n')
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return folder


def test_a_pipeline_whose_tagger_dies_on_the_probe_is_adapted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = _tools(tmp_path)
    log = tmp_path / "log"
    commands = [
        [str(tools / "cg-proc"), "-z", "-w", "grammar", "--log", str(log)],
        [str(tools / "apertium-tagger"), "-z", "-g", "model"],
    ]
    datadir = _datadir(tmp_path, "rus-ukr")
    monkeypatch.setattr(m, "stages", lambda mode, environ=None: [list(c) for c in commands])
    engine = ApertiumEngine(datadir=datadir)
    assert engine.provenance(source="ru", target="uk").version.endswith("+adapted")
    out = engine.translate_batch(["Это хорошо.", "UPPER да"], source="ru", target="uk")
    assert [t.text for t in out] == ["Это хорошо.", "UPPER ДА"]
    assert engine._pairs["rus-ukr"].commands[0][:3] == [str(tools / "cg-proc"), "-1", "-n"]
    # a pair whose tagger survives the probe keeps its pipeline
    monkeypatch.setattr(
        m, "stages", lambda mode, environ=None: [commands[0], [str(tools / "cg-proc")]]
    )
    plain = ApertiumEngine(datadir=datadir)
    assert "adapted" not in plain.provenance(source="ru", target="uk").version


# -- real Apertium -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apertium() -> Any:
    needs_apertium("eng-spa")
    engine = get_engine("apertium")
    yield engine
    engine.close()  # type: ignore[attr-defined]


def _sentences() -> list[str]:
    from l10n.segment import segment_text

    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    return [segment.text for segment in segment_text(text)]


def test_the_article_in_one_batch_is_each_sentence_alone(apertium: Any) -> None:
    sentences = _sentences()
    batch = apertium.translate_batch(sentences, source="en", target="es")
    alone = [apertium.translate_batch([s], source="en", target="es")[0] for s in sentences]
    assert batch == alone
    assert all(t.text.strip() for t in batch)
    assert "*Zelenskyy" in {word for t in batch for word in t.unknown}
    assert batch[0].text.startswith("Ucrania y el Reino Unido")


def test_codes_markup_and_links_pass_through_unchanged(apertium: Any) -> None:
    text = (
        "Send {count} files to <b>the editor</b> at news@example.org, see "
        "https://example.org/a_b?x=1 and %(name)s by %d or #hashtags and @handles."
    )
    out = apertium.translate_batch([text], source="en", target="es")[0].text
    for code in ("{count}", "<b>", "</b>", "news@example.org", "https://example.org/a_b?x=1",
                 "%(name)s", "%d", "#hashtags", "@handles"):
        assert code in out, code
    assert out != text


def test_provenance_names_the_debian_package_and_version(apertium: Any) -> None:
    provenance = apertium.provenance(source="en", target="es")
    version = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "apertium-eng-spa"],
        capture_output=True, text=True, check=False,
    ).stdout
    assert str(provenance).startswith(f"apertium en→es apertium-eng-spa {version or 'unknown'} ")


RUSSIAN = [
    "Это хорошо.",
    "Президент Украины сказал, что обе страны начнут совместное производство дронов.",
    "Мы сделаем это вместе.",
    "В понедельник он встретился с премьер-министром в Лондоне.",
    "Жители города провели ночь в укрытиях.",
]


def test_russian_to_ukrainian_translates_every_sentence() -> None:
    needs_apertium("rus-ukr")
    engine = ApertiumEngine()
    try:
        out = engine.translate_batch(RUSSIAN, source="ru", target="uk")
        provenance = engine.provenance(source="ru", target="uk")
    finally:
        engine.close()
    assert all(t.text.strip() and t.text != s for t, s in zip(out, RUSSIAN, strict=True))
    assert out[2].text == "Ми зробимо це разом."
    assert str(provenance).startswith("apertium ru→uk apertium-rus-ukr ")
    # Debian's 0.2.1 needs its tagger replaced; a fixed package would not
    if provenance.version.startswith("0.2.1"):
        assert provenance.version.endswith("+adapted")
