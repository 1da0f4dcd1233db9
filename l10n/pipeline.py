"""The pipeline: compose the stages into the project's jobs and return report values.

Each public function is one job of the CLI (extract, init, update, build, stats); it
takes a :class:`~l10n.config.Project` and keyword options, does its work through the
stage modules, and returns frozen reports. Nothing here prints.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from . import catalog as cat
from .config import Project
from .document import read_document
from .errors import CatalogError, L10nError, SourceError, UsageError
from .files import writes_within
from .lock import catalog_lock
from .model import Document, Message
from .render import render
from .segment import Segmenter, SegmentSettings

P = ParamSpec("P")
R = TypeVar("R")

if TYPE_CHECKING:
    from .engine.base import Engine
    from .translate import TranslateReport

__all__ = [
    "BuildReport",
    "CatalogReport",
    "ExtractReport",
    "RunReport",
    "build",
    "catalog_languages",
    "extract",
    "init",
    "language_catalog",
    "load_documents",
    "make_engine",
    "make_segmenter",
    "messages_from",
    "run",
    "stats",
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
    sources = project.sources if sources is None else sources
    if not sources:
        raise UsageError("no source files: name them, or set 'sources' in l10n.toml")
    segmenter = make_segmenter(project)
    sizes = [_size(path) for path in sources]
    total, done = sum(sizes) or 1, 0
    documents = []
    for path, size in zip(sources, sizes, strict=True):
        tick = None if progress is None else _scaled(progress, done / total, size / total)
        document, _bom = read_document(
            path,
            display_path=project.relative(path),
            segmenter=segmenter,
            skip=project.skip,
            encoding=project.encoding,
            progress=tick,
        )
        documents.append(document)
        done += size
    return documents


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
    count, path = len(messages), project.template_path
    template = cat.new_template(
        messages,
        domain=project.domain,
        source_lang=project.source_lang,
        project=project.domain,
        creation_date=datetime.now(UTC),
    )
    del messages  # the template holds what is needed: a big article is not kept twice
    if path.exists():
        old = cat.load_catalog(path)
        if cat.same_messages(old, template):
            return ExtractReport(path=path, messages=count, written=False)
        del old
    written = cat.save_catalog(template, path)
    return ExtractReport(path=path, messages=count, written=written)


def _template(project: Project) -> cat.Catalog:
    path = project.template_path
    if not path.exists():
        raise CatalogError(
            "no template: run `l10n extract` first", path=project.relative(path)
        )
    return cat.load_catalog(path)


def language_catalog(project: Project, lang: str) -> cat.Catalog:
    """The catalog of ``lang``; a one-line error saying how to create it when missing."""
    path = project.catalog_path(lang)
    if not path.exists():
        raise CatalogError(
            f"no catalog for {lang}: run `l10n init -l {lang}` first",
            path=project.relative(path),
        )
    return cat.load_catalog(path)


def catalog_languages(project: Project, languages: Sequence[str] = ()) -> list[str]:
    """The languages to work on: those given, else the catalogs on disk, else the config's."""
    if languages:
        return [cat.normalize_language(lang) for lang in languages]
    found = sorted(
        p.parent.parent.name for p in project.locales.glob(f"*/LC_MESSAGES/{project.domain}.po")
    )
    if found:
        return found
    if project.languages:
        return [cat.normalize_language(lang) for lang in project.languages]
    raise UsageError("no languages: pass -l LANG, or set 'languages' in l10n.toml")


def _init(project: Project, languages: Sequence[str]) -> list[CatalogReport]:
    """Create a catalog for each language that has none; existing ones are left alone."""
    langs = catalog_languages(project, languages) if languages else [
        cat.normalize_language(lang) for lang in project.languages
    ]
    if not langs:
        raise UsageError("no languages: pass -l LANG, or set 'languages' in l10n.toml")
    template = _template(project)
    reports = []
    for lang in langs:
        path = project.catalog_path(lang)
        if path.exists():
            reports.append(CatalogReport(lang=lang, path=path, action="exists"))
            continue
        cat.save_catalog(cat.new_catalog(template, lang=lang), path)
        reports.append(CatalogReport(lang=lang, path=path, action="created"))
    return reports


def _update(
    project: Project, languages: Sequence[str] = (), *, fuzzy_matching: bool = True
) -> list[CatalogReport]:
    """Merge the template into each catalog, keeping every translation."""
    template = _template(project)
    reports = []
    for lang in catalog_languages(project, languages):
        from .merge import merge_catalog

        path = project.catalog_path(lang)
        catalog = language_catalog(project, lang)
        result = merge_catalog(catalog, template, fuzzy_matching=fuzzy_matching)
        written = cat.save_catalog(result.catalog, path)
        reports.append(
            CatalogReport(
                lang=lang,
                path=path,
                action="updated" if written else "unchanged",
                kept=result.kept,
                fuzzy_matched=result.fuzzy_matched,
                added=result.added,
                obsoleted=result.obsoleted,
                revived=result.revived,
            )
        )
    return reports


