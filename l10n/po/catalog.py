"""Gettext catalogs: read strictly, write as GNU does, compile.

A :class:`Catalog` wraps a ``polib.POFile`` (polib is imported lazily, inside functions:
``l10n --help`` loads none of it); its entries are ``polib.POEntry`` objects, typed for
the rest of ``l10n`` by the :class:`~l10n.po.entry.CatalogEntry` protocol (gettext
attribute names: ``msgid``, ``msgstr``, ``msgstr_plural``, ``flags``, ``fuzzy``,
``obsolete``, ...). Other modules read and set those attributes and create entries with
:func:`make_entry`; they never import polib.

Reading is strict (:mod:`l10n.po.read`): a malformed file is a :class:`CatalogError`
naming file and line, never a guess. Writing is GNU's layout byte for byte
(:mod:`l10n.po.write`), in the file's own charset, newline style and BOM.

Saving is atomic and lazy: :func:`save_catalog` writes (temp file in the same folder,
fsync, rename, old mode kept: :func:`l10n.files.write_bytes_atomic`) only when the content
changed since the catalog was loaded or saved, when the file is missing, or with
``force=True`` when the bytes would change. A catalog that is a symbolic link is written at
its target when that lies inside the project (:func:`l10n.files.writes_within`), and refused
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CatalogError, L10nError, read_failure
from ..files import write_bytes_atomic
from .charset import charset_codec, decode_po, header_charset, newline_style
from .entry import CatalogEntry, is_translated
from .mo import compile_entries
from .read import MAX_NPLURALS, parse_po
from .write import format_entries

__all__ = [
    "Catalog",
    "CatalogStats",
    "compile_mo",
    "copy_entry",
    "format_catalog",
    "load_catalog",
    "make_entry",
    "nplurals_of",
    "parse_catalog",
    "read_catalog_bytes",
    "same_messages",
    "save_catalog",
]

_DATE_FIELDS = ("POT-Creation-Date", "PO-Revision-Date")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass(frozen=True, slots=True)
class CatalogStats:
    """Counts of a catalog's entries, as ``msgfmt --statistics`` counts them.

    An entry is translated when every form is (:func:`l10n.po.entry.is_translated`); ``translated``
    counts those not fuzzy, ``fuzzy`` the fuzzy ones; ``words`` counts the source words of active
    entries, ``translated_words`` those of the translated ones; ``percent`` is
    ``translated / entries * 100`` (100.0 when empty).
    """

    entries: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    words: int
    translated_words: int
    percent: float


def make_entry(**fields: Any) -> CatalogEntry:
    """A new entry; keyword names as polib's ``POEntry`` (``msgid``, ``msgstr``, ...)."""
    import polib

    entry: CatalogEntry = polib.POEntry(**fields)
    return entry


def copy_entry(entry: CatalogEntry, **changes: Any) -> CatalogEntry:
    """A copy of ``entry`` (lists and dicts copied too) with ``changes`` applied."""
    fields: dict[str, Any] = {
        "msgid": entry.msgid,
        "msgstr": entry.msgstr,
        "msgid_plural": entry.msgid_plural,
        "msgstr_plural": dict(entry.msgstr_plural),
        "msgctxt": entry.msgctxt,
        "obsolete": entry.obsolete,
        "comment": entry.comment,
        "tcomment": entry.tcomment,
        "occurrences": list(entry.occurrences),
        "flags": list(entry.flags),
        "previous_msgctxt": entry.previous_msgctxt,
        "previous_msgid": entry.previous_msgid,
        "previous_msgid_plural": entry.previous_msgid_plural,
        "linenum": entry.linenum,
    }
    fields.update(changes)
    return make_entry(**fields)


def _entry_key(entry: CatalogEntry) -> tuple[Any, ...]:
    """Everything of an entry that a written file shows."""
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        tuple(entry.flags),
        entry.comment,
        entry.tcomment,
        tuple(entry.occurrences),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        entry.obsolete,
    )


