"""TMX exchange: ``l10n tm export``, ``l10n tm import`` and ``l10n tm stats``.

Translate Toolkit is the reference reader and writer: it reads the TMX files we write
(every unit, languages and text as they were), and what it writes we import; an
imported file is memory from then on, without config. Files that are not TMX, are not
well-formed or declare entities are refused with one line and nothing written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po
from l10n import reviewstate as rs
from l10n.memory import INDEX_NAME, TmxUnit, format_tmx, read_tmx
from tests.test_memory_cli import CATALOGS, FAKE, NEW_1, REVIEWED, entries, newsroom

Run = Callable[..., Result]
MAYOR = "Мер сказав, що сьогодні в місті спокійно."


def reviewed_pairs() -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in po.load_catalog(REVIEWED) if e.msgstr]


def test_translate_toolkit_reads_the_exported_tmx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    from translate.storage import tmx

    monkeypatch.chdir(newsroom(tmp_path))
    out = run_cli("tm", "export", "-l", "uk", "--tmx", "memory-uk.tmx").stdout
    assert out == "wrote memory-uk.tmx: 39 units\n"
    store = tmx.tmxfile.parsefile(str(tmp_path / "memory-uk.tmx"))
    got = [(unit.source, unit.target) for unit in store.units]
    assert sorted(got) == sorted(reviewed_pairs())
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = {tuple(n.get(xml_lang) for n in u.getlanguageNodes()) for u in store.units}
    assert store.sourcelanguage == "en" and langs == {("en", "uk")}
    text = (tmp_path / "memory-uk.tmx").read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'changedate="20261125T000000Z"' in text
    assert "locales/uk/LC_MESSAGES/examples.article.po</prop>" in text
    stdout = run_cli("tm", "export", "-l", "uk", "--tmx", "-").stdout_bytes
    assert _without_dates(stdout) == _without_dates((tmp_path / "memory-uk.tmx").read_bytes())


def _without_dates(data: bytes) -> bytes:
    import re

    return re.sub(rb'creationdate="\d{8}T\d{6}Z"', b"", data)


def translate_toolkit_tmx(path: Path, pairs: list[tuple[str, str]]) -> None:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="uk")
    for source, target in pairs:
        store.addtranslation(source, "en", target, "uk")
    path.write_bytes(bytes(store))


def test_a_tmx_translate_toolkit_wrote_is_memory_once_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    translate_toolkit_tmx(tmp_path / "agency.tmx", [(NEW_1, MAYOR), ("Kyiv.", "Київ.")])
    assert run_cli("tm", "import", "agency.tmx").stdout == (
        "locales/memory/agency.tmx: imported, 2 units\n"
    )
    assert run_cli("tm", "import", "agency.tmx").stdout.endswith(": unchanged, 2 units\n")
    stats = json.loads(run_cli("tm", "stats", "--json").stdout)
    assert stats["units"] == 41 and stats["files"] == 2
    assert stats["pairs"] == [{"source": "en", "target": "uk", "units": 41}]
    (tmp_path / "agency.tmx").unlink()  # the project keeps its own copy
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    mayor = entries(tmp_path, "one")[NEW_1]
    record = rs.memory_record(mayor)
    assert mayor.msgstr == MAYOR and record is not None
    assert record.origin == "locales/memory/agency.tmx"


def test_an_import_of_another_file_of_the_same_name_needs_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    translate_toolkit_tmx(tmp_path / "agency.tmx", [(NEW_1, MAYOR)])
    run_cli("tm", "import", "agency.tmx")
    kept = (tmp_path / "locales/memory/agency.tmx").read_bytes()
    translate_toolkit_tmx(tmp_path / "agency.tmx", [(NEW_1, "Інший переклад.")])
    result = run_cli("tm", "import", "agency.tmx", expect=2)
    assert "--replace" in result.stderr
    assert (tmp_path / "locales/memory/agency.tmx").read_bytes() == kept
    assert "replaced, 1 units" in run_cli("tm", "import", "--replace", "agency.tmx").stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<?xml version="1.0"?>\n<xliff version="1.2"/>\n', "not a TMX file"),
        (b'<?xml version="1.0"?>\n<tmx version="1.4"><body><tu>\n', "not well-formed XML"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n<tmx version="1.4"><body/></tmx>\n',
            "declares XML entities",
        ),
        (b"\x00\x01\x02 binary", "not well-formed XML"),
    ],
    ids=["xliff", "truncated", "entities", "binary"],
)
def test_a_bad_tmx_is_refused_with_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run, content: bytes, message: str
) -> None:
    monkeypatch.chdir(newsroom(tmp_path))
    (tmp_path / "bad.tmx").write_bytes(content)
    def files() -> list[Path]:  # the project's lock file aside
        return sorted(p for p in tmp_path.rglob("*") if p.name != ".l10n.lock")

    before = files()
    result = run_cli("tm", "import", "bad.tmx", expect=1)
    assert result.stderr.startswith("error: bad.tmx") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert files() == before


def test_memory_paths_name_other_projects_and_tmx_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    other = tmp_path / "archive"
    (other / "locales/uk/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(REVIEWED, other / "locales/uk/LC_MESSAGES/old.po")
    project = tmp_path / "project"
    newsroom(project, '[memory]\npaths = ["../archive/locales", "agency.tmx"]\n')
    (project / CATALOGS / "examples.article.po").unlink()  # its memory only from the archive
    translate_toolkit_tmx(project / "agency.tmx", [(NEW_1, MAYOR)])
    monkeypatch.chdir(project)
    out = run_cli("tm", "stats").stdout
    assert out.startswith("locales/.l10n-memory.sqlite: 40 units from 2 files")
    assert "en→uk: 40 units" in out
    run_cli("run", "articles/", "-l", "uk", *FAKE)
    origins = {
        record.origin
        for name in ("one", "three")
        for entry in entries(project, name).values()
        if (record := rs.memory_record(entry)) is not None
    }
    assert origins == {"../archive/locales/uk/LC_MESSAGES/old.po", "agency.tmx"}
    assert (project / "locales" / INDEX_NAME).exists()
    assert not (other / "locales" / INDEX_NAME).exists()  # another project's: only read


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=40,
).filter(str.strip)  # fmt: skip


@settings(max_examples=40)
@given(pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=8))
def test_what_we_write_we_and_translate_toolkit_read_back(
    tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[str, str]]
) -> None:
    from translate.storage import tmx

    path = tmp_path_factory.mktemp("tmx") / "m.tmx"
    units = [TmxUnit(s, t, "en", "pt_BR") for s, t in pairs]
    path.write_bytes(format_tmx(units, source_lang="en", tool_version="0"))
    assert [(u.source, u.target, u.target_lang) for u in read_tmx(path)] == [
        (s, t, "pt_BR") for s, t in pairs
    ]
    store = tmx.tmxfile.parsefile(str(path))
    assert [(u.source, u.target) for u in store.units] == pairs


def test_a_unit_xml_cannot_carry_is_left_out(tmp_path: Path) -> None:
    from translate.storage import tmx

    path = tmp_path / "m.tmx"
    units = [TmxUnit("Bell\x07.", "Дзвін.", "en", "uk"), TmxUnit("Two\nlines.", "Два.", "en", "uk")]
    path.write_bytes(format_tmx(units, source_lang="en", tool_version="0"))
    assert [(u.source, u.target) for u in read_tmx(path)] == [("Two\nlines.", "Два.")]
    assert [(u.source, u.target) for u in tmx.tmxfile.parsefile(str(path)).units] == [
        ("Two\nlines.", "Два.")
    ]


CAT_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="CAT" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en-US" srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Hello there.</seg></tuv>
<tuv xml:lang="uk-UA"><seg>Привіт.</seg></tuv></tu>
<tu><tuv xml:lang="EN-GB"><seg>Good day.</seg></tuv>
<tuv xml:lang="UK"><seg>Добрий день.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Goodbye.</seg></tuv>
<tuv xml:lang="pt-PT"><seg>Adeus.</seg></tuv></tu>
</body></tmx>
"""


def test_a_cat_tools_regional_codes_are_the_projects_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Run
) -> None:
    """en-US/uk-UA units are memory for en -> uk (uk_UA is CLDR's likely Ukrainian);
    pt-PT stays a variety of its own: no memory for pt (Brazilian, by likely subtags)."""
    monkeypatch.chdir(tmp_path)
    Path("cat.tmx").write_text(CAT_TOOL_TMX, encoding="utf-8")
    Path("a.txt").write_text("Hello there. Good day. Goodbye.\n", encoding="utf-8")
    run_cli("tm", "import", "cat.tmx")
    stats = json.loads(run_cli("tm", "stats", "--json").stdout)
    pairs = {(p["source"], p["target"]): p["units"] for p in stats["pairs"]}
    assert pairs == {("en", "uk"): 2, ("en", "pt_PT"): 1}
    result = run_cli("run", "a.txt", "-d", "a", "-l", "uk", "-l", "pt", *FAKE).stdout
    assert "uk: 2 from memory, 1 machine-translated now" in result
    assert "pt: 3 machine-translated now" in result
    done = po.load_catalog(Path("locales/uk/LC_MESSAGES/a.po"))
    found = done.find("Hello there.")
    assert found is not None and found.msgstr == "Привіт."
