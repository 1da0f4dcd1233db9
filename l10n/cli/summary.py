"""What ``l10n run`` prints: one summary per language, over every catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..config import Project
    from ..pipeline import RunReport

__all__ = ["echo_runs", "run_json"]


def run_json(project: Project, r: RunReport) -> dict[str, Any]:
    import dataclasses

    return {
        **dataclasses.asdict(r),
        "needs_review": r.needs_review,
        "catalog": project.relative(r.catalog),
        "outputs": [project.relative(p) for p in r.outputs],
    }


def echo_runs(project: Project, reports: list[RunReport]) -> None:
    """One summary per language: as it is for one catalog, totals and a line per catalog
    for many."""
    for lang in dict.fromkeys(r.lang for r in reports):
        mine = [r for r in reports if r.lang == lang]
        if len(mine) == 1:
            _echo_run(project, mine[0])
        else:
            _echo_many(project, lang, mine)


def _echo_many(project: Project, lang: str, mine: list[RunReport]) -> None:
    done = [r for r in mine if r.error is None]
    def total(name: str) -> int:
        return sum(getattr(r, name) for r in done)

    stale = f", {total('stale')} stale" if total("stale") else ""
    flagged = f", {total('warnings')} flagged" if total("warnings") else ""
    recalled = f"{total('memory')} from memory, " if total("memory") else ""
    click.echo(
        f"{lang}: {len(mine)} catalogs: {recalled}{total('machine')} machine-translated now; "
        f"{total('reviewed')} reviewed, {total('drafts')} drafts to review{stale}, "
        f"{total('untranslated')} untranslated{flagged}"
    )
    for r in mine:
        if r.error is not None:
            click.echo(f"{lang}: failed: {r.error}", err=True)
            continue
        memory = f"{r.memory} from memory, " if r.memory else ""
        click.echo(
            f"  catalog: {project.relative(r.catalog)} ({memory}{r.machine} machine-translated now)"
        )
        _echo_articles(project, r, indent="    ")
    if not any(r.drafts_published for r in done):
        _echo_unpublished(lang, total("drafts"))


def _echo_run(project: Project, r: RunReport) -> None:
    if r.error is not None:
        click.echo(f"{r.lang}: failed: {r.error}", err=True)
        return
    stale = f", {r.stale} stale" if r.stale else ""
    recalled = f"{r.memory} from memory, " if r.memory else ""
    click.echo(
        f"{r.lang}: {recalled}{r.machine} machine-translated now; {r.reviewed} reviewed, "
        f"{r.drafts} drafts to review{stale}, {r.untranslated} untranslated"
        + (f", {r.warnings} flagged" if r.warnings else "")
    )
    click.echo(f"  catalog: {project.relative(r.catalog)}")
    _echo_articles(project, r, indent="  ")
    if not r.skipped_reason and not r.drafts_published:
        _echo_unpublished(r.lang, r.drafts)


def _echo_articles(project: Project, r: RunReport, *, indent: str) -> None:
    """The articles a catalog built, or why none was (on stderr)."""
    if r.skipped_reason:
        click.echo(f"{r.lang}: not rendered: {r.skipped_reason}", err=True)
        return
    what = "translated (drafts included)" if r.drafts_published else "reviewed"
    for path in r.outputs:
        click.echo(f"{indent}article: {project.relative(path)} ({r.percent:.1f}% {what})")


def _echo_unpublished(lang: str, drafts: int) -> None:
    if drafts:
        click.echo(
            f"  {drafts} drafts not published: review them (`l10n review -l {lang}`), "
            "or publish them with --use-fuzzy"
        )
