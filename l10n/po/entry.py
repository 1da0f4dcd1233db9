"""The shape of a catalog entry, as the rest of ``l10n`` may rely on it.

Entries are ``polib.POEntry`` objects (created only by :mod:`l10n.po`); other modules
see them through this protocol, which names the gettext attributes they may read and set.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["CatalogEntry", "has_translation", "is_translated"]


class CatalogEntry(Protocol):
    """One message of a catalog, with gettext's (and polib's) attribute names.

    ``msgid_plural`` is ``""`` for a singular entry, ``msgstr_plural`` maps form index to
    text for a plural one; ``comment`` holds extracted comments (``#.``), ``tcomment``
    translator comments (``#``), both ``"\\n"``-joined; ``occurrences`` are ``#:``
    references as ``(path, line)`` strings (line ``""`` when absent); ``previous_*`` are
    the ``#|`` fields; ``fuzzy`` reads and sets the ``fuzzy`` flag.
    """

    msgid: str
    msgid_plural: str
    msgstr: str
    msgstr_plural: dict[int, str]
    msgctxt: str | None
    flags: list[str]
    comment: str
    tcomment: str
    occurrences: list[tuple[str, str]]
    previous_msgctxt: str | None
    previous_msgid: str | None
    previous_msgid_plural: str | None
    obsolete: bool
    fuzzy: bool
    linenum: int | None


def is_translated(entry: CatalogEntry) -> bool:
    """Whether the entry is fully translated: its msgstr, or every plural form, non-empty.

    The one rule for "translated" (stats, gates, review state, builds): a plural entry
    with any form empty is not, since readers of that form would get the source.
    """
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def has_translation(entry: CatalogEntry) -> bool:
    """Whether the entry holds any translated text (a form of a plural entry is enough):
    the rule for work that must never be dropped (merges keep such entries)."""
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)
