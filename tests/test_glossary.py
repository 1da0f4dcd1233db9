"""The glossary's parts: reading CSV and TBX, finding terms, protecting them from the
engine and putting them back, matching inflected forms (pymorphy3 for uk and ru)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n import po
from l10n import reviewstate as rs
from l10n.engine import FakeEngine, Translation
from l10n.engine.fake import fake_translate
from l10n.errors import ConfigError
from l10n.glossary import Glossary, Term, load_glossary, protect, restore, substitutes
from l10n.glossary.morph import matcher_for
from l10n.model import Message
from l10n.translate import translate_catalog

KEEP = Term("Chatham House")
ZELENSKYY = Term("Zelenskyy", "Зеленський", "uk")
DOWNING = Term("Downing Street", "Даунінг-стріт", "uk")


def terms(*given: Term, lang: str = "uk"):  # type: ignore[no-untyped-def]
    return Glossary(given).for_language(lang)


# -- finding terms in the source ------------------------------------------------------------


def test_terms_are_found_as_whole_words_longest_first() -> None:
    listed = terms(Term("House"), KEEP, Term("shelter", "укриття"))
    text = "Chatham House and the House; Whitehouse, Houses. Shelter at Chatham  House."
    found = listed.find(text)
    assert [(f.term.source, f.start) for f in found] == [
        ("Chatham House", 0), ("House", 22), ("shelter", 49), ("Chatham House", 60),
    ]  # fmt: skip


def test_capitalised_terms_match_as_written_lower_case_ones_ignore_case() -> None:
    listed = terms(Term("Apple"), Term("shelter", "укриття"))
    assert [f.term.source for f in listed.find("apple pie, SHELTER, Apple")] == [
        "shelter", "Apple",
    ]  # fmt: skip


def test_a_language_specific_term_replaces_the_one_for_all_languages() -> None:
    glossary = Glossary((Term("Downing Street"), DOWNING, Term("Trump", lang="es")))
    uk = glossary.for_language("uk")
    assert {t.source: t.target for t in uk.terms} == {"Downing Street": "Даунінг-стріт"}
    assert {t.source for t in glossary.for_language("es").terms} == {"Downing Street", "Trump"}
    assert glossary.for_language("uk_UA").terms == uk.terms  # uk's terms serve uk_UA


# -- protection ----------------------------------------------------------------------------


def test_kept_terms_become_placeholders_numbered_after_the_messages_own() -> None:
    sent = protect("At <1>Chatham House</1>, Chatham House said <2/>.", terms(KEEP))
    assert sent.text == "At <1><3/></1>, <4/> said <2/>."
    back, problems = restore(sent, fake_translate(sent.text, target="uk"))
    assert back == "[uk] <2/>. said Chatham House <1>Chatham House</1>, At"
    assert problems == []


def test_forced_terms_are_substituted_only_where_nouns_do_not_inflect() -> None:
    assert not substitutes("uk") and not substitutes("ru_RU") and substitutes("es")
    es = Term("Downing Street", "Calle Downing", "es")
    sent = protect("Zelenskyy in Downing Street.", terms(ZELENSKYY, es, lang="es"))
    assert restore(sent, sent.text)[0] == "Zelenskyy in Calle Downing."
    uk = protect("Zelenskyy in Downing Street.", terms(ZELENSKYY, DOWNING))
    assert uk.text == "Zelenskyy in Downing Street." and uk.slots == ()


def test_a_placeholder_the_engine_lost_or_repeated_is_reported() -> None:
    sent = protect("Chatham House and Chatham House.", terms(KEEP))
    text, problems = restore(sent, "< 1 / > y <1/> <1/>.")
    assert text == "Chatham House y Chatham House Chatham House."
    assert problems == [
        "glossary: 'Chatham House' (do not translate) came back 3 times",
        "glossary: 'Chatham House' (do not translate) was lost by the engine",
    ]


words = st.text(alphabet="abcdefgh <>/1.", min_size=0, max_size=40)


@given(before=words, after=words)
def test_protecting_then_restoring_an_untouched_text_gives_it_back(before: str, after: str) -> None:
    text = f"{before} Chatham House {after}"
    sent = protect(text, terms(KEEP))
    assert restore(sent, sent.text) == (text, [])


@given(st.lists(st.sampled_from(["the", "Chatham House", "rule", "at", "said", "."]), max_size=12))
def test_through_the_fake_engine_every_kept_term_comes_back_whole(pieces: list[str]) -> None:
    text = " ".join(pieces)
    sent = protect(text, terms(KEEP))
    back, problems = restore(sent, fake_translate(sent.text, target="uk"))
    assert problems == []
    assert back.count("Chatham House") == text.count("Chatham House")
    rest = back.replace("Chatham House", "")
    assert "Chatham" not in rest and "House" not in rest  # never reversed, never split


# -- matching inflected forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Зеленський прибув.", "Слова Зеленського.", "Зеленському дякують.", "з Зеленським"]
)
def test_ukrainian_matches_every_case_of_a_name(text: str) -> None:
    matcher = matcher_for("uk")
    assert matcher.method.startswith("pymorphy3 uk")
    assert matcher.contains(text, "Зеленський")


@pytest.mark.parametrize("text", ["Зеленскі прибув.", "Президент прибув.", "Зелений прибув."])
def test_ukrainian_refuses_other_words(text: str) -> None:
    assert not matcher_for("uk").contains(text, "Зеленський")


def test_multi_word_terms_match_word_by_word_in_order() -> None:
    matcher = matcher_for("uk")
    assert matcher.spans("Біля Даунінг-стріт, 10.", "Даунінг-стріт") == [(5, 18)]
    assert matcher.contains("Слова президента Зеленського", "президент Зеленський")
    assert not matcher.contains("Зеленського президента", "президент Зеленський")


def test_russian_lemmas_and_the_exact_fallback_elsewhere() -> None:
    assert matcher_for("ru").contains("встреча с Зеленским", "Зеленский")
    german = matcher_for("de")
    assert german.method == "exact, ignoring case"
    assert german.contains("Die downing street ist", "Downing Street")
    assert not german.contains("Die Downingstreet ist", "Downing Street")


# -- reading files --------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_reads_terms(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.csv",
        "\ufefflang,source,note,target\n\nuk,Zelenskyy,president,Зеленський\n,Chatham House,,\n"
        '"uk","Downing  Street","a ""street""",Даунінг-стріт\n',
    )  # fmt: skip
    glossary = load_glossary(path, source_lang="en")
    assert glossary.terms == (
        Term("Zelenskyy", "Зеленський", "uk", "president", 3),
        Term("Chatham House", "", "", "", 4),
        Term("Downing Street", "Даунінг-стріт", "uk", 'a "street"', 5),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source,taget\nA,B\n", "g.csv:1: unknown column 'taget'"),
        ("target,lang\nA,uk\n", "g.csv:1: the first row must be a header"),
        ("source,target\nA,B,C\n", "g.csv:2: 3 fields, the header has 2"),
        ("source,target\nA,B\n,C\n", "g.csv:3: empty source term"),
        ("source,lang\nA,xx-notalang\n", "g.csv:2: lang 'xx-notalang'"),
        ("source,lang\nA,uk\nB,\nA,uk\n", "g.csv:4: 'A' for uk is already on line 2"),
        ('source,target\nA,"B\n', "g.csv:2: malformed CSV"),
        ("source,target\nA,<b>\n", ""),
        ("", "g.csv:1: empty glossary"),
    ],
)
def test_malformed_csv_is_one_line_naming_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, "g.csv", text)
    if not message:  # markup in a target is the translator's business: accepted
        load_glossary(path, source_lang="en", shown="g.csv")
        return
    with pytest.raises(ConfigError) as raised:
        load_glossary(path, source_lang="en", shown="g.csv")
    assert str(raised.value).startswith(message), str(raised.value)
    assert "\n" not in str(raised.value)


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_bytes(b"source\n\x00\x01")
    (tmp_path / "l.csv").write_bytes(b"source\nA\ncaf\xe9\n")
    with pytest.raises(ConfigError, match="binary"):
        load_glossary(tmp_path / "b.csv", source_lang="en")
    with pytest.raises(ConfigError, match=r"l\.csv:3: not UTF-8"):
        load_glossary(tmp_path / "l.csv", source_lang="en")
    with pytest.raises(ConfigError, match="no such glossary file"):
        load_glossary(tmp_path / "missing.csv", source_lang="en")


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="c1">
    <descrip type="definition">President of Ukraine</descrip>
    <langSet xml:lang="en"><tig><term>Zelenskyy</term></tig></langSet>
    <langSet xml:lang="uk"><tig><term>Зеленський</term></tig></langSet>
    <langSet xml:lang="es"><tig><term>Zelenskyy</term></tig></langSet>
  </termEntry>
  <termEntry id="c2"><langSet xml:lang="en-GB"><tig><term>Chatham House</term></tig></langSet>
  </termEntry>
  <termEntry id="c3"><langSet xml:lang="de"><tig><term>Haus</term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_tbx_concepts_become_terms(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, "g.tbx", TBX), source_lang="en")
    assert [(t.source, t.target, t.lang, t.note) for t in glossary.terms] == [
        ("Zelenskyy", "Зеленський", "uk", "President of Ukraine"),
        ("Zelenskyy", "", "es", "President of Ukraine"),
        ("Chatham House", "", "", ""),
    ]


