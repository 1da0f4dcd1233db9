"""The review session and the review marks, without a terminal.

Catalogs are the example's reviewed Ukrainian reference with some entries cleared and
machine-translated by the fake engine, so every test has human work to leave alone.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import po as cat
from l10n import reviewstate as rs
from l10n.engine import EngineSettings, FakeEngine
from l10n.errors import CatalogError, UsageError
from l10n.review import ReviewFile, ReviewSession, review_queue
from l10n.reviewstate import entry_state, machine_record, short_hash
from l10n.translate import translate_catalog
from tests.po_helpers import msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
TEMPLATE = ROOT / "locales" / "article.pot"
TODAY = date(2026, 3, 14)
MACHINE = 10  # entries cleared and machine-translated (the first ten)


def mixed_catalog(*, alternatives: int = 2, warn_on: str | None = None) -> cat.Catalog:
    """The reference with its first MACHINE entries machine output, the rest human."""
    catalog = cat.load_catalog(REFERENCE)
    for entry in list(catalog)[:MACHINE]:
        entry.msgstr = ""
    engine = FakeEngine(EngineSettings(alternatives=alternatives), warn_on=warn_on)
    translate_catalog(catalog, engine=engine, source="en", target="uk")
    return cat.parse_catalog(cat.format_catalog(catalog), path="uk.po")


def entries(catalog: cat.Catalog) -> list[Any]:
    return list(catalog)


def key(entry: Any) -> tuple[Any, ...]:
    return (entry.msgid, entry.msgstr, tuple(entry.flags), entry.tcomment, entry.previous_msgid)


def session(catalog: cat.Catalog, **options: Any) -> ReviewSession:
    return ReviewSession(catalog, reviewer="Olena K. <olena@example.org>", today=TODAY, **options)


# -- the queue ----------------------------------------------------------------------------


def test_queue_orders_machine_edited_stale_fuzzy_untranslated_then_skipped() -> None:
    catalog = mixed_catalog()
    es = entries(catalog)
    es[3].msgstr = "Людська правка."  # edited machine output
    es[20].flags.append("fuzzy")  # a fuzzy match of a human translation
    es[20].previous_msgid = "An older sentence."
    es[30].msgstr = ""  # untranslated
    rs.mark_skipped(es[0], reviewer="x", on=TODAY)
    es[25].flags.append("fuzzy")  # marked fuzzy by a person ("needs work")
    queue = review_queue(catalog)
    machine = [e for e in es[:MACHINE] if e not in (es[0], es[3])]
    assert queue == [*machine, es[3], es[20], es[25], es[30], es[0]]
    states = [entry_state(e) for e in queue[-5:]]
    assert states == ["edited", "stale", "fuzzy", "untranslated", "machine"]
    everything = review_queue(catalog, include_reviewed=True)
    assert everything[: len(queue)] == queue
    assert everything[len(queue) :] == [e for e in es if e not in queue]


def test_nothing_to_review_in_the_reference() -> None:
    s = session(cat.load_catalog(REFERENCE))
    assert s.done and s.queue == []
    with pytest.raises(UsageError):
        s.view()


# -- decisions ---------------------------------------------------------------------------


def test_accept_clears_fuzzy_and_signs_keeping_provenance() -> None:
    catalog = mixed_catalog(warn_on="Zelenskyy")
    s = session(catalog)
    entry = s.current
    entry.previous_msgid = "Old source."
    assert rs.warnings(entry) and rs.alternatives(entry)
    record = machine_record(entry)
    s.accept()
    assert s.position == 1
    assert entry_state(entry) == "translated" and "fuzzy" not in entry.flags
    assert entry.previous_msgid is None
    assert machine_record(entry) == record
    assert rs.review_mark(entry) == rs.ReviewMark("Olena K. <olena@example.org>", TODAY)
    assert rs.alternatives(entry) == [] and rs.warnings(entry) == []
    assert "l10n-mt-original" not in entry.tcomment  # the text is the machine's own
    assert entry.tcomment.splitlines()[-1] == (
        "l10n-reviewed: Olena K. <olena@example.org> 2026-03-14"
    )


def test_accepting_nothing_is_refused_and_changes_nothing() -> None:
    catalog = cat.load_catalog(REFERENCE)
    entries(catalog)[5].msgstr = ""
    saves: list[int] = []
    s = session(catalog, save=lambda: saves.append(1))
    before = key(s.current)
    with pytest.raises(UsageError, match="nothing to accept"):
        s.accept()
    assert key(s.current) == before and s.position == 0 and saves == []


def test_edit_accepts_the_new_text_and_keeps_the_machine_words() -> None:
    catalog = mixed_catalog()
    s = session(catalog)
    entry = s.current
    machine = entry.msgstr
    s.edit("Україна та Велика Британія поглиблять співпрацю.")
    assert entry.msgstr == "Україна та Велика Британія поглиблять співпрацю."
    assert entry_state(entry) == "translated" and rs.review_mark(entry) is not None
    (original,) = [
        line.removeprefix(rs.ORIGINAL_TAG).strip()
        for line in entry.tcomment.splitlines()
        if line.startswith(rs.ORIGINAL_TAG)
    ]
    assert original == machine
    record = machine_record(entry)
    assert record is not None and short_hash(original) == record.output_hash
    assert [d.action for d in s.decisions] == ["edited"]


def test_edit_to_the_same_text_is_an_accept_and_empty_text_is_refused() -> None:
    s = session(mixed_catalog())
    with pytest.raises(UsageError, match="empty"):
        s.edit("  ")
    s.edit(s.current.msgstr)
    assert [d.action for d in s.decisions] == ["accepted"]


def test_reject_clears_the_translation_and_the_machine_record() -> None:
    s = session(mixed_catalog())
    entry = s.current
    rejected = entry.msgstr
    s.reject()
    assert entry.msgstr == "" and "fuzzy" not in entry.flags
    assert entry_state(entry) == "untranslated"
    assert machine_record(entry) is None and rs.alternatives(entry) == []
    assert rs.rejected_output(entry) == short_hash(rejected)
    assert entry.tcomment == "l10n-rejected: Olena K. <olena@example.org> 2026-03-14 out:" + (
        short_hash(rejected)
    )


def test_taking_an_alternative_swaps_and_stays() -> None:
    s = session(mixed_catalog())
    entry = s.current
    best, alts = entry.msgstr, rs.alternatives(entry)
    s.take_alternative(2)
    assert s.position == 0 and entry.msgstr == alts[1]
    assert rs.alternatives(entry) == [alts[0], best]
    assert entry_state(entry) == "edited"
    s.take_alternative(2)  # swaps back
    assert entry.msgstr == best and rs.alternatives(entry) == alts
    with pytest.raises(UsageError, match="no alternative 3"):
        s.take_alternative(3)
    s.take_alternative(1)
    s.accept()
    # the machine's best output is kept for l10n eval, found among the alternatives
    assert f"{rs.ORIGINAL_TAG} {best}" in entry.tcomment.splitlines()
    assert s.summary() == {"accepted": 1}


def test_skip_marks_and_moves_on() -> None:
    s = session(mixed_catalog())
    first = s.current
    s.skip()
    assert s.position == 1 and rs.is_skipped(first) and entry_state(first) == "machine"


def test_back_undoes_exactly_and_returns_to_the_entry() -> None:
    catalog = mixed_catalog()
    before = cat.format_catalog(catalog)
    s = session(catalog)
    assert s.back() is False
    s.accept()
    s.edit("Нове речення.")
    s.take_alternative(1)
    s.reject()
    s.skip()
    assert s.position == 4
    undone = []
    while s.back():
        undone.append(s.position)
    assert undone == [3, 2, 2, 1, 0]
    assert cat.format_catalog(catalog) == before
    assert s.decisions == () and s.summary() == {}


def test_view_shows_position_neighbours_alternatives_and_issues() -> None:
    catalog = mixed_catalog(warn_on="Zelenskyy")
    es = entries(catalog)
    seen: list[str] = []

    def checker(entry: Any) -> list[Any]:
        from l10n.model import Issue

        seen.append(entry.msgid)
        return [Issue("numbers", "error", "12 is missing", entry.msgid)]

    s = session(catalog, checker=checker)
    s.skip()
    view = s.view()
    assert (view.number, view.total) == (2, MACHINE)
    assert view.where == "paragraph 2, sentence 1"
    assert view.state == "machine" and view.source == es[1].msgid
    assert view.translation == es[1].msgstr
    assert len(view.alternatives) == 2 and view.warnings
    assert [i.check for i in view.issues] == ["numbers"] and seen == [es[1].msgid]
    assert view.before is not None and view.before.source == es[0].msgid
    assert view.after is not None and view.after.translation == es[2].msgstr
    everything = session(catalog, include_reviewed=True)
    assert everything.queue[MACHINE - 1] is es[0]  # skipped: after the others needing review
    assert everything.queue[-1] is es[-1] and len(everything.queue) == len(es)
    assert session(mixed_catalog()).view().before is None


def test_a_failed_save_leaves_the_entry_as_it_was() -> None:
    catalog = mixed_catalog()

    def broken() -> None:
        raise CatalogError("disk full", path="uk.po")

    s = session(catalog, save=broken)
    before = key(s.current)
    for action in (s.accept, s.reject, s.skip, lambda: s.edit("Інше.")):
        with pytest.raises(CatalogError):
            action()
        assert key(s.current) == before and s.position == 0 and s.decisions == ()


# -- persistence and resuming ------------------------------------------------------------


def write_mixed(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    path = locales / "uk" / "LC_MESSAGES" / "article.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(cat.format_catalog(mixed_catalog()))
    return path


def open_session(path: Path, **options: Any) -> tuple[ReviewFile, ReviewSession]:
    store = ReviewFile(path, lock_folder=path.parents[2], **options)
    return store, session(store.load(), save=store.save)


def test_every_decision_is_saved_and_a_new_session_resumes(tmp_path: Path) -> None:
    path = write_mixed(tmp_path)
    _store, s = open_session(path)
    es = list(s.queue)
    s.accept()
    assert entry_state(cat.load_catalog(path).find(es[0].msgid)) == "translated"  # type: ignore[arg-type]
    s.skip()
    s.edit("Людський переклад.")
    s.reject()
    _, again = open_session(path)
    # first the entries still needing review, in order; the skipped one after them
    assert again.current.msgid == es[4].msgid
    assert [e.msgid for e in again.queue] == [e.msgid for e in (*es[4:], es[3], es[1])]
    saved = cat.load_catalog(path)
    assert saved.find(es[2].msgid).msgstr == "Людський переклад."  # type: ignore[union-attr]
    assert entry_state(saved.find(es[3].msgid)) == "untranslated"  # type: ignore[arg-type]
    msgfmt_check(path)


def test_resume_puts_rejected_untranslated_after_machine_output(tmp_path: Path) -> None:
    path = write_mixed(tmp_path)
    _, s = open_session(path)
    rejected = s.current.msgid
    s.reject()
    _, again = open_session(path)
    assert [e.msgid for e in again.queue][-1] == rejected
    assert len(again.queue) == MACHINE


def test_the_file_refuses_changes_made_by_another_process(tmp_path: Path) -> None:
    path = write_mixed(tmp_path)
    _, s = open_session(path)
    s.accept()
    other = cat.load_catalog(path)
    entries(other)[-1].msgstr = "Чужа правка."
    cat.save_catalog(other, path)
    with pytest.raises(CatalogError, match="changed on disk during the review"):
        s.accept()
    assert s.position == 1
    assert cat.load_catalog(path).find(entries(other)[-1].msgid).msgstr == "Чужа правка."  # type: ignore[union-attr]


def test_saving_stamps_the_header_like_po_editors(tmp_path: Path) -> None:
    path = write_mixed(tmp_path)
    when = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    store, s = open_session(path, translator="Olena K. <olena@example.org>", clock=lambda: when)
    untouched = path.read_bytes()
    store.save()  # nothing changed: nothing written
    assert path.read_bytes() == untouched
    s.accept()
    header = cat.load_catalog(path).metadata
    assert header["Last-Translator"] == "Olena K. <olena@example.org>"
    assert header["PO-Revision-Date"] == "2026-03-14 09:30+0000"


def test_missing_catalog_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no such catalog"):
        ReviewFile(tmp_path / "nope.po", lock_folder=tmp_path).load()


# -- human work is never touched: a property over any sequence of decisions -------------

ACTIONS = st.lists(
    st.sampled_from(["accept", "edit", "reject", "skip", "back", "alt1", "alt2"]), max_size=25
)


def apply(s: ReviewSession, action: str, n: int) -> None:
    do: dict[str, Callable[[], object]] = {
        "accept": s.accept,
        "edit": lambda: s.edit(f"Переклад номер {n}."),
        "reject": s.reject,
        "skip": s.skip,
        "back": s.back,
        "alt1": lambda: s.take_alternative(1),
        "alt2": lambda: s.take_alternative(2),
    }
    if s.done and action != "back":
        return
    with contextlib.suppress(UsageError):
        do[action]()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS)
def test_any_decisions_leave_human_work_alone_and_undo_fully(actions: list[str]) -> None:
    catalog = mixed_catalog()
    original = cat.format_catalog(catalog)
    human = {e.msgid: key(e) for e in entries(catalog)[MACHINE:]}
    s = session(catalog)
    for n, action in enumerate(actions):
        apply(s, action, n)
    for entry in entries(catalog)[MACHINE:]:
        assert key(entry) == human[entry.msgid]
    # what each queue entry shows matches the last decision in effect for it
    last = {d.index: d.action for d in s.decisions}
    for index, action in last.items():
        state = entry_state(s.queue[index])
        expected = {
            "accepted": {"translated"}, "edited": {"translated"}, "rejected": {"untranslated"},
            "skipped": {"machine", "edited"}, "alternative": {"edited", "machine"},
        }[action]  # fmt: skip
        assert state in expected
    reread = cat.parse_catalog(cat.format_catalog(catalog), path="uk.po")
    assert [key(e) for e in reread] == [key(e) for e in catalog]
    while s.back():
        pass
    assert cat.format_catalog(catalog) == original


def test_a_reviewed_file_passes_msgfmt_check(tmp_path: Path) -> None:
    path = write_mixed(tmp_path)
    _, s = open_session(path)
    s.accept()
    s.edit("Переклад з «лапками» і \"прямими\" та \\ скісною.")
    s.take_alternative(1)
    s.reject()
    s.skip()
    msgfmt_check(path)
    shutil.copy(path, tmp_path / "copy.po")
    assert cat.load_catalog(tmp_path / "copy.po").find(s.queue[1].msgid).msgstr.startswith(  # type: ignore[union-attr]
        "Переклад з «лапками»"
    )


# -- marks and counts --------------------------------------------------------------------


def test_review_counts_by_state() -> None:
    catalog = mixed_catalog()
    es = entries(catalog)
    es[1].msgstr = "Правка."
    es[20].flags.append("fuzzy")
    es[30].msgstr = ""
    rs.accept(es[2], reviewer="R", on=TODAY)
    counts = rs.review_counts(catalog)
    assert counts == rs.ReviewCounts(
        machine=MACHINE - 2, edited=1, fuzzy=1, reviewed=39 - MACHINE - 2 + 1,
        untranslated=1, signed=1,
    )  # fmt: skip
    assert counts.total == 39 and counts.needs_review == MACHINE - 2 + 1 + 1 + 1
    reference = rs.review_counts(cat.load_catalog(REFERENCE))
    assert (reference.reviewed, reference.signed, reference.needs_review) == (39, 0, 0)


@given(
    who=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
    ).filter(lambda s: s.strip()),
    day=st.dates(min_value=date(1970, 1, 1), max_value=date(9999, 12, 31)),
)
def test_review_marks_round_trip_any_name(who: str, day: date) -> None:
    entry = cat.make_entry(msgid="Hello.", msgstr="Привіт.", flags=["fuzzy"])
    rs.accept(entry, reviewer=who, on=day)
    catalog = cat.Catalog([entry])
    reread = cat.parse_catalog(cat.format_catalog(catalog), path="t.po")
    (back,) = list(reread)
    assert rs.review_mark(back) == rs.ReviewMark(" ".join(who.split()), day)


def test_an_empty_reviewer_is_refused() -> None:
    entry = cat.make_entry(msgid="Hello.", msgstr="Привіт.", flags=["fuzzy"])
    with pytest.raises(UsageError, match="reviewer"):
        rs.accept(entry, reviewer=" \t", on=TODAY)
    assert entry.flags == ["fuzzy"]


def test_plural_entries_accept_and_reject_but_not_edit() -> None:
    entry = cat.make_entry(
        msgid="%d file", msgid_plural="%d files",
        msgstr_plural={0: "%d файл", 1: "%d файли", 2: ""}, flags=["fuzzy", "c-format"],
    )
    with pytest.raises(UsageError, match="nothing to accept"):
        rs.accept(entry, reviewer="R", on=TODAY)
    entry.msgstr_plural[2] = "%d файлів"
    s = session(cat.Catalog([entry]))
    with pytest.raises(UsageError, match="PO editor"):
        s.edit("x")
    s.accept()
    assert entry.flags == ["c-format"]
    rs.reject(entry, reviewer="R", on=TODAY)
    assert entry.msgstr_plural == {0: "", 1: "", 2: ""}
