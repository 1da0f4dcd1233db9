"""Where GNU gettext breaks long PO strings: UAX #14 line breaking, as libunistring does it.

``msgcat``/``msgmerge`` wrap a string at the line-break opportunities of Unicode's line
breaking algorithm (UAX #14) as GNU libunistring implements it, then fill lines greedily
up to the page width, counting East Asian wide characters as two columns. Writing
catalogs byte for byte as GNU does needs the same decisions, so this module mirrors
libunistring 1.0 (the one GNU gettext 0.21 links): its class resolution (AI, SA, XX -> AL;
CB -> ID; CJ -> NS), its pair table (measured from the library, checked against ``msgcat``
by ``tests/test_pofile.py``), its handling of spaces, combining marks, ZWJ, regional
indicators and Hebrew hyphens, and its greedy filler with per-position overrides.

Characters get their Line_Break class from the ``regex`` module's Unicode data (imported
on first use) and their width from :mod:`unicodedata`.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MANDATORY", "POSSIBLE", "PROHIBITED", "break_opportunities", "fill", "text_width"]

PROHIBITED = 1
POSSIBLE = 2
MANDATORY = 3

_PAIR_CLASSES = [
    "WJ",
    "GL",
    "B2",
    "BA",
    "BB",
    "HY",
    "CL",
    "CP",
    "EX",
    "IN",
    "NS",
    "OP",
    "QU",
    "IS",
    "NU",
    "PO",
    "PR",
    "SY",
    "AL",
    "H2",
    "H3",
    "ID",
    "JL",
    "JV",
    "JT",
    "HL",
    "RI",
    "EB",
    "EM",
    "OPW",
]
# Break between a character of the row's class and one of the column's class:
# D direct (always), I indirect (only with spaces between), P prohibited.
_PAIR_TABLE = (
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # WJ
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # GL
    "PIPIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # B2
    "PDDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # BA
    "PIIIIIPPPIIIIPIIIPIIIIIIIIIIII",  # BB
    "PDDIDIPPPIIDIPIDDPDDDDDDDDDDDD",  # HY
    "PIDIDIPPPIPDIPDIIPDDDDDDDDDDDD",  # CL
    "PIDIDIPPPIIDIPIIIPIDDDDDDIDDDD",  # CP
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # EX
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # IN
    "PIDIDIPPPIIDIPDDDPDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP
    "PIIIIIPPPIIPIPIIIPIIIIIIIIIIIP",  # QU
    "PIDIDIPPPIIDIPIDDPDDDDDDDDDDDD",  # IS
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # NU
    "PIDIDIPPPIIIIPIDDPIDDDDDDIDDDI",  # PO
    "PIDIDIPPPIIIIPIDDPIIIIIIIIDIII",  # PR
    "PIDIDIPPPIIDIPIDDPDDDDDDDIDDDD",  # SY
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # AL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDDDDD",  # H2
    "PIDIDIPPPIIDIPDIDPDDDDDDIDDDDD",  # H3
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDDD",  # ID
    "PIDIDIPPPIIDIPDIDPDIIDIIDDDDDD",  # JL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDDDDD",  # JV
    "PIDIDIPPPIIDIPDIDPDDDDDDIDDDDD",  # JT
    "PIDIDIPPPIIIIPIIIPIDDDDDDIDDDD",  # HL
    "PIDIDIPPPIIDIPDDDPDDDDDDDDIDDD",  # RI
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDID",  # EB
    "PIDIDIPPPIIDIPDIDPDDDDDDDDDDDD",  # EM
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OPW
)
_N = len(_PAIR_CLASSES)
SP, BK, CM, ZWJ, ZW, HL_BA = range(_N, _N + 6)
_AL = _PAIR_CLASSES.index("AL")
_HL = _PAIR_CLASSES.index("HL")
_HY = _PAIR_CLASSES.index("HY")
_BA = _PAIR_CLASSES.index("BA")
_RI = _PAIR_CLASSES.index("RI")
_EXTRA = {"SP": SP, "BK": BK, "CM": CM, "ZWJ": ZWJ, "ZW": ZW}
# Classes libunistring resolves to others (or that newer Unicode data has and 14.0 lacked).
_RESOLVED = {
    "AI": "AL", "SA": "AL", "XX": "AL", "SG": "AL", "CB": "ID", "CJ": "NS",
    "NL": "BK", "CR": "BK", "LF": "BK",
    "AK": "AL", "AP": "AL", "AS": "AL", "VF": "AL", "VI": "AL",
}  # fmt: skip
_AMBIGUOUS_DOTS = (0xB7, 0x387)  # middle dots: AI in Unicode 14, IS in newer data
_SPACING_MARKS = (0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F)  # Mn that libunistring counts as 1
_WIDE_UNASSIGNED = (
    (0x2E80, 0x303E), (0x3040, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE6F),
    (0xFF00, 0xFF60), (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF),
)  # fmt: skip
_DIRECT, _INDIRECT, _NEVER = 0, 1, 2
_TABLE: tuple[tuple[int, ...], ...] = tuple(
    tuple("DIP".index(cell) for cell in row) for row in _PAIR_TABLE
)


class _ClassCache(dict[str, int]):
    """Character -> class number, computed on first sight from ``regex``'s Unicode data."""

    def __init__(self) -> None:
        super().__init__()
        self._pattern: Any = None

    def __missing__(self, char: str) -> int:
        value = self[char] = _class_number(_class_name(char, self._compiled()), char)
        return value

    def _compiled(self) -> Any:
        if self._pattern is None:
            import regex

            names = sorted((set(_PAIR_CLASSES) - {"OPW"}) | set(_EXTRA) | set(_RESOLVED) | {"HH"})
            self._pattern = regex.compile("|".join(rf"(?P<{n}>\p{{lb={n}}})" for n in names))
        return self._pattern