def test_tbx_3_concept_entries_are_read_too(tmp_path: Path) -> None:
    text = (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="en"><text><body>'
        '<conceptEntry id="1"><langSec xml:lang="en"><termSec><term>Kyiv</term></termSec>'
        '</langSec><langSec xml:lang="uk"><termSec><term>Київ</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    )
    glossary = load_glossary(write(tmp_path, "g.tbx", text), source_lang="en")
    assert [(t.source, t.target, t.lang) for t in glossary.terms] == [("Kyiv", "Київ", "uk")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<!DOCTYPE m [<!ENTITY a "aaaa">]><m>&a;</m>', "g.tbx:1: TBX: entity declarations"),
        ("<martif><text>\n<body></text></martif>", "g.tbx:2: malformed TBX: mismatched tag"),
        ("<martif>&ext;</martif>", "g.tbx:1: malformed TBX: undefined entity"),
    ],
)
def test_hostile_or_malformed_tbx_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_glossary(write(tmp_path, "g.tbx", text), source_lang="en", shown="g.tbx")
    assert str(raised.value).startswith(message), str(raised.value)


# -- through translate_catalog ------------------------------------------------------------


class _Dropping(FakeEngine):
    """An engine that loses every void placeholder (as a real model may)."""

    def translate_batch(self, texts, *, source, target, progress=None):  # type: ignore[no-untyped-def]
        out = super().translate_batch(texts, source=source, target=target, progress=progress)
        return [Translation(re.sub(r"<\d+/>", "", t.text).strip()) for t in out]


