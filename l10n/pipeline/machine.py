"""The machine-translation jobs: translate, and run (the main job).

``run`` composes everything: extract, init or update, translate, build, per language,
failures kept to the language that failed; ``translate`` fills catalogs with an engine.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__, po
from ..config import Project
from ..errors import L10nError, UsageError
from ..model import Document
from ..runstamp import STAMP_NAME, key_of, read_stamp, write_stamp
from .articles import Unit, catalog_units
from .catalogs import build_language, build_template, current_template, merged
from .locking import locked
from .project import (
    catalog_languages,
    language_catalog,
    messages_from,
    one_line,
    read_sources,
    target_languages,
)
from .tm import project_memory

if TYPE_CHECKING:
    from ..engine.base import Engine, Progress, Provenance, Translation
    from ..engine.paths import ArgosPaths
    from ..glossary import Glossary
    from ..translate import MemoryLookup, TranslateReport

__all__ = ["RunReport", "TranslateProgress", "make_engine", "model_locations", "run", "translate"]


TranslateProgress = Callable[[str, int, int], None]
"""Called with (language, sentences done, sentences pending)."""


def model_locations(project: Project, environ: Mapping[str, str]) -> ArgosPaths:
    """Argos's package folder, cache and index URL; the project's settings win over the
    environment's (``ARGOS_PACKAGES_DIR``, ``ARGOS_PACKAGE_INDEX``, XDG folders)."""
    from ..engine.paths import ArgosPaths, argos_paths, index_json_url

    paths = argos_paths(environ)
    settings = project.translate
    return ArgosPaths(
        packages_dir=settings.packages_dir or paths.packages_dir,
        cache_dir=paths.cache_dir,
        index_url=index_json_url(settings.index) if settings.index else paths.index_url,
    )


def make_engine(project: Project, *, packages_dir: Path, **overrides: Any) -> Engine:
    """The project's engine with its ``[translate]`` options, overridden by ``overrides``."""
    from ..engine import EngineSettings, get_engine

    options = dict(project.translate.options)
    options.update({k: v for k, v in overrides.items() if v is not None})
    try:
        settings = EngineSettings(packages_dir=packages_dir, **options)
    except TypeError as exc:
        raise UsageError(f"bad engine option: {exc}") from None
    return get_engine(project.translate.engine, settings)


