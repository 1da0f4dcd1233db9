"""The newsroom example (examples/newsroom): three articles, in text, Markdown and HTML,
sharing sentences with the reviewed example, translated in one run with the memory, the
glossary and the fake engine (which reverses word order) -- the "done when" of the
many-articles, memory and glossary issue, as a user runs it from the README."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po
from l10n import reviewstate as rs

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
REVIEWED = "locales/uk/LC_MESSAGES/article.po"
CATALOGS = ("articles.europe.summit", "articles.world.drones", "articles.world.kyiv")


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example's layout: examples/newsroom beside the reviewed catalog."""
    shutil.copytree(ROOT / "examples" / "newsroom", tmp_path / "examples" / "newsroom",
                    ignore=shutil.ignore_patterns("locales", "out"))  # fmt: skip
    shutil.copy(ROOT / "examples" / "glossary.csv", tmp_path / "examples" / "glossary.csv")
    (tmp_path / REVIEWED).parent.mkdir(parents=True)
    shutil.copy(ROOT / REVIEWED, tmp_path / REVIEWED)
    project = tmp_path / "examples" / "newsroom"
    monkeypatch.chdir(project)
    return project


def _catalog(project: Path, name: str) -> po.Catalog:
    return po.load_catalog(project / "locales" / "uk" / "LC_MESSAGES" / f"{name}.po")


def _reviewed() -> dict[str, str]:
    catalog = po.load_catalog(ROOT / REVIEWED)
    return {e.msgid: e.msgstr for e in catalog if rs.entry_state(e) == "translated"}


def test_shared_sentences_come_from_memory_and_never_reach_the_engine(
    newsroom: Path, run_cli: Run
) -> None:
    result = run_cli("run", "articles/", "-l", "uk", "--engine", "fake").stdout
    assert result.startswith("uk: 3 catalogs: 6 from memory, 8 machine-translated now")
    reviewed = _reviewed()
    recalled = machine = 0
    for name in CATALOGS:
        for entry in _catalog(newsroom, name):
            memory = rs.memory_record(entry)
            if entry.msgid in reviewed:  # shared with the reviewed example
                assert memory is not None and memory.origin.endswith("article.po")
                assert entry.msgstr == reviewed[entry.msgid] and "fuzzy" in entry.flags
                assert rs.machine_record(entry) is None  # the engine never saw it
                recalled += 1
            else:
                assert memory is None and rs.machine_record(entry) is not None
                machine += 1
    assert (recalled, machine) == (6, 8)


def test_near_matches_are_offered_in_review(newsroom: Path, run_cli: Run) -> None:
    run_cli("run", "articles/", "-l", "uk", "--engine", "fake")
    mayor = "Kyiv's mayor, Vitali Klitschko, said six people had been killed in the district."
    entry = _catalog(newsroom, "articles.world.kyiv").find(mayor)
    assert entry is not None
    near = rs.near_matches(entry)
    assert near and near[0].score >= 90  # the example's sentence, with a typographic ’
    result = run_cli(
        "review", "-l", "uk", "-d", "articles.world.kyiv", "--reviewer", "R",
        input="s\ns\ns\n" + "q\n",
    ).stdout  # fmt: skip
    assert f"tm 1 {near[0].score}%" in result


def test_the_glossary_keeps_chatham_house_and_checks_zelenskyy(
    newsroom: Path, run_cli: Run
) -> None:
    run_cli("run", "articles/", "-l", "uk", "--engine", "fake")
    kept = [
        entry.msgstr
        for name in CATALOGS
        for entry in _catalog(newsroom, name)
        if "Chatham House" in entry.msgid
    ]
    assert len(kept) == 2 and all("Chatham House" in text for text in kept)
    domain = ("-d", "articles.europe.summit")
    title = "Zelenskyy heads to the Nato summit"
    assert _glossary_findings(run_cli, *domain) == {
        title: "'Zelenskyy' -> 'Зеленський': 'Зеленський' not found (matching: pymorphy3 uk "
        "lemmas, any inflected form)"
    }
    # a person writes the name in the genitive: the check knows it is Зеленський
    path = newsroom / "locales" / "uk" / "LC_MESSAGES" / "articles.europe.summit.po"
    catalog = po.load_catalog(path)
    entry = catalog.find(title)
    assert entry is not None
    entry.msgstr = "Поїздка Зеленського на саміт НАТО"
    po.save_catalog(catalog, path)
    assert _glossary_findings(run_cli, *domain) == {}
    entry.msgstr = "Поїздка президента на саміт НАТО"  # and that a name is missing
    po.save_catalog(catalog, path)
    assert list(_glossary_findings(run_cli, *domain)) == [title]


def _glossary_findings(run_cli: Run, *args: str) -> dict[str, str]:
    found = json.loads(run_cli("check", "-l", "uk", "--json", *args, expect=None).stdout)
    return {issue["msgid"]: issue["message"] for issue in found if issue["check"] == "glossary"}


def test_every_catalog_goes_to_an_agency_and_the_memory_to_tmx(
    newsroom: Path, run_cli: Run
) -> None:
    run_cli("run", "articles/", "-l", "uk", "--engine", "fake")
    result = run_cli("xliff", "export", "-l", "uk")
    written = sorted(line.split(":")[0] for line in result.stdout.splitlines())
    assert written == [f"out/{name}.uk.xlf" for name in CATALOGS]
    result = run_cli("xliff", "export", "-l", "uk", "-o", "all.xlf", expect=2)
    assert "3 catalogs" in result.stderr and "-d DOMAIN" in result.stderr
    run_cli("tm", "export", "-l", "uk", "--tmx", "uk.tmx")
    tmx = pytest.importorskip("translate.storage.tmx")
    units = tmx.tmxfile((newsroom / "uk.tmx").read_bytes()).units
    assert len(units) == len(_reviewed())  # only reviewed work is memory
