"""``l10n xliff export`` and ``import`` end to end, on real files: an agency's changes
merged back with their states, mismatches and conflicts reported and skipped, hostile
or malformed XLIFF refused with one line and nothing written."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po
from l10n.exchange.xliff import XLIFF_NS
from l10n.reviewstate import alternatives, entry_state, review_mark
from tests.po_helpers import msgfmt_check

Run = Callable[..., Result]
PO = Path("locales/uk/LC_MESSAGES/article.po")
XLF = Path("out/article.uk.xlf")
X = f"{{{XLIFF_NS}}}"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def machine_project(example_project: Path, run_cli: Run) -> Path:
    """The example project with its Ukrainian catalog all machine output (fake engine)."""
    run_cli("extract")
    run_cli("init", "-l", "uk")
    run_cli("translate", "-l", "uk", "--engine", "fake")
    return example_project


@pytest.fixture
def reviewed_project(example_project: Path) -> Path:
    """The example project with its Ukrainian catalog, translated and reviewed by hand."""
    shutil.copytree(ROOT / "locales", example_project / "locales")
    return example_project


def units(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter(X + "unit"))


def edit(path: Path, changes: dict[int, tuple[str | None, str]]) -> None:
    """Set unit ``index``'s target (None: keep it) and segment state, as an agency would."""
    tree = ET.parse(path)
    found = list(tree.getroot().iter(X + "unit"))
    for index, (text, state) in changes.items():
        segment = found[index].find(X + "segment")
        assert segment is not None
        segment.set("state", state)
        if text is not None:
            target = segment.find(X + "target")
            if target is None:
                target = ET.SubElement(segment, X + "target")
            target.text = text
    tree.write(path, encoding="utf-8", xml_declaration=True)


def entries(path: Path = PO) -> list[po.CatalogEntry]:
    return list(po.load_catalog(path))


def test_export_then_import_unchanged_changes_no_byte(machine_project: Path, run_cli: Run) -> None:
    before = PO.read_bytes()
    result = run_cli("xliff", "export", "-l", "uk")
    assert result.stdout.startswith(f"{XLF}: 39 entries, 0 obsolete")
    assert len(units(XLF)) == 39
    states = {u.find(X + "segment").get("state") for u in units(XLF)}  # type: ignore[union-attr]
    assert states == {"initial"}  # machine output is a draft
    mtime = PO.stat().st_mtime_ns
    result = run_cli("xliff", "import", str(XLF), "--json")
    summary = json.loads(result.stdout)
    assert summary["untouched"] == 39 and summary["written"] is False, summary
    assert PO.read_bytes() == before and PO.stat().st_mtime_ns == mtime


def test_agency_changes_come_back_with_their_states(machine_project: Path, run_cli: Run) -> None:
    run_cli("xliff", "export", "-l", "uk", "-o", "agency.xlf")
    machine = entries()
    edit(Path("agency.xlf"), {
        0: ("Перше речення, перекладене агенцією.", "final"),
        1: ("Друге речення від агенції.", "translated"),
        2: ("Ігнорований чернетковий текст.", "initial"),
        3: (None, "reviewed"),  # the machine output as it is, reviewed
    })  # fmt: skip
    dry = run_cli("xliff", "import", "agency.xlf", "--dry-run")
    assert "2 applied, 1 reviewed" in dry.stdout and "nothing written" in dry.stdout
    assert [e.msgstr for e in entries()] == [e.msgstr for e in machine]
    result = run_cli("xliff", "import", "agency.xlf")
    assert "2 applied, 1 reviewed, 36 untouched" in result.stdout, result.stdout
    after = entries()
    assert after[0].msgstr == "Перше речення, перекладене агенцією."
    assert entry_state(after[0]) == "translated"
    mark = review_mark(after[0])
    assert mark is not None and mark.reviewer == "xliff:agency.xlf"
    assert after[1].msgstr == "Друге речення від агенції."
    assert entry_state(after[1]) == "edited"  # human work on machine output, unreviewed
    assert after[2].msgstr == machine[2].msgstr and entry_state(after[2]) == "machine"
    assert after[3].msgstr == machine[3].msgstr and entry_state(after[3]) == "translated"
    assert [e.msgstr for e in after[4:]] == [e.msgstr for e in machine[4:]]
    msgfmt_check(PO)
    again = run_cli("xliff", "import", "agency.xlf")  # nothing new the second time
    assert "0 applied, 0 reviewed" in again.stdout and "(unchanged)" in again.stdout