def _parse_metadata(text: str) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for line in text.split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip():
            metadata[key.strip()] = value.strip()
    return metadata


def _render_metadata(metadata: dict[str, str], raw: str) -> str:
    """Header text for ``metadata``, keeping the lines and order of ``raw`` where it can."""
    lines = []
    done: set[str] = set()
    for line in raw.split("\n"):
        key, colon, _ = line.partition(":")
        key = key.strip()
        if not colon or not key:
            if line:
                lines.append(line)
        elif key in metadata and key not in done:
            lines.append(f"{key}: {metadata[key]}")
            done.add(key)
    lines += [f"{key}: {value}" for key, value in metadata.items() if key not in done]
    return "".join(line + "\n" for line in lines)


class Catalog:
    """A PO or POT catalog: header metadata and entries, with its own queries.

    Wraps a ``polib.POFile`` holding the entries (active and obsolete, in file order; the
    header entry is kept apart). ``metadata`` is the header, ordered and editable;
    ``path`` names the file in errors; ``charset``/``newline``/``bom`` say how to write
    it back. Entries are ``polib.POEntry`` objects (see :class:`CatalogEntry`): set their
    attributes freely; use :meth:`append` and :meth:`remove` to add and drop them.
    """

    def __init__(
        self,
        entries: Iterable[CatalogEntry] = (),
        *,
        header: CatalogEntry | None = None,
        path: str = "<string>",
        charset: str = "utf-8",
        newline: str = "\n",
        bom: bool = False,
    ) -> None:
        import polib

        self.path = path
        self.charset = charset
        self.newline = newline
        self.bom = bom
        self._po: Any = polib.POFile(wrapwidth=79, check_for_duplicates=False)
        self._po.extend(entries)
        self._header = header
        self._raw_header = "" if header is None else header.msgstr
        self._raw_metadata = _parse_metadata(self._raw_header)
        self.metadata: dict[str, str] = dict(self._raw_metadata)
        self._po.metadata = self.metadata
        self._index: dict[tuple[str | None, str], CatalogEntry] = {}
        self._saved: tuple[Any, ...] | None = None
        self._saved_path: str | None = None

    def __repr__(self) -> str:
        return f"<Catalog {self.path} language={self.language!r} entries={len(self)}>"

    # -- header --------------------------------------------------------------------------

    @property
    def language(self) -> str | None:
        """The header's ``Language`` (None when absent or empty)."""
        return self.metadata.get("Language") or None

    @language.setter
    def language(self, value: str | None) -> None:
        self.metadata["Language"] = value or ""

    @property
    def nplurals(self) -> int | None:
        """``nplurals`` of the header's ``Plural-Forms`` (None when absent or unparsable);
        CatalogError when it is not 1 to :data:`~l10n.po.read.MAX_NPLURALS`."""
        line = None if self._header is None else self._header.linenum
        return nplurals_of(self.metadata.get("Plural-Forms", ""), path=self.path, line=line)

    @property
    def header_comment(self) -> str:
        """The translator comment above the header (``#`` lines), ``"\\n"``-joined."""
        return "" if self._header is None else self._header.tcomment

    @header_comment.setter
    def header_comment(self, value: str) -> None:
        self.header_entry().tcomment = value

    @property
    def header_fuzzy(self) -> bool:
        """Whether the header carries the ``fuzzy`` flag (templates do)."""
        return self._header is not None and "fuzzy" in self._header.flags

    @header_fuzzy.setter
    def header_fuzzy(self, value: bool) -> None:
        entry = self.header_entry()
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if value:
            entry.flags.insert(0, "fuzzy")

    def header_entry(self) -> CatalogEntry:
        """The header as an entry (``msgid ""``), its ``msgstr`` rendered from metadata."""
        if self._header is None:
            self._header = make_entry(msgid="", msgstr="")
        if self.metadata != self._raw_metadata:
            self._raw_header = _render_metadata(self.metadata, self._raw_header)
            self._raw_metadata = dict(self.metadata)
        self._header.msgstr = self._raw_header
        return self._header

    def _has_header(self) -> bool:
        return self._header is not None or bool(self.metadata)

    # -- entries -------------------------------------------------------------------------

    def __iter__(self) -> Iterator[CatalogEntry]:
        """Active (non-obsolete) entries in file order, header excluded."""
        return (entry for entry in self._po if not entry.obsolete)

    def __len__(self) -> int:
        return sum(1 for entry in self._po if not entry.obsolete)

    def obsolete_entries(self) -> list[CatalogEntry]:
        """Obsolete (``#~``) entries in file order."""
        return [entry for entry in self._po if entry.obsolete]

    def all_entries(self) -> list[CatalogEntry]:
        """Active entries, then obsolete ones: the order a written file has."""
        return [*self, *self.obsolete_entries()]

    def append(self, entry: CatalogEntry) -> None:
        """Add an entry at the end (CatalogError if its msgctxt+msgid is already there)."""
        key = (entry.msgctxt, entry.msgid)
        if any((other.msgctxt, other.msgid) == key for other in self._po):
            raise CatalogError(f"duplicate message {entry.msgid!r}", path=self.path)
        self._po.append(entry)

    def remove(self, entry: CatalogEntry) -> None:
        """Drop an entry (the very object) from the catalog."""
        for position, other in enumerate(self._po):
            if other is entry:
                del self._po[position]
                return
        raise ValueError("entry not in catalog")

    def find(self, msgid: str, msgctxt: str | None = None) -> CatalogEntry | None:
        """The active entry with this msgid and msgctxt, or None."""
        key = (msgctxt, msgid)
        entry = self._index.get(key)
        if entry is None or (entry.msgctxt, entry.msgid) != key or entry.obsolete:
            self._index = {(e.msgctxt, e.msgid): e for e in self}
            entry = self._index.get(key)
        return entry

    def stats(self) -> CatalogStats:
        """Counts of entries and source words by state."""
        entries = translated = fuzzy = words = translated_words = 0
        for entry in self:
            count = len(entry.msgid.split())
            entries += 1
            words += count
            if not is_translated(entry):
                continue
            if entry.fuzzy:
                fuzzy += 1
            else:
                translated += 1
                translated_words += count
        percent = 100.0 if entries == 0 else translated / entries * 100
        return CatalogStats(
            entries=entries,
            translated=translated,
            fuzzy=fuzzy,
            untranslated=entries - translated - fuzzy,
            obsolete=len(self.obsolete_entries()),
            words=words,
            translated_words=translated_words,
            percent=percent,
        )

    # -- change tracking -----------------------------------------------------------------

    def _fingerprint(self) -> tuple[Any, ...]:
        header = None
        if self._header is not None:
            header = (*_entry_key(self._header)[5:], self._header.msgid, self._header.msgctxt)
        return (
            tuple(self.metadata.items()),
            header,
            tuple(_entry_key(entry) for entry in self._po),
            (self.charset, self.newline, self.bom),
        )

    def _mark_saved(self, path: str) -> None:
        self._saved = self._fingerprint()
        self._saved_path = path

    @property
    def changed(self) -> bool:
        """Whether the content differs from what was loaded or last saved."""
        return self._saved is None or self._fingerprint() != self._saved

    def with_entries(
        self, entries: Iterable[CatalogEntry], *, metadata: dict[str, str] | None = None
    ) -> Catalog:
        """A catalog of ``entries`` (and ``metadata``, else this one's) that keeps this
        one's file name, encoding and load state: saving it writes nothing when its
        content equals what was loaded."""
        header = None if self._header is None else copy_entry(self.header_entry())
        derived = Catalog(
            entries,
            header=header,
            path=self.path,
            charset=self.charset,
            newline=self.newline,
            bom=self.bom,
        )
        new_metadata = dict(self.metadata if metadata is None else metadata)
        derived.metadata.clear()
        derived.metadata.update(new_metadata)
        derived._saved = self._saved
        derived._saved_path = self._saved_path
        return derived


