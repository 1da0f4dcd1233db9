"""The translation memory: its index, exact and near matches, and translation with it.

The index is tested on its own (exact and near look-ups, incremental refresh, a damaged
index rebuilt, near matches found without scoring the whole memory); then end to end:
sentences reviewed in the example's catalog fill a newsroom's articles without reaching
the engine, near matches reach the reviewer, and deleting the index loses nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po
from l10n import reviewstate as rs
from l10n.config import load_project
from l10n.engine.fake import FakeEngine
from l10n.memory import INDEX_NAME, MemoryIndex, Origin, Unit
from l10n.memory.index import _CANDIDATES
from l10n.pipeline import run

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
FAKE = ("--engine", "fake")
SHARED = "He arrived in London hours after the Kremlin launched another big air raid on Kyiv."
SIMILAR = "He arrived in Paris hours after the Kremlin launched another big air raid on Kyiv."
NEW = "Something entirely new happened in the newsroom today."
DAY = date(2026, 1, 2)


def units_origin(path: Path, units: list[Unit], reads: list[Path] | None = None) -> Origin:
    path.write_text(str(len(units)), encoding="utf-8")

    def read(found: Path) -> list[Unit]:
        if reads is not None:
            reads.append(found)
        return units

    return Origin(path, path.name, read)


def unit(source: str, target: str, day: date = DAY) -> Unit:
    return Unit(source, target, "en", "uk", day)


# -- the index ------------------------------------------------------------------------------


def test_exact_and_near_matches(tmp_path: Path) -> None:
    with MemoryIndex(tmp_path / INDEX_NAME) as index:
        index.refresh([units_origin(tmp_path / "a", [unit(SHARED, "Лондон."), unit(NEW, "Нове.")])])
        found = index.exact(SHARED, source_lang="en", target_lang="uk")
        assert found is not None and (found.text, found.origin, found.day) == ("Лондон.", "a", DAY)
        assert index.exact(SHARED, source_lang="en", target_lang="de") is None
        assert index.exact(SIMILAR, source_lang="en", target_lang="uk") is None
        (near,) = index.near(SIMILAR, source_lang="en", target_lang="uk")
        assert (near.text, near.source, near.origin) == ("Лондон.", SHARED, "a")
        assert 90 <= near.score < 100
        assert index.near("The weather was fine.", source_lang="en", target_lang="uk") == []
        assert index.near(SHARED, source_lang="en", target_lang="uk") == []  # exact, not near
        assert index.near(SIMILAR, source_lang="en", target_lang="uk", threshold=99) == []


def test_the_newest_translation_wins_an_exact_match(tmp_path: Path) -> None:
    old, new = unit(SHARED, "Старий."), unit(SHARED, "Новий.", date(2026, 5, 1))
    with MemoryIndex(tmp_path / INDEX_NAME) as index:
        index.refresh([units_origin(tmp_path / "b", [old]), units_origin(tmp_path / "a", [new])])
        found = index.exact(SHARED, source_lang="en", target_lang="uk")
        assert found is not None and found.text == "Новий."


def test_a_refresh_reads_only_what_changed(tmp_path: Path) -> None:
    reads: list[Path] = []
    first = units_origin(tmp_path / "a", [unit(SHARED, "Один.")], reads)
    second = units_origin(tmp_path / "b", [unit(NEW, "Два.")], reads)
    with MemoryIndex(tmp_path / INDEX_NAME) as index:
        assert index.refresh([first, second]).read == 2
        reads.clear()
        report = index.refresh([first, second])
        assert (report.read, report.kept, reads) == (0, 2, [])
        second = units_origin(tmp_path / "b", [unit(NEW, "Два."), unit(SIMILAR, "Три.")], reads)
        report = index.refresh([first, second])
        assert (report.read, report.kept, report.units, reads) == (1, 1, 3, [tmp_path / "b"])
        report = index.refresh([second])  # a is gone: its units and words go with it
        assert (report.dropped, report.units) == (1, 2)
        assert index.exact(SHARED, source_lang="en", target_lang="uk") is None
        (near,) = index.near(SHARED, source_lang="en", target_lang="uk")
        assert near.text == "Три."
        assert index.stats().units == 2


def test_a_damaged_or_linked_index_is_built_again(tmp_path: Path) -> None:
    path = tmp_path / INDEX_NAME
    path.write_bytes(b"not a database at all" * 100)
    origin = units_origin(tmp_path / "a", [unit(SHARED, "Один.")])
    with MemoryIndex(path) as index:
        assert index.refresh([origin]).read == 1
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    db.close()
    with MemoryIndex(path) as index:  # another format: rebuilt from the origins
        assert index.stats().units == 0 and index.refresh([origin]).read == 1
    outside = tmp_path / "outside.sqlite"
    outside.write_bytes(b"keep me")
    path.unlink()
    path.symlink_to(outside)
    with MemoryIndex(path) as index:
        index.refresh([origin])
    assert outside.read_bytes() == b"keep me" and not path.is_symlink()


def test_a_near_match_scores_a_bounded_number_of_candidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from rapidfuzz.distance import Levenshtein

    pick = random.Random(14)
    vocabulary = [f"word{n}" for n in range(2000)]
    units = [unit(" ".join(pick.choices(vocabulary, k=12)), f"t{i}") for i in range(5000)]
    scored: list[str] = []
    real = Levenshtein.normalized_similarity

    def counting(a: str, b: str, **kwargs: object) -> float:
        scored.append(b)
        return float(real(a, b))

    monkeypatch.setattr(Levenshtein, "normalized_similarity", counting)
    with MemoryIndex(tmp_path / INDEX_NAME) as index:
        index.refresh([units_origin(tmp_path / "a", units)])
        query = units[1234].source.replace(units[1234].source.split()[5], "other")
        found = index.near(query, source_lang="en", target_lang="uk")
    assert found[0].text == "t1234"
    assert 0 < len(scored) <= _CANDIDATES  # of 5,000 units


_VOCABULARY = (
    "the a minister said on Monday that talks in London and Kyiv would go on until Friday "
    "after drones hit three cities"
)
WORDS = st.sampled_from(_VOCABULARY.split(" "))


@settings(max_examples=30)
@given(
    sentences=st.lists(st.lists(WORDS, min_size=4, max_size=14), min_size=1, max_size=30),
    pick=st.integers(min_value=0),
    word=st.integers(min_value=0),
)
def test_a_sentence_one_word_away_is_found_with_its_true_score(
    tmp_path_factory: pytest.TempPathFactory, sentences: list[list[str]], pick: int, word: int
) -> None:
    from rapidfuzz.distance import Levenshtein

    folder = tmp_path_factory.mktemp("memory")
    texts = list(dict.fromkeys(" ".join(s) for s in sentences))
    chosen = texts[pick % len(texts)].split()
    chosen[word % len(chosen)] = "zeppelin"
    query = " ".join(chosen)
    with MemoryIndex(folder / INDEX_NAME) as index:
        index.refresh([units_origin(folder / "a", [unit(t, f"#{t}") for t in texts])])
        found = index.near(query, source_lang="en", target_lang="uk", limit=len(texts))
    expected = {
        t: int(Levenshtein.normalized_similarity(query, t) * 100)
        for t in texts
        if t != query and Levenshtein.normalized_similarity(query, t) * 100 >= 75
    }
    got = {match.source: match.score for match in found}
    assert set(got) <= set(expected) and all(got[t] == expected[t] for t in got)
    original = texts[pick % len(texts)]
    if original in expected:
        assert original in got  # the sentence one word away is never missed
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


# -- translation with the memory ------------------------------------------------------------


def newsroom(root: Path, memory: str = "") -> Path:
    """Two articles sharing sentences with the reviewed example (its catalog as memory)."""
    (root / "reference").mkdir(parents=True)
    shutil.copy(REFERENCE, root / "reference" / "article.po")
    (root / "articles").mkdir()
    (root / "articles" / "a.txt").write_text(f"{SHARED} {NEW}\n", encoding="utf-8")
    (root / "articles" / "b.txt").write_text(f"{SIMILAR}\n{NEW}\n", encoding="utf-8")
    (root / "l10n.toml").write_text(
        f'languages = ["uk"]\nsources = ["articles/"]\n[memory]\npaths = ["reference"]\n{memory}',
        encoding="utf-8",
    )
    return root


def entries(root: Path, name: str) -> dict[str, po.CatalogEntry]:
    catalog = po.load_catalog(root / "locales/uk/LC_MESSAGES" / f"articles.{name}.po")
    return {entry.msgid: entry for entry in catalog}


def test_exact_matches_never_reach_the_engine(tmp_path: Path) -> None:
    project = load_project(newsroom(tmp_path) / "l10n.toml")
    engine = FakeEngine()
    reports = run(project, ["uk"], engine=engine)
    assert [(r.memory, r.machine) for r in reports] == [(1, 1), (0, 2)]
    sent = [text for call in engine.calls for text in call.texts]
    assert sorted(sent) == sorted([NEW, SIMILAR])  # NEW once for both articles
    shared = entries(tmp_path, "a")[SHARED]
    record = rs.memory_record(shared)
    assert record is not None and record.origin == "reference/article.po"
    assert record.date == date(2026, 11, 25)  # the reference catalog's PO-Revision-Date
    assert shared.fuzzy and rs.entry_state(shared) == "fuzzy" and rs.machine_record(shared) is None
    assert shared.msgstr == po.load_catalog(REFERENCE).find(SHARED).msgstr  # type: ignore[union-attr]
    near = entries(tmp_path, "b")[SIMILAR]
    assert rs.entry_state(near) == "machine"
    (match,) = rs.near_matches(near)
    assert match.text == shared.msgstr and 90 <= match.score < 100


def test_trusted_exact_matches_are_reviewed_and_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path, "trust_exact = true\n"))
    result = run_cli("run", "-l", "uk", *FAKE).stdout
    assert result.startswith("uk: 2 catalogs: 1 from memory, 3 machine-translated now; 1 reviewed")
    shared = entries(tmp_path, "a")[SHARED]
    assert not shared.fuzzy and rs.entry_state(shared) == "translated"
    built = (tmp_path / "out/uk/a.txt").read_text(encoding="utf-8")
    assert built.startswith(shared.msgstr + " " + NEW)


def test_deleting_the_index_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    run_cli("run", "-l", "uk", *FAKE)
    first = {p.name: p.read_bytes() for p in (tmp_path / "locales/uk/LC_MESSAGES").glob("*.po")}
    shutil.rmtree(tmp_path / "locales" / "uk")
    (tmp_path / "locales" / INDEX_NAME).unlink()
    run_cli("run", "-l", "uk", *FAKE)
    again = {p.name: p.read_bytes() for p in (tmp_path / "locales/uk/LC_MESSAGES").glob("*.po")}
    assert again.keys() == first.keys()
    for name, data in again.items():  # the same but for the catalogs' creation dates
        assert _body(data) == _body(first[name])
    assert "39 units from 3 files" in run_cli("tm", "stats").stdout  # none reviewed yet
    assert "(read 0, dropped 0, unchanged 3)" in run_cli("tm", "stats").stdout


def _body(data: bytes) -> bytes:
    return data.split(b"\n\n", 1)[1]


def test_a_reviewed_article_is_memory_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    run_cli("run", "-l", "uk", *FAKE)
    run_cli("review", "-l", "uk", "--reviewer", "R", input="a\n" * 4)  # every draft accepted
    (tmp_path / "articles" / "c.txt").write_text(f"{NEW}\n", encoding="utf-8")
    result = run_cli("run", "-l", "uk", *FAKE).stdout
    assert "catalog: locales/uk/LC_MESSAGES/articles.c.po (1 from memory, 0 machine" in result
    record = rs.memory_record(entries(tmp_path, "c")[NEW])
    assert record is not None and record.origin.startswith("locales/uk/LC_MESSAGES/articles.")
    assert record.date == date.today()  # the day it was signed in review


def test_review_offers_near_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    run_cli("run", "articles/b.txt", "-l", "uk", *FAKE)
    result = run_cli("review", "-l", "uk", "--reviewer", "R", input="1\na\nq\n").stdout
    near = entries(tmp_path, "b")[SIMILAR]
    shared = po.load_catalog(REFERENCE).find(SHARED)
    assert shared is not None
    assert "  tm 1 9" in result  # the near match, numbered, with its score
    assert near.msgstr == shared.msgstr and rs.entry_state(near) == "translated"
    assert rs.near_matches(near) == []  # judged: the candidates go on accepting


def test_no_memory_and_disabled_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    result = run_cli("run", "-l", "uk", "--no-memory", *FAKE).stdout
    assert result.startswith("uk: 2 catalogs: 4 machine-translated now")
    assert not (tmp_path / "locales" / INDEX_NAME).exists()
    (tmp_path / "l10n.toml").write_text(
        'languages = ["uk"]\nsources = ["articles/"]\n[memory]\npaths = ["nowhere"]\n'
    )
    result = run_cli("run", "-l", "uk", *FAKE, expect=1)
    assert "error: l10n.toml: [memory] paths: nowhere: no such file or folder" in result.stderr


def test_a_big_origin_is_indexed_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import l10n.memory.index as index_module

    monkeypatch.setattr(index_module, "_BATCH", 2)
    texts = [SHARED, NEW, "The third one.", "A fourth sentence here.", "Five."]
    with MemoryIndex(tmp_path / INDEX_NAME) as index:
        origin = units_origin(tmp_path / "a", [unit(t, f"#{t}") for t in texts])
        assert index.refresh([origin]).units == 5
        for text in texts:
            found = index.exact(text, source_lang="en", target_lang="uk")
            assert found is not None and found.text == f"#{text}"
        (near,) = index.near(SIMILAR, source_lang="en", target_lang="uk")
        assert near.text == f"#{SHARED}"
        assert index.refresh([]).units == 0 and index.stats().words == 0