@locked
def translate(
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
    report carries the error, and work finished before it is kept. The translation
    memory is asked first (see :mod:`l10n.memory`).
    """
    with project_memory(project) as memory:
        return _translate_all(
            project, languages, engine=_OncePerRun(engine), refresh=refresh,
            progress=progress, memory=memory,
        )  # fmt: skip


def _translate_all(
    project: Project,
    languages: Sequence[str],
    *,
    engine: Engine,
    refresh: bool,
    progress: TranslateProgress | None,
    memory: MemoryLookup | None,
) -> list[TranslateReport]:
    from ..translate import TranslateReport
    from .glossary import project_glossary

    reports = []
    glossary = project_glossary(project)
    for unit in catalog_units(project):
        one = unit.project
        for lang in catalog_languages(one, languages):
            path = one.catalog_path(lang)
            try:
                catalog = language_catalog(one, lang)
                reports.append(
                    translate_language(
                        one, lang, catalog, engine=engine, refresh=refresh, progress=progress,
                        glossary=glossary, memory=memory,
                    )
                )  # fmt: skip
            except L10nError as exc:
                error = one_line(exc, project)
                reports.append(TranslateReport(lang, 0, 0, 0, None, error=error, catalog=path))
    return reports


def translate_language(
    project: Project,
    lang: str,
    catalog: po.Catalog,
    *,
    engine: Engine,
    refresh: bool = False,
    progress: TranslateProgress | None = None,
    glossary: Glossary | None = None,
    memory: MemoryLookup | None = None,
) -> TranslateReport:
    from ..translate import pending_entries, translate_catalog

    path = project.catalog_path(lang)
    total = len({e.msgid for e in pending_entries(catalog, refresh=refresh)})

    def save() -> None:
        po.save_catalog(catalog, path)

    def tick(done: int) -> None:
        if progress is not None:
            progress(lang, done, total)

    report = translate_catalog(
        catalog,
        engine=engine,
        source=project.source_lang,
        target=lang,
        refresh=refresh,
        save=save,
        progress=tick,
        glossary=None if glossary is None else glossary.for_language(lang),
        memory=memory,
    )
    return dataclasses.replace(report, catalog=path)


class _OncePerRun:
    """An engine that translates a sentence once per job: a sentence new in several
    catalogs (articles) reaches the engine once, the others get the same result."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = engine.name
        self._done: dict[tuple[str, str, str], Translation] = {}

    def provenance(self, *, source: str, target: str) -> Provenance:
        return self.engine.provenance(source=source, target=target)

    def wants_download(self, *, source: str, target: str) -> bool:
        return self.engine.wants_download(source=source, target=target)

    def preferred_batch(self, source: str, target: str) -> int | None:
        preferred = getattr(self.engine, "preferred_batch", None)
        found: int | None = None if preferred is None else preferred(source, target)
        return found

    def translate_batch(
        self, texts: Sequence[str], *, source: str, target: str, progress: Progress | None = None
    ) -> list[Translation]:
        todo = [text for text in dict.fromkeys(texts) if (source, target, text) not in self._done]
        if todo:
            results = self.engine.translate_batch(
                todo, source=source, target=target, progress=progress
            )
            for text, result in zip(todo, results, strict=True):
                self._done[(source, target, text)] = result
        if progress is not None and texts:
            progress(len(texts))
        return [self._done[(source, target, text)] for text in texts]


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
    memory: int = 0  # entries filled from the translation memory in this run
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


@locked
def run(
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

    Everything is prepared in memory first: the sources are read, the template made, each catalog
    created or merged and, when it has work for the engine, ``ensure_model(source, target)`` called
    if the engine wants a model downloaded (e.g. to install it) and the engine asked whether it has
    the pair. A language that fails there gets nothing written and does not stop the others; when
    every language fails, nothing is written at all. Then the template and catalogs are saved,
    translated (saving as they go) and built: reviewed translations only, unless ``use_fuzzy``
    (drafts of the current sentences too; stale ones never).

    A run that finds every file as a complete run with the same settings left it returns
    that run's summary and does nothing else (:mod:`l10n.runstamp`).

    Every catalog of the project is run (one per article, or the shared one: see
    :mod:`.articles`), each language of each; the reports come in catalog order.
    """
    langs = target_languages(project, languages)
    if sources:
        project = dataclasses.replace(project, sources=tuple(sources))
    units = catalog_units(project)
    stamp = project.locales / STAMP_NAME
    key = key_of(
        {
            "l10n": __version__,
            "project": dataclasses.asdict(project),
            "catalogs": [[u.project.domain, *map(str, u.project.sources)] for u in units],
            "languages": langs,
            "use_fuzzy": use_fuzzy,
            "min_translated": min_translated,
        }
    )
    recorded = read_stamp(stamp, key)
    if recorded is not None:  # nothing changed since a run that left nothing to do
        return [_report_from(report) for report in recorded]
    from .glossary import project_glossary

    reports = []
    once = _OncePerRun(engine)
    glossary = project_glossary(project)  # once; a bad glossary fails the run before any write
    with project_memory(project) as memory:
        for unit in units:
            reports += _run_fresh(
                unit, langs, engine=once, progress=progress, ensure_model=ensure_model,
                use_fuzzy=use_fuzzy, min_translated=min_translated, memory=memory,
                glossary=glossary,
            )  # fmt: skip
    if all(report.ok for report in reports):
        done = [
            _report_json(dataclasses.replace(r, machine=0, warnings=0, memory=0))
            for r in reports
        ]
        with contextlib.suppress(L10nError):  # a cache: the next run just does its work
            write_stamp(stamp, key, _run_files(project, units, reports), done)
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


def _run_files(
    project: Project, units: Sequence[Unit], reports: Sequence[RunReport]
) -> list[Path]:
    """Every file a run read or wrote: what a re-run compares to know it has nothing to do."""
    files = [
        path
        for path in (project.config_path, project.srx, project.glossary.file)
        if path is not None
    ]
    for unit in units:
        files += [*unit.project.sources, unit.project.template_path]
    for report in reports:
        files += [report.catalog, report.catalog.with_suffix(".mo"), *report.outputs]
    return files


def _run_fresh(
    unit: Unit,
    langs: Sequence[str],
    *,
    engine: Engine,
    progress: TranslateProgress | None,
    ensure_model: Callable[[str, str], None] | None,
    use_fuzzy: bool,
    min_translated: float,
    memory: MemoryLookup | None,
    glossary: Glossary | None,
) -> list[RunReport]:
    project = unit.project
    documents = read_sources(project)  # their built names were checked with the unit's
    fresh = build_template(project, messages_from(document for document, _ in documents))
    template, changed = current_template(project, fresh)
    prepared: dict[str, po.Catalog] = {}
    failed: dict[str, str] = {}
    for lang in langs:
        try:
            prepared[lang] = _prepare(project, lang, template, engine, ensure_model, memory)
        except L10nError as exc:
            failed[lang] = one_line(exc, project)
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
                use_fuzzy=use_fuzzy, min_translated=min_translated, names=unit.names,
                glossary=glossary, memory=memory,
            )
        )  # fmt: skip
    return reports


def _prepare(
    project: Project,
    lang: str,
    template: po.Catalog,
    engine: Engine,
    ensure_model: Callable[[str, str], None] | None,
    memory: MemoryLookup | None = None,
) -> po.Catalog:
    """The catalog of ``lang`` in step with ``template`` (new or merged, not yet saved),
    after making sure the engine can translate what it has pending (what the memory has
    an exact match for does not count)."""
    from ..translate import pending_entries

    path = project.catalog_path(lang)
    if path.exists():
        catalog = merged(po.load_catalog(path), template).catalog
    else:
        catalog = po.new_catalog(template, lang=lang)
    pending = pending_entries(catalog)
    if memory is not None:
        source = project.source_lang
        pending = [e for e in pending if memory.exact(e.msgid, source=source, target=lang) is None]
    if pending:
        wants = engine.wants_download(source=project.source_lang, target=lang)
        if ensure_model is not None and wants:
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
    names: Mapping[str, str],
    glossary: Glossary | None = None,
    memory: MemoryLookup | None = None,
) -> RunReport:
    from .. import reviewstate as rs

    path = project.catalog_path(lang)
    machine = warnings = recalled = 0
    error = None
    try:
        po.save_catalog(catalog, path)
        translated = translate_language(
            project, lang, catalog, engine=engine, progress=progress, glossary=glossary,
            memory=memory,
        )
        machine, warnings, recalled = translated.translated, translated.warnings, translated.memory
        built = build_language(
            project, lang, catalog, documents, use_fuzzy=use_fuzzy,
            min_translated=min_translated, names=names,
        )  # fmt: skip
    except L10nError as exc:
        error, built = one_line(exc, project), None
    counts = rs.review_counts(catalog)
    return RunReport(
        lang=lang,
        catalog=path,
        outputs=() if built is None else built.outputs,
        machine=machine,
        memory=recalled,
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