def _class_name(char: str, pattern: Any) -> str:
    """The Line_Break class libunistring 1.0 (Unicode 14) gives ``char``."""
    code = ord(char)
    if unicodedata.category(char) == "Cn":  # unassigned in Unicode 14
        return "ID" if 0x1F000 <= code <= 0x1FFFD or 0x20000 <= code <= 0x3FFFD else "AL"
    if code in _AMBIGUOUS_DOTS:
        return "AL"
    match = pattern.match(char)
    name = match.lastgroup if match else "AL"
    if name == "HH":  # Unicode 16 split these hyphens off BA
        return "BA"
    if name == "OP" and unicodedata.east_asian_width(char) in ("F", "W", "H"):
        return "OPW"  # LB30 lets a line break between a letter and a wide bracket
    return _RESOLVED.get(name, name)


def _class_number(name: str, char: str) -> int:
    return _EXTRA[name] if name in _EXTRA else _PAIR_CLASSES.index(name)


_CLASSES = _ClassCache()
_CHAR_BASE = 0x30  # classes as characters, so that str.translate computes them all at once
_SP_CHAR = chr(_CHAR_BASE + SP)
# Classes whose effect reaches past the previous non-space character.
_SPECIAL = re.compile("[" + "".join(chr(_CHAR_BASE + c) for c in (BK, CM, ZWJ, ZW, _RI, _HL)) + "]")


def _direct_pairs() -> re.Pattern[str]:
    """Two classes between which a line may break even without a space."""
    groups: dict[str, list[str]] = {}
    for left, row in enumerate(_TABLE):
        rights = "".join(
            chr(_CHAR_BASE + right) for right, rule in enumerate(row) if rule == _DIRECT
        )
        if rights:
            groups.setdefault(rights, []).append(chr(_CHAR_BASE + left))
    parts = [
        f"[{re.escape(''.join(lefts))}](?=[{re.escape(rights)}])"
        for rights, lefts in groups.items()
    ]
    return re.compile("|".join(parts))


_DIRECT_PAIR = _direct_pairs()


