"""The gettext file format: PO/POT catalogs read strictly and written as GNU does.

::

    read        bytes -> entries, strictly (file:line errors), in the file's charset
    write       entries -> GNU msgcat's layout, byte for byte
    wrap        msgcat's line breaking (Unicode line-break rules, format directives kept)
    directives  where C and Python format directives are (GNU never breaks inside one)
    entry       the entry protocol (gettext names) and what counts as translated
    catalog     Catalog: header + entries; load, parse, format, save (atomic, lazy), .mo
    template    new templates and new languages' catalogs (as xgettext and msginit)
    mo          .mo files as msgfmt writes them

This package is the only code in ``l10n`` that imports polib, lazily. Everything the rest
of ``l10n`` needs is importable from here: ``from l10n import po``, then
``po.load_catalog(path)``.
"""

from __future__ import annotations

from .catalog import (
    Catalog,
    CatalogStats,
    compile_mo,
    copy_entry,
    format_catalog,
    load_catalog,
    make_entry,
    nplurals_of,
    parse_catalog,
    read_catalog_bytes,
    same_messages,
    save_catalog,
)
from .entry import CatalogEntry, has_translation, is_translated
from .template import new_catalog, new_template

__all__ = [
    "Catalog",
    "CatalogEntry",
    "CatalogStats",
    "compile_mo",
    "copy_entry",
    "format_catalog",
    "has_translation",
    "is_translated",
    "load_catalog",
    "make_entry",
    "new_catalog",
    "new_template",
    "nplurals_of",
    "parse_catalog",
    "read_catalog_bytes",
    "same_messages",
    "save_catalog",
]
