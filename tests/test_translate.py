"""The translate stage: what an engine may write, and how its output is recorded.

These tests use the fake engine (logic around the engine); the end-to-end tests with
real Argos packages are in test_mt_cli.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n import reviewstate as rs
from l10n import translate
from l10n.engine import EngineSettings, FakeEngine, Progress, Translation
from l10n.engine.fake import fake_translate
from l10n.errors import EngineError, ModelMissingError
from l10n.merge import merge_catalog
from l10n.model import Message
from l10n.reviewstate import entry_state, machine_record
from l10n.translate import pending_entries, translate_catalog


def template(*msgids: str) -> cat.Catalog:
    return cat.new_template([Message(m) for m in msgids], domain="t", source_lang="en")


def catalog(*msgids: str) -> cat.Catalog:
    return cat.new_catalog(template(*msgids), lang="uk")


def roundtrip(c: cat.Catalog) -> cat.Catalog:
    """Serialize and parse again, as a file on disk would be."""
    return cat.parse_catalog(cat.format_catalog(c), path="t.po")


def test_fills_untranslated_with_fuzzy_provenance() -> None:
    c = catalog("Hello big world.", "Second one.")
    engine = FakeEngine()
    report = translate_catalog(c, engine=engine, source="en", target="uk")
    assert report.translated == 2 and report.warnings == 0
    c = roundtrip(c)
    entry = c.find("Hello big world.")
    assert entry is not None
    assert entry.msgstr == "[uk] world. big Hello" and "fuzzy" in entry.flags
    record = machine_record(entry)
    assert record is not None and record.provenance.startswith("fake en→uk fake-en_uk 1.0 sha256:")
    assert entry_state(entry) == "machine"
    assert [call.texts for call in engine.calls] == [("Hello big world.", "Second one.")]


def test_nothing_pending_asks_the_engine_nothing() -> None:
    c = catalog("One.")
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    engine = FakeEngine(pairs=frozenset())  # would raise ModelMissingError if asked
    report = translate_catalog(c, engine=engine, source="en", target="uk")
    assert report.translated == 0 and engine.calls == []


def test_missing_model_is_reported_before_anything_changes() -> None:
    c = catalog("One.")
    before = cat.format_catalog(c)
    with pytest.raises(ModelMissingError, match="l10n models install en uk"):
        translate_catalog(c, engine=FakeEngine(pairs=frozenset()), source="en", target="uk")
    assert cat.format_catalog(c) == before


def test_human_work_is_never_touched() -> None:
    c = catalog("Reviewed.", "Edited.", "Fuzzy human.", "Empty.")
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    reviewed, edited, fuzzy_human, _ = list(c)
    reviewed.msgstr, reviewed.flags = "Переглянуто.", []
    edited.msgstr = "Людська правка."  # still fuzzy, but no longer the engine's words
    fuzzy_human.msgstr = "Стара людська."
    fuzzy_human.tcomment = ""
    c = roundtrip(c)
    assert [entry_state(e) for e in c] == ["translated", "edited", "fuzzy", "machine"]
    engine = FakeEngine(version="2.0")
    report = translate_catalog(c, engine=engine, source="en", target="uk", refresh=True)
    assert report.translated == 1 and engine.calls[0].texts == ("Empty.",)
    assert [e.msgstr for e in c][:3] == ["Переглянуто.", "Людська правка.", "Стара людська."]


def test_stale_machine_output_is_translated_afresh() -> None:
    c = catalog("Old sentence here.", "Stays.")
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    merged = merge_catalog(roundtrip(c), template("Old sentence here now.", "Stays."))
    c = merged.catalog
    changed = c.find("Old sentence here now.")
    assert changed is not None and changed.previous_msgid == "Old sentence here."
    assert entry_state(changed) == "stale"  # the engine's words for another sentence
    assert pending_entries(c) == [changed]
    engine = FakeEngine(version="2")
    translate_catalog(c, engine=engine, source="en", target="uk")
    assert engine.calls[0].texts == ("Old sentence here now.",)
    assert changed.msgstr == fake_translate("Old sentence here now.", target="uk")
    # the old machine output is no starting point worth keeping: no #|, no l10n-previous
    assert not changed.previous_msgid and rs.previous_translation(changed) is None
    assert entry_state(changed) == "machine"
    assert pending_entries(c) == [] and len(pending_entries(c, refresh=True)) == 2


def _reviewed_then_edited(old: str, new: str) -> cat.Catalog:
    """A catalog whose reviewed translation of ``old`` became a fuzzy match for ``new``."""
    c = catalog(old)
    (entry,) = list(c)
    entry.msgstr = "Людський переклад старого речення."
    return merge_catalog(roundtrip(c), template(new)).catalog


def test_stale_human_translation_is_kept_beside_the_fresh_one() -> None:
    c = _reviewed_then_edited("The council met on Monday.", "The council met on Tuesday.")
    (entry,) = list(c)
    assert entry_state(entry) == "stale" and pending_entries(c) == [entry]
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    entry = roundtrip(c).find("The council met on Tuesday.")  # type: ignore[assignment]
    assert entry is not None and entry_state(entry) == "machine"
    assert entry.msgstr == fake_translate("The council met on Tuesday.", target="uk")
    assert entry.previous_msgid == "The council met on Monday."  # the reviewer sees the diff
    assert rs.previous_translation(entry) == "Людський переклад старого речення."
    rs.take_previous(entry)  # the reviewer starts from the old translation
    assert entry.msgstr == "Людський переклад старого речення."
    assert entry_state(entry) == "edited" and rs.alternatives(entry)[0].startswith("[uk]")
    rs.accept(entry, reviewer="Olena", on=date(2026, 12, 1))
    assert entry_state(entry) == "translated" and not entry.previous_msgid
    assert rs.previous_translation(entry) is None


def test_a_stale_translation_a_person_changed_waits_for_them() -> None:
    c = _reviewed_then_edited("The council met on Monday.", "The council met on Tuesday.")
    (entry,) = list(c)
    entry.msgstr = "Рада зібралася у вівторок."  # edited in vim, fuzzy and #| left
    c = roundtrip(c)
    assert entry_state(c.find(entry.msgid)) == "stale"  # type: ignore[arg-type]
    assert pending_entries(c) == [] and pending_entries(c, refresh=True) == []
    engine = FakeEngine()
    translate_catalog(c, engine=engine, source="en", target="uk", refresh=True)
    assert engine.calls == [] and c.find(entry.msgid).msgstr == entry.msgstr  # type: ignore[union-attr]


def test_alternatives_and_guard_warnings_become_comments() -> None:
    c = catalog("Loop loop loop.", "Fine.")
    engine = FakeEngine(settings=EngineSettings(alternatives=2), warn_on="Loop")
    report = translate_catalog(c, engine=engine, source="en", target="uk")
    assert report.warnings == 1
    loop = roundtrip(c).find("Loop loop loop.")
    assert loop is not None
    lines = loop.tcomment.splitlines()
    assert lines[:3] == [
        f"l10n-alt: {loop.msgstr} (1)",
        f"l10n-alt: {loop.msgstr} (2)",
        "l10n-warning: repetition loop: check this translation",
    ]
    assert lines[3].startswith("l10n-mt: ")  # free text first, the record last


def test_human_comments_survive_translation() -> None:
    c = catalog("Keep my note.")
    (entry,) = list(c)
    entry.tcomment = "Translator: use the formal register"
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    translate_catalog(c, engine=FakeEngine(version="2"), source="en", target="uk", refresh=True)
    lines = roundtrip(c).find("Keep my note.").tcomment.splitlines()  # type: ignore[union-attr]
    assert lines[0] == "Translator: use the formal register"
    assert sum(line.startswith("l10n-mt:") for line in lines) == 1


def test_interrupted_run_keeps_finished_chunks() -> None:
    c = catalog(*(f"Sentence number {i}." for i in range(10)))
    saved: list[int] = []

    def save() -> None:
        saved.append(sum(1 for e in c if e.msgstr))

    with pytest.raises(EngineError):
        translate_catalog(
            c, engine=FakeEngine(fail_on="number 7"), source="en", target="uk",
            chunk_size=3, save=save,
        )
    assert saved[-1] == 6  # the two chunks finished before the failure


class SlowClock:
    """A clock that only moves when told: the engine and the saves take simulated time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TimedEngine(FakeEngine):
    """The fake engine, taking ``per_text`` simulated seconds per sentence."""

    def __init__(self, clock: SlowClock, per_text: float) -> None:
        super().__init__()
        self.clock = clock
        self.per_text = per_text

    def translate_batch(
        self, texts: Sequence[str], *, source: str, target: str, progress: Progress | None = None
    ) -> list[Translation]:
        self.clock.now += self.per_text * len(texts)
        return super().translate_batch(texts, source=source, target=target, progress=progress)


