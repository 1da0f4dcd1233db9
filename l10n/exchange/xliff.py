"""A catalog as an XLIFF 2.0 document for translation agencies and CAT tools, losing nothing.

XLIFF 2.0 core (``urn:oasis:names:tc:xliff:document:2.0``) carries the sentences and
their translations; everything else of the PO file goes into the standard Metadata
module (``mda:``, ``urn:oasis:names:tc:xliff:metadata:2.0``), which XLIFF 2.0 tools
must keep, so that reading the document back gives the catalog byte for byte (Translate
Toolkit's ``po2xliff`` loses obsolete entries and ``#|``)::

    <xliff version="2.0" srcLang="en" trgLang="uk">
      <file id="f1" original="locales/uk/LC_MESSAGES/article.po" canResegment="no">
        <mda:metadata>  catalog: format, domain, charset, newline, BOM; the PO header
        <unit id="m…">                   one per singular entry (id: hash of msgctxt+msgid)
          <mda:metadata>
            <mda:metaGroup category="l10n:entry">  msgctxt, flag (one each),
                previous-msgctxt/-msgid/-msgid-plural (#|), obsolete, state (ours),
                exported (hash of the translation as exported)
            <mda:metaGroup category="l10n:provenance">  the # l10n-* lines, parsed
          <notes>   extracted (#.), location (#:, one each), translator (# lines, whole)
          <segment state="…" subState="l10n:…"><source/><target/></segment>
        <group id="m…" type="l10n:plural">  a plural entry: metadata and notes as a unit's,
          <unit id="m…-0">…</unit>        then one unit per plural form; form 0's source
          <unit id="m…-1">…</unit>        is msgid, the others' msgid_plural

Obsolete entries (``#~``) are units (or groups) with ``translate="no"``, after the
active ones, as in the PO file; their ids start with ``o`` instead of ``m``.

**States.** Our review states (:func:`l10n.reviewstate.entry_state`) map to XLIFF's
``state``, the exact one kept in ``subState="l10n:<state>"``:

==============  ============  =====================================================
ours            XLIFF state   why
==============  ============  =====================================================
untranslated    initial       no target
machine         initial       a draft nobody has worked on
stale           initial       a translation of an earlier version of the sentence
edited          translated    human work, not reviewed
fuzzy           translated    human work (marked fuzzy by a person), not reviewed
translated      final         reviewed: what builds publish
==============  ============  =====================================================

Text XML 1.0 cannot hold: in sources and targets a character such as U+0007 is written
as XLIFF's ``<cp hex="0007"/>``; a carriage return everywhere as ``&#13;`` (a parser
would read a raw one as a line feed). Comments, contexts and flags with such characters
are refused (:class:`~l10n.errors.CatalogError`).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..errors import CatalogError
from ..reviewstate import entry_state, short_hash, tag_values
from ..reviewstate.lines import TAGS

if TYPE_CHECKING:
    from ..po import Catalog, CatalogEntry

__all__ = [
    "FORMAT",
    "MDA_NS",
    "STATE_OF",
    "XLIFF_NS",
    "bcp47",
    "format_xliff",
    "translation_hash",
    "unit_id",
    "xliff_state",
]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
FORMAT = "l10n-xliff 1"
"""The version of this mapping, written in every document (``mda:meta type="format"``)."""

STATE_OF = {
    "untranslated": "initial",
    "machine": "initial",
    "stale": "initial",
    "edited": "translated",
    "fuzzy": "translated",
    "translated": "final",
}
_X = f"{{{XLIFF_NS}}}"
_M = f"{{{MDA_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", XLIFF_NS)
ET.register_namespace("mda", MDA_NS)


def xliff_state(entry: CatalogEntry) -> str:
    """The XLIFF ``state`` of an entry (see the table in the module docstring)."""
    return STATE_OF[entry_state(entry)]


def unit_id(msgctxt: str | None, msgid: str, *, obsolete: bool = False) -> str:
    """The stable id of an entry's unit: ``m`` (``o`` when obsolete) and 16 hex digits of
    the SHA-256 of its context and msgid, so that re-exports give the same ids."""
    key = ("0" if msgctxt is None else "1" + msgctxt + "\x04") + msgid
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return ("o" if obsolete else "m") + digest


def translation_hash(entry: CatalogEntry) -> str:
    """A short hash of the entry's translation (every form of a plural one)."""
    if entry.msgid_plural:
        return short_hash("\x00".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)))
    return short_hash(entry.msgstr)


