"""The pipeline: compose the stages into the project's jobs and return report values.

Each public function is one job of the CLI (extract, init, update, build, stats); it
takes a :class:`~l10n.config.Project` and keyword options, does its work through the
stage modules, and returns frozen reports. Nothing here prints.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from . import __version__, po
from .config import Project
from .document import read_document
from .errors import CatalogError, L10nError, SourceError, UsageError
from .files import write_bytes_atomic, writes_within
from .languages import normalize_language
from .lock import LOCK_NAME, catalog_lock
from .model import Document, Message
from .render import render
from .runstamp import STAMP_NAME, key_of, read_stamp, write_stamp
from .segment import Segmenter, SegmentSettings

P = ParamSpec("P")
R = TypeVar("R")

if TYPE_CHECKING:
    from .engine.base import Engine
    from .merge import MergeResult
    from .translate import TranslateReport

__all__ = [
    "BuildReport",
    "CatalogReport",
    "ExtractReport",
    "RunReport",
    "UpdateReport",
    "build",
    "catalog_languages",
    "extract",
    "init",
    "language_catalog",
    "load_documents",
    "make_engine",
    "make_segmenter",
    "messages_from",
    "outdated_template",
    "run",
    "stats",
    "target_language",
    "target_languages",
    "translate",
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


def make_segmenter(project: Project) -> Segmenter:
    srx_text = None
    if project.srx is not None:
        try:
            srx_text = project.srx.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read SRX rules: {exc}", path=project.srx) from None
    return Segmenter(
        SegmentSettings(
            lang=project.source_lang, srx=srx_text, split_quotations=project.split_quotations
        )
    )


def load_documents(
    project: Project,
    sources: Sequence[Path] | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[Document]:
    """Read and segment the project's sources (or ``sources``).

    ``progress(fraction)`` is called with a non-decreasing fraction of the work (0 to 1,
    by source size) as the sources are segmented.
    """
    return [document for document, _bom in _read_sources(project, sources, progress=progress)]


def _read_sources(
    project: Project,
    sources: Sequence[Path] | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[tuple[Document, bool]]:
    """Each source as a document, with whether it began with a UTF-8 BOM."""
    sources = _sources(project, sources)
    segmenter = make_segmenter(project)
    sizes = [_size(path) for path in sources]
    total, done = sum(sizes) or 1, 0
    documents = []
    for path, size in zip(sources, sizes, strict=True):
        tick = None if progress is None else _scaled(progress, done / total, size / total)
        documents.append(
            read_document(
                path,
                display_path=project.relative(path),
                segmenter=segmenter,
                skip=project.skip,
                encoding=project.encoding,
                progress=tick,
            )
        )
        done += size
    return documents


def _sources(project: Project, sources: Sequence[Path] | None = None) -> Sequence[Path]:
    """The sources to read: ``sources``, else the project's; each an existing file."""
    sources = project.sources if sources is None else sources
    if not sources:
        raise UsageError("no source files: name them, or set 'sources' in l10n.toml")
    for path in sources:
        if not path.is_file():
            reason = "is a directory, not an article" if path.is_dir() else "no such file"
            raise SourceError(reason, path=project.relative(path))
    return sources


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_document reports it


def _scaled(
    progress: Callable[[float], None], base: float, share: float
) -> Callable[[int, int], None]:
    def tick(done: int, total: int) -> None:
        progress(min(1.0, base + share * done / max(total, 1)))

    return tick


def messages_from(documents: Iterable[Document]) -> list[Message]:
    """One message per distinct sentence, in order of first occurrence, with every location."""
    locations: dict[str, list[tuple[str, int]]] = {}
    comments: dict[str, list[str]] = {}
    for document in documents:
        for segment in document.segments:
            locations.setdefault(segment.text, []).append((document.path, segment.line))
            comments.setdefault(segment.text, []).append(
                f"paragraph {segment.paragraph}, sentence {segment.index}"
            )
    return [
        Message(msgid=text, locations=tuple(locations[text]), comments=tuple(comments[text]))
        for text in locations
    ]


