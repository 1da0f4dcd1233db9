"""The quality jobs: check (the publish gate), the HTML report's sections, eval.

They read catalogs and report; only ``check`` may write (a JUnit file, by its caller).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import po
from ..config import Project
from ..errors import ConfigError, UsageError
from ..languages import normalize_language
from ..model import Document
from .project import catalog_languages, language_catalog

if TYPE_CHECKING:
    from ..checks.gate import CatalogCheck
    from ..evaluate import EvalReport
    from ..report import Section

__all__ = ["check", "evaluate", "report_sections"]


def check(
    project: Project,
    languages: Sequence[str] = (),
    *,
    include_fuzzy: bool = True,
    disable: Collection[str] = (),
    min_translated: float | None = None,
) -> list[CatalogCheck]:
    """Check each language's catalog: the publish gate (see :mod:`l10n.checks.gate`).

    ``disable`` adds to the config's ``[check] disable``; an unknown name there is a
    UsageError, in the config a ConfigError naming the file.
    """
    from ..checks import validate_check_names
    from ..checks.gate import check_catalog
    from .glossary import project_glossary

    validate_check_names(disable)
    try:
        configured = validate_check_names(project.check.disable)
    except UsageError as error:
        raise ConfigError(f"[check] disable: {error.message}", path=project.config_path) from None
    glossary = project_glossary(project)
    reports = []
    for lang in catalog_languages(project, languages):
        reports.append(
            check_catalog(
                language_catalog(project, lang),
                lang=lang,
                source_lang=project.source_lang,
                path=project.relative(project.catalog_path(lang)),
                include_fuzzy=include_fuzzy,
                disable={*configured, *disable},
                min_translated=min_translated,
                glossary=None if glossary is None else glossary.for_language(lang),
            )
        )
    return reports


def report_sections(
    project: Project,
    languages: Sequence[str] = (),
    *,
    documents: Sequence[Document] | None = None,
) -> list[Section]:
    """The report's section for each language's catalog, with its check issues."""
    from ..report import build_section, catalog_issues
    from .glossary import project_glossary

    glossary = project_glossary(project)
    sections = []
    for lang in catalog_languages(project, languages):
        shown = project.relative(project.catalog_path(lang))
        catalog = language_catalog(project, lang)
        issues = catalog_issues(
            catalog, lang=lang, source_lang=project.source_lang, path=shown,
            glossary=None if glossary is None else glossary.for_language(lang),
        )  # fmt: skip
        sections.append(
            build_section(
                catalog,
                lang=lang,
                source_lang=project.source_lang,
                path=shown,
                documents=documents,
                issues=issues,
            )
        )
    return sections




def evaluate(
    project: Project, languages: Sequence[str] = (), *, ref: Path | None = None
) -> list[EvalReport]:
    """Evaluate each language's catalog; ``ref`` (one reference catalog) needs one language."""
    from ..evaluate import evaluate_against, evaluate_reviewed

    langs = catalog_languages(project, languages)
    if ref is not None and len(langs) != 1:
        raise UsageError(f"--ref is one language's reference: choose one of {', '.join(langs)}")
    reports = []
    for lang in langs:
        path = project.catalog_path(lang)
        catalog = language_catalog(project, lang)
        catalog.path = project.relative(path)
        if ref is None:
            reports.append(evaluate_reviewed(catalog, lang=lang))
            continue
        reference = po.load_catalog(ref)
        _same_language(reference, lang, path=str(ref))
        reports.append(evaluate_against(catalog, reference, lang=lang))
    return reports




def _same_language(reference: po.Catalog, lang: str, *, path: str) -> None:
    declared = reference.language
    if declared and normalize_language(declared) != lang:
        raise UsageError(f"{path} is a catalog for {declared!r}, not {lang!r}")
