"""``l10n xliff``: a catalog exported as XLIFF 2.0 for agencies and CAT tools, and imported."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import cli, domain_option, echo_json, json_option, locales_option, project_from

if TYPE_CHECKING:
    from ..config import Project
    from ..pipeline.exchange import ImportResult


@cli.group()
def xliff() -> None:
    """Exchange a catalog with translation agencies and CAT tools as XLIFF 2.0.

    The XLIFF file carries everything of the catalog (obsolete entries, #| previous
    sources, flags, comments, references, the # l10n-* provenance) in XLIFF's metadata
    module, and each entry's review state as the segment's state: untranslated, machine
    and stale -> initial; edited and fuzzy -> translated; reviewed -> final.

    \b
    Examples:
      l10n xliff export -l uk                  # out/article.uk.xlf
      l10n xliff import out/article.uk.xlf --dry-run
    """


@xliff.command("export")
@click.option("-l", "--lang", "lang", required=True, metavar="LANG", help="Target language.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The XLIFF file to write, - for stdout (default: <out>/<domain>.<lang>.xlf).",
)  # fmt: skip
@domain_option
@locales_option
@json_option
@click.pass_context
def xliff_export(
    ctx: click.Context,
    lang: str,
    output: Path | None,
    domain: str | None,
    locales: Path | None,
    as_json: bool,
) -> None:
    """Write LANG's catalog as an XLIFF 2.0 file for an agency or a CAT tool.

    With a catalog per article, each is written to <out>/<domain>.<lang>.xlf (or name
    one with -d DOMAIN). `--json` prints a list: one object per file written.

    One unit per entry (its id a hash of context and source, stable across exports),
    a group of units per plural entry (one per plural form), obsolete entries as units
    not to translate. Nothing is lost: importing the file unchanged changes no byte of
    the catalog.

    \b
    Examples:
      l10n xliff export -l uk                         # out/article.uk.xlf
      l10n xliff export -l uk -o article.uk.xlf --json
      l10n xliff export -l uk -o - | head
    """
    from ..pipeline import target_language, units_of
    from ..pipeline.exchange import default_xliff_path
    from ..pipeline.exchange import xliff_export as run_export

    project = project_from(ctx, domain=domain, locales=locales)
    lang = target_language(project, lang)
    projects = [unit.project for unit in units_of(project)]
    if output is not None and len(projects) > 1:
        names = ", ".join(one.domain for one in projects)
        raise click.UsageError(
            f"{len(projects)} catalogs ({names}): -o writes one; name it with -d DOMAIN, "
            "or leave -o out to write each to <out>/<domain>.<lang>.xlf"
        )
    to_stdout = output is not None and str(output) == "-"
    exported = []
    for one in projects:
        path = None if to_stdout else output or default_xliff_path(one, lang)
        report = run_export(one, lang, path)
        if to_stdout:
            sys.stdout.buffer.write(report.data)
            sys.stdout.buffer.flush()
            return
        shown = _shown(one, report.path)
        exported.append({
            "lang": report.lang, "catalog": one.relative(report.catalog), "xliff": shown,
            "units": report.units, "obsolete": report.obsolete,
        })  # fmt: skip
        if not as_json:
            click.echo(
                f"{shown}: {report.units} entries, {report.obsolete} obsolete, from "
                f"{one.relative(report.catalog)}"
            )
    if as_json:
        echo_json(exported)


@xliff.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Write nothing; say what would change.")
@locales_option
@json_option
@click.pass_context
def xliff_import(
    ctx: click.Context, file: Path, dry_run: bool, locales: Path | None, as_json: bool
) -> None:
    """Merge the translations of an XLIFF 2.0 FILE into the project's catalog.

    The catalog is the one of the file's target language and domain. A translation the
    agency changed becomes the entry's: state final or reviewed -> reviewed (signed
    `l10n-reviewed: xliff:FILE DATE`), translated -> an unreviewed human translation
    (fuzzy); units left initial are not touched. A unit whose source is no longer in the
    catalog (the article changed since the export) is a mismatch, and a translation
    someone changed in the catalog since the export a conflict: both are listed and
    skipped, never applied. A replaced human translation stays as an alternative.

    \b
    Exit status:
      0  everything in the file applied (or nothing to apply)
      1  mismatches, conflicts or incomplete plurals (the rest is applied), or an error

    \b
    Examples:
      l10n xliff import out/article.uk.xlf --dry-run
      l10n xliff import out/article.uk.xlf --json
    """
    from ..pipeline.exchange import xliff_import as run_import

    project = project_from(ctx, locales=locales)
    result = run_import(project, file, dry_run=dry_run)
    if as_json:
        echo_json(_import_json(project, result, dry_run=dry_run))
    else:
        _echo_import(project, result, dry_run=dry_run)
    if result.report.problems:
        ctx.exit(1)


def _shown(project: Project, path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return project.relative(path)


def _import_json(project: Project, result: ImportResult, *, dry_run: bool) -> dict[str, object]:
    r = result.report
    return {
        "lang": result.lang, "catalog": project.relative(result.catalog),
        "dry_run": dry_run, "written": result.written, "applied": r.applied,
        "reviewed": r.reviewed, "untouched": r.untouched, "obsolete": r.obsolete,
        "mismatches": r.count("mismatch"), "conflicts": r.count("conflict"),
        "incomplete": r.count("incomplete"),
        "problems": [
            {"id": p.uid, "msgid": p.msgid, "kind": p.kind, "reason": p.reason}
            for p in r.problems
        ],
    }  # fmt: skip


def _echo_import(project: Project, result: ImportResult, *, dry_run: bool) -> None:
    r = result.report
    for p in r.problems:
        click.echo(f"{p.kind}: {p.uid}: {_short(p.msgid)}: {p.reason}", err=True)
    state = "dry run, nothing written" if dry_run else (
        "written" if result.written else "unchanged")  # fmt: skip
    click.echo(
        f"{project.relative(result.catalog)}: {r.applied} applied, {r.reviewed} reviewed, "
        f"{r.untouched} untouched, {r.count('mismatch')} mismatched, "
        f"{r.count('conflict')} conflicts, {r.count('incomplete')} incomplete ({state})"
    )


def _short(text: str) -> str:
    line = " ".join(text.split())
    return repr(line if len(line) <= 60 else line[:57] + "...")