def _extract(
    project: Project,
    *,
    sources: Sequence[Path] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ExtractReport:
    """Write the template ``<locales>/<domain>.pot``; an unchanged article changes no byte.

    ``progress`` follows the segmenting, as in :func:`load_documents`.
    """
    messages = messages_from(load_documents(project, sources, progress=progress))
    template = _new_template(project, messages)
    del messages  # the template holds what is needed: a big article is not kept twice
    return _write_template(project, template)


def _new_template(project: Project, messages: Iterable[Message]) -> po.Catalog:
    return po.new_template(
        messages,
        domain=project.domain,
        source_lang=project.source_lang,
        project=project.domain,
        creation_date=datetime.now(UTC),
    )


def _write_template(project: Project, template: po.Catalog) -> ExtractReport:
    """Save ``template`` unless the file on disk holds the same messages."""
    current, changed = _current_template(project, template)
    del current
    written = changed and po.save_catalog(template, project.template_path)
    return ExtractReport(path=project.template_path, messages=len(template), written=written)


def _current_template(project: Project, fresh: po.Catalog) -> tuple[po.Catalog, bool]:
    """The template to use: the one on disk when it holds ``fresh``'s messages (its date
    is kept, so nothing downstream changes), else ``fresh``; and whether it changed."""
    path = project.template_path
    if path.exists():
        old = po.load_catalog(path)
        if po.same_messages(old, fresh):
            return old, False
    return fresh, True


def _template(project: Project) -> po.Catalog:
    path = project.template_path
    if not path.exists():
        raise CatalogError(
            "no template: run `l10n extract` first", path=project.relative(path)
        )
    return po.load_catalog(path)


def language_catalog(project: Project, lang: str) -> po.Catalog:
    """The catalog of ``lang``; a one-line error saying how to create it when missing."""
    path = project.catalog_path(lang)
    if not path.exists():
        raise CatalogError(
            f"no catalog for {lang}: run `l10n init -l {lang}` first",
            path=project.relative(path),
        )
    return po.load_catalog(path)


def target_language(project: Project, lang: str) -> str:
    """``lang`` normalised; UsageError when it is the source language."""
    code = normalize_language(lang)
    if code.split("_")[0] == normalize_language(project.source_lang).split("_")[0]:
        raise UsageError(
            f"{lang} is the source language of the articles: nothing to translate into"
        )
    return code


def target_languages(project: Project, languages: Sequence[str]) -> list[str]:
    """The languages given (else the config's), normalised, each once."""
    langs = [target_language(project, lang) for lang in (languages or project.languages)]
    if not langs:
        raise UsageError("no languages: pass -l LANG, or set 'languages' in l10n.toml")
    return list(dict.fromkeys(langs))


def catalog_languages(project: Project, languages: Sequence[str] = ()) -> list[str]:
    """The languages to work on: those given, else the catalogs on disk, else the config's."""
    if languages:
        return target_languages(project, languages)
    found = sorted(
        p.parent.parent.name for p in project.locales.glob(f"*/LC_MESSAGES/{project.domain}.po")
    )
    return found or target_languages(project, ())


def _init(project: Project, languages: Sequence[str]) -> list[CatalogReport]:
    """Create a catalog for each language that has none; existing ones are left alone."""
    langs = target_languages(project, languages)
    template = _template(project)
    reports = []
    for lang in langs:
        path = project.catalog_path(lang)
        if path.exists():
            reports.append(CatalogReport(lang=lang, path=path, action="exists"))
            continue
        po.save_catalog(po.new_catalog(template, lang=lang), path)
        reports.append(CatalogReport(lang=lang, path=path, action="created"))
    return reports


@dataclass(frozen=True)
class UpdateReport:
    """What ``update`` did: the template extracted first (None when the sources are not
    known and the template on disk was merged), and each catalog."""

    template: ExtractReport | None
    catalogs: list[CatalogReport]


def _update(
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
        extracted = _extract(project, sources=sources or None)
    template = _template(project)
    reports = []
    for lang in catalog_languages(project, languages):
        path = project.catalog_path(lang)
        result = _merge(language_catalog(project, lang), template, fuzzy_matching)
        written = po.save_catalog(result.catalog, path)
        reports.append(_catalog_report(lang, path, result, "updated" if written else "unchanged"))
    return UpdateReport(template=extracted, catalogs=reports)


def _merge(catalog: po.Catalog, template: po.Catalog, fuzzy_matching: bool = True) -> MergeResult:
    from .merge import merge_catalog

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


def _build(
    project: Project,
    languages: Sequence[str] = (),
    *,
    use_fuzzy: bool = False,
    min_translated: float = 0.0,
    sources: Sequence[Path] | None = None,
) -> list[BuildReport]:
    """Compile ``.mo`` files and render each source in each language under ``project.out``.

    Reviewed translations only, unless ``use_fuzzy`` (drafts of the current sentences
    too); stale translations never. A language below ``min_translated`` percent is not
    rendered (its report says why).
    """
    langs = catalog_languages(project, languages)
    documents: list[tuple[Document, bool]] | None = None
    reports = []
    for lang in langs:
        catalog = language_catalog(project, lang)
        if documents is None:
            documents = _read_sources(project, _unique_names(project, sources))
        reports.append(
            _build_language(
                project, lang, catalog, documents, use_fuzzy=use_fuzzy,
                min_translated=min_translated,
            )
        )  # fmt: skip
    return reports


def _build_language(
    project: Project,
    lang: str,
    catalog: po.Catalog,
    documents: Sequence[tuple[Document, bool]],
    *,
    use_fuzzy: bool,
    min_translated: float,
) -> BuildReport:
    from . import reviewstate as rs

    po_path = project.catalog_path(lang)
    mo_path = po_path.with_suffix(".mo")

    entries = list(catalog)
    published = [entry for entry in entries if rs.publishable(entry, drafts=use_fuzzy)]
    chosen = {id(entry) for entry in published}

    def keep(entry: po.CatalogEntry) -> bool:
        return id(entry) in chosen

    _write_if_changed(mo_path, po.compile_mo(catalog, use_fuzzy=True, keep=keep))
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
        text = render(document, translations, drop_skipped=project.skip.output == "drop")
        target = project.out / lang / Path(document.path).name
        _write_if_changed(target, _encode(text, bom=bom, encoding=project.encoding))
        outputs.append(target)
    return BuildReport(lang, po_path, mo_path, percent, tuple(outputs))


def _unique_names(project: Project, sources: Sequence[Path] | None) -> Sequence[Path]:
    """The sources, refused when two share a file name (their outputs would collide)."""
    sources = _sources(project, sources)
    names: dict[str, Path] = {}
    for path in sources:
        if path.name in names and names[path.name] != path:
            raise UsageError(
                f"two sources share the file name {path.name!r}: "
                f"{project.relative(names[path.name])} and {project.relative(path)}"
            )
        names[path.name] = path
    return sources


def outdated_template(project: Project, sources: Sequence[Path] | None = None) -> list[Path]:
    """The sources changed after the template was written (a build would miss their new
    sentences until ``update``); empty when there is no template or no known source."""
    try:
        written = project.template_path.stat().st_mtime_ns
    except OSError:
        return []
    found = []
    for path in project.sources if sources is None else sources:
        try:
            if path.stat().st_mtime_ns > written:
                found.append(path)
        except OSError:
            continue
    return found


def _encode(text: str, *, bom: bool, encoding: str) -> bytes:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise L10nError(
            f"the translation cannot be written in {encoding}: {exc.reason}"
        ) from None
    return (b"\xef\xbb\xbf" if bom else b"") + data


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes_atomic(path, data)
    return True


def stats(project: Project, languages: Sequence[str] = ()) -> list[tuple[str, Path, po.CatalogStats]]:
    """Counts for each language's catalog."""
    rows = []
    for lang in catalog_languages(project, languages):
        rows.append((lang, project.catalog_path(lang), language_catalog(project, lang).stats()))
    return rows


# Machine translation ----------------------------------------------------------------

TranslateProgress = Callable[[str, int, int], None]
"""Called with (language, sentences done, sentences pending)."""


def make_engine(project: Project, *, packages_dir: Path, **overrides: Any) -> Engine:
    """The project's engine with its ``[translate]`` options, overridden by ``overrides``."""
    from .engine import EngineSettings, get_engine

    options = dict(project.translate.options)
    options.update({k: v for k, v in overrides.items() if v is not None})
    try:
        settings = EngineSettings(packages_dir=packages_dir, **options)
    except TypeError as exc:
        raise UsageError(f"bad engine option: {exc}") from None
    return get_engine(project.translate.engine, settings)


def _translate(
    project: Project,
    languages: Sequence[str] = (),
    *,
    engine: Engine,
    refresh: bool = False,
    progress: TranslateProgress | None = None,
) -> list[TranslateReport]:
    """Fill each catalog's pending entries with ``engine``, saving as it goes.

    A catalog with nothing pending is not touched and loads no model. A language that
    fails (no model, a missing catalog, an engine error) does not stop the others: its
    report carries the error, and work finished before it is kept.
    """
    from .translate import TranslateReport

    reports = []
    for lang in catalog_languages(project, languages):
        try:
            catalog = language_catalog(project, lang)
            reports.append(
                _translate_language(
                    project, lang, catalog, engine=engine, refresh=refresh, progress=progress
                )
            )
        except L10nError as exc:
            reports.append(TranslateReport(lang, 0, 0, 0, None, error=_one_line(exc, project)))
    return reports


def _translate_language(
    project: Project,
    lang: str,
    catalog: po.Catalog,
    *,
    engine: Engine,
    refresh: bool = False,
    progress: TranslateProgress | None = None,
) -> TranslateReport:
    from .translate import pending_entries, translate_catalog

    path = project.catalog_path(lang)
    total = len({e.msgid for e in pending_entries(catalog, refresh=refresh)})

    def save() -> None:
        po.save_catalog(catalog, path)

    def tick(done: int) -> None:
        if progress is not None:
            progress(lang, done, total)

    return translate_catalog(
        catalog,
        engine=engine,
        source=project.source_lang,
        target=lang,
        refresh=refresh,
        save=save,
        progress=tick,
    )


def _one_line(error: L10nError, project: Project) -> str:
    """An error as the summary shows it: its path relative to the project, one line."""
    if error.path is not None and "://" not in error.path:
        try:  # the path as given (a link is named, not its target)
            error.path = Path(os.path.abspath(error.path)).relative_to(project.root).as_posix()
        except ValueError:
            error.path = project.relative(Path(error.path))
    return str(error)


@dataclass(frozen=True)
class RunReport:
    """The main job's summary for one language.

    ``error`` is set when the language failed (nothing was written for it, or only work
    finished before the failure); ``skipped_reason`` when the article was not built
    because the catalog is below ``min_translated``.
    """

    lang: str
    catalog: Path
    outputs: tuple[Path, ...] = ()
    machine: int = 0  # entries machine-translated in this run
    reviewed: int = 0  # translated and not fuzzy
    drafts: int = 0  # machine, edited and other fuzzy translations of current sentences
    stale: int = 0  # fuzzy translations of earlier versions of the sentences
    untranslated: int = 0
    warnings: int = 0
    percent: float = 0.0  # share of entries in the built article
    drafts_published: bool = False
    error: str | None = None
    skipped_reason: str | None = None

    @property
    def needs_review(self) -> int:
        return self.drafts + self.stale + self.untranslated

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped_reason is None


def _run(
    project: Project,
    languages: Sequence[str],
    *,
    engine: Engine,
    sources: Sequence[Path] | None = None,
    progress: TranslateProgress | None = None,
    ensure_model: Callable[[str, str], None] | None = None,
    use_fuzzy: bool = False,
    min_translated: float = 0.0,
) -> list[RunReport]:
    """The main job: extract, init or update, translate, build.

    Everything is prepared in memory first: the sources are read, the template made, each
    catalog created or merged and, when it has work for the engine, ``ensure_model(source,
    target)`` called (e.g. to install a missing model) and the engine asked whether it
    has the pair. A language that fails there gets nothing written and does not stop the
    others; when every language fails, nothing is written at all. Then the template and
    catalogs are saved, translated (saving as they go) and built: reviewed translations
    only, unless ``use_fuzzy`` (drafts of the current sentences too; stale ones never).

    A run that finds every file as a complete run with the same settings left it returns
    that run's summary and does nothing else (:mod:`l10n.runstamp`).
    """
    langs = target_languages(project, languages)
    if sources:
        project = dataclasses.replace(project, sources=tuple(sources))
    stamp = project.locales / STAMP_NAME
    key = key_of(
        {
            "l10n": __version__,
            "project": dataclasses.asdict(project),
            "languages": langs,
            "use_fuzzy": use_fuzzy,
            "min_translated": min_translated,
        }
    )
    recorded = read_stamp(stamp, key)
    if recorded is not None:  # nothing changed since a run that left nothing to do
        return [_report_from(report) for report in recorded]
    reports = _run_fresh(
        project, langs, engine=engine, progress=progress, ensure_model=ensure_model,
        use_fuzzy=use_fuzzy, min_translated=min_translated,
    )  # fmt: skip
    if all(report.ok for report in reports):
        done = [_report_json(dataclasses.replace(r, machine=0, warnings=0)) for r in reports]
        try:
            write_stamp(stamp, key, _run_files(project, reports), done)
        except L10nError:
            pass  # a cache: the next run just does its work
    return reports


def _report_json(report: RunReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    data["catalog"] = str(report.catalog)
    data["outputs"] = [str(path) for path in report.outputs]
    return data


def _report_from(data: dict[str, Any]) -> RunReport:
    fields = dict(data)
    fields["catalog"] = Path(fields["catalog"])
    fields["outputs"] = tuple(Path(path) for path in fields["outputs"])
    return RunReport(**fields)


def _run_files(project: Project, reports: Sequence[RunReport]) -> list[Path]:
    """Every file a run read or wrote: what a re-run compares to know it has nothing to do."""
    files = [path for path in (project.config_path, project.srx) if path is not None]
    files += [*project.sources, project.template_path]
    for report in reports:
        files += [report.catalog, report.catalog.with_suffix(".mo"), *report.outputs]
    return files


def _run_fresh(
    project: Project,
    langs: Sequence[str],
    *,
    engine: Engine,
    progress: TranslateProgress | None,
    ensure_model: Callable[[str, str], None] | None,
    use_fuzzy: bool,
    min_translated: float,
) -> list[RunReport]:
    documents = _read_sources(project, _unique_names(project, None))
    fresh = _new_template(project, messages_from(document for document, _ in documents))
    template, changed = _current_template(project, fresh)
    prepared: dict[str, po.Catalog] = {}
    failed: dict[str, str] = {}
    for lang in langs:
        try:
            prepared[lang] = _prepare(project, lang, template, engine, ensure_model)
        except L10nError as exc:
            failed[lang] = _one_line(exc, project)
    if prepared and changed:
        po.save_catalog(template, project.template_path)
    reports = []
    for lang in langs:
        if lang in failed:
            reports.append(RunReport(lang, project.catalog_path(lang), error=failed[lang]))
            continue
        reports.append(
            _run_language(
                project, lang, prepared[lang], documents, engine=engine, progress=progress,
                use_fuzzy=use_fuzzy, min_translated=min_translated,
            )
        )  # fmt: skip
    return reports


def _prepare(
    project: Project,
    lang: str,
    template: po.Catalog,
    engine: Engine,
    ensure_model: Callable[[str, str], None] | None,
) -> po.Catalog:
    """The catalog of ``lang`` in step with ``template`` (new or merged, not yet saved),
    after making sure the engine can translate what it has pending."""
    from .translate import pending_entries

    path = project.catalog_path(lang)
    if path.exists():
        catalog = _merge(po.load_catalog(path), template).catalog
    else:
        catalog = po.new_catalog(template, lang=lang)
    if pending_entries(catalog):
        if ensure_model is not None:
            ensure_model(project.source_lang, lang)
        engine.provenance(source=project.source_lang, target=lang)
    return catalog


def _run_language(
    project: Project,
    lang: str,
    catalog: po.Catalog,
    documents: Sequence[tuple[Document, bool]],
    *,
    engine: Engine,
    progress: TranslateProgress | None,
    use_fuzzy: bool,
    min_translated: float,
) -> RunReport:
    from . import reviewstate as rs

    path = project.catalog_path(lang)
    machine = warnings = 0
    error = None
    try:
        po.save_catalog(catalog, path)
        translated = _translate_language(project, lang, catalog, engine=engine, progress=progress)
        machine, warnings = translated.translated, translated.warnings
        built = _build_language(
            project, lang, catalog, documents, use_fuzzy=use_fuzzy, min_translated=min_translated
        )
    except L10nError as exc:
        error, built = _one_line(exc, project), None
    counts = rs.review_counts(catalog)
    return RunReport(
        lang=lang,
        catalog=path,
        outputs=() if built is None else built.outputs,
        machine=machine,
        reviewed=counts.reviewed,
        drafts=counts.drafts,
        stale=counts.stale,
        untranslated=counts.untranslated,
        warnings=warnings,
        percent=0.0 if built is None else built.percent,
        drafts_published=use_fuzzy,
        error=error,
        skipped_reason=None if built is None else built.skipped_reason,
    )


# Public jobs: each holds the catalog lock while it works ------------------------------

def _locked(job: Callable[Concatenate[Project, P], R]) -> Callable[Concatenate[Project, P], R]:
    """``job`` holding ``<locales>/.l10n.lock`` (re-entrant: run calls the others), writing
    only inside the project's folders (no link leads its writes elsewhere)."""

    @functools.wraps(job)
    def wrapper(project: Project, /, *args: P.args, **kwargs: P.kwargs) -> R:
        created = not project.locales.exists()
        with (
            catalog_lock(project.locales, timeout=project.lock_timeout, sweep=(project.out,)),
            writes_within(*project.write_roots),
        ):
            try:
                return job(project, *args, **kwargs)
            finally:
                if created:
                    _remove_if_only_lock(project.locales)

    return wrapper


def _remove_if_only_lock(folder: Path) -> None:
    """Remove a folder a job created and left with nothing but the lock file in it (a
    job that failed, or wrote nothing), so that the tree is as the job found it."""
    try:
        if [path.name for path in folder.iterdir()] != [LOCK_NAME]:
            return
        (folder / LOCK_NAME).unlink()
        folder.rmdir()
    except OSError:
        pass  # another process is using it: leave it


extract = _locked(_extract)
init = _locked(_init)
update = _locked(_update)
build = _locked(_build)
translate = _locked(_translate)
run = _locked(_run)
