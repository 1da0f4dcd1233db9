"""Reading a glossary file: CSV (``source,target,lang,note``) or TBX, strictly.

CSV: UTF-8 (a byte-order mark is fine), a header row naming the columns (``source``
required; ``target``, ``lang`` and ``note`` optional, in any order; any other name is
refused, since a misspelt ``target`` would silently make every term do-not-translate),
then one term per row. An empty ``target`` means "do not translate"; an empty ``lang``
means every target language. Blank rows are skipped.

TBX (``.tbx``, TBX 2 ``termEntry``/``langSet``/``tig`` or TBX 3 ``conceptEntry``/
``langSec``/``termSec``): each concept's term in the project's source language, and its
term in each other language as a forced term for that language; a target term equal to
the source term, or a concept with no other language, means "do not translate". Concepts
without a term in the source language are not ours and are skipped. The XML is read with
expat, refusing entity declarations (no entity expansion, no external entities: what
defusedxml does); a DOCTYPE naming an external DTD is fine and not read.

Every problem is one :class:`~l10n.errors.ConfigError` naming the file and line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import ConfigError, L10nError
from .model import Term

__all__ = ["MAX_BYTES", "read_glossary"]

MAX_BYTES = 64 * 1024 * 1024
"""A glossary larger than this is refused (a glossary is thousands of terms, not GBs)."""

_COLUMNS = ("source", "target", "lang", "note")


def read_glossary(path: Path, *, source_lang: str, shown: str | None = None) -> list[Term]:
    """The terms of the glossary at ``path`` (by extension: ``.tbx`` is TBX, anything else
    CSV); ``shown`` is the name errors give the file (default: ``path``)."""
    name = shown or str(path)
    data = _read_bytes(path, name)
    if b"\0" in data:
        raise ConfigError("a glossary is text, this file is binary", path=name)
    if path.suffix.lower() == ".tbx":
        return _read_tbx(data, name, source_lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "not UTF-8 text (save the glossary as UTF-8)"
        raise ConfigError(message, path=name, line=line) from None
    return _read_csv(text, name)


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError("no such glossary file ([glossary] file)", path=name) from None
    except IsADirectoryError:
        raise ConfigError("the glossary is a folder, not a file", path=name) from None
    except OSError as error:
        raise ConfigError(f"cannot read the glossary: {error.strerror}", path=name) from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"the glossary is larger than {MAX_BYTES >> 20} MiB", path=name)
    return data


# -- CSV ------------------------------------------------------------------------------------


def _read_csv(text: str, name: str) -> list[Term]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    line = 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ConfigError(f"malformed CSV: {error}", path=name, line=reader.line_num) from None
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = _header(row, name, start)
            continue
        term = _term(dict(zip(header, row, strict=False)), row, header, name, start)
        key = (term.source, term.lang)
        if key in seen:
            where = f"for {term.lang}" if term.lang else "for all languages"
            raise ConfigError(
                f"{term.source!r} {where} is already on line {seen[key]}", path=name, line=start
            )
        seen[key] = start
        terms.append(term)
    if header is None:
        raise ConfigError("empty glossary: expected a header row 'source,target,lang,note'",
                          path=name, line=1)  # fmt: skip
    return terms


def _header(row: list[str], name: str, line: int) -> list[str]:
    columns = [cell.strip().lower() for cell in row]
    for column in columns:
        if column not in _COLUMNS:
            raise ConfigError(
                f"unknown column {column!r}: the header names columns of "
                f"{', '.join(_COLUMNS)} (source required)", path=name, line=line,
            )  # fmt: skip
        if columns.count(column) > 1:
            raise ConfigError(f"column {column!r} appears twice", path=name, line=line)
    if "source" not in columns:
        raise ConfigError(
            "the first row must be a header naming the columns, 'source' among them "
            "(source,target,lang,note)", path=name, line=line,
        )  # fmt: skip
    return columns


def _term(
    cells: dict[str, str], row: list[str], header: list[str], name: str, line: int
) -> Term:
    if len(row) != len(header):
        raise ConfigError(
            f"{len(row)} fields, the header has {len(header)} ({','.join(header)})",
            path=name, line=line,
        )  # fmt: skip
    source = " ".join(cells.get("source", "").split())
    if not source:
        raise ConfigError("empty source term", path=name, line=line)
    if any(c in source for c in "<>"):
        raise ConfigError(f"source term {source!r}: '<' and '>' are markup", path=name, line=line)
    target = " ".join(cells.get("target", "").split())
    lang = _language(cells.get("lang", "").strip(), name, line)
    return Term(source, target, lang, cells.get("note", "").strip(), line)


def _language(code: str, name: str, line: int) -> str:
    if not code:
        return ""
    from ..languages import normalize_language

    try:
        return normalize_language(code)
    except L10nError as error:  # a LanguageError, named here with the file and line
        raise ConfigError(f"lang {code!r}: {error.message}", path=name, line=line) from None


# -- TBX ------------------------------------------------------------------------------------

_CONCEPT = frozenset({"termEntry", "conceptEntry"})
_LANG = frozenset({"langSet", "langSec"})
_XML_LANG = "http://www.w3.org/XML/1998/namespace lang"


class _Tbx:
    """An expat handler collecting (line, {lang: [terms]}, note) per concept."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.concepts: list[tuple[int, dict[str, list[str]], str]] = []
        self.concept: dict[str, list[str]] | None = None
        self.line = 0
        self.lang = ""
        self.note = ""
        self.text: list[str] | None = None
        self.kind = ""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local in _CONCEPT:
            self.concept, self.line, self.note = {}, self.parser.CurrentLineNumber, ""
        elif local in _LANG:
            self.lang = attrs.get(_XML_LANG) or attrs.get("lang", "")
        elif local in ("term", "note", "descrip") and self.concept is not None:
            self.text, self.kind = [], local

    def end(self, tag: str) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if local in _CONCEPT and self.concept is not None:
            self.concepts.append((self.line, self.concept, self.note))
            self.concept = None
        elif local == self.kind and self.text is not None and self.concept is not None:
            value = " ".join("".join(self.text).split())
            if local == "term" and value:
                self.concept.setdefault(self.lang, []).append(value)
            elif value and not self.note:
                self.note = value
            self.text = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)


