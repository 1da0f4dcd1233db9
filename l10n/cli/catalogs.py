"""Commands of the spine: segment, extract, init, update, build, stats."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import L10nError
from .base import (
    cli,
    domain_option,
    echo_json,
    format_option,
    json_option,
    languages_option,
    locales_option,
    project_from,
    publish_options,
)

if TYPE_CHECKING:
    from ..config import Project
    from ..pipeline import BuildReport, ExtractReport
    from ..reviewstate import ReviewCounts


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--lang", "source_lang", help="Language of the text (default: config, else en).")
@click.option(
    "--srx", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own SRX rules file instead of the built-in rules.",
)
@click.option(
    "--split-quotations/--no-split-quotations",
    default=None,
    help="Split between sentences inside a quotation (default: split).",
)
@click.option("--encoding", help="Encoding of the text (default: utf-8).")
@json_option
@click.pass_context
def segment(
    ctx: click.Context,
    source: Path,
    source_lang: str | None,
    srx: Path | None,
    split_quotations: bool | None,
    encoding: str | None,
    as_json: bool,
) -> None:
    """Split SOURCE (a file, or - for stdin) into sentences, one per line.

    Paragraphs end at line breaks; each sentence is an exact slice of the text.

    \b
    Examples:
      l10n segment examples/article.txt
      echo "Dr. Smith arrived. He sat down." | l10n segment -
      l10n segment --json article.txt | jq '.[].text'
    """
    from ..document import decode_source, read_source_bytes
    from ..pipeline import make_segmenter

    project = project_from(
        ctx, source_lang=source_lang, srx=srx, split_quotations=split_quotations,
        encoding=encoding,
    )
    if str(source) == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        name = str(source)
        data = read_source_bytes(source, display_path=name)
    text, _bom = decode_source(data, path=name, encoding=project.encoding)
    segments = make_segmenter(project).segment(text)
    if as_json:
        echo_json(
            [
                {
                    "id": s.id, "text": s.text, "start": s.start, "end": s.end,
                    "paragraph": s.paragraph, "index": s.index, "line": s.line,
                }
                for s in segments
            ]
        )
    else:
        for s in segments:
            click.echo(s.text)


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@domain_option
@locales_option
@click.option("--source-lang", help="Language of the sources (default: config, else en).")
@click.option("--encoding", help="Encoding of the sources (default: utf-8).")
@format_option
@click.pass_context
def extract(
    ctx: click.Context,
    sources: tuple[Path, ...],
    domain: str | None,
    locales: Path | None,
    source_lang: str | None,
    encoding: str | None,
    source_format: str | None,
) -> None:
    """Write the template <locales>/<domain>.pot from SOURCES (default: config's sources).

    SOURCES are files, folders (every article under them: *.txt, *.md, *.html,
    *.json...) and globs ('articles/**/*.md'). One catalog per article, named after
    its path (world/story.txt: world.story), unless a domain is given (--domain, or
    domain in l10n.toml): then one for them all. One entry per distinct sentence,
    with `#:` references (path:line) and its position: paragraph/sentence in plain
    text; in HTML, Markdown and JSON the block (`p 3`, `h1 1`, `img alt 1`, `front
    matter: title`) and what each placeholder of inline markup stands for. An
    unchanged article changes no byte of the template.

    \b
    Examples:
      l10n extract examples/article.txt --domain article
      l10n extract examples/page.html --domain page
      l10n extract            # the sources named in l10n.toml
    """
    from ..pipeline import extract_all as run_extract

    project = project_from(
        ctx, sources=sources, domain=domain, locales=locales, source_lang=source_lang,
        encoding=encoding, format=source_format,
    )
    if sys.stderr.isatty() and _total_size(project.sources) > BIG_SOURCES:
        with click.progressbar(length=1000, label="segmenting", file=sys.stderr) as bar:

            def tick(fraction: float) -> None:
                bar.update(int(fraction * 1000) - bar.pos)

            reports = run_extract(project, progress=tick)
    else:
        reports = run_extract(project)
    for report in reports:
        _echo_extract(project, report)
    if len(reports) > 1:
        written = sum(report.written for report in reports)
        click.echo(f"{len(reports)} templates, {written} written", err=True)


BIG_SOURCES = 2_000_000  # bytes of sources above which extract shows progress on a TTY


def _total_size(paths: Sequence[Path]) -> int:
    from ..config import Project
    from ..pipeline.articles import expand_sources

    try:
        found = [source.path for source in expand_sources(Project(), paths)]
    except L10nError:
        return 0  # the job says what is wrong
    return sum(path.stat().st_size for path in found if path.is_file())


@cli.command()
@languages_option
@domain_option
@locales_option
@click.pass_context
def init(
    ctx: click.Context, languages: tuple[str, ...], domain: str | None, locales: Path | None
) -> None:
    """Create a catalog for each language from the template.

    Plural forms come from CLDR (Babel). Existing catalogs are left alone: use
    `l10n update` to bring them in step with the template.

    \b
    Examples:
      l10n init -l uk
      l10n init -l uk -l de -l pt_BR
    """
    from ..pipeline import init_all as run_init

    project = project_from(ctx, domain=domain, locales=locales)
    for report in run_init(project, languages):
        path = project.relative(report.path)
        if report.action == "exists":
            click.echo(f"{path}: exists, left as it is (use `l10n update`)")
        else:
            click.echo(f"{path}: created")


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@languages_option
@domain_option
@locales_option
@click.option(
    "--fuzzy-matching/--no-fuzzy-matching",
    default=True,
    show_default=True,
    help="Offer the translation of a similar old sentence, marked fuzzy, for an edited one.",
)
@click.pass_context
def update(
    ctx: click.Context,
    sources: tuple[Path, ...],
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    fuzzy_matching: bool,
) -> None:
    """Bring the catalogs in step with the articles, keeping every translation.

    When the sources are known (SOURCES, or `sources` in l10n.toml) the template is
    extracted from them first; otherwise the template on disk is merged. Unchanged
    sentences keep their translations; an edited sentence gets the old translation back
    marked fuzzy with the previous source (#|); removed sentences become obsolete (#~)
    and come back translated if they return.

    \b
    Examples:
      l10n update                       # after editing the article
      l10n update examples/article.txt -l uk --no-fuzzy-matching
    """
    from ..pipeline import update_all as run_update

    project = project_from(ctx, sources=sources, domain=domain, locales=locales)
    for report in run_update(project, languages, fuzzy_matching=fuzzy_matching):
        if report.template is None:
            merged = project.relative(report.path or project.template_path)
            click.echo(
                f"{merged}: merged as it is (no sources known: name "
                "them, or set 'sources' in l10n.toml, to extract them first)",
                err=True,
            )
        else:
            _echo_extract(project, report.template)
        for r in report.catalogs:
            click.echo(
                f"{project.relative(r.path)}: {r.action}: {r.kept} kept, {r.fuzzy_matched} "
                f"fuzzy, {r.added} new, {r.obsoleted} obsolete, {r.revived} revived"
            )


def _echo_extract(project: Project, report: ExtractReport) -> None:
    state = "written" if report.written else "unchanged"
    click.echo(f"{project.relative(report.path)}: {report.messages} messages ({state})")


@cli.command()
@languages_option
@domain_option
@locales_option
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for translated articles (default: config's 'out', else ./out).",
)
@publish_options
@json_option
@click.option("--encoding", help="Encoding of the sources (default: utf-8).")
@format_option
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def build(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    out: Path | None,
    use_fuzzy: bool,
    min_translated: float,
    as_json: bool,
    encoding: str | None,
    source_format: str | None,
    sources: tuple[Path, ...],
) -> None:
    """Compile .mo files and render each source translated into <out>/<lang>/.

    Only reviewed translations are published by default; --use-fuzzy adds drafts
    (machine output and other unreviewed translations of the current sentences). Stale
    translations, made for an earlier version of a sentence, are never published: the
    sentence stays as in the source. Everything between sentences is kept exactly, so a
    catalog with no translations gives the source back byte for byte.

    \b
    Exit status:
      0  every language built
      1  a language below --min-translated (not rendered), or an error

    \b
    Examples:
      l10n build -l uk
      l10n build --use-fuzzy --out public/
      l10n build --min-translated 90 --json
    """
    from ..pipeline import build_all as run_build
    from ..pipeline import outdated_template

    project = project_from(
        ctx, domain=domain, locales=locales, out=out, sources=sources, encoding=encoding,
        format=source_format,
    )  # fmt: skip
    for path in outdated_template(project):
        click.echo(
            f"warning: {project.relative(path)} changed after "
            f"{project.relative(project.template_path)}: its new sentences are not in the "
            "catalogs until `l10n update`",
            err=True,
        )
    reports = run_build(
        project, languages, use_fuzzy=use_fuzzy, min_translated=min_translated
    )
    if as_json:
        echo_json([_build_json(project, r) for r in reports])
    else:
        _echo_build(project, reports, use_fuzzy=use_fuzzy)
    if any(r.skipped_reason for r in reports):
        ctx.exit(1)


def _build_json(project: Project, r: BuildReport) -> dict[str, object]:
    return {
        "lang": r.lang, "catalog": project.relative(r.catalog),
        "mo": project.relative(r.mo), "percent": round(r.percent, 2),
        "outputs": [project.relative(p) for p in r.outputs],
        "skipped": r.skipped_reason,
    }  # fmt: skip


def _echo_build(project: Project, reports: Sequence[BuildReport], *, use_fuzzy: bool) -> None:
    what = "translated (drafts included)" if use_fuzzy else "reviewed"
    for r in reports:
        if r.skipped_reason:
            click.echo(f"{r.lang}: not rendered: {r.skipped_reason}", err=True)
            continue
        for path in r.outputs:
            click.echo(f"{r.lang}: {project.relative(path)} ({r.percent:.1f}% {what})")


@cli.command()
@languages_option
@domain_option
@locales_option
@json_option
@click.pass_context
def stats(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    as_json: bool,
) -> None:
    """Show per-language counts: entries by review state, words, percent reviewed.

    States: reviewed (translated, not fuzzy), machine (unedited machine output),
    edited (machine output a person changed, not yet accepted), stale (a translation
    of an earlier version of the sentence, e.g. a fuzzy match after an update), fuzzy
    (other fuzzy entries), untranslated. `%` is the share of entries reviewed, as
    msgfmt counts translated entries.

    \b
    Examples:
      l10n stats
      l10n stats -l uk --json
    """
    import dataclasses

    from ..pipeline import stats_all as run_stats
    from ..po import load_catalog
    from ..reviewstate import review_counts

    project = project_from(ctx, domain=domain, locales=locales)
    rows = run_stats(project, languages)
    review = {path: review_counts(load_catalog(path)) for _lang, path, _ in rows}
    if as_json:
        echo_json(
            [
                {
                    "lang": lang, "catalog": project.relative(path), **dataclasses.asdict(s),
                    "review": dataclasses.asdict(review[path]),
                }
                for lang, path, s in rows
            ]
        )
        return
    many = len({path.stem for _lang, path, _ in rows}) > 1
    header = (
        f"{'lang':<8} {'entries':>7} {'reviewed':>8} {'machine':>7} {'edited':>6} "
        f"{'stale':>6} {'fuzzy':>6} {'untr.':>6} {'words':>6} {'%':>6}"
    )
    click.echo(header + ("  catalog" if many else ""))
    for lang, path, s in rows:
        line = _stats_line(lang, s.entries, review[path], s.words, s.percent)
        click.echo(line + (f"  {project.relative(path)}" if many else ""))
    if many:  # one summary per language: every catalog together
        for lang in dict.fromkeys(lang for lang, _path, _ in rows):
            mine = [(path, s) for one, path, s in rows if one == lang]
            total = _sum_counts([review[path] for path, _ in mine])
            words = sum(s.words for _path, s in mine)
            percent = 100.0 * total.reviewed / total.total if total.total else 100.0
            line = _stats_line(lang, total.total, total, words, percent)
            click.echo(f"{line}  all {len(mine)} catalogs")


def _stats_line(lang: str, entries: int, r: ReviewCounts, words: int, percent: float) -> str:
    return (
        f"{lang:<8} {entries:>7} {r.reviewed:>8} {r.machine:>7} {r.edited:>6} "
        f"{r.stale:>6} {r.fuzzy:>6} {r.untranslated:>6} {words:>6} {percent:>6.1f}"
    )


def _sum_counts(counts: Sequence[ReviewCounts]) -> ReviewCounts:
    import dataclasses

    from ..reviewstate import ReviewCounts

    fields = [field.name for field in dataclasses.fields(ReviewCounts)]
    return ReviewCounts(**{name: sum(getattr(c, name) for c in counts) for name in fields})