def format_xliff(
    catalog: Catalog, *, source_lang: str, target_lang: str, domain: str, original: str
) -> bytes:
    """The XLIFF 2.0 document of ``catalog`` (UTF-8 bytes); ``original`` names the catalog
    as the project knows it. CatalogError when a comment holds text XML cannot."""
    languages = {"srcLang": bcp47(source_lang), "trgLang": bcp47(target_lang)}
    root = ET.Element(_X + "xliff", {"version": "2.0"} | languages)
    file = ET.SubElement(
        root,
        _X + "file",
        {"id": "f1", "original": original, "canResegment": "no", _XML_SPACE: "preserve"},
    )
    try:
        _file_metadata(file, catalog, domain=domain)
        ids: set[str] = set()
        for entry in catalog.all_entries():
            uid = _fresh(unit_id(entry.msgctxt, entry.msgid, obsolete=entry.obsolete), ids)
            _add_entry(file, entry, uid)
    except CatalogError as error:
        error.path = catalog.path
        raise
    _indent(root)
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    text = text.replace("\r", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def bcp47(code: str) -> str:
    """A gettext language code as XML's ``xs:language`` wants it: ``pt_BR`` -> ``pt-BR``."""
    return code.replace("_", "-")


def _fresh(candidate: str, ids: set[str]) -> str:
    """``candidate``, or with ``_2``, ``_3``... when taken (duplicate messages)."""
    found, number = candidate, 1
    while found in ids:
        number += 1
        found = f"{candidate}_{number}"
    ids.add(found)
    return found


def _file_metadata(file: ET.Element, catalog: Catalog, *, domain: str) -> None:
    metadata = ET.SubElement(file, _M + "metadata")
    group = _meta_group(metadata, "l10n:catalog")
    _meta(group, "format", FORMAT)
    _meta(group, "domain", domain)
    _meta(group, "charset", catalog.charset)
    _meta(group, "newline", {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[catalog.newline])
    _meta(group, "bom", "yes" if catalog.bom else "no")
    if catalog._has_header():
        header = catalog.header_entry()
        fields = _meta_group(metadata, "l10n:header")
        _meta(fields, "msgstr", header.msgstr)
        _entry_fields(fields, header)
        for name, value in (("comment", header.comment), ("tcomment", header.tcomment)):
            if value:
                _meta(fields, name, value)
        for path, line in header.occurrences:
            _meta(fields, "reference", f"{path}:{line}" if line else path)


def _add_entry(parent: ET.Element, entry: CatalogEntry, uid: str) -> None:
    state = entry_state(entry)
    attributes = {"id": uid} | ({"translate": "no"} if entry.obsolete else {})
    if entry.msgid_plural:
        holder = ET.SubElement(parent, _X + "group", attributes | {"type": "l10n:plural"})
    else:
        holder = ET.SubElement(parent, _X + "unit", attributes)
    metadata = ET.SubElement(holder, _M + "metadata")
    fields = _meta_group(metadata, "l10n:entry")
    _entry_fields(fields, entry)
    _meta(fields, "state", state)
    _meta(fields, "exported", translation_hash(entry))
    records = [(tag, value) for tag in TAGS for value in tag_values(entry, tag)]
    if records:
        provenance = _meta_group(metadata, "l10n:provenance")
        for tag, value in records:
            _meta(provenance, tag.rstrip(":"), value)
    _notes(holder, entry)
    if not entry.msgid_plural:
        _segment(holder, state, entry.msgid, entry.msgstr)
        return
    forms = entry.msgstr_plural or {0: "", 1: ""}
    if not entry.msgstr_plural:
        _meta(fields, "no-forms", "yes")
    for index in sorted(forms):
        form = ET.SubElement(holder, _X + "unit", {"id": f"{uid}-{index}"} | (
            {"translate": "no"} if entry.obsolete else {}))  # fmt: skip
        source = entry.msgid if index == 0 else entry.msgid_plural
        _segment(form, state, source, forms[index])


def _entry_fields(group: ET.Element, entry: CatalogEntry) -> None:
    if entry.msgctxt is not None:
        _meta(group, "msgctxt", entry.msgctxt)
    for flag in entry.flags:
        _meta(group, "flag", flag)
    for name, value in (
        ("previous-msgctxt", entry.previous_msgctxt),
        ("previous-msgid", entry.previous_msgid),
        ("previous-msgid-plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            _meta(group, name, value)
    if entry.obsolete:
        _meta(group, "obsolete", "yes")


def _notes(holder: ET.Element, entry: CatalogEntry) -> None:
    notes = []
    if entry.comment:
        notes.append(({"category": "extracted", "appliesTo": "source"}, entry.comment))
    for path, line in entry.occurrences:
        where = f"{path}:{line}" if line else path
        notes.append(({"category": "location", "appliesTo": "source"}, where))
    if entry.tcomment:
        notes.append(({"category": "translator"}, entry.tcomment))
    if not notes:
        return
    element = ET.SubElement(holder, _X + "notes")
    for attributes, text in notes:
        ET.SubElement(element, _X + "note", attributes).text = _plain(text)


def _segment(unit: ET.Element, state: str, source: str, target: str) -> None:
    segment = ET.SubElement(
        unit, _X + "segment", {"state": STATE_OF[state], "subState": f"l10n:{state}"}
    )
    _inline(ET.SubElement(segment, _X + "source"), source)
    if target:
        _inline(ET.SubElement(segment, _X + "target"), target)


def _inline(element: ET.Element, text: str) -> None:
    """``text`` as inline content: characters XML cannot hold become ``<cp hex>``."""
    pieces = _NOT_XML.split(text)
    element.text = pieces[0]
    for char, piece in zip(_NOT_XML.findall(text), pieces[1:], strict=True):
        ET.SubElement(element, _X + "cp", {"hex": f"{ord(char):04X}"}).tail = piece


def _meta_group(metadata: ET.Element, category: str) -> ET.Element:
    return ET.SubElement(metadata, _M + "metaGroup", {"category": category})


def _meta(group: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(group, _M + "meta", {"type": kind}).text = _plain(value)


def _plain(text: str) -> str:
    found = _NOT_XML.search(text)
    if found is not None:
        raise CatalogError(
            f"U+{ord(found[0]):04X} in a comment, context or flag: XML (XLIFF) cannot hold "
            f"it, only a source or translation ({text[:40]!r})"
        )
    return text


_STRUCTURE = {_X + n for n in ("xliff", "file", "group", "unit", "segment", "notes")} | {
    _M + "metadata", _M + "metaGroup"
}


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the structure (two spaces a level), never inside text-bearing elements."""
    if element.tag not in _STRUCTURE or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level
