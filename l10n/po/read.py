"""Strict reading of gettext PO/POT text: text -> entries, or a CatalogError.

GNU's reader, polib and Babel all guess at malformed input (``"Hello`` without its
closing quote becomes ``Hell``). This reader refuses instead, naming the file and line
(the bytes were decoded by :mod:`l10n.po.charset`):

- :func:`parse_po` lexes the text line by line (keywords, quoted strings with C escapes,
  continuation lines, the comment kinds, ``#~`` obsolete and ``#|``/``#~|`` previous
  lines) and checks the grammar: keyword order, ``msgstr[N]`` numbering (at most
  :data:`MAX_NPLURALS` forms), no duplicate messages. It builds entries through a
  caller's factory with polib's keyword names, so this module needs no polib.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import CatalogError

__all__ = ["CONTINUED_COMMENT", "MAX_NPLURALS", "parse_po"]

E = TypeVar("E")

MAX_NPLURALS = 6
"""The most plural forms a catalog may have: CLDR's maximum (Arabic and Welsh have six).
More would only be a way to make every plural entry huge (``nplurals=2000000000``)."""

# Lexing

_KEYWORD_LINE = re.compile(
    r"[ \t\f\v]*(msgctxt|msgid_plural|msgid|msgstr(?:[ \t]*\[[ \t]*(\d+)[ \t]*\])?|domain)"
    r'(?=[ \t\f\v"]|$)[ \t\f\v]*(.*)'
)
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v]*')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.?))", re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
    "\\": "\\", '"': '"',
}  # fmt: skip
_REFERENCE = re.compile(r"\u2068([^\u2069]*)\u2069(?::(\d+))?|(\S+)")


def _strings(rest: str, *, path: str, line: int, charset: str = "utf-8") -> list[str]:
    """The quoted strings making up ``rest`` (a line after its keyword), unescaped."""
    match = _STRING.match(rest)
    if match is not None and match.end() == len(rest):  # one string: the usual line
        return [_unescape(match.group(1), path=path, line=line, charset=charset)]
    values = []
    position = 0
    while position < len(rest):
        match = _STRING.match(rest, position)
        if match is None:
            if rest.startswith('"', position):
                raise CatalogError("unterminated string", path=path, line=line)
            raise CatalogError(f"unexpected text {_excerpt(rest[position:])}", path=path, line=line)
        values.append(_unescape(match.group(1), path=path, line=line, charset=charset))
        position = match.end()
    return values


def _unescape(body: str, *, path: str, line: int, charset: str = "utf-8") -> str:
    if "\\" not in body:
        return body
    pieces: list[str | bytes] = []
    position = 0
    for match in _ESCAPE.finditer(body):
        pieces.append(body[position : match.start()])
        pieces.append(_escaped(match, path=path, line=line))
        position = match.end()
    pieces.append(body[position:])
    if all(isinstance(piece, str) for piece in pieces):
        return "".join(piece for piece in pieces if isinstance(piece, str))
    # \ooo and \xhh stand for bytes of the file's charset
    data = b"".join(p if isinstance(p, bytes) else p.encode(charset) for p in pieces)
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        message = f"escaped bytes are not valid {charset}"
        raise CatalogError(message, path=path, line=line) from None


def _escaped(match: re.Match[str], *, path: str, line: int) -> str | bytes:
    simple, octal, hexa, bad = match.groups()
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    if bad is not None:
        raise CatalogError(f"invalid escape sequence \\{bad}", path=path, line=line)
    value = int(octal, 8) if octal is not None else int(hexa, 16)
    if value == 0 or value > 0xFF:
        raise CatalogError(f"invalid escape sequence {match.group()}", path=path, line=line)
    return chr(value) if value < 0x80 else bytes([value])


def _excerpt(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:27] + "...")


# Parsing


class _Entry:
    """An entry being read: its fields under polib's names, and where its parts were."""

    __slots__ = (
        "comment",
        "field",
        "flags",
        "index",
        "line",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "msgstr_plural",
        "obsolete",
        "occurrences",
        "parts",
        "previous_msgctxt",
        "previous_msgid",
        "previous_msgid_plural",
        "seen_keyword",
        "tcomment",
    )  # fmt: skip

    def __init__(self, line: int) -> None:
        self.comment: list[str] = []
        self.tcomment: list[str] = []
        self.occurrences: dict[tuple[str, str], None] = {}  # GNU drops repeats, across lines too
        self.flags: list[str] = []
        self.previous_msgctxt: str | None = None
        self.previous_msgid: str | None = None
        self.previous_msgid_plural: str | None = None
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.msgid_plural: str | None = None
        self.msgstr: str | None = None
        self.msgstr_plural: dict[int, str] = {}
        self.obsolete: bool | None = None  # None until a keyword line says
        self.line = line  # of the msgid, once seen
        self.field: str | None = None  # the field continuation strings extend
        self.parts: list[str] | None = None  # its strings so far, when it has several
        self.index = -1  # the msgstr[N] being read
        self.seen_keyword = False

    def extend(self, text: str) -> None:
        """Add a continuation string to the field being read (joined by :meth:`close`:
        adding to a string each time would make a long field quadratic)."""
        parts = self.parts
        if parts is None:
            field = self.field
            first = self.msgstr_plural[self.index] if field == "msgstr_plural" else getattr(
                self, field  # type: ignore[arg-type]
            )
            self.parts = [first, text]
        else:
            parts.append(text)

    def close(self) -> None:
        """Join the continuation strings of the field being read into its value."""
        parts = self.parts
        if parts is None:
            return
        self.parts = None
        text = "".join(parts)
        if self.field == "msgstr_plural":
            self.msgstr_plural[self.index] = text
        else:
            setattr(self, self.field, text)  # type: ignore[arg-type]

    def kwargs(self) -> dict[str, Any]:
        return {
            "msgid": self.msgid or "",
            "msgstr": self.msgstr or "",
            "msgid_plural": self.msgid_plural or "",
            "msgstr_plural": self.msgstr_plural,
            "msgctxt": self.msgctxt,
            "obsolete": bool(self.obsolete),
            "comment": "\n".join(self.comment),
            "tcomment": "\n".join(self.tcomment),
            "occurrences": list(self.occurrences),
            "flags": self.flags,
            "previous_msgctxt": self.previous_msgctxt,
            "previous_msgid": self.previous_msgid,
            "previous_msgid_plural": self.previous_msgid_plural,
            "linenum": self.line,
        }


