"""Catalogs: queries, lazy atomic saving, templates, new catalogs, languages, .mo files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from l10n import __version__, languages
from l10n import po as cat
from l10n.errors import CatalogError, L10nError, LanguageError
from l10n.files import write_bytes_atomic
from l10n.model import Message
from tests.po_helpers import msgfmt, msgfmt_check, plural_values

DATA = Path(__file__).parent / "data" / "po"
FIXTURE = DATA / "gnu_layout.po"
WHEN = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
# Ukrainian as CLDR words it (one, few, many); compared by value (plural_values), not text.
UK_PLURALS = (
    "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && "
    "(n % 100 < 12 || n % 100 > 14) ? 1 : 2;"
)


def messages() -> list[Message]:
    return [
        Message("First sentence.", (("article.txt", 1),), ("paragraph 1, sentence 1",)),
        Message("Second sentence.", (("article.txt", 1),), ("paragraph 1, sentence 2",)),
        Message("First sentence.", (("article.txt", 7),), ("paragraph 4, sentence 1",)),
    ]


def template() -> cat.Catalog:
    return cat.new_template(messages(), domain="article", source_lang="en", creation_date=WHEN)


# -- queries --------------------------------------------------------------------------------


def test_queries_on_a_real_layout() -> None:
    catalog = cat.load_catalog(FIXTURE)
    assert catalog.language == "uk" and catalog.nplurals == 3
    assert list(catalog.metadata)[:3] == [
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
    ]
    assert [e.msgid for e in catalog.obsolete_entries()][1:] == [
        "Obsolete plain entry",
        "Obsolete plural",
    ]
    assert catalog.find("Open", "menu|file").msgstr == "Відкрити"  # type: ignore[union-attr]
    assert catalog.find("Open") is None
    assert catalog.find("Obsolete plain entry") is None  # obsolete entries are not found


def test_builds_publish_reviewed_translations_and_drafts_only_on_request() -> None:
    from l10n import reviewstate as rs

    catalog = cat.load_catalog(FIXTURE)
    states = {entry.msgid: rs.entry_state(entry) for entry in catalog}
    assert states["Short sentence."] == "translated"
    stale = "A sentence whose old version is remembered by the catalog for the translator's review."
    assert states[stale] == "stale"  # a fuzzy match made for the #| source
    assert states["Untranslated but fuzzy-flagged entry"] == "untranslated"
    published = {e.msgid for e in catalog if rs.publishable(e)}
    drafts = {e.msgid for e in catalog if rs.publishable(e, drafts=True)}
    assert "Short sentence." in published and stale not in drafts
    assert published == drafts  # the fixture's only fuzzy translation is stale
    draft = cat.copy_entry(catalog.find("Short sentence."), flags=["fuzzy"])  # type: ignore[arg-type]
    assert rs.entry_state(draft) == "fuzzy" and rs.publishable(draft, drafts=True)
    assert not rs.publishable(draft)


def test_stats_count_like_msgfmt() -> None:
    stats = cat.load_catalog(FIXTURE).stats()
    assert (stats.entries, stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete) == (
        18,
        16,
        1,
        1,
        3,
    )
    assert stats.percent == pytest.approx(16 / 18 * 100)
    assert stats.words > stats.translated_words > 0
    empty = cat.parse_catalog(b"").stats()
    assert (empty.entries, empty.percent) == (0, 100.0)


def test_find_follows_edits_of_entries() -> None:
    catalog = cat.parse_catalog(b'msgid "a"\nmsgstr ""\n')
    entry = catalog.find("a")
    assert entry is not None
    entry.msgid = "b"
    assert catalog.find("a") is None and catalog.find("b") is entry
    entry.obsolete = True
    assert catalog.find("b") is None and catalog.obsolete_entries() == [entry]


def test_append_refuses_a_duplicate() -> None:
    catalog = cat.parse_catalog(b'msgid "a"\nmsgstr ""\n')
    with pytest.raises(CatalogError):
        catalog.append(cat.make_entry(msgid="a"))
    catalog.append(cat.make_entry(msgid="a", msgctxt="other"))
    assert len(catalog) == 2


# -- saving: nothing when nothing changed, atomic when something did -----------------------


def test_load_and_save_without_change_rewrites_nothing(tmp_path: Path) -> None:
    path = tmp_path / "messy.po"
    original = (
        b'msgid ""\nmsgstr ""\n"Language: uk\\n"\n\nmsgid "a very long line " '
        b'"that GNU would wrap differently because it is far longer than seventy-nine"\n'
        b'msgstr "x"\n'
    )
    path.write_bytes(original)
    os.utime(path, (1_000_000, 1_000_000))
    assert cat.save_catalog(cat.load_catalog(path), path) is False
    assert path.read_bytes() == original and path.stat().st_mtime == 1_000_000


def test_a_change_is_saved_in_canonical_form(tmp_path: Path) -> None:
    path = tmp_path / "uk.po"
    path.write_bytes(FIXTURE.read_bytes())
    catalog = cat.load_catalog(path)
    catalog.find("Short sentence.").msgstr = "Змінено."  # type: ignore[union-attr]
    assert cat.save_catalog(catalog, path) is True
    assert (
        b'msgstr "\xd0\x97\xd0\xbc\xd1\x96\xd0\xbd\xd0\xb5\xd0\xbd\xd0\xbe."' in path.read_bytes()
    )
    msgfmt_check(path)
    assert cat.save_catalog(catalog, path) is False  # saved: unchanged again


def test_force_rewrites_into_canonical_form_once(tmp_path: Path) -> None:
    path = tmp_path / "messy.po"
    path.write_bytes(b'msgid "a"\nmsgstr ""\n"b"\n')
    assert cat.save_catalog(cat.load_catalog(path), path, force=True) is True
    assert path.read_bytes() == b'msgid "a"\nmsgstr "b"\n'
    assert cat.save_catalog(cat.load_catalog(path), path, force=True) is False


def test_save_creates_missing_files_and_folders(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "uk" / "LC_MESSAGES" / "article.po"
    assert cat.save_catalog(cat.load_catalog(FIXTURE), path) is True
    assert path.read_bytes() == FIXTURE.read_bytes()


def test_save_keeps_the_file_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "uk.po"
    path.write_bytes(b'msgid "a"\nmsgstr ""\n')
    path.chmod(0o640)
    catalog = cat.load_catalog(path)
    catalog.find("a").msgstr = "b"  # type: ignore[union-attr]
    cat.save_catalog(catalog, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uk.po"]


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "uk.po"
    path.write_bytes(FIXTURE.read_bytes())
    catalog = cat.load_catalog(path)
    catalog.find("Short sentence.").msgstr = "Змінено."  # type: ignore[union-attr]

    def broken(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(CatalogError) as caught:
        cat.save_catalog(catalog, path)
    assert str(caught.value) == f"{path}: cannot write: No space left on device"
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uk.po"]


def test_write_bytes_atomic_replaces_a_symlink_unless_told_to_follow_it(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_bytes_atomic(link, b"new", follow_link=True)
    assert link.is_symlink() and target.read_bytes() == b"new"
    write_bytes_atomic(link, b"newer")  # a generated file: the link itself is replaced
    assert not link.is_symlink() and link.read_bytes() == b"newer"
    assert target.read_bytes() == b"new"


def test_write_bytes_atomic_reports_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(L10nError) as caught:
        write_bytes_atomic(blocker / "inside.txt", b"x")
    assert caught.value.path == str(blocker / "inside.txt")


@pytest.mark.parametrize(
    ("make", "message"),
    [(lambda p: None, "no such file"), (lambda p: p.mkdir(), "is a directory, not a PO file")],
)
def test_load_errors_name_the_file(tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "uk.po"
    make(path)  # type: ignore[operator]
    with pytest.raises(CatalogError) as caught:
        cat.load_catalog(path)
    assert str(caught.value) == f"{path}: {message}"


def test_metadata_edits_keep_the_other_header_lines(tmp_path: Path) -> None:
    catalog = cat.load_catalog(FIXTURE)
    catalog.metadata["PO-Revision-Date"] = "2025-01-01 00:00+0000"
    catalog.metadata["X-New"] = "yes"
    del catalog.metadata["X-Generator"]
    header = cat.parse_catalog(cat.format_catalog(catalog)).metadata
    assert list(header) == [k for k in cat.load_catalog(FIXTURE).metadata if k != "X-Generator"] + [
        "X-New"
    ]
    assert header["PO-Revision-Date"] == "2025-01-01 00:00+0000"


def test_with_entries_keeps_the_no_write_promise(tmp_path: Path) -> None:
    path = tmp_path / "uk.po"
    path.write_bytes(FIXTURE.read_bytes())
    catalog = cat.load_catalog(path)
    same = catalog.with_entries([cat.copy_entry(e) for e in catalog.all_entries()])
    assert cat.save_catalog(same, path) is False
    fewer = catalog.with_entries(list(catalog)[1:])
    assert cat.save_catalog(fewer, path) is True


# -- templates and new catalogs ---------------------------------------------------------------


def test_new_template_header_and_entries(tmp_path: Path) -> None:
    pot = template()
    assert pot.metadata == {
        "Project-Id-Version": "PROJECT VERSION",
        "Report-Msgid-Bugs-To": "EMAIL@ADDRESS",
        "POT-Creation-Date": "2024-05-06 07:08+0000",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"l10n {__version__}",
        "X-Source-Language": "en",
        "X-Domain": "article",
    }
    first, second = list(pot)
    assert first.occurrences == [("article.txt", "1"), ("article.txt", "7")]
    assert first.comment == "paragraph 1, sentence 1\nparagraph 4, sentence 1"
    assert (second.msgid, second.msgstr) == ("Second sentence.", "")
    path = tmp_path / "article.pot"
    cat.save_catalog(pot, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# Translations template for PROJECT.\n# Copyright (C) 2024 ORGANIZATION\n"
    )
    assert (
        "#. paragraph 1, sentence 1\n#. paragraph 4, sentence 1\n#: article.txt:1 article.txt:7\n"
        in text
    )
    assert '#, fuzzy\nmsgid ""\n' in text
    msgfmt_check(path)


def test_same_messages_ignores_header_dates_only() -> None:
    later = cat.new_template(
        messages(),
        domain="article",
        source_lang="en",
        creation_date=datetime(2030, 1, 1, tzinfo=UTC),
    )
    assert cat.same_messages(template(), later)
    changed = cat.new_template(
        messages()[:2], domain="article", source_lang="en", creation_date=WHEN
    )
    assert not cat.same_messages(template(), changed)
    other_project = cat.new_template(
        messages(), domain="article", source_lang="en", project="X", creation_date=WHEN
    )
    assert not cat.same_messages(template(), other_project)


def test_new_catalog_for_ukrainian(tmp_path: Path) -> None:
    pot = template()
    pot.append(
        cat.make_entry(msgid="One file", msgid_plural="%d files", msgstr_plural={0: "", 1: ""})
    )
    po = cat.new_catalog(pot, lang="uk")
    assert po.language == "uk" and po.nplurals == 3
    assert plural_values(po.metadata["Plural-Forms"]) == plural_values(UK_PLURALS)
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Language-Team"] == "Ukrainian <LL@li.org>"
    assert list(po.metadata).index("Language") == list(po.metadata).index("Language-Team") + 1
    assert not po.header_fuzzy and po.header_comment.startswith(
        "Ukrainian translations for PROJECT."
    )
    assert [e.msgstr for e in po] == ["", "", ""]
    assert po.find("One file").msgstr_plural == {0: "", 1: "", 2: ""}  # type: ignore[union-attr]
    path = tmp_path / "uk" / "LC_MESSAGES" / "article.po"
    assert cat.save_catalog(po, path) is True
    msgfmt_check(path)


# -- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("uk", "uk"),
        ("pt_BR", "pt_BR"),
        ("pt-br", "pt_BR"),
        ("zh_Hant_TW", "zh_Hant_TW"),
        ("DE", "de"),
        (" de-CH ", "de_CH"),
    ],
)
def test_normalize_language(code: str, expected: str) -> None:
    assert languages.normalize_language(code) == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("ukr", "unknown language 'ukr': did you mean 'uk'?"),
        ("Ukrainian", "unknown language 'Ukrainian': did you mean 'uk'?"),
        ("iw", "unknown language 'iw': did you mean 'he'?"),
        ("en_XX", "unknown language 'en_XX': did you mean 'en'?"),
        ("u", "malformed language code 'u': expected e.g. 'uk' or 'pt_BR'"),
        ("../uk", "malformed language code '../uk': expected e.g. 'uk' or 'pt_BR'"),
        ("qq", "unknown language 'qq'"),
    ],
)
def test_language_errors_suggest_the_nearest_code(code: str, message: str) -> None:
    with pytest.raises(LanguageError) as caught:
        languages.normalize_language(code)
    assert str(caught.value) == message


def test_language_names_and_plural_forms() -> None:
    assert languages.language_name("uk") == "Ukrainian"
    assert languages.language_name("pt-br") == "Portuguese (Brazil)"
    assert plural_values(languages.plural_forms("uk")) == plural_values(UK_PLURALS)
    assert plural_values(languages.plural_forms("ja")) == (1, (0,) * 1001)


# -- .mo files --------------------------------------------------------------------------------


@pytest.mark.parametrize("use_fuzzy", [False, True])
def test_compile_mo_equals_msgfmt(tmp_path: Path, use_fuzzy: bool) -> None:
    compiled = cat.compile_mo(cat.load_catalog(FIXTURE), use_fuzzy=use_fuzzy)
    assert compiled == msgfmt(FIXTURE, tmp_path / "gnu.mo", use_fuzzy=use_fuzzy)


def test_compile_mo_of_small_catalogs_equals_msgfmt(tmp_path: Path) -> None:
    for count in range(6):
        path = tmp_path / f"small{count}.po"
        body = "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(count))
        path.write_text(
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
            encoding="utf-8",
        )
        assert cat.compile_mo(cat.load_catalog(path)) == msgfmt(path, tmp_path / "gnu.mo")


# -- import cost ------------------------------------------------------------------------------


def test_importing_catalog_and_merge_loads_neither_polib_nor_babel() -> None:
    code = (
        "import sys, l10n.po, l10n.merge\n"
        "heavy = [m for m in sys.modules"
        " if m.split('.')[0] in ('polib', 'babel', 'rapidfuzz', 'regex')]\n"
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_text_input_keeps_the_declared_charset_and_newlines() -> None:
    text = (
        'msgid ""\r\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\r\n\r\n'
        'msgid "a"\r\nmsgstr "café"\r\n'
    )
    catalog = cat.parse_catalog(text)
    assert (catalog.charset, catalog.newline) == ("iso8859-1", "\r\n")
    assert cat.format_catalog(catalog) == text.encode("latin-1")


def test_a_carriage_return_in_a_comment_becomes_a_line_break() -> None:
    catalog = cat.new_catalog(
        cat.new_template([Message("Hello.")], domain="t", source_lang="en"), lang="uk"
    )
    (entry,) = list(catalog)
    entry.tcomment = "first\rsecond\r\nthird"
    back = cat.parse_catalog(cat.format_catalog(catalog), path="t.po")
    assert back.find("Hello.").tcomment == "first\nsecond\nthird"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "minimal"),
    [
        ("uk", "uk"), ("uk_UA", "uk"), ("uk-UA", "uk"), ("uk-Cyrl-UA", "uk"), ("EN-us", "en"),
        ("en_GB", "en_GB"), ("pt_BR", "pt"), ("pt-PT", "pt_PT"), ("sr_Latn", "sr_Latn"),
        ("sr_Cyrl_RS", "sr"), ("de_AT", "de_AT"), ("zz_YY", "zz_YY"),
    ],
)  # fmt: skip
def test_minimal_language_drops_only_the_likely_subtags(code: str, minimal: str) -> None:
    assert languages.minimal_language(code) == minimal
