"""PO/POT bytes to text: the file's charset, newline style and BOM, or a CatalogError.

:func:`decode_po` turns bytes into text. It keeps what a writer needs to give the bytes
back (BOM, newline style, charset) and refuses a NUL byte, UTF-16, a compiled ``.mo``,
bytes invalid in the declared charset, an unknown charset, a charset in which ASCII does
not stay ASCII (the round trip is checked), and UTF-8 bytes under a header that declares
another charset.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import CatalogError

__all__ = ["DecodedText", "charset_codec", "decode_po", "header_charset", "newline_style"]

_UTF8_NAMES = {"utf-8", "utf8"}
_ASCII_NAMES = {"ascii", "us-ascii", "charset"}  # "CHARSET": the placeholder of templates
_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_CHARSET = re.compile(r"Content-Type:[^\n\"]*?charset=([^\s\"\\;]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A PO file's text and what it takes to write it back as the same kind of bytes."""

    text: str
    charset: str  # a Python codec name: "utf-8", "iso8859-1", ...
    newline: str  # "\n", "\r\n" or "\r"
    bom: bool


def decode_po(data: bytes, *, path: str, declared: str | None = None) -> DecodedText:
    """Decode a PO file's bytes; :class:`CatalogError` (with line) when it is no PO text.

    The charset is the one the header declares; ``declared`` overrides what a quick look
    at the header finds (for a header whose ``Content-Type`` is split over strings).
    """
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    _refuse_binary(data, path=path)
    newline = _newline_style(data)
    if declared is not None and _codec(declared, data.decode("latin-1"), path=path) != "utf-8":
        return _decode_as(data, declared, bom=bom, newline=newline, path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_declared(data, error, bom=bom, newline=newline, path=path)
    declared = header_charset(text)
    charset = "utf-8" if declared is None else _codec(declared, text, path=path)
    if charset != "utf-8" and not text.isascii():
        if bom:
            message = f"UTF-8 BOM but the header declares charset {declared}"
            raise CatalogError(message, path=path, line=1)
        line = _line_of(data, _first_non_ascii(data), newline)
        raise CatalogError(
            f"the file is UTF-8 but its header declares charset {declared}", path=path, line=line
        )
    return DecodedText(text, charset, newline, bom)


def header_charset(text: str) -> str | None:
    """The charset named in the first ``Content-Type`` header line, if any."""
    match = _CHARSET.search(text, 0, 65536)
    return match.group(1) if match else None


def _refuse_binary(data: bytes, *, path: str) -> None:
    if data[:4] in _MO_MAGIC:
        raise CatalogError("a compiled .mo file, not a PO file", path=path, line=1)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(data) >= 4 and (data[1::2][:2] == b"\0\0" or data[0::2][:2] == b"\0\0")
    ):
        message = "UTF-16 text; PO files must be UTF-8 (or ASCII-based)"
        raise CatalogError(message, path=path, line=1)
    nul = data.find(b"\0")
    if nul >= 0:
        raise CatalogError("NUL byte", path=path, line=_line_of(data, nul, _newline_style(data)))


def _decode_declared(
    data: bytes, error: UnicodeDecodeError, *, bom: bool, newline: str, path: str
) -> DecodedText:
    """Decode bytes that are not UTF-8 with the charset their header declares."""
    declared = None if bom else header_charset(data.decode("latin-1"))
    if declared is None or declared.lower() in _UTF8_NAMES | _ASCII_NAMES:
        line = _line_of(data, error.start, newline)
        raise CatalogError("invalid UTF-8", path=path, line=line)
    return _decode_as(data, declared, bom=bom, newline=newline, path=path)


def _decode_as(data: bytes, declared: str, *, bom: bool, newline: str, path: str) -> DecodedText:
    charset = _codec(declared, data.decode("latin-1"), path=path)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as bad:
        line = _line_of(data, bad.start, newline)
        raise CatalogError(f"invalid {declared} bytes", path=path, line=line) from None
    return DecodedText(text, charset, newline, bom)


_ASCII_BYTES = bytes(range(128))
_CONVERT = "convert the file with `msgconv -t UTF-8`"


def _codec(declared: str, text: str, *, path: str) -> str:
    """Python's codec name for a PO charset; CatalogError unless it can round-trip.

    Accepted: text encodings in which every ASCII character is the same single byte
    (UTF-8, ISO-8859-*, KOI8-*, CP125x, EUC-*, GB18030, Shift_JIS...), so that the PO
    syntax reads the same in the file's charset as in ASCII, as GNU gettext requires.
    Refused with the charset's line: unknown names, codecs that are no text encoding
    (``base64``, ``rot13``, ``hex``), and charsets that are not ASCII-compatible
    (UTF-16/32, UTF-7, EBCDIC such as IBM037, ISO-2022-*).
    """
    lowered = declared.lower()
    if lowered in _UTF8_NAMES or lowered in _ASCII_NAMES:
        return "utf-8"
    line = _line_in(text, declared)
    try:
        info = codecs.lookup(declared)
    except LookupError:
        raise CatalogError(f"unknown charset {declared!r}", path=path, line=line) from None
    if not info._is_text_encoding:
        message = f"charset {declared!r} is not a text encoding"
        raise CatalogError(message, path=path, line=line)
    if not _ascii_compatible(info.name):
        message = f"charset {declared} is not ASCII-compatible: {_CONVERT}"
        raise CatalogError(message, path=path, line=line)
    return "utf-8" if info.name == "utf-8" else info.name


def _ascii_compatible(name: str) -> bool:
    """Whether ASCII text and bytes mean the same in codec ``name``, both ways, whatever
    precedes them (stateful charsets, whose escapes change what ASCII bytes mean, and
    Python's escape codecs are not)."""
    if name.startswith("iso2022") or name.replace("-", "_").endswith("unicode_escape"):
        return False
    try:
        decoded = _ASCII_BYTES.decode(name)
        encoded = _ASCII_BYTES.decode("ascii").encode(name)
    except (UnicodeError, LookupError, TypeError, ValueError):
        return False
    return decoded == _ASCII_BYTES.decode("ascii") and encoded == _ASCII_BYTES


def _line_in(text: str, declared: str) -> int:
    """The line that declares the charset (the Content-Type line), else the first."""
    at = text.find(f"charset={declared}")
    at = text.find(declared) if at < 0 else at
    if at < 0:
        return 1
    return max(text.count("\n", 0, at), text.count("\r", 0, at)) + 1


def newline_style(text: str) -> str:
    """The newline a file uses, judged by its first line end: LF, CRLF or CR."""
    lf = text.find("\n")
    if lf < 0:
        return "\r" if "\r" in text else "\n"
    cr = text.find("\r", 0, lf)
    if cr == lf - 1:
        return "\r\n"
    return "\r" if cr >= 0 else "\n"


def _newline_style(data: bytes) -> str:
    return newline_style(data.decode("latin-1"))


def charset_codec(declared: str | None, *, path: str) -> str:
    """Python's codec for a header's charset (UTF-8 when none is declared)."""
    return "utf-8" if declared is None else _codec(declared, "", path=path)


def _line_of(data: bytes, offset: int, newline: str) -> int:
    mark = b"\r" if newline == "\r" else b"\n"
    return data.count(mark, 0, offset) + 1


def _first_non_ascii(data: bytes) -> int:
    match = re.search(rb"[\x80-\xff]", data)
    return match.start() if match else 0
