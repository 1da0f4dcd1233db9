"""Quality commands: eval (chrF/BLEU of machine output) and report (an HTML page)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import L10nError
from .base import (
    cli,
    domain_option,
    echo_json,
    json_option,
    languages_option,
    locales_option,
    project_from,
)

if TYPE_CHECKING:
    from ..evaluate import EvalReport


@cli.command("eval")
@languages_option
@domain_option
@locales_option
@click.option(
    "--ref",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Reviewed reference catalog (PO) of the one language evaluated.",
)
@json_option
@click.pass_context
def eval_command(
    ctx: click.Context,
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    ref: Path | None,
    as_json: bool,
) -> None:
    """Score machine output against reviewed translations: chrF and BLEU (sacrebleu).

    The hypotheses are the engine's output as the catalog records it (`# l10n-mt:`),
    unedited or kept by `l10n review` as `# l10n-mt-original:`. The references are the
    reviewed translations of the same sentences in the --ref catalog or, without --ref,
    in the catalog itself. Sentences that cannot be paired are left out and counted.
    --json adds each sentence's chrF.

    \b
    Examples:
      cp locales/uk/LC_MESSAGES/article.po reviewed-uk.po
      l10n run -l uk --locales mt/ && l10n eval -l uk --locales mt/ --ref reviewed-uk.po
      l10n eval -l uk --json | jq '.[0].chrf'
    """
    from ..pipeline import evaluate_all

    project = project_from(ctx, domain=domain, locales=locales)
    reports = evaluate_all(project, languages, ref=ref)
    if as_json:
        echo_json([_eval_json(r) for r in reports])
        return
    for report in reports:
        _echo_eval(report)


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _left_out(report: EvalReport) -> list[str]:
    reasons = {
        "no_reference": "machine output with no reviewed reference",
        "no_hypothesis": "reviewed references with no known machine output",
        "stale": "machine output of an earlier source sentence",
        "output_lost": "machine output changed by hand and not kept",
    }
    return [f"{getattr(report, k)} {text}" for k, text in reasons.items() if getattr(report, k)]


def _echo_eval(report: EvalReport) -> None:
    against = report.reference or "its own reviewed entries"
    click.echo(f"{report.catalog} against {against}")
    click.echo(
        f"  {report.compared} sentences compared: chrF {_score(report.chrf)}, "
        f"BLEU {_score(report.bleu)}"
    )
    for line in _left_out(report):
        click.echo(f"  left out: {line}")
    if report.output_lost:
        click.echo("  note: the scores favour the engine while edited output is lost")
    if not report.compared and report.reference is None:
        click.echo("  nothing kept to compare: give --ref PO, a reviewed reference catalog")
    if report.compared:
        click.echo(f"  chrF: {report.chrf_signature}")
        click.echo(f"  BLEU: {report.bleu_signature}")


def _eval_json(report: EvalReport) -> dict[str, Any]:
    return {
        "lang": report.lang,
        "catalog": report.catalog,
        "reference": report.reference,
        "compared": report.compared,
        "chrf": report.chrf,
        "bleu": report.bleu,
        "signatures": {"chrf": report.chrf_signature, "bleu": report.bleu_signature},
        "left_out": {
            "no_reference": report.no_reference,
            "no_hypothesis": report.no_hypothesis,
            "stale": report.stale,
            "output_lost": report.output_lost,
        },
        "sentences": [
            {
                "msgid": p.msgid,
                "msgctxt": p.msgctxt,
                "line": p.line,
                "hypothesis": p.hypothesis,
                "reference": p.reference,
                "chrf": p.chrf,
            }
            for p in report.pairs
        ],
    }


@cli.command()
@languages_option
@domain_option
@locales_option
@click.option(
    "--html",
    "out",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the page here (- for stdout).",
)
@click.option("--title", default="Translation report", show_default=True, help="Page title.")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def report(
    ctx: click.Context,
    sources: tuple[Path, ...],
    languages: tuple[str, ...],
    domain: str | None,
    locales: Path | None,
    out: Path,
    title: str,
) -> None:
    """Write one self-contained HTML page for editors who don't use PO editors.

    Per catalog: source and translation side by side in article order (one block per
    paragraph), each sentence's state (reviewed, machine, edited, fuzzy, untranslated)
    and check issues, with counts at the top. No scripts, nothing loaded from elsewhere:
    mail it or open it from disk. The articles are SOURCES, else the config's sources;
    without any, sentences are shown in catalog order.

    \b
    Examples:
      l10n report -l uk --html report-uk.html
      l10n report --html - > all-languages.html
      l10n report -l uk --html report.html examples/article.txt
    """
    from ..pipeline import load_documents, report_sections_all
    from ..report import render_html, write_html

    project = project_from(ctx, domain=domain, locales=locales, sources=sources)
    try:
        documents = load_documents(project)
    except L10nError as exc:
        click.echo(f"warning: {exc}: sentences shown in catalog order", err=True)
        documents = None
    sections = report_sections_all(project, languages, documents=documents)
    page = render_html(sections, title=title)
    if str(out) == "-":
        sys.stdout.write(page)
        return
    write_html(out, page)
    click.echo(f"wrote {out}")