def test_human_work_changed_since_export_is_a_conflict(machine_project: Path, run_cli: Run) -> None:
    run_cli("xliff", "export", "-l", "uk")
    catalog = po.load_catalog(PO)
    first = next(iter(catalog))
    first.msgstr = "Редактор змінив це речення після експорту."
    po.save_catalog(catalog, PO)
    edit(XLF, {0: ("Агенція теж змінила.", "final"), 5: ("Шосте від агенції.", "final")})
    result = run_cli("xliff", "import", str(XLF), "--json", expect=1)
    summary = json.loads(result.stdout)
    assert (summary["applied"], summary["conflicts"]) == (1, 1), summary
    assert summary["problems"][0]["kind"] == "conflict"
    after = entries()
    assert after[0].msgstr == "Редактор змінив це речення після експорту."
    assert after[5].msgstr == "Шосте від агенції." and entry_state(after[5]) == "translated"


def test_a_reviewed_translation_replaced_stays_as_an_alternative(
    reviewed_project: Path, run_cli: Run
) -> None:
    run_cli("xliff", "export", "-l", "uk")
    reviewed = entries()[0].msgstr
    edit(XLF, {0: ("Нова редакція від агенції.", "translated")})
    run_cli("xliff", "import", str(XLF))
    first = entries()[0]
    assert first.msgstr == "Нова редакція від агенції." and first.fuzzy
    assert alternatives(first) == [reviewed]


def test_a_changed_article_is_a_mismatch_never_applied(
    machine_project: Path, run_cli: Run
) -> None:
    run_cli("xliff", "export", "-l", "uk")
    article = Path("examples/article.txt")
    first_sentence = entries()[0].msgid
    article.write_text(article.read_text().replace(first_sentence, "A brand new opening."))
    run_cli("update", "-l", "uk")
    edit(XLF, {0: ("Переклад старого речення.", "final")})
    result = run_cli("xliff", "import", str(XLF), expect=1)
    assert "mismatch: m" in result.stderr and "no longer in the catalog" in result.stderr
    catalog = po.load_catalog(PO)
    assert all(e.msgstr != "Переклад старого речення." for e in catalog.all_entries())


def test_a_source_edited_in_the_xliff_is_a_mismatch(machine_project: Path, run_cli: Run) -> None:
    run_cli("xliff", "export", "-l", "uk")
    tree = ET.parse(XLF)
    source = next(tree.getroot().iter(X + "source"))
    source.text = entries()[1].msgid  # another entry's sentence, under the first's id
    tree.write(XLF, encoding="utf-8")
    edit(XLF, {0: ("Не туди.", "final")})
    result = run_cli("xliff", "import", str(XLF), expect=1)
    assert "source text is not the one exported" in result.stderr
    assert all(e.msgstr != "Не туди." for e in entries())


PLURAL_PO = """\
msgid ""
msgstr ""
"Language: uk\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#, fuzzy
#| msgid "one shelter"
msgid "{n} shelter"
msgid_plural "{n} shelters"
msgstr[0] "{n} укриття"
msgstr[1] ""
msgstr[2] ""

#~ msgid "Old sentence."
#~ msgstr "Старе речення."
"""  # noqa: E501


def test_plural_entries_are_groups_of_forms(example_project: Path, run_cli: Run) -> None:
    PO.parent.mkdir(parents=True)
    PO.write_text(PLURAL_PO)
    result = run_cli("xliff", "export", "-l", "uk", "-o", "p.xlf")
    assert "1 entries, 1 obsolete" in result.stdout
    root = ET.parse("p.xlf").getroot()
    group = root.find(f"{X}file/{X}group")
    assert group is not None and group.get("type") == "l10n:plural"
    assert len(group.findall(X + "unit")) == 3
    assert root.findall(f"{X}file/{X}unit")[-1].get("translate") == "no"  # the obsolete one
    forms = {0: (None, "final"), 1: ("{n} укриття", "final"), 2: ("{n} укриттів", "final")}
    edit(Path("p.xlf"), forms)
    run_cli("xliff", "import", "p.xlf")
    catalog = po.load_catalog(PO)
    entry = next(iter(catalog))
    assert entry.msgstr_plural == {0: "{n} укриття", 1: "{n} укриття", 2: "{n} укриттів"}
    assert entry_state(entry) == "translated" and entry.previous_msgid is None
    assert catalog.obsolete_entries()[0].msgstr == "Старе речення."
    msgfmt_check(PO)


