"""The translation memory as a newsroom uses it, end to end on real files.

A project whose ``locales/`` holds the reviewed example (``examples/article.txt`` and its
hand-made Ukrainian catalog) gets a folder of three new articles that share sentences
with it: ``l10n run articles/ -l uk --engine fake`` fills the shared sentences from the
memory (they never reach the engine; the provenance says where they came from), keeps
near matches for the reviewer, and never touches human work. The memory's comment lines
survive GNU gettext, polib and Babel like the other ``# l10n-*`` lines.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from l10n import po
from l10n import reviewstate as rs
from l10n.engine.fake import FakeEngine
from l10n.memory import INDEX_NAME
from tests.po_helpers import msgcat, msgfmt_check, msgmerge

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
REVIEWED = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
FAKE = ("--engine", "fake")
CATALOGS = Path("locales/uk/LC_MESSAGES")

SHARED_1 = "He arrived in London hours after the Kremlin launched another big air raid on Kyiv."
SHARED_2 = "At least 14 people were killed and five civilian apartment blocks badly damaged."
SHARED_3 = "Ukraine is the world’s leading producer of drones, which now dominate the battlefield."
SHARED_4 = "Everything here was on fire.”"
NEAR = "He arrived in Paris hours after the Kremlin launched another big air raid on Kyiv."
NEW_1 = "The mayor said the city was calm today."
NEW_2 = "Schools will open again on Thursday, the city council said."
ARTICLES = {
    "one.txt": f"{SHARED_1} {SHARED_2}\n\n{NEW_1}\n",
    "two.txt": f"{NEAR}\n\n{SHARED_4}\n",
    "three.txt": f"{SHARED_3}\n\n{NEW_1} {NEW_2}\n",
}


def newsroom(root: Path, memory: str = "") -> Path:
    """The example project with its reviewed catalog (one catalog per article, so the
    example's is ``examples.article``), and three new articles in ``articles/``."""
    (root / "examples").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "article.txt", root / "examples" / "article.txt")
    (root / CATALOGS).mkdir(parents=True)
    shutil.copy(REVIEWED, root / CATALOGS / "examples.article.po")
    (root / "articles").mkdir()
    for name, text in ARTICLES.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    (root / "l10n.toml").write_text(
        'source_lang = "en"\nlanguages = ["uk"]\n'
        f'sources = ["examples/article.txt", "articles/"]\n{memory}',
        encoding="utf-8",
    )
    return root


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the fake engine is asked to translate, whichever instance asks."""
    texts: list[str] = []
    real = FakeEngine.translate_batch

    def counting(self: FakeEngine, batch: Sequence[str], **kwargs: Any) -> Any:
        texts.extend(batch)
        return real(self, batch, **kwargs)

    monkeypatch.setattr(FakeEngine, "translate_batch", counting)
    return texts


def entries(root: Path, name: str) -> dict[str, po.CatalogEntry]:
    return {e.msgid: e for e in po.load_catalog(root / CATALOGS / f"articles.{name}.po")}


def reference(msgid: str) -> str:
    found = po.load_catalog(REVIEWED).find(msgid)
    assert found is not None and found.msgstr
    return found.msgstr


def test_a_newsroom_folder_takes_its_shared_sentences_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, sent: list[str]
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    out = run_cli("run", "articles/", "-l", "uk", *FAKE).stdout
    assert out.startswith("uk: 3 catalogs: 4 from memory, 4 machine-translated now;")
    assert "articles.one.po (2 from memory, 1 machine-translated now)" in out
    assert sorted(sent) == sorted([NEAR, NEW_1, NEW_2])  # shared ones never; NEW_1 once
    for name, msgid in (("one", SHARED_1), ("one", SHARED_2), ("three", SHARED_3),
                        ("two", SHARED_4)):  # fmt: skip
        entry = entries(tmp_path, name)[msgid]
        record = rs.memory_record(entry)
        assert record is not None, msgid
        assert record.origin == "locales/uk/LC_MESSAGES/examples.article.po"
        assert record.date == date(2026, 11, 25)
        assert entry.msgstr == reference(msgid) and entry.fuzzy
        assert rs.machine_record(entry) is None and rs.entry_state(entry) == "fuzzy"
        assert f"# l10n-tm: {record.origin} 2026-11-25 src:" in (
            tmp_path / CATALOGS / f"articles.{name}.po"
        ).read_text(encoding="utf-8")
    near = entries(tmp_path, "two")[NEAR]
    assert rs.entry_state(near) == "machine"  # the engine's, with the near match beside it
    (match,) = rs.near_matches(near)
    assert match.text == reference(SHARED_1) and 75 <= match.score < 100
    for name in ("one", "two", "three"):
        msgfmt_check(tmp_path / CATALOGS / f"articles.{name}.po")
    # drafts are not published: the built article keeps the memory's draft out
    built = (tmp_path / "out/uk/two.txt").read_text(encoding="utf-8")
    assert reference(SHARED_4) not in built and SHARED_4 in built

    review = run_cli("review", "-l", "uk", "-d", "articles.two", "--reviewer", "R",
                     input="q\n", expect=None)  # fmt: skip
    assert f"tm 1 {match.score}%  " + " ".join(reference(SHARED_1).split()[:6]) in review.stdout

    sent.clear()  # a second run: nothing new, nothing asked
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    assert sent == []


def test_trusted_exact_matches_are_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, sent: list[str]
) -> None:
    monkeypatch.chdir(newsroom(tmp_path, "[memory]\ntrust_exact = true\n"))
    out = run_cli("run", "articles/", "-l", "uk", *FAKE).stdout
    assert "4 from memory" in out and "4 reviewed" in out
    entry = entries(tmp_path, "one")[SHARED_1]
    assert not entry.fuzzy and rs.entry_state(entry) == "translated"
    built = (tmp_path / "out/uk/one.txt").read_text(encoding="utf-8")
    assert built.startswith(reference(SHARED_1) + " " + reference(SHARED_2))


def test_human_work_is_never_overwritten_by_the_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, sent: list[str]
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    path = tmp_path / CATALOGS / "articles.one.po"
    catalog = po.load_catalog(path)
    edited = catalog.find(SHARED_1)
    draft = catalog.find(SHARED_2)
    assert edited is not None and draft is not None
    rs.accept(edited, reviewer="Olena", on=date(2026, 12, 1), text="Власний переклад.")
    draft.msgstr = "Чернетка редактора."  # a person changed the memory's draft
    po.save_catalog(catalog, path)
    before = path.read_bytes()
    shutil.copy(path, tmp_path / "before.po")
    sent.clear()
    run_cli("translate", "-l", "uk", *FAKE)
    assert path.read_bytes() == before and sent == []
    # and the person's reviewed translation is memory now: the newest wins
    (tmp_path / "articles" / "four.txt").write_text(f"{SHARED_1}\n", encoding="utf-8")
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    four = entries(tmp_path, "four")[SHARED_1]
    record = rs.memory_record(four)
    assert four.msgstr == "Власний переклад." and record is not None
    assert (record.origin, record.date) == (str(CATALOGS / "articles.one.po"), date(2026, 12, 1))


def test_deleting_the_index_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, sent: list[str]
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    stats = run_cli("tm", "stats", "--json").stdout
    (tmp_path / "locales" / INDEX_NAME).unlink()
    assert run_cli("tm", "stats", "--json").stdout == stats  # built again, the same
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    assert sorted(sent) == sorted([NEAR, NEW_1, NEW_2])


def test_memory_lines_survive_gettext_polib_and_babel(tmp_path: Path) -> None:
    import polib
    from babel.messages.pofile import read_po, write_po

    long = reference(SHARED_1) + " " + reference(SHARED_2)
    near = po.make_entry(msgid=NEAR, msgstr="", tcomment="A translator's note.")
    rs.write_machine_output(
        near, text="Машинний переклад.", provenance="fake en→uk fake-en_uk 1.0 sha256:0123",
        near=[rs.NearMatch(93, long), rs.NearMatch(80, reference(SHARED_2))],
    )  # fmt: skip
    filled = po.make_entry(msgid=SHARED_1, msgstr="")
    origin = "../../a/very/long/path/to/another/newsroom/locales/uk/LC_MESSAGES/world.po"
    rs.write_memory_match(filled, text=reference(SHARED_1), origin=origin, on=date(2026, 1, 2))
    catalog = po.Catalog([near, filled])
    catalog.metadata.update({"Content-Type": "text/plain; charset=UTF-8", "Language": "uk"})
    path = tmp_path / "uk.po"
    path.write_bytes(po.format_catalog(catalog))
    msgfmt_check(path)

    def says(entries: list[po.CatalogEntry]) -> list[tuple[object, ...]]:
        return [(rs.near_matches(e), rs.memory_record(e), rs.entry_state(e)) for e in entries]

    expected = says([near, filled])
    assert expected[0][0] == [rs.NearMatch(93, long), rs.NearMatch(80, reference(SHARED_2))]
    assert expected[1][1] == rs.MemoryRecord(origin, date(2026, 1, 2), rs.short_hash(SHARED_1))
    polib.pofile(str(path)).save(str(tmp_path / "polib.po"))
    with path.open("rb") as stream:
        buffer = io.BytesIO()
        write_po(buffer, read_po(stream))  # wraps comments at 76 columns
    (tmp_path / "babel.po").write_bytes(buffer.getvalue())
    (tmp_path / "msgcat.po").write_bytes(msgcat(path))
    template = tmp_path / "uk.pot"
    template.write_bytes(po.format_catalog(po.Catalog([po.make_entry(msgid=NEAR),
                                                       po.make_entry(msgid=SHARED_1)])))
    (tmp_path / "msgmerge.po").write_bytes(msgmerge(path, template))
    for name in ("polib.po", "babel.po", "msgcat.po", "msgmerge.po"):
        again = list(po.load_catalog(tmp_path / name))
        assert says(again) == expected, name


def test_a_catalog_the_memory_cannot_read_is_left_out_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, sent: list[str]
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    broken = tmp_path / CATALOGS / "broken.po"
    broken.write_bytes(b'msgid "a"\nmsgstr "b\n')  # an unterminated string
    result = run_cli("tm", "stats")
    assert result.stdout.startswith("locales/.l10n-memory.sqlite: 39 units from 1 files")
    assert result.stderr.startswith(f"warning: {CATALOGS / 'broken.po'}:2: ")
    assert result.stderr.endswith("(not in the memory)\n")
    assert "4 from memory" in run_cli("run", "articles/", "-l", "uk", *FAKE).stdout
    assert broken.read_bytes() == b'msgid "a"\nmsgstr "b\n'


def test_a_translation_ending_in_a_backslash_is_no_comment_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    """A reviewed translation ending in ``\\`` is an exact match, never a near-match line
    (GNU gettext would join the next line to a comment ending so): the run goes on."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("The path is C:\\temp\\.\nAnother sentence here.\n")
    run_cli("run", "a.txt", "-d", "a", "-l", "uk", *FAKE)
    path = Path("locales/uk/LC_MESSAGES/a.po")
    catalog = po.load_catalog(path)
    for entry in catalog:
        entry.msgstr = "Шлях C:\\temp\\" if "path" in entry.msgid else "Інше речення."
        rs.accept(entry, reviewer="R", on=date(2026, 12, 1))
    po.save_catalog(catalog, path)
    Path("b.txt").write_text("The path is C:\\temp\\ now.\nAnother sentence here.\n")
    result = run_cli("run", "b.txt", "-d", "b", "-l", "uk", *FAKE).stdout
    assert result.startswith("uk: 1 from memory, 1 machine-translated now")
    done = {e.msgid: e for e in po.load_catalog(Path("locales/uk/LC_MESSAGES/b.po"))}
    assert rs.near_matches(done["The path is C:\\temp\\ now."]) == []
    msgfmt_check(Path("locales/uk/LC_MESSAGES/b.po"))


def test_engine_lines_a_comment_cannot_hold_are_left_out(tmp_path: Path) -> None:
    """Alternatives, unknown words and near matches ending in a backslash would make GNU
    gettext join the next line to the comment: they are left out, and the catalog saves."""
    catalog = po.parse_catalog(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Source."\nmsgstr ""\n'
    )
    entry = catalog.find("Source.")
    assert entry is not None
    rs.write_machine_output(
        entry, text="Переклад.", provenance="fake en→uk", alternatives=["alt C:\\", "alt two"],
        unknown=["C:\\", "word"], near=[rs.NearMatch(90, "near C:\\"), rs.NearMatch(80, "ok")],
    )  # fmt: skip
    path = tmp_path / "x.po"
    po.save_catalog(catalog, path)
    msgfmt_check(path)
    again = po.load_catalog(path).find("Source.")
    assert again is not None
    assert rs.alternatives(again) == ["alt two"]
    assert [near.text for near in rs.near_matches(again)] == ["ok"]
    assert rs.unknown_words(again) == ["word"]

