"""The pipeline: the project's jobs, composed from the stages, returning report values.

::

    project    layout and inputs: languages, catalogs on disk, sources, outputs
    articles   sources as files, folders and globs; a catalog per article, or one shared
    units      the catalog jobs over every catalog of the project
    catalogs   extract, init, update, build, stats
    machine    translate, run (the main job)
    quality    check (the publish gate), the report's sections, eval
    locking    every job holds the project's lock and writes only inside the project

Each job takes a :class:`~l10n.config.Project` and keyword options and returns frozen
reports; nothing here prints. Stages never import the pipeline.
"""

from __future__ import annotations

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
from .machine import RunReport, TranslateProgress, make_engine, model_locations, run, translate
from .project import (
    catalog_languages,
    language_catalog,
    load_documents,
    make_segmenter,
    messages_from,
    outdated_template,
    target_language,
    target_languages,
)
from .quality import check, evaluate, report_sections
from .units import (
    build_all,
    check_all,
    evaluate_all,
    extract_all,
    init_all,
    report_sections_all,
    stats_all,
    units_of,
    update_all,
)

__all__ = [
    "BuildReport",
    "CatalogReport",
    "ExtractReport",
    "RunReport",
    "TranslateProgress",
    "UpdateReport",
    "build",
    "build_all",
    "catalog_languages",
    "check",
    "check_all",
    "evaluate",
    "evaluate_all",
    "extract",
    "extract_all",
    "init",
    "init_all",
    "language_catalog",
    "load_documents",
    "make_engine",
    "make_segmenter",
    "messages_from",
    "model_locations",
    "outdated_template",
    "report_sections",
    "report_sections_all",
    "run",
    "stats",
    "stats_all",
    "target_language",
    "target_languages",
    "translate",
    "units_of",
    "update",
    "update_all",
]
