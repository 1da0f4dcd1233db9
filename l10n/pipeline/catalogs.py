"""The catalog jobs: extract, init, update, build, stats.

Each takes a :class:`~l10n.config.Project` and keyword options, works through the stages
(segment, po, merge, render) while holding the project's lock, and returns reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import po
from ..config import Project
from ..errors import L10nError
from ..model import Document, Message
from ..render import render
from .locking import locked
from .project import (
    catalog_languages,
    language_catalog,
    load_documents,
    messages_from,
    read_sources,
    target_languages,
    template_on_disk,
    unique_names,
    write_if_changed,
)

if TYPE_CHECKING:
    from ..merge import MergeResult

__all__ = [
    "BuildReport",
    "CatalogReport",
    "ExtractReport",
    "UpdateReport",
    "build",
    "build_language",
    "build_template",
    "current_template",
    "extract",
    "init",
    "merged",
    "stats",
    "update",
]


@dataclass(frozen=True)
class ExtractReport:
    path: Path
    messages: int
    written: bool


@dataclass(frozen=True)
class CatalogReport:
    """What a job did to one language's catalog."""

    lang: str
    path: Path
    action: str  # "created", "exists", "updated", "unchanged"
    kept: int = 0
    fuzzy_matched: int = 0
    added: int = 0
    obsoleted: int = 0
    revived: int = 0


@dataclass(frozen=True)
class BuildReport:
    lang: str
    catalog: Path
    mo: Path
    percent: float
    outputs: tuple[Path, ...]
    skipped_reason: str | None = None  # set when the language was not rendered


@dataclass(frozen=True)
class UpdateReport:
    """What ``update`` did: the template extracted first (None when the sources are not
    known and the template on disk was merged), and each catalog."""

    template: ExtractReport | None
    catalogs: list[CatalogReport]
    path: Path | None = None  # the template merged


