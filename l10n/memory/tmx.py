"""TMX 1.4b, the translation-memory exchange format: read units, write them.

Written as OmegaT, Trados and Translate Toolkit read it: a ``<header>`` with
``srclang``, ``datatype="plaintext"`` and ``segtype="sentence"``, one ``<tu>`` per
translation with a ``<tuv xml:lang=...><seg>`` for the source and for the target, the
date of the translation as ``changedate`` (``YYYYMMDDThhmmssZ``) and where it came from
as a ``<prop type="x-l10n-origin">``. Language codes are written as BCP 47 (``pt-BR``)
and read back as l10n's (``pt_BR``).

Reading streams the file (a memory of a million units is not held as a tree), takes
each ``<tu>``'s source-language ``<tuv>`` (the header's ``srclang``, else the first)
and every other one as a translation of it, and joins inline codes' text into the
segment. A file with a DTD that declares entities is refused (no entity expansion
ever), as is one that is not TMX.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import SourceError

__all__ = ["TmxError", "TmxUnit", "format_tmx", "read_tmx", "writable"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ORIGIN_PROP = "x-l10n-origin"
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$")


class TmxError(SourceError):
    """A TMX file that cannot be read."""


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One translation of a TMX file: source and target text, their languages (l10n's
    codes), its date and, when the file says, where it came from."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    day: date | None = None
    origin: str | None = None


def _code(lang: str) -> str:
    """A TMX language (BCP 47: ``pt-BR``, ``EN-us``) as l10n writes it (``pt_BR``)."""
    base, _, region = lang.replace("_", "-").partition("-")
    return f"{base.lower()}_{region.upper()}" if region else base.lower()


def _tag(code: str) -> str:
    return code.replace("_", "-")


def _day(text: str | None) -> date | None:
    match = _DATE.match(text or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _refuse_entities(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            head = stream.read(65536)
    except OSError as error:
        raise TmxError(f"cannot read: {error.strerror}", path=path) from None
    if b"<!ENTITY" in head:
        raise TmxError("declares XML entities: refused (TMX needs none)", path=path)


def read_tmx(path: Path) -> Iterator[TmxUnit]:
    """The translations of the TMX file at ``path``, in file order."""
    _refuse_entities(path)
    srclang = ""
    try:
        events = ET.iterparse(path, events=("start", "end"))
        _event, root = next(events)
        if root.tag != "tmx":
            raise TmxError(f"not a TMX file (its root is <{root.tag}>)", path=path)
        parent = root
        for event, element in events:
            if event == "start":
                parent = element if element.tag == "body" else parent
            elif element.tag == "header":
                declared = element.get("srclang", "")
                srclang = "" if declared.lower() in ("", "*all*") else _code(declared)
            elif element.tag == "tu":
                yield from _units(element, srclang)
                parent.clear()  # what was read is not kept
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise TmxError(f"not well-formed XML: {error}", path=path, line=line) from None
    except OSError as error:
        raise TmxError(f"cannot read: {error.strerror}", path=path) from None


def _units(tu: ET.Element, srclang: str) -> Iterator[TmxUnit]:
    variants = []
    for tuv in tu.findall("tuv"):
        lang = tuv.get(_XML_LANG) or tuv.get("lang")
        seg = tuv.find("seg")
        if lang and seg is not None:
            variants.append((_code(lang), "".join(seg.itertext()), tuv))
    if len(variants) < 2:
        return
    source = next((v for v in variants if v[0] == srclang), None)
    if source is None:
        source = next((v for v in variants if v[0].split("_")[0] == srclang), variants[0])
    origin = next(
        (prop.text for prop in tu.findall("prop") if prop.get("type") == _ORIGIN_PROP), None
    )
    for lang, text, tuv in variants:
        if tuv is source[2] or not text.strip() or not source[1].strip():
            continue
        when = _day(tuv.get("changedate") or tu.get("changedate") or tu.get("creationdate"))
        yield TmxUnit(source[1], text, source[0], lang, when, origin)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot carry, even escaped."""


def writable(unit: TmxUnit) -> bool:
    """Whether XML can carry the unit's text (no control characters)."""
    return not (_NOT_XML.search(unit.source) or _NOT_XML.search(unit.target))


def format_tmx(units: Iterable[TmxUnit], *, source_lang: str, tool_version: str) -> bytes:
    """A TMX 1.4b document of ``units`` (UTF-8 bytes); a unit whose text holds a
    character XML cannot carry (a control character) is left out."""
    root = ET.Element("tmx", version="1.4")
    header = {
        "creationtool": "l10n", "creationtoolversion": tool_version,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en",
        "srclang": _tag(source_lang), "o-tmf": "PO",
        "creationdate": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
    }  # fmt: skip
    ET.SubElement(root, "header", header)
    body = ET.SubElement(root, "body")
    for unit in units:
        if not writable(unit):
            continue
        tu = ET.SubElement(body, "tu")
        if unit.day is not None:
            tu.set("changedate", unit.day.strftime("%Y%m%dT000000Z"))
        if unit.origin:
            ET.SubElement(tu, "prop", type=_ORIGIN_PROP).text = unit.origin
        for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: _tag(lang)})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    return (head + text + "\n").encode("utf-8")