def timed_run(
    entries: int, *, per_text: float, per_entry_saved: float, chunk_size: int = 16
) -> tuple[list[tuple[float, float, int]], float]:
    """Translate ``entries`` sentences on a simulated clock where a save costs time in
    proportion to the catalog's size; returns (start, end, translated) of each save and
    the engine's total time."""
    c = catalog(*(f"Sentence number {i}." for i in range(entries)))
    clock = SlowClock()
    saves: list[tuple[float, float, int]] = []

    def save() -> None:
        start = clock.now
        clock.now += per_entry_saved * entries
        saves.append((start, clock.now, sum(1 for e in c if e.msgstr)))

    engine = TimedEngine(clock, per_text)
    translate_catalog(
        c, engine=engine, source="en", target="uk", chunk_size=chunk_size, save=save,
        clock=clock,
    )
    return saves, per_text * entries


@pytest.mark.parametrize("entries", [500, 1000, 2000, 4000])
def test_saving_costs_a_bounded_share_of_the_run(entries: int) -> None:
    # A chunk after every 16 sentences, each save costing 0.1 ms per entry of the
    # catalog: saving after every chunk would cost entries**2 / 16 * 1e-4 s, quadratic.
    saves, engine_time = timed_run(entries, per_text=0.01, per_entry_saved=1e-4)
    assert saves[-1][2] == entries  # the last save holds everything
    saving = sum(end - start for start, end, _ in saves)
    cost = entries * 1e-4
    assert saving <= engine_time / translate.SAVE_FACTOR + cost  # linear in the catalog
    # Between saves (the last one comes whenever the work is done): the interval, and
    # ten times what the last save took.
    assert saves[0][0] >= translate.SAVE_INTERVAL or len(saves) == 1
    for (_, end, _), (start, _, _) in itertools.pairwise(saves[:-1]):
        assert start - end >= max(translate.SAVE_INTERVAL, translate.SAVE_FACTOR * cost)


