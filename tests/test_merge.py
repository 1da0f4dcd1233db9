"""Merging templates into catalogs: GNU msgmerge --previous semantics, and nothing lost."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import merge
from l10n import po as cat
from l10n.merge import merge_catalog
from tests.po_helpers import msgfmt_check, msgmerge

CASE = Path(__file__).parent / "data" / "po" / "merge"
UK = (
    'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)
POT = (
    'msgid ""\nmsgstr ""\n"POT-Creation-Date: 2024-02-02 12:00+0000\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def po(text: str) -> cat.Catalog:
    return cat.parse_catalog(text.encode("utf-8"), path="uk.po")


@pytest.mark.parametrize("fuzzy", [True, False])
def test_merge_equals_msgmerge_previous(fuzzy: bool) -> None:
    result = merge_catalog(
        cat.load_catalog(CASE / "article.po"),
        cat.load_catalog(CASE / "article.pot"),
        fuzzy_matching=fuzzy,
    )
    expected = msgmerge(CASE / "article.po", CASE / "article.pot", fuzzy=fuzzy)
    # Our one deviation: a fuzzy match's source also stays, obsolete, with its
    # translation (msgmerge drops it). Without those entries the output is msgmerge's.
    sources = {e.previous_msgid for e in result.catalog if e.fuzzy and e.previous_msgid}
    kept_sources = [e for e in result.catalog.obsolete_entries() if e.msgid in sources]
    assert bool(kept_sources) == fuzzy
    like_msgmerge = result.catalog.with_entries(
        [e for e in result.catalog.all_entries() if not any(e is k for k in kept_sources)],
        metadata=dict(result.catalog.metadata),
    )
    assert cat.format_catalog(like_msgmerge).decode() == expected.decode()


def test_merge_counts() -> None:
    result = merge_catalog(
        cat.load_catalog(CASE / "article.po"), cat.load_catalog(CASE / "article.pot")
    )
    counts = (result.kept, result.fuzzy_matched, result.added, result.obsoleted, result.revived)
    assert counts == (6, 3, 2, 3, 1)  # 1 gone from the article, 2 sources of fuzzy matches
    assert result.catalog.metadata["POT-Creation-Date"] == "2024-02-02 12:00+0000"
    assert result.catalog.metadata["PO-Revision-Date"] == "2024-01-05 10:00+0200"


def test_merged_catalog_passes_msgfmt_check(tmp_path: Path) -> None:
    result = merge_catalog(
        cat.load_catalog(CASE / "article.po"), cat.load_catalog(CASE / "article.pot")
    )
    path = tmp_path / "uk.po"
    cat.save_catalog(result.catalog, path)
    msgfmt_check(path)


def test_an_unchanged_template_changes_no_byte(tmp_path: Path) -> None:
    path = tmp_path / "uk.po"
    expected = msgmerge(CASE / "article.po", CASE / "article.pot")
    path.write_bytes(expected)
    path.chmod(0o644)
    template = cat.load_catalog(CASE / "article.pot")
    result = merge_catalog(cat.load_catalog(path), template)
    assert (result.kept, result.fuzzy_matched, result.added, result.obsoleted, result.revived) == (
        12,
        0,
        0,
        0,
        0,
    )
    assert cat.save_catalog(result.catalog, path) is False
    assert path.read_bytes() == expected


def test_the_input_catalog_is_left_as_it_was() -> None:
    catalog = cat.load_catalog(CASE / "article.po")
    before = cat.format_catalog(catalog)
    merge_catalog(catalog, cat.load_catalog(CASE / "article.pot"))
    assert cat.format_catalog(catalog) == before and not catalog.changed


def test_fuzzy_matching_off_leaves_new_msgids_untranslated() -> None:
    result = merge_catalog(
        cat.load_catalog(CASE / "article.po"),
        cat.load_catalog(CASE / "article.pot"),
        fuzzy_matching=False,
    )
    assert result.fuzzy_matched == 0
    edited = "Residents of the eastern districts had asked for the bridge for decades."
    assert result.catalog.find(edited).msgstr == ""  # type: ignore[union-attr]
    obsolete = {e.msgid for e in result.catalog.obsolete_entries()}
    assert "Critics said the money should have gone to schools." in obsolete


def test_a_fuzzy_match_is_always_marked_fuzzy_with_its_previous_msgid() -> None:
    catalog = po(
        UK + '# note\nmsgid "The mayor opened the new bridge."\nmsgstr "Мер відкрив новий міст."\n'
    )
    template = po(POT + 'msgid "The mayor opened the new bridge!"\nmsgstr ""\n')
    result = merge_catalog(catalog, template)
    entry = result.catalog.find("The mayor opened the new bridge!")
    assert entry is not None
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
        "Мер відкрив новий міст.",
        True,
        "The mayor opened the new bridge.",
    )
    assert entry.tcomment == "note"
    # Unlike msgmerge, the translation also stays with its own sentence, obsolete.
    (old,) = result.catalog.obsolete_entries()
    assert (old.msgid, old.msgstr) == (
        "The mayor opened the new bridge.",
        "Мер відкрив новий міст.",
    )
    undone = merge_catalog(
        result.catalog, po(POT + 'msgid "The mayor opened the new bridge."\nmsgstr ""\n')
    )
    back = undone.catalog.find("The mayor opened the new bridge.")
    assert back is not None and back.msgstr == "Мер відкрив новий міст." and not back.fuzzy


def test_matching_is_stricter_than_msgmerge(tmp_path: Path) -> None:
    # Similarity 0.66: msgmerge (threshold 0.6) offers this unrelated translation.
    old, new = (
        "Return the sample arithmetic mean of data.",
        "Return the name of the parent of this widget.",
    )
    catalog = po(UK + f'msgid "{old}"\nmsgstr "Повертає вибіркове середнє."\n')
    template = po(POT + f'msgid "{new}"\nmsgstr ""\n')
    (tmp_path / "uk.po").write_bytes(cat.format_catalog(catalog))
    (tmp_path / "t.pot").write_bytes(cat.format_catalog(template))
    assert "Повертає" in msgmerge(tmp_path / "uk.po", tmp_path / "t.pot").decode()
    result = merge_catalog(catalog, template)
    assert result.catalog.find(new).msgstr == ""  # type: ignore[union-attr]
    assert [e.msgid for e in result.catalog.obsolete_entries()] == [old]


def test_translator_flags_survive_and_format_flags_follow_the_template() -> None:
    catalog = po(UK + '#, fuzzy, python-format, ignore-same\nmsgid "a %s"\nmsgstr "б %s"\n')
    template = po(POT + '#, no-python-format\nmsgid "a %s"\nmsgstr ""\n')
    entry = merge_catalog(catalog, template).catalog.find("a %s")
    assert entry is not None and entry.flags == ["fuzzy", "no-python-format", "ignore-same"]


def test_plural_forms_beyond_the_first_are_not_lost_by_a_fuzzy_match() -> None:
    catalog = po(
        UK + 'msgid "One apple fell from the tree"\nmsgid_plural "%d apples fell from the tree"\n'
        'msgstr[0] "P0"\nmsgstr[1] "P1"\nmsgstr[2] "P2"\n'
    )
    template = po(POT + 'msgid "One apple fell from the old tree"\nmsgstr ""\n')
    result = merge_catalog(catalog, template)
    entry = result.catalog.find("One apple fell from the old tree")
    assert entry is not None and (entry.msgstr, entry.fuzzy) == ("P0", True)
    (kept,) = result.catalog.obsolete_entries()
    assert kept.msgstr_plural == {0: "P0", 1: "P1", 2: "P2"}


def test_a_singular_entry_that_becomes_plural_gets_its_translation_in_every_form() -> None:
    catalog = po(UK + 'msgid "One file"\nmsgstr "Один файл"\n')
    template = po(POT + 'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    entry = merge_catalog(catalog, template).catalog.find("One file")
    assert entry is not None and entry.fuzzy
    assert entry.msgstr_plural == {0: "Один файл", 1: "Один файл", 2: "Один файл"}


def test_large_merges_pick_the_same_matches_as_comparing_every_pair(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(7)
    words = [f"w{n}x{rng.randrange(10**6)}" for n in range(400)] + ["the", "of", "and", "a"] * 60
    sentences = list(
        dict.fromkeys(" ".join(rng.choices(words, k=rng.randint(5, 14))) for _ in range(700))
    )
    catalog = cat.Catalog([cat.make_entry(msgid=s, msgstr="t:" + s) for s in sentences])
    catalog.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    edited = [s.replace(" ", " the ", 1) + " again" for s in sentences[:60]]
    fresh = [" ".join(rng.choices(words, k=10)) for _ in range(60)]
    template = cat.Catalog([cat.make_entry(msgid=s) for s in edited + fresh + sentences[60:]])
    indexed = merge_catalog(catalog, template)
    monkeypatch.setattr(merge, "_EXHAUSTIVE_PAIRS", 10**12)
    exhaustive = merge_catalog(catalog, template)
    assert indexed.fuzzy_matched > 50
    assert [e.msgstr for e in indexed.catalog.all_entries()] == [
        e.msgstr for e in exhaustive.catalog.all_entries()
    ]


# -- the property: after any sequence of template changes, no translation is lost ----------

POOL = [
    "The mayor opened the new bridge over the river.",
    "Thousands of residents came to see the ceremony.",
    "The construction took four years and cost twice the estimate.",
    "Critics said the money should have gone to schools.",
    "The bridge will be closed for repairs every winter.",
    "Officials declined to comment on the delay.",
    "Photograph: City Hall",
    "Residents had asked for the bridge for decades.",
]
VARIANTS = POOL + [s.replace("the", "a", 1) for s in POOL] + [s[:-1] + " today." for s in POOL]


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[list[str], list[int]]]:
    steps = []
    for _ in range(draw(st.integers(1, 5))):
        msgids = draw(st.lists(st.sampled_from(VARIANTS), min_size=1, max_size=8, unique=True))
        translate = draw(st.lists(st.integers(0, 7), max_size=4))
        steps.append((msgids, translate))
    return steps


def template_of(msgids: list[str]) -> cat.Catalog:
    pot = cat.parse_catalog(POT.encode(), path="article.pot")
    for number, msgid in enumerate(msgids):
        pot.append(cat.make_entry(msgid=msgid, occurrences=[("article.txt", str(number + 1))]))
    return pot


@settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories(), st.booleans())
def test_no_translation_is_ever_lost(
    tmp_path: Path, history: list[tuple[list[str], list[int]]], fuzzy: bool
) -> None:
    path = tmp_path / "uk.po"
    path.unlink(missing_ok=True)
    cat.save_catalog(cat.new_catalog(template_of(history[0][0]), lang="uk"), path)
    made: dict[str, str] = {}  # translation -> the msgid it was made for
    serial = 0
    for msgids, translate in history:
        before = cat.load_catalog(path)
        known = {e.msgid: e.msgstr for e in before.all_entries() if e.msgstr}
        result = merge_catalog(before, template_of(msgids), fuzzy_matching=fuzzy)
        cat.save_catalog(result.catalog, path)
        after = cat.load_catalog(path)
        assert [e.msgid for e in after] == msgids
        for msgid in msgids:  # translations of msgids still in the template are still theirs
            if msgid in known:
                assert after.find(msgid).msgstr == known[msgid]  # type: ignore[union-attr]
        present = {e.msgstr for e in after.all_entries()}
        assert set(made) <= present  # every translation ever made is still in the file
        for entry in after:  # nothing attached without the fuzzy flag
            if entry.msgstr and not entry.fuzzy:
                assert made[entry.msgstr] == entry.msgid
            if entry.fuzzy:
                assert entry.msgstr in made and entry.previous_msgid is not None
        for position in translate:  # a translator fills some untranslated entries
            untranslated = [e for e in after if not e.msgstr]
            if untranslated:
                entry = untranslated[position % len(untranslated)]
                serial += 1
                entry.msgstr = f"переклад {serial}"
                made[entry.msgstr] = entry.msgid
        cat.save_catalog(after, path)
    msgfmt_check(path)


def test_a_template_built_with_a_repeated_msgid_merges_it_once() -> None:
    template = cat.Catalog([cat.make_entry(msgid="a"), cat.make_entry(msgid="a")])
    result = merge_catalog(po(UK + 'msgid "a"\nmsgstr "б"\n'), template)
    assert [(e.msgid, e.msgstr) for e in result.catalog] == [("a", "б")]
