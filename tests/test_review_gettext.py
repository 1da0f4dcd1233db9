"""Review marks survive the tools a catalog passes through: GNU msgmerge and msgcat,
our own merge, polib (our reader) and Babel.

Marks are translator comments (``# l10n-reviewed: ...``), which every PO tool keeps;
these tests prove it with the real tools, including a merge in which a reviewed
sentence changed in the source (it needs review again; the mark stays as history).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from l10n import po as cat
from l10n import reviewstate as rs
from l10n.review import review_queue
from l10n.reviewstate import entry_state
from tests.po_helpers import msgcat, msgfmt_check, msgmerge
from tests.test_review import TEMPLATE, mixed_catalog, session

FIRST = "Ukraine and the UK are to deepen"  # the first entry: accepted in the review


def reviewed_catalog(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A catalog after a review (accept, edit, reject, skip) and its tagged lines by msgid."""
    catalog = mixed_catalog()
    s = session(catalog)
    s.accept()
    s.edit("Зеленський заявив, що головне — врятувати життя.")
    s.reject()
    s.skip()
    path = tmp_path / "uk.po"
    path.write_bytes(cat.format_catalog(catalog))
    return path, marks(catalog)


def marks(catalog: cat.Catalog) -> dict[str, str]:
    """The l10n-* translator-comment lines of every entry that has some."""
    found = {}
    for entry in catalog:
        lines = [line for line in entry.tcomment.splitlines() if line.startswith("l10n-")]
        if any(
            line.startswith(("l10n-reviewed", "l10n-rejected", "l10n-skipped")) for line in lines
        ):
            found[entry.msgid] = "\n".join(lines)
    return found


def test_the_reviewed_catalog_has_each_kind_of_mark(tmp_path: Path) -> None:
    path, found = reviewed_catalog(tmp_path)
    kinds = sorted(line.split(":")[0] for text in found.values() for line in text.splitlines())
    assert kinds.count("l10n-reviewed") == 2 and kinds.count("l10n-rejected") == 1
    assert kinds.count("l10n-skipped") == 1 and kinds.count("l10n-mt-original") == 1
    msgfmt_check(path)


def test_marks_survive_gnu_msgmerge_and_msgcat(tmp_path: Path) -> None:
    path, found = reviewed_catalog(tmp_path)
    merged = cat.parse_catalog(msgmerge(path, TEMPLATE), path="merged.po")
    assert marks(merged) == found
    assert [entry_state(e) for e in merged] == [entry_state(e) for e in cat.load_catalog(path)]
    concatenated = cat.parse_catalog(msgcat(path), path="cat.po")
    assert marks(concatenated) == found


def changed_template(tmp_path: Path) -> Path:
    template = cat.load_catalog(TEMPLATE)
    (first,) = [e for e in template if e.msgid.startswith(FIRST)]
    first.msgid = first.msgid.replace("Downing Street", "Downing St")
    changed = tmp_path / "changed.pot"
    changed.write_bytes(cat.format_catalog(template))
    return changed


def test_a_changed_source_needs_review_again_and_keeps_its_mark(tmp_path: Path) -> None:
    path, found = reviewed_catalog(tmp_path)
    (accepted,) = [msgid for msgid in found if msgid.startswith(FIRST)]
    assert "l10n-reviewed" in found[accepted]
    template = changed_template(tmp_path)
    gnu = cat.parse_catalog(msgmerge(path, template), path="gnu.po")
    ours = merge_with_ours(path, template)
    for merged in (gnu, ours):
        (entry,) = [e for e in merged if e.previous_msgid == accepted]
        assert "fuzzy" in entry.flags
        assert rs.review_mark(entry) is not None  # who accepted the earlier version
        assert entry in review_queue(merged)  # but it needs review again
        others = {k: v for k, v in marks(merged).items() if k != entry.msgid}
        assert others == {k: v for k, v in found.items() if k != accepted}


def merge_with_ours(path: Path, template: Path) -> cat.Catalog:
    from l10n.merge import merge_catalog

    result = merge_catalog(cat.load_catalog(path), cat.load_catalog(template))
    out = path.with_name("ours.po")
    out.write_bytes(cat.format_catalog(result.catalog))
    msgfmt_check(out)
    return cat.load_catalog(out)


