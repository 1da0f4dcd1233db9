"""The publish gate: ``l10n check``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import (
    L10nCommand,
    cli,
    domain_option,
    echo_json,
    glossary_option,
    json_option,
    languages_option,
    locales_option,
    project_from,
)

if TYPE_CHECKING:
    from ..checks.gate import CatalogCheck


class _CheckCommand(L10nCommand):
    """The check command, whose help lists the registered checks (read when help is
    asked for: ``l10n --help`` imports no check)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from ..checks import CHECKS

        width = max(len(one.name) for one in CHECKS) + 2
        rows = [
            f"      {one.name:<{width}}{one.summary}"  # the docstring's 4 columns, then 2
            + ("" if one.severity == "error" else f" ({one.severity})")
            for one in CHECKS
        ]
        original = self.help or ""
        self.help = original.replace("    {checks}", "\n".join(rows))
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = original


@cli.command(cls=_CheckCommand)
@languages_option
@domain_option
@locales_option
@json_option
@click.option(
    "--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="Also write a JUnit XML report to FILE for CI (a suite per catalog, a case per check).",
)
@click.option(
    "--min-translated", type=click.FloatRange(0, 100), metavar="PCT",
    help="Gate: a catalog with less than PCT% translated and reviewed (not fuzzy) is an error.",
)
@click.option(
    "--no-fuzzy", is_flag=True,
    help="Skip fuzzy entries (default: check them too; machine output is fuzzy).",
)
@click.option(
    "--disable", multiple=True, metavar="NAME",
    help="Switch a check off (repeatable); adds to [check] disable in l10n.toml.",
)
@glossary_option
@click.pass_context
def check(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    as_json: bool,
    junit_path: Path | None,
    min_translated: float | None,
    no_fuzzy: bool,
    disable: tuple[str, ...],
    glossary: Path | None,
) -> None:
    """Check translations for the mistakes machine translation makes: the publish gate.

    Every translated entry (fuzzy ones too, unless --no-fuzzy) is checked; each issue
    is printed as `catalog:line: severity: check: message`, a summary per catalog
    goes to stderr. Errors block publishing; warnings are worth a look.

    \b
    Checks (switch off with --disable NAME or [check] disable = [...]):
    {checks}

    \b
    Exit status:
      0  no errors (warnings allowed)
      1  errors found, a --min-translated gate not met, or a catalog unreadable
      2  usage: a bad option or an unknown check name

    \b
    Examples:
      l10n check -l uk
      l10n check --min-translated 90 --junit reports/l10n.xml
      l10n check --json --disable names | jq '.[] | select(.severity == "error")'
    """
    from ..pipeline import check_all as run_check

    project = project_from(ctx, domain=domain, locales=locales, glossary=glossary)
    reports = run_check(
        project, languages, include_fuzzy=not no_fuzzy, disable=disable,
        min_translated=min_translated,
    )  # fmt: skip
    if junit_path is not None:
        _write_junit(junit_path, reports)
    _print(reports, as_json=as_json)
    if any(not report.passed for report in reports):
        ctx.exit(1)


def _print(reports: Sequence[CatalogCheck], *, as_json: bool) -> None:
    import dataclasses

    issues = [issue for report in reports for issue in report.issues]
    if as_json:
        echo_json([dataclasses.asdict(issue) for issue in issues])
    else:
        for issue in issues:
            where = issue.path if issue.line is None else f"{issue.path}:{issue.line}"
            click.echo(f"{where}: {issue.severity}: {issue.check}: {issue.message}")
    many = len({report.path for report in reports}) > len({r.lang for r in reports})
    for report in reports:
        name = f"{report.lang} ({report.path})" if many else report.lang
        if report.checked == 0 and report.passed:
            click.echo(
                f"{name}: nothing checked: no translated entry among the "
                f"{report.entries} entries", err=True,
            )  # fmt: skip
            continue
        verdict = "passed" if report.passed else "FAILED"
        click.echo(
            f"{name}: {verdict}: {report.errors} errors, {report.warnings} warnings "
            f"in {report.checked} entries checked ({report.percent:.1f}% translated and reviewed)",
            err=True,
        )
    if many:
        failed = sum(not report.passed for report in reports)
        errors, warnings = sum(r.errors for r in reports), sum(r.warnings for r in reports)
        verdict = f"{failed} FAILED" if failed else "all passed"
        click.echo(
            f"{len(reports)} catalogs: {verdict}: {errors} errors, {warnings} warnings",
            err=True,
        )


def _write_junit(path: Path, reports: Sequence[CatalogCheck]) -> None:
    from ..files import write_bytes_atomic
    from ..junit import check_suites, format_junit

    write_bytes_atomic(path, format_junit(check_suites(reports)).encode("utf-8"))