@locked
def extract(
    project: Project,
    *,
    sources: Sequence[Path] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ExtractReport:
    """Write the template ``<locales>/<domain>.pot``; an unchanged article changes no byte.

    ``progress`` follows the segmenting, as in :func:`load_documents`.
    """
    messages = messages_from(load_documents(project, sources, progress=progress))
    template = build_template(project, messages)
    del messages  # the template holds what is needed: a big article is not kept twice
    return _write_template(project, template)


def build_template(project: Project, messages: Iterable[Message]) -> po.Catalog:
    return po.new_template(
        messages,
        domain=project.domain,
        source_lang=project.source_lang,
        project=project.domain,
        creation_date=datetime.now(UTC),
    )


def _write_template(project: Project, template: po.Catalog) -> ExtractReport:
    """Save ``template`` unless the file on disk holds the same messages."""
    current, changed = current_template(project, template)
    del current
    written = changed and po.save_catalog(template, project.template_path)
    return ExtractReport(path=project.template_path, messages=len(template), written=written)


def current_template(project: Project, fresh: po.Catalog) -> tuple[po.Catalog, bool]:
    """The template to use: the one on disk when it holds ``fresh``'s messages (its date
    is kept, so nothing downstream changes), else ``fresh``; and whether it changed."""
    path = project.template_path
    if path.exists():
        old = po.load_catalog(path)
        if po.same_messages(old, fresh):
            return old, False
    return fresh, True


@locked
def init(project: Project, languages: Sequence[str]) -> list[CatalogReport]:
    """Create a catalog for each language that has none; existing ones are left alone."""
    langs = target_languages(project, languages)
    template = template_on_disk(project)
    reports = []
    for lang in langs:
        path = project.catalog_path(lang)
        if path.exists():
            reports.append(CatalogReport(lang=lang, path=path, action="exists"))
            continue
        po.save_catalog(po.new_catalog(template, lang=lang), path)
        reports.append(CatalogReport(lang=lang, path=path, action="created"))
    return reports


@locked
def update(
    project: Project,
    languages: Sequence[str] = (),
    *,
    fuzzy_matching: bool = True,
    sources: Sequence[Path] | None = None,
) -> UpdateReport:
    """Extract the template from the sources when they are known (arguments or config),
    then merge it into each catalog, keeping every translation."""
    extracted = None
    if sources or project.sources:
        extracted = extract(project, sources=sources or None)
    template = template_on_disk(project)
    reports = []
    for lang in catalog_languages(project, languages):
        path = project.catalog_path(lang)
        result = merged(language_catalog(project, lang), template, fuzzy_matching)
        written = po.save_catalog(result.catalog, path)
        reports.append(_catalog_report(lang, path, result, "updated" if written else "unchanged"))
    return UpdateReport(template=extracted, catalogs=reports, path=project.template_path)


def merged(catalog: po.Catalog, template: po.Catalog, fuzzy_matching: bool = True) -> MergeResult:
    from ..merge import merge_catalog

    return merge_catalog(catalog, template, fuzzy_matching=fuzzy_matching)


def _catalog_report(lang: str, path: Path, result: MergeResult, action: str) -> CatalogReport:
    return CatalogReport(
        lang=lang,
        path=path,
        action=action,
        kept=result.kept,
        fuzzy_matched=result.fuzzy_matched,
        added=result.added,
        obsoleted=result.obsoleted,
        revived=result.revived,
    )


@locked
def build(
    project: Project,
    languages: Sequence[str] = (),
    *,
    use_fuzzy: bool = False,
    min_translated: float = 0.0,
    sources: Sequence[Path] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[BuildReport]:
    """Compile ``.mo`` files and render each source in each language under ``project.out``.

    Reviewed translations only, unless ``use_fuzzy`` (drafts of the current sentences
    too); stale translations never. A language below ``min_translated`` percent is not
    rendered (its report says why). ``names``: where each source is built (see
    :func:`build_language`).
    """
    langs = catalog_languages(project, languages)
    documents: list[tuple[Document, bool]] | None = None
    reports = []
    for lang in langs:
        catalog = language_catalog(project, lang)
        if documents is None:
            named = sources if names is not None else unique_names(project, sources)
            documents = read_sources(project, named)
        reports.append(
            build_language(
                project, lang, catalog, documents, use_fuzzy=use_fuzzy,
                min_translated=min_translated, names=names,
            )
        )  # fmt: skip
    return reports


def build_language(
    project: Project,
    lang: str,
    catalog: po.Catalog,
    documents: Sequence[tuple[Document, bool]],
    *,
    use_fuzzy: bool,
    min_translated: float,
    names: Mapping[str, str] | None = None,
) -> BuildReport:
    """Build ``lang``: its ``.mo`` file and each document as ``<out>/<lang>/<name>``,
    the name from ``names`` (a document's path -> its built name, see
    :func:`.articles.output_names`), else the document's file name."""
    from .. import reviewstate as rs

    po_path = project.catalog_path(lang)
    mo_path = po_path.with_suffix(".mo")

    entries = list(catalog)
    published = [entry for entry in entries if rs.publishable(entry, drafts=use_fuzzy)]
    chosen = {id(entry) for entry in published}

    def keep(entry: po.CatalogEntry) -> bool:
        return id(entry) in chosen

    write_if_changed(mo_path, po.compile_mo(catalog, use_fuzzy=True, keep=keep))
    percent = 100.0 if not entries else 100.0 * len(published) / len(entries)
    if percent < min_translated:
        what = "translated (drafts included)" if use_fuzzy else "reviewed"
        reason = f"{percent:.1f}% {what}, below the minimum of {min_translated:g}%"
        return BuildReport(lang, po_path, mo_path, percent, (), reason)
    translations = {
        entry.msgid: entry.msgstr
        for entry in published
        if entry.msgctxt is None and not entry.msgid_plural
    }
    outputs = []
    for document, bom in documents:
        text = render(
            document, translations, drop_skipped=project.skip.output == "drop", lang=lang
        )
        target = project.out / lang / (names or {}).get(document.path, Path(document.path).name)
        write_if_changed(target, _encode(text, bom=bom, encoding=project.encoding))
        outputs.append(target)
    return BuildReport(lang, po_path, mo_path, percent, tuple(outputs))


def _encode(text: str, *, bom: bool, encoding: str) -> bytes:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise L10nError(
            f"the translation cannot be written in {encoding}: {exc.reason}"
        ) from None
    return (b"\xef\xbb\xbf" if bom else b"") + data


def stats(
    project: Project, languages: Sequence[str] = ()
) -> list[tuple[str, Path, po.CatalogStats]]:
    """Counts for each language's catalog."""
    rows = []
    for lang in catalog_languages(project, languages):
        rows.append((lang, project.catalog_path(lang), language_catalog(project, lang).stats()))
    return rows
