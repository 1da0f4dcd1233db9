"""``l10n check``: compiler-style output, JSON, JUnit XML, the gate and its exit codes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from l10n.checks import all_check_names

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "checks"
CATALOG = Path("locales/uk/LC_MESSAGES/article.po")


@pytest.fixture
def project(example_project: Path) -> Path:
    """The example project with its reviewed Ukrainian catalog."""
    shutil.copytree(ROOT / "locales", example_project / "locales")
    return example_project


def plant(project: Path) -> None:
    shutil.copy(DATA / "planted.po", project / CATALOG)


def test_the_reviewed_catalog_passes(project: Path, run_cli: Run) -> None:
    result = run_cli("check", "-l", "uk")
    assert result.stdout == ""
    assert result.stderr == (
        "uk: passed: 0 errors, 0 warnings in 39 entries checked "
        "(100.0% translated and reviewed)\n"
    )


def test_errors_are_printed_like_a_compilers_and_exit_1(project: Path, run_cli: Run) -> None:
    plant(project)
    result = run_cli("check", expect=1)
    lines = result.stdout.splitlines()
    assert f"{CATALOG}:140: error: numbers: '352' is missing" in lines
    assert (
        f"{CATALOG}:218: error: whitespace: leading whitespace ' ' differs from the source's ''"
        in lines
    )
    assert f"{CATALOG}:38: warning: names: 'Zelenskyy' is not in the translation" in lines
    assert all(line.startswith(f"{CATALOG}:") for line in lines)
    assert result.stderr.startswith("uk: FAILED: 20 errors, 6 warnings in 50 entries checked")


def test_json_is_a_list_of_issues(project: Path, run_cli: Run) -> None:
    plant(project)
    issues = json.loads(run_cli("check", "--json", expect=1).stdout)
    # every check but the glossary's, which needs a glossary (tests/test_glossary_cli.py)
    assert {i["check"] for i in issues} == set(all_check_names()) - {"glossary"}
    first = issues[0]
    assert set(first) == {
        "check", "severity", "message", "msgid", "msgctxt", "lang", "path", "line"
    }
    assert (first["path"], first["line"], first["lang"]) == (str(CATALOG), 24, "uk")


def test_junit_report_parses_with_the_counts_ci_reads(project: Path, run_cli: Run) -> None:
    plant(project)
    run_cli("check", "--junit", "reports/l10n.xml", "--disable", "names", expect=1)
    root = ET.parse(project / "reports" / "l10n.xml").getroot()
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert len(cases) == int(suite.get("tests", "")) == len(all_check_names()) - 1
    assert len(failed) == int(suite.get("failures", "")) == int(root.get("failures", "")) == 14
    assert suite.get("name") == str(CATALOG) and suite.get("errors") == "0"
    numbers = next(c for c in cases if c.get("name") == "numbers")
    failure = numbers.find("failure")
    assert failure is not None and failure.get("message") == "3 error(s)"
    assert f"{CATALOG}:140: error: numbers: '352' is missing" in (failure.text or "")


def test_junit_report_of_a_clean_catalog_has_no_failures(project: Path, run_cli: Run) -> None:
    run_cli("check", "--junit", "l10n.xml")
    root = ET.parse(project / "l10n.xml").getroot()
    assert root.get("failures") == "0" and root.get("tests") == str(len(all_check_names()))


LAST = (
    '#: examples/article.txt:24\nmsgid "Everything here was on fire.”"\nmsgstr "Тут усе горіло»."'
)


def mark_last_fuzzy(project: Path, *, msgstr: str = "Тут усе горіло».") -> None:
    text = (project / CATALOG).read_text(encoding="utf-8")
    assert LAST in text
    fuzzy = (
        '#: examples/article.txt:24\n#, fuzzy\nmsgid "Everything here was on fire.”"\n'
        f'msgstr "{msgstr}"'
    )
    (project / CATALOG).write_text(text.replace(LAST, fuzzy), encoding="utf-8")


def test_min_translated_is_a_gate(project: Path, run_cli: Run) -> None:
    mark_last_fuzzy(project)
    run_cli("check", "--min-translated", "95")
    result = run_cli("check", "--min-translated", "100", expect=1)
    assert result.stdout == (
        f"{CATALOG}: error: min-translated: 97.4% translated and reviewed, "
        "below the minimum of 100%\n"
    )
    run_cli("check", "--min-translated", "101", expect=2)


def test_fuzzy_entries_are_checked_unless_no_fuzzy(project: Path, run_cli: Run) -> None:
    mark_last_fuzzy(project, msgstr="Тут усе горіло»")
    result = run_cli("check", expect=1)
    assert result.stdout.startswith(f"{CATALOG}:370: error: end-punctuation:")
    assert "in 39 entries checked" in result.stderr
    result = run_cli("check", "--no-fuzzy")
    assert "in 38 entries checked" in result.stderr


def test_disable_on_the_command_line_and_in_the_config(project: Path, run_cli: Run) -> None:
    plant(project)
    names = run_cli("check", "--json", "--disable", "names", expect=1).stdout
    assert "names" not in {i["check"] for i in json.loads(names)}
    config = project / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[check]\ndisable = ["numbers"]\n', encoding="utf-8"
    )
    found = json.loads(run_cli("check", "--json", "--disable", "names", expect=1).stdout)
    assert not {"numbers", "names"} & {i["check"] for i in found}


def test_unknown_check_names(project: Path, run_cli: Run) -> None:
    result = run_cli("check", "--disable", "spelling", expect=2)
    assert "unknown check 'spelling'" in result.stderr
    config = project / "l10n.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[check]\ndisable = ["spelling"]\n', encoding="utf-8"
    )
    result = run_cli("check", expect=1)
    assert result.stderr.startswith("error: l10n.toml: [check] disable: unknown check 'spelling'")


def test_a_missing_catalog_is_an_error(example_project: Path, run_cli: Run) -> None:
    result = run_cli("check", "-l", "uk", expect=1)
    assert "no catalog for uk" in result.stderr


def test_help_documents_the_checks_and_exit_codes(run_cli: Run) -> None:
    text = run_cli("check", "--help").stdout
    assert "Exit status:" in text and "Examples:" in text
    for name in all_check_names():
        assert name in text


def test_help_lists_every_registered_check(run_cli: Run) -> None:
    from l10n.checks import CHECKS

    text = run_cli("check", "--help").stdout
    for one in CHECKS:
        assert f"    {one.name} " in text and one.summary[:30] in text, one.name