def _catalog(*msgids: str) -> po.Catalog:
    template = po.new_template([Message(m) for m in msgids], domain="t", source_lang="en")
    return po.new_catalog(template, lang="uk")


def test_a_term_the_engine_lost_is_flagged_on_the_entry() -> None:
    catalog = _catalog("Analysts at Chatham House agreed.", "Nothing to keep here.")
    report = translate_catalog(
        catalog, engine=_Dropping(), source="en", target="uk", glossary=terms(KEEP)
    )
    assert report.warnings == 1
    flagged, plain = list(catalog)
    assert rs.warnings(flagged) == [
        "glossary: 'Chatham House' (do not translate) was lost by the engine: "
        "check this translation"
    ]
    assert rs.warnings(plain) == []
    assert rs.entry_state(flagged) == "machine"


def _one_regex(listed: list[Term]) -> re.Pattern[str]:
    parts = []
    for term in sorted(listed, key=lambda t: (-len(t.source), t.source)):
        words = r"\s+".join(re.escape(word) for word in term.source.split())
        parts.append(words if any(c.isupper() for c in term.source) else f"(?i:{words})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


_vocabulary = st.sampled_from(["Kyiv", "kyiv", "Kyivstar", "de", "De", "U.S.", "#x", "a-b", "б"])


@given(
    sources=st.lists(
        st.lists(_vocabulary, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6,
        unique=True,
    ),
    text=st.lists(st.one_of(_vocabulary, st.sampled_from([" ", ", ", "  ", "."])), max_size=20)
    .map("".join),
)
def test_the_index_finds_what_one_regex_of_every_term_finds(sources: list[str], text: str) -> None:
    listed = [Term(source) for source in sources]
    found = [(o.start, o.end) for o in terms(*listed).find(text)]
    assert found == [m.span() for m in _one_regex(listed).finditer(text)]
