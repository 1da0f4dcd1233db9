"""The project's layout and inputs: languages, catalogs on disk, sources, outputs.

What every job needs to find its way: which target languages (:func:`target_languages`,
:func:`catalog_languages`), where a language's catalog is and how to load it
(:func:`language_catalog`), the template on disk, the sources read and segmented
(:func:`load_documents`), and how results are written (:func:`write_if_changed`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .. import po
from ..config import Project
from ..document import read_document
from ..errors import CatalogError, L10nError, SourceError, UsageError
from ..files import write_bytes_atomic
from ..languages import normalize_language
from ..model import Document, Message
from ..segment import Segmenter, SegmentSettings

__all__ = [
    "catalog_languages",
    "language_catalog",
    "load_documents",
    "make_segmenter",
    "messages_from",
    "one_line",
    "outdated_template",
    "read_sources",
    "source_paths",
    "target_language",
    "target_languages",
    "template_on_disk",
    "unique_names",
    "write_if_changed",
]


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


def language_catalog(project: Project, lang: str) -> po.Catalog:
    """The catalog of ``lang``; a one-line error saying how to create it when missing."""
    path = project.catalog_path(lang)
    if not path.exists():
        raise CatalogError(
            f"no catalog for {lang}: run `l10n init -l {lang}` first",
            path=project.relative(path),
        )
    return po.load_catalog(path)


def template_on_disk(project: Project) -> po.Catalog:
    path = project.template_path
    if not path.exists():
        raise CatalogError(
            "no template: run `l10n extract` first", path=project.relative(path)
        )
    return po.load_catalog(path)


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
    return [document for document, _bom in read_sources(project, sources, progress=progress)]


def read_sources(
    project: Project,
    sources: Sequence[Path] | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[tuple[Document, bool]]:
    """Each source as a document, with whether it began with a UTF-8 BOM."""
    from ..formats import format_for

    sources = source_paths(project, sources)
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
                format=format_for(path, project.format),
                formats=project.formats,
            )
        )
        done += size
    return documents


def source_paths(project: Project, sources: Sequence[Path] | None = None) -> Sequence[Path]:
    """The sources to read: ``sources``, else the project's, folders and globs expanded
    (see :mod:`.articles`); each an existing file."""
    from .articles import expand_sources

    sources = project.sources if sources is None else sources
    if not sources:
        raise UsageError("no source files: name them, or set 'sources' in l10n.toml")
    paths = [source.path for source in expand_sources(project, sources)]
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file", path=project.relative(path))
    return paths


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
                segment.label or f"paragraph {segment.paragraph}, sentence {segment.index}"
            )
    return [
        Message(msgid=text, locations=tuple(locations[text]), comments=tuple(comments[text]))
        for text in locations
    ]


def unique_names(project: Project, sources: Sequence[Path] | None) -> Sequence[Path]:
    """The sources, refused when two would be built to the same file (see
    :func:`.articles.output_names`)."""
    from .articles import expand_sources, output_names

    specs = project.sources if sources is None else sources
    paths = source_paths(project, specs)
    output_names(project, expand_sources(project, specs))
    return paths


def outdated_template(project: Project, sources: Sequence[Path] | None = None) -> list[Path]:
    """The sources changed after the template was written (a build would miss their new
    sentences until ``update``); empty when there is no template or no known source."""
    try:
        written = project.template_path.stat().st_mtime_ns
    except OSError:
        return []
    from .articles import expand_sources

    found = []
    try:
        specs = project.sources if sources is None else sources
        paths = [source.path for source in expand_sources(project, specs)]
    except L10nError:
        return []  # the build says what is wrong with them
    for path in paths:
        try:
            if path.stat().st_mtime_ns > written:
                found.append(path)
        except OSError:
            continue
    return found


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes_atomic(path, data)
    return True


def one_line(error: L10nError, project: Project) -> str:
    """An error as the summary shows it: its path relative to the project, one line."""
    if error.path is not None and "://" not in error.path:
        try:  # the path as given (a link is named, not its target)
            error.path = Path(os.path.abspath(error.path)).relative_to(project.root).as_posix()
        except ValueError:
            error.path = project.relative(Path(error.path))
    return str(error)