class _ClassChars(dict[int, str]):
    """Code point -> its class as a character, for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        value = self[code] = chr(_CHAR_BASE + _CLASSES[chr(code)])
        return value


_CLASS_CHARS = _ClassChars()
_ASCII_CLASSES: list[bytes] = []  # the classes of ASCII as a bytes.translate table, once made


def _classes(text: str) -> str:
    """The class of each character of ``text``, as characters (see ``_CHAR_BASE``)."""
    if not text.isascii():
        return text.translate(_CLASS_CHARS)
    if not _ASCII_CLASSES:
        table = bytes(ord(_CLASS_CHARS[code]) for code in range(128)) + bytes(range(128, 256))
        _ASCII_CLASSES.append(table)
    return text.encode("ascii").translate(_ASCII_CLASSES[0]).decode("ascii")


def _char_width(char: str) -> int:
    """Columns a character takes, as libunistring's ``uc_width`` counts them (controls: 0)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return 1 if code in _SPACING_MARKS else 0
    if category == "Cn":  # unassigned in Unicode 14: wide only in the CJK blocks
        return 2 if any(low <= code <= high for low, high in _WIDE_UNASSIGNED) else 1
    if 0x1160 <= code < 0x1200 or 0xD7B0 <= code < 0xD800 or code == 0x200B:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _WidthCache(dict[str, int]):
    def __missing__(self, char: str) -> int:
        value = self[char] = _char_width(char)
        return value


_WIDTHS = _WidthCache()