# ---------------------------------------------------------------------------------------
# Reading and writing


def parse_catalog(data: bytes | str, *, path: str = "<string>") -> Catalog:
    """A catalog from a PO file's bytes (or text); CatalogError with path and line."""
    if isinstance(data, str):
        return _parse_text(data, path=path)
    decoded = decode_po(data, path=path)
    catalog = _build(decoded.text, path=path, charset=decoded.charset)
    declared = _declared_charset(catalog)
    if declared is not None and declared != header_charset(decoded.text):
        decoded = decode_po(data, path=path, declared=declared)
        catalog = _build(decoded.text, path=path, charset=decoded.charset)
    catalog.charset, catalog.newline, catalog.bom = decoded.charset, decoded.newline, decoded.bom
    catalog._mark_saved(path)
    return catalog


def _parse_text(text: str, *, path: str) -> Catalog:
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    catalog = _build(text, path=path, charset=charset_codec(header_charset(text), path=path))
    catalog.charset = charset_codec(_declared_charset(catalog), path=path)
    catalog.newline = newline_style(text)
    catalog.bom = bom
    catalog._mark_saved(path)
    return catalog


def _build(text: str, *, path: str, charset: str) -> Catalog:
    import polib

    entries = parse_po(text, path=path, make_entry=polib.POEntry, charset=charset)
    header = None
    if (
        entries
        and entries[0].msgid == ""
        and entries[0].msgctxt is None
        and not entries[0].obsolete
    ):
        header = entries.pop(0)
    else:
        for position, entry in enumerate(entries):
            if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                header = entries.pop(position)
                break
    catalog = Catalog(entries, header=header, path=path, charset=charset)
    if header is not None:  # refuse an impossible nplurals now, naming its line
        forms = catalog.metadata.get("Plural-Forms", "")
        nplurals_of(forms, path=path, line=_nplurals_line(text, header.linenum))
    return catalog