def _build(
    project: Project,
    languages: Sequence[str] = (),
    *,
    use_fuzzy: bool = False,
    min_translated: float = 0.0,
    sources: Sequence[Path] | None = None,
) -> list[BuildReport]:
    """Compile ``.mo`` files and render each source in each language under ``project.out``."""
    langs = catalog_languages(project, languages)
    documents: list[tuple[Document, bool]] | None = None
    reports = []
    for lang in langs:
        po_path = project.catalog_path(lang)
        catalog = language_catalog(project, lang)
        mo_path = po_path.with_suffix(".mo")
        _write_if_changed(mo_path, cat.compile_mo(catalog, use_fuzzy=use_fuzzy))
        counts = catalog.stats()
        done = counts.translated + (counts.fuzzy if use_fuzzy else 0)
        percent = 100.0 if counts.entries == 0 else 100.0 * done / counts.entries
        if percent < min_translated:
            reason = f"{percent:.1f}% translated, below the minimum of {min_translated:g}%"
            reports.append(BuildReport(lang, po_path, mo_path, percent, (), reason))
            continue
        if documents is None:
            documents = _documents_with_bom(project, sources)
        translations = catalog.translations(use_fuzzy=use_fuzzy)
        outputs = []
        for document, bom in documents:
            text = render(document, translations, drop_skipped=project.skip.output == "drop")
            target = project.out / lang / Path(document.path).name
            _write_if_changed(target, _encode(text, bom=bom, encoding=project.encoding))
            outputs.append(target)
        reports.append(BuildReport(lang, po_path, mo_path, percent, tuple(outputs)))
    return reports


def _documents_with_bom(
    project: Project, sources: Sequence[Path] | None
) -> list[tuple[Document, bool]]:
    sources = project.sources if sources is None else sources
    if not sources:
        raise UsageError("no source files: name them, or set 'sources' in l10n.toml")
    names: dict[str, Path] = {}
    for path in sources:
        if path.name in names and names[path.name] != path:
            raise UsageError(
                f"two sources share the file name {path.name!r}: "
                f"{project.relative(names[path.name])} and {project.relative(path)}"
            )
        names[path.name] = path
    segmenter = make_segmenter(project)
    return [
        read_document(
            path,
            display_path=project.relative(path),
            segmenter=segmenter,
            skip=project.skip,
            encoding=project.encoding,
        )
        for path in sources
    ]


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
    cat.write_bytes_atomic(path, data)
    return True


def stats(project: Project, languages: Sequence[str] = ()) -> list[tuple[str, Path, cat.CatalogStats]]:
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
    """Fill each catalog's pending entries with ``engine``, saving after every chunk.

    A catalog with nothing pending is not touched and loads no model.
    """
    from .translate import pending_entries, translate_catalog

    reports = []
    for lang in catalog_languages(project, languages):
        path = project.catalog_path(lang)
        catalog = language_catalog(project, lang)
        total = len({e.msgid for e in pending_entries(catalog, refresh=refresh)})

        def save(catalog: cat.Catalog = catalog, path: Path = path) -> None:
            cat.save_catalog(catalog, path)

        def tick(done: int, lang: str = lang, total: int = total) -> None:
            if progress is not None:
                progress(lang, done, total)

        reports.append(
            translate_catalog(
                catalog,
                engine=engine,
                source=project.source_lang,
                target=lang,
                refresh=refresh,
                save=save,
                progress=tick,
            )
        )
    return reports


@dataclass(frozen=True)
class RunReport:
    """The main job's summary for one language."""

    lang: str
    catalog: Path
    outputs: tuple[Path, ...]
    machine: int  # entries machine-translated in this run
    reviewed: int  # translated and not fuzzy
    needs_review: int  # fuzzy
    untranslated: int
    warnings: int


def _run(
    project: Project,
    languages: Sequence[str],
    *,
    engine: Engine,
    sources: Sequence[Path] | None = None,
    progress: TranslateProgress | None = None,
    ensure_model: Callable[[str, str], None] | None = None,
) -> list[RunReport]:
    """The main job: extract, init or update, translate, build (machine output included).

    ``ensure_model(source, target)`` is called before translating for each language
    whose catalog has untranslated entries, e.g. to install a missing model; it raises
    to stop the job (the template and catalogs are then written, none translated).
    """
    langs = [cat.normalize_language(lang) for lang in (languages or project.languages)]
    if not langs:
        raise UsageError("no languages: pass -l LANG, or set 'languages' in l10n.toml")
    if sources:
        project = dataclasses.replace(project, sources=tuple(sources))
    extract(project)
    existing = [lang for lang in langs if project.catalog_path(lang).exists()]
    if existing:
        update(project, existing)
    missing = [lang for lang in langs if lang not in existing]
    if missing:
        init(project, missing)
    if ensure_model is not None:
        from .translate import pending_entries

        for lang in langs:
            if pending_entries(cat.load_catalog(project.catalog_path(lang))):
                ensure_model(project.source_lang, lang)
    translated = {r.lang: r for r in translate(project, langs, engine=engine, progress=progress)}
    built = {r.lang: r for r in build(project, langs, use_fuzzy=True)}
    reports = []
    for lang in langs:
        counts = cat.load_catalog(project.catalog_path(lang)).stats()
        reports.append(
            RunReport(
                lang=lang,
                catalog=project.catalog_path(lang),
                outputs=built[lang].outputs,
                machine=translated[lang].translated,
                reviewed=counts.translated,
                needs_review=counts.fuzzy,
                untranslated=counts.untranslated,
                warnings=translated[lang].warnings,
            )
        )
    return reports


# Public jobs: each holds the catalog lock while it works ------------------------------

def _locked(job: Callable[Concatenate[Project, P], R]) -> Callable[Concatenate[Project, P], R]:
    """``job`` holding ``<locales>/.l10n.lock`` (re-entrant: run calls the others), writing
    only inside the project's folders (no link leads its writes elsewhere)."""

    @functools.wraps(job)
    def wrapper(project: Project, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with (
            catalog_lock(project.locales, timeout=project.lock_timeout, sweep=(project.out,)),
            writes_within(*project.write_roots),
        ):
            return job(project, *args, **kwargs)

    return wrapper


extract = _locked(_extract)
init = _locked(_init)
update = _locked(_update)
build = _locked(_build)
translate = _locked(_translate)
run = _locked(_run)