def test_export_to_stdout_and_help_examples(reviewed_project: Path, run_cli: Run) -> None:
    result = run_cli("xliff", "export", "-l", "uk", "-o", "-")
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff ')
    assert not Path("out").exists() and not Path("-").exists()
    help_text = run_cli("xliff", "--help").stdout
    assert "l10n xliff export -l uk" in help_text
    run_cli("xliff", "export", "-l", "uk")  # the examples, as written
    run_cli("xliff", "import", "out/article.uk.xlf", "--dry-run")
    run_cli("xliff", "import", "out/article.uk.xlf", "--json")


def test_usage_errors(example_project: Path, run_cli: Run) -> None:
    assert "Missing option" in run_cli("xliff", "export", expect=2).stderr
    assert "source language" in run_cli("xliff", "export", "-l", "en", expect=2).stderr
    missing = run_cli("xliff", "import", "nowhere.xlf", expect=1)
    assert missing.stderr == "error: nowhere.xlf: no such file\n"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"
 trgLang="uk"><file id="f"><unit id="u"><segment><source>&lol2;</source></segment></unit>
</file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"
 trgLang="uk"><file id="f"><unit id="u"><segment><source>&xxe;</source></segment></unit>
</file></xliff>"""
XLIFF_12 = b"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a"
 source-language="en" target-language="uk" datatype="po"><body/></file></xliff>"""
WRONG_VERSION = XLIFF_12.replace(b"document:1.2", b"document:2.0").replace(b'"1.2"', b'"2.1"')
NOT_XML = b"\x00\x01PK\x03\x04 binary"
FOREIGN = b"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"
 trgLang="uk"><file id="f"><unit id="u1"><segment state="final"><source>Hello.</source>
<target>\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd1\x96\xd1\x82.</target></segment></unit></file></xliff>"""
UNDECLARED = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0">&bad;</xliff>'


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (BILLION_LAUGHS, "a DTD (<!DOCTYPE): refused"),
        (EXTERNAL, "a DTD (<!DOCTYPE): refused"),
        (XLIFF_12, "not XLIFF 2.0 (namespace urn:oasis:names:tc:xliff:document:1.2"),
        (WRONG_VERSION, "XLIFF version '2.1': only 2.0 is read"),
        (NOT_XML, "not well-formed XML"),
        (UNDECLARED, "not well-formed XML: undefined entity"),
        (b"", "not well-formed XML: no element found"),
        (b"<po>msgid</po>", "not an XLIFF file (root element <po>)"),
        (FOREIGN, "not written by `l10n xliff export` (no l10n metadata)"),
    ],
)
def test_hostile_or_malformed_xliff_is_one_line_and_writes_nothing(
    example_project: Path, run_cli: Run, data: bytes, says: str
) -> None:
    Path("bad.xlf").write_bytes(data)
    before = {p: p.read_bytes() for p in Path().rglob("*") if p.is_file()}
    result = run_cli("xliff", "import", "bad.xlf", expect=1)
    assert result.stderr.startswith("error: bad.xlf"), result.stderr
    assert says in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert {p: p.read_bytes() for p in Path().rglob("*") if p.is_file()} == before


def test_a_directory_is_refused(example_project: Path, run_cli: Run) -> None:
    os.mkdir("dir.xlf")
    result = run_cli("xliff", "import", "dir.xlf", expect=2)
    assert "'dir.xlf' is a directory" in result.stderr


def test_language_codes_are_bcp47_in_xliff(example_project: Path, run_cli: Run) -> None:
    run_cli("extract")
    run_cli("init", "-l", "pt_BR")
    run_cli("xliff", "export", "-l", "pt_BR")
    path = Path("out/article.pt_BR.xlf")
    root = ET.parse(path).getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "pt-BR")
    edit(path, {0: ("Primeira frase.", "final")})
    run_cli("xliff", "import", str(path))
    assert entries(Path("locales/pt_BR/LC_MESSAGES/article.po"))[0].msgstr == "Primeira frase."


def test_a_comment_xml_cannot_hold_is_refused_naming_the_catalog(
    reviewed_project: Path, run_cli: Run
) -> None:
    catalog = po.load_catalog(PO)
    next(iter(catalog)).tcomment = "bell \x07 here"
    po.save_catalog(catalog, PO)
    result = run_cli("xliff", "export", "-l", "uk", expect=1)
    assert result.stderr.startswith(f"error: {PO}: U+0007 in a comment"), result.stderr
    assert not Path("out").exists()
