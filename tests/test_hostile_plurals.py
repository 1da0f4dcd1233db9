"""Plural counts no language has (issue 10, section 6): refused, never allocated.

``Plural-Forms: nplurals=2000000000`` made ``update`` build two billion empty plural forms
(5.4 GB, MemoryError). CLDR's largest count is 6 (Arabic, Welsh), so a catalog declaring
more (or none), or an entry with a seventh form or a ``msgstr[N]`` index too long to be a
number, is refused at load with ``file:line`` by every command, before any work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n import po as cat
from l10n.errors import CatalogError
from l10n.po.read import MAX_NPLURALS

Run = Callable[..., Result]
PO = "locales/uk/LC_MESSAGES/article.po"
PLURAL = 'msgid "one day"\nmsgid_plural "%d days"\n'


@pytest.fixture
def project(example_project: Path, run_cli: Run) -> Path:
    """The example project with its template and a Ukrainian catalog holding a plural."""
    run_cli("extract")
    pot = example_project / "locales/article.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8") + f'\n{PLURAL}msgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    run_cli("init", "-l", "uk")
    return example_project


def _declare(po: Path, count: str) -> int:
    """Make the catalog's header declare ``nplurals=count``; the line that says so."""
    text = po.read_text(encoding="utf-8")
    text, done = re.subn(r"nplurals=\d+", f"nplurals={count}", text)
    assert done == 1
    po.write_text(text, encoding="utf-8")
    return text[: text.index("nplurals=")].count("\n") + 1


COMMANDS = [
    ("update",),
    ("check", "-l", "uk"),
    ("build",),
    ("stats",),
    ("fmt", PO),
    ("translate", "--engine", "fake", "-l", "uk"),
    ("run", "--engine", "fake", "-l", "uk"),
    ("review", "-l", "uk"),
    ("report", "-l", "uk", "--html", "review.html"),
]


@pytest.mark.parametrize("count", ["2000000000", "7", "0", "9" * 5000])
def test_an_impossible_nplurals_is_refused_by_every_command(
    project: Path, run_cli: Run, count: str
) -> None:
    po = project / PO
    line = _declare(po, count)
    before = po.read_bytes()
    shown = count if len(count) <= 12 else count[:9] + "..."
    for command in COMMANDS:
        result = run_cli(*command, expect=1)
        said = "uk: failed:" if command[0] in ("translate", "run") else "error:"  # per language
        assert result.stderr.splitlines()[0] == (
            f"{said} {PO}:{line}: Plural-Forms: nplurals={shown}: a language has 1 to 6 "
            f"plural forms"
        ), command
        assert "Traceback" not in result.output, command
    assert po.read_bytes() == before
    assert sorted(p.name for p in po.parent.iterdir()) == ["article.po"]


def test_every_count_a_language_has_still_works(project: Path, run_cli: Run) -> None:
    po, pot = project / PO, project / "locales/article.pot"
    (project / "l10n.toml").write_text('domain = "article"\n', encoding="utf-8")  # no
    # sources: update merges the template as it is (with the plural entries added here)
    for count in range(1, MAX_NPLURALS + 1):
        _declare(po, str(count))
        new = f'msgid "one week {count}"\nmsgid_plural "%d weeks"\nmsgstr[0] ""\nmsgstr[1] ""\n'
        pot.write_text(pot.read_text(encoding="utf-8") + "\n" + new, encoding="utf-8")
        run_cli("update")
        entry = cat.load_catalog(po).find(f"one week {count}")
        assert entry is not None and sorted(entry.msgstr_plural) == list(range(count))


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


@pytest.mark.parametrize(
    ("forms", "line", "message"),
    [
        (
            "".join(f'msgstr[{i}] "{i}"\n' for i in range(7)),
            14,
            "plural form msgstr[6]: no language has more than 6 plural forms",
        ),
        (
            'msgstr[0] "0"\nmsgstr[' + "1" * 5000 + '] "1"\n',
            9,
            "plural form msgstr[111111111111111111111111111...] out of order: expected msgstr[1]",
        ),
    ],
    ids=["seventh form", "index of 5000 digits"],
)
def test_an_entry_with_impossible_plural_forms_is_refused(
    forms: str, line: int, message: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        cat.parse_catalog((HEADER + PLURAL + forms).encode(), path="x.po")
    assert str(caught.value) == f"x.po:{line}: {message}"


def test_a_header_set_in_memory_is_bounded_too() -> None:
    catalog = cat.parse_catalog((HEADER + PLURAL + 'msgstr[0] ""\n').encode(), path="x.po")
    assert catalog.nplurals == 2
    catalog.metadata["Plural-Forms"] = "nplurals=2000000000; plural=0;"
    with pytest.raises(CatalogError, match=r"^x\.po:1: Plural-Forms: nplurals=2000000000: "):
        _ = catalog.nplurals
