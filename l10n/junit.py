"""JUnit XML reports, the format CI systems (GitLab, Jenkins, GitHub actions) display.

:func:`format_junit` writes suites of test cases as the schema those tools read:
``<testsuites>`` with totals, one ``<testsuite>`` each with ``tests``, ``failures``,
``errors`` and ``skipped`` counts, ``<testcase>`` elements with ``<failure>`` children
and ``<system-out>`` for notes. :func:`check_suites` turns ``l10n check`` results into
suites: one per catalog, one test case per check, a failure when the check found
errors (each listed as ``path:line: message``), its warnings as output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks.gate import CatalogCheck
    from .model import Issue

__all__ = ["JUnitCase", "JUnitSuite", "check_suites", "format_junit"]

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class JUnitCase:
    """One test case: failed when ``failure`` is set (its text lists the details)."""

    name: str
    classname: str
    failure: str | None = None
    failure_message: str = ""
    output: str = ""
    file: str = ""


@dataclass(frozen=True, slots=True)
class JUnitSuite:
    name: str
    cases: tuple[JUnitCase, ...]
    properties: tuple[tuple[str, str], ...] = field(default=())

    @property
    def failures(self) -> int:
        return sum(1 for case in self.cases if case.failure is not None)


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def format_junit(suites: Sequence[JUnitSuite], *, name: str = "l10n check") -> str:
    """The JUnit XML document of ``suites``, as text."""
    root = ET.Element(
        "testsuites",
        name=name,
        tests=str(sum(len(s.cases) for s in suites)),
        failures=str(sum(s.failures for s in suites)),
        errors="0",
        skipped="0",
    )
    for suite in suites:
        element = ET.SubElement(
            root, "testsuite", name=_clean(suite.name), tests=str(len(suite.cases)),
            failures=str(suite.failures), errors="0", skipped="0",
        )
        if suite.properties:
            properties = ET.SubElement(element, "properties")
            for key, value in suite.properties:
                ET.SubElement(properties, "property", name=key, value=_clean(value))
        for case in suite.cases:
            _add_case(element, case)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _add_case(suite: ET.Element, case: JUnitCase) -> None:
    attributes = {"name": _clean(case.name), "classname": _clean(case.classname)}
    if case.file:
        attributes["file"] = _clean(case.file)
    element = ET.SubElement(suite, "testcase", attributes)
    if case.failure is not None:
        failure = ET.SubElement(
            element, "failure", message=_clean(case.failure_message), type="error"
        )
        failure.text = _clean(case.failure)
    if case.output:
        ET.SubElement(element, "system-out").text = _clean(case.output)


def _line(issue: Issue) -> str:
    where = f"{issue.path}:{issue.line}" if issue.line is not None else issue.path
    return f"{where}: {issue.severity}: {issue.check}: {issue.message}"


def check_suites(reports: Sequence[CatalogCheck]) -> list[JUnitSuite]:
    """One suite per checked catalog, one case per check."""
    suites = []
    for report in reports:
        cases = []
        for check in report.checks:
            issues = [i for i in report.issues if i.check == check]
            errors = [_line(i) for i in issues if i.severity == "error"]
            warnings = [_line(i) for i in issues if i.severity != "error"]
            cases.append(
                JUnitCase(
                    name=check,
                    classname=f"l10n.check.{report.lang}",
                    failure="\n".join(errors) if errors else None,
                    failure_message=f"{len(errors)} error(s)" if errors else "",
                    output="\n".join(warnings),
                    file=report.path,
                )
            )
        properties = (
            ("lang", report.lang),
            ("entries", str(report.entries)),
            ("checked", str(report.checked)),
            ("percent_translated", f"{report.percent:.1f}"),
        )
        suites.append(JUnitSuite(report.path or report.lang, tuple(cases), properties))
    return suites
