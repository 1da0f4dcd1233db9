"""Malformed catalogs through the real CLI (issue 5, section 3): one test per case.

Each case is either refused or loaded:

- refused: ``l10n update`` (a command that would write) exits 1 with exactly one line on
  stderr, ``error: PATH:LINE: message``, no traceback, and the file keeps its bytes;
- loaded: the valid variants (UTF-8 BOM, CRLF, CR-only, a 10 MB line, more plural forms
  than ``nplurals``, an unparsable ``Plural-Forms``, no header) load, and a catalog changed
  and saved keeps its BOM and line ends, every other byte as it was.

Decisions where GNU and we could differ:

- an empty file is refused: GNU ``msgfmt`` accepts it, but a catalog without even a header
  is what a truncated write leaves, and updating it would produce a catalog without
  ``Language`` or ``Plural-Forms``;
- a file without a header loads (GNU ``msgfmt`` accepts it too, with a warning);
- ``Plural-Forms`` that cannot be parsed, and plural forms beyond ``nplurals``, load and
  are written back verbatim: nothing a translator wrote is dropped (``l10n check`` is where
  such a catalog gets its warnings).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat

Run = Callable[..., Result]
PO = "locales/uk/LC_MESSAGES/article.po"
HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Language: uk\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)  # five lines and a blank one: the first entry starts at line 7
ENTRY = 'msgid "Hello."\nmsgstr "Привіт."\n'


def _mo() -> bytes:
    return cat.compile_mo(cat.parse_catalog((HEADER + ENTRY).encode(), path="x.po"))


# name -> (the file's bytes, the line and message of the one-line error)
REFUSED: dict[str, tuple[Callable[[], bytes], int, str]] = {
    "comment line ending in a backslash (msgfmt joins the next line to it)": (
        lambda: (HEADER + "# a path: C:\\\n" + ENTRY).encode(),
        7,
        "a comment line ending in a backslash: GNU gettext reads the next line as part of it "
        "(end the comment with another character)",
    ),
    "unterminated string": (
        lambda: (HEADER + 'msgid "Hello.\nmsgstr "Привіт."\n').encode(),
        7,
        "unterminated string",
    ),
    "file ending inside a string": (
        lambda: (HEADER + 'msgid "Hello."\nmsgstr "Прив').encode(),
        8,
        "unterminated string",
    ),
    "unknown charset": (
        lambda: (HEADER.replace("UTF-8", "KLINGON-8") + ENTRY).encode(),
        4,
        "unknown charset 'KLINGON-8'",
    ),
    "header charset that does not match the bytes": (
        lambda: (HEADER.replace("UTF-8", "ISO-8859-1") + ENTRY).encode(),
        8,
        "the file is UTF-8 but its header declares charset ISO-8859-1",
    ),
    "duplicate entries": (
        lambda: (HEADER + ENTRY + "\n" + ENTRY).encode(),
        10,
        "duplicate message definition (first at line 7)",
    ),
    "duplicate header": (
        lambda: (HEADER + ENTRY + "\n" + HEADER).encode(),
        10,
        "duplicate header (first at line 1)",
    ),
    "NUL byte": (lambda: (HEADER + ENTRY).encode().replace(b"Hello", b"Hel\0lo"), 7, "NUL byte"),
    "msgid without msgstr": (
        lambda: (HEADER + 'msgid "Hello."\n\n' + 'msgid "Bye."\nmsgstr ""\n').encode(),
        7,
        "msgid without msgstr",
    ),
    "binary junk": (lambda: bytes(range(1, 256)) * 40, 2, "invalid UTF-8"),  # 0x80 comes after 0x0a
    "mo file renamed po": (_mo, 1, "a compiled .mo file, not a PO file"),
    "plural entry without index": (
        lambda: (HEADER + 'msgid "day"\nmsgid_plural "days"\nmsgstr "днів"\n').encode(),
        9,
        "msgstr after msgid_plural: expected msgstr[0]",
    ),
    "invalid escape": (
        lambda: (HEADER + 'msgid "Hello."\nmsgstr "При\\віт."\n').encode(),
        8,
        "invalid escape sequence \\в",
    ),
    "empty file": (lambda: b"", 1, "empty file, not a PO catalog (not even a header)"),
    "stray text between entries": (
        lambda: (HEADER + ENTRY + "\nnot a keyword\n\n" + 'msgid "a"\nmsgstr ""\n').encode(),
        10,
        "syntax error: 'not a keyword'",
    ),
    "msgctxt without msgid": (
        lambda: (HEADER + 'msgctxt "menu"\nmsgstr "Меню"\n\n' + ENTRY).encode(),
        8,
        "msgstr without msgid",
    ),
    "file ending after msgid_plural": (
        lambda: (HEADER + 'msgid "day"\nmsgid_plural "days"\n').encode(),
        7,
        "unexpected end of file: msgid without msgstr[0]",
    ),
    "EOT (context separator) in msgid": (
        lambda: (HEADER + 'msgid "Hel\\004lo."\nmsgstr "Привіт."\n').encode(),
        7,
        "EOT (\\004, gettext's context separator) inside msgid or msgctxt",
    ),
    "invalid UTF-8 inside a comment": (
        lambda: HEADER.encode() + b"# caf\xe9 note\n" + ENTRY.encode(),
        7,
        "invalid UTF-8",
    ),
    "UTF-16": (
        lambda: (HEADER + ENTRY).encode("utf-16"),
        1,
        "UTF-16 text; PO files must be UTF-8 (or ASCII-based)",
    ),
    "UTF-16 without BOM": (
        lambda: (HEADER + ENTRY).encode("utf-16-le"),
        1,
        "UTF-16 text; PO files must be UTF-8 (or ASCII-based)",
    ),
}


@pytest.fixture
def project(example_project: Path, run_cli: Run) -> Path:
    """The example project with its template and a Ukrainian catalog."""
    run_cli("extract")
    run_cli("init", "-l", "uk")
    return example_project


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_refused_with_one_line_and_nothing_written(project: Path, run_cli: Run, case: str) -> None:
    make, line, message = REFUSED[case]
    po = project / PO
    po.write_bytes(make())
    before = po.read_bytes()
    for command in ("update", "stats"):
        result = run_cli(command, expect=1)
        assert result.stderr == f"error: {PO}:{line}: {message}\n", command
        assert "Traceback" not in result.output
    assert po.read_bytes() == before
    assert sorted(p.name for p in po.parent.iterdir()) == ["article.po"]  # no temp file left


# -- valid variants: loaded, and written back as they came ---------------------------------


def _edited(data: bytes, *, newline: str) -> bytes:
    """``data`` with the first empty msgstr set to "Готово." (as the writer would put it)."""
    marker = f'msgstr ""{newline}{newline}'.encode()
    at = data.index(marker)
    return data[:at] + f'msgstr "Готово."{newline}{newline}'.encode() + data[at + len(marker) :]


def _edit_first_untranslated(path: Path) -> None:
    catalog = cat.load_catalog(path)
    entry = next(e for e in catalog if not e.msgstr)
    entry.msgstr = "Готово."
    assert cat.save_catalog(catalog, path)


@pytest.mark.parametrize(
    ("bom", "newline"),
    [(True, "\n"), (False, "\r\n"), (False, "\r"), (True, "\r\n")],
    ids=["UTF-8 BOM", "CRLF", "CR only", "BOM and CRLF"],
)
def test_bom_and_line_ends_are_kept_when_saved(
    project: Path, run_cli: Run, bom: bool, newline: str
) -> None:
    po = project / PO
    data = po.read_bytes().replace(b"\n", newline.encode())
    data = codecs.BOM_UTF8 + data if bom else data
    po.write_bytes(data)
    assert "39" in run_cli("stats").stdout
    _edit_first_untranslated(po)
    assert po.read_bytes() == _edited(data, newline=newline)
    run_cli("update")  # a command that rewrites keeps them too
    written = po.read_bytes()
    assert written.startswith(codecs.BOM_UTF8) == bom
    body = written.removeprefix(codecs.BOM_UTF8)
    lines = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
    assert body.count(newline.encode()) == lines


def test_a_ten_megabyte_line_loads_and_is_kept(project: Path, run_cli: Run) -> None:
    po = project / PO
    data = po.read_bytes()
    long = "слово " * 1_000_000
    assert len(long.encode()) > 10_000_000
    po.write_bytes(_edited(data, newline="\n").replace("Готово.".encode(), long.encode(), 1))
    first = next(e for e in cat.load_catalog(po) if e.msgstr)
    assert first.msgstr == long
    run_cli("update")  # rewritten, wrapped as GNU wraps: the text is the same
    assert cat.load_catalog(po).find(first.msgid).msgstr == long  # type: ignore[union-attr]


def test_plural_index_beyond_nplurals_loads_and_is_kept(project: Path, run_cli: Run) -> None:
    po = project / PO
    extra = 'msgid "day"\nmsgid_plural "days"\n' + "".join(
        f'msgstr[{i}] "форма {i}"\n' for i in range(5)
    )
    po.write_text(HEADER + extra, encoding="utf-8")
    catalog = cat.load_catalog(po)
    assert catalog.nplurals == 3
    assert catalog.find("day").msgstr_plural == {i: f"форма {i}" for i in range(5)}  # type: ignore[union-attr]
    run_cli("update")  # "day" is not in the template: kept as obsolete, all five forms
    (day,) = [e for e in cat.load_catalog(po).obsolete_entries() if e.msgid == "day"]
    assert day.msgstr_plural == {i: f"форма {i}" for i in range(5)}


def test_unparsable_plural_forms_loads_and_is_kept_verbatim(project: Path, run_cli: Run) -> None:
    po = project / PO
    text = po.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index('\\n"\n', start) + 4
    po.write_text(text[:start] + '"Plural-Forms: nplurals=many; plural=¿?\\n"\n' + text[end:])
    assert cat.load_catalog(po).nplurals is None
    _edit_first_untranslated(po)
    run_cli("update")
    assert '"Plural-Forms: nplurals=many; plural=¿?\\n"' in po.read_text(encoding="utf-8")


def test_no_header_loads(project: Path, run_cli: Run) -> None:
    po = project / PO
    po.write_text(ENTRY, encoding="utf-8")
    catalog = cat.load_catalog(po)
    assert catalog.metadata == {} and catalog.find("Hello.").msgstr == "Привіт."  # type: ignore[union-attr]
    assert "uk" in run_cli("stats").stdout
    run_cli("update")  # gets the template's header; the translation is kept (obsolete)
    updated = cat.load_catalog(po)
    assert "Content-Type" in updated.metadata
    assert [e.msgstr for e in updated.obsolete_entries()] == ["Привіт."]
