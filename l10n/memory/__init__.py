"""The translation memory: every reviewed translation of the project, and more.

Memory is what people have reviewed: every reviewed entry of every catalog under the
project's ``locales`` (all articles, all languages; see :func:`.origins.reviewed`),
every TMX file imported with ``l10n tm import`` (kept in ``<locales>/memory/``), and the
catalogs and TMX files named in ``[memory] paths`` (other projects' ``locales`` folders,
an agency's TMX). Those files stay the truth; :class:`~.index.MemoryIndex` keeps an
SQLite index of them in ``<locales>/.l10n-memory.sqlite``, brought up to date from the
files that changed before each use, a cache that deleting loses nothing of.

Before machine translation each pending sentence is looked up (:class:`Memory`):

- an **exact match** (the same source sentence, the same language pair) fills the entry
  with its translation and an ``# l10n-tm: <catalog or file> <date> src:<h8>`` line,
  fuzzy (a draft to review) unless ``[memory] trust_exact = true``; the sentence never
  reaches the engine;
- **near matches** (at least ``[memory] threshold`` percent similar, 75 by default, as
  Translate Toolkit's ``pretranslate``) are kept on the entry as ``# l10n-near: 87%
  <text>`` lines, which Poedit shows and ``l10n review`` offers as alternatives; the
  sentence still goes to the engine.

::

    index     the SQLite index: origins, exact and near look-ups (rapidfuzz over candidates
              an inverted word index chooses)
    origins   what a catalog or a TMX file gives the memory
    tmx       TMX 1.4b, read and written
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import (
    NEAR_LIMIT,
    THRESHOLD,
    Exact,
    IndexStats,
    MemoryIndex,
    Near,
    Origin,
    RefreshReport,
    Unit,
)
from .origins import catalog_units, reviewed, tmx_units
from .tmx import TmxError, TmxUnit, format_tmx, read_tmx

__all__ = [
    "IMPORTED_FOLDER",
    "INDEX_NAME",
    "NEAR_LIMIT",
    "THRESHOLD",
    "Exact",
    "IndexStats",
    "Memory",
    "MemoryIndex",
    "Near",
    "Origin",
    "RefreshReport",
    "TmxError",
    "TmxUnit",
    "Unit",
    "catalog_units",
    "format_tmx",
    "read_tmx",
    "reviewed",
    "tmx_units",
]

INDEX_NAME = ".l10n-memory.sqlite"
"""The index's file name, in the project's locales folder."""
IMPORTED_FOLDER = "memory"
"""Where ``l10n tm import`` keeps TMX files, in the project's locales folder."""


@dataclass
class Memory:
    """The look-ups translation needs, with the project's settings."""

    index: MemoryIndex
    threshold: int = THRESHOLD
    trust_exact: bool = False
    limit: int = NEAR_LIMIT

    def exact(self, text: str, *, source: str, target: str) -> Exact | None:
        return self.index.exact(text, source_lang=source, target_lang=target)

    def near(self, text: str, *, source: str, target: str) -> list[Near]:
        return self.index.near(
            text, source_lang=source, target_lang=target, threshold=self.threshold,
            limit=self.limit,
        )  # fmt: skip