def test_a_slow_engine_is_saved_after_every_chunk() -> None:
    # Each chunk takes longer than the save interval: progress is saved chunk by chunk.
    saves, _ = timed_run(64, per_text=0.5, per_entry_saved=1e-4, chunk_size=16)
    assert [count for _, _, count in saves] == [16, 32, 48, 64]


def test_a_fast_engine_on_a_small_catalog_saves_once() -> None:
    saves, _ = timed_run(64, per_text=0.001, per_entry_saved=1e-4, chunk_size=16)
    assert [count for _, _, count in saves] == [64]


def test_the_engine_says_how_many_texts_a_call_takes() -> None:
    class Fast(FakeEngine):
        def preferred_batch(self, source: str, target: str) -> int:
            return 4

    c = catalog(*(f"Sentence number {i}." for i in range(10)))
    saves: list[int] = []
    engine = Fast()
    translate_catalog(c, engine=engine, source="en", target="uk", save=lambda: saves.append(1))
    assert [len(call.texts) for call in engine.calls] == [4, 4, 2]
    assert len(saves) == 1  # saves are spaced by time (a fast engine: once, at the end)
    engine = FakeEngine()  # no preference: CHUNK_SIZE
    translate_catalog(catalog("A.", "B."), engine=engine, source="en", target="uk")
    assert [len(call.texts) for call in engine.calls] == [2]