def test_marks_survive_our_merge_unchanged_template(tmp_path: Path) -> None:
    from l10n.merge import merge_catalog

    path, found = reviewed_catalog(tmp_path)
    result = merge_catalog(cat.load_catalog(path), cat.load_catalog(TEMPLATE))
    assert marks(result.catalog) == found


def decisions(catalog: cat.Catalog) -> dict[str, tuple[object, ...]]:
    """The review marks of each entry, as read back."""
    return {
        e.msgid: (rs.review_mark(e), rs.rejected_output(e), rs.is_skipped(e)) for e in catalog
    }


def test_review_marks_survive_babel_even_when_it_wraps_them(tmp_path: Path) -> None:
    """Babel's write_po wraps comments at 76 columns (always, as xgettext does): a long
    reviewer name is split over two comment lines, and is still read back."""
    from babel.messages.pofile import read_po, write_po

    path, _ = reviewed_catalog(tmp_path)
    catalog = cat.load_catalog(path)
    long_name = (
        "Olena Kovalenko-Shevchenko (Ukrainian team) <olena.kovalenko@translators.example.org>"
    )
    signed = next(e for e in catalog if rs.review_mark(e) is not None)
    rs.accept(signed, reviewer=long_name, on=date(2026, 3, 15))
    path.write_bytes(cat.format_catalog(catalog))
    with path.open("rb") as stream:
        babel_catalog = read_po(stream)
    buffer = io.BytesIO()
    write_po(buffer, babel_catalog)
    written = buffer.getvalue().decode()
    assert f"# l10n-reviewed: {long_name} 2026-03-15\n" not in written  # it was wrapped
    again = cat.parse_catalog(buffer.getvalue(), path="babel.po")
    assert decisions(again) == decisions(catalog)
    assert rs.review_mark(again.find(signed.msgid)) == rs.ReviewMark(long_name, date(2026, 3, 15))  # type: ignore[arg-type]


LONG = (
    "Прем'єр-міністр заявив, що Британія і надалі підтримуватиме Україну стільки, скільки "
    "буде потрібно, і пообіцяв нові пакети військової допомоги ще до кінця цього року."
)


NOTE = "A translator's note that is long enough to be wrapped as well, by both of the tools."


def tagged_entries() -> list[cat.CatalogEntry]:
    """Entries carrying every tag at lengths that wrappers break, and a translator's note:
    a draft (alternatives, a warning, the previous translation) and an accepted edit."""
    draft = cat.make_entry(
        msgid="The Prime Minister said Britain would stand by Ukraine.",
        msgstr=LONG.replace("нові", "свіжі"), flags=["fuzzy"], tcomment=NOTE,
        previous_msgid="The Prime Minister said Britain would stand with Ukraine.",
    )  # fmt: skip
    assert rs.entry_state(draft) == "stale"
    rs.write_machine_output(
        draft, text=LONG, provenance="argos en→uk translate-en_uk 1.9 sha256:0123456789ab",
        alternatives=[LONG.replace("заявив", "сказав"), LONG[:40] + " " + LONG[:60]],
        warning="runaway length (" + "x" * 60 + ")",
    )  # fmt: skip
    accepted = cat.make_entry(msgid="Second.", tcomment=NOTE)
    rs.write_machine_output(accepted, text=LONG, provenance="argos en→uk t 1.9 sha256:01")
    rs.accept(
        accepted, reviewer="Olena Kovalenko <olena@example.org>", on=date(2026, 12, 1),
        text=LONG.replace("нові", "додаткові"),
    )  # fmt: skip
    return [draft, accepted]


def what_it_says(entry: cat.CatalogEntry) -> tuple[object, ...]:
    return (
        rs.machine_record(entry), rs.machine_output(entry), rs.review_mark(entry),
        rs.alternatives(entry), rs.warnings(entry), rs.previous_translation(entry),
        rs.entry_state(entry),
    )  # fmt: skip