def text_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (what GNU compares with the page width)."""
    if text.isascii() and text.isprintable():
        return len(text)
    widths = _WIDTHS
    return sum(widths[char] for char in text)


def break_opportunities(text: str) -> list[int]:
    """For each character, whether a line may break just before it.

    Returns one of :data:`PROHIBITED`, :data:`POSSIBLE`, :data:`MANDATORY` per character.
    """
    classes = _CLASSES
    table = _TABLE
    result = [PROHIBITED] * len(text)
    last = BK  # class of the last non-space character
    prev = BK  # class of the previous character
    spaces = False  # a space since the last non-space character
    ri_count = 0
    for i, char in enumerate(text):
        cls = classes[char]
        if cls == BK:
            result[i] = MANDATORY
            last = prev = BK
            spaces = False
            ri_count = 0
            continue
        if cls == SP:
            spaces = True
        elif cls == ZW:
            last = ZW
            spaces = False
        elif cls in (CM, ZWJ):
            if last == BK:
                last = _AL
                spaces = False
            elif last == ZW or spaces:
                result[i] = POSSIBLE
                last = _AL
                spaces = False
        else:
            if last == BK:
                pass
            elif last == ZW:
                result[i] = POSSIBLE
            elif prev == ZWJ:
                pass
            elif last == _RI and cls == _RI:
                if spaces or ri_count % 2 == 0:
                    result[i] = POSSIBLE
            elif prev == HL_BA:
                pass
            else:
                rule = table[last][cls]
                if rule == _DIRECT or (rule == _INDIRECT and spaces):
                    result[i] = POSSIBLE
            last = cls
            spaces = False
        prev = HL_BA if prev == _HL and cls in (_HY, _BA) else cls
        ri_count = ri_count + 1 if cls == _RI else 0
    return result


def fill(
    text: str,
    *,
    width: int,
    start_column: int,
    overrides: Mapping[int, int] | None = None,
) -> list[int]:
    """Positions before which a line must break so that lines fit ``width`` columns.

    Greedy filling as libunistring's ``u8_width_linebreaks``: ``start_column`` is the
    column where ``text`` starts, ``overrides`` maps positions to a forced
    :data:`PROHIBITED` or :data:`POSSIBLE`.
    """
    narrow = text.isascii() and text.isprintable()
    total = len(text) if narrow else text_width(text)
    if start_column + total <= width:
        return []
    classes = _classes(text)
    widths: Sequence[int] | None = None if narrow else [_WIDTHS[char] for char in text]
    if _SPECIAL.search(classes) is None:
        cumulative = None if widths is None else list(itertools.accumulate(widths, initial=0))
        lines = _Lines(classes, cumulative, overrides or {})
        return lines.breaks(width=width, start_column=start_column)
    breaks = break_opportunities(text)
    if overrides:
        for position, value in overrides.items():
            breaks[position] = value
    return _greedy(breaks, widths, width=width, start_column=start_column)


class _Lines:
    """The greedy filler for text without the classes that need the full state machine.

    A break before position ``i`` then depends only on the classes of ``i`` and of the
    last non-space character before it, and on whether spaces come between; so each
    line needs only the opportunities near its end, found by looking back from the
    first column past the width.
    """

    def __init__(
        self, classes: str, cumulative: list[int] | None, overrides: Mapping[int, int]
    ) -> None:
        self.classes = classes
        self.cumulative = cumulative
        self.overrides = overrides
        self.forced = sorted(overrides)  # positions, to find those of a line by bisection

    def breaks(self, *, width: int, start_column: int) -> list[int]:
        size = len(self.classes)
        result: list[int] = []
        start, column = 0, start_column
        while True:
            room = width - column
            if self._width(start, size) <= room:
                return result
            limit = self._last_fitting(start, room)
            found = self.last_possible(start, min(limit, size - 1))
            if found is None:
                after = range(max(limit + 1, start + 1), size)
                found = next((i for i in after if self.possible(i)), None)
                if found is None:
                    return result
            result.append(found)
            start, column = found, 0

    def last_possible(self, low: int, high: int) -> int | None:
        """The last break opportunity in ``(low, high]``."""
        forced = self.forced
        if forced:
            first = bisect.bisect_right(forced, low)
            if first < len(forced) and forced[first] <= high:
                return next((i for i in range(high, low, -1) if self.possible(i)), None)
        classes = self.classes
        while high > low:
            space = classes.rfind(_SP_CHAR, low, high)
            after_space = space + 1 if space >= 0 else low
            direct = None
            for match in _DIRECT_PAIR.finditer(classes, after_space, high + 1):
                direct = match.start() + 1
            if direct is not None:
                return direct
            if space < 0:
                return None
            if classes[after_space] != _SP_CHAR and self.possible(after_space):
                return after_space
            high = space
            while high > low and classes[high] == _SP_CHAR:
                high -= 1
        return None

    def _width(self, start: int, end: int) -> int:
        if self.cumulative is None:
            return end - start
        return self.cumulative[end] - self.cumulative[start]

    def _last_fitting(self, start: int, room: int) -> int:
        """The largest position ``p`` with ``width(start..p) <= room``."""
        if self.cumulative is None:
            return start + room
        return bisect.bisect_right(self.cumulative, self.cumulative[start] + room) - 1

    def possible(self, position: int) -> bool:
        forced = self.overrides.get(position)
        if forced is not None:
            return forced == POSSIBLE
        classes = self.classes
        current = ord(classes[position]) - _CHAR_BASE
        if current == SP:
            return False
        before = position - 1
        while before >= 0 and classes[before] == _SP_CHAR:
            before -= 1
        if before < 0:
            return False
        rule = _TABLE[ord(classes[before]) - _CHAR_BASE][current]
        return rule == _DIRECT or (rule == _INDIRECT and before < position - 1)


def _greedy(
    breaks: list[int], widths: Sequence[int] | None, *, width: int, start_column: int
) -> list[int]:
    result: list[int] = []
    last_break: int | None = None
    column = start_column  # column where the current piece starts
    piece_start = 0  # index where the current piece starts
    piece = 0
    for i, kind in enumerate(breaks):
        if kind == PROHIBITED:
            continue
        piece = _span_width(widths, piece_start, i)
        if last_break is not None and column + piece > width:
            result.append(last_break)
            column = 0
        if kind == MANDATORY:
            last_break = None
            column = 0
            piece_start = i + 1
        else:
            last_break = i
            column += piece
            piece_start = i
    piece = _span_width(widths, piece_start, len(breaks))
    if last_break is not None and column + piece > width:
        result.append(last_break)
    return result


def _span_width(widths: Sequence[int] | None, start: int, end: int) -> int:
    if widths is None:
        return end - start
    return sum(widths[start:end])