def _refuse_entities(*_args: object) -> None:
    raise ValueError("entity declarations are refused (no entity expansion)")


def _read_tbx(data: bytes, name: str, source_lang: str) -> list[Term]:
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    handler = _Tbx(parser)
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    parser.EntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = lambda *_: 0  # never fetched: refused
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code] if error.code else str(error)
        raise ConfigError(f"malformed TBX: {message}", path=name, line=error.lineno) from None
    except ValueError as error:
        raise ConfigError(f"TBX: {error}", path=name, line=parser.CurrentLineNumber) from None
    return _tbx_terms(handler.concepts, name, _base(source_lang))


def _base(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


def _tbx_terms(
    concepts: list[tuple[int, dict[str, list[str]], str]], name: str, source: str
) -> list[Term]:
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    for line, by_lang, note in concepts:
        sources = [t for lang, ts in by_lang.items() if _base(lang) == source for t in ts]
        if not sources:
            continue
        targets = [(lang, ts[0]) for lang, ts in by_lang.items() if _base(lang) != source and ts]
        rows = [("", "")] if not targets else [
            (_language(lang.replace("-", "_"), name, line), "" if target in sources else target)
            for lang, target in targets
        ]  # fmt: skip
        for term in sources:
            if "<" in term or ">" in term:
                raise ConfigError(f"term {term!r}: '<' and '>' are markup", path=name, line=line)
            for lang, target in rows:
                if (term, lang) in seen:
                    continue  # a synonym listed twice: the first concept wins
                seen[(term, lang)] = line
                terms.append(Term(term, target, lang, note, line))
    return terms