def test_every_tag_survives_polib_and_babel_wrapping(tmp_path: Path) -> None:
    import polib
    from babel.messages.pofile import read_po, write_po

    entries = tagged_entries()
    expected = [what_it_says(entry) for entry in entries]
    assert rs.previous_translation(entries[0]) and rs.machine_output(entries[1]) == LONG
    catalog = cat.Catalog(entries)
    catalog.metadata.update({"Content-Type": "text/plain; charset=UTF-8", "Language": "uk"})
    path = tmp_path / "uk.po"
    path.write_bytes(cat.format_catalog(catalog))
    saved = polib.pofile(str(path))  # polib wraps comments at 78 columns with "# "
    saved.save(str(tmp_path / "polib.po"))
    with path.open("rb") as stream:
        buffer = io.BytesIO()
        write_po(buffer, read_po(stream))  # Babel at 76 columns of text
    (tmp_path / "babel.po").write_bytes(buffer.getvalue())
    for name in ("polib.po", "babel.po"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert max(len(line) for line in text.splitlines() if line.startswith("#")) <= 78
        again = list(cat.load_catalog(tmp_path / name))
        assert [what_it_says(entry) for entry in again] == expected, name
        rs.mark_skipped(again[0], reviewer="R", on=date(2026, 12, 2))  # writing rejoins them
        assert "l10n-alt: " + LONG.replace("заявив", "сказав") in again[0].tcomment.splitlines()


def machine_translated(*, accepted: bool) -> tuple[cat.Catalog, cat.Catalog]:
    """(template, catalog) of one sentence the engine translated; ``accepted``: its fuzzy
    flag cleared in a PO editor (nothing signed)."""
    from l10n.model import Message

    sentence = "The mayor opened the new bridge on Friday."
    template = cat.new_template([Message(sentence)], domain="t", source_lang="en")
    catalog = cat.new_catalog(template, lang="uk")
    (entry,) = list(catalog)
    rs.write_machine_output(
        entry, text="Мер відкрив новий міст.", provenance="fake en→uk x 1 sha256:00"
    )
    if accepted:
        entry.flags.remove("fuzzy")
    return template, catalog


def removed(catalog: cat.Catalog) -> cat.Catalog:
    """``catalog`` merged with a template that no longer has its sentence (obsolete)."""
    from l10n.merge import merge_catalog
    from l10n.model import Message

    empty = cat.new_template([Message("Other.")], domain="t", source_lang="en")
    return merge_catalog(catalog, empty, today=date(2026, 12, 1)).catalog


def through_babel(catalog: cat.Catalog) -> bytes:
    from babel.messages.pofile import read_po, write_po

    buffer = io.BytesIO()
    write_po(buffer, read_po(io.BytesIO(cat.format_catalog(catalog))))
    return buffer.getvalue()


def test_unreviewed_machine_output_revived_after_babel_stays_a_draft() -> None:
    """Babel writes obsolete entries without `#, fuzzy`; reviving one must not make the
    engine's words a reviewed translation."""
    from l10n.merge import merge_catalog

    template, catalog = machine_translated(accepted=False)
    written = through_babel(removed(catalog))
    assert "#~ msgid" in written.decode() and "fuzzy" not in written.decode()
    back = merge_catalog(cat.parse_catalog(written, path="babel.po"), template)
    (revived,) = list(back.catalog)
    assert back.revived == 1 and revived.fuzzy and rs.entry_state(revived) == "machine"
    assert not rs.publishable(revived) and rs.publishable(revived, drafts=True)


def test_machine_output_accepted_in_a_po_editor_stays_accepted_through_babel() -> None:
    from l10n.merge import merge_catalog

    template, catalog = machine_translated(accepted=True)
    gone = removed(catalog)
    (obsolete,) = gone.obsolete_entries()
    assert rs.review_mark(obsolete) == rs.ReviewMark("po-editor", date(2026, 12, 1))
    back = merge_catalog(cat.parse_catalog(through_babel(gone), path="b.po"), template)
    (revived,) = list(back.catalog)
    assert rs.entry_state(revived) == "translated"
