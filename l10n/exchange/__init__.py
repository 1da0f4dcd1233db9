"""Exchange formats: catalogs written for other tools and read back.

::

    xliff        a catalog as XLIFF 2.0 and back, losing nothing (see its docstring)
    xliff_read   XLIFF 2.0 read strictly, by a parser that refuses DTDs and entities
    xliff_merge  an agency's translations merged into the project's catalog, safely

Nothing here writes files or prints: the pipeline's jobs do (``l10n.pipeline.exchange``).
"""

from __future__ import annotations

from .xliff import XLIFF_NS, format_xliff, unit_id, xliff_state
from .xliff_merge import ImportReport, UnitProblem, merge_translations
from .xliff_read import XliffDocument, parse_xliff

__all__ = [
    "XLIFF_NS",
    "ImportReport",
    "UnitProblem",
    "XliffDocument",
    "format_xliff",
    "merge_translations",
    "parse_xliff",
    "unit_id",
    "xliff_state",
]
