"""``l10n fmt``: catalogs rewritten in the canonical form (as GNU ``msgcat`` writes them).

:func:`format_file` loads a PO/POT file, renders it canonically (keeping its charset,
newline style and BOM) and, unless ``check`` is set, replaces it atomically when the
bytes differ. Before anything is written the new bytes are parsed again and compared
with what was read (:func:`catalog_content`): a formatting that would lose or change
anything (an entry, a msgstr, a flag, a comment, a previous msgid, an obsolete entry)
is a :class:`~l10n.errors.CatalogError`, never a write.

When the file lies in a folder holding an ``l10n`` lock (``.l10n.lock``, see
:mod:`l10n.lock`), the rewrite holds that lock, so that ``fmt`` run beside
``l10n translate`` cannot undo the translations it saves.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .errors import CatalogError
from .lock import DEFAULT_TIMEOUT

__all__ = ["catalog_content", "format_file"]


def catalog_content(catalog: Any) -> tuple[Any, ...]:
    """Everything a catalog says, in file order, minus layout (wrapping, flag order).

    Obsolete entries without a translation are left out, and so is the ``fuzzy`` flag of
    an untranslated entry: they hold nothing to lose, and the writer drops them as GNU
    does.
    """
    header = catalog.header_entry() if catalog._has_header() else None
    head = None
    if header is not None:
        head = (header.msgstr, header.tcomment, header.comment, sorted(header.flags))
    return head, [_entry_content(e) for e in catalog.all_entries() if not _empty_obsolete(e)]


def _empty_obsolete(entry: Any) -> bool:
    return bool(entry.obsolete) and not _first_msgstr(entry)


def _first_msgstr(entry: Any) -> str:
    return str(entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr)


def _entry_content(entry: Any) -> tuple[Any, ...]:
    flags = entry.flags if _first_msgstr(entry) else [f for f in entry.flags if f != "fuzzy"]
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        sorted(entry.msgstr_plural.items()),
        sorted(flags),
        entry.comment,
        entry.tcomment,
        list(entry.occurrences),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        entry.obsolete,
    )


def format_file(path: Path, *, check: bool = False, lock_timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Whether ``path`` is (``check``) or was not in canonical form; rewrites it unless ``check``.

    :class:`CatalogError` when the file is malformed, or when its canonical form would
    not read back as the same catalog (nothing is written then).
    """
    from . import po
    from .files import write_bytes_atomic

    with _lock_of(path, timeout=lock_timeout, check=check):
        data = po.read_catalog_bytes(path)
        catalog = po.parse_catalog(data, path=str(path))
        formatted = po.format_catalog(catalog)
        if formatted == data:
            return False
        again = po.parse_catalog(formatted, path=str(path))
        if catalog_content(again) != catalog_content(catalog):
            raise CatalogError("formatting would change the catalog; left as it is", path=path)
        if not check:
            write_bytes_atomic(path, formatted, follow_link=True)
        return True


def _lock_of(path: Path, *, timeout: float, check: bool) -> AbstractContextManager[None]:
    """The l10n lock of the folder (or a parent) holding ``.l10n.lock``, if any."""
    from .lock import LOCK_NAME, catalog_lock

    if check:
        return nullcontext()
    for folder in Path(path).absolute().parents:  # where the file is named, not a link's target
        if (folder / LOCK_NAME).exists():
            return catalog_lock(folder, timeout=timeout)
    return nullcontext()