class _Parser:
    """The grammar of a PO file, fed one line at a time."""

    def __init__(self, path: str, make_entry: Callable[..., Any], charset: str) -> None:
        self.path = path
        self.charset = charset
        self.make_entry = make_entry
        self.entries: list[Any] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.entry: _Entry | None = None
        self.line = 0

    def error(self, message: str, line: int | None = None) -> CatalogError:
        return CatalogError(message, path=self.path, line=self.line if line is None else line)

    # -- entries -------------------------------------------------------------------------

    def current(self) -> _Entry:
        """The entry that comments and keywords now belong to (a new one after msgstr)."""
        entry = self.entry
        if entry is None or entry.msgstr is not None or entry.msgstr_plural:
            self.finish()
            entry = self.entry = _Entry(self.line)
        return entry

    def before_keywords(self, what: str) -> _Entry:
        entry = self.current()
        if entry.seen_keyword:
            raise self.error(f"{what} inside an entry, after its keywords")
        return entry

    def finish(self) -> None:
        entry = self.entry
        self.entry = None
        if entry is None:
            return
        entry.close()
        if entry.msgid is None:
            if entry.msgctxt is not None:
                raise self.error("msgctxt without msgid", entry.line)
            if entry.field is not None:
                raise self.error("#| previous msgid without an entry", entry.line)
            raise self.error("comment not attached to any entry", entry.line)
        if entry.msgstr is None and not entry.msgstr_plural:
            missing = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
            raise self.error(f"msgid without {missing}", entry.line)
        if "\x04" in entry.msgid or "\x04" in (entry.msgctxt or ""):
            raise self.error(
                "EOT (\\004, gettext's context separator) inside msgid or msgctxt", entry.line
            )
        key = (entry.msgctxt, entry.msgid)
        first = self.seen.get(key)
        if first is not None:
            what = "header" if key == (None, "") else "message definition"
            raise self.error(f"duplicate {what} (first at line {first})", entry.line)
        self.seen[key] = entry.line
        self.entries.append(self.make_entry(**entry.kwargs()))

    # -- lines ---------------------------------------------------------------------------

    def strings(self, text: str) -> list[str]:
        return _strings(text, path=self.path, line=self.line, charset=self.charset)

    def feed(self, number: int, line: str) -> None:
        self.line = number
        stripped = line.lstrip(" \t\f\v")
        if not stripped:
            return
        if stripped[0] == "#":
            self.comment_line(stripped)
        elif stripped[0] == '"':
            self.continuation(self.strings(stripped), obsolete=False)
        else:
            self.keyword_line(stripped, obsolete=False, previous=False)

    def comment_line(self, text: str) -> None:
        kind = text[1:2]
        if kind == "~":
            self.obsolete_line(text[2:])
        elif kind == "|":
            self.previous_line(text[2:].lstrip(" \t\f\v"), obsolete=False)
        elif kind == ",":
            flags = self.before_keywords("#, flags").flags
            for flag in _flags(text[2:]):
                # a repeated flag, on this line or another, means nothing more
                if flag not in flags:
                    flags.append(flag)
        elif kind == ".":
            body = text[2:]
            self.before_keywords("#. comment").comment.append(body[1:] if body[:1] == " " else body)
        elif kind == ":":
            self.before_keywords("#: reference").occurrences.update(
                dict.fromkeys(_references(text[2:]))
            )
        else:
            body = text[1:]
            self.before_keywords("# comment").tcomment.append(body[1:] if body[:1] == " " else body)

    def obsolete_line(self, rest: str) -> None:
        if rest.startswith("|"):
            self.previous_line(rest[1:].lstrip(" \t\f\v"), obsolete=True)
            return
        body = rest.lstrip(" \t\f\v")
        if not body:
            return
        if body[0] == '"':
            self.continuation(self.strings(body), obsolete=True)
        elif body.startswith("#|"):  # "#~ #| msgid ...", as some old tools write it
            self.previous_line(body[2:].lstrip(" \t\f\v"), obsolete=True)
        elif body[0] == "#":
            self.comment_line(body)
        else:
            self.keyword_line(body, obsolete=True, previous=False)

    def previous_line(self, body: str, *, obsolete: bool) -> None:
        if not body:
            return
        if body[0] == '"':
            self.continuation(self.strings(body), obsolete=obsolete, previous=True)
        else:
            self.keyword_line(body, obsolete=obsolete, previous=True)

    def keyword_line(self, text: str, *, obsolete: bool, previous: bool) -> None:
        match = _KEYWORD_LINE.match(text)
        if match is None:
            raise self.error(f"syntax error: {_excerpt(text)}")
        keyword, index, rest = match.groups()
        values = self.strings(rest)
        if keyword == "domain":
            raise self.error("domain directives are not supported")
        if previous:
            self.previous_keyword(keyword, values, obsolete=obsolete)
        else:
            self.message_keyword(keyword, index, values, obsolete=obsolete)

    def previous_keyword(self, keyword: str, values: list[str], *, obsolete: bool) -> None:
        entry = self.current()
        if entry.msgid is not None or entry.msgctxt is not None:
            raise self.error("#| previous line after the entry's msgid")
        field = "previous_" + keyword
        if keyword not in ("msgctxt", "msgid", "msgid_plural") or getattr(entry, field) is not None:
            raise self.error(f"unexpected #| {keyword}")
        self.mark_obsolete(entry, obsolete)
        entry.close()
        setattr(entry, field, "".join(values))
        entry.field = field

    def message_keyword(
        self, keyword: str, index: str | None, values: list[str], *, obsolete: bool
    ) -> None:
        if keyword == "msgctxt" or keyword == "msgid":
            entry = self.current()
            if entry.msgid is not None:
                raise self.error("msgid without msgstr", entry.line)
            if keyword == "msgctxt" and entry.msgctxt is not None:
                raise self.error("duplicate msgctxt")
            entry.line = self.line
        else:
            entry = self.entry_with_msgid(keyword)
        self.mark_obsolete(entry, obsolete)
        entry.close()
        entry.seen_keyword = True
        text = "".join(values)
        if keyword.startswith("msgstr") and keyword != "msgstr":
            self.plural_form(entry, index or "0", text)
            return
        if keyword == "msgstr" and entry.msgid_plural is not None:
            raise self.error("msgstr after msgid_plural: expected msgstr[0]")
        if keyword == "msgid_plural" and entry.msgid_plural is not None:
            raise self.error("duplicate msgid_plural")
        setattr(entry, keyword, text)
        entry.field = keyword

    def entry_with_msgid(self, keyword: str) -> _Entry:
        entry = self.entry
        if entry is None or entry.msgid is None:
            raise self.error(f"{keyword} without msgid")
        if keyword == "msgstr" and entry.msgstr is not None:
            raise self.error("duplicate msgstr")
        if keyword == "msgid_plural" and (entry.msgstr is not None or entry.msgstr_plural):
            raise self.error("msgid_plural after msgstr")
        return entry

    def plural_form(self, entry: _Entry, digits: str, text: str) -> None:
        if entry.msgid_plural is None:
            raise self.error("msgstr[N] without msgid_plural")
        if entry.msgstr is not None:
            raise self.error("msgstr[N] after msgstr")
        index = int(digits) if len(digits) <= 9 else -1
        expected = len(entry.msgstr_plural)
        if index != expected:
            raise self.error(
                f"plural form msgstr[{_excerpt(digits)[1:-1]}] out of order: "
                f"expected msgstr[{expected}]"
            )
        if index >= MAX_NPLURALS:
            raise self.error(
                f"plural form msgstr[{index}]: no language has more than {MAX_NPLURALS} "
                f"plural forms"
            )
        entry.msgstr_plural[index] = text
        entry.index = index
        entry.field = "msgstr_plural"

    def mark_obsolete(self, entry: _Entry, obsolete: bool) -> None:
        if entry.obsolete is None:
            entry.obsolete = obsolete
        elif entry.obsolete != obsolete:
            raise self.error("inconsistent use of #~ within an entry")

    def continuation(self, values: list[str], *, obsolete: bool, previous: bool = False) -> None:
        entry = self.entry
        if entry is None or entry.field is None:
            raise self.error("string without a keyword")
        if previous != entry.field.startswith("previous_"):
            raise self.error("continuation string does not match the line above")
        self.mark_obsolete(entry, obsolete)
        entry.extend(values[0] if len(values) == 1 else "".join(values))


