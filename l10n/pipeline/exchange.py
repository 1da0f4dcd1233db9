"""The exchange jobs: a language's catalog exported as XLIFF 2.0, an agency's XLIFF
imported back into it (see :mod:`l10n.exchange` for the mapping and the merge rules)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..config import Project, plain_name_problem
from ..errors import CatalogError, read_failure
from ..exchange import (
    ImportReport,
    XliffDocument,
    format_xliff,
    merge_translations,
    parse_xliff,
)
from ..files import write_bytes_atomic, writes_within
from .locking import locked
from .project import language_catalog, target_language

__all__ = ["ExportReport", "ImportResult", "default_xliff_path", "xliff_export", "xliff_import"]


@dataclass(frozen=True)
class ExportReport:
    lang: str
    catalog: Path
    path: Path | None  # None: written to stdout (``data``)
    units: int
    obsolete: int
    data: bytes


@dataclass(frozen=True)
class ImportResult:
    lang: str
    catalog: Path
    written: bool
    report: ImportReport


def default_xliff_path(project: Project, lang: str) -> Path:
    """Where ``xliff export`` writes by default: ``<out>/<domain>.<lang>.xlf``."""
    return project.out / f"{project.domain}.{lang}.xlf"


def xliff_export(project: Project, lang: str, output: Path | None) -> ExportReport:
    """The XLIFF of ``lang``'s catalog, written to ``output`` (None: returned only).

    ``output`` may lie outside the project: the user named it."""
    lang = target_language(project, lang)
    if output is None:
        return _export(project, lang, None)
    with writes_within(*project.write_roots, output.absolute().parent):
        return _export(project, lang, output)


@locked
def _export(project: Project, lang: str, output: Path | None) -> ExportReport:
    catalog = language_catalog(project, lang)
    path = project.catalog_path(lang)
    data = format_xliff(
        catalog,
        source_lang=project.source_lang,
        target_lang=lang,
        domain=project.domain,
        original=project.relative(path),
    )
    if output is not None:
        write_bytes_atomic(output, data)
    return ExportReport(
        lang=lang,
        catalog=path,
        path=output,
        units=len(catalog),
        obsolete=len(catalog.obsolete_entries()),
        data=data,
    )


def xliff_import(
    project: Project, source: Path, *, dry_run: bool = False, on: date | None = None
) -> ImportResult:
    """Merge the translations of the XLIFF file ``source`` into the project's catalog of
    its target language (and domain); with ``dry_run``, write nothing. The file is read
    and checked before anything else: a bad one changes nothing."""
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise CatalogError(read_failure(error, directory="is a directory, not an XLIFF file"),
                           path=source) from None  # fmt: skip
    document = parse_xliff(data, path=str(source))
    problem = plain_name_problem(document.target_lang)
    if problem is not None:
        raise CatalogError(f"trgLang {document.target_lang!r} is {problem}", path=source)
    lang = target_language(project, document.target_lang)
    if document.domain is not None and document.domain != project.domain:
        problem = plain_name_problem(document.domain)
        if problem is not None:
            raise CatalogError(f"domain {document.domain!r} is {problem}", path=source)
        project = dataclasses.replace(project, domain=document.domain)
    signer = f"xliff:{Path(source).name}"
    return _import(project, lang, document, dry_run=dry_run, signer=signer,
                   on=on or date.today())  # fmt: skip


@locked
def _import(
    project: Project, lang: str, document: XliffDocument, *, dry_run: bool, signer: str, on: date
) -> ImportResult:
    from ..po import save_catalog

    catalog = language_catalog(project, lang)
    report = merge_translations(catalog, document, signer=signer, on=on)
    path = project.catalog_path(lang)
    written = False if dry_run else save_catalog(catalog, path)
    return ImportResult(lang=lang, catalog=path, written=written, report=report)