def test_duplicates_are_translated_once_per_distinct_text() -> None:
    c = catalog("A.", "B.")
    engine = FakeEngine()
    translate_catalog(c, engine=engine, source="en", target="uk", chunk_size=1)
    assert [call.texts for call in engine.calls] == [("A.",), ("B.",)]


# A property: after any sequence of operations, human work is intact. -----------------

SENTENCES = [f"Sentence {word}." for word in ("one", "two", "three", "four", "five", "six")]
operations = st.lists(
    st.one_of(
        st.tuples(st.just("translate"), st.booleans()),
        st.tuples(st.just("update"), st.sets(st.sampled_from(SENTENCES), min_size=1)),
        st.tuples(st.just("review"), st.integers(0, 5)),
        st.tuples(st.just("edit"), st.integers(0, 5)),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_translate_update_refresh_never_lose_human_work(ops: list[tuple[str, object]]) -> None:
    c = catalog(*SENTENCES)
    human: dict[str, str] = {}  # msgid -> the translation a person wrote or accepted
    version = 0
    for op, arg in ops:
        if op == "translate":
            version += 1
            translate_catalog(
                c, engine=FakeEngine(version=str(version)), source="en", target="uk",
                refresh=bool(arg),
            )
        elif op == "update":
            c = merge_catalog(c, template(*sorted(arg))).catalog  # type: ignore[arg-type]
        else:
            entries = [e for e in c if e.msgstr]
            if not entries:
                continue
            entry = entries[int(arg) % len(entries)]  # type: ignore[call-overload]
            if op == "edit":
                entry.msgstr = f"людина: {entry.msgid}"
            if op == "review" or entry.msgid in human:
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            human[entry.msgid] = entry.msgstr
        c = roundtrip(c)
        for msgid, text in human.items():
            kept = [e for e in (*c, *c.obsolete_entries()) if e.msgid == msgid]
            assert kept, (msgid, ops)
            assert kept[0].msgstr == text, (msgid, ops)


def test_a_record_wrapped_by_babel_is_still_read() -> None:
    c = catalog("A sentence long enough to matter.")
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    (entry,) = list(c)
    record = machine_record(entry)
    assert record is not None
    line = str(record)
    cut = line.rindex(" src:")
    entry.tcomment = f"{line[:cut]}\n{line[cut + 1:]}\nTranslator note"
    assert machine_record(roundtrip(c).find(entry.msgid)) == record  # type: ignore[arg-type]
    assert entry_state(entry) == "machine"


def test_rejected_output_is_not_offered_again() -> None:
    from l10n.reviewstate import reject

    c = catalog("Rejected one.", "Other one.")
    translate_catalog(c, engine=FakeEngine(), source="en", target="uk")
    rejected = c.find("Rejected one.")
    assert rejected is not None
    reject(rejected, reviewer="Olena", on=__import__("datetime").date(2026, 11, 25))
    c = roundtrip(c)
    assert pending_entries(c) == []  # not by a plain run...
    engine = FakeEngine()
    report = translate_catalog(c, engine=engine, source="en", target="uk", refresh=True)
    assert engine.calls[0].texts == ("Rejected one.", "Other one.")
    assert c.find("Rejected one.").msgstr == ""  # type: ignore[union-attr]  # same words: no
    assert report.translated == 1
