"""What the memory reads: the reviewed translations of catalogs, and TMX files' units.

A catalog's unit is an entry a person has reviewed (:func:`reviewed`): translated and
not fuzzy, one form, one line or more; an obsolete entry counts when it is that and is
not unsigned machine output (Babel writes obsolete entries without their ``fuzzy``
flag). Its date is the day it was signed in ``l10n review``, else the catalog's
``PO-Revision-Date``, else the file's. Its languages: the catalog's folder
(``<lang>/LC_MESSAGES/``), else its ``Language`` header; the source's is its
``X-Source-Language`` header, else the project's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import po
from .. import reviewstate as rs
from ..errors import LanguageError
from ..languages import normalize_language
from .index import Unit
from .tmx import read_tmx

if TYPE_CHECKING:
    from ..po import Catalog, CatalogEntry

__all__ = ["catalog_units", "reviewed", "tmx_units"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def reviewed(entry: CatalogEntry) -> bool:
    """Whether ``entry`` holds a translation a person reviewed (memory-worthy)."""
    if entry.msgid_plural or not entry.msgid or not entry.msgstr:
        return False
    if rs.entry_state(entry) != "translated":
        return False
    return not (entry.obsolete and rs.is_unreviewed_machine_output(entry))


def _language(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return normalize_language(code)
    except LanguageError:
        return None


def _file_day(path: Path) -> date:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError:
        return date.today()


def _header_day(catalog: Catalog) -> date | None:
    match = _DAY.match(catalog.metadata.get("PO-Revision-Date", ""))
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group())
    except ValueError:
        return None


def catalog_units(path: Path, *, source_lang: str) -> list[Unit]:
    """The reviewed translations of the catalog at ``path`` (none when its language
    cannot be told)."""
    catalog = po.load_catalog(path)
    folder = path.parent.parent.name if path.parent.name == "LC_MESSAGES" else None
    target = _language(folder) or _language(catalog.metadata.get("Language"))
    source = _language(catalog.metadata.get("X-Source-Language")) or source_lang
    if target is None:
        return []
    fallback = _header_day(catalog) or _file_day(path)
    units = []
    for entry in catalog.all_entries():
        if reviewed(entry):
            mark = rs.review_mark(entry)
            day = fallback if mark is None else mark.date
            units.append(Unit(entry.msgid, entry.msgstr, source, target, day))
    return units


def tmx_units(path: Path) -> Iterator[Unit]:
    """The translations of the TMX file at ``path``."""
    fallback: date | None = None
    for found in read_tmx(path):
        source, target = _language(found.source_lang), _language(found.target_lang)
        if source is None or target is None:
            continue
        if found.day is None and fallback is None:
            fallback = _file_day(path)
        day = found.day or fallback or date.today()
        yield Unit(found.source, found.target, source, target, day)
