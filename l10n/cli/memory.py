"""The translation memory's commands: ``l10n tm stats``, ``export``, ``import``."""

from __future__ import annotations

from pathlib import Path

import click

from .base import cli, echo_json, json_option, locales_option, project_from


@cli.group()
def tm() -> None:
    """The translation memory: every reviewed translation, looked up before the engine.

    Memory is every reviewed entry of every catalog under locales/ (all articles, all
    languages), the TMX files imported with `l10n tm import` (kept in locales/memory/),
    and the catalogs and TMX files named in l10n.toml's [memory] paths (another project's
    locales/, an agency's TMX). `run` and `translate` fill a sentence found there exactly
    (`# l10n-tm: FILE DATE`, fuzzy unless [memory] trust_exact = true) without the engine,
    and keep near matches (75% similar or more: [memory] threshold) as `# l10n-near:`
    lines that `l10n review` offers. The index, locales/.l10n-memory.sqlite, is a cache
    of those files, updated from the ones that changed: deleting it loses nothing.

    \b
    Examples:
      l10n tm stats
      l10n tm export -l uk --tmx memory-uk.tmx
      l10n tm import agency.tmx
    """


@tm.command("stats")
@locales_option
@json_option
@click.pass_context
def tm_stats(ctx: click.Context, locales: Path | None, as_json: bool) -> None:
    """Bring the memory up to date and count it: files, units per language pair.

    \b
    Examples:
      l10n tm stats
      l10n tm stats --json
    """
    from ..pipeline.tm import tm_stats as run_stats

    project = project_from(ctx, locales=locales)
    found = run_stats(project)
    index, refresh = found.index, found.refresh
    if as_json:
        echo_json({
            "index": project.relative(found.path), "files": index.origins, "units": index.units,
            "words": index.words,
            "pairs": [{"source": s, "target": t, "units": n} for s, t, n in index.pairs],
            "refresh": {"read": refresh.read, "dropped": refresh.dropped, "kept": refresh.kept},
            "unreadable": list(found.unreadable),
        })  # fmt: skip
        return
    click.echo(
        f"{project.relative(found.path)}: {index.units} units from {index.origins} files, "
        f"{index.words} distinct words (read {refresh.read}, dropped {refresh.dropped}, "
        f"unchanged {refresh.kept})"
    )
    for source, target, count in index.pairs:
        click.echo(f"  {source}→{target}: {count} units")
    for problem in found.unreadable:
        click.echo(f"warning: {problem} (not in the memory)", err=True)


@tm.command("export")
@click.option("-l", "--lang", "lang", required=True, metavar="LANG", help="Target language.")
@click.option(
    "--tmx", "out", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the TMX 1.4b file here (- for stdout).",
)
@locales_option
@click.pass_context
def tm_export(ctx: click.Context, lang: str, out: Path, locales: Path | None) -> None:
    """Write the memory's translations into LANG as a TMX 1.4b file.

    Each unit carries its date (changedate) and the file it came from (a prop of type
    x-l10n-origin); Translate Toolkit, OmegaT and Trados read it.

    \b
    Examples:
      l10n tm export -l uk --tmx memory-uk.tmx
      l10n tm export -l uk --tmx - | head
    """
    import sys

    from ..files import write_bytes_atomic
    from ..pipeline.tm import tm_export as run_export

    project = project_from(ctx, locales=locales)
    count, data = run_export(project, lang)
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return
    write_bytes_atomic(out, data)
    click.echo(f"wrote {out}: {count} units")


@tm.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace an imported file of the same name.")
@locales_option
@click.pass_context
def tm_import(ctx: click.Context, source: Path, replace: bool, locales: Path | None) -> None:
    """Make the TMX file SOURCE part of the project's memory, from now on.

    The file is read whole (a file that is not TMX, or declares XML entities, is refused
    with nothing written), then kept in locales/memory/ (commit it: the index is only a
    cache), so no config is needed.

    \b
    Examples:
      l10n tm import agency.tmx
      l10n tm import --replace agency.tmx
    """
    from ..pipeline.tm import tm_import as run_import

    project = project_from(ctx, locales=locales)
    report = run_import(project, source, replace=replace)
    click.echo(f"{project.relative(report.path)}: {report.action}, {report.units} units")
