"""XLIFF 2.0 round trips: catalog -> XLIFF -> catalog byte for byte (generated catalogs
with obsolete entries, ``#|``, plurals, contexts, flags, provenance and characters XML
cannot hold; the example catalog against a golden file), and through Translate Toolkit's
XLIFF 2.0 reader and writer."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n import po
from l10n.exchange import format_xliff, merge_translations, parse_xliff
from l10n.reviewstate import entry_state

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
GOLDEN = ROOT / "tests" / "data" / "xliff" / "article.uk.xlf"
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
)

# Sources and translations may hold any character but NUL (XLIFF writes <cp> for those
# XML cannot hold); comments, contexts and flags only what XML holds, "\r" included.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
XML_SAFE = st.text(
    st.characters(
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffe\uffff",
        include_characters="\r\t",
    ),
    max_size=20,
)
LINE = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
PROVENANCE = [
    "l10n-mt: fake en→uk 1 src:0123abcd out:89abcdef",
    "l10n-reviewed: Olena 2026-11-30",
    "l10n-alt: інший варіант",
]
FLAGS = ["fuzzy", "c-format", "python-format", "no-wrap"]
PATHS = st.from_regex(r"[a-z][a-z/._-]{0,12}", fullmatch=True)


@st.composite
def comments(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINE | st.sampled_from(PROVENANCE), max_size=3))
    return "\n".join(line.strip().rstrip("\\") for line in lines)  # as PO can write


@st.composite
def catalogs(draw: st.DrawFn) -> po.Catalog:
    catalog = po.parse_catalog(HEADER)
    keys = draw(
        st.lists(st.tuples(st.none() | XML_SAFE, TEXT.filter(bool)), min_size=1, max_size=6,
                 unique=True)
    )  # fmt: skip
    for number, (msgctxt, msgid) in enumerate(keys):
        plural = draw(st.booleans()) and number % 2 == 0
        obsolete = draw(st.booleans()) and number > 0
        entry = po.make_entry(
            msgid=msgid,
            msgctxt=msgctxt,
            msgid_plural=draw(TEXT.filter(bool)) if plural else "",
            msgstr="" if plural else draw(TEXT),
            msgstr_plural={i: draw(TEXT) for i in range(3)} if plural else {},
            flags=draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=2)),
            comment=draw(st.sampled_from(["", "paragraph 1, sentence 2", "two\nlines"])),
            tcomment=draw(comments()),
            occurrences=[
                (draw(PATHS), draw(st.sampled_from(["", "7", "120"])))
                for _ in range(draw(st.integers(0, 3)))
            ],
            previous_msgctxt=draw(st.none() | XML_SAFE),
            previous_msgid=draw(st.none() | XML_SAFE),
            previous_msgid_plural=draw(st.none() | XML_SAFE) if plural else None,
            obsolete=obsolete,
        )
        catalog.append(entry)
    catalog.header_comment = draw(comments())
    return catalog


def export(catalog: po.Catalog) -> bytes:
    return format_xliff(
        catalog, source_lang="en", target_lang="uk", domain="article",
        original="locales/uk/LC_MESSAGES/article.po",
    )  # fmt: skip


@settings(max_examples=200)
@given(catalogs())
def test_generated_catalogs_come_back_byte_for_byte(catalog: po.Catalog) -> None:
    before = po.format_catalog(catalog)
    document = parse_xliff(export(catalog), path="generated.xlf")
    assert po.format_catalog(document.catalog()) == before


@settings(max_examples=200)
@given(catalogs())
def test_importing_an_unchanged_export_changes_nothing(catalog: po.Catalog) -> None:
    before = po.format_catalog(catalog)
    document = parse_xliff(export(catalog), path="generated.xlf")
    report = merge_translations(catalog, document, signer="xliff:x", on=date(2026, 12, 2))
    assert report.problems == [] and report.applied == report.reviewed == 0
    assert report.untouched + report.obsolete == len(document.units)
    assert po.format_catalog(catalog) == before


def test_the_example_catalog_matches_the_golden_file_and_comes_back() -> None:
    catalog = po.load_catalog(EXAMPLE)
    data = export(catalog)
    # After an intended change of the mapping: python -c 'from tests.test_xliff_roundtrip
    # import regenerate; regenerate()', and review the diff.
    assert data == GOLDEN.read_bytes()
    assert po.format_catalog(parse_xliff(data, path=str(GOLDEN)).catalog()) == EXAMPLE.read_bytes()


def regenerate() -> None:
    GOLDEN.write_bytes(export(po.load_catalog(EXAMPLE)))


Run = Callable[..., Result]


def test_round_trip_through_translate_toolkit(example_project: Path, run_cli: Run) -> None:
    xliff2 = pytest.importorskip("translate.storage.xliff2", reason="translate-toolkit missing")
    shutil.copytree(ROOT / "locales", example_project / "locales")
    catalog_path = Path("locales/uk/LC_MESSAGES/article.po")
    run_cli("extract")
    run_cli("update", "-l", "uk")
    catalog = po.load_catalog(catalog_path)
    first = next(iter(catalog))
    first.msgstr, first.flags = "", []  # one sentence left for the agency
    po.save_catalog(catalog, catalog_path)
    run_cli("xliff", "export", "-l", "uk", "-o", "agency.xlf")
    with open("agency.xlf", "rb") as handle:
        store = xliff2.Xliff2File.parsefile(handle)
    units = [unit for unit in store.units if unit.source]
    assert len(units) == 39
    assert [unit.source for unit in units] == [entry.msgid for entry in catalog]
    units[0].target = "Переклад агенції в Translate Toolkit."
    units[0].markapproved()
    Path("agency.xlf").write_bytes(bytes(store))
    result = run_cli("xliff", "import", "agency.xlf", "--json")
    summary = json.loads(result.stdout)
    assert (summary["applied"], summary["untouched"], summary["problems"]) == (1, 38, [])
    after = list(po.load_catalog(catalog_path))
    assert after[0].msgstr == "Переклад агенції в Translate Toolkit."
    assert entry_state(after[0]) == "translated"
    assert [e.msgstr for e in after[1:]] == [e.msgstr for e in list(catalog)[1:]]
