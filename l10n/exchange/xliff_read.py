"""XLIFF 2.0 read strictly, by a parser that refuses DTDs and entities.

A document is parsed with expat directly: a ``<!DOCTYPE`` (and so any entity
declaration: no "billion laughs", no external entity) is refused, as is a document that
is not XML, not XLIFF 2.0, or not what :mod:`l10n.exchange.xliff` writes in the parts
that matter (a file, units with a source). Every refusal is one
:class:`~l10n.errors.CatalogError` naming the file (and line when the parser knows it).

The entries come back as catalog entries (the ``mda:`` metadata restores what XLIFF
has no place for), with what the import needs to know about each unit: its XLIFF state
and the hash of the translation exported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pyexpat import ExpatError, ParserCreate
from typing import TYPE_CHECKING, Any, NoReturn

from .. import po
from ..errors import CatalogError
from .xliff import FORMAT, MDA_NS, XLIFF_NS

if TYPE_CHECKING:
    from ..po import Catalog, CatalogEntry

__all__ = ["MAX_BYTES", "XliffDocument", "XliffUnit", "parse_xliff", "safe_xml"]

MAX_BYTES = 512 * 1024 * 1024
"""The largest XLIFF file read (a catalog of a million sentences is far less)."""

_X = f"{{{XLIFF_NS}}}"
_M = f"{{{MDA_NS}}}"
_STATES = ("initial", "translated", "reviewed", "final")


@dataclass
class XliffUnit:
    """One entry of the document: the entry, its XLIFF state (the lowest of its segments)
    and the hash of its translation when exported (None when the document has none)."""

    entry: CatalogEntry
    state: str
    exported: str | None
    exported_state: str | None
    has_target: bool
    uid: str


@dataclass
class XliffDocument:
    """A parsed document: languages, the catalog's name, domain and its units."""

    path: str
    source_lang: str
    target_lang: str
    original: str | None
    domain: str | None
    units: list[XliffUnit] = field(default_factory=list)
    catalog_meta: dict[str, str] = field(default_factory=dict)
    header: dict[str, list[str]] | None = None

    def catalog(self) -> Catalog:
        """The catalog the document was made from (targets as they are now)."""
        header = None
        if self.header is not None:
            header = po.make_entry(msgid="", msgstr=_one(self.header, "msgstr") or "")
            _apply_fields(header, self.header)
        newline = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}.get(
            self.catalog_meta.get("newline", "LF"), "\n"
        )
        return po.Catalog(
            (unit.entry for unit in self.units),
            header=header,
            path=self.path,
            charset=self.catalog_meta.get("charset", "utf-8"),
            newline=newline,
            bom=self.catalog_meta.get("bom") == "yes",
        )