def _flags(text: str) -> list[str]:
    return [flag for flag in (part.strip() for part in text.split(",")) if flag]


def _references(text: str) -> list[tuple[str, str]]:
    if "\u2068" not in text:  # no name isolated for its spaces: tokens are what \S+ matches
        result = [_reference(token) for token in text.split()]
    else:
        result = []
        for match in _REFERENCE.finditer(text):
            isolated, isolated_line, token = match.groups()
            if token is None:
                result.append((isolated, isolated_line or ""))
            else:
                result.append(_reference(token))
    unique: dict[tuple[str, str], None] = dict.fromkeys(result)  # GNU drops duplicates
    return list(unique)


def _reference(token: str) -> tuple[str, str]:
    name, colon, number = token.rpartition(":")
    if colon and name and number.isdigit():
        return name, number
    return token, ""


def _lines(text: str) -> list[str]:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


# An entry as GNU and l10n write it, read at once instead of line by line: comments of
# the usual kinds, msgctxt, msgid and msgstr, each string alone on its line, with no
# space around. Whatever else an entry holds (obsolete or previous lines, plural forms,
# odd spacing, a bad escape) is read by the line parser, which knows every rule.
_QUOTED = r'"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"'  # (unrolled: a loop of one class is fast)
_FIELD = rf"{_QUOTED}(?:\n{_QUOTED})*"
_SIMPLE_ENTRY = re.compile(
    r"((?:#(?:[ .:,][^\n]*)?\n)*)"  # 1: comments
    rf"(?:msgctxt ({_FIELD})\n)?"  # 2: msgctxt
    rf"msgid ({_FIELD})\n"  # 3: msgid
    rf"msgstr ({_FIELD})(?:\n|\Z)"  # 4: msgstr
)
_QUOTED_BODY = re.compile(r'"([^"\\\n]*(?:\\[^\n][^"\\\n]*)*)"')


