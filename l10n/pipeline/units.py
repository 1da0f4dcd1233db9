"""The catalog jobs over every catalog of the project: one per article, or the shared one.

Each job here takes the project as configured (``catalog = "shared"`` or ``"article"``,
sources as files, folders and globs), finds its catalogs with
:func:`.articles.catalog_units` and runs the one-catalog job of :mod:`.catalogs` or
:mod:`.quality` on each, under one hold of the project's lock, returning every report in
catalog order. With a shared catalog that is exactly the one-catalog job.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import po
from ..config import Project
from .articles import Unit, catalog_units
from .catalogs import (
    BuildReport,
    CatalogReport,
    ExtractReport,
    UpdateReport,
    build,
    extract,
    init,
    stats,
    update,
)
from .locking import locked

if TYPE_CHECKING:
    from ..checks.gate import CatalogCheck
    from ..evaluate import EvalReport
    from ..model import Document
    from ..report import Section

__all__ = [
    "build_all",
    "check_all",
    "evaluate_all",
    "extract_all",
    "init_all",
    "report_sections_all",
    "stats_all",
    "units_of",
    "update_all",
]


def units_of(project: Project, sources: Sequence[Path] | None = None) -> list[Unit]:
    """The project's catalogs (see :func:`.articles.catalog_units`)."""
    return catalog_units(project, sources or None)


@locked
def extract_all(
    project: Project,
    *,
    sources: Sequence[Path] | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[ExtractReport]:
    """Write each catalog's template (see :func:`.catalogs.extract`)."""
    units = units_of(project, sources)
    reports = []
    for number, unit in enumerate(units):
        tick = None
        if progress is not None:
            base, share = number / len(units), 1 / len(units)

            def tick(fraction: float, base: float = base, share: float = share) -> None:
                progress(min(1.0, base + share * fraction))

        reports.append(extract(unit.project, progress=tick))
    return reports


@locked
def init_all(project: Project, languages: Sequence[str]) -> list[CatalogReport]:
    """Create each catalog's language catalogs (see :func:`.catalogs.init`)."""
    return [report for unit in units_of(project) for report in init(unit.project, languages)]


@locked
def update_all(
    project: Project,
    languages: Sequence[str] = (),
    *,
    fuzzy_matching: bool = True,
    sources: Sequence[Path] | None = None,
) -> list[UpdateReport]:
    """Extract and merge each catalog (see :func:`.catalogs.update`)."""
    return [
        update(unit.project, languages, fuzzy_matching=fuzzy_matching)
        for unit in units_of(project, sources)
    ]


@locked
def build_all(
    project: Project,
    languages: Sequence[str] = (),
    *,
    use_fuzzy: bool = False,
    min_translated: float = 0.0,
    sources: Sequence[Path] | None = None,
) -> list[BuildReport]:
    """Build every catalog's ``.mo`` files and articles (see :func:`.catalogs.build`)."""
    return [
        report
        for unit in units_of(project, sources)
        for report in build(
            unit.project, languages, use_fuzzy=use_fuzzy, min_translated=min_translated,
            names=unit.names,
        )
    ]  # fmt: skip


def stats_all(
    project: Project, languages: Sequence[str] = ()
) -> list[tuple[str, Path, po.CatalogStats]]:
    """Counts for each language catalog of each catalog (see :func:`.catalogs.stats`)."""
    return [row for unit in units_of(project) for row in stats(unit.project, languages)]


def check_all(
    project: Project,
    languages: Sequence[str] = (),
    *,
    include_fuzzy: bool = True,
    disable: Collection[str] = (),
    min_translated: float | None = None,
) -> list[CatalogCheck]:
    """Check every language catalog of every catalog (see :func:`.quality.check`)."""
    from .quality import check

    return [
        report
        for unit in units_of(project)
        for report in check(
            unit.project, languages, include_fuzzy=include_fuzzy, disable=disable,
            min_translated=min_translated,
        )
    ]  # fmt: skip


def report_sections_all(
    project: Project,
    languages: Sequence[str] = (),
    *,
    documents: Sequence[Document] | None = None,
) -> list[Section]:
    """The report's sections of every catalog (see :func:`.quality.report_sections`)."""
    from .quality import report_sections

    return [
        section
        for unit in units_of(project)
        for section in report_sections(unit.project, languages, documents=documents)
    ]


def evaluate_all(
    project: Project, languages: Sequence[str] = (), *, ref: Path | None = None
) -> list[EvalReport]:
    """Evaluate every catalog (see :func:`.quality.evaluate`)."""
    from .quality import evaluate

    return [
        report
        for unit in units_of(project)
        for report in evaluate(unit.project, languages, ref=ref)
    ]