def nplurals_of(forms: str, *, path: str, line: int | None) -> int | None:
    """``nplurals`` of a ``Plural-Forms`` value; CatalogError when out of 1..MAX_NPLURALS."""
    match = _NPLURALS.search(forms)
    if match is None:
        return None
    digits = match.group(1)
    count = int(digits) if len(digits) <= 9 else MAX_NPLURALS + 1
    if not 1 <= count <= MAX_NPLURALS:
        shown = digits if len(digits) <= 12 else digits[:9] + "..."
        raise CatalogError(
            f"Plural-Forms: nplurals={shown}: a language has 1 to {MAX_NPLURALS} plural forms",
            path=path,
            line=line,
        )
    return count


def _nplurals_line(text: str, header_line: int) -> int:
    """The line holding the header's ``nplurals`` (the header starts at ``header_line``)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    at = 0
    for _ in range(header_line - 1):
        at = text.find("\n", at) + 1
    found = text.find("nplurals", at)
    return header_line if found < 0 else header_line + text.count("\n", at, found)


def _declared_charset(catalog: Catalog) -> str | None:
    match = re.search(r"charset=([^\s;]+)", catalog.metadata.get("Content-Type", ""))
    return match.group(1) if match else None


def load_catalog(path: Path) -> Catalog:
    """Read and parse a PO/POT file; CatalogError when missing, unreadable, empty or malformed."""
    return parse_catalog(read_catalog_bytes(path), path=str(path))


def read_catalog_bytes(path: Path) -> bytes:
    """The bytes of a PO/POT file; CatalogError when missing, unreadable or empty."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        reason = read_failure(error, directory="is a directory, not a PO file")
        raise CatalogError(reason, path=path) from None
    if not data:  # what a truncated write leaves; updating it would lose Language
        raise CatalogError("empty file, not a PO catalog (not even a header)", path=path, line=1)
    return data


