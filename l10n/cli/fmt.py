"""``l10n fmt``: rewrite catalogs in the canonical form, or check that they are in it."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import L10nError
from .base import cli, project_from


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.pass_context
def fmt(ctx: click.Context, files: tuple[Path, ...], check: bool) -> None:
    """Rewrite the PO/POT FILES in place in the canonical form (as GNU msgcat writes them).

    Without FILES: the project's template and catalogs.

    Only the layout changes (line wrapping, flag order, spacing); charset, line ends and
    a BOM are kept, and a file whose content would change is left alone with an error.
    With --check nothing is written: the files that would change are listed and the exit
    status is 1 (for pre-commit hooks). A malformed file is reported and skipped.

    \b
    Examples:
      l10n fmt locales/*/LC_MESSAGES/*.po
      l10n fmt --check locales/uk/LC_MESSAGES/article.po
      l10n fmt --check            # the project's template and catalogs
    """
    from ..files import writes_within
    from ..fmt import format_file

    project = project_from(ctx)
    if not files:
        files = _project_catalogs(ctx)
    changed, failed = 0, 0
    for path in files:
        try:
            # The file named here may be written, and a catalog that is a link, at its
            # target when that lies in the project: never elsewhere.
            with writes_within(*project.write_roots, Path(path).absolute().parent):
                different = format_file(path, check=check, lock_timeout=project.lock_timeout)
        except L10nError as error:
            click.echo(f"error: {error}", err=True)
            failed += 1
            continue
        if different:
            changed += 1
            click.echo(f"would reformat {path}" if check else f"reformatted {path}")
    unchanged = len(files) - changed - failed
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{changed} {verb}, {unchanged} unchanged, {failed} failed", err=True)
    if failed or (check and changed):
        ctx.exit(1)


def _project_catalogs(ctx: click.Context) -> tuple[Path, ...]:
    from ..errors import UsageError
    from ..pipeline import units_of

    project = project_from(ctx)
    found: list[Path] = []
    for unit in units_of(project):
        template = unit.project.template_path
        found += [template] if template.is_file() else []
        found += sorted(unit.project.locales.glob(f"*/LC_MESSAGES/{unit.project.domain}.po"))
    if not found:
        raise UsageError(
            f"no catalogs in {project.relative(project.locales)}: name the FILES to format"
        )
    return tuple(found)
