"""New catalogs: a template (POT) from an article's messages, a language's catalog from
the template, as ``xgettext`` and ``msginit`` make them.

The header fields are written here, the same whatever library is installed; a new
language's ``Plural-Forms`` and name come from :mod:`l10n.languages`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .. import __version__
from ..languages import language_name, normalize_language, plural_forms
from ..model import Message
from .catalog import Catalog, copy_entry, make_entry, nplurals_of
from .entry import CatalogEntry

__all__ = ["new_catalog", "new_template"]

# The header fields msgmerge/msginit know, in their order; others follow these.
_GNU_FIELDS = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding",
)  # fmt: skip


def new_template(
    messages: Iterable[Message],
    *,
    domain: str,
    source_lang: str,
    project: str = "PROJECT",
    version: str = "VERSION",
    creation_date: datetime | None = None,
) -> Catalog:
    """A POT catalog of ``messages`` with the usual header fields (as Babel writes them).

    Entries appear in first-occurrence order; repeated msgids (same msgctxt) merge their
    references (``#: path:line``) and extracted comments (``#.``). The header also names
    the source language (``X-Source-Language``) and the domain (``X-Domain``).
    """
    when = creation_date or datetime.now(UTC)
    metadata = {
        "Project-Id-Version": f"{project} {version}",
        "Report-Msgid-Bugs-To": "EMAIL@ADDRESS",
        "POT-Creation-Date": when.strftime("%Y-%m-%d %H:%M%z"),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"l10n {__version__}",
        "X-Source-Language": normalize_language(source_lang),
        "X-Domain": domain,
    }
    catalog = Catalog(_template_entries(messages), path=f"{domain}.pot")
    catalog.metadata.update(metadata)
    catalog.header_comment = (
        f"Translations template for {project}.\n"
        f"Copyright (C) {when.year} ORGANIZATION\n"
        f"This file is distributed under the same license as the {project} project.\n"
        f"FIRST AUTHOR <EMAIL@ADDRESS>, {when.year}.\n"
    )
    catalog.header_fuzzy = True
    return catalog


def _template_entries(messages: Iterable[Message]) -> list[CatalogEntry]:
    # Ordered, de-duplicated references and comments per entry (dicts as ordered sets:
    # a sentence repeated many times must not cost quadratic time). The sets are made
    # only for repeated msgids: for a big article of distinct sentences they would
    # double the memory extract needs.
    entries: dict[tuple[str | None, str], CatalogEntry] = {}
    places: dict[tuple[str | None, str], dict[tuple[str, str], None]] = {}
    notes: dict[tuple[str | None, str], dict[str, None]] = {}
    for message in messages:
        key = (message.msgctxt, message.msgid)
        references = dict.fromkeys((path, str(line)) for path, line in message.locations)
        comments = dict.fromkeys(message.comments)
        entry = entries.get(key)
        if entry is None:
            entries[key] = make_entry(
                msgid=message.msgid,
                msgctxt=message.msgctxt,
                occurrences=list(references),
                comment="\n".join(comments),
            )
            continue
        places.setdefault(key, dict.fromkeys(entry.occurrences)).update(references)
        first = dict.fromkeys(entry.comment.split("\n")) if entry.comment else {}
        notes.setdefault(key, first).update(comments)
    for key, merged in places.items():
        entries[key].occurrences = list(merged)
    for key, texts in notes.items():
        entries[key].comment = "\n".join(texts)
    return list(entries.values())


def new_catalog(template: Catalog, *, lang: str) -> Catalog:
    """A new catalog for ``lang`` from ``template``, as ``msginit`` makes one.

    Header: the template's, with ``Language``, ``Language-Team``, ``Plural-Forms`` (as
    :func:`plural_forms`), ``Content-Type: text/plain; charset=UTF-8``, and no ``fuzzy``
    flag. Entries: the template's active ones, untranslated (plural ones with ``nplurals``
    empty forms).
    """
    code = normalize_language(lang)
    forms = plural_forms(code)
    nplurals = nplurals_of(forms, path=f"{code}.po", line=None) or 2
    entries = [_untranslated(entry, nplurals) for entry in template]
    catalog = Catalog(entries, path=f"{code}.po")
    name = language_name(code)
    fields = dict(template.metadata)
    fields.update(
        {
            "Language-Team": f"{name} <LL@li.org>",
            "Language": code,
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": forms,
        }
    )
    catalog.metadata.update(_gnu_order(fields))
    comment = template.header_comment.replace(
        "Translations template for", f"{name} translations for"
    )
    catalog.header_comment = comment
    return catalog


def _untranslated(entry: CatalogEntry, nplurals: int) -> CatalogEntry:
    plural = dict.fromkeys(range(nplurals), "") if entry.msgid_plural else {}
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    return copy_entry(
        entry,
        msgstr="",
        msgstr_plural=plural,
        flags=flags,
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
    )


def _gnu_order(fields: dict[str, str]) -> dict[str, str]:
    ordered = {key: fields[key] for key in _GNU_FIELDS if key in fields}
    ordered.update((key, value) for key, value in fields.items() if key not in ordered)
    return ordered