def format_catalog(catalog: Catalog) -> bytes:
    """The canonical (GNU ``msgcat``) bytes of a catalog, in its charset, newlines and BOM."""
    header = [catalog.header_entry()] if catalog._has_header() else []
    try:
        text = format_entries([*header, *catalog.all_entries()])
    except CatalogError as error:
        error.path = catalog.path
        raise
    if catalog.newline != "\n":
        text = text.replace("\n", catalog.newline)
    try:
        data = text.encode(catalog.charset)
    except UnicodeEncodeError:
        data = _encode_with_ascii_marks(text, catalog)
    return b"\xef\xbb\xbf" + data if catalog.bom else data


# l10n's own comment lines; their arrows become "->" in a charset without "→".
_OWN_MARK_LINE = re.compile(r"^(?:#~ )?# l10n-mt: .*$", re.MULTILINE)


def _encode_with_ascii_marks(text: str, catalog: Catalog) -> bytes:
    """``text`` in the catalog's charset, l10n's marks written in ASCII where needed;
    CatalogError when a translation or a comment cannot be written in that charset."""
    text = _OWN_MARK_LINE.sub(lambda line: line[0].replace("\u2192", "->"), text)
    try:
        return text.encode(catalog.charset)
    except UnicodeEncodeError as error:
        char = error.object[error.start]
        charset = _declared_charset(catalog) or catalog.charset
        name = _as_typed(catalog.path)
        message = (
            f"cannot write {char!r} in the catalog's charset {charset}: convert the catalog "
            f"to UTF-8 first (msgconv -t UTF-8 -o {name} {name})"
        )
        raise CatalogError(message, path=catalog.path) from None


def _as_typed(path: str) -> str:
    """``path`` as the user would type it in the current folder."""
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def save_catalog(catalog: Catalog, path: Path, *, force: bool = False) -> bool:
    """Write ``catalog`` to ``path`` atomically if needed; return whether it wrote.

    Writes nothing when the catalog is unchanged since it was loaded from (or last saved
    to) ``path`` and the file exists, even if the file is not in canonical form; with
    ``force=True``, rewrites it in canonical form unless its bytes already are.
    """
    path = Path(path)
    exists = path.exists()
    if exists and not force and not catalog.changed and catalog._saved_path == str(path):
        return False
    try:
        data = format_catalog(catalog)
    except CatalogError as error:  # named by the file it was to be (a new one has no path yet)
        error.path = str(path)
        raise
    if exists:
        try:
            if path.read_bytes() == data:
                catalog._mark_saved(str(path))
                return False
        except OSError as error:
            raise CatalogError(f"cannot read: {error.strerror}", path=path) from None
    try:
        write_bytes_atomic(path, data, follow_link=True)
    except L10nError as error:
        raise CatalogError(error.message, path=path) from None
    catalog._mark_saved(str(path))
    return True


def compile_mo(
    catalog: Catalog,
    *,
    use_fuzzy: bool = False,
    keep: Callable[[CatalogEntry], bool] | None = None,
) -> bytes:
    """The ``.mo`` file ``msgfmt`` would write (``--use-fuzzy`` when ``use_fuzzy``), of
    the entries ``keep`` is true of (all when None)."""
    header = [catalog.header_entry()] if catalog._has_header() else []
    entries = [entry for entry in catalog if keep is None or keep(entry)]
    return compile_entries([*header, *entries], charset=catalog.charset, use_fuzzy=use_fuzzy)


def same_messages(a: Catalog, b: Catalog) -> bool:
    """Whether two catalogs hold the same entries and header, dates aside."""
    if [_entry_key(e) for e in a.all_entries()] != [_entry_key(e) for e in b.all_entries()]:
        return False
    return _undated(a.metadata) == _undated(b.metadata)


def _undated(metadata: dict[str, str]) -> list[tuple[str, str]]:
    return [(key, value) for key, value in metadata.items() if key not in _DATE_FIELDS]