def safe_xml(data: bytes, *, path: str) -> ET.Element:
    """The element tree of ``data``; CatalogError (one line) for a DTD, an entity, a
    document that is not well-formed XML, or one over :data:`MAX_BYTES`."""
    if len(data) > MAX_BYTES:
        _fail(path, f"larger than {MAX_BYTES // 2**20} MiB: refused")
    builder = ET.TreeBuilder()
    parser = ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def doctype(*_: Any) -> None:
        raise _Refused("a DTD (<!DOCTYPE): refused, XLIFF needs none")

    def entity(*_: Any) -> None:
        raise _Refused("an entity declaration: refused")

    def external(*_: Any) -> int:
        raise _Refused("an external entity: refused")

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(_clark(name), {_clark(k): v for k, v in attributes.items()})

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_clark(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        _fail(path, f"not a safe XLIFF file: {refused}", parser.CurrentLineNumber)
    except ExpatError as error:
        _fail(path, f"not well-formed XML: {_reason(error)}", error.lineno)
    except (UnicodeError, ValueError) as error:
        _fail(path, f"not readable XML: {error}")
    return builder.close()


class _Refused(Exception):
    pass


def _reason(error: ExpatError) -> str:
    from pyexpat import ErrorString

    return ErrorString(error.code) or str(error)


def _clark(name: str) -> str:
    """expat's ``ns}local`` as ElementTree's ``{ns}local``."""
    return "{" + name if "}" in name else name


def _fail(path: str, message: str, line: int | None = None) -> NoReturn:
    raise CatalogError(message, path=path, line=line)


def parse_xliff(data: bytes, *, path: str) -> XliffDocument:
    """An XLIFF 2.0 document of catalog entries; CatalogError naming ``path`` when it is
    hostile, not XML, not XLIFF 2.0 or not a document of one catalog."""
    root = safe_xml(data, path=path)
    if root.tag != _X + "xliff":
        found = root.tag.split("}")[-1]
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else "none"
        if found == "xliff":
            _fail(path, f"not XLIFF 2.0 (namespace {namespace}, version "
                  f"{root.get('version', '?')}): export XLIFF 2.0 from the CAT tool")  # fmt: skip
        _fail(path, f"not an XLIFF file (root element <{found}>)")
    if root.get("version") != "2.0":
        _fail(path, f"XLIFF version {root.get('version')!r}: only 2.0 is read")
    files = root.findall(_X + "file")
    if len(files) != 1:
        _fail(path, f"{len(files)} <file> elements: expected one (one catalog)")
    source_lang, target_lang = root.get("srcLang"), root.get("trgLang")
    if not source_lang or not target_lang:
        _fail(path, "no srcLang or trgLang on <xliff>: which languages?")
    file = files[0]
    metadata = _groups(file, path)
    catalog_meta = {k: v[0] for k, v in metadata.get("l10n:catalog", {}).items()}
    if "format" not in catalog_meta:
        _fail(path, "not written by `l10n xliff export` (no l10n metadata): import takes "
                    "back only files l10n exported, with the ids and states it wrote")  # fmt: skip
    if catalog_meta["format"] != FORMAT:
        _fail(path, f"written by a newer l10n ({catalog_meta['format']}): upgrade l10n")
    document = XliffDocument(
        path=path,
        source_lang=source_lang,
        target_lang=target_lang,
        original=file.get("original"),
        domain=catalog_meta.get("domain"),
        catalog_meta=catalog_meta,
        header=metadata.get("l10n:header"),
    )
    _read_children(file, document, path)
    return document


def _read_children(parent: ET.Element, document: XliffDocument, path: str) -> None:
    for child in parent:
        if child.tag == _X + "unit":
            document.units.append(_unit(child, path))
        elif child.tag == _X + "group":
            if child.get("type") == "l10n:plural":
                document.units.append(_plural(child, path))
            else:
                _read_children(child, document, path)


def _groups(holder: ET.Element, path: str) -> dict[str, dict[str, list[str]]]:
    """The ``mda:metaGroup`` elements of ``holder``: category -> type -> values."""
    found: dict[str, dict[str, list[str]]] = {}
    for metadata in holder.findall(_M + "metadata"):
        for group in metadata.iter(_M + "metaGroup"):
            values = found.setdefault(group.get("category", ""), {})
            for meta in group.findall(_M + "meta"):
                values.setdefault(meta.get("type", ""), []).append(meta.text or "")
    return found


def _one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _apply_fields(entry: CatalogEntry, fields: dict[str, list[str]]) -> None:
    entry.msgctxt = _one(fields, "msgctxt")
    entry.flags = list(fields.get("flag", []))
    entry.previous_msgctxt = _one(fields, "previous-msgctxt")
    entry.previous_msgid = _one(fields, "previous-msgid")
    entry.previous_msgid_plural = _one(fields, "previous-msgid-plural")
    entry.obsolete = _one(fields, "obsolete") == "yes"
    if "comment" in fields:
        entry.comment = fields["comment"][0]
    if "tcomment" in fields:
        entry.tcomment = fields["tcomment"][0]
    if "reference" in fields:
        entry.occurrences = [_reference(where) for where in fields["reference"]]


def _reference(where: str) -> tuple[str, str]:
    """``path:line`` (or ``path``) as a ``#:`` occurrence, as the PO reader splits it."""
    path, colon, line = where.rpartition(":")
    return (path, line) if colon and path and line.isdigit() else (where, "")


def _notes(holder: ET.Element, entry: CatalogEntry) -> None:
    notes = holder.find(_X + "notes")
    if notes is None:
        return
    places = []
    for note in notes.findall(_X + "note"):
        category, text = note.get("category"), note.text or ""
        if category == "extracted":
            entry.comment = text
        elif category == "translator":
            entry.tcomment = text
        elif category == "location":
            places.append(_reference(text))
    entry.occurrences = places


def _segments(unit: ET.Element, path: str) -> tuple[str, str, str, bool]:
    """Source, target, lowest state of a unit's segments, and whether it has a target."""
    sources, targets, states, has_target = [], [], [], False
    for part in unit:
        if part.tag not in (_X + "segment", _X + "ignorable"):
            continue
        source = part.find(_X + "source")
        if source is None:
            _fail(path, f"unit {unit.get('id')!r}: a segment without <source>")
        sources.append(_text(source, path))
        target = part.find(_X + "target")
        if target is not None:
            has_target = True
            targets.append(_text(target, path))
        if part.tag == _X + "segment":
            state = part.get("state", "initial")
            if state not in _STATES:
                _fail(path, f"unit {unit.get('id')!r}: unknown state {state!r}")
            states.append(state)
    if not states:
        _fail(path, f"unit {unit.get('id')!r} has no <segment>")
    lowest = min(states, key=_STATES.index)
    return "".join(sources), "".join(targets), lowest, has_target


def _text(element: ET.Element, path: str) -> str:
    """Inline content as text: ``<cp>`` as its character; ``<mrk>``/``<pc>`` as their
    text (annotations a CAT tool added); markers dropped; other codes refused."""
    pieces = [element.text or ""]
    for child in element:
        name = child.tag.split("}")[-1]
        if name == "cp":
            try:
                pieces.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                _fail(path, f"<cp hex={child.get('hex')!r}>: not a character")
        elif name in ("mrk", "pc"):
            pieces.append(_text(child, path))
        elif name not in ("sm", "em"):
            _fail(path, f"<{name}> in a source or target: inline codes are not PO text")
        pieces.append(child.tail or "")
    return "".join(pieces)


def _unit(unit: ET.Element, path: str) -> XliffUnit:
    fields = _groups(unit, path).get("l10n:entry", {})
    source, target, state, has_target = _segments(unit, path)
    entry = po.make_entry(msgid=source, msgstr=target)
    _apply_fields(entry, fields)
    _notes(unit, entry)
    return XliffUnit(
        entry, state, _one(fields, "exported"), _one(fields, "state"), has_target,
        unit.get("id", ""),
    )  # fmt: skip


def _plural(group: ET.Element, path: str) -> XliffUnit:
    fields = _groups(group, path).get("l10n:entry", {})
    forms = [_segments(unit, path) for unit in group.findall(_X + "unit")]
    if len(forms) < 2:
        _fail(path, f"plural group {group.get('id')!r}: {len(forms)} forms, expected 2 or more")
    states = [state for _, _, state, _ in forms]
    plurals = {} if _one(fields, "no-forms") == "yes" else {
        index: target for index, (_, target, _, _) in enumerate(forms)
    }  # fmt: skip
    entry = po.make_entry(msgid=forms[0][0], msgid_plural=forms[1][0], msgstr_plural=plurals)
    _apply_fields(entry, fields)
    _notes(group, entry)
    return XliffUnit(
        entry, min(states, key=_STATES.index), _one(fields, "exported"), _one(fields, "state"),
        any(has for *_, has in forms), group.get("id", ""),
    )  # fmt: skip
