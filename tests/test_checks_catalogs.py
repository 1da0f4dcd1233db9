"""Precision and recall on whole catalogs: the reviewed reference, and planted errors.

``tests/data/checks/planted.po`` is the example's reviewed Ukrainian catalog (plus a few
entries with placeholders, links, markup and a plural) with errors planted; each
planted entry names, in a ``# planted: CHECK`` comment, the check that must report it.
``clean.po`` is the same without the errors. See ``make_planted.py`` there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from l10n.checks import all_check_names, run_checks
from l10n.model import Issue
from l10n.po import load_catalog
from tests.po_helpers import gnu, msgfmt_check

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "locales" / "uk" / "LC_MESSAGES" / "article.po"
DATA = ROOT / "tests" / "data" / "checks"


@cache
def issues_of(path: Path) -> tuple[Issue, ...]:
    return tuple(run_checks(load_catalog(path), lang="uk", source_lang="en", path=path.name))


def test_the_reviewed_reference_catalog_gives_no_errors_and_no_warnings() -> None:
    assert [(i.line, i.check, i.message) for i in issues_of(REFERENCE)] == []


def test_the_clean_test_catalog_gives_no_errors() -> None:
    assert [(i.line, i.check, i.message) for i in issues_of(DATA / "clean.po")] == []


def planted() -> dict[int, set[str]]:
    """Line of each planted entry -> the checks that must report it."""
    catalog = load_catalog(DATA / "planted.po")
    found = {}
    for entry in catalog:
        for line in entry.tcomment.splitlines():
            if line.startswith("planted:"):
                assert entry.linenum is not None
                found[entry.linenum] = set(line.removeprefix("planted:").split())
    return found


def test_every_check_has_an_error_planted() -> None:
    # the glossary check needs a project's glossary: tests/test_glossary_cli.py plants its errors
    assert set().union(*planted().values()) == set(all_check_names()) - {"glossary"}


@pytest.mark.parametrize("line, checks", sorted(planted().items()))
def test_every_planted_error_is_reported_by_its_check(line: int, checks: set[str]) -> None:
    reported = {i.check for i in issues_of(DATA / "planted.po") if i.line == line}
    assert checks <= reported


def test_no_error_outside_the_planted_entries() -> None:
    lines = planted()
    stray = [
        (i.line, i.check, i.message)
        for i in issues_of(DATA / "planted.po")
        if i.severity == "error" and i.line not in lines
    ]
    assert stray == []


def test_planted_errors_are_errors_except_names_and_unknown_words() -> None:
    lines = planted()
    warnings = {"names", "unknown-words"}
    for issue in issues_of(DATA / "planted.po"):
        if issue.line in lines and issue.check in lines[issue.line]:
            assert issue.severity == ("warning" if issue.check in warnings else "error"), issue


def test_gnu_msgfmt_agrees_where_it_checks_too() -> None:
    msgfmt_check(DATA / "clean.po")
    done = gnu("msgfmt", "--check", "-o", "/dev/null", DATA / "planted.po", check=False)
    report = done.stderr.decode()
    assert done.returncode != 0
    assert "plural forms" in report and "'city'" in report and "'hour'" in report