_CONTINUED_COMMENT = re.compile(r"^#[^\n]*\\$", re.MULTILINE)
CONTINUED_COMMENT = (
    "a comment line ending in a backslash: GNU gettext reads the next line as part of it "
    "(end the comment with another character)"
)


def _refuse_continued_comments(text: str, *, path: str) -> None:
    """GNU's lexer joins a line ending in ``\\`` with the next one, comments included:
    such a file means something else to msgfmt than it shows; refuse it with its line."""
    if found := _CONTINUED_COMMENT.search(text):
        line = text.count("\n", 0, found.start()) + 1
        raise CatalogError(CONTINUED_COMMENT, path=path, line=line)


def parse_po(
    text: str, *, path: str, make_entry: Callable[..., E], charset: str = "utf-8"
) -> list[E]:
    """Entries of a PO file in file order, header (``msgid ""``) included.

    ``make_entry`` receives polib's keyword arguments (``msgid``, ``msgstr``,
    ``msgid_plural``, ``msgstr_plural``, ``msgctxt``, ``obsolete``, ``comment``,
    ``tcomment``, ``occurrences``, ``flags``, ``previous_msgctxt``, ``previous_msgid``,
    ``previous_msgid_plural``, ``linenum``). ``charset`` is the file's, for ``\\ooo``
    escapes of non-ASCII bytes. Raises :class:`CatalogError` with the line
    of the first problem.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_continued_comments(text, path=path)
    parser = _Parser(path, make_entry, charset)
    size = len(text)
    position = 0
    number = 1  # of the line at ``position``
    simple = _SIMPLE_ENTRY.match
    while position < size:
        head = text[position]
        if head == "\n":  # a blank line
            position += 1
            number += 1
            continue
        entry = parser.entry
        if (head == "#" or head == "m") and (
            entry is None or entry.msgstr is not None or entry.msgstr_plural
        ):
            match = simple(text, position)
            if match is not None:
                read = _simple_entry(match, number, parser)
                if read is not None:
                    if entry is not None:
                        parser.finish()
                    parser.entry = read
                    end = match.end()
                    number += text.count("\n", position, end)
                    position = end
                    continue
        end = text.find("\n", position)
        if end < 0:
            end = size
        _read_line(parser, number, text[position:end])
        position = end + 1
        number += 1
    parser.line = text.count("\n") + 1  # the last line
    if parser.entry is not None:
        entry = parser.entry
        if entry.msgid is not None and entry.msgstr is None and not entry.msgstr_plural:
            what = "msgstr[0]" if entry.msgid_plural is not None else "msgstr"
            raise parser.error(f"unexpected end of file: msgid without {what}", entry.line)
        parser.finish()
    return parser.entries


def _simple_entry(match: re.Match[str], number: int, parser: _Parser) -> _Entry | None:
    """The entry ``match`` (of ``_SIMPLE_ENTRY``) holds, starting at line ``number``; None
    when its strings need the line parser (an escape it refuses, with the line)."""
    comments, msgctxt, msgid, msgstr = match.groups()
    try:
        context = None if msgctxt is None else _field_text(msgctxt, parser)
        ident = _field_text(msgid, parser)
        translation = _field_text(msgstr, parser)
    except CatalogError:
        return None
    entry = _Entry(number)
    if comments:
        lines = comments.split("\n")
        lines.pop()  # after the last line end
        for line in lines:
            kind = line[1:2]
            if kind == " " or not kind:
                entry.tcomment.append(line[2:])
            elif kind == ".":
                body = line[2:]
                entry.comment.append(body[1:] if body[:1] == " " else body)
            elif kind == ":":
                entry.occurrences.update(dict.fromkeys(_references(line[2:])))
            else:
                flags = entry.flags
                for flag in _flags(line[2:]):
                    if flag not in flags:
                        flags.append(flag)
        number += len(lines)
    if msgctxt is not None:
        entry.msgctxt = context
        number += msgctxt.count("\n") + 1
    entry.line = number  # of the msgid
    entry.msgid = ident
    entry.msgstr = translation
    entry.obsolete = False
    entry.seen_keyword = True
    entry.field = "msgstr"
    return entry


def _field_text(strings: str, parser: _Parser) -> str:
    bodies = _QUOTED_BODY.findall(strings)
    if "\\" in strings:
        charset, path = parser.charset, parser.path
        bodies = [_unescape(body, path=path, line=0, charset=charset) for body in bodies]
    return bodies[0] if len(bodies) == 1 else "".join(bodies)


def _read_line(parser: _Parser, number: int, line: str) -> None:
    """One line by the line parser, the usual ones without its general dispatch."""
    if not line:
        return
    head = line[0]
    if head == '"':  # a continuation string, alone on its line
        entry = parser.entry
        match = _STRING.match(line)
        if (
            match is not None
            and match.end() == len(line)
            and entry is not None
            and entry.obsolete is False
            and entry.field is not None
            and entry.field[0] != "p"  # not a previous_ field
        ):
            body = match.group(1)
            if "\\" not in body:
                entry.extend(body)
                return
    parser.feed(number, line)
